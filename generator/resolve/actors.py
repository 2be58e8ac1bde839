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
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.extract.countries import by_capital, lookup
from generator.extract.lexicon import (GOVERNMENT_NOUNS, HONORIFIC_SUFFIXES, HONORIFICS, NICKNAMES, OFFICIAL_NOUNS,
                                       ORG_HEADS, VENUE_NOUNS)
from generator.model import DocFacts
from generator.read.curation import Curation, name_key

_LABEL_TYPE = {"PERSON": "person", "ORG": "organization", "NORP": "group",
               "GPE": "place", "LOC": "place", "FAC": "place", "COLLECTIVE": "organization"}


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

    def walled(self, a: str, b: str) -> bool:
        """Whether a human said the names `a` and `b` are not the same."""
        return (a, b) in self.walls or (b, a) in self.walls

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
    return name_key(" ".join(_bare_words(name))), None


def _bare_words(name: str) -> list[str]:
    """A name's words without the honorifics before ("Mr") or after it ("Sahib", "-san")."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in HONORIFICS:
        words = words[1:]
    while len(words) > 1 and words[-1].lower() in HONORIFIC_SUFFIXES:
        words = words[:-1]
    if words and "-" in words[-1] and words[-1].rsplit("-", 1)[1].lower() in HONORIFIC_SUFFIXES:
        words[-1] = words[-1].rsplit("-", 1)[0]
    return words


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
    for key in _glued_in_headlines(clusters, facts):
        del clusters[key]
    groups = _Groups(curation.not_same_as)
    for key in sorted(clusters):
        groups.find(key)
    for canonical, others in sorted(curation.aliases.items()):
        for other in others:
            if name_key(other) in clusters or name_key(canonical) in clusters:
                groups.union(name_key(canonical), name_key(other))
    _join_short_names(clusters, groups, facts)
    _join_company_forms(clusters, groups)
    _join_defined_acronyms(clusters, groups, facts)
    _join_acronyms(clusters, groups)
    _join_leading_names(clusters, groups, facts)
    _join_national_forms(clusters, groups)
    _join_regional_arms(clusters, groups)
    _join_nicknames(clusters, groups)
    _join_misspellings(clusters, groups)
    # Once acronyms and company forms are joined, "the Air Force" in documents naming "the US
    # Air Force" or "the USAF" points at one actor, not two.
    _join_short_names(clusters, groups, facts)
    _join_collectives(clusters, groups)
    return clusters, groups


@functools.lru_cache(maxsize=1 << 16)
def _is_country(text: str) -> bool:
    """Whether `text` names a country. Memoised: the joins ask it of every key, every build."""
    return lookup(text) is not None


def _glued_in_headlines(clusters: dict[str, Cluster], facts: list[DocFacts]) -> list[str]:
    """A headline in capitals glues names together ("Boeing Air Force Contract Talks" gives
    "Boeing Air Force"): a name found only in headlines (a source's first sentence) that is two
    names the sources write apart, the first neither a country nor a place, is those two."""
    sent_of = {f.source_id: f.mentions for f in facts}

    def only_in_headlines(cluster: Cluster) -> bool:
        return all(sent_of[s][i].sent == 0 for s, i in cluster.mentions)

    glued = []
    for key in sorted(clusters):
        words = key.split()
        if len(words) < 2 or not only_in_headlines(clusters[key]):
            continue
        for cut in range(1, len(words)):
            left, right = " ".join(words[:cut]), " ".join(words[cut:])
            if left in clusters and right in clusters and not clusters[left].country \
                    and not _is_country(left) and _kind(clusters[left]) in {"organization", "person"} \
                    and not only_in_headlines(clusters[left]) and not only_in_headlines(clusters[right]):
                glued.append(key)
                break
    return glued


def _display_of(label: str, name: str, nation: str | None) -> str:
    if label == "COLLECTIVE":
        noun = name.rsplit(" ", 1)[-1].lower()
        if noun in GOVERNMENT_NOUNS:
            return f"{nation} {noun}"
    if label in {"GPE", "NORP"}:
        country = lookup(name)
        if country is not None:
            return country.name
    return " ".join(_bare_words(name))


def _weight(label: str, name: str, role: bool) -> int:
    """How much one mention says about the type: a role ("spokesman") or an organisation word
    in the name ("Chemlawn Corp") outweighs what NER guessed for a bare name elsewhere."""
    last = name.lower().split()[-1:]
    if label not in {"COLLECTIVE"} and last and (last[0] in ORG_HEADS or last[0] in VENUE_NOUNS):
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
    if len(words) > 1 and words[-1] in VENUE_NOUNS:
        return "place"          # "Moscone West Convention Center": a building
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
        if len(roots) == 1 and _generic(key) and not _named_beside(key, longer, clusters, facts):
            continue    # "the Commission" of a story that never names the SEC is not the SEC
        if len(roots) == 1:
            groups.union(next(iter(roots)), key)
        elif len(longer) > 1:
            _join_within_document(key, longer, clusters, groups)


def _generic(key: str) -> bool:
    """One word that names a kind of body ("Commission", "House", "Council"), not one body."""
    return " " not in key and (key in ORG_HEADS or key in {"house", "senate", "chamber", "cabinet"})


def _named_beside(key: str, longer: set[str], clusters: dict[str, Cluster], facts: list[DocFacts]) -> bool:
    """Whether every document that uses the short name also names a longer one, or the words
    that make it that one ("the Senate of Chile" beside "the Chilean Senate")."""
    docs = {s for k in longer for s, _ in clusters[k].mentions}
    marks = set()       # each as a name is written: capitalised
    for other in longer:
        for word in other.split()[: -len(key.split())]:
            if word in _LINKING_WORDS:
                continue
            country = lookup(word)
            marks |= {word.capitalize()} | ({country.name} if country is not None else set())
    text_of = {f.source_id: f for f in facts}
    for source in {s for s, _ in clusters[key].mentions} - docs:
        doc = text_of.get(source)
        text = " ".join(s.text for s in doc.sentences) if doc is not None else ""
        if not any(re.search(rf"\b{re.escape(mark)}\b", text) for mark in marks):
            return False
    return True


_LINKING_WORDS = frozenset("and of the for on in de la du".split())


_JOINABLE = {"person": {"person"}, "organization": {"organization", "person"},
             "group": {"organization", "group"}, "place": {"place"}}


def _join_within_document(key: str, longer: set[str], clusters: dict[str, Cluster], groups: _Groups) -> None:
    """Ambiguous across the corpus, but in each document where the short name appears only one
    of the longer names does: join when every such document agrees."""
    docs_of = {k: {s for s, _ in clusters[k].mentions} for k in longer}
    choice = set()
    for source, _ in clusters[key].mentions:
        here = {groups.find(k) for k in longer if source in docs_of[k]}
        if len(here) > 1:
            return
        choice |= here          # a document naming none of them tells nothing either way
    if len(choice) == 1:
        groups.union(next(iter(choice)), key)


# Words that end a company's full name and that its short name leaves off: legal forms
# ("Inc", "SpA", "AG") and the words a maker or carrier adds ("Motor", "Airways", "Group").
LEGAL_FORMS = frozenset("inc incorporated corp corporation co cos company companies ltd limited "
                        "plc llc lp nv bv sa spa sarl ag gmbh kg ab oy asa bhd pty".split())
COMPANY_ENDINGS = LEGAL_FORMS | frozenset("holding holdings group international industries enterprises "
                                          "computer computers airlines airways motor motors".split())


def company_core(key: str, endings: frozenset[str] = COMPANY_ENDINGS) -> str:
    """"ford motor co" -> "ford", "general motor" -> "general": a name key without the
    company endings that follow it (one word at least stays)."""
    words = key.split()
    while len(words) > 1 and words[-1] in endings:
        words = words[:-1]
    return " ".join(words)


def _join_company_forms(clusters: dict[str, Cluster], groups: _Groups) -> None:
    """"Ford", "Ford Motor Co", "Ford Motors Co" and "Ford Motor Company" are one company: names
    that differ only by company endings join, and join the bare name, unless the bare name is
    a country or a place ("Qatar Airways" is not Qatar, "American Airlines" no American)."""
    by_core: dict[str, list[str]] = defaultdict(list)
    for key in sorted(clusters):
        core = company_core(key)
        if _is_country(core) or (core in clusters and clusters[core].country):
            # "Thai Airways International" is "Thai Airways": only the legal words go.
            core = company_core(key, LEGAL_FORMS | {"international", "group", "holdings"})
            if core == key or _is_country(core):
                continue
        if core != key:
            by_core[core].append(key)
    for core, keys in sorted(by_core.items()):
        bare = clusters.get(core)
        if bare is not None and bare.country:
            continue
        # NER may call a bare company name a place once ("flew AirTran"): outnumbered, it joins.
        if bare is not None and (_kind(bare) in {"organization", "person", "group"} or len(bare.mentions)
                                 <= sum(len(clusters[k].mentions) for k in keys)):
            keys = [core] + keys
        for key in keys[1:]:
            groups.union(keys[0], key)
    for key in sorted(clusters):
        words = company_core(key).split()
        # "Monfort of Colorado Inc" is "Monfort", even where NER took "Monfort" for a place.
        if words[-1:] != key.split()[-1:] and "of" in words[1:]:
            base = " ".join(words[: words.index("of", 1)])
            if base in clusters and not clusters[base].country:
                groups.union(base, key)


def _join_leading_names(clusters: dict[str, Cluster], groups: _Groups, facts: list[DocFacts]) -> None:
    """A name that is the first word(s) of one longer name: "Northrop" for "Northrop Grumman",
    "Tran" for "Tran Van Minh" (the family name first, as in Vietnamese, Chinese, Korean or
    Hungarian), "Steve" for "Steve Jobs". People join people; organisations join organisations
    only where the words left off are a name too ("Grumman"), not a description of a part
    ("Boeing Commercial Airplanes" is a division, "EADS North America" a branch). Where several
    longer names fit, every document using the short one must name just one of them."""
    kind = {k: _kind(c) for k, c in clusters.items()}
    by_prefix: dict[str, set[str]] = defaultdict(set)
    for key in clusters:
        words = key.split()
        if kind[key] in {"person", "organization"} and not clusters[key].country:
            for n in range(1, len(words)):
                by_prefix[" ".join(words[:n])].add(key)
    text_of = {f.source_id: f for f in facts}
    sizes = Counter(groups.find(k) for k in clusters)
    ending: dict[str, set[str]] = defaultdict(set)
    for key in clusters:
        words = key.split()
        if kind[key] in {"person", "organization"}:
            for n in range(1, len(words)):
                ending[" ".join(words[n:])].add(key)
    for key in sorted(clusters):
        if kind[key] not in {"person", "organization"} or clusters[key].country or key not in by_prefix:
            continue
        if _is_country(key) or sizes[groups.find(key)] > 1:
            continue            # "Apple", already "Apple Inc", is no short name for "Apple Corps"
        if any(groups.find(k) != groups.find(key) for k in ending.get(key, ())):
            continue            # "Douglas" ends "McDonnell Douglas" and leads "Douglas Aircraft": either
        # NER calls some companies people ("Lockheed Martin"): an organisation's name may lead either.
        fits = {"person"} if kind[key] == "person" else {"organization", "person"}
        longer = {k for k in by_prefix[key] if kind[k] in fits}
        if kind[key] == "person":
            # A surname of someone else ("Jobs" for a Mr Jobs) is no first name.
            if len(key.split()) != 1:
                continue
        else:
            longer = {k for k in longer if _names_more(k, key, clusters[k], text_of)}
        roots = {groups.find(k) for k in longer}
        if len(roots) == 1:
            groups.union(next(iter(roots)), key)
        elif len(roots) > 1:
            _join_within_document(key, longer, clusters, groups)


# Regions a company names an arm for, besides countries ("EADS North America").
_REGIONS = frozenset({"north america", "south america", "latin america", "americas", "europe", "asia",
                      "asia pacific", "africa", "middle east", "international"})


def _join_regional_arms(clusters: dict[str, Cluster], groups: _Groups) -> None:
    """"EADS North America", "Apple Japan": a company's arm for a region or country is the
    company acting there, one actor for a reader; a division named for what it does ("Boeing
    Commercial Airplanes") has a head and a story of its own and stays apart."""
    kind = {k: _kind(c) for k, c in clusters.items()}
    for key in sorted(clusters):
        words = key.split()
        if kind[key] != "organization" or clusters[key].country or len(words) < 2:
            continue
        for cut in range(1, len(words)):
            company, extra = " ".join(words[:cut]), " ".join(words[cut:])
            if kind.get(company) == "organization" and not clusters[company].country \
                    and company not in ORG_HEADS and company != "air" and not _is_country(company) \
                    and (extra in _REGIONS or _is_country(extra)):     # "Air Canada" is no arm of "Air"
                groups.union(company, key)
                break


def _names_more(longer: str, short: str, cluster: Cluster, text_of: dict[str, DocFacts]) -> bool:
    """Whether the words `longer` adds to `short` are a name rather than a description: no
    organisation noun, no place, and never written in lower case where the longer name is."""
    extra = longer.split()[len(short.split()):]
    if len(extra) > 2 or any(w in ORG_HEADS or w in COMPANY_ENDINGS or not w.isalpha() for w in extra):
        return False
    if _is_country(" ".join(extra)) or any(_is_country(w) for w in extra):
        return False
    for source in sorted({s for s, _ in cluster.mentions}):
        if any(w in lower_words(text_of[source]) for w in extra):
            return False
    return True


_WORDS: dict[int, tuple[tuple, frozenset[str]]] = {}


def lower_words(doc: DocFacts) -> frozenset[str]:
    """The words `doc` writes in lower case (hyphenated words whole), made once per text
    (by the identity of its sentences, checked, so a reused id is never mistaken)."""
    found = _WORDS.get(id(doc.sentences))
    if found is None or found[0] is not doc.sentences:
        text = " ".join(s.text for s in doc.sentences)
        found = _WORDS[id(doc.sentences)] = (doc.sentences, frozenset(
            w for w in re.findall(r"[\w-]+", text) if w.islower()))
    return found[1]


# Heads of a government body, named either way round ("Defence Ministry", "Ministry of Defence").
_BODY_HEADS = frozenset("ministry department office agency council commission bureau institute".split())


def _join_national_forms(clusters: dict[str, Cluster], groups: _Groups) -> None:
    """"Japanese Ministry of International Trade and Industry" is the "Ministry of International
    Trade and Industry" a corpus names, and so is the "International Trade and Industry Ministry":
    an organisation's name with its nation before it, or its head noun moved to the front."""
    kind = {k: _kind(c) for k, c in clusters.items()}
    for key in sorted(clusters):
        if kind[key] != "organization" or clusters[key].country:
            continue
        words = key.split()
        rest = " ".join(words[1:])
        # Only a long name is specific enough: "Indian Air Force" is no "Air Force" of elsewhere.
        if len(words) >= 5 and _is_country(words[0]) and not _is_country(rest) \
                and kind.get(rest) == "organization":
            groups.union(rest, key)
        if len(words) >= 2 and words[-1] in _BODY_HEADS:
            other = f"{words[-1]} of {' '.join(words[:-1])}"
            if kind.get(other) == "organization":
                groups.union(other, key)


def _first_name(word: str) -> str:
    return NICKNAMES.get(word, word)


def _join_nicknames(clusters: dict[str, Cluster], groups: _Groups) -> None:
    """"Tom Enders" is "Thomas Enders": the same surname after a first name and its short form."""
    by_formal: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for key in sorted(clusters):
        words = key.split()
        if len(words) >= 2 and _kind(clusters[key]) == "person":
            by_formal[(_first_name(words[0]), *words[1:])].append(key)
    for keys in by_formal.values():
        for key in keys[1:]:
            groups.union(keys[0], key)


_MIN_FUZZY = 6


def _join_misspellings(clusters: dict[str, Cluster], groups: _Groups) -> None:
    """"Chrylser" is "Chrysler": a rare name one edit (or one swap of neighbouring letters) away
    from a name of the same kind used at least three times as often. Both long enough for a
    typo to be the likelier story (six letters and more in the word that differs), neither a
    country: "Iran" and "Iraq" are two, and so are two names both in common use."""
    kind = {k: _kind(c) for k, c in clusters.items()}
    # Common names (three mentions and more) indexed by every form with one letter deleted;
    # rare ones (two at most) looked up there: two strings one edit apart share such a form.
    by_delete: dict[str, list[str]] = defaultdict(list)
    rare_keys = []
    for key in sorted(clusters):
        if len(key) < _MIN_FUZZY or clusters[key].country or kind[key] not in {"person", "organization"}:
            continue
        count = len(clusters[key].mentions)
        if count >= 3:
            for variant in {key} | {key[:i] + key[i + 1:] for i in range(len(key))}:
                by_delete[variant].append(key)
        if count <= 2:
            rare_keys.append(key)
    for rare in rare_keys if by_delete else ():
        count = len(clusters[rare].mentions)
        found = {c for v in {rare} | {rare[:i] + rare[i + 1:] for i in range(len(rare))}
                 for c in by_delete.get(v, ())}
        for common in sorted(found):
            if (kind[common] == kind[rare] or _typed_by_guess(clusters[rare], clusters[common])) \
                    and len(clusters[common].mentions) >= 3 * count and _one_typo(rare, common):
                groups.union(common, rare)


def _typed_by_guess(rare: Cluster, common: Cluster) -> bool:
    """NER's type for a misspelt word is a guess ("Cyclop's" a person beside "Cyclops Corp"):
    a one-word name with nothing but that guess, in the same documents as the common name,
    may differ from it in type."""
    if len(rare.key.split()) != 1 or sum(rare.votes.values()) > len(rare.mentions):
        return False
    rare_docs = {s for s, _ in rare.mentions}
    return rare_docs <= {s for s, _ in common.mentions}


def _one_typo(a: str, b: str) -> bool:
    """One edit apart, within one word of six letters or more, the other words the same."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb):
        return False
    differ = [(x, y) for x, y in zip(wa, wb) if x != y]
    if len(differ) != 1:
        return False
    x, y = differ[0]
    if min(len(x), len(y)) < _MIN_FUZZY or x[0] != y[0] or not (x.isalpha() and y.isalpha()):
        return False
    if len(x) == len(y):
        diff = [i for i in range(len(x)) if x[i] != y[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and x[diff[0]] == y[diff[1]] and x[diff[1]] == y[diff[0]])
    short, long_ = sorted((x, y), key=len)
    return len(long_) - len(short) == 1 and any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _join_defined_acronyms(clusters: dict[str, Cluster], groups: _Groups, facts: list[DocFacts]) -> None:
    """"Singapore Airlines (SIA)", "Bank of America (BoA)": a name followed by a short name in
    brackets defines it, in every document of the corpus. The short name starts as the long
    one does and is a single word of capitals (lower case allowed inside, as in "BoA")."""
    for doc in facts:
        mentions = doc.mentions
        for first, second in zip(mentions, mentions[1:]):
            if first.sent != second.sent or not _acronym_like(second.name):
                continue
            sentence = doc.sentences[first.sent]
            between = sentence.text[first.end - sentence.start: second.start - sentence.start]
            if between.strip() != "(" or name_key(second.name)[:1] != name_key(first.name)[:1]:
                continue
            long_key, short_key = _reading(first.label, first.name, first.country, bool(first.role))[0], \
                _reading(second.label, second.name, second.country, bool(second.role))[0]
            if long_key in clusters and short_key in clusters and len(long_key.split()) >= 2:
                groups.union(long_key, short_key)


def _acronym_like(name: str) -> bool:
    word = name.replace(".", "")
    return " " not in name and 2 <= len(word) <= 8 and word[:1].isupper() and word[-1:].isupper() \
        and word.isalpha()


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
            # "BoA" spells "Bank of America" with its "of"
            by_initials["".join(w[0] for w in key.split())].add(key)
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
