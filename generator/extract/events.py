"""Finding events in a parsed document: who did what, to whom, where and when.

An event is a clause whose verb has at least one actor among its participants. Reported
speech ("X said that Y did Z") yields Y's action with X as a witness; the saying itself is
an event only when the statement is the news ("announced", "rejected").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from generator.model import AgreementFact, EventFact, Mention, TimexFact
from .lexicon import CARRYING_VERBS, MAKING_VERBS, NEWSWORTHY_SPEECH, REPORTING_VERBS
from .modality import modality_of
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
    told: dict[int, int | None] = {}    # verbs that made an event, and the date each took
    # Copulas ("X is reluctant") state a condition; an event needs an action verb.
    for verb in tagged(doc, _VERB):
        if not (verb.dep_ in _PREDICATE_DEPS or _full_clause(verb) or _participle(verb)):
            continue
        if _wrapper(verb):
            continue        # "refused to sign": the signing, negated, is the event
        if verb.dep_ == "xcomp" and (carrier := _carried(verb.head)) is not None and carrier.i == verb.i:
            continue        # "began cutting jobs": the beginning's event tells it
        event = _event(verb, sent_of, mentions, mention_at, timexes, agreements, agreement_at)
        if event is not None:
            found.append(event)
            told[verb.i] = event.timex
    found += _nominal_events(doc, sent_of, mentions, mention_at, timexes, agreement_at, told)
    return found


# Nouns that name something that happens; with a date of their own ("Monday's announcement",
# "the 1991 settlement", "its maiden flight on 11 December") they are events.
_EVENT_NOUNS = frozenset("""announcement launch flight visit trip tour attack assault strike raid
bombing shooting killing explosion blast crash accident collapse meeting summit talks conference
ceremony election vote referendum signing deal agreement accord treaty settlement pact ceasefire
truce merger acquisition takeover sale purchase release arrest resignation death funeral protest
invasion offensive withdrawal unveiling introduction debut opening closure verdict ruling hearing
trial speech interview decision transplant surgery operation bankruptcy filing fall rise drop gain
loss increase decline jump surge slump plunge rally""".split())
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "ROOT", "conj"})


def _nominal_events(doc, sent_of, mentions, mention_at, timexes, agreement_at, told) -> list[EventFact]:
    found = []
    timex_at = {}
    for i, timex in enumerate(timexes):
        if timex.type in {"DATE", "TIME"} and _calendar(timex.value):
            for token in doc.char_span(timex.start, timex.end, alignment_mode="expand") or ():
                timex_at[token.i] = i
    if not timex_at:
        return found
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _EVENT_NOUNS or noun.dep_ not in _NOMINAL_DEPS:
            continue
        timex = _noun_date(noun, timex_at)
        if timex is None or timexes[timex].sent != sent_of[noun.i] or noun.dep_ in {"dobj", "nsubjpass", "nsubj"} and told.get(noun.head.i, -1) == timex:
            continue        # "Pompeo made the visit on Monday": the verb's event, dated alike
        dated = {t for t, i in timex_at.items() if i == timex}
        words = [t for t in _trim(noun) if t.i not in dated and t.dep_ != "case"
                 and not (t.dep_ == "poss" and t.pos_ == "PRON")
                 and not (t.dep_ == "prep" and all(c.i in dated for c in t.children))]
        agents = acting(_unique(mentions_in(noun, mention_at)), mentions) or _owner_named_before(noun, mention_at, mentions)
        place = _place(list(noun.subtree), mention_at, mentions)
        # A named event is as certain as the clause that names it: "will attend Saturday's
        # meeting" is planned, "denied that he attended Monday's meeting" contested.
        governing = next((a for a in noun.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        modality, reporter = modality_of(governing) if governing is not None else ("happened", None)
        if modality == "negated" and noun.dep_ == "pobj" and noun.head.lower_ in _PRESUPPOSING:
            modality = "happened"   # "has not been seen since his release": the release happened
        found.append(EventFact(
            sent=sent_of[noun.i], trigger=noun.lemma_.lower(), rest="", agents=tuple(a for a in agents if a != place),
            others=(), place=place, timex=timex,
            agreements=tuple(sorted({agreement_at[t.i] for t in noun.subtree if t.i in agreement_at})),
            subject=_join(words), nominal=True, modality=modality, negated=modality == "negated",
            said_by=tuple(m for m in (subject_mentions(reporter, mention_at, mentions) if reporter is not None
                                      else ()) if m not in agents),
            done=governing is not None and governing.tag_ == "VBD" and modality == "happened"))
    return found


# Prepositions of time whose object has happened whatever the clause says of its own verb.
_PRESUPPOSING = frozenset({"since", "after", "following"})


def _owner_named_before(noun: Token, mention_at: dict[int, int], mentions: list[Mention]) -> list[int]:
    """"his release from prison": the one person named last, in this sentence or the one before,
    is whose it is (one person only: of two, "his" cannot be told)."""
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.lower_ in {"his", "her"}), None)
    return [] if owner is None else _person_named_before(noun, mention_at, mentions)


def _person_named_before(token: Token, mention_at: dict[int, int], mentions: list[Mention]) -> list[int]:
    """The one person named before `token`, in its sentence or the one before: whom "he" or
    "his" stands for. Two people named there, and it cannot be told."""
    sent = token.sent
    start = sent.start if sent.start == 0 else next(iter(token.doc[sent.start - 1].sent)).i
    # "Steve Jobs ... Jobs": a surname after the full name is that person, even where NER
    # took it for an organisation ("that Jobs, aged 55, has taken medical leave").
    full_name = {}
    for m in mentions:
        if m.label == "PERSON" and " " in m.name and m.start < token.idx:
            full_name.setdefault(m.name.split()[-1], m.name)
    named = [mention_at[t.i] for t in token.doc[start: token.i]
             if t.i in mention_at and (mentions[mention_at[t.i]].label == "PERSON"
                                       or mentions[mention_at[t.i]].name in full_name)]
    people = {full_name.get(mentions[m].name, mentions[m].name) for m in named}
    return named[-1:] if len(people) == 1 else []


def _person_meant(pronoun: Token | None, mention_at: dict[int, int], mentions: list[Mention]) -> list[int]:
    """Whom a subject "he" or "she" stands for: the one person just named, if one only (see
    `_person_named_before`); no one for any other subject."""
    if pronoun is None or pronoun.lower_ not in {"he", "she"}:
        return []
    return _person_named_before(pronoun, mention_at, mentions)


def _noun_date(noun: Token, timex_at: dict[int, int]) -> int | None:
    """A date written on the noun itself: "Monday's", "the 1991", "on 11 December"."""
    for child in noun.children:
        if child.dep_ in {"poss", "compound", "nummod", "amod", "npadvmod"} and child.i in timex_at:
            return timex_at[child.i]
        if child.dep_ == "prep" and child.lower_ in {"on", "in", "of", "at"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.i in timex_at:
                    return timex_at[pobj.i]
    return None


# Verbs that only frame the action of the infinitive they govern: "plans to visit" is a
# planned visit, "failed to agree" a negated agreement (see modality.py).
_WRAPPERS = frozenset("""plan intend expect schedule set aim hope want wish like seek try attempt
prepare refuse fail decline neglect mean have""".split())


def _wrapper(verb: Token) -> bool:
    """A verb that only frames the action it governs, which is the event: "plans to visit",
    "is going to sell" (not "went to sell", a journey)."""
    if verb.lemma_.lower() == "go":
        return _going_to(verb)
    return verb.lemma_.lower() in _WRAPPERS and any(
        c.dep_ == "xcomp" and c.tag_ == "VB" and c.pos_ == "VERB" for c in verb.children)


def _going_to(verb: Token) -> bool:
    """"is going to sell", "was going to sell": the future of selling, told by "going"."""
    return verb.lemma_.lower() == "go" and verb.tag_ == "VBG" \
        and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children) \
        and any(c.dep_ == "xcomp" and c.tag_ == "VB" for c in verb.children)


def _carried(verb: Token) -> Token | None:
    """The action a verb of CARRYING_VERBS governs ("managed to sell", "began cutting"): one
    action with it, told by its event ("X begins cutting jobs"), not by an event of its own."""
    if verb.lemma_.lower() not in CARRYING_VERBS:
        return None
    return next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ in {"VB", "VBG"} and c.pos_ == "VERB"),
                None)


def _frame(verb: Token) -> Token:
    """The verb that tells when the action is: its own, or "going" ("Today Apple is going to
    reinvent the phone")."""
    return verb.head if verb.dep_ == "xcomp" and _going_to(verb.head) else verb


_DESCRIBING = frozenset("lead head own control base locate run".split())


def _participle(verb: Token) -> bool:
    """"the accord signed on June 3rd by Chile and Vietnam": a past participle modifying a
    noun is a passive clause of its own, when it says by whom or when."""
    if verb.lemma_.lower() in _DESCRIBING:
        return False        # "a group led by X", "a firm owned by Y": who it is, not what happened
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and any(
        c.dep_ == "agent" or (c.dep_ in {"prep", "npadvmod"} and _temporal(c)) or c.ent_type_ in {"DATE", "TIME"}
        for c in verb.children)


def _full_clause(verb: Token) -> bool:
    """"the fact that the terms were supported by X": a clause with a subject of its own."""
    return verb.dep_ == "acl" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)


