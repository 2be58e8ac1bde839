"""Finding agreements in a parsed document: the phrase, its parties, date, place and terms.

A noun of agreement ("deal", "decree", "ceasefire") counts only with parties the parse can
name, or as a definite reference ("the agreement") to one that has them; "both sides agreed
that the weather was bad" names no agreement at all.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from generator.model import AgreementFact, Clause, Mention, TimexFact
from .lexicon import (AGREEMENT_KINDS, AGREEMENT_PHRASES, AGREEMENT_TOPICS, EARLIER_WORDS, MAKING_VERBS,
                      PROPOSAL_WORDS, RATIFYING_VERBS, REPORTING_VERBS, STAGE_OF_VERB, compatible)
from .modality import modality_of
from .parsed import NOUNS, ids, tagged, text_of
from .reference import acting, mentions_in, sides, subject_mentions

# Verbs with which an agreement (or what it says) states an obligation or a condition.
TERM_VERBS = frozenset("require oblige commit promise provide stipulate call guarantee order "
                       "allow grant demand mandate ensure include envisage foresee bar forbid "
                       "enter set".split())
# Verbs that make a deal when agreed to ("agreed to buy Guidant"), with the kind each gives.
DEAL_VERBS = {"buy": "acquisition", "acquire": "acquisition", "purchase": "acquisition",
              "take": "acquisition", "merge": "merger", "sell": "sale"}
# Verbs that end a dispute by agreement ("Apple settled its trademark dispute with Apple Corps").
SETTLING_VERBS = frozenset({"settle", "resolve"})
_DISPUTES = frozenset("dispute lawsuit suit case claim litigation row conflict feud battle".split())
# Verbs of a swap of people between two sides: "Both exchanged prisoners earlier this month".
_SWAPPING_VERBS = frozenset({"exchange", "swap", "trade"})
_SWAPPED = frozenset("prisoner hostage detainee captive soldier pow".split())
# Verbs with which a buyer buys goods from their maker: "will purchase 20 of Boeing's 777s".
_BUYING_VERBS = frozenset({"buy", "purchase", "order"})
_DEAL_LEMMAS = ids(set(DEAL_VERBS) | SETTLING_VERBS | _SWAPPING_VERBS | _BUYING_VERBS)


def find_agreements(doc: Doc, sent_of: dict[int, int], mentions: list[Mention],
                    mention_at: dict[int, int], timexes: list[TimexFact]) -> list[AgreementFact]:
    drafts: list[tuple[Token, AgreementFact]] = []
    # Only nouns name an agreement (`_kind`), and only the deal verbs make one of a verb.
    for token in tagged(doc, NOUNS, _DEAL_LEMMAS):
        kind = _kind(token)
        if kind is not None:
            parties = _parties(token, kind, mention_at, mentions)
            definite = any(c.lower_ in {"the", "this", "that"} for c in token.children if c.dep_ == "det")
            singular = token.tag_ not in {"NNS", "NNPS"}
            if parties or (definite or _dated_making(token, timexes)) and singular:
                fact = _noun_fact(token, kind, parties, sent_of, mention_at, mentions, timexes)
                for each in _one_per_counterparty(token, fact, mention_at):
                    drafts.append((token, each, definite and singular))
        elif token.lemma_ in _SWAPPING_VERBS:
            fact = _exchange_fact(token, sent_of, mention_at, mentions, timexes)
            if fact is not None:
                drafts.append((token, fact, False))
        elif token.lemma_ in DEAL_VERBS or token.lemma_ in SETTLING_VERBS or token.lemma_ in _BUYING_VERBS:
            fact = _verbal_fact(token, sent_of, mention_at, mentions, timexes) if token.lemma_ in DEAL_VERBS \
                else _settling_fact(token, sent_of, mention_at, mentions, timexes) \
                if token.lemma_ in SETTLING_VERBS else None
            if fact is None and token.lemma_ in _BUYING_VERBS:
                fact = _purchase_fact(token, sent_of, mention_at, mentions, timexes)
            if fact is not None:
                drafts.append((token, fact, False))
    index_at = {draft[0].i: i for i, draft in enumerate(drafts)}
    facts: list[AgreementFact] = []
    for token, fact, definite in drafts:
        part_of = _whole(token, index_at)
        refers = None
        if not fact.parties and part_of is None and fact.name is not None:
            # "the General Agreement on Tariffs and Trade" is not the pact named before it: a
            # proper name refers back only to a deal called by that name.
            refers = next((i for i in range(len(facts) - 1, -1, -1)
                           if facts[i].name and facts[i].name.lower() == fact.name.lower()), None)
        elif not fact.parties and part_of is None:
            refers = _antecedent(facts, fact.kind)
        elif definite and fact.name is None:
            # "The airline signed the agreement": one side of a deal already named in full;
            # "The agreement was signed by Finance Minister X and Y": the people who signed it.
            earlier = _antecedent(facts, fact.kind)
            if earlier is not None and (_names(fact.parties, mentions) < _names(facts[earlier].parties, mentions)
                                        or _signed_by(token)):
                refers = earlier
        facts.append(replace(fact, refers_to=refers, part_of=part_of))
    return _resolve_cataphora(facts)


def _signed_by(token: Token) -> bool:
    """"The agreement was signed by X and Y": who signs a deal already told of names its
    signatories, who sign for its parties."""
    maker = _making_verb(token)
    return maker is not None and token.dep_ == "nsubjpass" and any(c.dep_ == "agent" for c in maker.children)


def _one_per_counterparty(token: Token, fact: AgreementFact, mention_at: dict[int, int]) -> list[AgreementFact]:
    """"Airbus inked deals with the Royal Australian Air Force, the Royal Saudi Air Force and
    the UAE Air Force": deals in the plural with a list of others are one deal with each."""
    if token.tag_ not in {"NNS", "NNPS"}:
        return [fact]
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ != "with":
            continue
        heads = [o for o in prep.children if o.dep_ == "pobj"]
        heads += [c for h in list(heads) for c in h.conjuncts]
        others = [mention_at[h.i] for h in heads if h.i in mention_at and mention_at[h.i] in fact.parties]
        if len(others) < 2:
            return [fact]
        own = tuple(m for m in fact.parties if m not in others and not any(
            h.i in mention_at and mention_at[h.i] == m for h in heads))
        if not own:
            return [fact]
        head_of = {mention_at[h.i]: h for h in heads if h.i in mention_at}
        return [replace(fact, parties=tuple(sorted(own + (other,))),
                        text=_one_deal_text(token, own, head_of[other])) for other in others]
    return [fact]


def _one_deal_text(token: Token, own: tuple[int, ...], other: Token) -> str:
    """"deal with the Royal Saudi Air Force", after the name of the side with many deals when
    the subject gives it: what a reader calls one of the deals."""
    words = [t for t in other.subtree if not (t.dep_ in {"conj", "cc"} and t.head == other)
             and not any(a.dep_ == "conj" and a.head == other for a in t.ancestors) and not t.is_punct]
    maker = _making_verb(token)
    subject = next((c for c in maker.children if c.dep_ == "nsubj"), None) if maker is not None else None
    who = " ".join(t.text for t in subject.subtree) + " " if subject is not None and len(own) == 1 \
        and subject.i in {m.i for m in subject.subtree} and len(list(subject.subtree)) <= 4 else ""
    return f"{who}{token.lemma_} with {' '.join(t.text for t in words)}"


def _names(indices: tuple[int, ...], mentions: list[Mention]) -> set[str]:
    return {mentions[m].name for m in indices}


