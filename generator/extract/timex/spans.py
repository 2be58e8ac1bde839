"""Where the time expressions are in a parsed document, with TimeML's span conventions.

Candidates are the named-entity recogniser's DATE and TIME spans plus a few patterns it misses
("now", "recently", "daily", "every week", weekday names). Each is then cut to TimeML's shape:
split where it joins two expressions ("the quarter ended Sept. 30", "between 1994 and 1997"),
trimmed of prepositions and possessives, widened to take in a modifier ("early", "about") or a
part of the day ("Friday night"), and joined with a neighbouring clock time ("9 a.m. Tuesday").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from generator.extract.parsed import ids, tagged, text_of
from .rules import impossible_date, normalise
from .words import ADVERB_SETS, DAY_PARTS, MONTHS, ORDINALS, UNITS, WEEKDAYS

# Patterns for what the recogniser tends to miss: vague references, recurrences, weekday names.
_MISSED = re.compile(
    # Every alternative below begins with one of these: the lookahead spares the regex engine
    # trying them all at each of the other words (half the time this search takes).
    r"\b(?=[rnclatyseimwfoqhdpvgb\d])"
    r"(?:(?:right )?now|currently|recently|lately|nowadays|as soon as possible"
    r"|(?:last|this|yesterday|tomorrow) (?:night|morning|afternoon|evening)"
    r"|today|tonight|yesterday|tomorrow"
    # company-report shorthand: "Q3", "Q3 2012", "3Q12", "FY2012", "H1 2013"
    r"|Q[1-4](?: ?(?:19|20)\d\d)?|[1-4]Q(?:(?:19|20)?\d\d)?|FY ?(?:19|20)?\d\d|H[12] (?:19|20)\d\d"
    r"|(?:\d{1,2}(?::[0-5]\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"(?: o'clock)? in the (?:morning|afternoon|evening|night)"
    r"|\d{1,2} o'clock|\d{1,2}[.:][0-5]\d ?[ap]\.?m\b\.?"
    # "on the 21st" of a month the story is in; "hours later", counted from what it tells of
    r"|the (?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)(?! *(?:[a-z]|\d))"
    r"|(?:hours|minutes|days|weeks|months|years|decades) (?:later|earlier|ago)"
    r"|(?:year|month|week|day|decade|hour|minute)s?-long"
    # "in a fortnight", "four-and-a-half hours": lengths the recogniser misses
    r"|(?:a|one|two|three|four|\d+) fortnights?\b"
    r"|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)-and-a-half[- ]"
    r"(?:second|minute|hour|day|week|month|year)s?\b"
    # "the Eighties", "the late nineties": a decade in words (not "his forties", an age)
    r"|the (?:(?:early|mid|late)[- ])?(?:twenties|thirties|forties|fifties|sixties|seventies"
    r"|eighties|nineties)"
    # "the first Tuesday in November", "the last day of March"
    r"|the (?:first|second|third|fourth|fifth|last|final) (?:(?:mon|tues|wednes|thurs|fri|satur"
    r"|sun)day|day) (?:of|in) (?:january|february|march|april|may|june|july|august|september"
    r"|october|november|december)(?: \d{4})?"
    # "for a second straight day", "in its third week": the day or week of writing, if the
    # present tense says so
    r"|(?:a|the|its|their) (?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|\d{1,2}(?:st|nd|rd|th)) (?:straight |consecutive |successive )?(?:day|week|month|year)\b"
    r"(?!-)"
    # "twice a year", "three times a week": how often, a recurrence
    r"|(?:once|twice|(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many) times)"
    r" (?:a|an|per|each|every) (?:second|minute|hour|day|night|week|month|quarter|year)"
    # "as soon as they arrive", "soon after the vote", "soon-to-open": a relation, not a time
    r"|(?<!as )soon(?! (?:after|before|as|thereafter)\b)(?!-)"
    r"|the (?:near|short|long|longer) term"
    r"|\d{1,2}:?\d\d (?:UTC|GMT)"
    # a clock time in figures without "a.m." ("at 3:15", "until 14:30") or on a 24-hour clock
    # ("at 1430", "0600 hours", "1600 Monday"), where no recent year could be meant
    r"|(?:(?<=\bat )|(?<=\bby )|(?<=\buntil )|(?<=\btill )|(?<=\bfrom )|(?<=\bto )|(?<=\bafter )"
    r"|(?<=\bbefore )|(?<=\baround )|(?<=\babout )|(?<=\bsince ))\d{1,2}:[0-5]\d(?![:.,]?\d)"
    r"|(?:(?<=\bat )(?!19\d\d|20\d\d)|0(?=\d[0-5]\d (?:hours|hrs|local time)\b)"
    r"|(?!19\d\d|20\d\d)(?=\d{4} (?:on )?(?:today|tomorrow|tonight|(?:mon|tues|wednes|thurs|fri"
    r"|satur|sun)day)\b))(?:[01]\d|2[0-3])[0-5]\d(?: (?:hours|hrs|local time))?(?![:.,]?\d)"
    r"|the (?:near |foreseeable |distant )?future"
    r"|the past(?! (?:\w+ )?(?:\w+ )?(?:decade|year|month|week|day|hour|minute|quarter|century"
    r"|centuries|summer|winter|spring|fall|autumn)s?\b)"
    r"|at present|these days|that (?:same |very )?(?:day|week|month|year|morning|afternoon|evening"
    r"|night)|the same (?:day|week|month|year)"
    r"|the (?:following|next|previous|preceding) (?:day|morning|afternoon|evening|night|week"
    r"|month|year)(?!-)"
    r"|(?:every|each) (?:other )?(?:\w+ )?(?:second|minute|hour|day|night|week|month|quarter|year"
    r"|morning|afternoon|evening|(?:mon|tues|wednes|thurs|fri|satur|sun)day|spring|summer|autumn"
    r"|winter)s?"
    r"|(?:(?:the|this|last|next) )?weekends?"
    # "three days a week": how often
    r"|(?:\d+|two|three|four|five|six|seven|several) (?:days|nights|hours) (?:a|an|per) (?:week"
    r"|month|year|day)"
    r"|(?:(?:the|its) )?(?:latest|current|same|comparable|corresponding|year-ago|year-earlier)"
    r" (?:fiscal )?(?:quarter|period)(?: (?:of )?(?:last|the previous|the prior) year)?"
    r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?"
    r"|(?:fiscal[- ])?(?:first|second|third|fourth)[- ](?:fiscal[- ])?quarter"
    r"|Thanksgiving(?: Day)?|Christmas(?: Day| Eve)?|New Year's(?: Day| Eve)?|Election Day|Easter"
    r"|(?:Palm|Easter|Whit) Sunday|Good Friday|Holy (?:Thursday|Saturday|Week)|Maundy Thursday"
    r"|Ash Wednesday|Pentecost|Black Friday|Cyber Monday"
    # "in the fall": a season after a preposition of time ("the fall of Rome", "the fall in
    # prices" are no season)
    r"|(?:(?<=in )|(?<=by )|(?<=until )|(?<=during )|(?<=since ))the (?:fall|autumn|spring|summer"
    r"|winter)(?! (?:of|in|to|from)\b)"
    r"|(?:Presidents'?|President's|Martin Luther King(?: Jr\.?)?|Columbus|Mother's|Father's|Labor"
    r"|Memorial|Veterans'?|Independence|Flag|(?:St\.?|Saint) Patrick's) Day(?: (?:19|20)\d\d)?"
    r"|(?:(?:the|this|last|next) )?(?:Labor|Memorial|Presidents'?|Columbus|Independence|Veterans'?"
    r"|Father's|Mother's|Martin Luther King(?: Jr\.?)?) Day weekend"
    r"|(?:(?:the|this|last|next) )?(?:Thanksgiving|Easter|Christmas|New Year's) week(?:end)?"
    r"|(?:several|a few|many|\d+|(?:twenty|thirty|forty|fifty)?(?:one|two|three|four|five|six|seven"
    r"|eight|nine|ten|eleven|twelve)) (?:more |additional |straight |consecutive )?"
    r"(?:second|minute|hour|day|week|month|quarter|year|decade)s)\b",
    re.IGNORECASE)
# A date written out in full, which the recogniser misses when the comma stands apart
# ("October 10 , 2008", the way tokenised corpora and some feeds write it).
_FULL_DATE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?"
    r" ?, ?\d{4}\b")
# A day of a month written with the month cut short, as news writes dates, which the recogniser
# can take for part of a name ("the Aug. 7 Embassy bombings"); a full month name with a day is
# as often the name of an event ("the September 11th attacks"), left to the recogniser.
_MONTH_DAY = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\. \d{1,2}(?:st|nd|rd|th)?"
                        r"\b(?![.,:/]?\d)")
# "from October to May": the month that is also a modal verb, which the recogniser leaves out,
# found when it ends a range of months
_MAY_ENDING_A_RANGE = re.compile(
    r"(?:(?<=January)|(?<=February)|(?<=March)|(?<=April)|(?<=June)|(?<=July)|(?<=August)"
    r"|(?<=September)|(?<=October)|(?<=November)|(?<=December))(?: (?:to|through|until|till|and|or)"
    r" |-)(?P<may>May)\b")
# "since '82", "in '98": a year cut to two digits after a preposition of time ("iLife '11" is a
# name); "7/8/07": a date in figures.
_SHORT_YEAR = re.compile(r"\b(?:since|in|by|until|till|before|after|from|of|through) "
                         r"(?P<year>['\u2019]\d\d)\b(?!['\u2019]|s\b)", re.IGNORECASE)
# "a tour likely to last over a week": a length after a verb of lasting, which the recogniser
# can miss when the sentence is long
_LASTING = re.compile(r"\b(?:last|lasts|lasted|lasting|take|takes|took|taking) (?P<length>(?:(?:over"
                      r"|more than|less than|about|nearly|almost|at least|up to) )?(?:a|an|one) "
                      r"(?:minute|hour|day|week|fortnight|month|year|decade))\b", re.IGNORECASE)
_FIGURES_DATE = re.compile(r"(?<![\d/.])(?:\d{1,2}/\d{1,2}/(?:\d{4}|\d\d)|\d{4}/\d{1,2}/\d{1,2}"
                           r"|\d{1,2}\.\d{1,2}\.\d{4})(?![\d/]|\.\d)")
_RECURRING_ADVERBS = re.compile(r"(?:hour|dai|night|(?:bi-?)?week|(?:bi-?)?month|year)ly"
                                r"|(?:bi|semi)-?annually", re.IGNORECASE)
_CURRENT = re.compile(r"current|recent", re.IGNORECASE)
_HALF_DAYS = ("morning", "afternoon", "evening", "night")
_SUDDEN_CHANGE = {"become", "change", "turn", "transform", "vanish", "disappear"}
_MODIFIERS = ids(["ADV", "ADJ"])

_SEPARATORS = {"to", "and", "or", "through", "thru", "until", "till", "ended", "ending", "between",
               "from", "-", "\u2013", "\u2014", "vs", "versus", ";"}
_LEADING_DROP = {"in", "on", "at", "by", "since", "until", "till", "from", "for", "during", "of",
                 "between", "through", "to", "and", "or", "just", "only", "barely", "even", "as",
                 "than", "with", "after", "before", "into", "throughout", "'s", "a.m.", "p.m.",
                 "both", "either"}
_TRAILING_DROP = {"and", "or", "to", "of", "'s", "\u2019s", "'", "on", "in", "at", "as", "from",
                  "the", "a", "by", "with", "for"}
_CALENDAR_MODIFIERS = {"early", "late", "mid", "earlier", "later"}
_QUANTITY_MODIFIERS = {"about", "around", "nearly", "almost", "approximately", "roughly"}
_LEFT_PHRASES = {("more", "than"), ("less", "than"), ("at", "least"), ("fewer", "than"),
                 ("no", "more", "than"), ("up", "to")}
_DAYISH = set(WEEKDAYS) | {"today", "yesterday", "tomorrow", "tonight"}
_JOINERS = {",", "on", "at"}
_ONE_DAY = re.compile(r"(?:\d{4}|XXXX)-(?:(?:\d\d|XX)-(?:\d\d|XX)|WXX-\d)(?:T.+)?")


def timex_spans(doc: Doc) -> list[Span]:
    """Candidate time expressions, cut to TimeML's conventions, in document order, disjoint."""
    spans: list[Span] = []
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            spans.extend(_pieces(ent))
    for span in _missed(doc) + _counted_lengths(doc):
        overlapping = [s for s in spans if s.start < span.end and span.start < s.end]
        if all(span.start <= s.start and s.end <= span.end for s in overlapping):
            spans = [s for s in spans if s not in overlapping] + [span]  # "14:58" + " UTC"
    spans = [_widen(span) for span in sorted(spans, key=lambda s: s.start)]
    spans = [s for s in _join_neighbours(_disjoint(spans))
             if not (_is_age(s) or _is_rate_adjective(s) or _is_fraction(s) or _is_a_title(s))]
    return [s for i, s in enumerate(spans) if not _part_of_a_date_after(s, spans[i + 1:i + 2])]


