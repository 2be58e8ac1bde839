"""Which reports of events tell the same event: within one source and across sources.

Pure. A report is one event fact of one source, with its actors resolved. Two reports are one
event when they tell the same kind of action (the same verb, or its noun: "filed" and "the
filing"), by the same participants, with dates and places that can be the same. A plan told
before and the deed told after are one event that happened, when the deed is on the day the
plan gave or is of what happens once; and what happens once, told by one source naming no one
("since its launch in 2003"), is the one another source tells with its participants when the
sentence names what that one acted on. Merging is conservative, since an over-merge misleads
more than a split: two actions of one actor on different things, or on days that cannot be
the same, stay apart.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

# A noun or a second verb for an action, and the action it names: "the filing" is a filing,
# "a sale" a selling, "the trip" a travelling.
_FAMILIES = {
    "filing": "file", "sale": "sell", "purchase": "buy", "acquisition": "acquire", "takeover": "acquire",
    "bankruptcy": "bankrupt", "resignation": "resign", "introduction": "introduce", "unveiling": "unveil",
    "delivery": "deliver", "launching": "launch", "announcement": "announce", "signing": "sign",
    "meeting": "meet", "killing": "kill", "arrest": "arrest", "release": "release", "closure": "close",
    "opening": "open", "invasion": "invade", "withdrawal": "withdraw", "decision": "decide",
    "ruling": "rule", "death": "die", "merger": "merge", "election": "elect", "approval": "approve",
    "rejection": "reject", "departure": "depart", "arrival": "arrive", "appointment": "appoint",
    "trip": "travel", "visit": "travel", "tour": "travel", "fly": "travel", "flight": "travel",
    "journey": "travel", "travel": "travel",
}
# Verbs that only carry the action of the noun they take: "undertook a trip" is a trip,
# "made a visit" a visit, "held a meeting" a meeting.
_LIGHT_VERBS = frozenset("make undertake take hold conduct pay stage carry".split())
# Verbs that start what their object names: "launched an attack" is an attack, and attacks
# recur; it is no launch, which happens once to what is launched ("launched the iPhone").
_STARTING_VERBS = frozenset("launch mount".split())
_STARTED = frozenset("attack offensive assault raid strike campaign bid probe investigation inquiry "
                     "effort attempt appeal operation protest boycott review crackdown".split())
# Actions that happen once to what they act on: a product is launched once, a person resigns a
# post once. Two reports of one of these by the same actors on the same thing are one event
# even when one gives only the year, or one a day the other misses by a day or two.
_ONCE = frozenset("launch introduce unveil debut resign retire found die acquire merge bankrupt "
                  "defeat".split())
# Of those, the ones whose object says nothing more ("resigned in a letter", "resigned from
# his post"): their reports need not name the same thing.
_INTRANSITIVE = frozenset("resign retire die".split())
# What happens once to one agreement: it is reached (struck, sealed, agreed), signed, ratified.
# Reports of that by any words, on the agreement the sources resolve to, tell one event; the
# verbs of the first group are one action ("reached a pact" is "agreed to a pact").
# An agreement, an offer or a contract also ends once, whatever word ends it ("terminated its
# offer", "ended its offer", "withdrew its offer"), and is carried out once ("completed",
# "closed").
_DEAL_ACTIONS = {"reach": "agree", "strike": "agree", "seal": "agree", "conclude": "agree",
                 "hammer": "agree", "ink": "sign", "finalise": "finalize",
                 **dict.fromkeys("terminate cancel scrap abandon withdraw collapse".split(), "end"),
                 "close": "complete"}
_ONCE_TO_A_DEAL = frozenset("agree sign ratify approve finalize complete end".split())
_SPEECH = frozenset("say announce state tell claim declare".split())
_SPEECH_FORMS = frozenset("said says saying told tells announced announces stated states claimed "
                          "claims declared declares that this with from have would will".split())
_NAMED = "\0named"        # the index key of the reports that name who acted
_RECENT_DAYS = 7         # a story reports as news what happened within the week before it
_DISAGREE_DAYS = 2       # one event may be told a day or two apart by two sources
_ANAPHOR_REACH = 2       # sentences back that a description pointing back may reach ("the plane")
# Two reports naming no one and no name in common tell one thing only with this many words of
# it in common ("[began] in protest at employers' plans for 800 redundancies", "in protest
# against plans for 800 redundancies"): "the third quarter ended" is every company's.
_UNNAMED_WORDS = 3
_COPY_MIN_WORDS = 6
_COPY_OVERLAP = 0.75
_MINOR_WORDS = frozenset("the a an of to in on for from with by at as its his her their new first "
                         "this that than some more most has have had was were been being about only "
                         "also".split())


@dataclass
class Report:
    """One source's telling of an event, as the merge compares it."""
    source: str
    source_date: str | None
    trigger: str
    modality: str
    agents: tuple[str, ...]
    others: tuple[str, ...]
    date: str | None            # ISO, cut to its precision
    place: str | None
    rest: str                   # the words after the verb in a headline: what it acted on
    subject: str                # a described subject ("Stock markets around the world")
    sentence: str
    deals: frozenset[str] = frozenset()     # the agreements it acts on, as resolved
    by_report: bool = False     # dated only by its story's date, no words of time of its own
    sent: int = 0               # its sentence's place in its source
    anaphoric: bool = False     # its subject points back: "the plane was delivered"
    postponed: bool = False     # an occurrence put off to its date: "the delivery delayed until October"
    family: str = field(init=False)
    objects: frozenset[str] = field(init=False)
    told: frozenset[str] = field(init=False)

    def __post_init__(self):
        self.family = action_of(self.trigger, self.rest)
        if self.deals:
            self.family = _DEAL_ACTIONS.get(self.family, self.family)
        self.objects = _words(self.rest) | (_words(self.subject) if not self.agents else frozenset())
        self.told = _content_words(self.sentence)

    @property
    def who(self) -> tuple[str, ...]:
        return self.agents or self.others


