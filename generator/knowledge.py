"""The knowledge graph of a folder of sources, as `generate` would build it, without writing
a page: what `briefing export` prints and the Python API's `knowledge_graph()` returns.

It reads what `generate` reads (the sources, the extraction cache, the readers' curation in
content/'s front matter and mkdocs.yml) and writes only to the extraction cache, which holds
what was parsed, so the next run does not parse it again.
"""

from __future__ import annotations

from generator.extract.corpus import Extraction, Progress, begin, no_progress
from generator.incremental.record import Store
from generator.read.curation import read_page_curation
from generator.read.pages import read_pages
from generator.read.sources import read_sources
from generator.render.whatsnew import WhatsNew
from generator.resolve.corrections import read_written_titles
from generator.resolve.curated import curated_graph, place_pages
from .config import Settings
from .exceptions import Problem
from .model import Graph


def knowledge_graph(settings: Settings, progress: Progress = no_progress,
                    extraction: Extraction | None = None) -> tuple[Graph, list[Problem]]:
    """The graph and the problems met on the way (sources that could not be read, curation
    that does not parse). `extraction`: as for `generate`."""
    extraction = extraction or begin(settings)
    problems: list[Problem] = []
    try:
        sources, read_problems = read_sources(settings.sources, settings.max_source_bytes, {})
        problems += read_problems
        extraction.start(sources)
        pages = read_pages(settings.content) if settings.content.is_dir() else {}
        curated, curation_problems = read_page_curation(pages, Store(settings.cache_dir, settings.content).curation())
        problems += curation_problems
        facts, _ = extraction.finish(progress)
        problems += extraction.problems
    finally:
        extraction.close()
    graph, fixed, _ = curated_graph(settings, sources, facts, curated, pages, None,
                                    WhatsNew(settings.content).last, read_written_titles(settings.content))
    problems += fixed
    graph, _ = place_pages(graph, pages, curated)
    return graph, problems