def _noun_fact(token, kind, parties, sent_of, mention_at, mentions, timexes) -> AgreementFact:
    maker = _making_verb(token)
    start, end = _phrase_start(token), _phrase_end(token)
    stage, verb = stage_of(token)
    dated = _date_of_making(token, timexes) if stage is None else None
    if dated is not None:
        stage = "signed"      # "an agreement between Nigeria and the Paris Club in December"
    return AgreementFact(
        sent=sent_of[token.i], start=start, end=end, text=text_of(token.doc)[start:end], kind=kind,
        parties=tuple(sorted(set(parties))), refers_to=None,
        timex=_timex_in(maker, timexes) if maker is not None else None,
        place=next((p for p in (_place_in(v, mention_at, mentions) for v in (maker, token) if v is not None)
                    if p is not None), None),
        terms=tuple(_terms(token, sent_of)), name=_proper_name(token),
        stage=stage, stage_timex=dated if dated is not None else
        _timex_in(verb, timexes, outside=token) if verb is not None and stage else None,
        earlier=_earlier(token))


def _verbal_fact(verb, sent_of, mention_at, mentions, timexes) -> AgreementFact | None:
    """"ConAgra agreed to acquire Monfort", "X and Y agreed to merge": a deal made by a verb,
    with the one who agreed and the other side of the deal as its parties."""
    agree = verb.head
    if verb.dep_ != "xcomp" or agree.lemma_ not in {"agree", "sign", "vote", "offer", "propose"}:
        return None
    if verb.lemma_ == "take" and not any(c.dep_ == "prt" and c.lower_ == "over" for c in verb.children):
        return None           # "take part", "take steps": only "take over" is a deal
    parties = [m for s in agree.children if s.dep_ == "nsubj"
               for m in _without_asides(s, subject_mentions(s, mention_at, mentions), mention_at)]
    for child in verb.children:
        if child.dep_ in {"dobj", "prt"} or child.dep_ == "prep" and child.lower_ in {"with", "to"}:
            parties += mentions_in(child, mention_at)
        if child.dep_ == "prep" and child.lower_ == "from" and verb.lemma_ in {"buy", "acquire", "purchase"}:
            parties += mentions_in(child, mention_at)     # "agreed to buy the assets from Dixons"
    parties = [m for m in dict.fromkeys(parties) if mentions[m].label not in {"LOC", "FAC"}
               and not _names_run_together(mentions[m])]
    if len(parties) < 2:
        return None           # "agreed to buy shares": no other side, no deal between parties
    words = list(verb.subtree)
    while len(words) > 1 and words[-1].is_punct and words[-1].text not in {")", "]"}:
        words.pop()
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    return AgreementFact(
        sent=sent_of[verb.i], start=start, end=end, text=text_of(verb.doc)[start:end],
        # "offered to acquire X": an offer, not yet a deal
        kind="offer" if agree.lemma_ in {"offer", "propose"} else DEAL_VERBS[verb.lemma_],
        parties=tuple(sorted(parties)), refers_to=None,
        timex=_timex_in(agree, timexes), place=_place_in(agree, mention_at, mentions), verbal=True,
        **_verbal_stage(agree, timexes))


# What is bought on a market rather than from its maker: shares, stakes, debt, a currency.
_SECURITIES = frozenset("share stake stock bond note security percent pct % equity interest debt "
                        "holding option warrant unit dollar euro yen pound".split())


def _purchase_fact(verb, sent_of, mention_at, mentions, timexes) -> AgreementFact | None:
    """"Qatar Airways will also purchase 20 of Boeing's 777 planes", "Air Deccan ordered 30
    Airbus A320 planes", "X is to buy 10 aircraft from Airbus": a number of goods bought from
    the company that makes or sells them is a purchase between buyer and seller. A company
    bought outright, shares or a stake (bought on a market), or goods from no one named are not:
    the seller must be a company the sentence names. Planned, it is proposed; done, signed."""
    if verb.pos_ != "VERB":
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.i in mention_at:
        return None
    goods = obj
    if obj.pos_ == "NUM":       # "20 of Boeing's 777s"
        goods = next((o for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                      for o in p.children if o.dep_ == "pobj"), None)
        counted = goods is not None
    else:
        counted = any(c.dep_ == "nummod" and c.ent_type_ in {"", "CARDINAL"} for c in obj.children)
    if goods is None or not counted or goods.lemma_.lower() in _SECURITIES or goods.i in mention_at:
        return None
    subject = _subject(verb)
    if subject is None:
        return None
    buyers = [m for m in _named_subject(subject, mention_at, mentions) if mentions[m].label in {"ORG", "GPE"}]
    # "United's budget airline, Kingfisher Airlines": the airline buys, not its owner
    owners = {mention_at[c.i] for c in subject.children if c.dep_ == "poss" and c.i in mention_at}
    buyers = [m for m in buyers if m not in owners]
    sellers = [mention_at[t.i] for t in goods.subtree if t.i < goods.i and t.i in mention_at
               and t.dep_ in {"poss", "compound"} and t.head.i in {goods.i} | {c.i for c in goods.children}]
    sellers += [m for p in verb.children if p.dep_ == "prep" and p.lower_ == "from" for m in mentions_in(p, mention_at)]
    sellers = [m for m in dict.fromkeys(sellers) if mentions[m].label == "ORG" and m not in buyers]
    if not buyers or not sellers or len(sellers) > 1 and not all(
            mentions[m].name == mentions[sellers[0]].name for m in sellers):
        return None             # "from either Boeing or Airbus": no one seller yet
    unreal = _unreal(verb)
    if unreal in {"negated", "claimed"}:
        return None
    start, end = verb.idx, obj.right_edge.idx + len(obj.right_edge)
    return AgreementFact(
        sent=sent_of[verb.i], start=start, end=end, text=text_of(verb.doc)[start:end], kind="purchase",
        parties=tuple(sorted(set(buyers + sellers[:1]))), refers_to=None, timex=_timex_in(verb, timexes),
        place=_place_in(verb, mention_at, mentions), verbal=True,
        stage="proposed" if unreal else "signed", stage_timex=None if unreal else _timex_in(verb, timexes))


def _without_asides(subject: Token, found: list[int], mention_at: dict[int, int]) -> list[int]:
    """"The Citicorp unit, with Cyacq's approval, proposed to acquire...", "Citicorp, with
    Audio/Video an owner of CYACQ, said": a "with" set beside the subject tells who backs it,
    not who agrees; "X, together with Y," is both."""
    aside = {m for c in subject.children if c.dep_ == "prep" and c.lower_ == "with"
             and not any(t.lower_ in {"together", "along"} for t in subject.doc[c.i - 1: c.i])
             for m in mentions_in(c, mention_at)}
    return [m for m in found if m not in aside] or found


def _verbal_stage(agree: Token, timexes: list[TimexFact]) -> dict:
    """"X agreed to buy Y": the deal is made (signed), "X offered to buy Y" proposed; a plan to
    agree is still being negotiated, a denied or alleged one no step."""
    unreal = _unreal(agree)
    if unreal in {"negated", "claimed"}:
        return {}
    stage = "proposed" if agree.lemma_ in {"offer", "propose"} else "negotiating" if unreal else "signed"
    return {"stage": stage, "stage_timex": None if unreal else _timex_in(agree, timexes)}


