"""The country table: every way news text names a country, mapped to one canonical name.

The data lives in ``generator/extract/data/countries.tsv`` (one row per country or region) and is read
once, on first use. Matching is deliberately strict about two things:

* Codes and abbreviations ("US", "U.S.", "UK", "AFG", "DPRK", "BiH") match only when written in
  capitals, so the English words "us", "in", "it", "no", "me"... never match a country.
* A few names that are also common lower-case English words ("turkey", "china", "chad",
  "poles", "polish", "the states"...) match only when the input has a capital letter.

Everything else is matched case-insensitively after normalising quotes, dashes, accents, dots,
a leading "the" and a trailing possessive.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

__all__ = ["Country", "lookup", "is_demonym", "by_capital", "all_countries", "normalize"]

COLUMNS = ("name", "iso3", "iso2", "aliases", "demonyms", "capital", "kind")
KINDS = ("country", "region")

# Longer than any name in the table by a wide margin; longer inputs are sentences, not names.
MAX_INPUT = 160

# Keys that are also ordinary lower-case English words: they need a capital letter in the input.
COMMON_WORDS = frozenset(
    {
        "brazil", "chad", "chile", "china", "guinea", "japan", "panama", "pole", "poles",
        "polish", "swede", "swedes", "turkey", "the states", "the mainland", "the emirates",
        # capitals (for by_capital)
        "lima", "male",
    }
)

_QUOTES = dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032\u02bc\u00b4`"), "'")
_QUOTES.update(dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"), '"'))
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")
# Letters that NFKD does not split into a base letter and an accent.
_LETTERS = {ord(k): v for k, v in {
    "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "đ": "d", "Đ": "D",
    "ł": "l", "Ł": "L", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
}.items()}
_EDGE = " \t\r\n\"'()[]{}<>,;:!?*_|/\\"
_POSSESSIVE = re.compile(r"(?<=[\w.])'s?$", re.IGNORECASE)
_THE = re.compile(r"^the\s+", re.IGNORECASE)
# A code or abbreviation once dots are gone: capitals (and "&"), possibly one lower-case letter
# inside ("BiH").
_CODE = re.compile(r"[A-Z&]+(?:[a-z][A-Z&]+)?")
_NON_WORD = re.compile(r"[^0-9a-z' ]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Country:
    name: str
    iso3: str
    iso2: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str
    kind: str


@dataclass(frozen=True)
class _Table:
    countries: tuple[Country, ...]
    words: dict[str, tuple[Country, bool]]  # normalised key -> (country, is a demonym)
    codes: dict[str, Country]  # code as written, dots removed -> country
    codes_upper: dict[str, Country]  # the same codes in capitals, for all-capital input ("BIH")
    capitals: dict[str, Country]  # normalised capital -> country


def _clean(text: str) -> str:
    """Unicode quotes and dashes to ASCII, edges trimmed, a trailing possessive dropped."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).translate(_DASHES)
    text = text.strip(_EDGE + "-")
    text = _POSSESSIVE.sub("", text)
    return text.strip(_EDGE + "-")


def _fold(text: str) -> str:
    """Accents off, case folded, dots dropped, punctuation to spaces, whitespace collapsed."""
    text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace(".", "").replace("&", " and ")
    text = _NON_WORD.sub(" ", text).replace("'", "")
    return _SPACES.sub(" ", text).strip()


def normalize(text: str) -> str:
    """The key a name is matched under ("the" kept): "Côte d’Ivoire's" -> "cote divoire"."""
    return _fold(_clean(text))


def _code_form(text: str) -> str:
    """A code as written, dots and spaces removed: "the U. S." -> "US"."""
    return re.sub(r"[.\s]+", "", _THE.sub("", _clean(text)))


def _is_code(alias: str) -> bool:
    return _CODE.fullmatch(re.sub(r"[.\s]+", "", alias)) is not None and " " not in alias.strip()


def _split(field: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in field.split(";") if part.strip())


