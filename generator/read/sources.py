"""Reading source documents: one reader per format, chosen by suffix (as Pelican does).

Readers are pure (`read(text, path) -> (Source, problems)`); only `read_sources` opens files.
A file that cannot be read becomes a `Problem` naming it and saying what to do; a file with a
flaw that loses nothing important (a bad date, broken front matter) is read and the flaw reported.
The rest of the folder is always read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import yaml

from generator.config import DEFAULT_MAX_BYTES
from generator.exceptions import BriefingError, Problem
from generator.model import Source
from .slugs import source_ids

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
    lines = [line.strip() for line in _SPACES.sub(" ", text).split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def parse_date(value) -> str | None:
    """An ISO day from a front-matter or header value; None when it is not a real date."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        match = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)", value)
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
    """A file that cannot become a source, or a part of one that is ignored; the message says
    why and `advice` what to do. `line` is the line of the file it is about (1-based), or 0."""

    def __init__(self, message: str, line: int = 0, advice: str = ""):
        super().__init__(message)
        self.line = line
        self.advice = advice


Read = tuple[Source, list[Problem]]      # the source, and the flaws that were read past


# --- readers -------------------------------------------------------------------------

class Reader:
    suffixes: tuple[str, ...] = ()

    def read(self, text: str, path: str) -> Read:
        raise NotImplementedError

    @staticmethod
    def make(path: str, body: str, title: str | None = None, date: str | None = None,
             url: str | None = None, publisher: str | None = None) -> Source:
        body = normalise_text(body)
        if not body:
            raise SourceError("no text in it; add some or remove the file")
        title = normalise_text(title or "") or _first_words(body)
        return Source(id="", path=path, title=title, date=date, text=body,
                      sha256=hashlib.sha256(body.encode()).hexdigest(), url=url,
                      publisher=publisher)


class TxtReader(Reader):
    """Plain text; an optional first token `date YYYY-MM-DD` gives the publication date."""
    suffixes = (".txt", ".text")
    # Only a date-like token makes a header: "date palms grow..." is text.
    _HEADER = re.compile(r"\A\s*date[ \t]+(\d\S*)[ \t]*")

    def read(self, text: str, path: str) -> Read:
        date, problems = None, []
        header = self._HEADER.match(text)
        if header:
            date = parse_date(header.group(1))
            if date is None:
                problems.append(Problem(path, f"the leading date {header.group(1)!r} is not a real date: "
                                              "read as undated; write it as YYYY-MM-DD", line=1))
            text = text[header.end():]
        return self.make(path, text, date=date), problems


class MarkdownReader(Reader):
    """Markdown with optional YAML front matter: title, date, source/url, publisher."""
    suffixes = (".md", ".markdown")

    def read(self, text: str, path: str) -> Read:
        meta: dict = {}
        problems: list[Problem] = []
        front = FRONT_MATTER.match(text)
        if front:
            try:
                meta = load_front_matter(front["yaml"] or "")
            except SourceError as err:
                problems.append(Problem(path, f"{err}: read without its front matter; {err.advice}",
                                        line=err.line))
            text = text[front.end():]
        fields = {}
        for key in ("title", "url", "source", "publisher", "date"):
            value = meta.get(key)
            if value is None:
                continue
            if isinstance(value, (dict, list)):
                problems.append(Problem(path, f"front matter {key!r} is not a single value: ignored; "
                                              "write it as plain text",
                                        line=_key_line(front, key)))
            else:
                fields[key] = str(value)
        date = None
        if "date" in fields:
            date = parse_date(fields["date"])
            if date is None:
                problems.append(Problem(path, f"front matter date {fields['date']!r} is not a real date: "
                                              "read as undated; write it as YYYY-MM-DD",
                                        line=_key_line(front, "date")))
        source = self.make(path, markdown_to_text(text), title=fields.get("title"), date=date,
                           url=fields.get("url") or fields.get("source"),
                           publisher=fields.get("publisher"))
        return source, problems


class HtmlReader(Reader):
    """HTML: the main text (no navigation or footers) by trafilatura, else every paragraph."""
    suffixes = (".html", ".htm")

    def read(self, text: str, path: str) -> Read:
        import trafilatura

        doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                          include_tables=False)
        body = getattr(doc, "text", None) or _TextOnly.extract(text)
        return self.make(path, body, title=getattr(doc, "title", None),
                         date=parse_date(getattr(doc, "date", None)),
                         url=getattr(doc, "url", None), publisher=getattr(doc, "sitename", None)), []


READERS: tuple[Reader, ...] = (TxtReader(), MarkdownReader(), HtmlReader())


def reader_for(path: str | PurePosixPath) -> Reader | None:
    suffix = PurePosixPath(path).suffix.lower()
    return next((r for r in READERS if suffix in r.suffixes), None)


