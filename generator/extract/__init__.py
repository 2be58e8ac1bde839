"""Extract: one source's text in, plain facts (`DocFacts`) out; pure, so cached and run in parallel.

`document` makes one document's facts from its parse; `corpus` runs that over every source of a
build, with the facts cache and the worker processes (`workers`, `fanout`)."""
