"""Pages from the renderer to the disk: render, merge with what is there, add backlinks, write.

All of it but gathering the backlinks is one page's own work, so `render_pages` and
`write_pages` share their pages between processes (`fanout`): the backlinks need every page's
links, and are gathered in this process in between.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.atomic import as_read, write_if_changed
from generator.exceptions import Problem
from generator.extract.fanout import fork_map
from generator.read.frontmatter import hidden, page_meta
from generator.read.markers import page_stamp, region, region_span, touched
from generator.render.entity_pages import LAYOUTS
from generator.render.memo import MemoRenderer
from .accept import settle
from .backlinks import page_links, render_backlinks
from .merge import merge_page, MergeResult, replace_page

Tick = Callable[[int], None]
Links = list[tuple[str, str]]


@dataclass
class Rendered:
    """One page as rendering and merging left it."""
    path: str
    # key and deps: what a forked process's renderer noted of the page, for this process's
    # renderer to note too (`noted`: rendered here, so noted already). deps None: reused,
    # what is on disk is what it would be.
    key: str | None
    deps: list[tuple] | None
    result: MergeResult | None = None   # None: reused, or a hand-written page is in the way
    fresh: bool = False                 # exactly as rendered: no human text in it
    links: Links | None = None
    title: str = ""
    problem: Problem | None = None
    noted: bool = False


def render_pages(renderer: MemoRenderer, specs: list, existing: dict[str, str], jobs: int,
                 tick: Tick, accepted: dict | None = None) -> list[Rendered]:
    """Render every page in `specs` and merge it with the page on disk (`existing`).
    `accepted`: the hand edits inside regions a human chose to keep (`accept.read_accepted`)."""
    home = os.getpid()

    def one(i: int) -> Rendered:
        page = renderer.render_spec(*specs[i])
        path = page.path
        noted = os.getpid() == home
        key, deps = (None, None) if noted else renderer.take(path)
        if page.text is None:
            return Rendered(path, key, None, noted=noted)
        old = existing.get(path)
        if old is not None and page_stamp(old) is None:
            return Rendered(path, key, deps, noted=noted, problem=Problem(
                path, "a hand-written page is where a generated page would go: left as it is"))
        result = settle(old, page.text, merge_page(old, page.text), (accepted or {}).get(path))
        if page.title and result.text is page.text:     # as rendered: its title is known
            links, title = page_links(path, page.text), page.title
        else:
            links, title = links_and_title(path, result.text)
        return Rendered(path, key, deps, result, old is None or not touched(old), links, title, noted=noted)

    # A listing page costs as much as thousands of others: half of them go first and half last,
    # so that the process taking tasks from the front and the one taking them from the back
    # (see `fork_map`) each start with some.
    listings = [i for i, spec in enumerate(specs) if spec[0] not in LAYOUTS]
    others = [i for i, spec in enumerate(specs) if spec[0] in LAYOUTS]
    order = listings[0::2] + others + listings[1::2]
    done: list = [None] * len(specs)
    for i, page in zip(order, fork_map(lambda n: one(order[n]), len(order), jobs, tick)):
        done[i] = page
        if not page.noted:
            renderer.put(page.path, page.key, page.deps)
    return done


def links_and_title(path: str, text: str) -> tuple[Links | None, str]:
    """The page's links (None when it is hidden: not published, it links nothing) and its title."""
    meta = page_meta(text)
    title = _title(meta, text) or path
    return (None if hidden(meta) else page_links(path, text)), title


