"""Incremental: what the last build read and wrote (`record`) and the facts cache (`cache`), so that a
build redoes only what changed."""