def _part_of_a_date_after(span: Span, following: list[Span]) -> bool:
    """"on the night of Oct. 23", "in the early hours of Saturday": the part of the day is told
    by the date that follows, which TimeML marks alone; "the night" by itself would be a night
    the text never names."""
    doc = span.doc
    words = [t.lower_ for t in span]
    a_part = len(span) == 2 and words[0] in ("the", "that") and words[1] in DAY_PARTS \
        or len(words) == 3 and words[0] == "the" and words[1] in ("early", "late", "small", "wee") \
        and words[2] == "hours"
    return bool(following) and a_part and span.end < len(doc) and doc[span.end].lower_ == "of" \
        and following[0].start == span.end + 1


def _counted_lengths(doc: Doc) -> list[Span]:
    """"about 5 1/2 hours", "almost two and a half years": lengths the recogniser takes for a
    number or a quantity."""
    found = []
    for ent in doc.ents:
        if ent.label_ in ("CARDINAL", "QUANTITY"):
            for end in (ent.end, ent.end + 1):
                span = _trim_edges(doc[ent.start:min(end, len(doc))])
                kind = normalise(span.text, None) if span is not None else None
                if kind and kind[0] == "DURATION" and not re.search(r"quarter|half$", span.text):
                    found.append(span)  # "three-quarters of its food" is a share
                    break
    return found