def backlinks_todo(final: dict[str, str], rendered: dict[str, tuple[Links, str]], results: set[str],
                   reused: set[str], record, hid: set[str] = frozenset()) -> tuple[dict, dict[str, str], dict[str, tuple]]:
    """Which pages get their backlinks region set, and what goes in it: every page rendered now,
    and every page reused from the last run that a changed page links or linked (only those can
    have new backlinks). Reused pages bring their links and title from the record.
    Returns (page -> incoming [(linking page, line)], titles, path -> (links, title) of every
    page, links None where they are as in the record). `hid`: pages a human hid, which link nothing."""
    links, titles = {}, {}          # links: of pages not reused
    for path in reused:
        titles[path] = record.pages[path].title
    info = {path: (None, titles[path]) for path in reused}
    for path, text in final.items():
        found, titles[path] = rendered[path] if path in rendered else links_and_title(path, text)
        if path in hid:         # hidden, also where its front matter is broken: not published
            found = None
        if found is not None:
            links[path] = found
        info[path] = (found or [], titles[path])
    # A page's backlinks change when a page that links it comes, goes, changes its line or title.
    affected = set()
    for path, old in record.pages.items():
        if path not in reused and path not in final:
            affected.update(target for target, _ in old.links)
    for path in final:
        old = record.pages.get(path)
        now = dict(links.get(path, ()))
        if old is None or old.title != titles[path]:
            affected.update(now)
            affected.update(target for target, _ in (old.links if old else ()))
        else:
            before = dict(old.links)
            affected.update(t for t in now.keys() | before.keys() if now.get(t) != before.get(t))
    todo = results | (affected & reused)
    # Who links each page in `todo`; a reused page's links are decoded only where they match.
    # In no order: the backlinks are listed by title and path, and one page's lines as it has them.
    wanted = {path for path in todo if path in links or path in reused}
    incoming: dict[str, Links] = {path: [] for path in todo}
    numbers = record.numbers(wanted)
    for path in reused:
        for target, line in record.pages[path].links_among(wanted, numbers):
            incoming[target].append((path, line))
    for path, pairs in links.items():
        if path in reused:
            continue
        for target, line in pairs:
            if target in wanted:
                incoming[target].append((path, line))
    return incoming, titles, info


def write_pages(content: Path, final: dict[str, str], results: dict[str, MergeResult],
                incoming: dict[str, Links], titles: dict[str, str], reused: set[str], jobs: int,
                tick: Tick, files: dict, existing: dict[str, str]) -> tuple[dict[str, str], dict]:
    """Set the backlinks of the pages in `incoming`, and write them and every page in
    `results` whose bytes changed. A page with conflicts stays as the human left it, and its
    new version goes beside it, in `.generated`. `files` is what content/ held when the run
    began (`record.listing`), `existing` the pages it read then: a page someone saved since is
    merged again with what they saved (see `replace_page`). Returns path -> what happened to
    it ("written", "conflict", and the outcomes of `replace_page` but "unchanged"), and path ->
    the size and time of each page as this run left it, where it left the generator's."""
    paths = sorted(results.keys() | incoming.keys())
    for folder in sorted({posixpath.dirname(path) for path in paths}):
        (content / folder).mkdir(parents=True, exist_ok=True)

    def one(i: int) -> tuple[str | None, tuple | None]:
        path = paths[i]
        target = content / path
        if path in results and results[path].conflicts:
            write_if_changed(target.with_name(target.name + ".generated"), results[path].generated or "")
            return "conflict", None
        base = existing.get(path)
        if path in reused and path not in results:
            try:
                text = base = as_read(target.read_bytes())
            except (FileNotFoundError, UnicodeDecodeError):
                return None, None   # gone or no longer the generator's since the run began: theirs
        else:
            text = final[path]
            if path + ".generated" in files:
                target.with_name(target.name + ".generated").unlink(missing_ok=True)
        if path in incoming:
            text = _set_region(text, "backlinks", render_backlinks(path, incoming[path], titles))
        outcome, left = replace_page(target, text, files.get(path), base)
        return (None if outcome == "unchanged" else outcome), left

    done = fork_map(one, len(paths), jobs, tick, blocks=True)
    return ({p: o for p, (o, _) in zip(paths, done) if o is not None},
            {p: left for p, (_, left) in zip(paths, done) if left is not None})


def _title(meta: dict, text: str) -> str | None:
    if meta.get("title"):
        return str(meta["title"])
    heading = re.search(r"^# (.+)$", text, re.M)
    return heading.group(1).strip() if heading else None


def _set_region(text: str, name: str, body: str) -> str:
    span = region_span(text, name)
    if span is None:
        return text
    # Region contents are outside the stamp's skeleton hash: the stamp stays valid.
    return text[:span[0]] + region(name, body + "\n" if body else "") + text[span[1]:]