def _event(verb, sent_of, mentions, mention_at, timexes, agreements, agreement_at):
    lemma = verb.lemma_.lower()
    if any(c.dep_ == "mark" and c.lower_ == "whether" for c in verb.children):
        return None     # "asked whether the deal should be seen as a step": a question, no event
    reported = [c for c in verb.children if c.dep_ == "ccomp"]
    clause = _clause(verb)
    carried = _carried(verb)
    if carried is not None:     # "began to fall apart in mid-1996": its words are the beginning's
        clause = sorted(clause + _clause(carried), key=lambda t: t.i)
    timex = _date(verb, timexes, clause, sent_of[verb.i])
    # The reported clause is the event and this verb its evidence; but a statement with a
    # time of its own ("announced today that...") is news of its own, dated by it.
    statement = lemma in REPORTING_VERBS and bool(reported) and _own_date(clause, timexes, sent_of[verb.i])
    if lemma in REPORTING_VERBS and reported and not statement:
        return None
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) or _participle(verb)
    agents, others = _participants(verb, mention_at, mentions, passive, clause)
    aside = _set_aside(verb)
    linked = sorted({agreement_at[t.i] for t in clause if t.i in agreement_at and t.i not in aside}
                    | (_told_deals(verb, agreement_at) if lemma in REPORTING_VERBS else set()))
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
        # "He fought pancreatic cancer in 2004 and took six months off"
        agents = _person_meant(next((s for s in _subjects(verb) if s.dep_ == "nsubj"), None), mention_at, mentions)
    bare = None
    if not agents and not passive:
        # An action needs someone who acts; or, dated in its own words, something named that
        # acts ("Pre-orders of the iPhone began Tuesday", "stock indexes posted gains on Friday");
        # or a proper name that is no actor ("the FTSE 100 dropped"), dated or not.
        bare = _named_subject(verb)
        dated = timex is not None and _own_date(clause, timexes, sent_of[verb.i])
        if bare is None or not (dated or _proper(bare)):
            return None
    if lemma in REPORTING_VERBS and lemma not in NEWSWORTHY_SPEECH and not statement \
            and not _counts_something(verb, reported):
        return None
    modality, reporter = modality_of(verb)
    said_by = tuple(m for m in (subject_mentions(reporter, mention_at, mentions) if reporter is not None else ())
                    if m not in agents)
    patient = None
    pronoun = _pronoun_subject(verb) if passive and not agents else None
    if pronoun is not None:
        named = _person_meant(pronoun, mention_at, mentions)     # "he was rescued off the coast of Florida"
        if named:
            patient = named[0]
            others = [patient] + [o for o in others if o != patient]
        elif not others:
            return None     # "since it was announced": "It announced" tells a reader nothing
    rest = _rest(verb, passive, bool(agents), modality, mentions[patient].name if patient is not None else None)
    if statement and not rest:
        rest = _join(_trim(reported[0]))        # "Ryanair announces it is exercising its options"
    subject = _described_subject(verb, mention_at) if agents and not passive else bare
    if not rest.strip() and subject is None and not passive and lemma not in _STANDS_ALONE:
        return None         # "X takes", "Google shows [that...]": no headline without its object
    if passive and not agents and not rest.strip() and not others:
        return None         # "[it is] to be imposed": neither who acts nor what is acted on
    if passive and not agents and _passive_subject(verb) is None:
        return None         # "[the update ... is] scheduled for public release": of what, untold
    place = _place(clause, mention_at, mentions)
    acts_on = sorted({agreement_at[t.i] for t in _arguments(verb) + (_arguments(carried) if carried else [])
                      if t.i in agreement_at}
                     | ({made} if made is not None else set()))
    put_off = _put_off(verb, passive) if modality == "happened" and not agents and not acts_on else ""
    # "has been delayed until" and "will be delayed until" alike put the occurrence off.
    postponed = _postponed(verb, timex, timexes, mention_at, mentions) \
        if modality in {"happened", "planned"} and not agents and not acts_on \
        and _put_off(verb, passive) == "planned" else None
    frame = _frame(verb)
    main = _main_clause(frame)     # what the sentence asserts or reports
    return EventFact(
        sent=sent_of[verb.i], trigger=lemma, rest=rest, put_off=put_off,
        action=carried.lemma_.lower() if carried is not None else "",
        anaphoric=passive and not agents and _points_back(verb, mention_at),
        **(postponed or {}),
        agents=tuple(agents), others=tuple(m for m in others if m not in agents and m != place),
        place=place, timex=timex, agreements=tuple(linked),
        negated=modality == "negated", passive=passive and not agents,
        modality=modality, said_by=said_by,
        progressive=frame.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in {"is", "are", "am", "'s", "'re"}
                                                for c in frame.children),
        acts_on=tuple(acts_on), subject=_join(_trim(subject)) if subject is not None else "",
        done=frame.tag_ in {"VBD", "VBN"} and not any(c.lower_ in {"will", "would", "could", "may", "might", "to"}
                                                       for c in frame.children if c.dep_ == "aux"),
        perfect=main and _present_perfect(frame),
        narrated=main and _simple_past(frame),
        plural=subject is not None and (subject.tag_ in {"NNS", "NNPS"}
                                        or any(c.dep_ == "conj" for c in subject.children)))