def _missed(doc: Doc) -> list[Span]:
    found = []
    for m in _MISSED.finditer(text_of(doc)):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None and not (span[0].text[0].islower() and m[0].lower() in
                                     {w for w in WEEKDAYS if len(w) > 3}) \
                and not _discourse_now(span) and not _ordinal_not_a_day(span):
            found.append(span)
    for m in (*_FULL_DATE.finditer(text_of(doc)), *_MONTH_DAY.finditer(text_of(doc)),
              *_SHORT_YEAR.finditer(text_of(doc)), *_MAY_ENDING_A_RANGE.finditer(text_of(doc)),
              *_FIGURES_DATE.finditer(text_of(doc)), *_LASTING.finditer(text_of(doc))):
        group = {_SHORT_YEAR: "year", _LASTING: "length", _MAY_ENDING_A_RANGE: "may"}.get(m.re, 0)
        span = doc.char_span(m.start(group), m.end(group), alignment_mode="expand")
        if span is not None and normalise(span.text, None):
            found.append(span)
    for token in tagged(doc, _MODIFIERS):
        if token.pos_ == "ADV" and (_RECURRING_ADVERBS.fullmatch(token.text) or (
                # "shelled the town overnight"; but "became a star overnight" is "suddenly"
                token.lower_ == "overnight" and token.head.lemma_ not in _SUDDEN_CHANGE)):
            found.append(doc[token.i:token.i + 1])
        elif token.pos_ == "ADJ" and _CURRENT.fullmatch(token.text) and token.i > 0 \
                and doc[token.i - 1].lower_ != "most":
            then = doc[token.i - 1].lower_ == "then"  # "the then current price": a past time
            found.append(doc[token.i - then:token.i + 1])
    return found


