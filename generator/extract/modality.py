"""Whether a clause says its action happened: modality, polarity and attribution.

Read off the parse, never off words alone: modal auxiliaries ("will sign", "must still
ratify"), the verb a to-infinitive depends on ("plans to sign", "is scheduled to meet",
"has yet to ratify", "refused to sign"), negation, conditions ("if ... signs"), and the
verb that reports a clause ("X said that ...", "Y denied that ...", "Z claimed ...").

Attribution is not doubt: what a story says in its own voice, or what someone reports or
confirms, happened; only a contested report (claimed, alleged, denied) is `claimed`.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Token

from .lexicon import CARRYING_VERBS, REPORTING_VERBS

Modality = Literal["happened", "planned", "negated", "claimed"]
MODALITIES: tuple[str, ...] = ("happened", "planned", "negated", "claimed")

# Auxiliaries that put an action in the future, or make it possible or required, not done.
_MODAL_AUX = frozenset("will shall 'll wo would could may might must should can ca ought".split())
# Verbs that leave the to-infinitive they govern undone: "plans to sign", "was set to land".
_PLANNING = frozenset("""plan intend expect schedule set due aim hope want wish seek try attempt
propose promise pledge vow threaten prepare decide agree offer need have be go mean hold
require urge ask call demand order oblige force push press encourage invite allow permit
consider mull weigh study eye target recommend advise""".split())
# Verbs that say the infinitive they govern did not happen: "refused to sign".
_NEGATING = frozenset("refuse fail decline reject neglect avoid stop cease omit".split())
# What a deal or a demand asks for has not happened yet: "required the withdrawal".
_REQUIRING = frozenset("require oblige demand".split())
# Verbs reporting a contested claim, and adverbs that hedge one.
_CONTESTING = frozenset("claim allege deny dispute contest accuse".split())
_DENYING = frozenset("deny dispute contest".split())
_ACCUSING = frozenset("accuse charge suspect".split())
_HEDGES = frozenset("allegedly reportedly purportedly supposedly".split())
# Verbs that weigh or put forward the action their gerund names: "considered selling the plant"
# sold nothing (not so "tried selling", "went shopping").
_WEIGHING = frozenset("consider contemplate mull weigh suggest recommend advise propose".split())
# "have it built", "get it done": what is to be done to the object.
_CAUSATIVE = frozenset("have get want need".split())
_CONDITIONS = frozenset("if unless provided providing whether".split())


def modality_of(verb: Token) -> tuple[Modality, Token | None]:
    """The clause's modality, and the phrase naming who says so when someone else does
    (the subject of the reporting verb, or "according to X"). Who denies a clause is not
    whom it is reported from."""
    reporter = _reporter(verb)
    if reporter is not None and reporter.head.lemma_.lower() in _DENYING:
        reporter = None
    if _negated(verb):
        return "negated", reporter
    if _planned(verb):
        return "planned", reporter
    if _contested(verb):
        return "claimed", reporter
    return "happened", reporter


def _chain(verb: Token) -> list[Token]:
    """The verb, and the verbs it shares its subject and auxiliaries with: in "will meet and
    sign", "sign" has neither of its own."""
    chain = [verb]
    while verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"} \
            and not any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in verb.children):
        verb = verb.head
        chain.append(verb)
    return chain


def _negated(verb: Token) -> bool:
    for token in _chain(verb):
        if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in {"never", "nearly", "almost"})
               for c in token.children):
            return True         # "did not sign", "nearly broke the record"
        if token.dep_ == "xcomp" and token.head.lemma_.lower() in _NEGATING:
            return True         # "refused to sign", "failed to agree"
        if token.dep_ == "xcomp" and (token.head.lemma_.lower() in CARRYING_VERBS or token.tag_ == "VBG"
                                      and token.head.dep_ == "xcomp") and _negated(token.head):
            return True         # "did not manage to sell", "refused to begin releasing": not done
        if any(c.dep_ in {"nsubj", "nsubjpass"} and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
               for c in token.children):
            return True         # "no agreement was reached"
    return False


