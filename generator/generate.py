"""`briefing generate`: sources in, content/ out, writing only what changed.

Reads top to bottom: gather (sources, curation, facts), resolve, render, merge with what is on
disk, add backlinks, write. Only this module and the ones it names as I/O touch the disk.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout

from .actors import Curation, name_key
from .backlinks import find_links, render_backlinks
from .cache import FactsCache
from .config import Settings
from .exceptions import LockedError, Problem
from .merge import (MergeResult, merge_page, orphan, page_stamp, region, regions, remove_leftovers, to_lf, touched,
                    write_if_changed)
from .model import DocFacts, Graph, Source
from .render import Renderer
from .sources import FRONT_MATTER, SourceError, load_front_matter, read_sources
from .whatsnew import WhatsNew

Progress = Callable[[str, int], Callable[[int], None]]
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

    @property
    def unchanged(self) -> bool:
        return not self.written and not self.deleted


def _no_progress(label: str, total: int) -> Callable[[int], None]:
    return lambda n=1: None


def generate(settings: Settings, progress: Progress = _no_progress) -> Report:
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
        return _generate(settings, progress)
    finally:
        lock.release()


def _generate(settings: Settings, progress: Progress) -> Report:
    report = Report()
    sources, problems = read_sources(settings.sources, settings.max_source_bytes)
    report.problems += problems
    report.sources = len(sources)
    existing = read_pages(settings.content)
    facts, report.extracted = extract_all(sources, settings, progress)
    from .resolve import resolve

    curation = read_curation(settings, existing)
    graph = resolve(sources, facts, curation)
    names = {a.id: a.name for a in graph.actors}
    if renamed_actor_pages(existing, names):
        # Curation on a page a human renamed belongs to the actor the page is for: key it by
        # that actor's name, which only a first resolution can tell.
        graph = resolve(sources, facts, read_curation(settings, existing, names))
    report.graph = graph
    renderer, news = Renderer(graph), WhatsNew(settings.content, graph)
    pages = renderer.pages() + [news.page(renderer)]
    final: dict[str, str] = {}
    results: dict[str, MergeResult] = {}
    for page in pages:
        old = existing.get(page.path)
        if old is not None and page_stamp(old) is None:
            report.problems.append(Problem(page.path, "a hand-written page is where a generated page "
                                                      "would go: left as it is"))
            continue
        results[page.path] = merge_page(old, page.text)
        final[page.path] = results[page.path].text
    for path, text in existing.items():
        final.setdefault(path, text)
    stale = [p for p, t in existing.items() if p not in results and page_stamp(t) is not None]
    for path in stale:
        if front_matter(existing[path]).get("hide") is True:
            continue            # hidden on purpose: the page keeps the decision, unpublished
        if touched(existing[path]):
            final[path] = orphan(existing[path], ORPHAN_NOTICE)
            results[path] = MergeResult(final[path])
            report.problems.append(Problem(path, "its subject left the sources; kept because a human edited it"))
        else:
            del final[path]
            report.deleted.append(path)
    _add_backlinks(final, results)
    for path in sorted(results):
        result = results[path]
        target = settings.content / path
        if result.conflicts:
            report.conflicts.append(path)
            write_if_changed(target.with_name(target.name + ".generated"), result.generated or "")
            report.problems.append(Problem(path, f"edited by hand inside generated region(s) "
                                                 f"{', '.join(result.conflicts)}: kept as edited; the new "
                                                 f"version is in {target.name}.generated"))
            continue
        stale_copy = target.with_name(target.name + ".generated")
        stale_copy.unlink(missing_ok=True)
        if write_if_changed(target, final[path], keep_crlf=True):
            report.written.append(path)
    # Deleted last: a run stopped half way leaves no page linking to a page already gone.
    for path in report.deleted:
        target = settings.content / path
        target.unlink(missing_ok=True)
        target.with_name(target.name + ".generated").unlink(missing_ok=True)
    news.save()
    return report


def _add_backlinks(final: dict[str, str], results: dict[str, MergeResult]) -> None:
    # A hidden page is not published: a link from it would be a broken link on the site.
    links = find_links({p: t for p, t in final.items() if front_matter(t).get("hide") is not True})
    titles = {p: page_title(t) or p for p, t in final.items()}
    for path, result in list(results.items()):
        if result.conflicts:
            continue
        text = final[path]
        body = render_backlinks(path, links.get(path, []), titles)
        updated = _set_region(text, "backlinks", body)
        if updated != text:
            final[path] = updated
            results[path] = MergeResult(updated)


def _set_region(text: str, name: str, body: str) -> str:
    for r in regions(text):
        if r.name == name:
            # Region contents are outside the stamp's skeleton hash: the stamp stays valid.
            return text[:r.start] + region(name, body + "\n" if body else "") + text[r.end:]
    return text


# --- reading what is there -----------------------------------------------------------

def read_pages(content: Path) -> dict[str, str]:
    """Every Markdown page under content/, by path relative to it."""
    pages = {}
    if not content.is_dir():
        return pages
    for path in sorted(content.rglob("*.md")):
        rel = path.relative_to(content).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        try:
            # Bytes as they are (no newline translation), so text outside regions stays exact;
            # a page saved with CRLF throughout is read as LF and written back with CRLF.
            pages[rel] = to_lf(path.read_bytes().decode("utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
    return pages


def front_matter(text: str) -> dict:
    """A page's front matter; {} when it has none or a human left it broken."""
    match = FRONT_MATTER.match(text)
    try:
        return load_front_matter(match["yaml"] or "") if match else {}
    except SourceError:
        return {}


