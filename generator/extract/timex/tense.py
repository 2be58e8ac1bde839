"""What the verb an expression hangs from says about when it is: the tense that decides
whether "Friday" or "March 10" is the one just gone or the one to come."""

from __future__ import annotations

from spacy.tokens import Span

from ..parsed import text_of


def tense_of(span: Span) -> str | None:
    """The tense of the verb an expression hangs from: "past", "past-open" (a past sentence
    setting a term: "payable Dec. 7"), "present", "future", "modal" (a modal other than "will":
    "may", "could", "should"), "planned" (the date of what a plan is for) or None.

    "will", "is to", and an infinitive after "plan", "expect"... look ahead;
    a past perfect ("had been due to expire") looks back whatever follows it. A verb with no
    tense of its own ("will begin withdrawing") takes the tense of the verb it completes.
    """
    verb = span.root
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ in ("VERB", "AUX") and _clause_begins_after(verb, span):
        # "warned on Thursday that strikes could harm relations": a date before the "that" of
        # a clause is no part of it, whatever a parser hung it on
        return None
    tense = _verb_tense(verb, 3) if verb.pos_ in ("VERB", "AUX") else None
    tense = _deadline_tense(span, verb, tense)
    if tense == "present" and (not _modifies(span, verb) or _in_headline(span)):
        # "over Thursday's closing price", "the toll from the quake on Monday rises": a day the
        # verb does not place; "Stocks tumble on Friday" over a story: a headline tells what
        # happened in the present tense
        return None
    return "past-open" if tense == "past" and _open_ended(span) else tense


def _modifies(span: Span, verb) -> bool:
    """Whether the expression hangs on the verb itself, or on a preposition that does."""
    head = span.root.head
    if head.pos_ == "ADP" and head.i != verb.i:
        head = head.head
    return head.i == verb.i and span.root.dep_ != "poss"


def _in_headline(span: Span) -> bool:
    """Whether the expression is on a story's first line, with no full stop at its end."""
    text = text_of(span.doc)
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return span.start_char < end and "\n" in text[start:] and not text[:end].rstrip().endswith(".")


def _clause_begins_after(verb, span: Span) -> bool:
    """Whether the clause of `verb` opens with a subordinator ("that", "whether", "if") or a
    quotation mark that stands after the expression."""
    if verb.i >= span.end and any(t.text in ("``", "\u201c", '"') or t.tag_ == "``"
                                  for t in span.doc[span.end:verb.i]):
        return True     # "Wechsler on Thursday: ``Without commenting...'' ": a quotation
    return any(c.dep_ == "mark" and c.lower_ in ("that", "whether", "if") and c.i >= span.end
               for c in verb.children)


def _open_ended(span: Span) -> bool:
    """"payable Dec. 7", "asked it to respond by Oct. 31", "the Jan. 14 deadline": a date in a
    past sentence that is not when something happened but a term set, which may lie ahead
    ("past-open"). "Signed on June 3rd" is plainly past."""
    doc = span.doc
    previous = doc[span.start - 1].lower_ if span.start else ""
    following = doc[span.end].lower_ if span.end < len(doc) else ""
    return previous in _TERM_WORDS or following in ("deadline", "target", "expiry", "expiration")


def _deadline_tense(span: Span, verb, tense: str | None) -> str | None:
    """A date that bounds or schedules something lies ahead whatever the verb's tense:
    "effective Feb. 1", "was postponed until Tuesday", "loans through January"."""
    previous = span.doc[span.start - 1].lower_ if span.start else ""
    if _aux_words(verb) & {"had"}:
        return tense
    if previous == "effective" or (verb.lemma_ in _RESCHEDULING and tense != "future"
                                   and previous in ("until", "till", "to", "through")):
        return "future"
    following = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    if verb.lemma_ in _CHOOSING and span.start == verb.i + 1 and following in ("as", "for") \
            and tense in (None, "past", "present"):
        # "has set Nov. 10 as the deadline", "picked Saturday night as the time to start": the
        # date chosen is of what is to happen, so the nearer of the two either side
        return "planned"
    if verb.lemma_ in _SCHEDULING and tense in ("past", "present") and span.start > verb.i \
            and not _dates_the_scheduling(span, verb):
        # "planned a rally on Saturday", "has scheduled a news conference Thursday": the date is
        # of what was planned, ahead of the planning, so the nearer of the two either side
        return "planned"
    if previous == "for" and verb.lemma_ in _RESCHEDULING | _CHOOSING | {"call", "book"} \
            and tense in ("past", "present") and span.start > verb.i:
        # "was rescheduled for Friday", "set a hearing for Friday", "called a strike for
        # Friday": the day something is set for, ahead of the setting, so the nearer of the two
        return "planned"
    perfect = _perfect(verb) if previous in ("until", "till") else None
    if perfect:
        # "has kept the markets closed until Friday": a state lasting up to now, and on to then;
        # "had kept them closed until Friday": one that ended before the story's time
        return "future" if perfect == "has" else "past"
    if previous in ("until", "till", "by", "through") and tense in (None, "present", "modal"):
        return "future"
    before = span.doc[max(0, span.start - 3):span.start].text.lower()
    if before in ("as early as", "as soon as") and tense in (None, "modal"):  # "could come as early as"
        return "future"
    return tense


