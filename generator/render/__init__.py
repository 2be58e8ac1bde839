"""Render: the graph as Markdown pages (with their marked regions), redirects, What's new and the
site data."""