def _present_perfect(verb: Token) -> bool:
    """"has won", "have been sold"; not "had won", nor "could have won"."""
    aux = [c.lower_ for c in verb.children if c.dep_ == "aux"]
    return verb.tag_ == "VBN" and bool(_PRESENT_HAVE.intersection(aux)) and not _MODALS.intersection(aux)


def _simple_past(verb: Token) -> bool:
    """"fell", "was suspended"; not "had fallen" (before the time told), nor "would fall"."""
    aux = [c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if verb.tag_ == "VBD":
        return not aux
    return verb.tag_ == "VBN" and bool(aux) and all(a in {"was", "were"} for a in aux)


def _main_clause(verb: Token) -> bool:
    """What the sentence asserts, or what its reporting verb reports ("EADS said it has won"),
    not a clause in the background ("although officials have cut back travel")."""
    while verb.dep_ == "conj":
        verb = verb.head
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING_VERBS:
        verb = verb.head
    return verb.dep_ == "ROOT"


_PRESENT_HAVE = frozenset({"has", "have", "'s", "'ve"})
_MODALS = frozenset({"will", "would", "could", "can", "may", "might", "must", "should", "shall", "to"})


# Verbs that put an occurrence off, or call it off, or set it for later. Said of a flight, a
# vote or a summit with no one named doing it ("A test flight was delayed today", "the first
# flight is scheduled for March", "the summit was called off"), the news is the occurrence,
# and it has not happened. An agent's act ("Ghani delayed the release") is news of its own, done.
# Not "plan": "the attack was planned for months" tells how something done was prepared; nor
# "abandon" or "abort": "the search was abandoned" had begun. An agreement put off is a step in
# its history instead (see status.py).
_PUTTING_OFF = {"delay": "planned", "postpone": "planned", "defer": "planned", "reschedule": "planned",
                "push back": "planned", "put off": "planned",
                "schedule": "planned", "slate": "planned", "expect": "planned",
                "cancel": "negated", "call off": "negated", "scrap": "negated", "scrub": "negated"}


# Occurrences that are put off besides those a date makes events of (_EVENT_NOUNS).
_OCCURRENCES = _EVENT_NOUNS | frozenset("""delivery shipment test rollout takeoff landing departure
arrival inauguration session negotiations game match race concert parade march exercise mission
inspection auction offering listing payment handover transfer execution sentencing debate""".split())


def _put_off(verb: Token, passive: bool) -> str:
    """"planned" or "negated" when the clause puts off or calls off the occurrence it is about."""
    lemma = verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), "")
    outcome = _PUTTING_OFF.get(f"{lemma} {particle}".strip()) or (_PUTTING_OFF.get(lemma) if not particle else None)
    if outcome is None or not passive:
        return ""
    theme = verb.head if verb.dep_ == "acl" else next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return outcome if theme is not None and theme.lemma_.lower() in _OCCURRENCES else ""