def action_of(trigger: str, rest: str = "") -> str:
    """The kind of action a verb or noun names, a light verb taking its noun's:
    "undertook the unannounced trip" travels."""
    if trigger == "step" and rest.lower().startswith("down"):
        return "resign"         # "chose to step down from his post"
    if trigger in _LIGHT_VERBS:
        for word in re.findall(r"[a-z]+", rest.lower())[:6]:
            if word in _FAMILIES:
                return _FAMILIES[word]
    if trigger in _STARTING_VERBS:
        for word in re.findall(r"[a-z]+", rest.lower())[:4]:
            if word in _STARTED:
                return _FAMILIES.get(word, word)
    return _FAMILIES.get(trigger, trigger)


def cluster(reports: list[Report]) -> list[list[int]]:
    """Reports grouped into events, each group in the order of `reports`, groups in the order of
    their first report. A report joins the first group it tells the same event as, and whose
    every dated report its date can agree with: no chain of near matches joins two days."""
    groups: list[list[int]] = []
    index: dict[tuple, list[int]] = {}
    for i, report in enumerate(reports):
        keys = [(report.family, actor) for actor in report.who] or [(report.family, None)]
        keys.append((report.family, report.source))
        looked = list(keys)
        if report.family in _ONCE:
            # What happens once, told by one source naming no one ("since its launch in
            # 2003"), may be what another tells with its participants: each looks the other up.
            looked.append((report.family, _NAMED if not report.who else None))
            if report.agents:
                keys.append((report.family, _NAMED))
        candidates = sorted({g for key in looked for g in index.get(key, ())})
        if report.anaphoric and not report.who:
            # "The plane was delivered": of two actions of this kind told just before, which
            # one it points back to cannot be told, so it joins neither.
            antecedents = [g for g in candidates if any(_told_again(reports[j], report) for j in groups[g])]
            if len(antecedents) > 1:
                candidates = [g for g in candidates if g not in antecedents]
        home = next((g for g in candidates
                     if any(same_event(reports[j], report) for j in groups[g])
                     and all(_dates_fit(reports[j], report) for j in groups[g])), None)
        if home is None:
            home = len(groups)
            groups.append([])
        groups[home].append(i)
        for key in keys:
            bucket = index.setdefault(key, [])
            if not bucket or bucket[-1] != home:
                bucket.append(home)
    return groups


def same_event(a: Report, b: Report) -> bool:
    """Whether two reports tell one event (see the module's docstring)."""
    if a.family != b.family:
        return False
    if a.modality != b.modality:
        return _plan_and_deed(a, b)
    if a.source != b.source and a.who == b.who and copied(a, b):
        return _dates_fit(a, b)             # a wire story republished with small edits
    if _told_unnamed(a, b) or _told_unnamed(b, a):
        return True
    if _told_again(a, b) or _told_again(b, a):
        return True
    if not _same_side(a, b):
        return False
    fit = _objects_fit(a, b)
    if not fit and _one_statement(a, b):
        return True
    if fit is None:             # one names what it acted on, the other nothing: the same day only
        return bool(a.date) and a.date == b.date and len(a.date) == 10
    return fit and _dates_agree(a, b)