def _ordinal_not_a_day(span: Span) -> bool:
    """"the 21st" is a day of the month after "on", "by", "until"...; elsewhere ("finished
    the 21st", "the 3rd of 5") a rank."""
    if not (len(span) == 2 and span[0].lower_ == "the" and span[1].text[0].isdigit()):
        return False
    before = span.doc[span.start - 1].lower_ if span.start else ""
    return before not in ("on", "by", "until", "till", "since", "before", "after")


def _discourse_now(span: Span) -> bool:
    """"Now, he says, ...": opening a sentence before a comma, "now" moves the talk on."""
    doc = span.doc
    return span.text.lower() == "now" and span.end < len(doc) and doc[span.end].text == "," \
        and (span.start == span.sent.start
             or all(t.is_punct or t.is_space for t in doc[span.sent.start:span.start]))


def _pieces(span: Span) -> list[Span]:
    """The span split at the words that join two expressions, each piece trimmed, when every
    piece is a time expression; else the span trimmed whole."""
    doc = span.doc
    cuts = [t.i for t in span if (t.lower_ in _SEPARATORS or t.text == "," or "\n" in t.text)
            and not (t.text == "-" and not doc[t.i - 1].whitespace_  # "year-earlier"
                     and not (doc[t.i - 1].is_digit and t.i + 1 < len(doc) and (
                         doc[t.i + 1].is_digit or doc[t.i + 1].lower_.rstrip(".") in MONTHS)))
            # but "2007-2008", "March 3-5", "Dec. 31-Jan. 2" are two expressions
            and not _and_a_half(doc, t.i)]
    whole = _trim(span)
    if cuts and whole is not None and doc[cuts[0]].lower_ not in ("ended", "ending") \
            and re.fullmatch(r"\d{4}-Q\d", (normalise(whole.text, None) or ("", "XXXX"))[1]
                             .replace("XXXX", "0000")):
        return [whole]  # "the April to June quarter": one quarter, named by its months
    pieces, start = [], span.start
    for cut in cuts + [span.end]:
        piece = _trim(doc[start:cut])
        if piece is not None and len(piece) > 1 and piece[0].is_digit and piece.start > span.start \
                and normalise(piece.text, None) is None:
            piece = doc[piece.start:piece.start + 1]  # "the 2011-12 season": the 12 ends a range
        if piece is not None:
            pieces.append(piece)
        start = cut + 1
    if cuts and pieces and all(normalise(p.text, None) or range_end(p, pieces) for p in pieces):
        return [q for p in pieces for q in _split_of(p)]
    edges = _trim_edges(span)
    if edges is not None and len(_split_of(edges)) > 1:  # before _trim shortens it
        return _split_of(edges)
    whole = _trim(span)
    return _split_of(whole) if whole is not None else []