# "delayed until October 2007", "postponed to March", "pushed back to 2008", "rescheduled for May"
_PUT_OFF_TO = frozenset({"until", "till", "to", "for", "into"})


def _postponed(verb: Token, timex: int | None, timexes: list[TimexFact], mention_at: dict[int, int],
               mentions: list[Mention]) -> dict | None:
    """An occurrence put off to the time the clause gives: its noun, the actors it concerns and
    the words of what it acts on. The date is the occurrence's, planned; the putting off is the
    clause's news. A definite occurrence that names no one ("The aircraft's delivery ... will
    be delayed until October 2007") is the one the sentence just before named with its owner
    ("the additional delay in delivery of its new superjumbo A380s"), if it named one."""
    theme = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if theme is None or timex is None or not _put_off_to(verb, timexes[timex]):
        return None
    owned = _occurrence_of(theme, mention_at, mentions)
    words = theme
    if not owned and _definite(theme):
        earlier = next((t for t in reversed(verb.doc[_sentence_before(theme): theme.i])
                        if t.lemma_ == theme.lemma_ and t.pos_ == "NOUN"), None)
        if earlier is not None:
            owned, words = _occurrence_of(earlier, mention_at, mentions), earlier
    if not owned:
        return None
    return {"postponed": theme.lemma_.lower(), "postponed_of": tuple(owned),
            "postponed_words": _join([t for t in _trim(words) if t.i != words.i])}