def _same_side(a: Report, b: Report) -> bool:
    """The same place, if both give one, and the same participants: an agent in common, or,
    where neither names who acted, the same others."""
    if a.place and b.place and a.place != b.place:
        return False
    if a.agents and b.agents:
        return bool(set(a.agents) & set(b.agents))
    # one names who acted and the other does not: not known to be one
    return not (a.agents or b.agents) and set(a.others) == set(b.others)


def _told_unnamed(bare: Report, full: Report) -> bool:
    """What happens once, told by one source with no one named ("4 billion songs were bought
    from the iTunes store since its launch in 2003") and by another with who did it to what
    ("Apple launched the iTunes Music Store in 2003"): one event when the name the first one's
    sentence gives last before the action is a name of what the second acted on, and their
    dates are one within the other. "Bands have played at the Norvale Arena since its launch"
    is not the launch of the Norvale Film Club."""
    if bare.who or not full.agents or bare.source == full.source or full.family not in _ONCE \
            or not (bare.date and full.date and _within(bare.date, full.date)):
        return False
    acted_on = _names(full.rest) - _MINOR_WORDS
    own = _names(bare.rest) - _MINOR_WORDS
    if own and not own <= acted_on:
        return False
    owner = _owner_named(bare)
    return bool(owner) and owner <= acted_on


def _owner_named(report: Report) -> frozenset[str]:
    """The words of the name its sentence gives last before the action's noun: whose launch
    "its launch" is, in "downloaded from the iTunes store since its launch"."""
    at = re.search(rf"\b{re.escape(report.trigger)}", report.sentence, re.IGNORECASE)
    if at is None:
        return frozenset()
    names = re.findall(r"(?:\b[a-z]*[A-Z][\w-]*\s+)+", report.sentence[:at.start()])
    return _names(names[-1]) - _MINOR_WORDS if names else frozenset()


def _told_again(first: Report, again: Report) -> bool:
    """One story telling an action with its participants ("The first A380 was delivered today
    to Singapore Airlines") and, just after, again by a description that points back and names
    no one ("After the plane was delivered in Singapore, ..."): one event. The second names no
    one, so the first's participants are not contradicted; a place or a name of its own must
    agree with the first's, and its date, if any, fit the first's."""
    if first.source != again.source or not again.anaphoric or again.who or not first.who:
        return False
    if not first.sent < again.sent <= first.sent + _ANAPHOR_REACH:
        return False
    if first.place and again.place and first.place != again.place:
        return False
    own = _names(again.rest) - set((again.place or "").split("-"))
    if own - _names(f"{first.rest} {first.subject}"):
        return False
    return _dates_fit(first, again)


def _plan_and_deed(a: Report, b: Report) -> bool:
    """A plan told by one source and its doing told by another: "CYACQ will terminate its
    offer" and "CYACQ terminated its offer on April 3". By the same participants on the same
    thing, told as planned before it was done, and either on the very day the plan gave, or,
    for what happens once to what it acts on (a deal ends once, a product is launched once),
    on a date the plan allows. A plan and a deed of what recurs, on days not known to be one,
    stay two: "will sell shares" and "sold shares in March" may be two sales."""
    plan, deed = (a, b) if a.modality == "planned" else (b, a)
    if plan.modality != "planned" or deed.modality != "happened" or plan.source == deed.source \
            or not plan.source_date:
        return False
    if not (plan.who or plan.deals & deed.deals):
        return False            # "results will be announced" names no one: whose results?
    if not _same_side(plan, deed) or _objects_fit(plan, deed) is not True:
        return False
    told = plan.source_date[:10]
    if deed.date and _span(deed.date)[1] < dt.date.fromisoformat(told):
        return False            # done before the plan was told: not this plan's doing
    if plan.date and deed.date and plan.date == deed.date and len(deed.date) == 10:
        return True             # "will impose the tariffs on April 17" ... "imposed them on April 17"
    # What was put off to a time is one occurrence already set ("the delivery, originally due
    # this year, will be delayed until October 2007"): done in that time, it is that one.
    if not (_once(plan, deed) or plan.postponed):
        return False
    if deed.date:
        return not plan.date or _dates_fit(plan, deed)
    if not deed.source_date or deed.source_date[:10] < told:
        return False
    return not plan.date or _fits_story(plan.date, deed)