def _key_line(front: re.Match | None, key: str) -> int:
    """The file line (1-based) of a top-level front-matter key; 0 when not found."""
    found = re.search(rf"^{re.escape(key)}[ \t]*:", front["yaml"] or "", re.M) if front else None
    return (front["yaml"].count("\n", 0, found.start()) + 2) if found else 0


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML (no tag ever runs code) in which dates stay text: an impossible date such as
    2020-13-45 is then reported by the reader, with its line, instead of failing the parse."""


class _FastFrontMatterLoader(getattr(yaml, "CSafeLoader", _FrontMatterLoader)):
    """The same through libyaml, where PyYAML has it: a large corpus has thousands of front
    matters. What it cannot read is read again by the other, whose messages are the ones users see."""


_FrontMatterLoader.yaml_implicit_resolvers = _FastFrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_TAG = re.compile(r"tag '(?:tag:yaml\.org,2002:)?([^']*)'")


def load_front_matter(text: str) -> dict:
    """Front matter as a dict. Safe YAML only: an unknown tag is an error, never code. The
    error's `line` counts the opening `---` as line 1, as an editor does."""
    try:
        try:
            data = yaml.load(text, Loader=_FastFrontMatterLoader)
        except yaml.YAMLError:
            data = yaml.load(text, Loader=_FrontMatterLoader)
    except yaml.YAMLError as err:
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        mark = getattr(err, "problem_mark", None)
        if "stream end" in problem or "end of stream" in problem:   # left open: point where it opened
            mark = getattr(err, "context_mark", None) or mark
            problem = f"{err.context}, {problem}" if getattr(err, "context", None) else problem
            problem = problem.replace("'<stream end>'", "the end").replace("unexpected end of stream",
                                                                             "no end to it")
        context = getattr(err, "context", None) or ""
        if context.startswith("while parsing a flow") and getattr(err, "context_mark", None):
            mark = err.context_mark     # `[a, b` left open: the line it opens on is the one to fix
        line = mark.line + 2 if mark else 0
        tag = _TAG.search(problem)
        if isinstance(err, yaml.constructor.ConstructorError) and tag:
            raise SourceError(f"front matter tag {_short_tag(tag[1])} is not allowed (plain YAML only)",
                              line, "remove the tag") from None
        raise SourceError(f"front matter is not valid YAML ({problem})", line, "fix that line") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SourceError("front matter is not a list of `key: value` lines", 2, "write it as one")
    return data


def _short_tag(tag: str) -> str:
    return tag if tag.startswith("!") else f"!!{tag}"


# A target may hold one level of parentheses: [x](https://en.wikipedia.org/wiki/Doha_(city)).
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)")
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

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_BINARY = "binary data, not text; remove it, or export its text to a .txt file"
_CLEAN = 0.2      # percent of "chaos" (odd characters) above which a guessed reading is refused


def decode(data: bytes) -> tuple[str, str | None]:
    """The text, and the encoding when it had to be guessed (None for UTF-8 or a byte-order
    mark). Binary data and text no encoding reads cleanly raise `SourceError`."""
    bom = next((encoding for mark, encoding in _BOMS if data.startswith(mark)), "utf-8")
    try:
        text = data.decode(bom)
        if not _looks_binary(text):
            return text, None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if b"\x00" in data[:8192] and not (best and best.encoding.startswith(("utf_16", "utf_32"))):
        raise SourceError(_BINARY)
    if best is None or best.percent_chaos > _CLEAN:
        raise SourceError("not UTF-8, and no other text encoding reads it cleanly; convert it to UTF-8")
    # Several single-byte encodings often read a short text equally well; Western European
    # (cp1252, a superset of Latin-1) is by far the likeliest of them for news text.
    western = any(m.percent_chaos <= best.percent_chaos and "cp1252" in m.could_be_from_charset
                  for m in matches)
    encoding = "cp1252" if western else best.encoding
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        text, encoding = str(best), best.encoding
    if _looks_binary(text) or not _has_separators(text):
        raise SourceError(_BINARY)
    return text, encoding


_SEPARATORS = re.compile(r"[\s\u3001\u3002\uff0c]")     # and the ideographic comma and full stop