def page_title(text: str) -> str | None:
    title = front_matter(text).get("title")
    if title:
        return str(title)
    heading = re.search(r"^# (.+)$", text, re.M)
    return heading.group(1).strip() if heading else None


def _names(value) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in (value if isinstance(value, list) else [value]) if v is not None]


def _actor_id(text: str) -> str | None:
    stamped = page_stamp(text)
    return stamped[0].removeprefix("actor/") if stamped and stamped[0].startswith("actor/") else None


def renamed_actor_pages(pages: dict[str, str], names: dict[str, str]) -> list[str]:
    """Touched actor pages whose title is no longer the name of the actor they are for."""
    return [path for path, text in sorted(pages.items())
            if path.startswith("actors/") and touched(text) and _actor_id(text) in names
            and name_key(str(front_matter(text).get("title") or "")) != name_key(names[_actor_id(text)])]


def read_curation(settings: Settings, pages: dict[str, str], names: dict[str, str] | None = None) -> Curation:
    """Global curation from mkdocs.yml, then what humans set in actor pages' front matter.
    A page's curation is keyed by its title, or, given `names` (actor id -> name), by the name
    of the actor its stamp names, so that a human may retitle a page."""
    curation = Curation(aliases={k: list(v) for k, v in settings.aliases.items()},
                        ignore={name_key(n) for n in settings.ignore})
    for path, text in sorted(pages.items()):
        if not path.startswith("actors/") or path == "actors/index.md" or not touched(text):
            continue
        meta = front_matter(text)
        title = (names or {}).get(_actor_id(text) or "") or str(meta.get("title") or "")
        if not title:
            continue
        key = name_key(title)
        extra = _names(meta.get("aliases")) + _names(meta.get("same_as"))
        if extra:
            curation.aliases.setdefault(title, []).extend(extra)
        curation.not_same_as += [(title, other) for other in _names(meta.get("not_same_as"))]
        if meta.get("type") in {"person", "organization", "country", "place", "group"}:
            curation.types[key] = meta["type"]
        if meta.get("hide") is True:
            curation.hidden.add(key)
        if meta.get("summary"):
            curation.summaries[key] = str(meta["summary"])
    return curation


# --- extraction ----------------------------------------------------------------------

def extract_all(sources: list[Source], settings: Settings, progress: Progress) -> tuple[list[DocFacts], int]:
    """Facts for every source: from the cache when the text and pipeline are unchanged,
    else from the model (loaded only then), several processes at once."""
    from . import nlp as nlp_module

    name = nlp_module.choose_model(settings.model)
    cache = FactsCache(settings.cache_dir, nlp_module.fingerprint(name))
    facts: dict[str, DocFacts] = {}
    missing = []
    for source in sources:
        cached = cache.get(source.sha256, source.id)
        if cached is not None:
            facts[source.id] = cached
        else:
            missing.append(source)
    if missing:
        from .extract import extract_many

        nlp = nlp_module.load(name)
        processes = min(settings.processes, max(1, len(missing) // 8))
        tick = progress("extracting", len(missing))
        for item in extract_many(missing, nlp, n_process=processes):
            cache.put(item)
            facts[item.source_id] = item
            tick(1)
    return [facts[s.id] for s in sources], len(missing)
