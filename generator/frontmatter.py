"""A page's front matter, read the same way by the generator, the MkDocs plugin and `check`.

A page may start with a UTF-8 byte-order mark (as Notepad saves it), have CRLF line ends and
front matter of any length; its YAML may be broken, or hold curation keys of the wrong type.
`read_front_matter` says which, with the line, instead of reading such a page as having none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import ACTOR_TYPES
from .sources import SourceError, load_front_matter

BOM = "\ufeff"
# Between two `---` lines at the very top, after an optional byte-order mark.
_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?P<yaml>.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass(frozen=True)
class FrontMatter:
    meta: dict = field(default_factory=dict)    # {} when there is none, or it is broken
    error: str | None = None                    # why it could not be read, and what to do
    line: int = 0                               # the file line the error is on (1-based), or 0
    end: int = 0                                # where the body begins

    @property
    def broken(self) -> bool:
        return self.error is not None


def read_front_matter(text: str) -> FrontMatter:
    """The front matter of a page's text (as read from the file, or with LF line ends)."""
    match = _FRONT.match(text)
    if match is None:
        return FrontMatter()
    try:
        meta = load_front_matter((match["yaml"] or "").replace("\r\n", "\n"))
    except SourceError as err:
        return FrontMatter({}, f"{err}; {err.advice}" if err.advice else str(err), err.line, match.end())
    return FrontMatter(meta, end=match.end())


def page_meta(text: str) -> dict:
    """A page's front matter as a dict; {} when it has none or a human left it broken."""
    return read_front_matter(text).meta


def hidden(meta: dict) -> bool:
    """`hide: true`: no page. Material's own `hide:` is a list and means something else."""
    return meta.get("hide") is True


# --- curation keys ---------------------------------------------------------------------

def _names(value) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) and not isinstance(v, bool)
                                       for v in value):
        return [str(v) for v in value]
    return None


def _text(value) -> str | None:
    return str(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None


def _flag(value) -> bool | None:
    return value if isinstance(value, bool) else None


def _type(value) -> str | None:
    return value if isinstance(value, str) and value in ACTOR_TYPES else None


# key -> (reader: None when the value is of the wrong type, what it should be)
CURATION_KEYS = {
    "title": (_text, "a name, as plain text"),
    "aliases": (_names, "a list of names, such as [Name One, Name Two]"),
    "same_as": (_names, "a list of names, such as [Name One, Name Two]"),
    "not_same_as": (_names, "a list of names, such as [Name One, Name Two]"),
    "type": (_type, f"one of {', '.join(ACTOR_TYPES)}"),
    "hide": (_flag, "true or false"),
    "summary": (_text, "plain text"),
}


@dataclass(frozen=True)
class Curation:
    """The curation keys of one page, each of the right type, and what was wrong with the rest:
    (message, line) pairs."""
    values: dict
    problems: tuple[tuple[str, int], ...] = ()


# The keys an event's or agreement's page may set (the others there are the generator's).
PAGE_KEYS = ("hide",)


def page_curation(text: str, actor: bool = True) -> Curation:
    """The curation keys a page's front matter sets: all of them on an actor's page, only
    `PAGE_KEYS` on another. A key of the wrong type is left out, with a message naming it and
    what it should be."""
    front = read_front_matter(text)
    values, problems = {}, []
    for key, (read, expected) in CURATION_KEYS.items():
        if not actor and key not in PAGE_KEYS or key not in front.meta or front.meta[key] is None:
            continue
        value = read(front.meta[key])
        if value is None:
            problems.append((f"front matter `{key}` should be {expected}: ignored", _key_line(text, key)))
        else:
            values[key] = value
    return Curation(values, tuple(problems))


def _key_line(text: str, key: str) -> int:
    """The file line (1-based) of a top-level front-matter key; 0 when not found."""
    match = _FRONT.match(text)
    if match is None or not match["yaml"]:
        return 0
    found = re.search(rf"^{re.escape(key)}[ \t]*:", match["yaml"], re.M)
    return match["yaml"].count("\n", 0, found.start()) + 2 if found else 0