def _dates_the_scheduling(span: Span, verb) -> bool:
    """"planned on Monday to...": a date right after the verb, with no object before it, is
    when the planning was done; but "planned a rally on Saturday", "the talks scheduled for
    June 3rd", "were planned for Friday" date what was planned."""
    if verb.tag_ == "VBN" or (span.start and span.doc[span.start - 1].lower_ == "for"):
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "xcomp", "ccomp") and c.i < span.start]
    return not objects


def _verb_tense(verb, depth: int) -> str | None:
    words = _aux_words(verb)
    if words & {"have", "has", "had", "'ve"}:
        return "past"
    if words & _FUTURE_MODALS:
        return "future"
    if words & {"would", "'d"} and verb.dep_ == "ccomp" and verb.head.lemma_ in _REPORTING:
        return "future"     # "said he would travel Thursday": the future as seen when said
    if words & {"could"} and _negated(verb):
        return "past"       # "could not be located Wednesday": an attempt that failed
    if words & _MODALS:
        # "should begin on March 10", "could meet in June": a duty or a possibility, about now
        # or later, but with no pull towards either side of the story's day
        return "modal"
    if verb.tag_ == "VBD" or words & {"did", "was", "were"}:
        return "past"
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "advcl") and not words:
        return "past"       # "the accord signed on June 3rd": done before it is spoken of
    if verb.tag_ == "VBP" and verb.lower_ in _SAME_IN_THE_PAST and not words:
        return "past"       # "weakness in tech stocks hurt the index on Friday": a past
    if verb.tag_ in ("VBZ", "VBP") or words & {"is", "are", "am", "'s", "'re"}:
        # "On Tuesday, the league plans to hold a news conference": what is planned lies ahead
        if verb.lemma_ in _REPORTING:
            return "past"   # "the minister says Tuesday": the saying is news, just gone
        return "future" if verb.lemma_ in _PLANS else "present"
    head = verb.head
    if depth and verb.tag_ == "VBG" and verb.dep_ in ("pcomp", "advcl") and not words:
        # "with the third flight departing from August 6", "after signing it on June 3": an
        # -ing form has no tense of its own; it is in the time of the clause it qualifies
        while head.pos_ == "ADP" and head.head.i != head.i:
            head = head.head
        if head.pos_ in ("VERB", "AUX"):
            return _verb_tense(head, depth - 1)
        return None
    if depth and verb.dep_ in ("xcomp", "ccomp", "conj") and head.pos_ in ("VERB", "AUX"):
        if verb.dep_ == "xcomp" and (head.lemma_ in _FUTURE_HEADS or head.lemma_ == "be") \
                and not _aux_words(head) & {"had"}:
            return "future"
        return _verb_tense(head, depth - 1)
    return None


def _perfect(verb) -> str | None:
    """"has" for a present perfect ("has kept", "has continued to hold them closed"), "had" for
    a past perfect, of the verb or of the verb it completes; None for neither."""
    token = verb
    for _ in range(3):
        words = _aux_words(token)
        if words & {"had", "'d"} and token.tag_ == "VBN":
            return "had"
        if words & {"has", "have", "'ve"}:
            return "has"
        if token.head.i == token.i or token.head.pos_ not in ("VERB", "AUX") or words - {"to"}:
            return None
        token = token.head
    return None


def _negated(verb) -> bool:
    """"did not", "neither X nor Y could": the verb or its subject says no."""
    return any(c.dep_ == "neg" for c in verb.children) or any(
        g.lower_ in ("neither", "nor", "no") for c in verb.children if c.dep_.startswith("nsubj")
        for g in c.subtree)


def _aux_words(verb) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


_REPORTING = {"say", "announce", "tell", "report", "state", "add", "predict", "promise", "warn",
              "indicate", "confirm", "insist", "write"}
# Verbs whose past is written as their present: a tagger may read "hurt" or "cut" as a present.
_SAME_IN_THE_PAST = {"beat", "bet", "bid", "broadcast", "burst", "cast", "cost", "cut", "forecast",
                     "hit", "hurt", "let", "put", "quit", "read", "set", "shed", "shut", "slit",
                     "split", "spread", "thrust", "upset"}
_PLANS = {"plan", "intend", "schedule", "expect", "aim"}
_FUTURE_MODALS = {"will", "'ll", "shall", "wo"}
_MODALS = {"will", "'ll", "shall", "wo", "would", "'d", "may", "might", "could", "should", "must",
           "can", "ca"}
_TERM_WORDS = {"payable", "due", "by", "for", "until", "till", "through", "to", "expire", "expires",
               "expiring", "record", "before", "effective", "the", "a", "an", "its", "their"}
# Verbs whose object is an event set for later: a date of that event lies ahead.
_SCHEDULING = {"plan", "schedule", "slate", "arrange", "organize", "organise"}
# Verbs whose object can be the date itself, chosen for something: "set Nov. 10 as the deadline".
_CHOOSING = {"set", "fix", "pick", "choose", "name", "select", "designate", "target"}
_RESCHEDULING = {"postpone", "delay", "defer", "adjourn", "extend", "reschedule", "move", "push",
                 "give", "grant", "allow"}
_FUTURE_HEADS = {"expect", "forecast", "predict", "project", "plan", "schedule", "intend", "hope",
                 "want", "aim", "seek", "agree", "promise", "vow", "prepare", "threaten", "go",
                 "decide", "set", "due"}