def _put_off_to(verb: Token, timex: TimexFact) -> bool:
    """Whether the date hangs on the verb through "until", "to", "for": the time put off to."""
    return any(c.dep_ == "prep" and c.lower_ in _PUT_OFF_TO and
               any(t.idx <= timex.start < t.idx + len(t) for t in c.subtree) for c in verb.children)


def _definite(noun: Token) -> bool:
    return any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in _POINTING for c in noun.children)


def _sentence_before(token: Token) -> int:
    sent = token.sent
    return sent.start if sent.start == 0 else token.doc[sent.start - 1].sent.start


def _occurrence_of(noun: Token, mention_at: dict[int, int], mentions: list[Mention]) -> list[int]:
    """Who an occurrence concerns: the actors its phrase names ("Apple's launch"), or, for
    "its"/"their" in it, the subject of the clause it stands in ("Singapore Airlines says that
    it will be compensated for the delay in delivery of its new A380s": Singapore Airlines)."""
    named = acting(mentions_in(noun, mention_at), mentions)
    if named:
        return named
    if not any(t.lower_ in _OWNING and t.dep_ == "poss" for t in noun.subtree):
        return []
    clause = next((a for a in noun.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}] if clause is not None else []
    owners = [m for s in subjects for m in subject_mentions(s, mention_at, mentions)]
    return owners if len(owners) == 1 else []


_POINTING = frozenset({"the", "this", "that", "these", "those"})
_OWNING = frozenset({"its", "their"})


def _points_back(verb: Token, mention_at: dict[int, int]) -> bool:
    """"the plane was delivered in Singapore": a passive subject that is a common noun with
    only a definite article or "its" before it points back to what the story has named. Not a
    name, a number or a description that tells one thing from another ("the second plane",
    "the new plane"), nor a pronoun, which may stand for anything."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None and verb.dep_ == "acl":
        subject = verb.head
    if subject is None or subject.pos_ != "NOUN" or mentions_in(subject, mention_at):
        return False
    pointing = False
    for child in subject.children:
        if child.dep_ in {"det", "poss"} and child.lower_ in _POINTING | _OWNING:
            pointing = True
        elif not (child.dep_ == "compound" and child.pos_ == "NOUN" or child.is_punct):
            return False
    return pointing


# Verbs of saying that also name an act of business: "posted gains", "reported a loss", "added
# 300 jobs". With an object that is no piece of speech and nothing reported, they are that act.
_COUNTING_VERBS = frozenset({"post", "report", "add"})
_SPEECH_NOUNS = frozenset("statement message comment note letter tweet video photo picture blog remark "
                          "report story article notice update".split())


def _counts_something(verb: Token, reported: list[Token]) -> bool:
    return verb.lemma_.lower() in _COUNTING_VERBS and not reported and any(
        c.dep_ == "dobj" and c.lemma_.lower() not in _SPEECH_NOUNS and c.pos_ in {"NOUN", "PROPN", "NUM"}
        for c in verb.children)


def _antecedent(relative: Token) -> Token:
    """What a relative clause's "that" or "who" stands for: the noun it follows, or, when that
    noun only says what the subject of "is" is ("The Merval index is another one that fared
    badly", "The Dow is one of the indexes that have done well", "Apple is the company that
    makes the iPod"), that subject. A clause set off by a comma adds to the noun before it."""
    noun = relative.head
    if relative.left_edge.i > 0 and relative.doc[relative.left_edge.i - 1].text == ",":
        return noun         # "the largest shareholder of Disney, which owns Pixar": Disney
    if noun.dep_ == "pobj" and noun.head.lower_ in {"of", "among"} and noun.head.head.dep_ == "attr" \
            and noun.head.head.lemma_ == "one":
        noun = noun.head.head               # "one of the indexes"
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ in {"NOUN", "PROPN"}:
            return subject
    return relative.head


def _named_subject(verb: Token) -> Token | None:
    """A subject that is a noun phrase, not a pronoun or a relative word."""
    for subject in reversed(_subjects(verb)):      # "Pre - orders": the head is the last
        if subject.dep_ != "nsubj":
            continue
        if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
            subject = _antecedent(verb)         # "the indices that today suffered"
        if subject.pos_ in {"NOUN", "PROPN"} and subject.lower_ not in _RELATIVE:
            return subject
    return None


def _proper(subject: Token) -> bool:
    """A proper name, or a noun a name specifies: "the Nasdaq index", "the primary UK index,
    the FTSE 100"."""
    return subject.pos_ == "PROPN" or any(
        c.pos_ == "PROPN" and (c.dep_ == "appos" or c.dep_ == "compound" and c.ent_type_ not in {"GPE", "NORP"})
        for c in subject.children)


def _own_date(clause: list[Token], timexes: list[TimexFact], sent: int) -> bool:
    """Whether the verb's own words, not a clause it governs, hold a calendar date."""
    inside = {t.idx for t in clause}
    return any(t.start in inside and t.sent == sent and t.type in {"DATE", "TIME"} and _calendar(t.value)
               for t in timexes)


def _described_subject(verb: Token, mention_at: dict[int, int]) -> Token | None:
    """A subject that is a thing the actors own or take part in ("Pompeo's visit",
    "intra-Afghan negotiations"): the headline keeps it rather than just the names."""
    subjects = [s for s in _subjects(verb) if s.dep_ == "nsubj"]
    if len(subjects) > 1 and any(s.i in mention_at for s in subjects):
        return None     # "Apple co-founder Steve Jobs died", parsed with "co" a subject beside Jobs
    for subject in subjects:
        if subject.pos_ in {"NOUN", "PROPN"} and subject.i not in mention_at \
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


# Verbs whose subject, not their object, does what the to-infinitive after the object says:
# "promised the envoy to release the prisoners".
_SUBJECT_CONTROL = frozenset("promise vow pledge swear".split())


def _subjects(verb: Token) -> list[Token]:
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "agent", "csubj"}]
    if not subjects and verb.dep_ == "xcomp" and verb.head.lemma_.lower() not in _SUBJECT_CONTROL:
        objects = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i]
        if objects:
            return objects      # "urged the Taliban to release", "rolled out the 787 to go into service"
    if not subjects and verb.dep_ in {"conj", "xcomp"}:
        return _subjects(verb.head)          # "was signed ... and required ...", "refused to sign"
    return subjects