def _planned(verb: Token) -> bool:
    for token in _chain(verb):
        for child in token.children:
            if child.dep_ in {"aux", "auxpass"} and child.lower_ in _MODAL_AUX:
                return True                 # "will sign", "must still ratify", "could meet"
            if child.dep_ == "mark" and child.lower_ in _CONDITIONS:
                return True                 # "if the talks begin"
        if token.lemma_.lower() in _REQUIRING:
            return True                     # "the deal required the withdrawal"
        if token.dep_ == "ccomp" and _subjunctive(token):
            return True                     # "insisted that the prisoners be released"
        head = token.head
        if token.dep_ == "xcomp" and _planned(head):
            return True                     # "will continue to expand", "could begin cutting": to come
        if token.dep_ in {"xcomp", "ccomp"} and token.tag_ == "VB" and head.lemma_.lower() in _PLANNING:
            return True                     # "plans to sign", "is to meet", "has yet to ratify"
        if token.dep_ == "xcomp" and token.tag_ == "VBG" and head.lemma_.lower() in _WEIGHING:
            return True                     # "considered selling", "recommended cutting 500 jobs"
        if token.dep_ == "xcomp" and token.tag_ == "VB" and head.pos_ == "ADJ" \
                and head.lower_ in {"due", "set", "likely", "expected", "scheduled", "poised", "ready", "able"}:
            return True                     # "is due to arrive"
        if token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) \
                and token.tag_ == "VB":
            return True                     # "met to discuss": the purpose, not yet done
        if token.dep_ == "xcomp" and token.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to"
                                                                 for c in token.children) \
                and any(c.dep_ == "dobj" and c.i < token.i for c in head.children):
            return True                     # "rolled out the 787 to go into service": its purpose
        if token.dep_ in {"acl", "relcl"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            return True                     # "the accord to be signed in June": still to come
        if token.dep_ == "acl" and token.tag_ == "VBN" and token.lemma_.lower() in {"schedule", "plan", "set", "slate"}:
            return True                     # "the summit scheduled for March 20": arranged, not held
        if token.dep_ == "acl" and token.tag_ == "VBN" and head.dep_ == "dobj" \
                and head.head.lemma_.lower() in _CAUSATIVE and _planned(head.head):
            return True                     # "should have a tanker built by an American company"
    return False


def _subjunctive(verb: Token) -> bool:
    """A clause with a subject whose verb is a bare base form: a demand, not a fact."""
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return False
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if auxes:
        return all(a.tag_ == "VB" and a.lower_ == "be" for a in auxes)
    # "that the Union lift": a singular subject with a plural-looking verb is the base form
    singular = subject.tag_ in {"NN", "NNP"} and not any(c.dep_ == "conj" for c in subject.children)
    return verb.tag_ == "VB" or (verb.tag_ == "VBP" and singular)


def _contested(verb: Token) -> bool:
    for token in _chain(verb):
        if any(c.dep_ == "advmod" and c.lower_ in _HEDGES for c in token.children):
            return True
        if token.dep_ in {"ccomp", "xcomp"} and token.head.lemma_.lower() in _CONTESTING:
            return True         # "X claimed it had shot down", "Y denied that it attacked"
        if token.dep_ == "pcomp" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in _ACCUSING:
            return True         # "accused Japan of violating the pact": a charge, not a finding
    return False


def _reporter(verb: Token) -> Token | None:
    """Who the clause is reported from: "X said (that) ...", "..., X said", "according to X"."""
    token = verb
    for _ in range(4):
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "according":
                pobj = next((o for p in child.children for o in ([p] if p.dep_ == "pobj" else p.children)
                             if o.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        head = token.head
        if token.dep_ in {"ccomp", "xcomp"} and head.lemma_.lower() in REPORTING_VERBS | _CONTESTING:
            subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return subject
        if token.dep_ == "ROOT":
            # "..., officials said": the parser often makes the reporting verb a dependent of
            # the statement (parataxis, or ccomp pointing the wrong way).
            for child in token.children:
                if child.dep_ in {"parataxis", "ccomp"} and child.i > token.i \
                        and child.lemma_.lower() in REPORTING_VERBS \
                        and not any(c.dep_ in {"ccomp", "dobj"} for c in child.children):
                    subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
                    if subject is not None:
                        return subject
            return None
        if token.dep_ not in {"conj", "ccomp", "xcomp", "advcl"}:
            return None
        token = head
    return None

