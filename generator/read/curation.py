"""Curation: what humans decided about the actors, read from mkdocs.yml and from the front
matter of the pages they touched; resolution applies it (`resolve.graph`, `resolve.corrections`).

Pure: the pages come in as text (`pages.read_pages`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from generator.config import Settings
from generator.exceptions import Problem
from .frontmatter import hidden, page_curation, read_front_matter
from .markers import touched
from .pages import actor_id, is_actor_page, kind_of_page


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Case, accents, dots, a leading article and a possessive do not tell names apart."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[.\u2019']", "", text)
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^(the|a|an) ", "", text)


@dataclass
class Curation:
    """What humans decided: from mkdocs.yml (global) and from actor pages' front matter."""
    aliases: dict[str, list[str]] = field(default_factory=dict)   # canonical name -> other names
    ignore: set[str] = field(default_factory=set)                  # name keys never to be actors
    not_same_as: list[tuple[str, str]] = field(default_factory=list)
    types: dict[str, str] = field(default_factory=dict)            # name key -> type
    hidden: set[str] = field(default_factory=set)                  # name keys
    summaries: dict[str, str] = field(default_factory=dict)        # name key -> summary
    names: dict[str, str] = field(default_factory=dict)            # name key -> preferred name


def read_page_curation(pages: dict[str, str], last_good: dict[str, dict]) -> tuple[dict[str, dict], list[Problem]]:
    """The curation keys set in each page a human touched (path -> key -> value), and what
    is wrong with them. A page whose front matter does not parse, or a key of the wrong type,
    keeps what it set the last time it could be read (`last_good`): the human's decisions
    stand while they fix a typo."""
    curated: dict[str, dict] = {}
    problems: list[Problem] = []
    for path, text in sorted(pages.items()):
        front = read_front_matter(text)
        if front.broken:
            kept = last_good.get(path)
            problems.append(Problem(path, f"{front.error}; until then the page is read without it"
                                          f"{' and keeps the curation it had' if kept else ''}", line=front.line))
            if kept:
                curated[path] = kept
            continue
        if not touched(text):
            continue
        found = page_curation(text, kind_of_page(path, text))
        values = dict(found.values)
        for message, line in found.problems:
            problems.append(Problem(path, message, line=line))
        for key, value in last_good.get(path, {}).items():
            if key not in values and any(f"`{key}`" in m for m, _ in found.problems):
                values[key] = value
        if values:
            curated[path] = values
    return curated, problems


def renamed_actor_pages(pages: dict[str, str], names: dict[str, str], curated: dict[str, dict]) -> list[str]:
    """Touched actor pages whose title is no longer the name of the actor they are for."""
    return [path for path, text in sorted(pages.items())
            if is_actor_page(path, text) and touched(text) and actor_id(text) in names
            and name_key(str(curated.get(path, {}).get("title") or "")) != name_key(names[actor_id(text)])]


def read_curation(settings: Settings, curated: dict[str, dict], pages: dict[str, str],
                  names: dict[str, str] | None = None) -> Curation:
    """Global curation from mkdocs.yml, then what humans set in actor pages' front matter
    (`curated`, from `read_page_curation`). A page's curation is keyed by its title, or, given
    `names` (actor id -> name), by the name of the actor its stamp names, so that a human may
    retitle a page."""
    curation = Curation(aliases={k: list(v) for k, v in settings.aliases.items()},
                        ignore={name_key(n) for n in settings.ignore})
    for path, meta in sorted(curated.items()):
        text = pages.get(path, "")
        if not is_actor_page(path, text):
            continue
        title = (names or {}).get(actor_id(text) or "") or meta.get("title") or ""
        if not title:
            continue
        key = name_key(title)
        extra = meta.get("aliases", []) + meta.get("same_as", [])
        if extra:
            curation.aliases.setdefault(title, []).extend(extra)
        curation.not_same_as += [(title, other) for other in meta.get("not_same_as", [])]
        if "type" in meta:
            curation.types[key] = meta["type"]
        if hidden(meta):
            curation.hidden.add(key)
        if meta.get("summary"):
            curation.summaries[key] = meta["summary"]
    return curation


def merged_names(settings: Settings, curated: dict[str, dict]) -> set[str]:
    """The names a human merged into an actor (mkdocs.yml's aliases, pages' aliases and same_as)."""
    names = {name for others in settings.aliases.values() for name in others}
    names |= {name for meta in curated.values() for key in ("aliases", "same_as") for name in meta.get(key, [])}
    return {name_key(n) for n in names}