def _participants(verb, mention_at, mentions, passive, clause) -> tuple[list[int], list[int]]:
    agents: list[int] = []
    controlled = verb.dep_ == "xcomp" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
    # "Apple was started by Jobs in 1976, and launched iTunes in 2003": an active verb sharing a
    # passive one's subject shares its subject (Apple), not its agent (Jobs).
    shared = verb.dep_ == "conj" and not passive and not any(
        c.dep_ in {"nsubj", "nsubjpass", "agent", "csubj"} for c in verb.children)
    for subject in _subjects(verb):
        if (shared or controlled) and subject.dep_ == "agent":
            continue            # "Cook was recommended by Jobs to take over": Cook takes over
        if subject.dep_ == "nsubjpass" and not controlled and not shared:
            continue            # but "X is scheduled to meet": X meets
        if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
            subject = _antecedent(verb)               # "John Bass, who left Kabul"
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
    """"an agreement ... that was signed in Doha", "the pact reached last July", "Ghani signed a
    decree": the agreement made."""
    candidates = [verb.head] if verb.dep_ == "relcl" or verb.dep_ == "acl" and verb.tag_ == "VBN" else []
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


def _date(verb: Token, timexes: list[TimexFact], clause: list[Token], sent: int) -> int | None:
    """A date in the verb's own clause; else one governing the verb that reports it. Of
    several, the most precise; never one that only describes a noun ("praised the February
    29th deal", "at this year's conference"): that dates the noun's event, not the verb's."""
    frame = _frame(verb)        # "Today Apple is going to reinvent the phone": reinvents today
    if frame is not verb:
        verb, clause = frame, sorted({*clause, *_clause(frame)}, key=lambda t: t.i)
    for scope, top in ((clause, verb), (_clause(verb.head), verb.head) if verb.dep_ in {"ccomp", "conj"} else ([], None)):
        if not scope:
            continue
        lo, hi = scope[0].idx, scope[-1].idx + len(scope[-1])
        at = {t.idx: t for t in scope}
        # A dateline the parser ran into the sentence comes after the sentence's own dates.
        found = [(timex.sent != sent, -_PRECISION_RANK.get(_calendar(timex.value), 0), i)
                 for i, timex in enumerate(timexes)
                 if lo <= timex.start < hi and timex.start in at and timex.type in {"DATE", "TIME"}
                 and (_modifies(_span_root(at[timex.start], timex.end), top)
                      or _fronted(at[timex.start], top))]
        if found:
            return min(found)[2]
    return None


