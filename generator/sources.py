"""Reading source documents: one reader per format, chosen by suffix (as Pelican does).

Readers are pure (`read(text, path) -> Source`); only `read_sources` opens files. A bad file
becomes a `Problem` naming it, and the rest of the folder is still read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import yaml
from slugify import slugify

from .exceptions import Problem
from .model import Source

DEFAULT_MAX_BYTES = 5_000_000

# --- normalisation -------------------------------------------------------------------

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": "",
})
_CITATION = re.compile(r"[ \t]*\[(?:\d{1,4}|citation needed|note \d+|[a-z])\]")
# "...Affaires".Intra-Afghan: a sentence glued to the next one by a careless paste.
_GLUED = re.compile(r"(?<=[a-z\"')\]])([.!?])(?=[\"']?[A-Z][a-z])")
_SPACES = re.compile(r"[ \t]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise_text(text: str) -> str:
    """Straight quotes, no citation markers, no glued sentences, tidy whitespace."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_QUOTES)
    text = _CONTROL.sub("", text)
    text = _CITATION.sub("", text)
    text = _GLUED.sub(r"\1 ", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def parse_date(value) -> str | None:
    """An ISO day from a front-matter or header value; None when it is not a real date."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        match = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", value)
        if match:
            try:
                return dt.date(*map(int, match.groups())).isoformat()
            except ValueError:
                return None
    return None


def _first_words(text: str, limit: int = 80) -> str:
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0] if text.strip() else ""
    if len(first) <= limit:
        return first.rstrip(".")
    return first[:limit].rsplit(" ", 1)[0] + "…"


# YAML front matter between two `---` lines at the very top of a page or a source.
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*(?:\n|\Z)", re.S)


class SourceError(ValueError):
    """A file that cannot become a source; the message says why."""


# --- readers -------------------------------------------------------------------------

class Reader:
    suffixes: tuple[str, ...] = ()

    def read(self, text: str, path: str) -> Source:
        raise NotImplementedError

    @staticmethod
    def make(path: str, body: str, title: str | None = None, date: str | None = None,
             url: str | None = None, publisher: str | None = None) -> Source:
        body = normalise_text(body)
        if not body:
            raise SourceError("no text in it")
        title = normalise_text(title or "") or _first_words(body)
        return Source(id="", path=path, title=title, date=date, text=body,
                      sha256=hashlib.sha256(body.encode()).hexdigest(), url=url,
                      publisher=publisher)


class TxtReader(Reader):
    """Plain text; an optional first token `date YYYY-MM-DD` gives the publication date."""
    suffixes = (".txt", ".text")
    _HEADER = re.compile(r"\A\s*date[ \t]+(\S+)[ \t]*")

    def read(self, text: str, path: str) -> Source:
        date = None
        header = self._HEADER.match(text)
        if header:
            date = parse_date(header.group(1))
            if date is None:
                raise SourceError(f"the leading 'date' is not a real YYYY-MM-DD date: {header.group(1)!r}")
            text = text[header.end():]
        return self.make(path, text, date=date)


class MarkdownReader(Reader):
    """Markdown with optional YAML front matter: title, date, source/url, publisher."""
    suffixes = (".md", ".markdown")

    def read(self, text: str, path: str) -> Source:
        meta: dict = {}
        front = FRONT_MATTER.match(text)
        if front:
            meta = load_front_matter(front["yaml"] or "")
            text = text[front.end():]
        date = None
        if meta.get("date") is not None:
            date = parse_date(meta["date"])
            if date is None:
                raise SourceError(f"front matter 'date' is not a real date: {meta['date']!r}")
        return self.make(path, markdown_to_text(text), title=_str(meta.get("title")), date=date,
                         url=_str(meta.get("url") or meta.get("source")),
                         publisher=_str(meta.get("publisher")))


class HtmlReader(Reader):
    """HTML: the main text (no navigation or footers) by trafilatura, else every paragraph."""
    suffixes = (".html", ".htm")

    def read(self, text: str, path: str) -> Source:
        import trafilatura

        doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                          include_tables=False)
        body = getattr(doc, "text", None) or _TextOnly.extract(text)
        return self.make(path, body, title=getattr(doc, "title", None),
                         date=parse_date(getattr(doc, "date", None)),
                         url=getattr(doc, "url", None), publisher=getattr(doc, "sitename", None))


READERS: tuple[Reader, ...] = (TxtReader(), MarkdownReader(), HtmlReader())


def reader_for(path: str | PurePosixPath) -> Reader | None:
    suffix = PurePosixPath(path).suffix.lower()
    return next((r for r in READERS if suffix in r.suffixes), None)


def _str(value) -> str | None:
    return None if value is None else str(value)


def load_front_matter(text: str) -> dict:
    """Safe YAML only: unknown tags are an error, not code."""
    try:
        data = yaml.safe_load(text)
    except ValueError as err:        # a timestamp YAML parses but the calendar refuses
        raise SourceError(f"front matter has an impossible date: {err}") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" (front matter line {mark.line + 2})" if mark else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise SourceError(f"front matter is not valid YAML{where}: {problem}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SourceError("front matter is not a mapping of keys to values")
    return data


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKUP = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+\.\s+)", re.M)
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")


def markdown_to_text(text: str) -> str:
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_MARKUP.sub("", text)
    return _MD_EMPHASIS.sub(r"\2", text)


class _TextOnly(HTMLParser):
    _SKIP = {"script", "style", "nav", "header", "footer", "aside", "noscript", "template"}
    _BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self.skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)

    @classmethod
    def extract(cls, markup: str) -> str:
        parser = cls()
        parser.feed(markup)
        return html.unescape("".join(parser.parts))


# --- the folder ----------------------------------------------------------------------

def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else the encoding charset-normalizer is sure of."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError("looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.percent_chaos > 0.2:
        raise SourceError("is neither UTF-8 nor any text encoding that can be told apart; save it as UTF-8")
    return str(best)


def source_ids(paths: Iterable[str]) -> dict[str, str]:
    """A stable, unique slug per path: `reports/2020 Kabul.txt` -> `reports-2020-kabul`.
    Two paths with the same slug both get their suffix added, then a counter."""
    paths = sorted(paths)
    base = {p: slugify(str(PurePosixPath(p).with_suffix("")), max_length=80) or "source" for p in paths}
    counts: dict[str, int] = {}
    for slug in base.values():
        counts[slug] = counts.get(slug, 0) + 1
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for p in paths:
        slug = base[p]
        if counts[slug] > 1:
            slug = slugify(f"{slug}-{PurePosixPath(p).suffix.lstrip('.')}") or slug
        candidate, n = slug, 2
        while candidate in taken:
            candidate, n = f"{slug}-{n}", n + 1
        taken.add(candidate)
        ids[p] = candidate
    return ids


def read_sources(folder: Path, max_bytes: int = DEFAULT_MAX_BYTES,
                 memo: dict | None = None) -> tuple[list[Source], list[Problem]]:
    """Every readable document under `folder` (sorted by path), and a problem per file that is not.
    `memo` maps (path, size, mtime) to the source read from a file: one unchanged since is not
    read again; what is read is added."""
    problems: list[Problem] = []
    found: list[Source] = []
    if not folder.is_dir():
        return [], [Problem(str(folder), "sources folder not found", "error")]
    for path in sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink()):
        rel = path.relative_to(folder).as_posix()
        if any(part.startswith(".") for part in PurePosixPath(rel).parts):
            continue
        problem, source = _read_one(path, rel, max_bytes, memo)
        if problem:
            problems.append(problem)
        if source:
            found.append(source)
    ids = source_ids(s.path for s in found)
    sources, seen = [], {}
    for source in found:
        if source.sha256 in seen:
            problems.append(Problem(source.path, f"same text as {seen[source.sha256]}: counted once"))
            continue
        seen[source.sha256] = source.path
        sources.append(Source(**{**source.__dict__, "id": ids[source.path]}))
    return sources, problems


def _read_one(path: Path, rel: str, max_bytes: int, memo: dict | None = None) -> tuple[Problem | None, Source | None]:
    reader = reader_for(rel)
    if reader is None:
        return Problem(rel, f"skipped: unknown kind of file {path.suffix or '(no suffix)'!r}; "
                            "sources are .txt, .md or .html"), None
    try:
        resolved = path.resolve()
        if not resolved.is_file():
            return Problem(rel, "skipped: not a regular file"), None
        info = resolved.stat()
        size = info.st_size
        if size > max_bytes:
            return Problem(rel, f"skipped: {size:,} bytes is over the limit of {max_bytes:,} "
                                "(raise max_source_bytes in mkdocs.yml to read it)"), None
        key = (rel, size, info.st_mtime_ns)
        if memo is not None and key in memo:
            return None, memo[key]
        source = reader.read(decode(resolved.read_bytes()), rel)
        if memo is not None:
            memo[key] = source
        return None, source
    except SourceError as err:
        return Problem(rel, f"skipped: {err}"), None
    except OSError as err:
        return Problem(rel, f"skipped: cannot read it ({err.strerror or err})"), None
