"""A page's front matter, read the same way by the generator, the MkDocs plugin and `check`.

A page may start with a UTF-8 byte-order mark (as Notepad saves it), have CRLF line ends and
front matter of any length; its YAML may be broken, or hold curation keys of the wrong type.
`read_front_matter` says which, with the line, instead of reading such a page as having none.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from generator.model import ACTOR_TYPES, LIFECYCLE
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


_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")
MODALITIES = ("happened", "planned", "negated", "claimed")


def _date(value) -> str | None:
    """An ISO date cut to its precision: 2020, 2020-03 or 2020-03-23 (YAML reads 2020 as a number)."""
    text = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    if not _DATE.fullmatch(text):
        return None
    if len(text) == 10:
        try:
            datetime.date.fromisoformat(text)
        except ValueError:
            return None         # "2020-02-30": no calendar has it
    return text


def _one_of(choices: tuple[str, ...]):
    def read(value) -> str | None:
        return value if isinstance(value, str) and value in choices else None
    return read


# key -> (reader: None when the value is of the wrong type, what it should be)
CURATION_KEYS = {
    "title": (_text, "a name, as plain text"),
    "aliases": (_names, "a list of names, such as [Name One, Name Two]"),
    "same_as": (_names, "a list of names, such as [Name One, Name Two]"),
    "not_same_as": (_names, "a list of names, such as [Name One, Name Two]"),
    "type": (_type, f"one of {', '.join(ACTOR_TYPES)}"),
    "hide": (_flag, "true or false"),
    "summary": (_text, "plain text"),
    "date": (_date, "a date cut to its precision: 2020-03-23, 2020-03 or 2020"),
    "place": (_text, "the name of a place, as plain text"),
    "modality": (_one_of(MODALITIES), f"one of {', '.join(MODALITIES)}"),
    "status": (_one_of(LIFECYCLE), f"one of {', '.join(LIFECYCLE)}"),
    "parties": (_names, "a list of names, such as [Name One, Name Two]"),
}


@dataclass(frozen=True)
class Curation:
    """The curation keys of one page, each of the right type, and what was wrong with the rest:
    (message, line) pairs."""
    values: dict
    problems: tuple[tuple[str, int], ...] = ()


# The keys each kind of page may set (the others there are the generator's, or Material's).
_SHARED = ("title", "same_as", "not_same_as", "hide", "summary")
KIND_KEYS = {
    "actor": ("title", "aliases", "same_as", "not_same_as", "type", "hide", "summary"),
    "event": _SHARED + ("date", "place", "modality"),
    "agreement": _SHARED + ("date", "place", "status", "parties"),
}
PAGE_KEYS = ("hide",)       # on any other page


def page_kind(path: str, stamp_id: str | None) -> str | None:
    """Which kind of entity a page is for: by the stamp in its front matter, else by its folder."""
    if stamp_id:
        kind = stamp_id.partition("/")[0]
        return kind if kind in KIND_KEYS else None
    folder, _, name = path.partition("/")
    return {"actors": "actor"}.get(folder) if name and name != "index.md" else None


def page_curation(text: str, actor: bool | str | None = True) -> Curation:
    """The curation keys a page's front matter sets: those of its kind (`actor`: True or
    "actor", "event", "agreement"), only `PAGE_KEYS` on another page. A key of the wrong type
    is left out, with a message naming it and what it should be."""
    kind = "actor" if actor is True else actor or None
    allowed = KIND_KEYS.get(kind, PAGE_KEYS)
    front = read_front_matter(text)
    values, problems = {}, []
    for key, (read, expected) in CURATION_KEYS.items():
        if key not in allowed or key not in front.meta or front.meta[key] is None:
            continue
        value = read(front.meta[key])
        if value is None:
            problems.append((f"front matter `{key}` should be {expected}: ignored", key_line(text, key)))
        else:
            values[key] = value
    return Curation(values, tuple(problems))


def key_line(text: str, key: str) -> int:
    """The file line (1-based) of a top-level front-matter key; 0 when not found."""
    match = _FRONT.match(text)
    if match is None or not match["yaml"]:
        return 0
    found = re.search(rf"^{re.escape(key)}[ \t]*:", match["yaml"], re.M)
    return match["yaml"].count("\n", 0, found.start()) + 2 if found else 0
