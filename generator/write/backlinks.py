"""Backlinks: for every page, the pages that link to it and the line that does, hand-written
links included. Listing pages (home, sections, timeline) link to everything and are left out."""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable

from generator.read.pages import is_listing
from generator.read.sources import FRONT_MATTER
from generator.render.renderer import md, rel

# A Markdown link to a page: (text, target, #anchor or None).
LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\(([^)\s]+?\.md)(#[^)\s]*)?\)")
_BACKLINK_REGION = re.compile(r"<!-- briefing:begin backlinks -->.*?<!-- briefing:end backlinks[^>]*-->", re.S)
_MAX_LINE = 180
MAX_BACKLINKS = 200         # lines a page lists; the rest are counted
MAX_LINKS_QUOTED = 4       # more links in a row make a list, not quoted as the linking line
_TAG = re.compile(r"<[^>]+>")
_ESCAPED = re.compile(r"\\(.)")
_EMPHASIS = re.compile(r"(?<!\\)\*+")
_LEAD = re.compile(r"^[\s>*\-|#\d.:]+")
_SENTENCE = re.compile(r"#s\d+")      # a link to one sentence of a source: a citation


def plain(line: str, links: list[re.Match] | None = None) -> str:
    """A Markdown line as a reader sees it: link texts, no markup, no escapes. `links`: the
    line's LINK matches, when they are known already."""
    pieces, at = [], 0
    for match in LINK.finditer(line) if links is None else links:
        start, end = match.start(), match.end()
        if _SENTENCE.fullmatch(match[3] or ""):
            # "(quote)", "(2020-03-23 · Report, sentence 3)", a "quote" cell of a table: a
            # citation set apart says nothing once its link is gone, and goes (a bracketed one
            # with its brackets and the space before). A link to a sentence in prose stays.
            if line[start - 1:start] == "(" and line[end:end + 1] == ")":
                pieces.append(line[at:start - 1].rstrip(" "))
                at = end + 1
                continue
            if line[:start].rstrip(" ").endswith("|") and line[end:].lstrip(" ").startswith("|"):
                pieces.append(line[at:start])
                at = end
                continue
        pieces += (line[at:start], match[1])
        at = end
    line = "".join(pieces) + line[at:]
    if "*" in line:     # emphasis ("· *signed*", "**2020-03-10**"), before escaped stars come back
        line = _EMPHASIS.sub("", line)
    # Most lines have no tag and no escape: those patterns are not even tried on them.
    if "<" in line:
        line = _TAG.sub("", line)
    if "\\" in line:
        line = _ESCAPED.sub(r"\1", line)
    line = line.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    line = _LEAD.sub("", line).replace("|", " ")
    line = " ".join(line.split())
    return line if len(line) <= _MAX_LINE else line[:_MAX_LINE].rsplit(" ", 1)[0] + "…"


def page_links(path: str, text: str) -> list[tuple[str, str]]:
    """(target page, linking line) for every page `path` links to: the first line that links it
    and is no list of links (else ""); front matter and the backlinks region left out.
    Targets are not checked to exist."""
    if is_listing(path):
        return []
    found: dict[str, str | None] = {}      # None: linked so far only from lists
    front = FRONT_MATTER.match(text)
    text = without_backlinks(text[front.end():] if front else text)
    folder = posixpath.dirname(path)
    for line in text.splitlines():
        if ".md" not in line:
            continue
        matches = list(LINK.finditer(line))
        linked = [_target(folder, m[2]) for m in matches]
        new = [t for t in dict.fromkeys(linked) if t != path and found.get(t) is None]
        if not new:
            continue
        shown = None if _is_list(line, matches, linked, path) else plain(line, matches)
        for target in new:
            found[target] = shown
    return [(target, line or "") for target, line in found.items()]


_BEGIN, _END = "<!-- briefing:begin backlinks -->", "<!-- briefing:end backlinks"


def without_backlinks(text: str) -> str:
    """The text without its backlinks region(s), as `_BACKLINK_REGION` removes them, found by
    plain search: every page of a build is looked through, and the pattern's scan of a whole
    page, a character at a time, costs more than finding the links in it."""
    pieces, cursor = [], 0
    at = text.find(_BEGIN)
    while at >= 0:
        end = _backlinks_end(text, at + len(_BEGIN))
        if end is None:
            at = text.find(_BEGIN, at + 1)
            continue
        pieces.append(text[cursor:at])
        cursor = end
        at = text.find(_BEGIN, end)
    return "".join(pieces) + text[cursor:] if pieces else text


def _backlinks_end(text: str, start: int) -> int | None:
    """Where the first end mark after `start` that closes the region ends ("[^>]*-->")."""
    while (mark := text.find(_END, start)) >= 0:
        close = text.find(">", mark + len(_END))
        if close >= mark + len(_END) + 2 and text[close - 2:close] == "--":
            return close + 1
        start = mark + 1
    return None


@functools.lru_cache(maxsize=1 << 16)
def _target(folder: str, link: str) -> str:
    """The page a link from a page in `folder` leads to; the same few thousand links recur."""
    return posixpath.normpath(posixpath.join(folder, link))


def _is_list(line: str, matches: list[re.Match], linked: list[str], here: str) -> bool:
    """A line with links to more than MAX_LINKS_QUOTED other pages in a row, nothing but list
    separators (·, •, |) between them: "12 mentions in A · B · C · D · E" says nothing of any one
    of them, and quoting it would change all their backlinks whenever its count changes.
    Prose, whose names are joined by commas and "and", is no list."""
    if len(set(linked)) <= MAX_LINKS_QUOTED:
        return False            # too few targets for a list: most lines, told at once
    run: set[str] = set()
    for n, (match, target) in enumerate(zip(matches, linked)):
        if n and not _SEPARATOR.fullmatch(line, matches[n - 1].end(), match.start()):
            run = set()
        if target != here:
            run.add(target)
        if len(run) > MAX_LINKS_QUOTED:
            return True
    return False


_SEPARATOR = re.compile(r"[\s·•|]*")


def gather(links: dict[str, Iterable[tuple[str, str]]],
           only: set[str] | None = None) -> dict[str, list[tuple[str, str]]]:
    """target page -> [(linking page, linking line)], from each page's own links; only
    targets among the pages given (and among `only`, when given)."""
    wanted = links.keys() if only is None else only & links.keys()
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for path in sorted(links):
        for target, line in links[path]:
            if target in wanted:
                found[target].append((path, line))
    return dict(found)


def render_backlinks(here: str, links: list[tuple[str, str]], titles: dict[str, str]) -> str:
    if not links:
        return ""
    # Out of search: each line repeats the linking page's own text.
    lines = ["## What links here { data-search-exclude }", ""]
    kept = links
    if len(links) > MAX_BACKLINKS:
        # The pages of actors, agreements and events before sources (an actor page lists all of
        # its sources already), the rest counted: a page named by thousands stays light.
        kept = sorted(links, key=lambda pl: (pl[0].startswith("sources/"), titles.get(pl[0], pl[0]).casefold(),
                                             pl[0]))[:MAX_BACKLINKS]
    for path, line in sorted(kept, key=lambda pl: (titles.get(pl[0], pl[0]).casefold(), pl[0])):
        title = titles.get(path, path)
        quoted = f': "{md(line)}"' if line and line != title else ""
        # A title holds "<" and ">" as entities (`mdtext.title_text`): shown as the characters.
        lines.append(f"- [{md(html.unescape(title))}]({rel(path, here)}){quoted}")
    if len(kept) < len(links):
        lines += ["", f"*…and {len(links) - len(kept)} more pages link here.*"]
    return "\n".join(lines)