def _fronted(first: Token, verb: Token) -> bool:
    """A date opening the sentence ("Today, X flew...", "On March 3rd, ...") sets the time of
    its main clause, wherever the parser hung it."""
    start = first.sent.start
    opening = first.i == start or (first.i == start + 1 and first.doc[start].pos_ == "ADP"
                                   and first.doc[start].lower_ not in _SPAN_OPENERS)
    return opening and (verb.dep_ == "ROOT" or verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def _span_root(token: Token, end: int) -> Token:
    """The word of a date phrase starting at `token` that the rest hangs on: "3rd" in
    "March 3rd", whose head is outside the phrase."""
    while token.head.i != token.i and token.idx <= token.head.idx < end and token.head.i > token.i:
        token = token.head
    return token


_PRECISION_RANK = {"day": 3, "month": 2, "year": 1}


def _calendar(value: str) -> str | None:
    from generator.extract.timex.calendar import precision_of

    return precision_of(value[:10]) if value[:10] else None


# A date after "since" is where a stretch of time begins, not when the action happened: "prices
# have risen since Monday", "its biggest fall since the September 11, 2001, attacks". After
# "after" or "before" it is a time the action came after or before: "gained 0.77%, after a
# large loss yesterday" is no gain of yesterday.
_SPAN_OPENERS = frozenset({"since", "after", "before"})


def _modifies(token: Token, verb: Token) -> bool:
    """Whether a date word hangs on the verb through adverbial arcs only ("on Monday",
    "Monday", "yesterday"), not through a noun it describes ("this year's conference"), nor
    as the start of a stretch of time ("since Monday"). A date that is someone's ("remained
    above its November 20, 2008 low") names a thing, not the action's time."""
    if any(c.dep_ == "poss" for c in token.children):
        return False
    for _ in range(4):
        if token.i == verb.i:
            return True
        if token.lower_ in _SPAN_OPENERS and token.pos_ in {"ADP", "SCONJ"}:
            return False
        if token.dep_ in {"poss", "compound", "amod", "nmod"} and token.head.pos_ in {"NOUN", "PROPN"}:
            # "said in a July 16 press conference": the setting the verb happens in
            setting = token.head
            return setting.dep_ == "pobj" and setting.head.lower_ in {"in", "at", "during"} \
                and setting.head.head.i == verb.i
        token = token.head
    return token.i == verb.i


def _told_deals(verb: Token, agreement_at: dict[int, int]) -> set[int]:
    """The deals a statement tells what was done to: "Japan denied breaking a pact with the
    U.S." concerns the pact, though the breaking is a clause of its own."""
    told = [c for c in verb.children if c.dep_ in {"xcomp", "ccomp"}]
    return {agreement_at[t.i] for c in told for t in _arguments(c) if t.i in agreement_at}


_ASIDE = frozenset({"apart", "aside", "besides", "except", "unlike"})


def _set_aside(verb: Token) -> set[int]:
    """The tokens of a phrase that sets something aside ("Apart from the dispute over the
    release, the government is plagued by a divide"): what it names is not what the clause
    tells of."""
    return {t.i for child in verb.children if child.lower_ in _ASIDE for t in child.subtree}


def _pronoun_subject(verb: Token) -> Token | None:
    """"it", "they", "this": not a relative "that", which stands for the noun it follows."""
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}
                 and (c.tag_ == "PRP" or c.tag_ == "DT" and c.lower_ in _DEMONSTRATIVES)), None)


_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})


def _rest(verb: Token, passive: bool, has_agents: bool, modality: str = "happened",
          patient: str | None = None) -> str:
    """The headline words after the verb: objects, particles and where it went. For a passive
    without an agent, the whole headline: "27 people are killed in recent attack"; `patient`,
    the name its pronoun subject stands for."""
    words: list[Token] = []
    fronted: list[Token] = []
    carried, action = _carried(verb), ""
    for child in verb.children:
        if child.i < verb.i and _fronted_place(child) and not fronted:
            fronted = _trim(child)      # "In Kunduz, ... were killed": "... killed in Kunduz"
            continue
        if child.i < verb.i or len(words) >= _MAX_REST_WORDS:
            continue
        if carried is not None and child.i == carried.i:
            # "began releasing 1,500 prisoners on March 14": the action's own headline words
            words += [c for c in child.children if c.dep_ == "aux" and c.i < child.i] + [child]
            action = _rest(child, False, has_agents)
            continue
        # A passive's "by" phrase that names no one who acts is what did it: "Afghan government
        # plagued by deep political divide", not "Afghan government plagued".
        if child.dep_ in {"dobj", "prt", "attr", "dative", "acomp", "oprd", "xcomp"} or (
                child.dep_ == "prep" and child.lower_ in _HEADLINE_PREPS and not _temporal(child)) or (
                child.dep_ == "agent" and passive and not has_agents):
            words += _trim(child, between=not (has_agents and verb.lemma_ in MAKING_VERBS))
        elif not passive and _how_it_went(child, verb):
            words += _trim(child)
    place = _join(fronted)
    text = " ".join(p for p in (_join(words), action, place[:1].lower() + place[1:]) if p)
    subject = _passive_subject(verb) if passive else None
    if subject is not None and has_agents:       # "brokered by X" -> "X brokers <subject>"
        return _join(_trim(subject, between=verb.lemma_ not in MAKING_VERBS) + words)
    if subject is not None:
        # Headline passive: "At least 15 soldiers killed in Kunduz", "Prisoners not released",
        # "Up to 5,000 prisoners to be released".
        aux = {"negated": "not", "planned": "to be"}.get(modality, "")
        named = patient if patient is not None and subject.tag_ == "PRP" else _join(_trim(subject))
        return " ".join(p for p in (named, aux, verb.text.lower(), text) if p)
    return text