_DAY_OR_YEAR = re.compile(r"(?:\d{4}|XXXX)-\d\d-\d\d|\d{4}")


def range_end(piece: Span, pieces: list[Span]) -> str | None:
    """"March 3-5", "April 24 and 25", "3 to 5 March", "1990-91": a bare number that names a day
    (or a year) by the date or year next to it, which TimeML marks as an expression of its own.
    The neighbour's value ("XXXX-03-03", "1990") if the number completes it, else None."""
    if len(piece) != 1 or not piece[0].is_digit or piece not in pieces:
        return None
    i = pieces.index(piece)
    for other in pieces[i + 1:i + 2] + pieces[max(0, i - 1):i]:
        found = normalise(other.text, None)
        if not found or not _DAY_OR_YEAR.fullmatch(found[1]) or abs(other.start - piece.end) > 1 \
                and abs(piece.start - other.end) > 1:
            continue
        number, value = piece[0].text, found[1]
        if len(value) == 4 and len(number) in (2, 4) or len(value) > 4 and len(number) <= 2:
            return value
    return None


def _and_a_half(doc: Doc, i: int) -> bool:
    """"a minute and a half": one length of time."""
    return doc[i].lower_ == "and" and doc[i + 1:i + 3].text.lower() in ("a half", "one half")