def _parse(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [field.strip() for field in line.split("\t")]
        if not header:
            header = fields
            if tuple(header) != COLUMNS:
                raise ValueError(f"countries.tsv: header is {header}, expected {list(COLUMNS)}")
            continue
        if len(fields) != len(COLUMNS):
            raise ValueError(f"countries.tsv line {number}: {len(fields)} fields, expected {len(COLUMNS)}")
        rows.append((number, fields))
    return header, rows


def _add(index: dict, key: str, value, country: Country, what: str) -> None:
    if not key:
        raise ValueError(f"countries.tsv: {country.name}: {what} normalises to nothing")
    held = index.get(key)
    if held is None:
        index[key] = value
        return
    held_country = held[0] if isinstance(held, tuple) else held
    if held_country is not country:
        raise ValueError(f"countries.tsv: {what} {key!r} names both {held_country.name} and {country.name}")


def _build(text: str) -> _Table:
    _, rows = _parse(text)
    countries: list[Country] = []
    words: dict[str, tuple[Country, bool]] = {}
    codes: dict[str, Country] = {}
    capitals: dict[str, Country] = {}
    for number, (name, iso3, iso2, aliases, demonyms, capital, kind) in rows:
        if kind not in KINDS:
            raise ValueError(f"countries.tsv line {number}: kind {kind!r} is not one of {KINDS}")
        capital_forms = _split(capital)
        country = Country(
            name=name,
            iso3=iso3,
            iso2=iso2,
            aliases=_split(aliases),
            demonyms=_split(demonyms),
            capital=capital_forms[0] if capital_forms else "",
            kind=kind,
        )
        countries.append(country)
        # Names before demonyms, so a form that is both counts as a name.
        for form in (name, *country.aliases):
            if _is_code(form):
                _add(codes, re.sub(r"[.\s]+", "", form), country, country, "code")
            else:
                _add(words, normalize(form), (country, False), country, "name")
        for form in country.demonyms:
            _add(words, normalize(form), (country, True), country, "demonym")
        for code in (iso3, iso2):
            _add(codes, code, country, country, "code")
        for form in capital_forms:
            _add(capitals, normalize(form), country, country, "capital")
    # A code and a word may not point different ways either ("CAR" vs "car").
    for code, country in codes.items():
        held = words.get(code.casefold())
        if held is not None and held[0] is not country:
            raise ValueError(f"countries.tsv: {code!r} names both {country.name} and {held[0].name}")
    codes_upper = {code.upper(): country for code, country in codes.items()}
    return _Table(tuple(countries), words, codes, codes_upper, capitals)


@functools.lru_cache(maxsize=1)
def _table() -> _Table:
    text = resources.files("generator.extract.data").joinpath("countries.tsv").read_text(encoding="utf-8")
    return _build(text)


def _has_capital(text: str) -> bool:
    return any(ch.isupper() for ch in text)


def _word(index: dict, text: str):
    """Look `text` up in a normalised index, with and without a leading "the"."""
    key = normalize(text)
    candidates = [key]
    if key.startswith("the "):
        candidates.append(key[4:])
    for candidate in candidates:
        if candidate in COMMON_WORDS and not _has_capital(text):
            continue
        if candidate in index:
            return index[candidate]
    return None


def _match(text: object) -> tuple[Country, bool] | None:
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_INPUT:
        return None
    table = _table()
    code = _code_form(text)
    if code:
        country = table.codes.get(code)
        if country is None and code.isupper():
            country = table.codes_upper.get(code)
        if country is not None:
            return country, False
    return _word(table.words, text)


def lookup(text: str) -> Country | None:
    """The country `text` names, by name, alias, code or demonym; None when it names none.

    >>> lookup("the U.S.").name, lookup("Americans").name, lookup("Côte d'Ivoire").name
    ('United States', 'United States', 'Ivory Coast')
    >>> lookup("us") is None
    True
    """
    found = _match(text)
    return found[0] if found else None


def is_demonym(text: str) -> bool:
    """True when `text` matches a country as a demonym ("Afghan", "Dutch"), not as a name."""
    found = _match(text)
    return bool(found and found[1])


def by_capital(text: str) -> Country | None:
    """The country whose capital `text` names: "Washington" -> United States, "Kiev" -> Ukraine."""
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_INPUT:
        return None
    return _word(_table().capitals, text)


def all_countries() -> tuple[Country, ...]:
    """Every row of the table, in file order."""
    return _table().countries
