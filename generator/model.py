"""The data that flows between stages: plain, frozen, JSON-able.

`DocFacts` is what extraction learns from one source (cached on disk); `Graph` is what
resolution makes of all of them (rendered into pages and exported).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["day", "month", "year"]
ActorType = Literal["person", "organization", "country", "place", "group"]
ACTOR_TYPES: tuple[str, ...] = typing.get_args(ActorType)


# --- serialisation -------------------------------------------------------------------

def to_dict(obj) -> dict:
    return dataclasses.asdict(obj)


def from_dict(cls, data):
    """Rebuild a (nested) frozen dataclass from `to_dict` output; lists become tuples."""
    hints = typing.get_type_hints(cls)
    return cls(**{f.name: _load(hints[f.name], data[f.name])
                  for f in dataclasses.fields(cls) if f.name in data})


def _load(hint, value):
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return _load(inner[0], value) if len(inner) == 1 else value
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_load(args[0], v) for v in value)
        return tuple(_load(a, v) for a, v in zip(args, value))
    if dataclasses.is_dataclass(hint):
        return from_dict(hint, value)
    return value


# --- input ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Source:
    id: str                  # stable, from the path: also the slug of the source page
    path: str                # relative to the sources folder, POSIX separators
    title: str
    date: str | None         # publication date, ISO day
    text: str                # normalised plain text that every offset refers to
    sha256: str              # of `text`
    url: str | None = None
    publisher: str | None = None
    # The same story republished with small edits: the source this one copies, or the copies
    # of this one (set in resolution). On the source, so that a page that shows it depends on it.
    copy_of: str | None = None
    copies: tuple[str, ...] = ()


# --- per document (extraction) -------------------------------------------------------

@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A name of a possible actor in a sentence. `name` is the surface form without title
    or article; `role` is a title or function the text gives it right there."""
    start: int
    end: int
    text: str
    name: str
    label: str               # spaCy label (PERSON, ORG, GPE, NORP, LOC, FAC) or COLLECTIVE
    sent: int                # index into DocFacts.sentences
    role: str | None = None
    modifier: bool = False   # only modifies a noun ("a Skype call"): not enough, alone, for a page
    country: str | None = None  # COLLECTIVE: the nation named ("Afghan" in "the Afghan government")
    acts: bool = False       # subject or object of a verb outside quoted speech, or introduced as a
                             # company ("engine maker Europrop"): an actor of the sentence


@dataclass(frozen=True)
class TimexFact:
    start: int
    end: int
    text: str
    type: str                # DATE, TIME, DURATION, SET
    value: str               # TimeML value
    sent: int
    mod: str | None = None


@dataclass(frozen=True)
class EventFact:
    sent: int
    trigger: str             # lemma of the verb that names the action ("sign")
    rest: str                # what follows the verb in a headline: "a decree", "to Kabul"
    agents: tuple[int, ...]  # indices into DocFacts.mentions
    others: tuple[int, ...]
    place: int | None        # mention index
    timex: int | None        # index into DocFacts.timexes
    agreements: tuple[int, ...] = ()  # indices into DocFacts.agreements
    negated: bool = False
    passive: bool = False    # no agent named: "27 people were killed"
    acts_on: tuple[int, ...] = ()  # agreements it signs, rejects, delays...: not just mentions
    subject: str = ""        # the subject as written when it is more than a name ("Intra-Afghan talks")
    plural: bool = False     # whether that subject is plural
    done: bool = False       # told as done (past or perfect), not planned or ongoing
    # Told as done in the present perfect ("has won", "have been sold"), in what its sentence
    # asserts or reports, not in a clause in the background.
    perfect: bool = False
    # Told in the simple past ("fell", "was suspended"), in what its sentence asserts or reports:
    # the next step of a story told in order, at the time the story last named (see resolve).
    narrated: bool = False
    modality: str = "happened"  # happened, planned, negated or claimed (see modality.py)
    nominal: bool = False    # named by a noun ("Saturday's opening ceremony"): `subject` is its title
    progressive: bool = False  # present progressive ("is travelling"): with a date, an arrangement
    said_by: tuple[int, ...] = ()  # mentions of who the text reports it from ("X said", "according to X")
    # What befalls the occurrence the clause is about when no one is named doing it: "A test
    # flight was delayed" leaves the flight `planned`, "the summit was called off" `negated`.
    put_off: str = ""
    # Passive, no one named, its subject a description that points back ("the plane was
    # delivered"): the thing the story has already named (see event_merge).
    anaphoric: bool = False
    # An occurrence put off to a time ("the delivery will be delayed until October 2007"): its
    # noun, whose action is planned for that time; who it concerns and what it acts on, as its
    # own words name them or as the sentence before named the occurrence ("delay in delivery of
    # its new A380s"); see event_merge.
    postponed: str = ""
    postponed_of: tuple[int, ...] = ()
    postponed_words: str = ""
    # The action a verb of doing carries, by its lemma: "release" of "began releasing the
    # prisoners", whose trigger is "begin".
    action: str = ""

    @property
    def verb(self) -> str:
        """The lemma of what is done, which says what kind of event it is (see event_merge)
        and what it does to an agreement: "release" of "began releasing the prisoners"."""
        return self.action or self.trigger


@dataclass(frozen=True)
class Clause:
    """A stretch of one sentence: the words of a term of an agreement, say."""
    start: int
    end: int
    sent: int