def _exchange_fact(verb, sent_of, mention_at, mentions, timexes) -> AgreementFact | None:
    """"Egypt and Israel exchanged prisoners", "Both swapped hostages": a prisoner exchange
    between the sides the subject names, made when told as done."""
    swapped = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in _SWAPPED]
    subject = _subject(verb)
    if not swapped or subject is None or verb.pos_ != "VERB":
        return None
    parties = subject_mentions(subject, mention_at, mentions)
    if not parties and subject.lower_ in {"both", "they"}:
        parties = _last_pair(subject, mention_at, mentions)
    parties = [m for m in dict.fromkeys(parties) if mentions[m].label not in {"LOC", "FAC"}]
    if len(parties) < 2:
        return None
    start, end = swapped[0].left_edge.idx, swapped[0].idx + len(swapped[0])
    unreal = _unreal(verb)
    return AgreementFact(
        sent=sent_of[verb.i], start=start, end=end, text=f"{swapped[0].lemma_.lower()} exchange",
        kind="exchange", parties=tuple(sorted(parties)), refers_to=None, timex=_timex_in(verb, timexes),
        verbal=True, stage=None if unreal in {"negated", "claimed"} else "negotiating" if unreal else "signed",
        stage_timex=_timex_in(verb, timexes) if unreal is None else None)


def _last_pair(subject: Token, mention_at: dict[int, int], mentions: list[Mention]) -> list[int]:
    """"Both" standing alone: the last two countries named together before it."""
    for token in reversed(subject.doc[: subject.i]):
        if token.dep_ == "conj" and token.i in mention_at and token.head.i in mention_at:
            pair = [mention_at[token.head.i], mention_at[token.i]]
            if all(mentions[m].label in {"GPE", "ORG", "NORP"} for m in pair):
                return pair
    return []


def _earlier(token: Token) -> bool:
    """"the previous accord", "an agreement it replaces": a deal that another took the place of."""
    if any(c.dep_ == "amod" and c.lower_ in EARLIER_WORDS and not any(
            g.dep_ == "npadvmod" for g in c.children) for c in token.children):
        return True           # but "the eight month old pact" only says how old it is
    return token.dep_ == "dobj" and token.head.lemma_ in {"replace", "supersede", "supplant"}


def stage_of(token: Token) -> tuple[str | None, Token | None]:
    """The step of its life the sentence tells of the agreement named at `token`, and the verb
    telling it. A step planned, required or denied is not taken: "will sign" leaves it being
    negotiated, "must still ratify" or "has yet to approve" leaves ratification pending, "did
    not sign" tells no step."""
    # "the deal, which Vietnam must still ratify": a relative clause tells of the deal itself.
    for clause in token.children:
        if clause.dep_ == "relcl" and any(c.lower_ in {"which", "that"} for c in clause.children):
            found = _stage_by(clause)
            if found[0] is not None:
                return found
    nominal = _nominal_step(token)
    if nominal[0] is not None:
        return nominal
    verb = _governing_verb(token)
    if verb is not None:
        found = _stage_by(verb)
        if found[0] is not None:
            return found
        praised = _praised(token, verb)
        if praised[0] is not None:
            return praised
    participle = next((_PARTICIPLE_STEPS[c.lower_] for c in token.children
                       if c.dep_ == "amod" and c.lower_ in _PARTICIPLE_STEPS), None)
    if participle is not None:
        return participle, None   # "Dixons' recently completed tender offer"
    if verb is None:
        before = {c.lower_ for c in token.children if c.dep_ in {"amod", "compound"} and c.i < token.i}
        if before & PROPOSAL_WORDS or token.lemma_.lower() in {"offer", "proposal", "bid"}:
            return "proposed", None
    proposer = _joint_proposer(token)
    if proposer is not None and _unreal(proposer) is None:
        return "proposed", proposer   # "suggested the two countries could conduct a joint inquiry"
    return None, None


# Verbs with which others greet a deal that has been made: "Blair hailed a deal bringing Turkey
# closer to EU membership", "the UN welcomed the ceasefire".
_PRAISING_VERBS = frozenset("hail welcome praise applaud laud salute celebrate".split())


def _praised(token: Token, verb: Token) -> tuple[str | None, Token | None]:
    """A deal greeted as it is made was made: signed. Not an offer or a draft, which one may
    welcome before anyone agrees to it; "would welcome a deal" is one hoped for, being
    negotiated; "did not welcome the deal" tells no step."""
    if verb.lemma_.lower() not in _PRAISING_VERBS or token.dep_ != "dobj":
        return None, None
    before = {c.lower_ for c in token.children if c.dep_ in {"amod", "compound"} and c.i < token.i}
    if before & PROPOSAL_WORDS or _kind(token) in {"offer", "release"}:
        return None, None
    unreal = _unreal(verb)
    if unreal in {"negated", "claimed"}:
        return None, None
    return ("negotiating" if unreal else "signed"), verb


# Participles before a deal's noun that tell the step it has reached: "the completed offer".
_PARTICIPLE_STEPS = {"completed": "in force", "signed": "signed", "agreed": "signed", "ratified": "in force",
                     "failed": "collapsed", "collapsed": "collapsed", "terminated": "collapsed",
                     "abandoned": "collapsed", "scrapped": "collapsed", "cancelled": "collapsed",
                     "canceled": "collapsed", "defunct": "collapsed", "suspended": "suspended",
                     "existing": "in force"}    # "to increase existing swap lines": they are in force
# Nouns of a step taken on the deal they govern: "with the completion of the transaction".
_STEP_NOUNS = {"completion": "in force", "signing": "signed", "ratification": "in force",
               "implementation": "in force", "collapse": "collapsed", "breakdown": "collapsed",
               "termination": "collapsed", "cancellation": "collapsed", "suspension": "suspended"}


