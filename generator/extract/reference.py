"""Who a subject stands for when it names no one: "they", "the two sides", "the group".

Only the cheap, reliable cases of coreference: a pronoun that repeats the subject of the
verb reporting it ("X and Y said they signed"), a plural noun for the pair just named
("the two companies"), and a group noun for the organisation just named ("the group had
rejected"). Anything else stays unresolved: no actor is better than a wrong one.
"""

from __future__ import annotations

from spacy.tokens import Token

from generator.model import Mention
from .countries import lookup
from .lexicon import REPORTING_VERBS
from .parsed import ids

CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "conj", "xcomp", "acl", "parataxis", "csubj"})
# The same, and the parts of speech that open a clause, as the numbers spaCy stores: reading
# `dep_` and `pos_` looks a string up for every word of every clause walked.
CLAUSE_DEP_IDS = ids(CLAUSE_DEPS)
VERB_IDS = ids(["VERB", "AUX"])


def nested_clause(token: Token) -> bool:
    """A clause of its own inside a phrase ("the man [who left]"): where a phrase ends."""
    return token.dep in CLAUSE_DEP_IDS and token.pos in VERB_IDS
# Plural nouns that stand for the last pair of actors named together.
_PAIR_NOUNS = frozenset("side sides party parties company companies firm firms country countries "
                        "government governments nation nations".split())
# Singular nouns that stand for the organisation named last.
_GROUP_NOUNS = frozenset("group movement organisation organization company firm insurgency "
                         "militia party airline carrier bank lender insurer manufacturer maker "
                         "retailer agency".split())
_PRONOUNS = {"they": "plural", "we": "plural", "it": "singular", "he": "singular", "she": "singular"}
# How far back (in sentences) a group noun may point.
_GROUP_REACH = 1


def mentions_in(token: Token, mention_at: dict[int, int]) -> list[int]:
    """Mentions in a phrase, not counting the clauses nested inside it."""
    stack, found = [token], []
    while stack:
        t = stack.pop()
        if t.i in mention_at:
            found.append(mention_at[t.i])
        stack += [c for c in t.children if not nested_clause(c)]
    return sorted(set(found))


def subject_mentions(subject: Token, mention_at: dict[int, int], mentions: list[Mention]) -> list[int]:
    """The actors a subject names, directly or through one of the references above."""
    return (mentions_in(subject, mention_at) or led_by(subject, mention_at) or _pronoun(subject, mention_at)
            or sides(subject, mention_at, mentions) or _group(subject, mention_at, mentions))


_LED_GROUPS = frozenset("group consortium syndicate coalition alliance partnership team venture".split())


def led_by(subject: Token, mention_at: dict[int, int]) -> list[int]:
    """"An investment group led by Audio/Video Affiliates", "a consortium headed by X": a
    body named only by who leads it acts as its leader, the one name the story gives it."""
    if subject.lemma_.lower() not in _LED_GROUPS:
        return []
    for clause in subject.children:
        if clause.dep_ == "acl" and clause.lemma_.lower() in {"lead", "head"}:
            for agent in clause.children:
                if agent.dep_ == "agent":
                    return mentions_in(agent, mention_at)
    return []


def sides(subject: Token, mention_at: dict[int, int], mentions: list[Mention] | None = None) -> list[int]:
    """"the two sides", "both companies": the last pair of actors named together before; or,
    for "the two countries" / "both companies", the last two of that kind named just before."""
    noun = subject.lemma_.lower()
    if noun not in _PAIR_NOUNS and subject.lower_ not in _PAIR_NOUNS:
        return []
    if subject.tag_ not in {"NNS", "NNPS"} and not any(c.lower_ in {"both", "two"} for c in subject.children):
        return []
    label = _PAIR_LABELS.get(noun)
    for token in reversed(subject.doc[: subject.i]):
        if token.dep_ == "conj" and token.i in mention_at and token.head.i in mention_at:
            pair = [mention_at[token.head.i], mention_at[token.i]]
            # "the two countries" are two countries, not "Baldrige and State Department officials"
            if label is None or mentions is None or all(_of_kind(mentions[m], label) for m in pair):
                return pair
    if label is None or mentions is None or not any(c.lower_ in {"both", "two"} for c in subject.children):
        return []
    found: list[int] = []
    for token in reversed(subject.doc[_sentence_start(subject, _GROUP_REACH): subject.i]):
        index = mention_at.get(token.i)
        if index is not None and mentions[index].label == label and \
                (label != "GPE" or lookup(mentions[index].name) is not None) and \
                mentions[index].name not in {mentions[f].name for f in found}:
            found.append(index)
    return sorted(found[:2]) if len(found) >= 2 else []


