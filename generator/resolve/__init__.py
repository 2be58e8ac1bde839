"""Resolve: the facts of every source into one `Graph`: names merged into actors, reports of one
event merged, events linked to agreements, the human's curation applied, and the graph as the
export's JSON."""