def _nominal_step(token: Token) -> tuple[str | None, Token | None]:
    """A step told by a noun or a preposition rather than a verb: "with the completion of the
    transaction" (done), "pursuant to an agreement with X, the suits were dropped" (being carried
    out), "following an agreement with X" (made). Only in a clause that happened."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _STEP_NOUNS:
        step_noun = head.head
        if step_noun.dep_ == "pobj" and step_noun.head.lower_ in {"with", "after", "following", "since"}:
            clause = step_noun.head.head
            if clause.pos_ in {"VERB", "AUX"} and _unreal(clause) in {None, "planned"}:
                return _STEP_NOUNS[step_noun.lemma_.lower()], None
        return None, None
    if token.dep_ != "pobj":
        return None, None
    clause = next((a for a in head.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    if clause is None or _unreal(clause) is not None:
        return None, None
    if head.lower_ == "to" and head.head.lower_ == "pursuant" or \
            head.lower_ == "with" and head.head.lower_ == "accordance":
        return "in force", None
    if head.lower_ in {"following", "after"} and head.dep_ == "prep":
        return "signed", None
    return None, None


def _stage_by(verb: Token) -> tuple[str | None, Token | None]:
    lemma = _step_lemma(verb)
    if lemma is None:
        return None, None
    unreal = _unreal(verb)
    if lemma in RATIFYING_VERBS and (unreal == "planned" or unreal is None and _awaited(verb)):
        return "ratification pending", verb
    if lemma == "await":
        return ("ratification pending", verb) if unreal != "negated" else (None, None)
    stage = STAGE_OF_VERB.get(lemma)
    if lemma in RATIFYING_VERBS - {"ratify"}:
        stage = None          # "the board approved the deal": approval, not a step of the deal's own
    if stage is None or unreal in {"negated", "claimed"}:
        return None, None     # a step denied, or only alleged, is not taken
    if unreal:
        return ("negotiating", verb) if stage == "signed" else (None, None)
    return stage, verb


# Prepositions that set a deal as the frame of a clause, not what its verb acts on: "Under
# the pact, Tokyo agreed to stop dumping" tells a term, not a signing.
_SETTING_PREPS = frozenset("under despite in within after before since during by according".split())


def _governing_verb(token: Token) -> Token | None:
    """The verb whose object, subject or prepositional object the agreement is."""
    head = token.head
    if token.dep_ in {"dobj", "nsubjpass", "nsubj", "attr"} and head.pos_ in {"VERB", "AUX"}:
        return head
    if token.dep_ == "pobj" and head.dep_ in {"prep", "prt"} and head.head.pos_ == "VERB" \
            and head.lower_ not in _SETTING_PREPS:
        return head.head      # "agreed to a truce", "pulled out of the deal"
    if token.dep_ == "pobj" and head.lower_ in {"on", "over", "for"} and head.head.lemma_.lower() in {
            "talk", "negotiation", "discussion"}:
        return head.head      # "talks on the accord": a noun of negotiating
    if token.dep_ == "conj":
        return _governing_verb(head)
    return None


def _step_lemma(verb: Token) -> str | None:
    """The verb's lemma as a step: "took effect", "came into force", "fell apart", "held"."""
    lemma = verb.lemma_.lower()
    if lemma in {"talk", "negotiation", "discussion"}:
        return "negotiate"
    parts = {c.lower_ for c in verb.children if c.dep_ in {"prt", "dobj", "prep"}}
    objects = {o.lower_ for c in verb.children if c.dep_ == "prep" for o in c.children}
    if lemma == "take" and "effect" in parts or lemma in {"come", "enter", "go"} and "force" in objects:
        return "implement"
    if lemma in {"fall", "break"} and ({"apart", "down"} & parts) or lemma == "pull" and "out" in parts:
        return "collapse"
    if lemma == "withdraw" and "from" in parts:
        return "quit"
    if lemma == "hold" and not any(c.dep_ == "dobj" for c in verb.children):
        return "implement"    # "the truce held"
    if lemma == "work" and "on" in parts:
        return "negotiate"
    if lemma in {"wait", "await", "need", "require"} and _APPROVALS & (
            {c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"} | {o.lemma_.lower() for o in _objects_of(verb)}):
        return "await"        # "the deal is waiting for an approval by the authorities"
    return lemma if lemma in STAGE_OF_VERB or lemma in RATIFYING_VERBS else None


_APPROVALS = frozenset("approval ratification endorsement clearance".split())


def _objects_of(verb: Token) -> list[Token]:
    return [o for c in verb.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]


def _unreal(verb: Token) -> str | None:
    """"negated", "planned" or "claimed" when the clause does not say the step was taken, from
    the one reading of modality (`modality.modality_of`): "will sign", "must still ratify",
    "agreed to sign" and "a deal to be signed" are planned, "did not sign" and "refused to
    sign" negated, "accused Japan of violating the pact" claimed. None when it happened."""
    modality, _ = modality_of(verb)
    return None if modality == "happened" else modality


def _awaited(verb: Token) -> bool:
    """"awaiting ratification", "still to be ratified", "yet to approve"."""
    return any(c.lower_ in {"still", "yet"} for c in verb.children) or verb.lemma_.lower() == "await"


def _settling_fact(verb, sent_of, mention_at, mentions, timexes) -> AgreementFact | None:
    """"X settled its dispute with Y": a settlement between the one who settled and the other
    side of the dispute, made that day unless the verb is planned or denied."""
    disputes = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in _DISPUTES]
    if not disputes:
        return None
    subjects = [s for s in verb.children if s.dep_ in {"nsubj", "nsubjpass"}]
    if verb.dep_ == "ccomp" and subjects and subjects[0].pos_ == "PRON":
        # "X announced it has settled": "it" is the one announcing
        speaker = verb.head
        while speaker.dep_ == "conj" and not any(s.dep_ == "nsubj" for s in speaker.children):
            speaker = speaker.head
        subjects = [s for s in speaker.children if s.dep_ == "nsubj"] or subjects
    parties = [m for s in subjects for m in subject_mentions(s, mention_at, mentions)]
    for child in [*disputes[0].children, *verb.children]:
        if child.dep_ == "prep" and child.lower_ in {"with", "between"}:
            parties += mentions_in(child, mention_at)
    parties = acting([m for m in dict.fromkeys(parties) if mentions[m].label not in {"LOC", "FAC"}],
                     mentions, modifiers=False)
    if len(parties) < 2:
        return None
    unreal = _unreal(verb)
    start, end = disputes[0].left_edge.idx, disputes[0].idx + len(disputes[0])
    return AgreementFact(
        sent=sent_of[verb.i], start=start, end=end, text=text_of(verb.doc)[start:end], kind="settlement",
        parties=tuple(sorted(parties)), refers_to=None, timex=_timex_in(verb, timexes), verbal=True,
        stage=None if unreal == "negated" else "negotiating" if unreal else "signed",
        stage_timex=_timex_in(verb, timexes) if unreal is None else None)


def _whole(token: Token, index_at: dict[int, int]) -> int | None:
    """The agreement this one is said to be part of: "the exchange was part of an agreement",
    "an exchange under the agreement"."""
    if token.dep_ == "nsubj" and token.head.lemma_ == "be":
        for attr in token.head.children:
            if attr.dep_ == "attr" and attr.lemma_ == "part":
                for prep in attr.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        found = [index_at[o.i] for o in prep.children if o.i in index_at]
                        if found:
                            return found[0]
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in {"under", "within"}:
            found = [index_at[o.i] for o in prep.children if o.i in index_at]
            if found:
                return found[0]
    return None


def _kind(token: Token) -> str | None:
    if token.pos_ not in {"NOUN", "PROPN"}:
        return None
    if token.ent_type_ in {"ORG", "GPE", "PERSON", "FAC", "LOC", "NORP", "PRODUCT"}:
        return None           # "the Securities and Exchange Commission": a name, not a deal
    kind = _phrase_kind(token) or AGREEMENT_KINDS.get(token.lemma_.lower()) or AGREEMENT_KINDS.get(token.lower_)
    if kind == "release" and not _phrase_kind(token) and not any(
            c.dep_ in {"compound", "amod"} and c.lemma_.lower() in {"prisoner", "hostage", "detainee"}
            for c in token.children):
        return None           # "a press release": only people set free make a release
    if kind in {"offer", "release"} and token.tag_ in {"NNS", "NNPS"}:
        return None
    if kind is None and _joint_proposer(token) is not None:
        return "offer"        # "Tokyo proposed a joint U.S./Japan investigation"
    if kind is None and token.lower_ == "letter" and any(
            p.lower_ == "of" and any(o.lower_ == "intent" for o in p.children) for p in token.children):
        return "agreement"    # "the letter of intent signed by the companies"
    if kind is None:
        return None
    if kind == "exchange" and not (any(c.dep_ == "compound" for c in token.children)
                                   or any(c.lower_ == "of" for c in token.children)):
        return None           # "in exchange for": a trade-off, not a named exchange
    if token.lemma_.lower() == "order" and token.head.lower_ == "in":
        return None           # "in order to"
    if kind == "sale" and token.tag_ in {"NNS", "NNPS"}:
        return None           # "BMW sales rose": revenue, not a deal
    if kind == "order" and not _purchase_order(token):
        return None           # "the SEC's order", "a court order": a command, not a purchase
    return _topic(token, kind)


# Verbs with which one side puts a plan forward to another.
_PROPOSING_VERBS = frozenset("propose suggest offer".split())


def _joint_proposer(token: Token) -> Token | None:
    """The verb proposing a joint undertaking: "Tokyo will propose a joint U.S./Japan
    investigation", "Kuroda suggested the two countries could conduct a joint investigation".
    Something two sides are asked to do together is a proposal between them."""
    if token.dep_ != "dobj" or not any(c.dep_ == "amod" and c.lower_ == "joint" for c in token.lefts) and not any(
            c.dep_ == "amod" and c.lower_ == "joint" for w in token.lefts if w.dep_ == "compound" for c in w.children):
        return None
    verb = token.head
    if verb.lemma_.lower() in _PROPOSING_VERBS:
        return verb
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _PROPOSING_VERBS:
        return verb.head
    return None


_ORDERING_VERBS = frozenset("place win secure award book receive land get sign finalize finalise "
                            "confirm firm announce cancel".split())


def _purchase_order(token: Token) -> bool:
    """An order that buys something: "an order for 60 jets", "an order from Qatar Airways",
    "a $15 billion order", "placed an order"."""
    if any(c.dep_ == "prep" and c.lower_ in {"for", "from", "of"} for c in token.children):
        return True
    if any(c.dep_ in {"nummod", "quantmod"} or c.ent_type_ in {"MONEY", "PRODUCT"}
           for c in token.subtree if c.i < token.i):
        return True
    verb = _governing_verb(token)
    return verb is not None and verb.lemma_.lower() in _ORDERING_VERBS


def _phrase_kind(token: Token) -> str | None:
    """"a cessation of hostilities", "the release of prisoners", "power sharing": a noun and
    the noun after its preposition (or before it) naming a kind of agreement."""
    lemma = token.lemma_.lower()
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "in", "to", "on"}:
            for obj in prep.children:
                kind = AGREEMENT_PHRASES.get((lemma, obj.lemma_.lower())) or AGREEMENT_PHRASES.get((lemma, obj.lower_))
                if kind:
                    return kind
    for child in token.children:
        if child.dep_ in {"compound", "nmod"}:
            kind = AGREEMENT_PHRASES.get((lemma, child.lemma_.lower()))
            if kind:
                return kind
    return None


