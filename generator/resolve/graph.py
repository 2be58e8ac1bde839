"""Resolution: the facts of every document become one graph of actors, events and agreements.

Pure: takes DocFacts and curation, returns a Graph. Ids are slugs, unique per kind, assigned
in a sorted order so the same inputs always give the same ids.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import replace

from generator.extract.countries import lookup
from generator.extract.lexicon import AGREEMENT_KINDS, LINE_STOPS, MAKING_VERBS, REPORTING_VERBS, compatible
from generator.extract.status import status_of
from generator.extract.timex.calendar import precision_of
from generator.model import (LIFECYCLE, Actor, Agreement, AgreementFact, Disagreement, DocFacts, Event, EventFact,
                             Graph, Participant, Quote, Role, Source, Term, Transition)
from generator.read.curation import Curation, name_key
from generator.read.slugs import slug, unique_slugs
from .actors import Cluster, cluster_mentions, learn_names, lower_words
from .copies import copies_of
from .event_merge import Report, cluster, figures

MentionRef = tuple[str, int]            # (source id, mention index)


def resolve(sources: list[Source], facts: list[DocFacts], curation: Curation | None = None) -> Graph:
    curation = curation or Curation()
    facts = sorted(facts, key=lambda f: f.source_id)
    sources = sorted(sources, key=lambda s: s.id)
    source_of = {s.id: s for s in sources}
    quotes = _Quotes({f.source_id: f for f in facts})
    actors, actor_of = _actors(facts, curation, quotes)
    agreements, agreement_of = _agreements(facts, actor_of, actors, quotes, source_of)
    copy_of = copies_of(sources, quotes.by_id)
    sources = [replace(s, copy_of=copy_of.get(s.id), copies=tuple(sorted(c for c, o in copy_of.items() if o == s.id)))
               if s.id in copy_of or s.id in copy_of.values() else s for s in sources]
    parties_of = {a.id: a.parties for a in agreements}
    events = _events(facts, actor_of, agreement_of, source_of, actors, quotes, copy_of, parties_of)
    events, statements = [e for e in events if worth_a_page(e, copy_of)], \
        [e for e in events if not worth_a_page(e, copy_of)]
    agreements = _link_events(agreements, events)
    actors = minor_actors(actors, events, statements, agreements, curation)
    mention_actors: dict[str, dict[int, str]] = defaultdict(dict)
    for (source_id, index), actor_id in actor_of.items():
        mention_actors[source_id][index] = actor_id
    return Graph(sources=tuple(sources), actors=tuple(actors), events=tuple(events),
                 agreements=tuple(agreements), facts=tuple(facts), mention_actors=dict(mention_actors),
                 statements=tuple(statements), copies=copy_of)


def worth_a_page(event: Event, copy_of: dict[str, str] | None = None) -> bool:
    """An event a reader needs to find by itself: dated by its own words to a month or a day,
    placed, reported by two sources or more (copies of one story count once), or concerning an
    agreement. A report's date alone is not enough: every statement has one; nor a year alone
    ("sales rose in 2004"), which places nothing on a timeline a reader scans.
    An undated place needs more: someone named acting there in the story's lead, which is its
    news ("Pakistan's president meets Tony Blair in London"). Told deeper in one story with no
    date, a page would only repeat the sentence quoted on the pages of those it names."""
    placed = event.place and (event.date or _lead_act(event))
    return bool((event.date and not event.statement and event.precision != "year") or placed
                or event.agreements or reporting_sources(event.quotes, copy_of) > 1)


def _lead_act(event: Event) -> bool:
    # A quote's sentence counts from 1: the lead is its first `_LEAD_SENTENCES` sentences.
    return any(p.role == "agent" and p.actor != event.place for p in event.participants) \
        and any(q.sent <= _LEAD_SENTENCES for q in event.quotes)


def minor_actors(actors: list[Actor], events: list[Event], statements: list[Event],
                 agreements: list[Agreement], curation: Curation) -> list[Actor]:
    """Actors a reader needs no page for: named once in all the sources, saying nothing the
    sources quote, taking part in no event with a page of its own nor where one happened,
    party to no agreement nor where one was made, and curated by no human ("Jane Roe, a
    driver at the depot", named in passing). A role alone does not earn a page: on a
    feed of news stories most people named once come with one, and their page would repeat
    the one sentence that names them.
    They stay in the export and as plain text where they are named; a page of theirs a human
    edited or moved is kept (see resolve.curated.place_pages)."""
    needed = {p.actor for e in events for p in e.participants} | {e.place for e in events if e.place}
    needed |= {p for a in agreements for p in (*a.parties, a.place) if p}
    # who speaks: "according to X", and "X said" or "X claimed" told as a statement of its own
    needed |= {a for e in (*events, *statements) for a in e.attribution}
    needed |= {p.actor for e in statements if e.statement or e.modality == "claimed" for p in e.participants
               if p.role == "agent"}
    curated = {name_key(n) for table in (curation.summaries, curation.types, curation.names) for n in table}
    curated |= {name_key(n) for canonical, others in curation.aliases.items() for n in (canonical, *others)}
    return [replace(a, page="", minor=True)
            if a.mentions < 2 and a.page is None and a.id not in needed
            and not {name_key(n) for n in (a.name, *a.aliases)} & curated else a
            for a in actors]


def repaged(graph: Graph, curation: Curation) -> Graph:
    """The graph with `minor_actors` decided again, after corrections changed its events."""
    actors = [replace(a, page=None, minor=False) if a.minor else a for a in graph.actors]
    return replace(graph, actors=tuple(minor_actors(actors, list(graph.events), list(graph.statements),
                                                    list(graph.agreements), curation)))


def reporting_sources(quotes, copy_of: dict[str, str] | None = None) -> int:
    """How many sources report something, a story republished with small edits counting once."""
    return len({(copy_of or {}).get(q.source, q.source) for q in quotes})


def quote(doc: DocFacts, sent: int) -> Quote:
    return Quote(source=doc.source_id, sent=sent + 1, text=doc.sentences[sent].text)


class _Quotes(dict):
    """The quote of each (source id, sentence index), made once: an actor's sentences are its
    events' and its neighbours' too."""

    def __init__(self, by_id: dict[str, DocFacts]):
        super().__init__()
        self.by_id = by_id

    def __missing__(self, key: tuple[str, int]) -> Quote:
        self[key] = made = quote(self.by_id[key[0]], key[1])
        return made


# --- actors --------------------------------------------------------------------------

def _actors(facts: list[DocFacts], curation: Curation, quotes: _Quotes) -> tuple[list[Actor], dict[MentionRef, str]]:
    clusters, groups = cluster_mentions(facts, curation)
    members: dict[str, list[Cluster]] = defaultdict(list)
    for key in sorted(clusters):
        members[groups.find(key)].append(clusters[key])
    by_id = quotes.by_id
    kept = []
    for root in sorted(members):
        group = members[root]
        keys = {c.key for c in group}
        if not _worth_a_page(group, by_id):
            continue
        kept.append(group)
    drafts = _one_page_per_name(kept, curation, quotes, groups)
    ids = unique_slugs([(f"{d['name']}\x00{d['type']}", slug(d["name"])) for d in drafts])
    actors, actor_of = [], {}
    for draft, actor_id in zip(drafts, ids):
        for ref in draft["refs"]:
            actor_of[ref] = actor_id
        actors.append(Actor(id=actor_id, name=draft["name"], type=draft["type"],
                            aliases=draft["aliases"], roles=draft["roles"], quotes=draft["quotes"],
                            mentions=len(draft["refs"]), sources=draft["sources"],
                            summary=draft["summary"], page=draft["page"]))
    return sorted(actors, key=lambda a: a.id), actor_of


def _one_page_per_name(kept: list[list[Cluster]], curation: Curation, quotes: _Quotes, groups) -> list[dict]:
    """Two groups whose pages would bear the same name are one actor ("the US government" as an
    organisation and as a group), unless a human's `not_same_as` keeps them apart: then they
    are namesakes, and each name takes its type as a qualifier ("Georgia (country)")."""
    drafts = [_draft(group, curation, quotes) for group in kept]
    by_name: dict[str, list[int]] = defaultdict(list)
    for index, draft in enumerate(drafts):
        by_name[name_key(draft["name"])].append(index)
    if all(len(same) == 1 for same in by_name.values()):
        return drafts
    result, done = [], set()
    for index, draft in enumerate(drafts):
        if index in done:
            continue
        same = by_name[name_key(draft["name"])]
        if len(same) == 1:
            result.append(draft)
            continue
        done.update(same)
        walled = [i for i in same if any(groups.walled(c.key, d.key) for j in same if j != i
                                         for c in kept[i] for d in kept[j])]
        together = [c for i in same if i not in walled for c in kept[i]]
        apart = [drafts[i] for i in walled]
        if together:
            apart.append(_draft(sorted(together, key=lambda c: c.key), curation, quotes))
        if len(apart) > 1:
            types = [made["type"] for made in apart]
            for made in apart:
                # The type tells namesakes apart, or else the role the sources give.
                qualifier = made["type"] if types.count(made["type"]) == 1 else \
                    (made["roles"][0].title if made["roles"] else made["type"])
                made["name"] = f"{made['name']} ({qualifier})"
        result += apart
    return result


def _worth_a_page(group: list[Cluster], by_id: dict[str, DocFacts]) -> bool:
    """An actor acts somewhere: a name that only ever modifies a noun ("a Skype call",
    "the AFG peace process") and never carries a role is a description, not an actor. A name
    written once gets a page only if it acts, is acted upon or is a party in that sentence, or
    carries a role, or is a full proper name: a word in passing ("I love Ya") or common words
    in capitals ("Financial Markets were calm") are no actors of the story."""
    named = [(source, index) for cluster in group for source, index in cluster.mentions]
    for source, index in named:
        mention = by_id[source].mentions[index]
        if mention.role:
            return True
        if not mention.modifier and (len(named) > 1 or mention.acts or index in _participants(by_id[source])
                                     or _full_name(mention.name, by_id[source])
                                     or _employs(by_id[source], mention)):
            return True
    return False


def _employs(doc: DocFacts, mention) -> bool:
    """"said Uralsib analyst Chris Weafer": the organisation in the role of the person named
    right after it speaks through that person."""
    return any(other.role and mention.name in other.role and other.sent == mention.sent
               and 0 <= other.start - mention.end <= 40 for other in doc.mentions)


def _full_name(name: str, doc: DocFacts) -> bool:
    """A name of two words or more that are not common words in capitals ("Hainan Airlines",
    not "Financial Markets"): a list of carriers or papers names actors even where no verb
    says what each did. One word alone ("I love ya") must act or come back."""
    return len(name.split()) > 1 and not _common_words(name, doc)


def _common_words(name: str, doc: DocFacts) -> bool:
    """Whether every word of `name` is written in lower case somewhere in `doc`."""
    words = [w for w in name.split() if w.isalpha()]
    if not words or any(w.isupper() for w in words):
        return False
    written = lower_words(doc)
    return all(w.lower() in written for w in words)


def _participants(doc: DocFacts) -> frozenset[int]:
    """The mentions that act, are acted upon, say so, are the place of an event, or are parties."""
    found = _PARTICIPANTS.get(doc.source_id)
    if found is None or found[0] is not doc:
        # Who says or claims something acts too ("the runner-up claimed that the poll was fraudulent").
        made = {m for e in doc.events for m in e.agents + e.others + e.said_by}
        made |= {e.place for e in doc.events if e.place is not None}
        made |= {m for a in doc.agreements for m in a.parties}
        found = _PARTICIPANTS[doc.source_id] = (doc, frozenset(made))
    return found[1]


_PARTICIPANTS: dict[str, tuple[DocFacts, frozenset[int]]] = {}


def _draft(group: list[Cluster], curation: Curation, quotes: _Quotes) -> dict:
    if len(group) == 1:         # most names are alone in their group: nothing to add up
        votes, forms, refs = group[0].votes, group[0].forms, list(group[0].mentions)
    else:
        votes, forms, refs = Counter(), Counter(), []
        for cluster in group:
            votes.update(cluster.votes)
            forms.update(cluster.forms)
            refs += cluster.mentions
        refs.sort()
    keys = {c.key for c in group}
    # A country, or its officials and troops with no government of their own here, is the country.
    governed = any(c.key.startswith("government of ") for c in group)
    countries = {c.country for c in group if c.country and (c.key == name_key(c.country) or not governed)}
    kind = _curated(curation.types, keys)
    kind = kind or ("country" if countries and votes["country"] else _winner(votes))
    name = _curated(curation.names, keys)
    name = name or next((c for c in sorted(curation.aliases) if name_key(c) in keys), None)
    name = name or (sorted(countries)[0] if kind == "country" and countries else _best_name(forms, kind))
    key = name_key(name)
    mentions = [quotes.by_id[s].mentions[i] for s, i in refs]
    aliases = _sorted_case_aside({f for f in forms if name_key(f) != key}
                                 | {m.text for m in mentions if m.label != "COLLECTIVE" and name_key(m.text) != key})
    roles, seen_roles = [], set()
    for (source, _), mention in zip(refs, mentions):
        if mention.role and name_key(mention.role) not in seen_roles:
            seen_roles.add(name_key(mention.role))
            roles.append(Role(title=mention.role, quote=quotes[source, mention.sent]))
    # A quote is its source and sentence: those decide which repeat, before any Quote is made.
    sentences = dict.fromkeys((source, mention.sent) for (source, _), mention in zip(refs, mentions))
    summary = _curated(curation.summaries, keys)
    return {"name": name, "type": kind, "aliases": tuple(aliases),
            "roles": tuple(roles), "quotes": tuple(map(quotes.__getitem__, sentences)), "refs": refs,
            "sources": tuple(sorted({s for s, _ in refs})), "summary": summary,
            # Hidden by a human: no page, but its facts stay on the others, as plain text.
            "page": "" if keys & curation.hidden else None}


def _curated(table: dict[str, str], keys: set[str]) -> str | None:
    """What a human set for the first of a group's name keys that has it (most tables are empty)."""
    return next((table[k] for k in sorted(keys) if k in table), None) if table else None


def _winner(votes: Counter) -> str:
    """The type with most votes; of two as many, the first by name."""
    return min(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0] if votes else "organization"


def _best_name(forms: Counter, kind: str) -> str:
    """People by their fullest name; others by the name used most, longer on a tie."""
    if kind == "person":
        return max(forms, key=lambda f: (len(f.split()), forms[f], f))
    return max(forms, key=lambda f: (forms[f], len(f), f))


# --- agreements ----------------------------------------------------------------------

def _root_fact(doc: DocFacts, index: int) -> int:
    seen = set()
    while doc.agreements[index].refers_to is not None and index not in seen:
        seen.add(index)
        index = doc.agreements[index].refers_to
    return index


def _agreements(facts, actor_of, actors, quotes, source_of=None):
    """One agreement per kind and set of parties; one with no parties of its own only when the
    text makes it part of one that has them ("the exchange was part of an agreement between..."),
    or when it is "the deal" of a source naming a party of the only such deal in the corpus."""
    names = {a.id: a for a in actors}
    groups: dict[tuple, list[tuple[DocFacts, int]]] = defaultdict(list)
    loose: list[tuple[DocFacts, int]] = []
    for doc in facts:
        for index in range(len(doc.agreements)):
            key = _group_key(doc, _root_fact(doc, index), actor_of, names)
            if key is not None:
                groups[key].append((doc, index))
            elif _definite(doc.agreements[index]):
                loose.append((doc, index))
    _join_partial_parties(groups, actor_of)
    for key in [k for k in groups if _one_side_of_a_deal(k) or _one_of_several_bids(k, groups)]:
        del groups[key]
    _join_nominal_mentions(groups, loose, actor_of, names)
    keys = sorted(groups, key=repr)
    drafts = [_agreement_draft(key[0], key[1], groups[key], actor_of, names, quotes, source_of or {})
              for key in keys]
    ids = unique_slugs([(repr(key), slug(draft.name)) for key, draft in zip(keys, drafts)])
    agreement_of: dict[tuple[str, int], str] = {}
    result = []
    id_of = dict(zip(map(repr, keys), ids))
    for key, draft in zip(keys, drafts):
        for doc, index in groups[key]:
            agreement_of[(doc.source_id, index)] = id_of[repr(key)]
        part_of = id_of.get(repr(key[2])) if key[2] is not None else None
        result.append(replace(draft, id=id_of[repr(key)], part_of=part_of))
    return sorted(result, key=lambda a: a.id), agreement_of


def _one_side_of_a_deal(key: tuple) -> bool:
    """A deal between sides (a contract, a merger, an accord) of which the sources name one
    side only, and which joined no deal naming more: what it is cannot be told, so it gets no
    page. A decree, an order, an offer or a release is one side's own and stays."""
    family, parties, whole = key
    return family.removesuffix(" (earlier)") == "agreement" and whole is None and len(parties) < 2


def _one_of_several_bids(key: tuple, groups: dict) -> bool:
    """"Dixons' offer" where Dixons made bids the sources tell apart by their targets (or
    "the rival bid for Cyclops" where several bid for Cyclops): a mention that fits more than
    one known offer, and joined none, is no offer of its own."""
    family, parties, whole = key
    if family != "offer" or whole is not None or len(parties) != 1:
        return False
    return any(k[0] == family and k[2] is None and len(k[1]) >= 2 and parties[0] in k[1] for k in groups)


def _definite(fact: AgreementFact) -> bool:
    words = fact.text.split()
    return not fact.parties and not fact.verbal and fact.part_of is None and bool(words) \
        and len(words) <= 3


def _join_partial_parties(groups: dict[tuple, list], actor_of=None) -> None:
    """"the Vietnam agreement" is the Chile–Vietnam one when that is the only agreement of its
    family whose parties include Vietnam: a group naming some of the parties of exactly one
    other group joins it. Of several such groups, the one whose other parties the sources of
    the partial mentions name, when that is one ("its pact with the United States" in a story
    about Japan is the U.S.–Japan pact, not a U.S. protocol with Egypt)."""
    for key in sorted(groups, key=repr):
        family, parties, whole = key
        if not parties or whole is not None:
            continue
        wider = [k for k in groups if k[0] == family and k[2] is None and set(parties) < set(k[1])]
        if len(wider) == 1:
            # but not "the treaty" signed by EU members into a deal bringing Turkey closer to the EU
            fit = [(doc, i) for doc, i in groups[key] if _fits_kind(doc.agreements[i], doc, groups[wider[0]])]
            groups[wider[0]] += fit
            groups[key] = [m for m in groups[key] if m not in fit]
            if not groups[key]:
                del groups[key]
        elif wider and actor_of is not None:
            # each mention to the one wider deal whose parties its own source names
            kept = []
            for doc, index in groups[key]:
                named = _named_in_source(doc, actor_of)
                fits = [k for k in wider if set(k[1]) <= named]
                (groups[fits[0]] if len(fits) == 1 else kept).append((doc, index))
            if kept:
                groups[key] = kept
            else:
                del groups[key]


def _named_in_source(doc, actor_of) -> set[str]:
    return {actor_of[(doc.source_id, m)] for m in range(len(doc.mentions)) if (doc.source_id, m) in actor_of}


def _join_nominal_mentions(groups: dict[tuple, list], loose: list, actor_of, names=None) -> None:
    """"The deal", "the truce" in a source with no deal of its own: the one agreement of that
    family in the corpus whose parties that source names. Two candidates, or none: no join.
    A proper name ("the Doha agreement") joins only a deal its words fit: named so, or made in
    the place or by a party it names ("the General Agreement on Tariffs and Trade" is no
    other name of a pact between two countries)."""
    # "the arrangement" after "the deal" in one source: the plain nouns join first
    for doc, index in sorted(loose, key=lambda m: _noun_of(m[0].agreements[m[1]]) in _FORMAL_NOUNS):
        fact = doc.agreements[index]
        here = {actor_of[(doc.source_id, m)] for m in range(len(doc.mentions)) if (doc.source_id, m) in actor_of}
        family = _family(fact.kind, fact.earlier)
        found = [k for k in groups if k[0] == family and k[2] is None and set(k[1]) & here]
        if len(found) > 1:      # of several, the one deal whose parties the source all names
            found = [k for k in found if set(k[1]) <= here] or found
        if fact.name is not None:
            found = [k for k in found if _name_fits(fact.name, k, groups[k], actor_of, names or {})]
        if len(found) == 1 and (fact.name is not None or _fits_kind(fact, doc, groups[found[0]])):
            groups[found[0]].append((doc, index))


def _fits_kind(fact: AgreementFact, doc, members: list) -> bool:
    """Whether a common noun may stand for the one deal its source could mean: "the takeover"
    is no purchase of aircraft, "the treaty" no deal never called a treaty. A veto only: it
    never makes one of several candidates the one."""
    return _called_so(fact, doc, members) and all(
        compatible(fact.kind, d.agreements[i].kind) for d, i in members if d.agreements[i].parties)


# Nouns of a deal of a form of its own: "the treaty" is a deal the sources call a treaty.
# Any other noun ("the deal", "the accord", "the merger") may be any deal of its family.
_FORMAL_NOUNS = frozenset("treaty convention protocol memorandum arrangement compact".split())


def _called_so(fact: AgreementFact, doc, members: list) -> bool:
    """"The treaty" in another source is no deal its own sources never call a treaty ("the
    treaty establishing a constitution for the European Union" is not a deal bringing Turkey
    closer to EU membership). In a source that tells of the deal itself, it may be."""
    noun = _noun_of(fact)
    if noun not in _FORMAL_NOUNS or any(d.source_id == doc.source_id for d, _ in members):
        return True
    return any(noun in re.findall(r"[\w-]+", d.agreements[i].text.lower()) for d, i in members)


def _name_fits(name: str, key: tuple, members: list, actor_of, names: dict) -> bool:
    """Whether the words of a deal's proper name, but for its noun of agreement, are all
    words of its parties' names, of where it was made, or of a name it goes by."""
    words = _words(name) - set(AGREEMENT_KINDS) - {"the"}
    known = {w for p in key[1] if p in names for w in _words(names[p].name)}
    for doc, index in members:
        member = doc.agreements[index]
        if member.place is not None:
            known |= _words(doc.mentions[member.place].name)
        if member.name:
            known |= _words(member.name)
    return bool(words) and words <= known


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _group_key(doc, root: int, actor_of, names, depth: int = 0) -> tuple | None:
    """(family, parties, key of the whole it is part of), or None for a generic mention."""
    fact = doc.agreements[root]
    parties = _party_ids(doc, fact, actor_of, names)
    if parties:
        return (_family(fact.kind, fact.earlier), parties, None)
    if fact.part_of is None or depth > 3:
        return None
    whole = _group_key(doc, _root_fact(doc, fact.part_of), actor_of, names, depth + 1)
    return (_family(fact.kind, fact.earlier), (), whole) if whole is not None else None


_OWN_FAMILIES = frozenset({"decree", "exchange", "ceasefire", "resolution", "order", "release", "offer"})


def _family(kind: str, earlier: bool = False) -> str:
    family = kind if kind in _OWN_FAMILIES else "agreement"
    return f"{family} (earlier)" if earlier else family


# Titles of those who sign for a state or an organisation: the deal is their side's, not theirs.
_SIGNING_TITLES = frozenset("minister secretary envoy ambassador negotiator delegate representative "
                            "commissioner chancellor undersecretary".split())


def _party_ids(doc, fact: AgreementFact, actor_of, names) -> tuple[str, ...]:
    ids = set()
    for m in fact.parties:
        actor_id = actor_of.get((doc.source_id, m))
        if actor_id is None:
            continue
        if fact.kind not in {"decree", "order", "offer"}:
            actor_id = _side_of(doc.mentions[m], names[actor_id], names) or actor_id
        ids.add(actor_id)
    ids = {i for i in ids if names[i].type != "place"}
    if fact.kind not in {"decree", "order", "offer"} and any(names[i].type != "person" for i in ids):
        # Beside the states and companies, the people named sign for one of them: no party.
        ids = {i for i in ids if names[i].type != "person"}
    return tuple(sorted(ids))


def _side_of(mention, actor, names) -> str | None:
    """The country a minister or an envoy signs for, from the title the sources give
    ("Vietnamese Trade Minister Tran Van Minh"): the party is Vietnam, not the minister.
    A decree or an offer stays its maker's (see `_party_ids`)."""
    if actor.type != "person":
        return None
    titles = ([mention.role] if mention.role else []) + [r.title for r in actor.roles]
    by_name = _countries_by_name(names)
    for title in titles:
        words = title.replace("'s", " ").replace("’s", " ").split()
        if not _SIGNING_TITLES & {w.lower().strip(",.") for w in words}:
            continue
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                country = lookup(" ".join(words[i:i + n]))
                if country is not None and country.name in by_name:
                    return by_name[country.name]
    return None


_COUNTRY_IDS: dict[int, tuple[dict, dict]] = {}


def _countries_by_name(names: dict) -> dict[str, str]:
    """Country name -> actor id, made once per set of actors."""
    made = _COUNTRY_IDS.get(id(names))
    if made is None or made[0] is not names:
        table = {a.name: a.id for a in names.values() if a.type == "country"}
        _COUNTRY_IDS.clear()
        made = _COUNTRY_IDS[id(names)] = (names, table)
    return made[1]


def _lifecycle(members, quotes, source_of) -> tuple[Transition, ...]:
    """Each step a sentence tells, dated by its own words or else by its source; oldest first,
    and of two steps on one day the later in the life of a deal last."""
    steps = {}
    for doc, index in members:
        fact = doc.agreements[index]
        if fact.stage is None:
            continue
        date = precision = date_text = None
        if fact.stage_timex is not None:
            timex = doc.timexes[fact.stage_timex]
            if precision_of(timex.value):
                date, precision, date_text = timex.value, precision_of(timex.value), timex.text
        source = source_of.get(doc.source_id)
        if date is None and source is not None and source.date:
            date, precision = source.date, "day"
        step = Transition(status=fact.stage, date=date, precision=precision, date_text=date_text,
                          quote=quotes[doc.source_id, fact.sent])
        steps.setdefault((fact.stage, date, step.quote), step)
    order = {stage: n for n, stage in enumerate(LIFECYCLE)}
    return tuple(sorted(steps.values(), key=lambda t: (t.date or "", order.get(t.status, 0),
                                                       t.quote.source, t.quote.sent)))


# The steps forward in a deal's life, in order; the others (suspended, violated, collapsed)
# can come at any point.
_FORWARD = {"proposed": 0, "negotiating": 1, "signed": 2, "ratification pending": 3, "in force": 4}


def current_status(lifecycle) -> tuple[str | None, str | None]:
    """The status a deal is in now, and since when: its latest step, but a later report of a
    step it had passed ("Dixons' offer of 90.25 dlrs" after the offer was completed) retells
    the past and changes nothing; the same status told again keeps the date it began."""
    status = since = None
    reached = -1
    for step in lifecycle:
        rank = _FORWARD.get(step.status)
        if rank is not None and rank < reached:
            continue
        if step.status != status:
            status, since = step.status, step.date
        if rank is not None:
            reached = rank
    return status, since


def _agreement_draft(family, parties, members, actor_of, names, quotes, source_of=None) -> Agreement:
    phrases = Counter()
    proper = None
    date = precision = date_text = place = None
    terms: list[Term] = []
    said: list[Quote] = []
    kinds = Counter()
    for doc, index in members:
        fact = doc.agreements[index]
        kinds[fact.kind] += 1
        if (fact.parties or fact.name or fact.part_of is not None) and not fact.verbal:
            phrases[_without_tickers(_strip_article(fact.text))] += 1     # "the agreement" alone names nothing
        proper = proper or fact.name
        said.append(quotes[doc.source_id, fact.sent])
        if fact.timex is not None and date is None:
            timex = doc.timexes[fact.timex]
            if precision_of(timex.value):
                date, precision, date_text = timex.value, precision_of(timex.value), timex.text
        if fact.place is not None and place is None:
            place = actor_of.get((doc.source_id, fact.place))
        for clause in fact.terms:
            text = _clause_text(doc, clause).strip(" ,;:")
            text = text[:1].upper() + text[1:]
            if all(t.text != text for t in terms):
                terms.append(Term(text=text, quote=quotes[doc.source_id, clause.sent]))
    earlier = family.endswith(" (earlier)")
    family = family.removesuffix(" (earlier)")
    kind = kinds.most_common(1)[0][0] if family == "agreement" else family
    # A name is short: a long phrase reads as a sentence, and the parties name it better.
    written = [p for p in phrases if any(w[:1].isupper() for w in p.split()[:-1]) and len(p.split()) <= 7]
    if proper:
        name = proper
    elif written:
        # The compact form ("Taliban-US agreement") reads better as a title than the long one.
        name = min(written, key=lambda p: (" between " in p or " with " in p, -phrases[p], len(p), p))
    elif parties:
        # The deal a newer one replaced is told apart from it in its title.
        name = f"{'earlier ' if earlier else ''}{'–'.join(names[p].name for p in parties)} {_deal_noun(members, kind)}"
    else:                   # a part of another agreement: "the planned prisoner exchange"
        name = _bare_phrase(min(phrases, key=lambda p: (-phrases[p], len(p), p))) if phrases else kind
    name = name[:1].upper() + name[1:]
    aliases = tuple(_sorted_case_aside({p for p in phrases if name_key(p) != name_key(name) and " " in p}))
    lifecycle = _lifecycle(members, quotes, source_of or {})
    status, status_since = current_status(lifecycle)
    return Agreement(id="", name=name, kind=kind, parties=parties, date=date, precision=precision,
                     date_text=date_text, place=place, aliases=aliases, terms=tuple(terms),
                     quotes=tuple(dict.fromkeys(said)), lifecycle=lifecycle,
                     status=status, status_since=status_since)


def _deal_noun(members, kind: str) -> str:
    """The word the sources call a deal of no more particular kind by: "the EU–Turkey deal" where
    they say "deal" more often than "agreement"; the kind itself when they never say one, or
    say it as often as another. An offer is an offer, whether they say "bid" or "proposal"."""
    if kind != "agreement":
        return kind
    said = Counter()
    for doc, index in members:
        words = re.findall(r"[\w-]+", doc.agreements[index].text.lower())
        said.update({w for w in words if AGREEMENT_KINDS.get(w) == kind})
    if not said:
        return kind
    return min(said, key=lambda w: (-said[w], w != kind, w))


_PLAN_WORDS = frozenset("planned proposed expected promised agreed future possible new first "
                        "latest so-called envisaged".split())


def _bare_phrase(text: str) -> str:
    """"planned prisoner exchange" -> "prisoner exchange": the thing, not its prospects."""
    words = text.split()
    while len(words) > 1 and words[0].lower() in _PLAN_WORDS:
        words = words[1:]
    return " ".join(words)


_TICKER = re.compile(r"\s*<[A-Z][A-Z0-9.]{0,7}(?:>|$)")


def _without_tickers(text: str) -> str:
    """Wire copy marks stock symbols and unlisted companies with angle brackets ("Cyclops Corp
    <CYL>", "<Dixons Group PLC>"): a name keeps the company, not the marks."""
    return " ".join(_TICKER.sub("", text).replace("<", "").replace(">", "").split())


def _strip_article(text: str) -> str:
    words = " ".join(text.split()).split(" ")
    while words and words[0].lower() in {"the", "a", "an", "this", "that", "its", "their"}:
        words = words[1:]
    return " ".join(words)


def _clause_text(doc: DocFacts, clause) -> str:
    sentence = doc.sentences[clause.sent]
    return " ".join(_source_text(doc, sentence, clause.start, clause.end).split())


def _source_text(doc, sentence, start, end) -> str:
    lo, hi = max(start, sentence.start), min(end, sentence.end)
    return sentence.text[lo - sentence.start: hi - sentence.start]


# --- events --------------------------------------------------------------------------

def _events(facts, actor_of, agreement_of, source_of, actors, quotes, copy_of=None,
            parties_of=None) -> list[Event]:
    """Each fact of each source becomes a report; reports telling the same event (see
    event_merge) become one event, titled as its first report tells it (of a plan and its
    doing, the first report of the doing)."""
    names = {a.id: a.name for a in actors}
    actor_at: dict[str, dict[int, str]] = defaultdict(dict)     # source -> mention -> actor
    for (source_id, index), actor_id in actor_of.items():
        actor_at[source_id][index] = actor_id
    drafts, reports = [], []
    shadows: set[int] = set()       # reports of a postponed occurrence (see below)
    for doc in facts:
        source = source_of.get(doc.source_id)
        here = actor_at[doc.source_id]
        told = [(fact, _event_draft(doc, fact, here, actor_of, agreement_of, source, names, quotes,
                                    parties_of or {})) for fact in doc.events]
        _follow_the_story(doc, told, source)
        for fact, draft in told:
            if draft is None:
                continue
            drafts.append(draft)
            reports.append(Report(
                source=(copy_of or {}).get(doc.source_id, doc.source_id),
                # "began releasing the prisoners" releases them, as "released" does
                source_date=source.date if source else None, trigger=fact.verb,
                modality=draft["modality"], agents=tuple(draft["agents"]), others=tuple(draft["others"]),
                date=draft["date"], place=draft["place"], rest=fact.rest, subject=fact.subject,
                sentence=doc.sentences[fact.sent].text, deals=frozenset(draft["agreements"]),
                by_report=draft["date_basis"] == "report", sent=fact.sent, anaphoric=fact.anaphoric))
            owners = _ids(here, fact.postponed_of) if fact.postponed else []
            if owners and draft["modality"] == "planned" and draft["date"]:
                # "The delivery will be delayed until October 2007": besides the delay, the
                # delivery planned for then, which a later report of the delivery may do.
                shadows.add(len(reports))
                drafts.append(draft)
                reports.append(replace(reports[-1], trigger=fact.postponed, agents=(), others=tuple(owners),
                                       place=None, rest=fact.postponed_words, subject="", deals=frozenset(),
                                       by_report=False, anaphoric=False, postponed=True))
    merged = []
    for group in cluster(reports):
        if shadows.intersection(group):
            # A postponed occurrence stands only in the event that did it: alone, or with
            # other plans, it would repeat the report of its putting off.
            kept = [i for i in group if i not in shadows]
            if any(drafts[i]["modality"] == "happened" for i in group):
                kept += [i for i in group if i in shadows]
            if not kept:
                continue
            group = kept
        members = [drafts[i] for i in group]
        # A plan and its doing told by two sources (event_merge) are one event that happened:
        # titled, dated and given its status as the reports of its doing tell it.
        # Of a report naming who acted and one naming no one (see event_merge), the first.
        first = min(members, key=lambda m: (m["modality"] != "happened", not m["agents"]))
        # The date the text gives beats a report's date; a day beats a month or a year; of two
        # days, the earlier, since a story may give its own day for what happened before it.
        dated = min((m for m in members if m["date"]), default=None,
                    key=lambda m: (m["modality"] != first["modality"], m["date_basis"] != "text",
                                   -_PRECISION_RANK[m["precision"]], m["date"]))
        entry = dict(first)
        if dated is not None:
            entry.update({k: dated[k] for k in ("date", "precision", "date_text", "anchor", "date_basis",
                                                  "statement")})
        entry["attribution"] = list(dict.fromkeys(a for m in members for a in m["attribution"]))
        entry["others"] = list(dict.fromkeys(o for m in members for o in m["others"]))
        entry["place"] = next((m["place"] for m in members if m["place"]), None)
        entry["quotes"] = [m["quote"] for m in members]
        entry["agreements"] = set().union(*(m["agreements"] for m in members))
        # One report cannot disagree with itself.
        entry["disagreements"] = _disagreements(members, [reports[i] for i in group]) if len(group) > 1 else ()
        merged.append(entry)
    ids = unique_slugs([(_event_sort_key(e), slug(_event_name(e["date"], e["title"]))) for e in merged])
    events = []
    for entry, event_id in zip(merged, ids):
        participants = tuple([Participant(a, "agent") for a in entry["agents"]]
                             + [Participant(o, "other") for o in entry["others"]
                                if o not in entry["agents"] and o != entry["place"]])
        events.append(Event(id=event_id, title=entry["title"], date=entry["date"],
                            precision=entry["precision"], date_text=entry["date_text"],
                            participants=participants, place=entry["place"],
                            quotes=tuple(dict.fromkeys(entry["quotes"])),
                            agreements=tuple(sorted(entry["agreements"])), anchor=entry["anchor"],
                            status=entry["status"] if entry["agreements"] else None,
                            modality=entry["modality"], attribution=tuple(entry["attribution"]),
                            date_basis=entry["date_basis"], statement=entry["statement"],
                            disagreements=entry["disagreements"], verb=entry["verb"]))
    return sorted(events, key=lambda e: (e.date or "9999", e.id))


def _event_draft(doc, fact, here, actor_of, agreement_of, source, names, quotes, parties_of) -> dict | None:
    """One source's report of an event: its participants, date, modality and title."""
    agents = _ids(here, fact.agents)
    made = [agreement_of.get((doc.source_id, a)) for a in fact.acts_on] if fact.trigger in MAKING_VERBS else []
    if not agents and len(made) == 1 and made[0] is not None:
        # "the agreement reached last July", in a source that names no side: its parties, as
        # the sources that name them tell it, made it.
        agents = list(parties_of.get(made[0], ()))
    others = [i for i in _ids(here, fact.others) if i not in agents]
    # The deal it acts on, or the deal it tells of ("The tender offer began"); not one merely
    # named beside it ("apart from the dispute over the release, the government is plagued").
    linked = {agreement_of.get((doc.source_id, a)) for a in fact.agreements
              if a in fact.acts_on or _noun_of(doc.agreements[a]) in fact.subject.lower().split()} - {None}
    if not agents and len(linked) == 1:
        # "The tender offer began on February 6": what befell one agreement concerns its parties.
        others += [p for p in parties_of.get(next(iter(linked)), ()) if p not in others]
    place = actor_of.get((doc.source_id, fact.place)) if fact.place is not None else None
    # "At least 15 soldiers were killed in Kunduz" needs no actor; nor "the Nasdaq index fell",
    # whose name is no actor's.
    named = bool(fact.subject and not fact.agents and not fact.passive and not fact.nominal)
    if not agents and not others and not named \
            and not ((fact.passive or fact.subject) and (place or fact.timex is not None)) \
            or fact.nominal and not fact.subject:
        return None
    date = precision = date_text = anchor = None
    statement = False
    if fact.timex is not None:
        timex = doc.timexes[fact.timex]
        value = timex.value[:10] if _CLOCK.match(timex.value) else timex.value
        precision = precision_of(value)     # "at 08:30 UTC Monday": that day
        if precision:
            date, date_text = value, timex.text
            anchor = (f"from \"{timex.text}\" in a source dated {source.date}"
                      if source and source.date else f"from \"{timex.text}\"")
    elif _reported_as_news(fact, doc, source):
        date, precision = source.date, "day"
        anchor = ("the date of the source: its opening sentence reports this as done "
                  "and gives no other date")
    elif _headline_news(fact, doc, source):
        date, precision = source.date, "day"
        anchor = "the date of the source: its headline tells this, in the present, as the day's news"
    elif fact.trigger in REPORTING_VERBS and source and source.date and fact.modality == "happened":
        # A statement with no time of its own was made by the time its story was
        # written: the report's date, said to be one.
        date, precision = source.date, "day"
        anchor = "reported on the date of the source; the text gives no date of its own"
        statement = True
    modality = fact.modality
    if date and source and source.date and _after(date, source.date):
        if fact.done and modality == "happened" and _days_after(date, source.date) <= _LAGGING_DAYS:
            pass    # "said in an editorial on Saturday, April 25" in a story of the 24th (_LAGGING_DAYS)
        elif fact.done and modality == "happened" and not _YEAR.search(date_text or ""):
            # "signed on June 3rd" in a story of April: told as done, so last June.
            date = f"{int(date[:4]) - 1:04d}{date[4:]}"
            anchor = f"{anchor}, the year before the source's since it is told as done"
        elif modality == "happened":
            modality = "planned"    # dated after the story that tells it: not done yet
    elif fact.progressive and modality == "happened" and date and source and source.date \
            and date[:10] == source.date and precision == "day":
        modality = "planned"        # "is travelling to the U.S. on Monday": an arrangement
    said_by = [i for i in _ids(here, fact.said_by) if i not in agents]
    title = _title(agents, others, fact, names, modality, said_by)
    if fact.put_off and modality == "happened":
        modality = fact.put_off     # "Test flight delayed": the flight has not flown
    return {
        "date": date, "precision": precision, "date_text": date_text, "anchor": anchor,
        "title": title, "agents": agents,
        "others": others, "place": place, "quote": quotes[doc.source_id, fact.sent],
        "agreements": {agreement_of.get((doc.source_id, a)) for a in fact.agreements} - {None},
        "modality": modality, "attribution": said_by,
        "date_basis": "report" if date is not None and fact.timex is None else "text" if date else None,
        "statement": statement,
        "status": status_of(fact.verb, fact.negated, modality) if fact.acts_on else None,
        "verb": fact.verb if fact.acts_on else None}


def _follow_the_story(doc: DocFacts, told: list[tuple[EventFact, dict | None]], source: Source | None) -> None:
    """A story told in order stays at the day it last named: "Stocks fell sharply on Thursday.
    The Dow dropped 4%." drops on Thursday too. The day is named by an event of the story's own
    line (a simple past or present perfect in what its sentence asserts) that its words date to
    a day and that happened; not by a clause in its background ("which had lost 5% on Monday").
    An event told next in the simple past, in what its sentence asserts, with no time of its
    own (nor another time named in its sentence), takes that day, a few sentences on at most,
    unless the story moves in between to another time that dates what it tells ("Last year the
    index fell by a third") or turns to the present ("The Fed has cut its rate"). A time that
    dates nothing ("the highest since October 2008") does not move it. Never a plan or a
    denial, nor "had fallen", which goes back before the day. Marked as the story's date
    (`date_basis` "story"), with the words and sentence it follows, and given no page by that
    date alone, as a statement's."""
    focus = None            # (sentence, draft) of the last day named
    for fact, draft in sorted(told, key=lambda pair: pair[0].sent):
        if focus is not None and (fact.sent - focus[0] > _STORY_SENTENCES or fact.timex is not None
                                  and not doc.timexes[fact.timex].value.startswith(focus[1]["date"])):
            focus = None    # a paragraph on, or another time dates what it tells
        if fact.perfect and focus is not None and fact.sent > focus[0]:
            focus = None    # "has agreed": the story turns to the present, and the past it told is left
        if draft is None:
            continue
        if draft["date_basis"] == "text":
            if fact.narrated or fact.perfect:   # dated in the story's own line, not in its background
                day = draft["precision"] == "day" and draft["modality"] == "happened"
                focus = (fact.sent, draft) if day else None
        elif draft["date"] is None and focus is not None and fact.narrated and draft["modality"] == "happened" \
                and not fact.nominal and not _other_time(doc, fact.sent, focus[1]["date"]):
            day = focus[1]
            dated = f" dated {source.date}" if source and source.date else ""
            anchor = (f'from "{day["date_text"]}" in sentence {focus[0] + 1} of a source{dated}, which goes on '
                      "to tell this in the past with no time of its own")
            draft.update(date=day["date"], precision="day", date_text=day["date_text"], date_basis="story",
                         statement=True, anchor=anchor)


# How many sentences on a story is still at the day it last named: a paragraph, about.
_STORY_SENTENCES = 3


def _other_time(doc: DocFacts, sent: int, day: str) -> bool:
    """Whether a sentence names a date or a time other than the day: it tells of a time of its
    own, even where its event could not be tied to it ("invited Sinn Fein two weeks ago")."""
    return any(t.sent == sent and t.type in ("DATE", "TIME") and not t.value.startswith(day) for t in doc.timexes)


def _disagreements(members: list[dict], reports: list[Report]) -> tuple[Disagreement, ...]:
    """Where the sources of one event tell it differently: dates that are not one within the
    other, or figures that differ. Copies of one story count once."""
    found = []
    # Each source's date for it, read as the event's is (the most precise, then the earliest):
    # a headline dated by its dateline and a sentence saying "yesterday" are one source's.
    told: dict[str, dict] = {}
    for m, r in zip(members, reports):
        if m["date_basis"] == "text":
            key = (-_PRECISION_RANK[m["precision"]], m["date"])
            if r.source not in told or key < (-_PRECISION_RANK[told[r.source]["precision"]], told[r.source]["date"]):
                told[r.source] = m
    texts = list(told.values())
    if len({m["date"] for m in texts}) > 1 and not all(
            a["date"].startswith(b["date"]) or b["date"].startswith(a["date"]) for a in texts for b in texts):
        for m in texts:
            found.append(Disagreement(kind="date", value=m["date"], words=m["date_text"] or "", quote=m["quote"]))
    numbers = [(figures(r.rest), m) for r, m in zip(reports, members) if figures(r.rest)]
    if len({n for n, _ in numbers}) > 1 and len({m["quote"].source for _, m in numbers}) > 1:
        seen = set()
        for n, m in numbers:
            value = ", ".join(sorted(n))
            if (value, m["quote"].source) not in seen:
                seen.add((value, m["quote"].source))
                found.append(Disagreement(kind="figures", value=value, words=value, quote=m["quote"]))
    return tuple(found)


_PRECISION_RANK = {"day": 3, "month": 2, "year": 1}
_LEAD_SENTENCES = 2       # a headline and the first sentence of the story


def _noun_of(fact: AgreementFact) -> str:
    words = fact.text.lower().split()
    return words[-1] if words else ""


def _headline_news(fact, doc, source) -> bool:
    """"Apple launches 3G iPhone" over a dated story: a headline in the present tense is that
    day's news (the headline convention), when it is a line of its own (no stop) at the top."""
    if source is None or source.date is None or fact.sent != 0 or fact.done or fact.nominal \
            or fact.modality != "happened" or fact.progressive:
        return False
    text = doc.sentences[0].text.rstrip()
    return bool(text) and text[-1] not in LINE_STOPS and len(doc.sentences) > 1


def _reported_as_news(fact, doc, source) -> bool:
    """A dated story whose lead tells something as done to a deal ("Chemlawn and Ecolab said
    they signed a merger agreement", "the group said it raised its tender offer"), or tells an
    action done in the present perfect ("EADS has won a £13 billion contract", "markets
    worldwide have surged"), reports that day's news: the wire convention. The present perfect
    says the action is done and belongs to the time of telling; a simple past may be the day
    before ("stocks fell"). With `_headline_news`, the only cases where an event the text does
    not date takes its source's date."""
    return (source is not None and source.date is not None and _in_lead(doc, fact.sent)
            and fact.done and not fact.negated
            and (bool(fact.acts_on) or fact.perfect and fact.modality == "happened"))


def _in_lead(doc: DocFacts, sent: int) -> bool:
    """Whether a sentence is the story's headline or its first sentence, a date line between
    them ("May 24, 2008") not counted."""
    if sent < _LEAD_SENTENCES:
        return True
    if sent >= _LEAD_SENTENCES + 1:
        return False
    return any(_date_line(doc, i) for i in range(sent))


def _date_line(doc: DocFacts, index: int) -> bool:
    """A sentence that is only a date: no word of it outside its time expressions."""
    sentence = doc.sentences[index]
    text = sentence.text
    for timex in doc.timexes:
        if timex.sent == index:
            start, end = timex.start - sentence.start, timex.end - sentence.start
            text = text[:max(start, 0)] + " " * (end - start) + text[max(end, 0):]
    return not re.search(r"\w", text)


_YEAR = re.compile(r"\b\d{4}\b")
_CLOCK = re.compile(r"\d{4}-\d{2}-\d{2}T")


# A story's date may be a day or two behind what it tells as done: an advance text for the next
# morning's paper, a time zone ahead of the desk's. Told as done within that much after it, a
# day is that day, not the same day a year before.
_LAGGING_DAYS = 2


def _days_after(date: str, reference: str) -> float:
    """Days from the reference day to a day; infinite for a month or a year."""
    if len(date) != 10 or len(reference) < 10:
        return float("inf")
    try:
        return (dt.date.fromisoformat(date) - dt.date.fromisoformat(reference[:10])).days
    except ValueError:
        return float("inf")


def _after(date: str, reference: str) -> bool:
    """Whether a date (of any precision) lies wholly after the reference day."""
    return date[:len(reference)] > reference[:len(date)]


def _event_name(date, title: str) -> str:
    """What an event's slug is made from."""
    return f"{date or 'undated'} {title}"


def _event_sort_key(entry: dict) -> str:
    first = entry["quotes"][0] if entry["quotes"] else None
    return f"{entry['date'] or '9999'}\x00{entry['title']}\x00{first.source if first else ''}\x00{first.sent if first else 0}"


def _ids(actor_at: dict[int, str], indices) -> list[str]:
    ids = []                # a handful at most: a list is quicker to search than a dict to make
    for index in indices:
        actor_id = actor_at.get(index)
        if actor_id is not None and actor_id not in ids:
            ids.append(actor_id)
    return ids


_IRREGULAR = {"be": ("is", "are"), "have": ("has", "have"), "do": ("does", "do"), "go": ("goes", "go")}


def inflect(lemma: str, plural: bool, negated: bool, modality: str = "happened") -> str:
    """Headline present tense: "Pompeo visits", "the two sides hold", "talks do not begin";
    headline future for a plan: "Senate to ratify"."""
    if modality == "planned" and not negated:
        return f"to {lemma}"
    if negated:
        if lemma == "be":
            return "are not" if plural else "is not"
        return ("do not " if plural else "does not ") + lemma
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma][1 if plural else 0]
    if plural:
        return lemma
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


