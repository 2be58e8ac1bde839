"""What the verb an expression hangs from says about when it is: the tense that decides
whether "Friday" or "March 10" is the one just gone or the one to come."""

from __future__ import annotations

from spacy.tokens import Span

def tense_of(span: Span) -> str | None:
    """The tense of the verb an expression hangs from: "past", "present", "future" or None.

    Modals ("would", "may"), "is to", and an infinitive after "plan", "expect"... look ahead;
    a past perfect ("had been due to expire") looks back whatever follows it. A verb with no
    tense of its own ("will begin withdrawing") takes the tense of the verb it completes.
    """
    verb = span.root
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    tense = _verb_tense(verb, 3) if verb.pos_ in ("VERB", "AUX") else None
    return _deadline_tense(span, verb, tense)


def _deadline_tense(span: Span, verb, tense: str | None) -> str | None:
    """A date that bounds or schedules something lies ahead whatever the verb's tense:
    "effective Feb. 1", "was postponed until Tuesday", "loans through January"."""
    previous = span.doc[span.start - 1].lower_ if span.start else ""
    if _aux_words(verb) & {"had"}:
        return tense
    if previous == "effective" or (verb.lemma_ in _RESCHEDULING and tense != "future"
                                   and previous in ("until", "till", "to", "through")):
        return "future"
    if previous in ("until", "till", "by", "through") and tense in (None, "present"):
        return "future"
    before = span.doc[max(0, span.start - 3):span.start].text.lower()
    if before in ("as early as", "as soon as") and tense is None:  # "could come as early as"
        return "future"
    return tense


def _verb_tense(verb, depth: int) -> str | None:
    words = _aux_words(verb)
    if words & {"have", "has", "had", "'ve"}:
        return "past"
    if words & _FUTURE_MODALS:
        return "future"
    if words & {"would", "'d"} and verb.dep_ == "ccomp" and verb.head.lemma_ in _REPORTING:
        return "future"     # "said he would travel Thursday": the future as seen when said
    if words & _MODALS:
        return None         # "should begin on March 10": obligation or possibility, not a time
    if verb.tag_ == "VBD" or words & {"did", "was", "were"}:
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or words & {"is", "are", "am", "'s", "'re"}:
        # "On Tuesday, the league plans to hold a news conference": what is planned lies ahead
        return "future" if verb.lemma_ in _PLANS else "present"
    head = verb.head
    if depth and verb.dep_ in ("xcomp", "ccomp", "conj") and head.pos_ in ("VERB", "AUX"):
        if verb.dep_ == "xcomp" and (head.lemma_ in _FUTURE_HEADS or head.lemma_ == "be") \
                and not _aux_words(head) & {"had"}:
            return "future"
        return _verb_tense(head, depth - 1)
    return None


def _aux_words(verb) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


_REPORTING = {"say", "announce", "tell", "report", "state", "add", "predict", "promise", "warn",
              "indicate", "confirm", "insist", "write"}
_PLANS = {"plan", "intend", "schedule", "expect", "aim"}
_FUTURE_MODALS = {"will", "'ll", "shall", "wo"}
_MODALS = {"will", "'ll", "shall", "wo", "would", "'d", "may", "might", "could", "should", "must",
           "can", "ca"}
_RESCHEDULING = {"postpone", "delay", "defer", "adjourn", "extend", "reschedule", "move", "push"}
_FUTURE_HEADS = {"expect", "plan", "schedule", "intend", "hope", "want", "aim", "seek", "agree",
                 "promise", "vow", "prepare", "threaten", "go", "decide", "set", "due"}