def _one_statement(a: Report, b: Report) -> bool:
    """What one speaker said on one day, told by two sources in other words: "Jobs said
    yesterday that Apple will offer a free case" and "In a July 16 press conference, Jobs said
    that all iPhone 4 buyers would be eligible to receive a free case". The same speakers, the
    same day in the text, and three words of substance in common."""
    if a.family not in _SPEECH or not a.agents or set(a.agents) != set(b.agents):
        return False
    if not (a.date and a.date == b.date and len(a.date) == 10):
        return False
    names = {w for actor in a.agents for w in actor.split("-")}
    return len((a.told & b.told) - names - _SPEECH_FORMS) >= 3


def copied(a: Report, b: Report) -> bool:
    """Nearly the same words: one sentence copied into another source with small edits."""
    if min(len(a.told), len(b.told)) < _COPY_MIN_WORDS:
        return False
    return len(a.told & b.told) >= _COPY_OVERLAP * len(a.told | b.told)


def _once(a: Report, b: Report) -> bool:
    """Whether the action happens once to what both act on (see _ONCE and _ONCE_TO_A_DEAL)."""
    return a.family in _ONCE or a.family in _ONCE_TO_A_DEAL and bool(a.deals & b.deals)


def _objects_fit(a: Report, b: Report) -> bool | None:
    """What the two acted on can be the same thing: words in common and no number that differs
    ("launched the iPhone 4" is not "launched the iPhone 3G"). Within a source, or for an action
    that takes no object ("resigned"), a report that names nothing fits any; across sources,
    None when only one names something."""
    if a.family in _INTRANSITIVE:
        return True
    if a.deals and b.deals:
        return bool(a.deals & b.deals)      # "reached the agreement" and "reached a pact" alike
    if a.source == b.source and (a.place and a.place == b.place or _refers_back(a) or _refers_back(b)):
        return True         # "flew to Kabul ... the trip to Kabul", "... undertook the trip"
    # The action's own noun is nothing it acted on: "since its launch" names no thing.
    things_a, things_b = _things(a), _things(b)
    if not things_a or not things_b:
        if a.source == b.source or not things_a and not things_b:
            return bool(a.agents) or a.source == b.source
        return None
    if not things_a & things_b:
        return False
    models_a, models_b = _models(a.rest), _models(b.rest)
    if models_a and models_b and not models_a & models_b:
        return False
    # Each names something the other does not: "the Norvale Music Store" is not "the Norvale
    # Video Store", though both are Norvale's stores.
    if a.source == b.source:
        return True             # one story telling one thing with more names the second time
    if not (a.who or b.who or a.deals or b.deals) and \
            not _names(f"{a.rest} {a.subject}") & _names(f"{b.rest} {b.subject}") and \
            len({w for w in things_a & things_b if not w[:1].isdigit()}) < _UNNAMED_WORDS:
        return False            # no one named, and no name in common: "1986 results announced"
    names_a, names_b = _names(a.rest), _names(b.rest)
    return not (names_a - names_b and names_b - names_a)


def _things(report: Report) -> frozenset[str]:
    """What it acted on, without the words of the action itself: a headline in the passive
    ("auction results to be announced") has its own verb among its words."""
    verb = report.trigger
    stem = verb[:-1] if verb.endswith("e") and len(verb) >= 4 else verb     # "announc", "end", "see"
    return frozenset(w for w in report.objects
                     if action_of(w) != report.family and not (len(stem) >= 3 and w.startswith(stem)))