def _has_separators(text: str) -> bool:
    """Whether text has the spaces or punctuation between words that any written language has.
    Asked of a guessed reading only: any even number of bytes reads as UTF-16 without a
    byte-order mark, each pair as a letter of some script (ten random bytes make five
    "Chinese" letters and no space between them), and short runs of bytes read as some
    single-byte or East Asian encoding."""
    sample = text[:65536]
    return len(_SEPARATORS.findall(sample)) >= max(1, len(sample) // 50)


def _looks_binary(text: str) -> bool:
    """Control characters other than line breaks and tabs: bytes that decoded but are no text."""
    sample = text[:65536]
    # ASCII counted by a regex; only the rest (curly quotes, accents: few) character by character.
    odd = len(_ASCII_CONTROL.findall(sample))
    if not sample.isascii():
        odd += sum(1 for c in _NOT_ASCII.findall(sample) if unicodedata.category(c) in _NOT_TEXT)
    return odd > max(2, len(sample) // 100)


_NOT_TEXT = frozenset({"Cc", "Cs", "Co", "Cn"})
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")     # category Cc, but \n \r \t \f
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def read_sources(folder: Path, max_bytes: int = DEFAULT_MAX_BYTES,
                 memo: dict | None = None) -> tuple[list[Source], list[Problem]]:
    """Every readable document under `folder` (sorted by path), and a problem per file that is
    not, or that was read past a flaw. A missing folder is an error: reading nothing would
    delete every generated page. `memo` maps (path, size, mtime) to the source a file gave:
    one unchanged since is not read again; what is read cleanly is added."""
    if not folder.is_dir():
        raise BriefingError(f"{folder}: sources folder not found; create it, set `sources:` under "
                            "the briefing plugin in mkdocs.yml, or pass --sources")
    problems: list[Problem] = []
    found: list[Source] = []
    root = folder.resolve()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink()):
        rel = path.relative_to(folder).as_posix()
        if any(part.startswith(".") for part in PurePosixPath(rel).parts):
            continue
        source, notes = _read_one(path, rel, root, max_bytes, memo)
        problems += notes
        if source:
            found.append(source)
    kept, seen = [], {}
    for source in found:
        if source.sha256 in seen:
            problems.append(Problem(source.path, f"skipped: same text as {seen[source.sha256]}, "
                                                 "which is read; remove one of the two"))
            continue
        seen[source.sha256] = source.path
        kept.append(source)
    ids = source_ids(s.path for s in kept)
    problems.sort(key=lambda p: (p.path, p.line))     # stable: a file's own lines keep their order
    if not found and not problems:      # nothing in it: every page made from sources goes
        problems.append(Problem(str(folder), "the sources folder is empty, so no page is made from "
                                             "sources; add .txt, .md or .html files to it, or point "
                                             "`sources:` in mkdocs.yml at the right folder"))
    return [Source(**{**s.__dict__, "id": ids[s.path]}) for s in kept], problems


def _read_one(path: Path, rel: str, root: Path, max_bytes: int,
              memo: dict | None = None) -> tuple[Source | None, list[Problem]]:
    reader = reader_for(rel)
    if reader is None:
        kind = f"{path.suffix!r} files are" if path.suffix else "a file with no suffix is"
        return None, [Problem(rel, f"skipped: {kind} not read (sources are .txt, .md or .html); "
                                   "convert it, or move it out of the sources folder")]
    try:
        resolved = path.resolve()
        if not resolved.is_relative_to(root):
            # A link out of the folder could publish any file of the machine that builds the site.
            return None, [Problem(rel, "skipped: a link to a file outside the sources folder; "
                                       "copy the file in instead")]
        if not resolved.is_file():
            return None, [Problem(rel, "skipped: not a regular file")]
        info = resolved.stat()
        size = info.st_size
        if size > max_bytes:
            return None, [Problem(rel, f"skipped: {size:,} bytes is over the limit of {max_bytes:,}; "
                                       "raise max_source_bytes in mkdocs.yml to read it")]
        key = (rel, size, info.st_mtime_ns)
        if memo is not None and key in memo:
            return memo[key], []
        text, guessed = decode(resolved.read_bytes())
        source, problems = reader.read(text, rel)
        if guessed:
            problems.insert(0, Problem(rel, f"not UTF-8: read as {guessed}, a guess; "
                                            "convert it to UTF-8 if a letter looks wrong"))
        if memo is not None and source is not None and not problems:
            memo[key] = source          # a flawed file is read again, to name its flaw again
        return source, problems
    except SourceError as err:
        return None, [Problem(rel, f"skipped: {err}", line=err.line)]
    except RuntimeError:        # what Path.resolve raises for a loop of symbolic links
        return None, [Problem(rel, "skipped: a symbolic link that leads back to itself (a loop); "
                                   "point it at a file, or remove it")]
    except OSError as err:
        return None, [Problem(rel, f"skipped: cannot read it ({err.strerror or err}); check its permissions")]
    except (ValueError, RecursionError) as err:    # a parser that gives up on a malformed file
        return None, [Problem(rel, f"skipped: cannot make sense of it ({type(err).__name__}: {err}); "
                                   "check that it is what its suffix says")]