def _split_of(span: Span) -> list[Span]:
    """"the first nine months of 1997" is two expressions: a length of time, and a year
    ("a quarter of an hour" is one)."""
    if normalise(span.text, None):
        return [span]
    for token in span:
        if token.lower_ == "of" and token.i > span.start:
            left, right = _trim(span.doc[span.start:token.i]), _trim(span.doc[token.i + 1:span.end])
            found = normalise(left.text, None) if left is not None else None
            if found and found[0] == "DURATION" and right is not None \
                    and normalise(right.text, None):
                return [left, right]
    return [span]


def _trim(span: Span) -> Span | None:
    """The span without what TimeML leaves outside: prepositions, "as early as", possessives,
    punctuation; then, if the recogniser took in a stray word ("coup d'etat last year"), without
    the words at the edges that keep it from reading as a time expression."""
    trimmed = _trim_edges(span)
    if trimmed is not None and len(trimmed) > 1 and normalise(trimmed.text, None) is None \
            and not impossible_date(trimmed.text):
        doc, start, end = span.doc, trimmed.start, trimmed.end
        for a, b in ((start + 1, end), (start, end - 1), (start + 2, end)):
            shorter = _trim_edges(doc[a:b]) if b > a else None
            if shorter is not None and _end_of_a_word(shorter):
                continue    # "after-hours": the end of a word is no time of its own
            if shorter is not None and normalise(shorter.text, None) is not None:
                return shorter
    return trimmed


def _end_of_a_word(span: Span) -> bool:
    """Whether the span is the tail of a hyphenated word ("hours" of "after-hours")."""
    doc, i = span.doc, span.start
    return 0 < i and not doc[i - 1].whitespace_ and "-" in (doc[i - 1].text, doc[i].text) \
        and all(not t.whitespace_ for t in span[:-1])


