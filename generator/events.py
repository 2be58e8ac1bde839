"""Finding events in a parsed document: who did what, to whom, where and when.

An event is a clause whose verb has at least one actor among its participants. Reported
speech ("X said that Y did Z") yields Y's action with X as a witness; the saying itself is
an event only when the statement is the news ("announced", "rejected").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .agreements import MAKING_VERBS
from .lexicon import NEWSWORTHY_SPEECH, REPORTING_VERBS
from .model import AgreementFact, EventFact, Mention, TimexFact

_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "conj", "xcomp", "acl", "parataxis", "csubj"})
_PREDICATE_DEPS = frozenset({"ROOT", "conj", "ccomp", "relcl", "advcl", "xcomp"})
_RELATIVE = frozenset({"who", "that", "which", "whom"})
_SIDES = frozenset({"side", "party", "sides", "parties"})
_MAX_REST_WORDS = 9


def find_events(doc: Doc, sent_of: dict[int, int], mentions: list[Mention],
                mention_at: dict[int, int], timexes: list[TimexFact],
                agreements: list[AgreementFact]) -> list[EventFact]:
    agreement_at = {}
    for i, fact in enumerate(agreements):
        for token in doc.char_span(fact.start, fact.end, alignment_mode="expand") or ():
            agreement_at[token.i] = i
    found: list[EventFact] = []
    for verb in doc:
        # Copulas ("X is reluctant") state a condition; an event needs an action verb.
        if verb.pos_ != "VERB" or verb.dep_ not in _PREDICATE_DEPS:
            continue
        event = _event(verb, sent_of, mentions, mention_at, timexes, agreements, agreement_at)
        if event is not None:
            found.append(event)
    return found


def _event(verb, sent_of, mentions, mention_at, timexes, agreements, agreement_at):
    lemma = verb.lemma_.lower()
    reported = [c for c in verb.children if c.dep_ == "ccomp"]
    if lemma in REPORTING_VERBS and reported:
        return None         # the reported clause is the event; this verb is its evidence
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
    agents, others = _participants(verb, mention_at, mentions, passive)
    linked = sorted({agreement_at[t.i] for t in _clause(verb) if t.i in agreement_at})
    made = _made_agreement(verb, agreement_at) if lemma in MAKING_VERBS else None
    if made is not None:
        linked = sorted(set(linked) | {made})
        if not agents:
            agents = _parties_of(agreements, made)
    if not agents and not passive:
        return None         # "the group had rejected...": an action needs someone who acts
    if lemma in REPORTING_VERBS and lemma not in NEWSWORTHY_SPEECH:
        return None
    place = _place(verb, mention_at, mentions)
    return EventFact(
        sent=sent_of[verb.i], trigger=lemma, rest=_rest(verb, passive, bool(agents)),
        agents=tuple(agents), others=tuple(m for m in others if m not in agents and m != place),
        place=place, timex=_date(verb, timexes), agreements=tuple(linked),
        negated=any(c.dep_ == "neg" for c in verb.children), passive=passive and not agents)


def _clause(verb: Token) -> list[Token]:
    """The verb's own words, without the clauses nested under it."""
    words, stack = [], [verb]
    while stack:
        token = stack.pop()
        words.append(token)
        stack += [c for c in token.children
                  if not (c.dep_ in _CLAUSE_DEPS and c.pos_ in {"VERB", "AUX"})]
    return sorted(words, key=lambda t: t.i)


def _subjects(verb: Token) -> list[Token]:
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "agent", "csubj"}]
    if not subjects and verb.dep_ == "conj":
        return _subjects(verb.head)          # "was signed ... and required ..."
    return subjects


def _participants(verb, mention_at, mentions, passive) -> tuple[list[int], list[int]]:
    agents: list[int] = []
    for subject in _subjects(verb):
        if subject.dep_ == "nsubjpass":
            continue
        if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
            subject = verb.head               # "John Bass, who left Kabul"
        agents += _mentions_in(subject, mention_at) or _sides(subject, mention_at, mentions)
    if passive:
        for child in verb.children:
            if child.dep_ == "agent":
                agents += _mentions_in(child, mention_at)
    # A demonym in the clause describes someone ("French President Emmanuel Macron"): not a party.
    others = [mention_at[t.i] for t in _clause(verb) if t.i in mention_at
              and mentions[mention_at[t.i]].label != "NORP"]
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING_VERBS:
        for subject in _subjects(verb.head):
            others += _mentions_in(subject, mention_at)     # who said so
    return _unique(agents), _unique(others)


