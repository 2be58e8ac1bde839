"""Resolve: the facts of every source into one `Graph`: names merged into actors, reports of one
event merged, events linked to agreements, and the human's curation applied."""