def _topic(token: Token, kind: str) -> str:
    """"a trade deal" is a trade agreement, "a power-sharing deal" a power-sharing one."""
    if kind not in {"agreement", "treaty", "settlement", "exchange", "memorandum"}:
        return kind
    words = [c for c in token.children if c.dep_ in {"compound", "amod", "nmod"} and c.i < token.i]
    for child in words:
        text = token.doc[child.left_edge.i: child.i + 1].text.lower().replace(" - ", "-").replace(" ", "-")
        for word in (text, child.lower_, child.lemma_.lower()):
            topic = AGREEMENT_TOPICS.get(word)
            if topic:
                return topic if kind != "exchange" else "exchange"
    return kind


def _phrase_start(token: Token) -> int:
    lefts = [t for t in token.subtree if t.i < token.i and t.dep_ not in {"det", "predet"}]
    return min([t.idx for t in lefts] + [token.idx])


# Deals named for what they buy or bid for, and from whom.
_BOUGHT_KINDS = frozenset({"order", "offer", "contract", "acquisition", "sale"})


def _phrase_end(token: Token) -> int:
    """The phrase goes on through "between X and Y" / "with Y", which name its parties."""
    end = token.idx + len(token)
    kind = AGREEMENT_KINDS.get(token.lemma_.lower())
    for child in token.rights:
        if child.dep_ == "prep" and (child.lower_ in {"between", "with", "among"}
                                     or child.lower_ in {"of", "in"} and _phrase_kind(token)
                                     # "an order for 179 tankers", "the tender offer for Cyclops"
                                     or child.lower_ in {"for", "from"} and kind in _BOUGHT_KINDS
                                     and any(o.dep_ == "pobj" for o in child.children)
                                     # "the sale of the steel business to Alleghany"
                                     or child.lower_ in {"of", "to"} and kind == "sale"
                                     and any(o.dep_ == "pobj" for o in child.children)):
            # "between the two companies, which defined ...": the clause is not the name
            skip = {t.i for c in child.subtree if c.dep_ in {"relcl", "acl"} for t in c.subtree}
            kept = [t for t in child.subtree if not t.is_space and t.i not in skip]
            while len(kept) > 1 and kept[-1].is_punct:
                kept.pop()
            end = max(end, max(t.idx + len(t) for t in kept))
    return end


def _parties(token: Token, kind: str, mention_at: dict[int, int], mentions: list[Mention]) -> list[int]:
    """Parties named in the phrase ("Taliban-US agreement", "Ghani's decree", "between X and Y",
    "a deal to buy Guidant") or as the subject of the verb that made it ("Ghani signed a decree",
    "X and Y said they signed an agreement")."""
    found: list[int] = []
    for child in token.children:
        if child.dep_ in {"compound", "amod", "nmod", "poss"} and child.i < token.i \
                or child.dep_ == "prep" and child.lower_ in {"between", "with", "among"}:
            pair = _country_pair(child, mention_at, mentions) if child.dep_ in {"compound", "amod", "nmod"} else []
            named = pair or _named_in(child, token, mention_at)      # "U.S.-Japanese pact": the two
            if not named and child.lower_ == "between":   # "between the two companies"
                named = [m for o in child.children if o.dep_ == "pobj" for m in sides(o, mention_at, mentions)]
            found += named
        if child.dep_ == "prep" and child.lower_ in {"of", "in"} and _phrase_kind(token):
            # "a cessation of hostilities between X and Y": the parties hang from the second noun
            found += [m for obj in child.children for p in obj.children
                      if p.dep_ == "prep" and p.lower_ in {"between", "with", "among"}
                      for m in _named_in(p, token, mention_at)]
        if child.dep_ == "prep" and child.lower_ == "by" and kind in {"release", "offer", "decree", "order"}:
            found += mentions_in(child, mention_at)      # "the release of prisoners by the Taliban"
        if child.dep_ == "prep" and child.lower_ == "from" and kind in {"order", "contract", "sale"}:
            found += mentions_in(child, mention_at)      # "an order from Qatar Airways"
        if child.dep_ == "prep" and child.lower_ == "of" and kind == "sale":
            # "the sale of Holiday's stake in Hi-Net": whose stake it was sells it
            found += [mention_at[p.i] for o in child.children for p in o.children
                      if p.dep_ == "poss" and p.i in mention_at]
        if child.dep_ == "prep" and child.lower_ == "to" and kind == "sale":
            # "the sale of the steel business to a former Alleghany Corp subsidiary": the buyer
            found += [m for m in mentions_in(child, mention_at) if mentions[m].label == "ORG"]
        if child.dep_ == "prep" and child.lower_ == "for" and kind in {"order", "contract"}:
            # "an order for 179 tankers from the United States Air Force"
            found += [m for o in child.children for p in o.children
                      if p.dep_ == "prep" and p.lower_ == "from" for m in mentions_in(p, mention_at)]
        if child.dep_ == "prep" and child.lower_ == "for" and kind in {"order", "contract"}:
            # "an order for two of Airbus' A380s": whose product is bought sells it
            found += [mention_at[p.i] for p in child.subtree if p.dep_ == "poss" and p.i in mention_at
                      and mentions[mention_at[p.i]].label == "ORG"]
        if child.dep_ == "acl" and child.lemma_ in DEAL_VERBS:
            found += [m for o in child.children if o.dep_ == "dobj" for m in mentions_in(o, mention_at)]
        elif child.dep_ == "acl" and child.pos_ == "VERB" and _making_verb(token) is None:
            # A deal someone signs or wins has its sides in who made it and with whom; one only
            # told of ("hailed a deal bringing Turkey closer to EU membership") in its clause,
            # when the clause names both: one side alone ("a contract to supply the USAF",
            # which others competed for) does not tell which deal it is.
            clause = _clause_sides(child, mention_at, mentions)
            found += clause if len(clause) >= 2 else []
        if child.dep_ == "prep" and child.lower_ == "for" and kind in {"offer", "acquisition"}:
            # "a tender offer for Cyclops Corp": the company bid for is the other side of a bid
            found += [m for m in mentions_in(child, mention_at) if mentions[m].label == "ORG"]
        if child.dep_ == "poss" and child.lower_ in {"its", "their"}:
            found += _owner(token, mention_at, mentions)  # "Japan ... its pact with the U.S."
    if any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children):
        found += _own_side(token, mention_at, mentions)
    if kind == "offer":
        found += _bidder(token, mention_at, mentions)
        if _joint_proposer(token) is not None and token.head.lemma_.lower() not in _PROPOSING_VERBS:
            # "suggested the two countries could conduct a joint investigation": those asked to
            # act together are its sides
            subject = _subject(token.head)
            found += subject_mentions(subject, mention_at, mentions) if subject is not None else []
    if len(set(found)) == 1 and kind not in _ONE_SIDED:
        found += _speaker_side(token, found, mention_at, mentions)
    if kind == "order" and token.dep_ == "dobj" and token.head.lemma_ == "have":
        # "Qatar Airways has an order for ...": who holds an order placed it
        found += [m for s in token.head.children if s.dep_ == "nsubj"
                  for m in subject_mentions(s, mention_at, mentions)]
    maker = _making_verb(token)
    if maker is not None:
        for child in maker.children:
            if child.dep_ in {"nsubj", "agent"}:
                found += _described_aside(child, subject_mentions(child, mention_at, mentions), mention_at)
            if child.dep_ == "prep" and child.lower_ == "with":
                found += mentions_in(child, mention_at)
        if not any(c.dep_ in {"nsubj", "nsubjpass", "agent"} for c in maker.children):
            subject = _subject(maker)      # "defeated Boeing to win an order": who won it
            if subject is not None:
                found += _described_aside(subject, subject_mentions(subject, mention_at, mentions), mention_at)
    # A city in the phrase names where it was made ("the Doha agreement"), not a party.
    found = [m for m in found if mentions[m].label not in {"LOC", "FAC"} and not _is_city(mentions[m])
             and not _names_run_together(mentions[m])]
    return acting(list(dict.fromkeys(found)), mentions, modifiers=False)


