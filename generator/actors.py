"""Actor resolution: mentions from every document become one actor per real-world entity.

Names are grouped with a union-find over name keys. Joins come from: the country table
("U.S." = "the United States" = "American"), a bare surname or a shortened name pointing to a
unique longer one ("Ghani" -> "Ashraf Ghani", "Council" -> "Afghan National Security
Council"), acronyms ("UN" = "United Nations"), and the curation a human wrote. A human's
`not_same_as` is a wall no join crosses.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .countries import by_capital, lookup
from .lexicon import GOVERNMENT_NOUNS, HONORIFICS, OFFICIAL_NOUNS, ORG_HEADS
from .model import DocFacts

_LABEL_TYPE = {"PERSON": "person", "ORG": "organization", "NORP": "group",
               "GPE": "place", "LOC": "place", "FAC": "place", "COLLECTIVE": "organization"}


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


@dataclass
class Cluster:
    key: str
    mentions: list[tuple[str, int]] = field(default_factory=list)   # (source id, mention index)
    forms: Counter = field(default_factory=Counter)
    votes: Counter = field(default_factory=Counter)
    country: str | None = None


class _Groups:
    """Union-find over name keys with cannot-link pairs."""

    def __init__(self, walls: list[tuple[str, str]]):
        self.parent: dict[str, str] = {}
        self.walls = [(name_key(a), name_key(b)) for a, b in walls]

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def members(self, root: str) -> set[str]:
        return {k for k in list(self.parent) if self.find(k) == root}

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.walls:
            left, right = self.members(ra), self.members(rb)
            for x, y in self.walls:
                if (x in left and y in right) or (y in left and x in right):
                    return False
        # The smaller key stays root so the outcome does not depend on the order of unions.
        ra, rb = sorted((ra, rb))
        self.parent[rb] = ra
        return True


def _key_of(label: str, name: str, nation: str | None) -> tuple[str, str | None]:
    """(name key, country) for a mention: countries and their institutions get stable keys."""
    if label == "COLLECTIVE":
        # "officials in Kabul" speak for Afghanistan as much as "Afghan officials" do.
        country = lookup(nation or "") or by_capital(nation or "")
        noun = name.rsplit(" ", 1)[-1].lower()
        base = country.name if country else nation or name
        if noun in GOVERNMENT_NOUNS:
            return f"government of {name_key(base)}", base
        if noun in OFFICIAL_NOUNS:
            return f"officials of {name_key(base)}", base
        return name_key(base), base
    if label in {"GPE", "NORP"}:
        country = lookup(name)
        if country is not None:
            return name_key(country.name), country.name
    words = name.split()
    while len(words) > 1 and words[0].lower() in HONORIFICS:
        words = words[1:]
    return name_key(" ".join(words)), None


@functools.lru_cache(maxsize=1 << 17)
def _reading(label: str, name: str, nation: str | None, role: bool) -> tuple[str, str | None, str, str, int]:
    """All clustering takes from one mention: its key, country, display form, type vote and
    weight. Memoised: the same names recur in document after document, and country lookups
    are not cheap."""
    key, country = _key_of(label, name, nation)
    return key, country, _display_of(label, name, nation), _vote(label, name, role, country), \
        _weight(label, name, role)


def learn_names(facts: Iterable[DocFacts]) -> None:
    """Memoise what clustering reads of every mention in `facts`, ahead of clustering."""
    for doc in facts:
        for mention in doc.mentions:
            _reading(mention.label, mention.name, mention.country, bool(mention.role))


def cluster_mentions(facts: list[DocFacts], curation: Curation) -> tuple[dict[str, Cluster], _Groups]:
    clusters: dict[str, Cluster] = {}
    ignore = curation.ignore
    for doc in facts:
        source = doc.source_id
        for index, mention in enumerate(doc.mentions):
            key, country, display, vote, weight = _reading(mention.label, mention.name, mention.country,
                                                           bool(mention.role))
            if not key or key in ignore:
                continue
            cluster = clusters.get(key)
            if cluster is None:
                cluster = clusters[key] = Cluster(key)
            cluster.mentions.append((source, index))
            forms, votes = cluster.forms, cluster.votes     # dict.get: no Counter.__missing__ call
            forms[display] = forms.get(display, 0) + 1
            votes[vote] = votes.get(vote, 0) + weight
            cluster.country = cluster.country or country
    groups = _Groups(curation.not_same_as)
    for key in sorted(clusters):
        groups.find(key)
    for canonical, others in sorted(curation.aliases.items()):
        for other in others:
            if name_key(other) in clusters or name_key(canonical) in clusters:
                groups.union(name_key(canonical), name_key(other))
    _join_short_names(clusters, groups, facts)
    _join_company_forms(clusters, groups)
    _join_acronyms(clusters, groups)
    _join_collectives(clusters, groups)
    return clusters, groups


def _display_of(label: str, name: str, nation: str | None) -> str:
    if label == "COLLECTIVE":
        noun = name.rsplit(" ", 1)[-1].lower()
        if noun in GOVERNMENT_NOUNS:
            return f"{nation} {noun}"
    if label in {"GPE", "NORP"}:
        country = lookup(name)
        if country is not None:
            return country.name
    words = name.split()
    while len(words) > 1 and words[0].lower() in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def _weight(label: str, name: str, role: bool) -> int:
    """How much one mention says about the type: a role ("spokesman") or an organisation word
    in the name ("Chemlawn Corp") outweighs what NER guessed for a bare name elsewhere."""
    if label not in {"COLLECTIVE"} and name.lower().split()[-1:] and name.lower().split()[-1] in ORG_HEADS:
        return 5
    # A role, or a full name, says more than a bare word NER had to guess at.
    return 2 if role or len(name.split()) > 1 else 1


def _vote(label: str, name: str, role: bool, country: str | None) -> str:
    if country is not None and label != "COLLECTIVE":
        return "country"
    if label == "COLLECTIVE":
        noun = name.rsplit(" ", 1)[-1].lower()
        return "organization" if noun in GOVERNMENT_NOUNS else "country"
    words = name.lower().split()
    if role and label in {"PERSON", "ORG"}:
        return "person"
    if words and words[-1] in ORG_HEADS:
        return "organization"
    if label in {"FAC", "LOC", "GPE"} and ORG_HEADS.intersection(words[:-1]):
        return "organization"      # "Center for Strategic and International Studies"
    return _LABEL_TYPE.get(label, "organization")


def _join_short_names(clusters: dict[str, Cluster], groups: _Groups, facts: list[DocFacts]) -> None:
    """A name that is the last word(s) of exactly one longer name of the same kind joins it:
    "Pompeo" -> "Mike Pompeo", "National Security Council" -> "Afghan National Security Council".
    Two candidates (two Joneses) and no join: a wrong merge is worse than a duplicate."""
    by_suffix: dict[str, set[str]] = defaultdict(set)
    kind = {k: _kind(c) for k, c in clusters.items()}
    for key in clusters:
        words = key.split()
        for n in range(1, len(words)):
            by_suffix[" ".join(words[-n:])].add(key)
        if kind[key] == "person" and len(words) == 3 and len(words[1]) <= 2:
            by_suffix[f"{words[0]} {words[2]}"].add(key)     # "Seth G. Jones" is "Seth Jones"
    for key in sorted(clusters):
        if kind[key] == "country":
            continue
        # NER may call a surname a place once ("Moedas visited"): a person's vote is enough.
        joinable = _JOINABLE.get(kind[key], set()) | ({"person"} if clusters[key].votes["person"] else set())
        longer = {k for k in by_suffix.get(key, ()) if kind[k] in joinable}
        roots = {groups.find(k) for k in longer}
        if len(roots) == 1:
            groups.union(next(iter(roots)), key)
        elif len(longer) > 1:
            _join_within_document(key, longer, clusters, groups)


_JOINABLE = {"person": {"person"}, "organization": {"organization", "person"},
             "group": {"organization", "group"}, "place": {"place"}}


def _join_within_document(key: str, longer: set[str], clusters: dict[str, Cluster], groups: _Groups) -> None:
    """Ambiguous across the corpus, but in each document where the short name appears only one
    of the longer names does: join when every such document agrees."""
    docs_of = {k: {s for s, _ in clusters[k].mentions} for k in longer}
    choice = set()
    for source, _ in clusters[key].mentions:
        here = {groups.find(k) for k in longer if source in docs_of[k]}
        if len(here) != 1:
            return
        choice |= here
    if len(choice) == 1:
        groups.union(next(iter(choice)), key)


# Words that end a company's full name and that its short name leaves off.
COMPANY_ENDINGS = frozenset("inc incorporated corp corporation co company ltd limited plc llc "
                            "nv sa ag gmbh holdings group airlines airways".split())


def _join_company_forms(clusters: dict[str, Cluster], groups: _Groups) -> None:
    """"ConAgra" is "ConAgra Inc", "China Eastern" is "China Eastern Airlines": a name plus a
    company ending joins the bare name, unless the bare name is a country or a place
    ("Qatar Airways" is not Qatar)."""
    for key in sorted(clusters):
        words = key.split()
        while len(words) > 1 and words[-1] in COMPANY_ENDINGS:
            words = words[:-1]
            base = " ".join(words)
            if base in clusters and _kind(clusters[base]) in {"organization", "person", "group"} \
                    and not clusters[base].country:
                groups.union(base, key)
                break
        # "Monfort of Colorado Inc" is "Monfort", even where NER took "Monfort" for a place.
        if words[-1:] != key.split()[-1:] and "of" in words[1:]:
            base = " ".join(words[: words.index("of", 1)])
            if base in clusters and not clusters[base].country:
                groups.union(base, key)


def _kind(cluster: Cluster) -> str:
    # most_common(1) without its heap: the first of the largest, as it gives.
    return max(cluster.votes, key=cluster.votes.__getitem__) if cluster.votes else "organization"


def _initials(key: str) -> str:
    return "".join(w[0] for w in key.split() if w not in {"of", "for", "and", "the", "on", "in"})


def _join_acronyms(clusters: dict[str, Cluster], groups: _Groups) -> None:
    """"CSIS" = "Center for Strategic and International Studies"; "UN Security Council" =
    "United Nations Security Council": an acronym stands for words whose initials it spells."""
    acronyms = {w.casefold() for c in clusters.values() for f in c.forms for w in f.split()
                if w.replace(".", "").isupper() and 2 <= len(w.replace(".", "")) <= 6}
    by_initials: dict[str, set[str]] = defaultdict(set)
    # Every name by the first letters of all its words: an expansion spells its acronym there.
    by_letters: dict[str, list[str]] = defaultdict(list)
    for key in clusters:
        if len(key.split()) >= 2:
            by_initials[_initials(key)].add(key)
        by_letters["".join(w[0] for w in key.split())].append(key)
    for key in sorted(clusters):
        words = key.split()
        for i, word in enumerate(words):
            if word not in acronyms or len(word) < 2:
                continue
            if len(words) == 1:
                matches = by_initials.get(word, set()) - {key}
                if len({groups.find(m) for m in matches}) == 1:
                    groups.union(next(iter(matches)), key)
                continue
            for full in _expansions(words, i, by_letters):
                groups.union(full, key)


def _expansions(words: list[str], i: int, by_letters: dict[str, list[str]]) -> list[str]:
    """Names that read like `words` with the acronym at `i` spelled out."""
    before, after, acronym = words[:i], words[i + 1:], words[i]
    letters = "".join(w[0] for w in before) + acronym + "".join(w[0] for w in after)
    found = []
    for other in by_letters.get(letters, ()):
        parts = other.split()
        n = len(parts) - len(before) - len(after)
        if n < 2 or parts[:len(before)] != before or (after and parts[-len(after):] != after):
            continue
        middle = parts[len(before): len(parts) - len(after)]
        if "".join(w[0] for w in middle) == acronym:
            found.append(other)
    return found


def _join_collectives(clusters: dict[str, Cluster], groups: _Groups) -> None:
    """A government named once is the country acting ("the US government"); named more often it
    is a party of its own ("the Afghan government"). Officials speak for their government."""
    for key in sorted(clusters):
        cluster = clusters[key]
        if not cluster.country:
            continue
        country_key = name_key(cluster.country)
        government = f"government of {country_key}"
        if key == government and len(cluster.mentions) < 2:
            groups.union(country_key, key)
        elif key == f"officials of {country_key}":
            target = government if len(clusters.get(government, Cluster("")).mentions) >= 2 else country_key
            groups.union(target, key)
