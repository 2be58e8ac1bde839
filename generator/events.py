"""Finding events in a parsed document: who did what, to whom, where and when.

An event is a clause whose verb has at least one actor among its participants. Reported
speech ("X said that Y did Z") yields Y's action with X as a witness; the saying itself is
an event only when the statement is the news ("announced", "rejected").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .lexicon import MAKING_VERBS, NEWSWORTHY_SPEECH, REPORTING_VERBS
from .modality import modality_of
from .model import AgreementFact, EventFact, Mention, TimexFact
from .parsed import ids, tagged
from .reference import acting, mentions_in, nested_clause, subject_mentions

_PREDICATE_DEPS = frozenset({"ROOT", "conj", "ccomp", "relcl", "advcl", "xcomp"})
_VERB = ids(["VERB"])
_RELATIVE = frozenset({"who", "that", "which", "whom"})
_MAX_REST_WORDS = 9
# Verbs that make a headline with no object ("Ghani resigns"); any other needs what it governs.
_STANDS_ALONE = frozenset("""resign retire die arrive depart leave return win lose quit collapse
fall rise surge slump vote protest strike attack meet negotiate disagree agree default crash
merge surrender withdraw escape disappear explode riot invade mobilise mobilize lie""".split())


def find_events(doc: Doc, sent_of: dict[int, int], mentions: list[Mention],
                mention_at: dict[int, int], timexes: list[TimexFact],
                agreements: list[AgreementFact]) -> list[EventFact]:
    agreement_at = {}
    for i, fact in enumerate(agreements):
        for token in doc.char_span(fact.start, fact.end, alignment_mode="expand") or ():
            agreement_at[token.i] = i
    found: list[EventFact] = []
    # Copulas ("X is reluctant") state a condition; an event needs an action verb.
    for verb in tagged(doc, _VERB):
        if not (verb.dep_ in _PREDICATE_DEPS or _full_clause(verb) or _participle(verb)):
            continue
        if _wrapper(verb):
            continue        # "refused to sign": the signing, negated, is the event
        event = _event(verb, sent_of, mentions, mention_at, timexes, agreements, agreement_at)
        if event is not None:
            found.append(event)
    return found


# Verbs that only frame the action of the infinitive they govern: "plans to visit" is a
# planned visit, "failed to agree" a negated agreement (see modality.py).
_WRAPPERS = frozenset("""plan intend expect schedule set aim hope want wish seek try attempt prepare
refuse fail decline neglect mean have""".split())


def _wrapper(verb: Token) -> bool:
    return verb.lemma_.lower() in _WRAPPERS and any(
        c.dep_ == "xcomp" and c.tag_ == "VB" and c.pos_ == "VERB" for c in verb.children)


def _participle(verb: Token) -> bool:
    """"the accord signed on June 3rd by Chile and Vietnam": a past participle modifying a
    noun is a passive clause of its own, when it says by whom or when."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and any(
        c.dep_ == "agent" or (c.dep_ in {"prep", "npadvmod"} and _temporal(c)) or c.ent_type_ in {"DATE", "TIME"}
        for c in verb.children)


def _full_clause(verb: Token) -> bool:
    """"the fact that the terms were supported by X": a clause with a subject of its own."""
    return verb.dep_ == "acl" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)


def _event(verb, sent_of, mentions, mention_at, timexes, agreements, agreement_at):
    lemma = verb.lemma_.lower()
    reported = [c for c in verb.children if c.dep_ == "ccomp"]
    if lemma in REPORTING_VERBS and reported:
        return None         # the reported clause is the event; this verb is its evidence
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) or _participle(verb)
    clause = _clause(verb)
    agents, others = _participants(verb, mention_at, mentions, passive, clause)
    linked = sorted({agreement_at[t.i] for t in clause if t.i in agreement_at})
    made = _made_agreement(verb, agreement_at) if lemma in MAKING_VERBS else None
    if made is not None:
        linked = sorted(set(linked) | {made})
        if not agents:
            agents = _parties_of(agreements, made)
    if not agents and linked and verb.dep_ == "advcl" and verb.tag_ == "VBG":
        # "Ghani delayed the release, thereby undermining the agreement": Ghani undermines it.
        agents = [m for s in _subjects(verb.head) if s.dep_ != "nsubjpass"
                  for m in subject_mentions(s, mention_at, mentions)]
    if not agents and not passive:
        return None         # an action needs someone who acts
    if lemma in REPORTING_VERBS and lemma not in NEWSWORTHY_SPEECH:
        return None
    modality, reporter = modality_of(verb)
    said_by = tuple(m for m in (subject_mentions(reporter, mention_at, mentions) if reporter is not None else ())
                    if m not in agents)
    rest = _rest(verb, passive, bool(agents), modality)
    subject = _described_subject(verb, mention_at) if agents and not passive else None
    if not rest.strip() and subject is None and not passive and lemma not in _STANDS_ALONE:
        return None         # "X takes", "Google shows [that...]": no headline without its object
    place = _place(clause, mention_at, mentions)
    acts_on = sorted({agreement_at[t.i] for t in _arguments(verb) if t.i in agreement_at}
                     | ({made} if made is not None else set()))
    return EventFact(
        sent=sent_of[verb.i], trigger=lemma, rest=rest,
        agents=tuple(agents), others=tuple(m for m in others if m not in agents and m != place),
        place=place, timex=_date(verb, timexes, clause), agreements=tuple(linked),
        negated=modality == "negated", passive=passive and not agents,
        modality=modality, said_by=said_by,
        acts_on=tuple(acts_on), subject=_join(_trim(subject)) if subject is not None else "",
        done=verb.tag_ in {"VBD", "VBN"} and not any(c.lower_ in {"will", "would", "could", "may", "might"}
                                                      for c in verb.children if c.dep_ == "aux"),
        plural=subject is not None and (subject.tag_ in {"NNS", "NNPS"}
                                        or any(c.dep_ == "conj" for c in subject.children)))