# Nouns of joining a body: the body joined is a side of a deal about it.
_JOINING_NOUNS = frozenset("membership accession entry admission".split())


def _clause_sides(verb: Token, mention_at: dict[int, int], mentions: list[Mention]) -> list[int]:
    """The sides a deal's own clause names: whom it acts on ("a deal bringing Turkey a step
    closer to EU membership", "a deal giving Moldova access"), whom it has talks "with" ("the
    deal to open talks with Ankara"), and the body whose membership it is about ("EU
    membership", "accession to the WTO"). States and organisations only: a person or a place
    the clause mentions is no side of the deal."""
    found: list[int] = []
    for child in verb.children:
        if child.dep_ in {"dobj", "dative"} and child.i in mention_at:
            found.append(mention_at[child.i])
        preps = [child] if child.dep_ == "prep" else \
            [p for p in child.children if p.dep_ == "prep"] if child.dep_ == "dobj" else []
        found += [m for p in preps if p.lower_ == "with" for m in mentions_in(p, mention_at)]
    for noun in verb.subtree:
        if noun.lemma_.lower() not in _JOINING_NOUNS or noun.pos_ != "NOUN":
            continue
        for part in noun.children:
            if part.dep_ in {"compound", "nmod"} and part.i < noun.i and part.i in mention_at:
                found.append(mention_at[part.i])
            if part.dep_ == "prep" and part.lower_ in {"of", "to", "in", "into"}:
                found += mentions_in(part, mention_at)
    return [m for m in dict.fromkeys(found) if mentions[m].label in {"GPE", "ORG", "COLLECTIVE"}]


# First halves of compound adjectives of nationality: "Sino-Portuguese", "Franco-German".
_COMBINING_FORMS = {"sino": "China", "franco": "France", "russo": "Russia", "anglo": "United Kingdom",
                    "italo": "Italy", "german": "Germany"}


def _country_pair(word: Token, mention_at: dict[int, int], mentions: list[Mention]) -> list[int]:
    """"the U.S.-Japanese agreement", "the Sino-Portuguese accord", "Japan/U.S. pact": one word
    naming two countries or more. Each is the document's own mention of that country (the
    nearest before, else the first after); a country the document names nowhere else stays out."""
    from .countries import lookup
    # "a joint U.S./Japan investigation": a lower-case adjective before the pair is no part of it
    start = next((t.i for t in word.doc[word.left_edge.i: word.i + 1] if not (t.dep_ == "amod" and t.is_lower)), word.i)
    text = word.doc[start: word.i + 1].text if start >= word.i - 2 else word.text
    parts = [p for p in re.split(r"\s*[-/–]\s*", text) if p]
    if len(parts) < 2:
        return []
    wanted = []
    for part in parts:
        country = lookup(part)
        name = country.name if country is not None else _COMBINING_FORMS.get(part.lower())
        if name is None:
            return []           # "U.S.-based", "state-owned": not a pair of countries
        wanted.append(name)
    found = []
    for name in dict.fromkeys(wanted):
        same = [m for m in sorted(set(mention_at.values()))
                if (lookup(mentions[m].name) or _NO_COUNTRY).name == name]
        before = [m for m in same if mentions[m].start < word.idx]
        if before or same:
            found.append(before[-1] if before else same[0])
    return found if len(found) >= 2 else []


class _NoCountry:
    name = None


_NO_COUNTRY = _NoCountry()


# Verbs with which a side speaks for itself (a newspaper "reports" what others do).
_OWN_WORD_VERBS = frozenset("say announce state confirm disclose add".split())
# Kinds one side makes alone: a decree, an order, an offer, a release, a resolution.
_ONE_SIDED = frozenset({"decree", "order", "offer", "release", "resolution"})


def _speaker_side(token: Token, found: list[int], mention_at: dict[int, int],
                  mentions: list[Mention]) -> list[int]:
    """"Dixons said that, following an agreement with Audio/Video, the suits were dropped": a
    deal "with" one other side, in what a company or a state says, is the speaker's own."""
    if not any(c.dep_ == "prep" and c.lower_ == "with" and set(mentions_in(c, mention_at)) & set(found)
               for c in token.children):
        return []
    if token.dep_ != "pobj" or token.head.lower_ not in {"to", "following", "after", "under"}:
        return []             # only a deal that frames what the speaker did: "pursuant to", "following"
    clause = token
    while clause.dep_ not in {"ccomp", "ROOT"} and clause.head is not clause:
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in _OWN_WORD_VERBS:
        return []             # "the newspaper reported that the deal with X...": no party
    subject = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return []
    return [m for m in mentions_in(subject, mention_at)
            if mentions[m].label in {"ORG", "GPE"} and m not in found]


# Nouns of one company's tie to another: "Airbus parent EADS", "Boeing rival Airbus".
_RELATION_NOUNS = frozenset("parent owner unit subsidiary affiliate rival partner arm".split())


