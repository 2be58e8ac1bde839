"""The incremental plan of one build: what the last build left (its record, the sources it read,
the pages it wrote as they were), and what this build keeps for the next.

It sits beside the stages rather than inside them: `generate` asks it which pages are clean
(not to be read again), hands its record to rendering, and gives it what the build did at the
end. `incremental: false` in mkdocs.yml gives every stage an empty record: a full build.
"""

from __future__ import annotations

from generator.config import Settings
from generator.model import Source
from .record import PageRecord, Record, Store, listing, listing_digest


class _KeptFrom(dict):
    """The sources read by the last run, as a memo for `read_sources`; what this run uses or
    reads ends up in `kept`, the memo for the next."""

    def __init__(self, last: dict, kept: dict):
        super().__init__(last)
        self.kept = kept

    def __contains__(self, key) -> bool:
        return dict.__contains__(self, key)

    def __getitem__(self, key):
        self.kept[key] = value = dict.__getitem__(self, key)
        return value

    def __setitem__(self, key, value) -> None:
        self.kept[key] = value


class Plan:
    def __init__(self, settings: Settings, code: str, inputs: str,
                 last_read: dict[tuple[str, int, int], Source] | None = None):
        """`code` and `inputs`: what rendering depends on beyond the graph (the generator's code,
        the model the facts come from); `last_read`: the sources the last run read, when the
        extraction has them already."""
        self.settings = settings
        self.store = Store(settings.cache_dir, settings.content)
        self.code, self.inputs = code, inputs
        self._last_read = last_read
        self._read: dict = {}
        self.record = Record()
        self._next: Record | None = None

    def unchanged(self) -> Record | None:
        """The last build's summary when nothing changed since (sources, settings, pages,
        generator): the build may stop there."""
        last = self.store.summary()
        if last.code == self.code and last.inputs == self.inputs and \
                last.content == listing_digest(listing(self.settings.content)):
            return last
        return None

    def sources_memo(self) -> dict:
        """The memo `read_sources` reads and fills."""
        if self._last_read is None:
            self._last_read = self.store.sources_read(self.code)
        return _KeptFrom(self._last_read, self._read)

    def begin(self) -> tuple[dict[str, tuple[int, int]], set[str]]:
        """Load the last record (none without `incremental`) and list content/: the files, and
        the pages this generator wrote and nobody touched since, known without reading them."""
        # Without the record every page is rendered: the one switch that turns reuse off.
        self.record = self.store.load(self.code) if self.settings.incremental else Record()
        self.store.forget()      # until this run has finished writing, its record would be wrong
        files = listing(self.settings.content)
        clean = {p for p, r in self.record.pages.items() if r.clean and files.get(p) == r.file}
        return files, clean

    def save_sources_memo(self) -> None:
        """The memo of sources for the next run."""
        if self._read != self._last_read:
            self.store.save_read(self.code, self._read)

    def rendered(self, renderer) -> None:
        """The part of the next record known once the pages are rendered: what they depend on,
        and the digest of every entity."""
        record = self._next = Record(code=self.code)
        record.deps, record.dep_values = renderer.dep_table()
        record.deps_base = renderer.deps_base
        record.entities = renderer.digests

    def save(self, report, renderer, fresh: set[str], pages_info: dict, files: dict,
             raced: set[str] = frozenset()) -> None:
        """What this run did, for the next one (after `rendered`): every page's links and title,
        so that the pages they linked can be found when they change; pages exactly as rendered
        (`fresh`) may be reused."""
        record = self._next
        last = renderer.record
        record.inputs, record.sources = self.inputs, report.sources
        record.problems, record.conflicts = list(report.problems), list(report.conflicts)
        record.paths, record.shards = last.paths, last.shards
        for path, (links, title) in pages_info.items():
            if path not in files:
                continue
            old = last.pages.get(path)
            if path in renderer.reused and not renderer.renumbered and path not in raced:
                # As it was, but for its new backlinks: the row read is written back, not encoded again.
                record.pages[path] = old if old.file == files[path] else old.moved(files[path])
                continue
            clean = (path in fresh or path in renderer.reused) and path not in raced
            key, deps_read = renderer.made[path] if clean else (None, [])
            record.pages[path] = PageRecord(file=files[path], clean=clean, key=key,
                                            deps=old.deps if deps_read is None else deps_read,
                                            links=old.links if links is None else links, title=title)
        record.content = listing_digest(files)
        self.store.save(record, last)
