"""Stable URLs: when a page moves, its old address leads to where it went.

A page moves when a human renames it, merges it into another (`same_as`, `aliases`), or when
its slug changes (the sources retitle an event, a new release of the generator names pages
otherwise). Each build compares the graph it last exported with this one, and records, in
`content/.briefing/redirects.json`, each old page path and the path it now leads to. For each, a
small HTML page sits at the old address (MkDocs copies it as it is), sending the reader on.
Chains are followed (a page merged into one that later moved); an old path that is a page again,
or leads to no page any more (hidden, gone from the sources), gets no redirect.

`moves` and `resolve` are pure; `read_redirects` and `write_redirects` touch the disk.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

from generator.atomic import write_atomic
from generator.resolve.continuity import paged, survivor
from .mdtext import md

STATE = ".briefing"
REDIRECTS = "redirects.json"
KINDS = {"actors": "actor", "events": "event", "agreements": "agreement"}


def moves(last: dict | None, current: dict, merged: dict[str, str]) -> dict[str, str]:
    """Old page path -> new page path, for each entity of the last export (`last`) whose page is
    not where this build (`current`) puts it: moved, merged (by a human: `merged`, page id ->
    page id; an actor whose name is now another's alias), or renamed by a new slug (the same
    name or title, or for an event the same quotes, under a new id)."""
    if not last:
        return {}
    found: dict[str, str] = {}
    for kind, singular in KINDS.items():
        before = paged(last, kind)
        now = {r["id"]: r for r in current.get(kind, []) if isinstance(r, dict)}
        fresh = [r for i, r in now.items() if i not in before and r.get("page")]
        for entity_id, record in before.items():
            old = record["page"]
            if entity_id in now:
                page = now[entity_id].get("page")
                if page and page != old:
                    found[old] = page           # moved by a human
                continue                        # else hidden (no page) or where it was
            target = survivor(singular, entity_id, record, merged, now, fresh)
            if target is not None and target.get("page"):
                found[old] = target["page"]
    return found


def resolve(kept: dict[str, str], pages: set[str]) -> dict[str, str]:
    """Each old path that is not a page now -> the page its chain of moves ends at, if any."""
    done = {}
    for old in sorted(kept):
        if old in pages:
            continue
        target, seen = kept[old], {old}
        while target not in pages and target in kept and target not in seen:
            seen.add(target)
            target = kept[target]
        if target in pages:
            done[old] = target
    return done


def redirect_file(page: str, directory_urls: bool) -> str:
    """Where a page's address is in the built site, as a file of content/ (MkDocs copies it)."""
    stem = page.removesuffix(".md")
    return f"{stem}/index.html" if directory_urls else f"{stem}.html"


def _url(page: str, directory_urls: bool) -> str:
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/" if directory_urls else f"{stem}.html"


def redirect_page(old: str, target: str, title: str, directory_urls: bool) -> str:
    """A page that sends the reader from `old` to `target` at once, links there for a reader
    without script or refresh, and names the new page as canonical for search engines."""
    here = posixpath.dirname(redirect_file(old, directory_urls))
    href = posixpath.relpath(_url(target, directory_urls) or ".", here or ".")
    if _url(target, directory_urls).endswith("/") and not href.endswith("/"):
        href += "/"
    link = json.dumps(href)
    shown = md(title)
    return ("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>Moved: {shown}</title>\n<link rel=\"canonical\" href={link}>\n"
            f"<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n"
            f"<script>location.replace({link} + location.hash)</script>\n</head>\n"
            f"<body><p>This page moved to <a href={link}>{shown}</a>.</p></body>\n</html>\n")


# --- state and files ----------------------------------------------------------------------

def read_redirects(content: Path) -> tuple[dict[str, str], list[str]]:
    """The moves recorded so far, and the redirect files the last build wrote."""
    try:
        data = json.loads((content / STATE / REDIRECTS).read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}, []
    moved = data.get("moved") if isinstance(data, dict) else None
    files = data.get("files") if isinstance(data, dict) else None
    return ({k: v for k, v in moved.items() if isinstance(k, str) and isinstance(v, str)}
            if isinstance(moved, dict) else {},
            [f for f in files if isinstance(f, str)] if isinstance(files, list) else [])


def write_redirects(content: Path, moved: dict[str, str], pages: dict[str, str], directory_urls: bool) -> set[str]:
    """Record the moves, write a redirect file for each old path that leads to a page now
    (`pages`: path -> title), and remove those the last build wrote that no longer do. Returns
    the files written or removed."""
    _, before = read_redirects(content)
    live = resolve(moved, set(pages))
    # An old path from the state (which may have been edited by hand) that would lead out of
    # content/ gets no file.
    files = {name: (old, target) for old, target in live.items()
             for name in [redirect_file(old, directory_urls)] if _inside(content, name)}
    touched = set()
    for name in before:
        if name not in files and _inside(content, name):
            (content / name).unlink(missing_ok=True)
            touched.add(name)
    for name, (old, target) in sorted(files.items()):
        text = redirect_page(old, target, pages[target], directory_urls)
        path = content / name
        try:
            same = path.read_text(encoding="utf-8") == text
        except (OSError, UnicodeDecodeError):
            same = False
        if not same:
            write_atomic(path, text.encode("utf-8"))
            touched.add(name)
    state = json.dumps({"files": sorted(files), "moved": dict(sorted(moved.items()))}, indent=1,
                       ensure_ascii=False) + "\n"
    try:
        unchanged = (content / STATE / REDIRECTS).read_text(encoding="utf-8") == state
    except (OSError, UnicodeDecodeError):
        unchanged = not moved and not before
    if not unchanged:
        write_atomic(content / STATE / REDIRECTS, state.encode("utf-8"))
    return touched


def _inside(content: Path, name: str) -> bool:
    """A recorded file name that stays inside content/ (the state may have been edited by hand)."""
    return not name.startswith("/") and ".." not in name.split("/") and name.endswith(".html")