def _described_aside(subject: Token, found: list[int], mention_at: dict[int, int]) -> list[int]:
    """"EADS, the parent company of Airbus, has won a contract": a name inside a description set
    beside the subject only describes it. A name in apposition ("the group (EADS)") stays."""
    aside = {mention_at[t.i] for c in subject.children if c.dep_ == "appos" and c.i not in mention_at
             for t in c.subtree if t.i in mention_at}
    if subject.lemma_.lower() in _RELATION_NOUNS and any(
            c.dep_ == "appos" and c.i in mention_at for c in subject.children):
        # "Airbus parent EADS wins a contract": EADS wins; Airbus says whose parent it is
        aside |= {mention_at[t.i] for c in subject.children if c.dep_ in {"compound", "poss", "nmod"}
                  for t in c.subtree if t.i in mention_at}
    # "Airbus parent EADS has won": the same, parsed as a title before the name
    aside |= {mention_at[t.i] for c in subject.children if c.dep_ == "compound" and c.lemma_.lower() in _RELATION_NOUNS
              for t in c.subtree if t.i in mention_at and mention_at[t.i] != mention_at.get(subject.i)}
    kept = [m for m in found if m not in aside]
    return kept or found


# Verbs of what only a party does with its own deal: "Japan denied breaking a pact with the U.S."
_PARTY_VERBS = frozenset("sign break violate breach honor honour implement abide adhere renege quit "
                         "ratify respect keep salvage save terminate end cancel scrap".split())