def _described_subject(verb: Token, mention_at: dict[int, int]) -> Token | None:
    """A subject that is a thing the actors own or take part in ("Pompeo's visit",
    "intra-Afghan negotiations"): the headline keeps it rather than just the names."""
    for subject in _subjects(verb):
        if subject.dep_ == "nsubj" and subject.pos_ in {"NOUN", "PROPN"} and subject.i not in mention_at \
                and mentions_in(subject, mention_at) \
                and not any(c.dep_ == "appos" and c.i in mention_at for c in subject.children):
            return subject          # but "A Taliban spokesman, Suhail Shaheen," is Shaheen
    return None


def _arguments(verb: Token) -> list[Token]:
    """What the verb acts on: its object or passive subject ("rejected the decree", "the terms
    of the agreement were supported"), or what was agreed to ("agreed to a ceasefire")."""
    found = []
    for child in verb.children:
        if child.dep_ in {"dobj", "nsubjpass"}:
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ in {"to", "on"} and verb.lemma_ == "agree":
            found += [c for c in child.children if c.dep_ == "pobj"]
    for head in list(found):         # "the terms of the agreement"
        found += [o for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
                  for o in p.children if o.dep_ == "pobj"]
    return found


def _clause(verb: Token) -> list[Token]:
    """The verb's own words, without the clauses nested under it."""
    words, stack = [], [verb]
    while stack:
        token = stack.pop()
        words.append(token)
        stack += [c for c in token.children if not nested_clause(c)]
    return sorted(words, key=lambda t: t.i)


def _subjects(verb: Token) -> list[Token]:
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "agent", "csubj"}]
    if not subjects and verb.dep_ in {"conj", "xcomp"}:
        return _subjects(verb.head)          # "was signed ... and required ...", "refused to sign"
    return subjects


def _participants(verb, mention_at, mentions, passive, clause) -> tuple[list[int], list[int]]:
    agents: list[int] = []
    controlled = verb.dep_ == "xcomp" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
    for subject in _subjects(verb):
        if subject.dep_ == "nsubjpass" and not controlled:
            continue            # but "X is scheduled to meet": X meets
        if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
            subject = verb.head               # "John Bass, who left Kabul"
        agents += subject_mentions(subject, mention_at, mentions)
    if passive:
        for child in verb.children:
            if child.dep_ == "agent":
                agents += mentions_in(child, mention_at)
    # A demonym in the clause describes someone ("French President Emmanuel Macron"): not a party.
    others = [mention_at[t.i] for t in clause if t.i in mention_at
              and mentions[mention_at[t.i]].label != "NORP"]
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING_VERBS:
        for subject in _subjects(verb.head):
            others += mentions_in(subject, mention_at)     # who said so
    return acting(_unique(agents), mentions), acting(_unique(others), mentions)