def _of_kind(mention: Mention, label: str) -> bool:
    if label == "GPE":
        return lookup(mention.name) is not None
    return mention.label == label


_PAIR_LABELS = {"country": "GPE", "countries": "GPE", "nation": "GPE", "nations": "GPE",
                "company": "ORG", "companies": "ORG", "firm": "ORG", "firms": "ORG"}


def _pronoun(subject: Token, mention_at: dict[int, int]) -> list[int]:
    """"Chemlawn and Ecolab said they signed...": the pronoun repeats the reporter."""
    number = _PRONOUNS.get(subject.lower_)
    verb = subject.head
    if number is None or verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in REPORTING_VERBS:
        return []
    for reporter in verb.head.children:
        if reporter.dep_ == "nsubj":
            found = mentions_in(reporter, mention_at) or led_by(reporter, mention_at)
            # "China Eastern Airlines ... it": a single name is one actor, whatever its last word.
            plural = len(found) > 1 or (reporter.tag_ == "NNS" and reporter.i not in mention_at)
            if found and plural == (number == "plural"):
                return found
    return []


def _group(subject: Token, mention_at: dict[int, int], mentions: list[Mention]) -> list[int]:
    """"the group had rejected", "the airline signed": the organisation named last, in this
    sentence or the one before, preferring one named as a subject (the one the text is about)
    or one whose name says what the noun says ("China Eastern Airlines" for "the airline")."""
    if subject.lemma_.lower() not in _GROUP_NOUNS or subject.tag_ != "NN":
        return []
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children):
        return []
    first = _sentence_start(subject, _GROUP_REACH)
    candidates = []
    for token in reversed(subject.doc[first: subject.i]):
        index = mention_at.get(token.i)
        if index is not None and mentions[index].label == "ORG" and index not in candidates:
            candidates.append(index)
    if not candidates:
        return []
    noun = subject.lemma_.lower()
    for prefer in (lambda m: noun in mentions[m].name.lower(),
                   lambda m: _is_subject(m, subject.doc, mentions)):
        chosen = [m for m in candidates if prefer(m)]
        if chosen:
            return [chosen[0]]
    return [candidates[0]]


def _is_subject(index: int, doc, mentions: list[Mention]) -> bool:
    span = doc.char_span(mentions[index].start, mentions[index].end, alignment_mode="expand")
    return span is not None and span.root.dep_ in {"nsubj", "nsubjpass"}


def _sentence_start(token: Token, back: int) -> int:
    sent = token.sent
    for _ in range(back):
        if sent.start == 0:
            break
        sent = token.doc[sent.start - 1].sent
    return sent.start


def acting(found: list[int], mentions: list[Mention], modifiers: bool = True) -> list[int]:
    """"US Secretary of State Mike Pompeo" is Pompeo acting: a name that only describes
    another ("US" in the title) is no participant beside the one it describes. With
    `modifiers`, so is a name that only modifies a noun ("a Skype call")."""
    def in_title(m: int) -> bool:
        mention = mentions[m]
        return any(o != m and mentions[o].role and mention.text in mentions[o].role
                   and 0 <= mentions[o].start - mention.end <= len(mentions[o].role) for o in found)

    named = [m for m in found if not (modifiers and mentions[m].modifier) and not in_title(m)]
    return named if named else found