@dataclass(frozen=True)
class AgreementFact:
    sent: int
    start: int
    end: int
    text: str                # the phrase as written ("an agreement between the United States and the Taliban")
    kind: str                # agreement, deal, decree, ceasefire, exchange...
    parties: tuple[int, ...]  # mention indices
    refers_to: int | None    # for "the agreement": index of the AgreementFact it points back to
    timex: int | None = None
    place: int | None = None
    terms: tuple[Clause, ...] = ()  # what it obliges or allows, as written
    name: str | None = None  # a proper name when the text gives one ("the Doha agreement")
    part_of: int | None = None  # index of the agreement it is said to be part of
    verbal: bool = False     # made by a verb ("agreed to buy X"): its words are no name
    stage: str | None = None  # where this sentence puts it: proposed, signed, collapsed... (LIFECYCLE)
    stage_timex: int | None = None  # the date of that step, when the sentence gives one
    earlier: bool = False    # "the previous agreement": a deal an other one replaces


@dataclass(frozen=True)
class DocFacts:
    source_id: str
    sha256: str
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    timexes: tuple[TimexFact, ...]
    events: tuple[EventFact, ...]
    agreements: tuple[AgreementFact, ...]
    # The text's signature (extract.shingles): how many runs of five words it has, and a sample
    # of their hashes, which finds the copies of one story among the sources.
    shingles: int = 0
    shingle_sample: tuple[int, ...] = ()


# --- across documents (resolution) ---------------------------------------------------

@dataclass(frozen=True)
class Quote:
    source: str              # source id
    sent: int                # 1-based sentence number: the anchor #s<sent> on the source page
    text: str


@dataclass(frozen=True)
class Role:
    title: str
    quote: Quote


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    quotes: tuple[Quote, ...] = ()
    mentions: int = 0
    sources: tuple[str, ...] = ()
    summary: str | None = None
    # Where its page is: None, at the usual path; "" for no page (a human hid it: `hide: true`,
    # or it is `minor`); else the path in content/ a human moved its page to.
    page: str | None = None
    # Named once, in one source, and in nothing that has a page of its own: it stays in the
    # export and as plain text where it is named, with no page (see resolve.graph.minor_actors).
    minor: bool = False


@dataclass(frozen=True)
class Participant:
    actor: str
    role: Literal["agent", "other"]


@dataclass(frozen=True)
class Disagreement:
    """Where one source tells an event otherwise than another: its date or its figures."""
    kind: Literal["date", "figures"]
    value: str               # the date (ISO) or the figures ("3.16, 2138.14") this source gives
    words: str               # the words they are read from
    quote: Quote


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    date: str | None
    precision: Precision | None
    date_text: str | None
    participants: tuple[Participant, ...]
    place: str | None
    quotes: tuple[Quote, ...]
    agreements: tuple[str, ...] = ()
    anchor: str | None = None     # "from 'on Monday' in a source dated 2020-03-23"
    status: str | None = None     # what it does to the agreements it concerns: "signed", "delayed"
    # Where its page is: None, at the usual path; "" for no page (a human hid it: `hide: true`);
    # else the path in content/ a human moved its page to.
    page: str | None = None
    modality: str = "happened"    # happened, planned, negated or claimed
    attribution: tuple[str, ...] = ()  # actor ids of who the sources report it from ("according to X")
    date_basis: str | None = None  # "text": words of the sentence date it; "report": the source's date;
    # "story": words earlier in the story (the day it last named, which it goes on telling)
    statement: bool = False       # a saying dated only by its report, or an event only by the story's day:
                                  # no page of its own for that
    disagreements: tuple[Disagreement, ...] = ()  # where its sources tell it differently
    verb: str | None = None       # the lemma of its verb: what it does to an agreement, whatever its modality
    summary: str | None = None    # a human's, from the page's front matter
    # Facts a human corrected on the page (`corrections`): (key, what the sources say), by key.
    corrected: tuple[tuple[str, object], ...] = ()

    @property
    def actors(self) -> tuple[str, ...]:
        return tuple(p.actor for p in self.participants)


@dataclass(frozen=True)
class Term:
    text: str
    quote: Quote


# The steps of an agreement's life, in the order readers know them.
LIFECYCLE = ("proposed", "negotiating", "signed", "ratification pending", "in force", "suspended",
             "violated", "collapsed")


@dataclass(frozen=True)
class Transition:
    """One step of an agreement's life, as one sentence tells it."""
    status: str
    date: str | None
    precision: Precision | None
    date_text: str | None    # the words the date is read from; None when it is the source's date
    quote: Quote


@dataclass(frozen=True)
class Agreement:
    id: str
    name: str
    kind: str
    parties: tuple[str, ...]
    date: str | None
    precision: Precision | None
    date_text: str | None
    place: str | None
    aliases: tuple[str, ...] = ()
    terms: tuple[Term, ...] = ()
    events: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    part_of: str | None = None    # id of the agreement this one belongs to
    # Where its page is: None, at the usual path; "" for no page (a human hid it: `hide: true`);
    # else the path in content/ a human moved its page to.
    page: str | None = None
    lifecycle: tuple[Transition, ...] = ()   # dated steps, oldest first
    status: str | None = None     # the latest step
    status_since: str | None = None  # the date of the latest step
    summary: str | None = None    # a human's, from the page's front matter
    # Facts a human corrected on the page (`corrections`): (key, what the sources say), by key.
    corrected: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class Graph:
    sources: tuple[Source, ...]
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    agreements: tuple[Agreement, ...]
    facts: tuple[DocFacts, ...] = field(default=(), compare=False, repr=False)
    # source id -> mention index -> actor id: which page each name in a source links to
    mention_actors: dict[str, dict[int, str]] = field(default_factory=dict, compare=False, repr=False)
    # Events without a page of their own (no date from the text, no place, one source, no
    # agreement): exported, and quoted on their actors' and sources' pages, but not pages.
    statements: tuple[Event, ...] = ()
    # Sources that republish another's story with small edits: copy id -> the first telling's id.
    copies: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