def _made_agreement(verb: Token, agreement_at: dict[int, int]) -> int | None:
    """"an agreement ... that was signed in Doha", "Ghani signed a decree": the agreement made."""
    candidates = [verb.head] if verb.dep_ == "relcl" else []
    candidates += [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
    return next((agreement_at[c.i] for c in candidates if c.i in agreement_at), None)


def _parties_of(agreements: list[AgreementFact], index: int) -> list[int]:
    fact = agreements[index]
    seen = set()
    while not fact.parties and fact.refers_to is not None and fact.refers_to not in seen:
        seen.add(fact.refers_to)
        fact = agreements[fact.refers_to]
    return list(fact.parties)


def _place(clause: list[Token], mention_at: dict[int, int], mentions: list[Mention]) -> int | None:
    from .countries import lookup

    for token in clause:
        if token.dep_ == "pobj" and token.head.lower_ in {"in", "to", "at", "from", "into"} \
                and token.i in mention_at:
            mention = mentions[mention_at[token.i]]
            if mention.label in {"GPE", "LOC", "FAC"}:
                if mention.label != "GPE" or lookup(mention.name) is None or token.head.lower_ != "from":
                    return mention_at[token.i]
    return None


def _date(verb: Token, timexes: list[TimexFact], clause: list[Token]) -> int | None:
    """A date in the verb's own clause; else one governing the verb that reports it."""
    for scope in (clause, _clause(verb.head) if verb.dep_ in {"ccomp", "conj"} else []):
        if not scope:
            continue
        lo, hi = scope[0].idx, scope[-1].idx + len(scope[-1])
        inside = {t.idx for t in scope}
        for i, timex in enumerate(timexes):
            if lo <= timex.start < hi and timex.start in inside and timex.type in {"DATE", "TIME"}:
                return i
    return None


def _rest(verb: Token, passive: bool, has_agents: bool, modality: str = "happened") -> str:
    """The headline words after the verb: objects, particles and where it went. For a passive
    without an agent, the whole headline: "27 people are killed in recent attack"."""
    words: list[Token] = []
    fronted: list[Token] = []
    for child in verb.children:
        if child.i < verb.i and _fronted_place(child) and not fronted:
            fronted = _trim(child)      # "In Kunduz, ... were killed": "... killed in Kunduz"
            continue
        if child.i < verb.i or len(words) >= _MAX_REST_WORDS:
            continue
        if child.dep_ in {"dobj", "prt", "attr", "dative", "acomp", "oprd", "xcomp"} or (
                child.dep_ == "prep" and child.lower_ in _HEADLINE_PREPS and not _temporal(child)):
            words += _trim(child, between=not (has_agents and verb.lemma_ in MAKING_VERBS))
    place = _join(fronted)
    text = " ".join(p for p in (_join(words), place[:1].lower() + place[1:]) if p)
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None) if passive else None
    if subject is not None and subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
        subject = verb.head
    if subject is None and passive and verb.dep_ == "acl":
        subject = verb.head                 # "the accord signed by X": X signs the accord
    if subject is not None and has_agents:       # "brokered by X" -> "X brokers <subject>"
        return _join(_trim(subject, between=verb.lemma_ not in MAKING_VERBS) + words)
    if subject is not None:
        # Headline passive: "At least 15 soldiers killed in Kunduz", "Prisoners not released",
        # "Up to 5,000 prisoners to be released".
        aux = {"negated": "not", "planned": "to be"}.get(modality, "")
        return " ".join(p for p in (_join(_trim(subject)), aux, verb.text.lower(), text) if p)
    return text


_HEADLINE_PREPS = frozenset({"to", "with", "in", "into", "on", "for", "from", "against", "of", "over"})


def _fronted_place(prep: Token) -> bool:
    return prep.dep_ == "prep" and prep.lower_ in {"in", "at", "near"} and any(
        c.dep_ == "pobj" and c.ent_type_ in {"GPE", "LOC", "FAC"} for c in prep.children)


def _temporal(prep: Token) -> bool:
    return any(c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"} for c in prep.children)


def _join(words: list[Token]) -> str:
    words = sorted(set(words), key=lambda t: t.i)
    text = " ".join(t.text for t in words)
    return text.replace(" 's", "'s").replace(" ,", ",").replace(" - ", "-").replace(" .", ".")


def _trim(token: Token, between: bool = True) -> list[Token]:
    """A phrase without its relative clauses, appositions, articles and commas, at most
    a few words, cut where a phrase ends rather than mid-name. Without `between`, "an
    agreement between X and Y" loses the parties the headline has already named."""
    keep = []
    for t in token.subtree:
        path = _path(t, token) if t.i != token.i else []
        if any(a.dep_ in {"relcl", "appos", "advcl", "acl", "ccomp"} for a in path):
            continue
        if not between and any(a.dep_ == "prep" and a.lower_ in {"between", "among"} for a in path):
            continue
        if t.dep_ == "det" and t.lower_ in {"the", "a", "an"} or t.is_punct and t.text != "-":
            continue
        keep.append(t)
    if len(keep) > _MAX_PHRASE_WORDS:
        head_end = max(i for i, t in enumerate(keep) if t.i <= token.i)
        keep = keep[: max(head_end + 1, _MAX_PHRASE_WORDS)]
        while keep and keep[-1].dep_ in {"prep", "cc", "det", "amod", "compound", "poss", "case"}:
            keep.pop()
    return keep


_MAX_PHRASE_WORDS = 8


def _path(token: Token, top: Token) -> list[Token]:
    """`token` and its ancestors up to, not including, `top`."""
    path = []
    while token.i != top.i and token.head.i != token.i:
        path.append(token)
        token = token.head
    return path


def _unique(items: list[int]) -> list[int]:
    seen: dict[int, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)
