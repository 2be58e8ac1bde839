"""Backlinks: for every page, the pages that link to it and the line that does, hand-written
links included. Listing pages (home, sections, timeline) link to everything and are left out."""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict

from markupsafe import Markup

from .render import md, rel
from .sources import FRONT_MATTER

LISTING_PAGES = frozenset({"index.md", "timeline.md", "whats-new.md", "actors/index.md",
                           "events/index.md", "agreements/index.md", "sources/index.md"})
# A Markdown link to a page: (text, target, #anchor or None).
LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\(([^)\s]+?\.md)(#[^)\s]*)?\)")
_BACKLINK_REGION = re.compile(r"<!-- briefing:begin backlinks -->.*?<!-- briefing:end backlinks[^>]*-->", re.S)
_MAX_LINE = 180


def plain(line: str) -> str:
    """A Markdown line as a reader sees it: link texts, no markup, no escapes."""
    line = LINK.sub(lambda m: m[1], line)
    line = re.sub(r"<[^>]+>", "", line)
    line = re.sub(r"\\(.)", r"\1", line)
    line = line.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    line = re.sub(r"^[\s>*\-|#\d.:]+", "", line).replace("|", " ").replace("**", "")
    line = " ".join(line.split())
    return line if len(line) <= _MAX_LINE else line[:_MAX_LINE].rsplit(" ", 1)[0] + "…"


def find_links(pages: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """target page -> [(linking page, linking line)], one entry per linking page."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for path in sorted(pages):
        if path in LISTING_PAGES:
            continue
        text = _BACKLINK_REGION.sub("", FRONT_MATTER.sub("", pages[path], count=1))
        for line in text.splitlines():
            for match in LINK.finditer(line):
                target = posixpath.normpath(posixpath.join(posixpath.dirname(path), match[2]))
                if target != path and target in pages:
                    found[target].setdefault(path, plain(line))
    return {t: sorted(v.items()) for t, v in found.items()}


def render_backlinks(here: str, links: list[tuple[str, str]], titles: dict[str, str]) -> str:
    if not links:
        return ""
    lines = ["## What links here", ""]
    for path, line in sorted(links, key=lambda pl: (titles.get(pl[0], pl[0]).casefold(), pl[0])):
        title = titles.get(path, path)
        quoted = f': "{md(line)}"' if line and line != title else ""
        lines.append(f"- [{md(title)}]({rel(path, here)}){quoted}")
    return str(Markup("\n".join(lines)))
