"""Render: the graph as Markdown pages (with their marked regions), the site data and the export."""
