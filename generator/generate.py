"""`briefing generate`: sources in, content/ out, writing only what changed.

Reads top to bottom: gather (sources, curation, facts), resolve, render, merge with what is on
disk, add backlinks, write (the page by page work in `assemble`, shared among processes).
Only this module and the ones it names as I/O touch the disk.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from filelock import FileLock, Timeout

from generator.atomic import as_read, remove_leftovers, write_if_changed
from generator.extract.corpus import Extraction, Progress, begin
from generator.incremental.record import PageRecord, Record, Store, listing, listing_digest
from generator.read.frontmatter import hidden, page_curation, page_kind, read_front_matter
from generator.read.markers import page_stamp, touched
from generator.read.sources import read_sources
from generator.render.memo import MemoRenderer
from generator.render.redirects import follow_new_ids, moves, read_redirects, write_redirects
from generator.render.renderer import page_path
from generator.render.sitedata import write_site_data
from generator.render.whatsnew import FEED, WhatsNew
from generator.resolve.actors import Curation, name_key
from generator.resolve.corrections import (apply_corrections, entity_corrections, read_written_titles,
                                           save_written_titles)
from generator.write.accept import commands, read_accepted, save_accepted
from generator.write.assemble import backlinks_todo, render_pages, write_pages
from generator.write.backlinks import LISTING_PAGES
from generator.write.merge import MergeResult, orphan, remove_page
from .config import Settings
from .exceptions import BriefingError, LockedError, Problem
from .model import Graph

ORPHAN_NOTICE = ("!!! warning \"No longer in the sources\"\n"
                 "    No source mentions this any more. The page is kept because someone edited it;\n"
                 "    delete it when it is no longer wanted.\n")


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


def _no_progress(label: str, total: int) -> Callable[[int], None]:
    return lambda n=1: None


def generate(settings: Settings, progress: Progress = _no_progress, need_graph: bool = True,
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
    report = Report()
    store = Store(settings.cache_dir, settings.content)
    # What rendering depends on beyond the graph: the generator's code, and the model the facts come from.
    code, inputs = extraction.code, extraction.inputs
    try:
        if not need_graph:
            last = store.summary()
            if last.code == code and last.inputs == inputs and \
                    last.content == listing_digest(listing(settings.content)):
                report.sources, report.problems, report.conflicts = last.sources, last.problems, last.conflicts
                return report
        read: dict = {}
        last_read = store.sources_read(code) if extraction.last_read is None else extraction.last_read
        sources, problems = read_sources(settings.sources, settings.max_source_bytes,
                                         _KeptFrom(last_read, read))
        report.problems += problems
        report.sources = len(sources)
        extraction.start(sources)       # the model parses while the rest is read
        # Without the record every page is rendered: the one switch that turns reuse off.
        record = store.load(code) if settings.incremental else Record()
        store.forget()      # until this run has finished writing, its record would be wrong
        # Pages this generator wrote and nobody touched since are known without reading them.
        files = listing(settings.content)
        clean = {p for p, r in record.pages.items() if r.clean and files.get(p) == r.file}
        existing = read_pages(settings.content, skip=clean, files=files)
        last_good = store.curation()
        curated, curation_problems = read_page_curation(existing, last_good)
        report.problems += curation_problems
        curation = read_curation(settings, curated, existing)
        news = WhatsNew(settings.content)      # the last build's graph, read while the model parses
        if read != last_read:           # the memo of sources for the next run, while the model parses
            store.save_read(code, read)
        facts, report.extracted = extraction.finish(progress)
        report.problems += extraction.problems
    finally:
        extraction.close()

    tick = progress("resolving", 1)
    written = read_written_titles(settings.content)
    graph, fixed, merged_away = curated_graph(settings, sources, facts, curated, existing, curation, news.last,
                                              written)
    report.problems += fixed
    report.merged = merged_away
    news.merged, news.by_hand = merged_away, _merged_names(settings, curated)
    news.site_name, news.site_url = settings.site_name, settings.site_url
    # Pages as generated are not read, but one a human moved (renamed) is: where it is not
    # where a page of the graph would be, its stamp tells which entity it is for.
    usual = {page_path(kind, item.id) for kind, attr in _PLACED.items() for item in getattr(graph, attr)}
    unplaced = {p: files[p] for p in clean if p not in usual and p.endswith(".md")
                and p not in LISTING_PAGES and not p.startswith("sources/")}
    existing.update(read_pages(settings.content, files=unplaced))
    graph, twins = place_pages(graph, existing, curated, clean)
    news.hidden = {f"{kind}/{item.id}" for kind, attr in _PLACED.items() for item in getattr(graph, attr)
                   if item.page == ""}
    for path, other in sorted(twins.items()):
        report.problems.append(Problem(path, f"claims the same entity as {other} (the stamp in its front matter): "
                                             "left as it is; keep one of the two files", "error"))
    tick(1)
    report.graph = graph
    renderer = MemoRenderer(graph, record, clean, settings.processes, meanwhile=lambda: news.see(graph))
    renderer.last_change = news.last_change
    renderer.publish = settings.publish_sources
    specs = renderer.specs() + [news.spec()]
    jobs = settings.processes
    accepted = read_accepted(settings.content)
    rendered = render_pages(renderer, specs, existing, jobs, progress("rendering", len(specs)), accepted)
    next_record = _dependencies(code, renderer)
    final: dict[str, str] = {}
    results: dict[str, MergeResult] = {}
    fresh: set[str] = set()         # pages exactly as rendered: no human text in them
    for page in rendered:
        if page.problem is not None:
            report.problems.append(page.problem)
        if page.result is not None:
            results[page.path] = page.result
            final[page.path] = page.result.text
            if page.fresh:
                fresh.add(page.path)
    for path, text in existing.items():
        final.setdefault(path, text)
    stale = [p for p, t in existing.items()
             if p not in results and p not in renderer.reused and page_stamp(t) is not None]
    stale += sorted(clean - set(results) - renderer.reused)
    # A clean page read because it is not where a page of the graph would be is in both.
    stale = list(dict.fromkeys(stale))
    for path in stale:
        if hidden(curated.get(path, {})) or path in twins:
            continue            # hidden on purpose: the page keeps the decision, unpublished
        if path in existing and touched(existing[path]):
            final[path] = orphan(existing[path], ORPHAN_NOTICE)
            results[path] = MergeResult(final[path])
            report.problems.append(Problem(path, "its subject left the sources; kept because a human edited it"))
        else:
            final.pop(path, None)
            report.deleted.append(path)
    tick = progress("backlinks", 1)
    made = {page.path: (page.links, page.title) for page in rendered if page.result is not None}
    incoming, titles, pages_info = backlinks_todo(final, made, set(results), renderer.reused, record,
                                                    {p for p, v in curated.items() if hidden(v)})
    tick(1)
    outcomes, left = write_pages(settings.content, final, results, incoming, titles, renderer.reused, jobs,
                           progress("writing", len(results.keys() | incoming.keys())), files, existing)
    report.written = [p for p, o in outcomes.items() if o in ("written", "merged")]
    conflicts = [p for p, o in outcomes.items() if o in ("conflict", "kept")]
    # Pages a human saved while this run wrote: their text is in them, so they are not as rendered.
    raced = {p for p, o in outcomes.items() if o in ("merged", "kept", "hand")}
    fresh -= raced
    for path, outcome in sorted(outcomes.items()):
        if outcome == "conflict":
            result = results[path]
            report.problems.append(Problem(path, f"edited by hand inside generated region(s) "
                                                 f"{', '.join(result.conflicts)}: kept as edited; the new "
                                                 f"version is in {Path(path).name}.generated; "
                                                 f"{commands(path, list(result.conflicts))}"))
        elif outcome == "merged":
            report.problems.append(Problem(path, "saved by someone while this run was writing it: "
                                                 "merged again with what they saved, nothing of it lost",
                                           severity="note"))
        elif outcome == "kept":
            report.problems.append(Problem(path, f"saved by someone, with an edit inside a generated region, "
                                                 f"while this run was writing it: kept as they saved it; the "
                                                 f"new version is in {Path(path).name}.generated"))
        elif outcome == "hand":
            report.problems.append(Problem(path, "became a hand-written page while this run was writing "
                                                 "it: left as it is", severity="note"))
    report.conflicts = sorted(conflicts)
    # Deleted last: a run stopped half way leaves no page linking to a page already gone.
    # A page someone saved since the run began is theirs now: it stays.
    for path in list(report.deleted):
        target = settings.content / path
        if remove_page(target, files.get(path)):
            target.with_name(target.name + ".generated").unlink(missing_ok=True)
        else:
            report.deleted.remove(path)
            raced.add(path)
            report.problems.append(Problem(path, "saved by someone while this run was removing it: kept",
                                           severity="note"))
    # The feed of What's new, beside its page: written here, so the listing below sees it.
    if write_if_changed(settings.content / FEED, news.feed_text()):
        report.written.append(FEED)
    # Old addresses of pages that moved lead to where they went.
    redirected = _redirect(settings, news, merged_away)
    # What this run wrote or removed: pages, the reading tools' data, and new versions
    # beside those in conflict.
    rewritten = results.keys() | incoming.keys() | set(report.deleted) | {FEED} | redirected \
        | set(write_site_data(settings.content, graph))
    conflicted = set(conflicts)
    rewritten |= {p + ".generated" for p in rewritten if p + ".generated" in files or p in conflicted}
    after = relisted(settings.content, files, rewritten)
    # A page saved after this run put it in place is the human's: listed as this run left it,
    # the next run sees it changed and reads it, rather than trusting it as generated.
    for path, seen in left.items():
        if after.get(path) != seen:
            after[path] = seen
            raced.add(path)
    store.save_curation({p: v for p, v in curated.items() if p in after})
    save_accepted(settings.content, {p: v for p, v in accepted.items() if p in after})
    save_written_titles(settings.content, _written_titles(written, rendered, fresh, after))
    if news.changed:
        news.save()
    _save_record(store, next_record, inputs, report, renderer, fresh, pages_info, after, raced)
    renderer.release()
    unwritable = store.unwritable or extraction.cache.unwritable
    if unwritable:          # the pages are right; only the work kept for the next run is lost
        report.problems.append(Problem(_shown(settings.cache_dir, settings), f"cannot write the cache "
                                       f"({unwritable.strerror or unwritable}): the next run does all "
                                       "this work again; make the folder writable, or set `cache_dir:` "
                                       "in mkdocs.yml to one that is"))
    report.held = [record, news, specs, rendered, existing, final, results, files, after, pages_info, incoming,
                   titles]
    return report


def _redirect(settings: Settings, news: WhatsNew, merged: dict[str, str]) -> set[str]:
    """Record this build's page moves (against the last build's graph) and write the redirect
    pages; the files written or removed."""
    moved, _ = read_redirects(settings.content)
    moved.update(moves(news.last, news.current, merged))
    pages = {r["page"]: str(r.get("name") or r.get("title") or r["id"])
             for kind in ("actors", "events", "agreements") for r in news.current.get(kind, []) if r.get("page")}
    return write_redirects(settings.content, moved, pages, settings.directory_urls)


def _merged_names(settings: Settings, curated: dict[str, dict]) -> set[str]:
    """The names a human merged into an actor (mkdocs.yml's aliases, pages' aliases and same_as)."""
    names = {name for others in settings.aliases.values() for name in others}
    names |= {name for meta in curated.values() for key in ("aliases", "same_as") for name in meta.get(key, [])}
    return {name_key(n) for n in names}


def _written_titles(last: dict[str, str], rendered, fresh: set[str], after: dict) -> dict[str, str]:
    """The title in the front matter of each event and agreement page, as the generator last
    wrote it: a page written as rendered has the new one, any other keeps the last."""
    titles = {p: t for p, t in last.items() if p in after}
    for page in rendered:
        if page.path in fresh and page.result is not None and page.title:
            stamped = page_stamp(page.result.text)
            if stamped and stamped[0].startswith(("event/", "agreement/")):
                titles[page.path] = page.title
    return titles


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


def relisted(content: Path, files: dict, touched) -> dict[str, tuple[int, int]]:
    """The listing of content/ after a run: `files`, the one it began with, and the files it
    wrote or removed (`touched`) looked at again. A file someone else added or changed
    meanwhile is left out as it was, so the next run does not take it as seen."""
    after = dict(files)
    folder = os.fspath(content)
    for path in touched:
        try:
            info = os.stat(os.path.join(folder, path))
            after[path] = (info.st_size, info.st_mtime_ns)
        except FileNotFoundError:
            after.pop(path, None)
    return after


def _dependencies(code: str, renderer: MemoRenderer) -> Record:
    """The part of the next record known once the pages are rendered: what they depend on,
    and the digest of every entity."""
    record = Record(code=code)
    record.deps, record.dep_values = renderer.dep_table()
    record.deps_base = renderer.deps_base
    record.entities = renderer.digests
    return record


def _save_record(store, record: Record, inputs, report, renderer, fresh, pages_info,
                 files: dict, raced: set[str] = frozenset()) -> None:
    """What this run did, for the next one (`record`: what its pages depend on).
    Every page's links and title, so that the pages they linked can be found when they change;
    pages exactly as rendered may be reused."""
    last = renderer.record
    record.inputs, record.sources = inputs, report.sources
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
    store.save(record, last)


# --- reading what is there -----------------------------------------------------------

def read_pages(content: Path, skip: set[str] = frozenset(), files: dict | None = None) -> dict[str, str]:
    """Every Markdown page under content/ (or among `files` there), by path relative to it,
    but those in `skip`."""
    pages = {}
    for rel in sorted(listing(content) if files is None else files):
        if not rel.endswith(".md") or rel in skip:
            continue
        try:
            # Bytes as they are (no newline translation), so text outside regions stays exact;
            # a page saved with CRLF throughout is read as LF and written back with CRLF, one
            # saved with a byte-order mark is read without it and written back with it.
            pages[rel] = as_read((content / rel).read_bytes())
        except (OSError, UnicodeDecodeError):
            continue
    return pages


def _actor_id(text: str) -> str | None:
    stamped = page_stamp(text)
    return stamped[0].removeprefix("actor/") if stamped and stamped[0].startswith("actor/") else None


def _is_actor_page(path: str, text: str) -> bool:
    return (path.startswith("actors/") and path != "actors/index.md") or _actor_id(text) is not None


def _page_kind(path: str, text: str) -> str | None:
    stamped = page_stamp(text)
    return "actor" if _is_actor_page(path, text) else page_kind(path, stamped[0] if stamped else None)


def read_page_curation(pages: dict[str, str], last_good: dict[str, dict]) -> tuple[dict[str, dict], list[Problem]]:
    """The curation keys set in each page a human touched (path -> key -> value), and what
    is wrong with them. A page whose front matter does not parse, or a key of the wrong type,
    keeps what it set the last time it could be read (`last_good`): the human's decisions
    stand while they fix a typo."""
    curated: dict[str, dict] = {}
    problems: list[Problem] = []
    for path, text in sorted(pages.items()):
        front = read_front_matter(text)
        if front.broken:
            kept = last_good.get(path)
            problems.append(Problem(path, f"{front.error}; until then the page is read without it"
                                          f"{' and keeps the curation it had' if kept else ''}", line=front.line))
            if kept:
                curated[path] = kept
            continue
        if not touched(text):
            continue
        found = page_curation(text, _page_kind(path, text))
        values = dict(found.values)
        for message, line in found.problems:
            problems.append(Problem(path, message, line=line))
        for key, value in last_good.get(path, {}).items():
            if key not in values and any(f"`{key}`" in m for m, _ in found.problems):
                values[key] = value
        if values:
            curated[path] = values
    return curated, problems


def renamed_actor_pages(pages: dict[str, str], names: dict[str, str], curated: dict[str, dict]) -> list[str]:
    """Touched actor pages whose title is no longer the name of the actor they are for."""
    return [path for path, text in sorted(pages.items())
            if _is_actor_page(path, text) and touched(text) and _actor_id(text) in names
            and name_key(str(curated.get(path, {}).get("title") or "")) != name_key(names[_actor_id(text)])]


def read_curation(settings: Settings, curated: dict[str, dict], pages: dict[str, str],
                  names: dict[str, str] | None = None) -> Curation:
    """Global curation from mkdocs.yml, then what humans set in actor pages' front matter
    (`curated`, from `read_page_curation`). A page's curation is keyed by its title, or, given
    `names` (actor id -> name), by the name of the actor its stamp names, so that a human may
    retitle a page."""
    curation = Curation(aliases={k: list(v) for k, v in settings.aliases.items()},
                        ignore={name_key(n) for n in settings.ignore})
    for path, meta in sorted(curated.items()):
        text = pages.get(path, "")
        if not _is_actor_page(path, text):
            continue
        title = (names or {}).get(_actor_id(text) or "") or meta.get("title") or ""
        if not title:
            continue
        key = name_key(title)
        extra = meta.get("aliases", []) + meta.get("same_as", [])
        if extra:
            curation.aliases.setdefault(title, []).extend(extra)
        curation.not_same_as += [(title, other) for other in meta.get("not_same_as", [])]
        if "type" in meta:
            curation.types[key] = meta["type"]
        if hidden(meta):
            curation.hidden.add(key)
        if meta.get("summary"):
            curation.summaries[key] = meta["summary"]
    return curation


def curated_graph(settings: Settings, sources, facts, curated: dict[str, dict], pages: dict[str, str],
                  curation: Curation | None = None, last: dict | None = None,
                  written: dict[str, str] | None = None) -> tuple[Graph, list[Problem], dict[str, str]]:
    """The graph of the sources with the readers' curation: the actors' (mkdocs.yml, actor
    pages), then the corrections of events and agreements, applied to the graph so that every
    page, the export and What's new have them. Returns the graph, the problems with the
    corrections, and what a human merged away (page id -> page id). `last`: the last build's
    export, where a corrected page's entity is looked for when it has a new id now; `written`:
    the titles the generator last wrote (`read_written_titles`), read here when not given."""
    from generator.resolve.graph import resolve

    graph = resolve(sources, facts, curation or read_curation(settings, curated, pages))
    names = {a.id: a.name for a in graph.actors}
    if renamed_actor_pages(pages, names, curated):
        # Curation on a page a human renamed belongs to the actor the page is for: key it by
        # that actor's name, which only a first resolution can tell.
        graph = resolve(sources, facts, read_curation(settings, curated, pages, names))
    corrections = follow_new_ids(entity_corrections(curated, pages), graph, last or WhatsNew(settings.content).last)
    return apply_corrections(graph, corrections,
                             read_written_titles(settings.content) if written is None else written)


_PLACED = {"actor": "actors", "event": "events", "agreement": "agreements"}


def place_pages(graph: Graph, pages: dict[str, str], curated: dict[str, dict],
                clean: set[str] = frozenset()) -> tuple[Graph, dict[str, str]]:
    """Where each entity's page is: events and agreements a human hid (`hide: true`) have none
    (actors are hidden by name, in resolution); a page a human moved (renamed) is followed by
    the stamp in its front matter, and its new path is the page's from then on. `clean`: pages
    not read, as the generator wrote them (at the path of the entity they are for).
    Returns the graph so placed, and the pages left alone because another file claims the same
    entity (path -> the other file)."""
    claims: dict[str, list[str]] = {}
    for path, text in sorted(pages.items()):
        stamped = page_stamp(text)
        if stamped is not None and stamped[0].partition("/")[0] in _PLACED:
            claims.setdefault(stamped[0], []).append(path)
    hid = {page_stamp(pages[p])[0] for p, meta in curated.items()
           if hidden(meta) and p in pages and page_stamp(pages[p]) is not None}
    twins: dict[str, str] = {}
    changes = {}
    for kind, attr in _PLACED.items():
        items = []
        for item in getattr(graph, attr):
            page_id, usual = f"{kind}/{item.id}", page_path(kind, item.id)
            paths = claims.get(page_id, [])
            if usual in clean and usual not in paths:
                paths = [usual, *paths]
            page = item.page
            if page_id in hid:
                page = ""
            elif page != "" and paths and usual not in paths:
                page = paths[0]         # moved: the first of the files that claim it, by path
            keeper = usual if usual in paths else paths[0] if paths else None
            for other in paths:
                if other != keeper:
                    twins[other] = keeper
            items.append(item if page == item.page else replace(item, page=page))
        changes[attr] = tuple(items)
    return replace(graph, **changes), twins