def _mentions_in(token: Token, mention_at: dict[int, int]) -> list[int]:
    stack, found = [token], []
    while stack:
        t = stack.pop()
        if t.i in mention_at:
            found.append(mention_at[t.i])
        stack += [c for c in t.children if not (c.dep_ in _CLAUSE_DEPS and c.pos_ == "VERB")]
    return sorted(set(found))


def _sides(subject: Token, mention_at: dict[int, int], mentions: list[Mention]) -> list[int]:
    """"the two sides", "both parties": the last pair of actors named together before."""
    if subject.lemma_.lower() not in _SIDES and subject.lower_ not in _SIDES:
        return []
    doc = subject.doc
    for token in reversed(doc[: subject.i]):
        if token.dep_ == "conj" and token.i in mention_at and token.head.i in mention_at:
            return [mention_at[token.head.i], mention_at[token.i]]
    return []


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


def _place(verb: Token, mention_at: dict[int, int], mentions: list[Mention]) -> int | None:
    from .countries import lookup

    for token in _clause(verb):
        if token.dep_ == "pobj" and token.head.lower_ in {"in", "to", "at", "from", "into"} \
                and token.i in mention_at:
            mention = mentions[mention_at[token.i]]
            if mention.label in {"GPE", "LOC", "FAC"}:
                if mention.label != "GPE" or lookup(mention.name) is None or token.head.lower_ != "from":
                    return mention_at[token.i]
    return None


def _date(verb: Token, timexes: list[TimexFact]) -> int | None:
    """A date in the verb's own clause; else one governing the verb that reports it."""
    for scope in (_clause(verb), _clause(verb.head) if verb.dep_ in {"ccomp", "conj"} else []):
        if not scope:
            continue
        lo, hi = scope[0].idx, scope[-1].idx + len(scope[-1])
        inside = {t.idx for t in scope}
        for i, timex in enumerate(timexes):
            if lo <= timex.start < hi and timex.start in inside and timex.type in {"DATE", "TIME"}:
                return i
    return None


def _rest(verb: Token, passive: bool, has_agents: bool) -> str:
    """The headline words after the verb: objects, particles and where it went. For a passive
    without an agent, the whole headline: "27 people are killed in recent attack"."""
    words: list[Token] = []
    for child in verb.children:
        if child.i < verb.i or len(words) >= _MAX_REST_WORDS:
            continue
        if child.dep_ in {"dobj", "prt", "attr", "dative", "acomp", "oprd", "xcomp"} or (
                child.dep_ == "prep" and child.lower_ in _HEADLINE_PREPS and not _temporal(child)):
            words += _trim(child)
    text = _join(words)
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None) if passive else None
    if subject is not None and subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
        subject = verb.head
    if subject is not None and has_agents:       # "brokered by X" -> "X brokers <subject>"
        return _join(_trim(subject) + words)
    if subject is not None:
        aux = "are" if subject.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in subject.children) else "is"
        if any(c.dep_ == "neg" for c in verb.children):
            aux += " not"
        return " ".join(p for p in (_join(_trim(subject)), aux, verb.text.lower(), text) if p)
    return text


_HEADLINE_PREPS = frozenset({"to", "with", "in", "into", "on", "for", "from", "against", "of", "over"})


def _temporal(prep: Token) -> bool:
    return any(c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"} for c in prep.children)


def _join(words: list[Token]) -> str:
    words = sorted(set(words), key=lambda t: t.i)
    text = " ".join(t.text for t in words)
    return text.replace(" 's", "'s").replace(" ,", ",").replace(" - ", "-").replace(" .", ".")


def _trim(token: Token) -> list[Token]:
    """A phrase without its relative clauses, appositions, articles and commas, at most
    a few words, cut where a phrase ends rather than mid-name."""
    keep = []
    for t in token.subtree:
        if t.i != token.i and any(a.dep_ in {"relcl", "appos", "advcl", "acl", "ccomp"}
                                  for a in _path(t, token)):
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
