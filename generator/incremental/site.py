"""The record of the last site build: the HTML of every page, so that the next build keeps the
pages whose inputs did not change instead of rendering them again.

A page's HTML follows from its Markdown, from the site's settings, theme and code (the same for
every page: the build's digest), and from the files it links to: a link is rewritten, or reported
as broken, by whether its target exists. So a page is kept when its Markdown has the same bytes,
the build's digest is the same, and each file it links to exists as it did. Anything else
renders again: a changed setting, theme or release renders every page.

What a kept page gives the build besides its HTML is recorded with it: its anchors and its links
to anchors (the build checks every link to an anchor against the page it names, kept or not) and
its entries in the search index (kept in the index's order).

The HTML is stored by its hash in the cache folder, which CI keeps between runs; the record of
one site (per settings file, site folder and command) names the hash of each page's HTML. A file
whose bytes do not match is never used: a missing or damaged record only means more rendering.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from generator.atomic import write_atomic

FORMAT = 2
_SUFFIX = ".html.z"     # HTML compressed (zlib, fastest): a quarter of the site's size for CI to keep

# Where a Markdown page or its raw HTML names another file: an inline link or image
# "](target)", a reference definition "[id]: target", and href= or src= in HTML.
_TARGET = re.compile(r"""\]\(\s*<?([^)\s<>]+)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)|"""
                     r"""\b(?:href|src)\s*=\s*["']([^"']+)["']""", re.MULTILINE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class Source:
    """A page's Markdown file as a build read it: a file of the same size and time need not be
    read again (the generator rewrites only pages whose bytes change)."""
    size: int
    mtime_ns: int
    text_hash: str
    links: tuple[tuple[str, bool], ...]
    hidden: bool | None         # kept unpublished by its front matter; None: front matter broken


@dataclass(frozen=True)
class Kept:
    """A page as the last build left it."""
    key: str
    html: str                   # the hash of its HTML, the name it is stored under
    size: int
    mtime_ns: int               # of the HTML file the build left in the site folder
    anchors: tuple[str, ...]
    search: tuple[dict, ...]    # its entries in the search index, in order
    source: Source
    anchor_links: dict[str, dict[str, str]]     # page linked to -> anchor there -> the link


def link_targets(src_uri: str, text: str) -> tuple[tuple[str, bool], ...]:
    """The files a page links to, as paths from the docs folder, each with whether the link
    names an anchor there. Absolute addresses, other sites and links within the page are not
    files of the site."""
    found = set()
    here = posixpath.dirname(src_uri)
    for match in _TARGET.finditer(text):
        target = next(group for group in match.groups() if group is not None)
        if _SCHEME.match(target) or target.startswith(("/", "#")):
            continue
        path, _, anchor = target.partition("#")
        path = unquote(path.split("?", 1)[0])
        if not path:
            continue
        resolved = posixpath.normpath(posixpath.join(here, path))
        found.add((resolved, bool(anchor)))
    return tuple(sorted(found))


def page_key(text_hash: str, links: Iterable[tuple[str, bool]], exists: Callable[[str], bool]) -> str:
    """What a page's HTML follows from, beside the build's digest (see the module docstring)."""
    digest = hashlib.sha256(text_hash.encode())
    for path, _ in links:
        digest.update(f"\0{path}\0{int(exists(path))}".encode())
    return digest.hexdigest()


def text_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class SiteRecord:
    """The pages of one site's last build, and the HTML store they share with other sites built
    from the same cache folder."""

    def __init__(self, folder: Path, name: str):
        self.folder = folder
        self.store = folder / "html"
        self.path = folder / f"{name}.json"
        self.digest = ""            # this build's, once known: pages are kept only if it is the last one's
        self.last_digest, self.pages = self._load()

    def _load(self) -> tuple[str, dict[str, Kept]]:
        try:
            data = json.loads(self.path.read_bytes())
            if data.get("format") != FORMAT:
                return "", {}
            return data["digest"], {
                uri: Kept(key, html, size, mtime_ns, tuple(anchors), tuple(search),
                          Source(*source[:3], tuple((path, bool(a)) for path, a in source[3]), source[4]),
                          anchor_links)
                for uri, (key, html, size, mtime_ns, anchors, search, source, anchor_links)
                in data["pages"].items()}
        except (OSError, ValueError, TypeError, KeyError, AttributeError, IndexError):
            return "", {}

    def source(self, uri: str, size: int, mtime_ns: int) -> Source | None:
        """What the last build read of a page's file, if the file has not changed since."""
        kept = self.pages.get(uri)
        if kept is not None and (kept.source.size, kept.source.mtime_ns) == (size, mtime_ns):
            return kept.source
        return None

    def usable(self, uri: str, key: str) -> Kept | None:
        """The page as last built, when it was built from the same inputs."""
        kept = self.pages.get(uri)
        if kept is None or kept.key != key or self.digest != self.last_digest:
            return None
        return kept

    def html(self, kept: Kept) -> bytes | None:
        """The stored HTML of a kept page; None when its bytes are not the ones recorded."""
        try:
            data = zlib.decompress((self.store / f"{kept.html}{_SUFFIX}").read_bytes())
        except (OSError, zlib.error):
            return None
        return data if text_hash(data) == kept.html else None

    def keep(self, html: bytes) -> tuple[str, int]:
        """Store a page's HTML (once per content) and give its name and size."""
        name = text_hash(html)
        path = self.store / f"{name}{_SUFFIX}"
        if not path.exists():
            write_atomic(path, zlib.compress(html, 1))
        return name, len(html)

    def save(self, pages: dict[str, Kept]) -> None:
        """Record this build's pages, then drop stored HTML no site's record names."""
        if pages == self.pages and self.digest == self.last_digest:
            return              # a build that changed nothing
        body = {"format": FORMAT, "digest": self.digest,
                "pages": {uri: [k.key, k.html, k.size, k.mtime_ns, list(k.anchors), list(k.search),
                                [k.source.size, k.source.mtime_ns, k.source.text_hash,
                                 [list(link) for link in k.source.links], k.source.hidden],
                                k.anchor_links]
                          for uri, k in sorted(pages.items())}}
        write_atomic(self.path, json.dumps(body, separators=(",", ":")).encode())   # keys in the index's order
        self._collect({k.html for k in pages.values()})

    def forget(self) -> None:
        """A build that reported a problem leaves no record: the next build renders every page
        again, and reports the problem again."""
        self.path.unlink(missing_ok=True)

    def _collect(self, named: set[str]) -> None:
        for record in self.folder.glob("*.json"):
            if record == self.path:
                continue            # its pages are `named` already
            try:
                pages = json.loads(record.read_bytes()).get("pages", {})
                named.update(entry[1] for entry in pages.values())
            except (OSError, ValueError, AttributeError, IndexError, TypeError):
                continue
        try:
            stored = list(os.scandir(self.store))
        except OSError:
            return
        for entry in stored:
            if entry.name.endswith(_SUFFIX) and entry.name[:-len(_SUFFIX)] not in named:
                Path(entry.path).unlink(missing_ok=True)