def _passive_subject(verb: Token) -> Token | None:
    """What a passive verb befalls, as its headline names it first."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is not None and subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
        subject = _antecedent(verb)
    if subject is None and verb.dep_ == "acl":
        subject = verb.head                 # "the accord signed by X": X signs the accord
    return subject


def _how_it_went(child: Token, verb: Token) -> bool:
    """What a verb says nothing without when it has no object: how it went, right after it
    ("fared badly", "have done particularly well", "closed down"), and by how much ("closed
    down 6.4 percent"), not when ("today") or anything else an adverb adds ("also")."""
    if child.dep_ == "advmod" and child.pos_ == "ADV":
        return child.left_edge.i == verb.i + 1 and child.lower_ not in _NOT_HOW \
            and not child.ent_type_ and not any(t.lower_ in _NOT_HOW for t in child.subtree)
    if child.dep_ == "prep" and child.lower_ == "by":          # "rose by 11.81%"
        return any(c.dep_ == "pobj" and _amount(c) for c in child.children)
    if child.dep_ != "npadvmod" or child.i < verb.i or not _amount(child):
        return False
    # By how much, right after the verb or its adverb: "closed down 6.4 percent"
    return all(t.dep_ in {"advmod", "prt"} and t.head.i == verb.i
               for t in verb.doc[verb.i + 1: child.left_edge.i])


def _amount(noun: Token) -> bool:
    """"6.4 percent", "486 points", "9.7%": a number of something, not a date or a time."""
    return not any(t.ent_type_ in {"DATE", "TIME"} or ":" in t.text for t in noun.subtree) \
        and (noun.like_num or any(c.dep_ == "nummod" for c in noun.children))


_NOT_HOW = frozenset("""also still already now then again today yesterday tomorrow just even only
later earlier soon ago recently currently meanwhile however too instead so not n't never ever
first once twice thereby therefore thus hopefully reportedly apparently allegedly probably possibly
perhaps maybe certainly clearly obviously actually really finally eventually initially originally
officially presumably supposedly""".split())


_HEADLINE_PREPS = frozenset({"to", "with", "in", "into", "on", "for", "from", "against", "of", "over"})


def _fronted_place(prep: Token) -> bool:
    return prep.dep_ == "prep" and prep.lower_ in {"in", "at", "near"} and any(
        c.dep_ == "pobj" and c.ent_type_ in {"GPE", "LOC", "FAC"} for c in prep.children)


def _temporal(prep: Token) -> bool:
    return any(c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"} for c in prep.children)


def _join(words: list[Token]) -> str:
    # A paragraph break inside a phrase ("Agreement \n\n signed") is a token of its own; a
    # relative "whose" ("Airbus, whose A380 first flew") is no word of a headline.
    words = sorted({t for t in words if not t.is_space and t.tag_ != "WP$"}, key=lambda t: t.i)
    text = " ".join(t.text for t in words)
    return text.replace(" 's", "'s").replace(" ,", ",").replace(" - ", "-").replace(" .", ".").replace(" %", "%")


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
        if t.dep_ == "det" and t.lower_ in {"the", "a", "an"} or t.is_punct and t.text not in {"-", "%"}:
            continue
        keep.append(t)
    if len(keep) > _MAX_PHRASE_WORDS:
        head_end = max(i for i, t in enumerate(keep) if t.i <= token.i)
        end = max(head_end + 1, _MAX_PHRASE_WORDS)
        # A phrase the cut runs through is ended, if a few words end it ("release of up to
        # 5,000 Taliban fighters"), or else left out whole: "would cancel 717 program", not
        # "would cancel 717 program after completing" with what it completes cut off.
        inside = {t.i: {p.i for p in _path(t, token) if p.dep_ in {"prep", "agent"}} for t in keep}
        broken = set().union(*(inside[t.i] for t in keep[end:]))
        ended = {p for p in broken if 0 < sum(p in inside[t.i] for t in keep[end:]) <= _PHRASE_END_WORDS}
        keep = [t for n, t in enumerate(keep)
                if not inside[t.i] & (broken - ended) and (n < end or inside[t.i] & ended)]
        while keep and keep[-1].dep_ in {"prep", "cc", "det", "amod", "compound", "poss", "case"}:
            keep.pop()
    return keep


_MAX_PHRASE_WORDS = 8
_PHRASE_END_WORDS = 2     # words past the cut that may still end a phrase it runs through


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