def _title(agents, others, fact, names, modality: str = "happened", said_by=()) -> str:
    who = agents or []
    subject = " and ".join(names[a] for a in who[:3]) if who else ""
    verb = inflect(fact.trigger, len(who) > 1, fact.negated, modality)
    rest = fact.rest
    if fact.nominal:
        text = fact.subject
    elif fact.subject:
        text = " ".join(p for p in (fact.subject, inflect(fact.trigger, fact.plural, fact.negated, modality),
                                    rest) if p)
    elif fact.passive or not who:
        text = rest or f"{' and '.join(names[o] for o in others[:2])} {verb}"
    else:
        text = " ".join(p for p in (subject, verb, rest) if p)
    if modality == "claimed":   # a contested claim says whose it is, or that it is one
        text += f", {' and '.join(names[a] for a in said_by[:2])} claims" if said_by else " (contested)"
    return text[:1].upper() + text[1:]


def _link_events(agreements: list[Agreement], events: list[Event]) -> list[Agreement]:
    """Each agreement lists the events that concern it; one the sources date only through the
    event that signed it takes that event's date."""
    linked = defaultdict(list)
    for event in events:
        for agreement in event.agreements:
            linked[agreement].append(event)
    result = []
    for a in agreements:
        made = next((e for e in linked.get(a.id, ()) if e.date and e.status in {"signed", "agreed"}), None)
        dated = {"date": made.date, "precision": made.precision, "date_text": made.date_text} \
            if a.date is None and made is not None else {}
        result.append(replace(a, events=tuple(e.id for e in linked.get(a.id, ())), **dated))
    return result


def _sorted_case_aside(texts) -> list[str]:
    """Sorted case aside. "iPods" and "IPods" fold alike: the text itself breaks the tie, not
    the set's hash order (a stable sort by the fold of texts already in order)."""
    return sorted(sorted(texts), key=str.casefold) if len(texts) > 1 else list(texts)
