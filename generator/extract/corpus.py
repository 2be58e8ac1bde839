"""Facts for every source: from the cache when the text and the pipeline are unchanged, else
from the model in worker processes.

A run begins here (`begin`), before it imports the rest of the generator: where a source file
is new, a worker starts loading the model at once, so it is ready by the time the sources are
read. This module imports nothing heavy for that reason.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from generator.config import LARGE_CORPUS, Settings
from generator.exceptions import Problem
from generator.incremental.cache import FactsCache
from generator.incremental.record import Store, code_digest, listing, listing_digest
from generator.model import DocFacts, Sentence, Source
from generator.read.sources import reader_for
from . import nlp as nlp_module
from .shingles import signature

Progress = Callable[[str, int], Callable[[int], None]]


def no_progress(label: str, total: int) -> Callable[[int], None]:
    return lambda n=1: None


def begin(settings: Settings) -> "Extraction":
    """This run's extraction, its worker already loading the model if a source file is new:
    one the last run did not read as it is now likely brings new text. The run's other
    inputs are looked at first: when they are the last run's, no file is new."""
    extraction = Extraction(settings)
    store = Store(settings.cache_dir, settings.content)
    if store.summary().inputs != extraction.inputs:
        extraction.last_read = last_read = store.sources_read(extraction.code)
        if any((path, *info) not in last_read for path, info in extraction.source_files.items()
               if reader_for(path)):
            extraction.load_ahead()
    return extraction


def run_inputs(settings: Settings, code: str, source_files: dict) -> str:
    """Everything a run reads but content/: generator, model, settings, the sources' files."""
    parts = [code, str(settings.sources),
             str(settings.content), repr(settings.max_source_bytes), repr(sorted(settings.aliases.items())),
             repr(sorted(settings.ignore)), listing_digest(source_files),
             repr((settings.site_name, settings.site_url, settings.directory_urls))]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class Extraction:
    """Facts for every source. Also what a run knows before reading them: its code (the
    generator's and the model's), its sources' listing and inputs, and the sources as the last
    run read them (None where not read)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.model = nlp_module.choose_model(settings.model)
        self.fingerprint = fingerprint = nlp_module.fingerprint(self.model)
        # How much of each source is published changes the pages as a change to the code would:
        # it is part of what the record of pages is kept for (the facts' cache is keyed apart).
        self.source_files = listing(settings.sources)
        # Whether search indexes the sources' text: as set, else unless the corpus is large.
        self.search_sources = settings.search_sources if settings.search_sources is not None \
            else len(self.source_files) <= LARGE_CORPUS
        self.code = code_digest() + fingerprint + f"\0publish_sources={settings.publish_sources}" \
            + f"\0search_sources={self.search_sources}"
        self.inputs = run_inputs(settings, self.code, self.source_files)
        self.last_read: dict | None = None
        self.cache = FactsCache(settings.cache_dir, fingerprint)
        self.sources: list[Source] = []
        self.missing: list[Source] = []
        self.workers = []
        self.warm = None
        self.problems: list[Problem] = []       # sources whose extraction failed

    def load_ahead(self) -> None:
        """A source file is new: workers start loading the model at once, before the sources
        are read, and parse while this process reads the rest. One on a rebuild (the last run
        read sources), which likely brings a few new texts; all of them (if more than one) when
        the cache has no facts at all for this pipeline, so everything is to be parsed."""
        from .workers import Warm

        # Not when this process holds the model already (a long-lived `mkdocs serve`), nor
        # when a cluster's workers parse.
        if nlp_module.is_loaded(self.model) or self.settings.executor == "dask":
            return
        if self.cache.empty():
            # One process parses in this one, keeping the model for the next run if it lives on.
            self.warm = Warm(self.model, self.settings.processes) if self.settings.processes > 1 else None
        elif self.last_read:
            self.warm = Warm(self.model)

    def start(self, sources: list[Source]) -> None:
        self.sources = sources
        self.missing = [s for s in sources if not self.cache.has(s.sha256, s.date)]
        self.workers = self._start(self.missing)
        if self.warm is not None and not self.missing:
            self.warm.close()

    def _start(self, sources: list[Source]):
        if not sources:
            return []
        if self.settings.executor == "dask":
            from .cluster import extract_on_cluster

            return extract_on_cluster(sources, self.model, self.fingerprint, self.settings.scheduler)
        from .workers import extract_many

        # A worker even for one process when there are cached facts to read meanwhile.
        background = len(sources) < len(self.sources) and not nlp_module.is_loaded(self.model)
        return extract_many(sources, self.model, self.settings.processes, background=background,
                            warm=self.warm)

    def finish(self, progress: Progress) -> tuple[list[DocFacts], int]:
        """Every source's facts, and how many were extracted."""
        facts: dict[str, DocFacts] = {}
        unreadable = []             # entries there but damaged: extracted again, after the others
        waiting = {s.id for s in self.missing}
        for source in self.sources:
            if source.id not in waiting:
                cached = self.cache.get(source.sha256, source.id, source.date)
                if cached is None:
                    unreadable.append(source)
                else:
                    facts[source.id] = cached
        tick = progress("extracting", len(self.missing) + len(unreadable))
        by_id = {s.id: s for s in self.sources}
        for workers in (self.workers, self._start(unreadable)):
            for chunk in workers:
                for item in chunk:
                    if not isinstance(item, DocFacts):      # workers.Unextracted
                        source = by_id[item.source_id]
                        self.problems.append(Problem(source.path, f"its facts could not be extracted "
                                                     f"({item.error}): published as plain text; please "
                                                     "report this, with the file"))
                        facts[item.source_id] = _plain(source)
                        continue
                    self.cache.put(item, by_id[item.source_id].date)
                    facts[item.source_id] = item
                tick(len(chunk))
        return [facts[s.id] for s in self.sources], len(self.missing) + len(unreadable)

    def close(self) -> None:
        if self.workers:
            self.workers.close()
        if self.warm is not None:
            self.warm.close()


def _plain(source: Source) -> DocFacts:
    """Facts of a source with none found: its text, one sentence, names no one."""
    count, sample = signature(source.text)
    return DocFacts(source_id=source.id, sha256=source.sha256,
                    sentences=(Sentence(0, len(source.text), source.text),),
                    mentions=(), timexes=(), events=(), agreements=(), shingles=count, shingle_sample=sample)