# Verbs whose object does what their infinitive says: "pressed Dixons to reopen the offer"
# (but "defeated Boeing to win an order": the subject won it).
_OBJECT_CONTROL = frozenset("press ask urge order force prevent persuade allow permit tell require instruct "
                            "encourage pressure compel oblige invite stop block bar help enable".split())


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, or of the verb it shares it with ("denied breaking": Japan)."""
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "poss"}), None)
        purpose = verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        if subject is not None or verb.dep_ not in {"xcomp", "conj", "pcomp"} and not purpose:
            return subject    # ("working together to provide": the purpose shares the subject)
        controlled = verb.dep_ != "conj"
        verb = verb.head if verb.dep_ != "pcomp" else verb.head.head
        controlled = controlled and verb.lemma_.lower() in _OBJECT_CONTROL
        # "pressed Dixons to reopen the offer", "prevent Dixons from completing": the object
        # of the verb above does it, not its subject
        done_by = next((c for c in verb.children if c.dep_ == "dobj"), None) if controlled else None
        if done_by is not None:
            return done_by
    return None


def _named_subject(subject: Token, mention_at: dict[int, int], mentions: list[Mention]) -> list[int]:
    """The actors a subject names, but not those that only qualify the one it names ("Japan's
    Sumitomo Mitsui Financial" is the bank)."""
    if subject.i in mention_at:
        return [mention_at[t.i] for t in (subject, *subject.conjuncts) if t.i in mention_at]
    return subject_mentions(subject, mention_at, mentions)


def _owner(token: Token, mention_at: dict[int, int], mentions: list[Mention]) -> list[int]:
    """Whose "its"/"their" deal: the subject of the nearest clause above the phrase that has
    one, when it names an actor ("Japan's not honoring its agreement", "X said it extended its
    offer"). A person's "its" is no one's."""
    for verb in token.ancestors:
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        subject = _subject(verb)
        if subject is None or subject.left_edge.i <= token.i <= subject.right_edge.i:
            continue            # "its offer for Cyclops expired": the phrase is the subject itself
        if verb.dep_ == "ccomp" and _object_pronoun_before(verb, token):
            # "X said the SEC authorized an action against it concerning its offer": "it" cannot
            # be the SEC (the clause's own subject), so it and "its" are the one who said so.
            reporter = _subject(verb.head)
            if reporter is not None and verb.head.lemma_.lower() in REPORTING_VERBS:
                subject = reporter
        found = _named_subject(subject, mention_at, mentions)
        return [m for m in found if mentions[m].label != "PERSON"]
    return []


def _object_pronoun_before(verb: Token, token: Token) -> bool:
    return any(t.lower_ in {"it", "them"} and t.dep_ in {"dobj", "pobj"} and t.i < token.i
               for t in verb.subtree)


def _own_side(token: Token, mention_at: dict[int, int], mentions: list[Mention]) -> list[int]:
    """"X broke its pact with Y", "X denied breaking a pact with Y": the one who breaks, keeps or
    signs a deal "with" another is its other side."""
    verb = _governing_verb(token)
    if verb is None or verb.lemma_.lower() not in _PARTY_VERBS:
        return []
    subject = _subject(verb)
    if subject is None or subject.dep_ == "nsubjpass":
        return []
    # "The Chilean Senate ratified the agreement with Vietnam": a legislature ratifies for its
    # country, which the story names as the party; the chamber is no side of the deal.
    return [m for m in _named_subject(subject, mention_at, mentions) if mentions[m].label != "PERSON"
            and mentions[m].name.split()[-1].lower() not in _LEGISLATURES]


_LEGISLATURES = frozenset("senate parliament congress assembly duma diet legislature chamber house "
                          "bundestag knesset majlis".split())


# Verbs only the one who made an offer does to it: "Cyacq extended its offer", "raised its bid".
_BIDDING_VERBS = frozenset("extend raise launch amend withdraw terminate drop increase sweeten improve "
                           "revise reopen complete lift boost".split())


def _bidder(token: Token, mention_at: dict[int, int], mentions: list[Mention]) -> list[int]:
    verb = _governing_verb(token)
    if verb is None or verb.lemma_.lower() not in _BIDDING_VERBS or token.dep_ != "dobj":
        return []
    subject = _subject(verb)
    if subject is None:
        return []
    return [m for m in _named_subject(subject, mention_at, mentions) if mentions[m].label != "PERSON"]


def _named_in(phrase: Token, agreement: Token, mention_at: dict[int, int]) -> list[int]:
    inside = set(mentions_in(phrase, mention_at))
    return [mention_at[t.i] for t in phrase.subtree
            if mention_at.get(t.i) in inside and not _describes_other(t, agreement, mention_at)]


def _describes_other(t: Token, agreement: Token, mention_at: dict[int, int]) -> bool:
    """"German" in "German music publisher Bertelsmann's purchase" describes the publisher,
    not the deal: a name modifying a common noun other than the agreement is no party."""
    return (t.dep_ in {"compound", "amod", "nmod", "npadvmod"} and t.head.i != agreement.i
            and t.head.i not in mention_at)


# Lower-case words a name may hold: "Bank of England", "Trade and Industry", "Institut de ...".
_NAME_PARTICLES = frozenset("of and the for de la le du des del der von van al bin el on in & y".split())
_COMPANY_ENDINGS = frozenset("inc corp co ltd plc llc ag sa nv".split())


def _names_run_together(mention: Mention) -> bool:
    """A name the recogniser ran on past its end ("Cyclops with Dixons", "Securities and Exchange
    Commission ordered Dixons", "Cyclops Corp. Dixons"): a lower-case word that is no particle of
    a name, or a company's legal form followed by another name, is two names and a verb, no party."""
    if mention.label == "COLLECTIVE":
        return False          # "the Afghan government" is written so
    words = mention.name.replace("<", " ").replace(">", " ").split()
    if any(w.islower() and w.isalpha() and w not in _NAME_PARTICLES for w in words[1:-1]):
        return True           # between two names ("eBay" is a name, "bank UFJ" a described one)
    return any(w.lower().rstrip(".,") in _COMPANY_ENDINGS and words[i + 1][:1].isupper()
               for i, w in enumerate(words[:-1]) if i > 0)


def _is_city(mention: Mention) -> bool:
    from .countries import lookup
    return mention.label == "GPE" and lookup(mention.name) is None


# An offer or a proposal is made by the one who puts it forward ("the Taliban offered a release").
_OFFERING_VERBS = frozenset("offer propose make table submit put float".split())


# Verbs with which sides set a deal up together: "they would work together to provide
# reciprocal credit arrangements", "the two parties established a joint venture".
_SETTING_UP_VERBS = frozenset("provide establish create form forge set".split())


def _making_verb(token: Token) -> Token | None:
    head = token.head
    if token.dep_ in {"dobj", "nsubjpass"} and (head.lemma_ in MAKING_VERBS or head.lemma_ in _OFFERING_VERBS
                                                 and token.lemma_.lower() in {"release", "offer", "proposal",
                                                                               "exchange", "ceasefire", "truce"}
                                                 or head.lemma_ in _SETTING_UP_VERBS):
        return head
    if token.dep_ == "pobj" and head.lower_ in {"to", "on", "upon"} and head.head.lemma_ == "agree":
        return head.head      # "Israel and Hamas agreed to a ceasefire"
    for child in token.children:
        if child.dep_ in {"relcl", "acl"} and child.lemma_ in MAKING_VERBS:
            return child
    return None


def _dated_making(token: Token, timexes: list[TimexFact]) -> bool:
    """"Under a pact reached last July", "an accord signed in 1986": an indefinite noun told as
    made on a day of its own is one deal the story knows, as "the pact" is."""
    for child in token.children:
        if child.dep_ in {"relcl", "acl"} and child.lemma_ in MAKING_VERBS and child.tag_ in {"VBN", "VBD"}:
            inside = {t.idx for t in child.subtree}
            if any(t.type == "DATE" and t.value[:1].isdigit() and t.start in inside for t in timexes):
                return True
    return False


def _date_of_making(token: Token, timexes: list[TimexFact]) -> int | None:
    """A day, month or year the phrase itself dates the deal by ("the agreement ... in December",
    "the 1991 agreement", "the July 1986 pact"): it was made then, unless the clause is only
    planned or denied ("a deal to be signed in June" has a clause of its own, left out)."""
    if token.lemma_.lower() in {"offer", "proposal", "bid"}:
        return None           # an offer's date is when it was made, not when it was agreed
    verb = _governing_verb(token)
    if verb is not None and _unreal(verb) is not None:
        return None
    clauses = [t for t in token.subtree if t.dep_ in {"relcl", "acl", "advcl"} and t.i != token.i]
    left_out = {u.i for clause in clauses for u in clause.subtree}
    spans = [(t.idx, t.idx + len(t)) for t in token.subtree if t.i not in left_out]
    for i, timex in enumerate(timexes):
        if timex.type == "DATE" and timex.value and timex.value[:1].isdigit() \
                and any(a <= timex.start < b for a, b in spans) and any(a < timex.end <= b for a, b in spans):
            return i
    return None


def _timex_in(verb: Token, timexes: list[TimexFact], outside: Token | None = None) -> int | None:
    """The first date in the verb's clause; with `outside`, not one inside that phrase ("it
    terminated its February six tender offer": the offer's date is not the day it ended)."""
    lo = min(t.idx for t in verb.subtree)
    hi = max(t.idx + len(t) for t in verb.subtree)
    skip = (outside.left_edge.idx, outside.right_edge.idx + len(outside.right_edge)) if outside is not None else (0, 0)
    for i, timex in enumerate(timexes):
        if lo <= timex.start and timex.end <= hi and timex.type == "DATE" \
                and not (skip[0] <= timex.start and timex.end <= skip[1]):
            return i
    return None


def _place_in(verb: Token, mention_at: dict[int, int], mentions: list[Mention]) -> int | None:
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in {"in", "at"}:
            for obj in child.children:
                m = mention_at.get(obj.i)
                if m is not None and mentions[m].label in {"GPE", "LOC", "FAC"}:
                    return m
    return None


def _terms(token: Token, sent_of: dict[int, int]) -> list[Clause]:
    """Clauses that say what the agreement obliges: its verbs ("required the withdrawal..."),
    a clause it heads ("a decree ordering..."), or a sentence "under" it."""
    clauses: list[Token] = []
    verbs = [token.head] if token.dep_ in {"nsubj", "nsubjpass"} else []
    verbs += [c for c in token.children if c.dep_ in {"relcl", "acl"}]
    for verb in list(verbs):
        verbs += [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    for verb in verbs:
        under_which = any(c.dep_ == "prep" and c.lower_ == "under" for c in verb.children)
        if verb.lemma_ in TERM_VERBS or under_which or any(
                c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in verb.sent):
            clauses.append(verb)
    governed = _governed_clause(token)
    if governed is not None:
        clauses.append(governed)
    found = []
    for verb in clauses:
        words = [t for t in verb.subtree if not (t.dep_ == "conj" and t.head == verb)]
        if verb.head == token.head.head and verb.i > token.i:
            words = [t for t in words if t.i > token.i]
        for child in verb.children:      # "Under the agreement, ..." / "under which" is no term
            relative = any(o.lower_ in {"which", "that", "whom"} for o in child.children)
            if child.dep_ == "prep" and child.i < verb.i and (
                    relative or child.left_edge.i <= token.i <= child.right_edge.i):
                after = child.right_edge.i + 1
                words = [t for t in words if not (child.left_edge.i <= t.i <= child.right_edge.i)
                         and not (t.i == after and t.is_punct)]
        span = verb.doc[min(t.i for t in words): max(t.i for t in words) + 1]
        found.append(Clause(span.start_char, span.end_char, sent_of[verb.i]))
    return found


def _governed_clause(token: Token) -> Token | None:
    """The clause a fronted "Under the agreement," / "According to the letter," / "Under
    terms of the agreement," introduces: what it says the agreement provides."""
    t = token
    while t.dep_ == "pobj":
        prep = t.head
        if prep.lower_ == "under":
            return prep.head
        if prep.lower_ == "to" and prep.head.lower_ == "according":
            return prep.head.head
        if prep.lower_ == "of" and prep.head.lemma_.lower() in {"term", "condition", "provision"}:
            t = prep.head
            continue
        return None
    return None


def _proper_name(token: Token) -> str | None:
    """"the Doha Agreement", "the Paris Accords": capitalised words before a capitalised noun."""
    if not token.text[:1].isupper() or token.i == token.sent.start:
        return None
    start = _phrase_start(token)
    text = text_of(token.doc)[start: token.idx + len(token)]
    return text if all(w[:1].isupper() for w in text.split()) else None


def _anchored(fact: AgreementFact) -> bool:
    """Whether a fact can be referred to: it names parties, is part of one that does, or refers."""
    return bool(fact.parties) or fact.part_of is not None or fact.refers_to is not None


def _antecedent(facts: list[AgreementFact], kind: str) -> int | None:
    for i in range(len(facts) - 1, -1, -1):
        fact = facts[i]
        if _anchored(fact) and compatible(kind, fact.kind):
            target = fact.refers_to if fact.refers_to is not None and not fact.parties else i
            # "the agreement" may stand for a purchase, but "the takeover" after it does not
            if compatible(kind, facts[target].kind):
                return target
    return None


def _resolve_cataphora(facts: list[AgreementFact]) -> list[AgreementFact]:
    """"the terms of the peace agreement" before "the peace agreement between X and Y":
    a definite mention with nothing before it points to the next compatible one."""
    resolved = []
    for i, fact in enumerate(facts):
        if not _anchored(fact) and fact.name is None:
            later = next((j for j in range(i + 1, len(facts))
                          if (facts[j].parties or facts[j].part_of is not None)
                          and compatible(fact.kind, facts[j].kind)), None)
            fact = replace(fact, refers_to=later)
        resolved.append(fact)
    return resolved
