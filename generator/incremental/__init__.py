"""Incremental: what the last build read and wrote (`record`), the facts cache (`cache`) and the plan
of one build (`plan`), so that a build redoes only what changed."""
