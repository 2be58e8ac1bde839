"""`briefing generate`: sources in, content/ out, writing only what changed.

`_generate` reads top to bottom, one stage after the other, each taking and returning data:
read (`read.sources`, `read.content`), extract (`extract.corpus`), resolve (`resolve.curated`),
render (`render.memo`, the pages made in `write.assemble`), write (`write.wiki`). The
incremental plan (`incremental.plan`) sits beside them: it says which pages are as the
generator wrote them, gives rendering the last record, and keeps what this build did.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout

from generator.atomic import remove_leftovers
from generator.extract.corpus import Extraction, Progress, begin, no_progress
from generator.incremental.plan import Plan
from generator.read.content import read_content
from generator.read.curation import merged_names
from generator.read.frontmatter import hidden
from generator.read.sources import read_sources
from generator.render.memo import MemoRenderer
from generator.render.whatsnew import WhatsNew
from generator.resolve.corrections import read_written_titles
from generator.resolve.curated import curated_graph, hidden_pages, place_pages, usual_pages
from generator.write.accept import read_accepted
from generator.write.assemble import render_pages
from generator.write.unpublished import list_hidden
from generator.write.wiki import write_wiki
from .config import Settings
from .exceptions import BriefingError, LockedError, Problem
from .model import Graph


@dataclass
class Report:
    sources: int = 0
    extracted: int = 0           # sources that needed the language model (cache misses)
    written: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    graph: Graph | None = None
    merged: dict[str, str] = field(default_factory=dict)   # page id merged away by hand -> the one that took it in
    # What the run made, held as long as the report: a caller that ends the process right after
    # the run (the command line) is spared taking a large wiki apart object by object.
    held: list = field(default_factory=list, repr=False, compare=False)

    @property
    def unchanged(self) -> bool:
        return not self.written and not self.deleted


def generate(settings: Settings, progress: Progress = no_progress, need_graph: bool = True,
             extraction: Extraction | None = None) -> Report:
    """Bring content/ up to date. With `need_graph=False` a run that finds nothing changed since
    the last one (sources, settings, pages, generator) stops there and leaves `graph` unset.
    `extraction`: this run's, from `extract.corpus.begin`, called before the rest of the generator
    is imported so that a worker loads the model meanwhile; closed here, however the run ends."""
    try:
        content = settings.content
        content.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(content / ".briefing.lock"))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            # The lock is the operating system's: it ends with the process that holds it, even a killed one.
            raise LockedError(f"{content} is being written by another briefing run; try again when it ends") from None
        try:
            remove_leftovers(content)
            return _generate(settings, progress, need_graph, extraction or begin(settings))
        finally:
            lock.release()
    except OSError as err:
        raise _cannot_write(err, settings) from None
    finally:
        if extraction is not None:
            extraction.close()


def _list_hidden(settings: Settings, curated: dict[str, dict], report: Report) -> None:
    """The pages a human hid, listed in mkdocs.yml for site builders that run no MkDocs plugin."""
    problem = list_hidden(settings.config_file, (p for p, v in curated.items() if hidden(v)))
    if problem is not None and problem not in report.problems:
        report.problems.append(problem)


def _shown(path, settings: Settings) -> str:
    """A path as a user would name it: from the project folder when it is inside it."""
    path = Path(os.fsdecode(path))
    try:
        return path.resolve().relative_to(settings.root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return str(path)


def _cannot_write(err: OSError, settings: Settings) -> BriefingError:
    """One line for a file the run could not write or remove: a read-only content/, a full
    disk. Pages are replaced whole, so each is either as it was or as this run made it, and
    the next run, once the cause is fixed, finishes the work."""
    where = _shown(err.filename, settings) if err.filename else _shown(settings.content, settings)
    if where.endswith(".briefing-tmp") or Path(where).name.startswith("."):     # a temporary file
        where = str(Path(where).parent)                                     # beside a page: its folder
    why = err.strerror or type(err).__name__
    if isinstance(err, PermissionError) or err.errno in _NO_ROOM:
        return BriefingError(f"{where}: cannot write there ({why}); the run stopped, every page is "
                             "whole; make it writable (or free some space) and run again")
    return BriefingError(f"{where}: {why}; the run stopped, every page is whole; fix that and run again")


_NO_ROOM = {errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EFBIG}


def _generate(settings: Settings, progress: Progress, need_graph: bool, extraction: Extraction) -> Report:
    """read -> extract -> resolve -> render -> write, with the incremental plan beside them."""
    report = Report()
    plan = Plan(settings, extraction.code, extraction.inputs, extraction.last_read)
    try:
        if not need_graph and (last := plan.unchanged()) is not None:
            report.sources, report.problems, report.conflicts = last.sources, last.problems, last.conflicts
            # The list as the last run left it, unless someone edited it since; not emptied on
            # a curation record that cannot be read (the last run kept the list right).
            if kept := plan.store.curation():
                _list_hidden(settings, kept, report)
            return report
        # read: the sources, then (while the model parses them) content/ and the last build's graph
        sources, report.problems = read_sources(settings.sources, settings.max_source_bytes, plan.sources_memo())
        report.sources = len(sources)
        extraction.start(sources)
        files, clean = plan.begin()
        content = read_content(settings, files, clean, plan.store.curation())
        report.problems += content.problems
        news = WhatsNew(settings.content)
        plan.save_sources_memo()
        # extract
        facts, report.extracted = extraction.finish(progress)
        report.problems += extraction.problems
    finally:
        extraction.close()

    # resolve
    tick = progress("resolving", 1)
    written_titles = read_written_titles(settings.content)
    graph, fixed, report.merged = curated_graph(settings, sources, facts, content.curated, content.pages,
                                                content.curation, news.last, written_titles)
    report.problems += fixed
    content.read_moved(settings.content, usual_pages(graph))
    graph, twins = place_pages(graph, content.pages, content.curated, clean)
    report.problems += [Problem(path, f"claims the same entity as {other} (the stamp in its front matter): "
                                      "left as it is; keep one of the two files", "error")
                        for path, other in sorted(twins.items())]
    tick(1)
    report.graph = graph

    # render
    news.merged, news.by_hand = report.merged, merged_names(settings, content.curated)
    news.site_name, news.site_url = settings.site_name, settings.site_url
    news.hidden = hidden_pages(graph)
    renderer = MemoRenderer(graph, plan.record, clean, settings.processes, meanwhile=lambda: news.see(graph))
    renderer.last_change = news.last_change
    renderer.publish = settings.publish_sources
    renderer.search_sources = extraction.search_sources
    specs = renderer.specs() + [news.spec()]
    accepted = read_accepted(settings.content)
    rendered = render_pages(renderer, specs, content.pages, settings.processes,
                            progress("rendering", len(specs)), accepted)
    plan.rendered(renderer)

    # write
    done = write_wiki(settings, content, rendered, renderer, plan.record, twins, news, report.merged, accepted,
                      written_titles, report, progress)
    kept = {p: v for p, v in content.curated.items() if p in done.after}
    plan.store.save_curation(kept)
    _list_hidden(settings, kept, report)
    plan.save(report, renderer, done.fresh, done.pages_info, done.after, done.raced)
    renderer.release()
    unwritable = plan.store.unwritable or extraction.cache.unwritable
    if unwritable:          # the pages are right; only the work kept for the next run is lost
        report.problems.append(Problem(_shown(settings.cache_dir, settings), f"cannot write the cache "
                                       f"({unwritable.strerror or unwritable}): the next run does all "
                                       "this work again; make the folder writable, or set `cache_dir:` "
                                       "in mkdocs.yml to one that is"))
    report.held = [plan.record, news, specs, rendered, content, *done.held]
    return report