def _dates_agree(a: Report, b: Report) -> bool:
    """Whether two reports that match otherwise can be of the same time."""
    if _headline_of(a, b) or _headline_of(b, a):
        return True
    if a.date and b.date:
        # A month or a year is too coarse to tell that two sources report one sale: two
        # sales of shares "in 2008" may be two.
        if a.date == b.date and (len(a.date) == 10 or a.source == b.source):
            return True
        if a.source == b.source or _once(a, b):
            if _within(a.date, b.date):
                return True
        # "Northrop Grumman and EADS defeated Boeing" is the defeat by "Northrop Grumman, Airbus
        # and EADS": one side names all the other names, and a day or two apart is one day told twice.
        return _once(a, b) and _one_side(a, b) and _days_apart(a.date, b.date) <= _DISAGREE_DAYS
    if a.date or b.date:
        dated, undated = (a, b) if a.date else (b, a)
        if a.source == b.source:
            return True         # "Jobs resigned on August 24 ... Jobs resigned in a letter"
        # Across sources only an action that happens once: a market falls every week.
        return _once(a, b) and _fits_story(dated.date, undated)
    if a.source == b.source:
        return set(a.who) == set(b.who)
    # Undated in two sources: only an action that happens once, by the same actors on the
    # same named thing, in stories of the same week.
    return _once(a, b) and a.agents == b.agents and bool(a.objects & b.objects or a.deals & b.deals) \
        and _story_days_apart(a, b) <= _RECENT_DAYS


def _headline_of(news: Report, told: Report) -> bool:
    """One story telling its news twice: once with no time of its own, dated by the story
    ("Boeing 787 Dreamliner makes maiden flight"), once with the day it happened, in the week
    before ("made its first test flight Tuesday")."""
    if news.source != told.source or not news.by_report or told.by_report or not (news.date and told.date):
        return False
    if len(told.date) != 10 or news.date != (news.source_date or "")[:10]:
        return False
    return 0 <= (dt.date.fromisoformat(news.date) - dt.date.fromisoformat(told.date)).days <= _RECENT_DAYS


def _one_side(a: Report, b: Report) -> bool:
    return set(a.agents) <= set(b.agents) or set(b.agents) <= set(a.agents)


def _dates_fit(a: Report, b: Report) -> bool:
    """Whether two reports of one group may stand side by side: their dates, where both have
    one, may be the same time (one within the other, or a day or two apart)."""
    if not (a.date and b.date):
        return True
    return _within(a.date, b.date) or _days_apart(a.date, b.date) <= _DISAGREE_DAYS \
        or _headline_of(a, b) or _headline_of(b, a)


def _fits_story(date: str, undated: Report) -> bool:
    """An undated report in a story of day D tells what happened by D (or, planned, after it)."""
    if not undated.source_date:
        return False
    first, last = _span(date)
    story = dt.date.fromisoformat(undated.source_date[:10])
    if undated.modality == "planned":
        return last >= story
    return first <= story


def _story_days_apart(a: Report, b: Report) -> int:
    if not (a.source_date and b.source_date):
        return 1 << 30
    return _days_apart(a.source_date[:10], b.source_date[:10])


def _within(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _days_apart(a: str, b: str) -> int:
    """Days between two dates, 0 when their spans overlap."""
    (a0, a1), (b0, b1) = _span(a), _span(b)
    if a1 < b0:
        return (b0 - a1).days
    if b1 < a0:
        return (a0 - b1).days
    return 0


def _span(date: str) -> tuple[dt.date, dt.date]:
    parts = [int(p) for p in date[:10].split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        following = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return first, following - dt.timedelta(days=1)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def _refers_back(report: Report) -> bool:
    """"undertook the unannounced trip": what it acted on is only the noun of its own action,
    with no name, so it is the action the story told before."""
    return not _names(report.rest) and any(_FAMILIES.get(w) == report.family for w in report.objects)


def _names(text: str) -> frozenset[str]:
    """The capitalised words of a phrase: the names in what an action acted on."""
    return frozenset(w.lower() for w in re.findall(r"\b[a-z]*[A-Z][\w-]*", text))


def _models(text: str) -> frozenset[str]:
    """Numbers that name a thing ("iPhone 4", "A380", "3G", "777-200LR"), not an amount
    ("$40 billion", "179 tankers"): those tell two things apart."""
    glued = re.findall(r"\b(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]+", text)
    after_name = re.findall(r"\b[a-z]*[A-Z][\w-]*\s+(\d[\w.-]*)", text)
    return frozenset(w.lower() for w in glued + after_name)


def figures(text: str) -> frozenset[str]:
    """The numbers a report gives: "by 3.16 % to 2138.14" -> {"3.16", "2138.14"}."""
    return frozenset(m.replace(",", "") for m in re.findall(r"\d[\d,]*(?:\.\d+)?", text))


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+(?:\.[0-9]+)?", text.lower())
                     if w not in _MINOR_WORDS and (len(w) > 2 or w.isdigit()))


def _content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 3 or w.isdigit())