def _trim_edges(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and _drop_first(doc, start, end):
        start += 3 if _as_far_as(doc, start, end) else 1
    while end > start and (doc[end - 1].lower_ in _TRAILING_DROP or doc[end - 1].is_space
                           or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end] if end > start else None


def _drop_first(doc: Doc, i: int, end: int) -> bool:
    token = doc[i]
    if token.lower_ == "at" and i + 1 < end and doc[i + 1].lower_ in ("least", "most"):
        return False
    if token.lower_ in _LEADING_DROP and not token.whitespace_ and i + 1 < end \
            and doc[i + 1].text == "-" and not doc[i + 1].whitespace_:
        return False    # "after-hours trading": the preposition is part of one word
    return (token.lower_ in _LEADING_DROP or token.is_punct or token.is_space
            or (token.lower_ == "last" and token.pos_ in ("VERB", "AUX"))  # "will last a day"
            or (i + 1 < end and token.lower_ == doc[i + 1].lower_)  # "the the end"
            or _as_far_as(doc, i, end) or _count_before_determiner(doc, i, end)
            or _article_of_modifier(doc, i, end))


def _as_far_as(doc: Doc, i: int, end: int) -> bool:
    """"as early as", "as recently as": a comparison around the expression, not part of it."""
    return doc[i].lower_ == "as" and i + 3 < end and doc[i + 2].lower_ == "as"


def _article_of_modifier(doc: Doc, i: int, end: int) -> bool:
    """"a 20th-century", "an Aug. 10 deadline", "a two-day": the article goes with the noun."""
    return doc[i].lower_ in ("a", "an") and i + 1 < end and (
        doc[i + 1].text[0].isdigit() or doc[i + 1].like_num
        or doc[i + 1].lower_.split("-")[0] in ORDINALS
        or doc[i + 1].lower_.rstrip(".") in MONTHS)


def _count_before_determiner(doc: Doc, i: int, end: int) -> bool:
    """"seven a year ago" (from "$1.7 vs. seven a year ago"): the count is of something else."""
    return doc[i].like_num and i + 1 < end and doc[i + 1].lower_ in ("a", "an", "the")


def _widen(span: Span) -> Span:
    """Take in a modifier just before ("early 2020", "about two years", "more than a week",
    "every Thursday", "the week of March 6") and what completes the expression just after
    ("Friday night", "the 1988 period")."""
    doc = span.doc
    start, end = span.start, span.end
    if start >= 2 and [t.lower_ for t in doc[start - 2:start]] == ["week", "of"] \
            and _ONE_DAY.fullmatch((normalise(span.text, None) or ("", ""))[1]):
        # "the week of March 6": the week that day is in, one expression
        start -= 3 if start >= 3 and doc[start - 3].lower_ == "the" else 2
        return doc[start:end]
    if start >= 3 and [t.lower_ for t in span] in (["the", p] for p in _HALF_DAYS) \
            and doc[start - 1].lower_ == "in" and doc[start - 2].like_num:
        # "4 in the morning": a clock time, one expression
        start -= 2
    if start >= 2 and doc[start - 1].lower_ == "in" and doc[start - 2].lower_ in (
            "early", "earlier", "late", "later") and not _is_ref(span) \
            and normalise(doc[start - 2:end].text, None) is not None:
        start -= 2      # "earlier in March", "early in 2014": one expression, as "early 2014"
    previous = doc[start - 1].lower_ if start > 0 else ""
    quantity = span[0].like_num or span[0].lower_ in ("a", "an")
    if previous in _CALENDAR_MODIFIERS and not _is_ref(span) or previous in ("every", "each") \
            or previous in _QUANTITY_MODIFIERS and quantity \
            or previous in ("this", "last", "next", "the", "that") and span[0].lower_ in UNITS \
            or previous == "this" and span[0].lower_ == "past" and len(span) > 1:  # this past week
        start -= 1
    elif quantity:
        for phrase in _LEFT_PHRASES:
            n = len(phrase)
            if start >= n and tuple(t.lower_ for t in doc[start - n:start]) == phrase:
                start -= n
                break
    following = doc[end].lower_ if end < len(doc) else ""
    if following.rstrip("s") in DAY_PARTS and doc[end - 1].lower_ in _DAYISH:
        end += 1
    elif following in ("period", "quarter") and span[-1].lower_ not in ("period", "quarter"):
        end += 1
        if start > 0 and doc[start - 1].lower_ in ("the", "this", "that"):
            start -= 1
    if end + 1 < len(doc) and doc[end].lower_ == "from" and doc[end + 1].lower_ == "now" and \
            (normalise(doc[start:end].text, None) or ("",))[0] == "DURATION":
        end += 2    # "two days from now": a date
    elif [t.lower_ for t in doc[start:end]] in (["the", u] for u in ("week", "month", "year")) \
            and end < len(doc) and doc[end].lower_ in ("before", "after") \
            and (end + 1 == len(doc) or doc[end + 1].is_punct):
        end += 1    # "exports had risen the year before."
    if end < len(doc) and doc[end].lower_ in ("ago", "earlier", "later") and \
            (normalise(doc[start:end].text, None) or ("",))[0] == "DURATION" and \
            (normalise(doc[start:end + 1].text, None) or ("",))[0] != "DURATION":
        end += 1
    return _without_signal(doc[start:end])


def _without_signal(span: Span) -> Span:
    """"Three days later" is a length of time ("three days") and a signal ("later")."""
    if len(span) > 1 and span[-1].lower_ in ("later", "earlier") and \
            (normalise(span.text, None) or ("",))[0] == "DURATION":
        return span[:-1]
    return span


def _is_ref(span: Span) -> bool:
    found = normalise(span.text, None)
    return found is None or found[1].endswith("_REF")


def _disjoint(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        if out and span.start < out[-1].end:
            if len(span) > len(out[-1]):
                out[-1] = span
            continue
        out.append(span)
    return out


def _join_neighbours(spans: list[Span]) -> list[Span]:
    """"9 a.m." + "Tuesday", "Thursday" + ", Jan. 6", "5 p.m. EST" + ", Nov. 9": one expression,
    when together they name one day or one time of a day; "weeks" + "or months": one length."""
    out: list[Span] = []
    for span in spans:
        gap = span.doc[out[-1].end:span.start] if out else None
        if gap is not None and len(gap) <= 1 and (all(t.text in _JOINERS for t in gap) or (
                gap[0].lower_ in ("before", "after") and out[-1][-1].lower_ == "day")):
            joined = span.doc[out[-1].start:span.end]
            found = normalise(joined.text, None)
            if found and _ONE_DAY.fullmatch(found[1]):
                out[-1] = joined
                continue
        if gap is not None and len(gap) == 1 and gap[0].lower_ in ("or", "and") \
                and _vague_length(out[-1]) and _vague_length(span):
            out[-1] = span.doc[out[-1].start:span.end]  # "weeks or months": one vague length
            continue
        out.append(span)
    return out


def _vague_length(span: Span) -> bool:
    found = normalise(span.text, None)
    return found is not None and found[0] == "DURATION" and "X" in found[1]


def _is_age(span: Span) -> bool:
    """"a 52-year-old", "52 years old", "in his 30s": ages, which TimeML corpora leave
    unannotated."""
    doc = span.doc
    last = span[-1]
    after = doc[span.end] if span.end < len(doc) else None
    before = [t.lower_ for t in doc[max(0, span.start - 2):span.start]]
    return bool(re.search(r"(?:year|month|week|day)s?[- ]old$", span.text.lower())) or (
        after is not None and after.lower_ in ("old", "-old") and
        re.search(r"(?:year|month)s?$", last.lower_) is not None) or (
        bool(_POSSESSIVES.intersection(before)) and re.fullmatch(
            r"(?:(?:early|mid|late)[- ]?)?(?:\d0s|twenties|thirties|forties|fifties|sixties"
            r"|seventies|eighties|nineties)", span.text.lower()) is not None)


_POSSESSIVES = {"his", "her", "their", "my", "your", "our", "its"}
_DEICTIC = re.compile(r"(?:today|tonight|tomorrow|yesterday|now|this (?:week|morning|year|month)"
                      r"|(?:good )?morning|(?:the )?(?:\w+ )?hour|\d+ (?:seconds|minutes|hours|days))",
                      re.IGNORECASE)


def _is_a_title(span: Span) -> bool:
    """"ABC News' "This Week"", "This is VOA Today", "CBS's "60 Minutes"": a programme or a
    paper named after a time ("USA Today"), told by capitals a sentence in ordinary case would
    not have."""
    if not _DEICTIC.fullmatch(span.text) or not all(t.text[0].isupper() or t.text[0].isdigit()
                                                    for t in span) \
            or not any(t.text[0].isupper() for t in span):
        return False
    words = [t for t in span.sent if t.is_alpha and t.i != span.sent.start and not t.is_upper
             and not span.start <= t.i < span.end]
    if sum(t.text[0].isupper() for t in words) > len(words) / 2:
        return False    # a headline in title case
    previous = span.doc[span.start - 1] if span.start > span.sent.start else None
    if len(span) > 1:
        return previous is not None
    return previous is not None and previous.is_alpha and previous.text[0].isupper()


def _is_fraction(span: Span) -> bool:
    """"more than a quarter of the market": a share of something, not three months."""
    doc, end = span.doc, span.end
    if len(span) < 2 or (span[-2].lower_, span[-1].lower_) not in _FRACTIONS \
            or end + 1 >= len(doc) or doc[end].lower_ != "of":
        return False
    return not any(normalise(doc[end + 1:end + n].text, None) for n in (2, 3, 4)
                   if end + n <= len(doc))


_FRACTIONS = {("a", "quarter"), ("one", "quarter"), ("three", "quarters"), ("a", "half"),
              ("one", "half")}


def _is_rate_adjective(span: Span) -> bool:
    """"a quarterly dividend", "annually adjusted", "to rise 8% annually": the reporting period
    of a figure, not a time. "The ceremony is held annually" tells how often something happens."""
    if len(span) != 1 or span[0].dep_ not in ("amod", "advmod") \
            or ADVERB_SETS.get(span[0].lower_) not in ("P3M", "P1Y"):
        return False
    token = span[0]
    previous = token.doc[token.i - 1] if token.i else None
    of_an_event = token.dep_ == "advmod" and token.head.pos_ == "VERB" and previous is not None \
        and previous.pos_ in ("ADV", "VERB", "AUX", "PUNCT") and previous.text != "%"
    return not of_an_event
