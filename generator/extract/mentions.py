"""Finding names of possible actors in a parsed document.

Named entities are the start; rules from the parse then strip titles into roles, drop
entities that are really part of a title ("State" in "Secretary of State") or a title
themselves ("Harold Brown Chair"), and add the collective actors NER misses ("the Afghan
government", "US officials").
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from generator.model import Mention
from .countries import by_capital, lookup
from .lexicon import (BELIEF_WORDS, COLLECTIVE_NOUNS, CURRENCY_CODES, HONORIFICS, INDEX_NOUNS, MARKET_INDICES,
                      NAME_PARTICLES, OCCASION_NOUNS, ORG_HEADS, PORTFOLIO_WORDS, REGION_ADJECTIVES, TIME_ZONES,
                      TITLE_NOUNS, WORKER_NOUNS)
from .parsed import NOUNS, ids, tagged, text_of

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_ARTICLES = frozenset({"the", "a", "an"})
# A phrase that opens with "our", "its" or "his" ("our partners", "Airbus and its CEO") says who
# someone is to another, whom the page cannot name: no role of its own.
_RELATIVE_TAGS = frozenset({"PRP$", "POS", "PRP"})
_MAX_ROLE_WORDS = 14
# Dependencies under which a name only describes a noun ("a Skype call", "inter-Afghan talks").
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
_PROPN = ids(["PROPN"])


def is_title(token: Token) -> bool:
    return token.lower_.strip(".") in TITLE_NOUNS or token.lemma_.lower() in TITLE_NOUNS


def find_mentions(doc: Doc, sent_of: dict[int, int]) -> list[Mention]:
    """Every actor-like name in `doc`, in text order. `sent_of` maps a token index to its sentence."""
    mentions: list[Mention] = []
    covered: set[int] = set()
    for mention in _collectives(doc, sent_of):
        mentions.append(mention)
        covered.update(range(mention.start, mention.end))
    for ent in _repaired(_with_company_names(doc), sent_of):
        if ent.label_ not in ACTOR_LABELS or ent.start_char in covered:
            continue
        covered.update(range(ent.start_char, ent.end_char))
        mention = _from_entity(ent, sent_of)
        if mention is not None:
            mentions.append(mention)
    mentions += _companies_ner_missed(doc, sent_of, mentions)
    mentions += _surnames_ner_missed(doc, sent_of, mentions)
    return _units_named(doc, sorted(mentions, key=lambda m: (m.start, m.end)))


# Nouns for a company owned by another, named by its owner: "the Citicorp unit".
_UNIT_NOUNS = frozenset("unit subsidiary arm affiliate division offshoot".split())


def _units_named(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"The Citicorp unit" is not Citicorp but its unit, which the story names in full
    ("Citicorp Capital Investors Ltd, a unit of Citicorp"): the one longer name of an
    organisation in the document that starts with the owner's. With none, or several, the
    mention stays the owner's, as before."""
    named = []
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand") if mention.label == "ORG" else None
        head = span.root.head if span is not None and span.root.dep_ == "compound" else None
        if head is not None and head.lemma_.lower() in _UNIT_NOUNS and head.tag_ == "NN" \
                and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            longer = {m.name for m in mentions if m.label == "ORG" and m.name.startswith(mention.name + " ")
                      and not _legal_form_only(m.name[len(mention.name):])}
            if len(longer) == 1:
                mention = replace(mention, name=longer.pop())
        named.append(mention)
    return named


def _legal_form_only(rest: str) -> bool:
    """"Citicorp Inc" is Citicorp itself, not a unit of it; "Yukos USA" is Yukos in one country,
    not the unit a story means by "the Yukos unit"."""
    words = [w.strip(".,") for w in rest.split()]
    return all(w.lower() in _COMPANY_ENDINGS for w in words) or any(
        lookup(" ".join(words[i:j])) is not None for i in range(len(words)) for j in range(i + 1, len(words) + 1))


_COMPANY_ENDINGS = frozenset("inc incorporated corp corporation co ltd limited plc llc".split())


def _with_company_names(doc: Doc) -> list[Span]:
    """NER's entities, with "Monfort of Colorado Inc" whole: NER stops at "Monfort" (and
    calls it a place), but a name that runs on through "of X" to "Inc" is one company's.
    A name a company noun introduces is an organisation, whatever NER guessed."""
    ents = []
    for ent in doc.ents:
        end = ent.end
        if end + 2 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].pos_ == "PROPN":
            stop = end + 1
            while stop < len(doc) and doc[stop].pos_ == "PROPN" and stop - end < 5:
                stop += 1
            if doc[stop - 1].lower_.rstrip(".") in _COMPANY_ENDINGS:
                ent = Span(doc, ent.start, stop, label="ORG")
        before = doc[ent.start - 1] if ent.start else None
        if before is not None and before.text == "Air" and ent.label_ == "GPE":
            ent = Span(doc, ent.start - 1, ent.end, label="ORG")     # "Air China" is an airline
            before = doc[ent.start - 1] if ent.start else None
        if before is not None and before.lower_ in _COMPANY_NOUNS and before.dep_ == "compound" \
                and ent.label_ in {"PERSON", "GPE"}:
            ent = Span(doc, ent.start, ent.end, label="ORG")     # "technology firm Guidant"
        ents.append(ent)
    return ents


def _repaired(ents: list[Span], sent_of=None) -> list[Span]:
    """NER's spans, cut where they run two names together and mended where they stop short.
    `sent_of` maps a token to its sentence where the sentences are not the parser's."""
    out = []
    for ent in ents:
        for piece in _pieces(ent, sent_of):
            out.append(_country_before_a_capitalised_word(_after_a_bracket(_owner_dropped(_whole_surname(piece)))))
    return out


def _pieces(ent: Span, sent_of) -> list[Span]:
    """"Nakasone told Trade and Industry", "Cyclops with Dixons": a lower-case word inside a
    name that is no particle of names ("of", "van", "bin") is a verb or a preposition NER ran
    over; a comma before a name ("Dixons, Cyclops Corp") lists two; and a sentence that starts
    inside a name ("...buy Cyclops Corp. Dixons has...") ends it. Each side is a name of its own."""
    doc, cuts = ent.doc, []
    for token in ent[1:]:
        if token.text == "," and ent.label_ == "ORG" and token.i + 1 < ent.end \
                and doc[token.i + 1].lower_.rstrip(".") not in _COMPANY_ENDINGS \
                and not any(t.lower_ == "of" for t in doc[ent.start: token.i]) \
                and not any(t.lower_ == "and" for t in doc[token.i: ent.end]):
            # "Ministry of Economy, Trade and Industry" lists what one ministry is for
            cuts.append(token.i)
            continue
        if sent_of is not None and sent_of[token.i] != sent_of[token.i - 1]:
            cuts.append(token.i)
            continue
        glued = token.i > 0 and (not doc[token.i - 1].whitespace_ or not token.whitespace_)
        # "Committee to Protect Journalists": "to" after an organisation's noun is part of it.
        particle = token.lower_ in NAME_PARTICLES or (token.lower_ == "to" and doc[token.i - 1].lower_ in ORG_HEADS)
        if token.is_sent_start or (token.is_lower and token.is_alpha and not particle and not glued):
            cuts.append(token.i)
    if not cuts:
        return [ent]
    pieces, start = [], ent.start
    for cut in cuts + [ent.end]:
        words = [t for t in doc[start:cut] if not (t.is_lower and t.lower_ not in NAME_PARTICLES)]
        if words:
            first = words[0].i
            while first < cut and doc[first].is_lower:
                first += 1         # a particle cannot start a name
            if first < cut:
                pieces.append(Span(doc, first, cut, label=ent.label_))
        start = cut + 1 if cut < ent.end and (doc[cut].is_lower or doc[cut].text == ",") else cut
    return pieces


def _whole_surname(ent: Span) -> Span:
    """"Michael O' Leary" in tokenised text: NER stops at "O'" and calls "Leary" a place."""
    doc = ent.doc
    if ent.label_ == "PERSON" and ent.end + 1 < len(doc) and ent[-1].text in {"'", "’"} \
            and len(ent) >= 2 and len(ent[-2].text) == 1 and ent[-2].text.isupper() \
            and doc[ent.end].text[:1].isupper() and doc[ent.end].is_alpha:
        return Span(doc, ent.start, ent.end + 1, label="PERSON")
    if ent.label_ == "PERSON" and ent.end + 2 < len(doc) and len(ent[-1].text) == 1 and ent[-1].text.isupper() \
            and doc[ent.end].text in {"'", "’"} and doc[ent.end + 1].text[:1].isupper() \
            and doc[ent.end + 1].is_alpha:
        return Span(doc, ent.start, ent.end + 2, label="PERSON")
    return ent


def _owner_dropped(ent: Span) -> Span:
    """"Tamura's Ministry of International Trade and Industry" is the ministry: a person's
    possessive NER took into an institution's name ("McDonald's Corp" keeps its "'s")."""
    for token in ent[1:-1]:
        if token.text in {"'s", "’s"} and token.i + 1 < ent.end:
            rest = ent.doc[token.i + 1: ent.end]
            if len(rest) >= 2 and rest[0].lower_ in ORG_HEADS and rest[0].lower_ not in _COMPANY_ENDINGS:
                return Span(ent.doc, rest.start, rest.end, label="ORG")
    return ent


def _after_a_bracket(ent: Span) -> Span:
    """"MITI) Americas Division": a closing bracket with no opening one ends what came before;
    "International Labour Organisation (ILO": an opening one never closed starts what comes after."""
    for token in ent[1:]:
        if token.text == "(" and not any(t.text == ")" for t in ent.doc[token.i: ent.end]):
            return Span(ent.doc, ent.start, token.i, label=ent.label_)
    for token in reversed(ent[:-1]):
        if token.text == ")" and not any(t.text == "(" for t in ent.doc[ent.start: token.i]):
            return Span(ent.doc, token.i + 1, ent.end, label=ent.label_)
    return ent


def _country_before_a_capitalised_word(ent: Span) -> Span:
    """"open its markets to U.S. Chipmakers", "the U.S. Expired at midnight": some wire copy
    capitalises the word after "U.S." as if a sentence began there. A country abbreviation and
    one word that is no name (a verb, a plural common noun) is the country alone."""
    tokens = [t for t in ent if t.lower_ not in _ARTICLES]
    if len(tokens) != 2 or "." not in tokens[0].text or lookup(tokens[0].text) is None:
        return ent
    word = tokens[1]
    lower = word.lower_
    if lower in ORG_HEADS or lower in _COMPANY_ENDINGS or not word.is_alpha:
        return ent
    if word.pos_ in {"VERB", "NOUN", "ADJ", "ADV"} or word.tag_ == "NNPS" \
            or lower.endswith(("ed", "ing")) or (lower.endswith("s") and not lower.endswith("ss")):
        return Span(ent.doc, tokens[0].i, tokens[0].i + 1, label="GPE")
    return ent


# Nouns that introduce a company's name: "medical technology firm Guidant".
_COMPANY_NOUNS = frozenset("firm company group carmaker airline bank maker giant retailer insurer "
                           "manufacturer producer supplier operator conglomerate chain rival "
                           "broker lender startup".split())


def _companies_ner_missed(doc: Doc, sent_of: dict[int, int], mentions: list[Mention]) -> list[Mention]:
    """"firm Guidant" NER does not tag: a proper noun introduced by a company noun is an
    organisation, and so is the same name wherever else the document uses it alone."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    names = set()
    for token in tagged(doc, _PROPN):
        if (token.idx not in taken and token.text[:1].isupper()
                and any(c.dep_ == "compound" and c.lower_ in _COMPANY_NOUNS and c.i == token.i - 1
                        for c in token.children)
                and _lone_name(token)):
            names.add(token.text)
    found = []
    for token in tagged(doc, _PROPN) if names else ():
        if token.text in names and token.idx not in taken and _lone_name(token):
            found.append(Mention(start=token.idx, end=token.idx + len(token), text=token.text,
                                 name=token.text, label="ORG", sent=sent_of[token.i],
                                 modifier=token.dep_ in _MODIFIER_DEPS and not is_title(token.head)))
    return found


def _lone_name(token: Token) -> bool:
    """Not part of a longer name: no proper noun right before or after."""
    doc = token.doc
    before = token.i > 0 and doc[token.i - 1].pos_ == "PROPN"
    after = token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN"
    return not before and not after


def _surnames_ner_missed(doc: Doc, sent_of: dict[int, int], mentions: list[Mention]) -> list[Mention]:
    """"Olaf Scholz ... Scholz said": NER often tags the full name once and misses the bare
    surname later. A proper noun equal to the last word of a person's full name named earlier
    in the document is a mention of that person."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    people: dict[str, Mention] = {}
    for m in mentions:
        words = m.name.split()
        if len(words) > 1 and (m.label == "PERSON" or m.role):
            people.setdefault(words[-1], m)
    found = []
    for token in tagged(doc, _PROPN) if people else ():
        full = people.get(token.text)
        if full is None or token.idx in taken or token.idx < full.end:
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN":
            continue            # part of a longer name ("Scholz Foundation")
        found.append(Mention(start=token.idx, end=token.idx + len(token), text=token.text,
                             name=token.text, label=full.label, sent=sent_of[token.i],
                             modifier=token.dep_ in _MODIFIER_DEPS and not is_title(token.head)))
    return found


def _from_entity(ent: Span, sent_of: dict[int, int]) -> Mention | None:
    tokens = [t for t in ent if not (t.is_punct and t.text not in {".", "&", "-"})]
    while tokens and tokens[0].lower_ in _ARTICLES:
        tokens = tokens[1:]
    while tokens and tokens[-1].text in {"'s", "'", "’s"}:
        tokens = tokens[:-1]
    leading: list[Token] = []
    if ent.label_ == "PERSON":
        while len(tokens) > 1 and (is_title(tokens[0]) or tokens[0].lower_ in HONORIFICS):
            leading.append(tokens.pop(0))
        if tokens and is_title(tokens[-1]):
            return None              # "Harold Brown Chair": an office, not a person
    flight = next((i for i, t in enumerate(tokens) if t.text == "Flight" and i > 0), None)
    if flight is not None:
        tokens = tokens[:flight]     # "Adam Air Flight 574": the airline's flight, named for it
    if not tokens or not any(c.isalpha() for t in tokens for c in t.text):
        return None
    if _part_of_title(ent) or _not_an_actor(ent, tokens):
        return None
    span = ent.doc[tokens[0].i: tokens[-1].i + 1]
    # ORG too: NER calls some people organisations ("Sediq Sediqqi, spokesman for ...").
    could_be_person = ent.label_ == "PERSON" or (
        ent.label_ == "ORG" and tokens[-1].lower_ not in ORG_HEADS and all(t.is_title for t in tokens))
    role = _role(ent, leading) if could_be_person else None
    name = _with_owner(span, ent.label_, _clean_name(span.text))
    label = ent.label_
    state = _government_by_its_capital(ent, name)
    if state is not None:
        name, label = state, "GPE"
    return Mention(start=span.start_char, end=span.end_char, text=span.text, name=name, label=label,
                   sent=sent_of[ent.root.i], role=role, modifier=_is_modifier(ent), acts=_acts(ent))


# Verbs of which a city can be the subject as a city: it lies, grows, hosts.
_CITY_VERBS = frozenset("be lie sit host grow remain stand become have".split())


def _government_by_its_capital(ent: Span, name: str) -> str | None:
    """"Washington announced tariffs", "imposed by Tokyo": a capital that acts as a subject or
    an agent stands for its country's government, as news writes it; "talks in Washington" or
    "Washington is a city" are the city. The country's name, or None."""
    if ent.label_ not in {"GPE", "LOC"} or len(ent) > 3 or lookup(name) is not None:
        return None
    root = ent.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    verb = root.head.head if root.dep_ == "pobj" and root.head.dep_ == "agent" else root.head
    if not (root.dep_ == "nsubj" or root.dep_ == "pobj" and root.head.dep_ == "agent") \
            or verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() in _CITY_VERBS or _quoted(ent):
        return None
    country = by_capital(name)
    return country.name if country is not None and country.kind == "country" else None


# Dependencies of a verb's actors and of what it acts on.
_ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "iobj", "dative", "attr"})


def _acts(ent: Span) -> bool:
    """Whether the sentence makes the name act or be acted upon ("Detik.com quoted Djamal"),
    or introduces it as a company ("engine maker Europrop"). Names inside quoted speech ("I
    love ya") are the speaker's words, not the story's actors."""
    root = ent.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head          # "Boeing and Airbus said": both say
    acting = root.dep_ in _ACTING_DEPS or (root.dep_ == "pobj" and root.head.dep_ == "agent") \
        or _employer(root) \
        or any(c.dep_ == "compound" and c.lower_ in _COMPANY_NOUNS and c.i < ent.start for c in ent.root.children) \
        or (ent.root.dep_ == "appos" and ent.root.head.lower_ in _COMPANY_NOUNS)
    return acting and not _quoted(ent)


def _employer(root: Token) -> bool:
    """"a strategist at Commerzbank", "Gartner's principal analyst": the organisation a worker
    in the story speaks for."""
    if root.dep_ == "poss":
        worker = root.head
    elif root.dep_ == "pobj" and root.head.lower_ in {"at", "of", "from", "with", "for"}:
        worker = root.head.head
    else:
        return False
    return is_title(worker) or worker.lemma_.lower() in WORKER_NOUNS or worker.ent_type_ == "PERSON"


def _quoted(ent: Span) -> bool:
    """Between quotation marks of its sentence: one opened before it and one closing after it
    (a sentence that starts inside a quotation and closes it first, as in `...problems," a
    spokesman told Reuters`, leaves what follows outside)."""
    text = text_of(ent.doc)
    before, after = text[ent.sent.start_char: ent.start_char], text[ent.end_char: ent.sent.end_char]
    opened = before.count("``") + before.count("\u201c") - before.count("''") - before.count("\u201d")
    if opened > 0 and ("''" in after or "\u201d" in after):
        return True
    return before.count('"') % 2 == 1 and after.count('"') % 2 == 1


def _with_owner(span: Span, label: str, name: str) -> str:
    """"Boeing's Launch Systems" is Boeing's unit, not any launch systems: a name of common
    words under an organisation noun, owned by an organisation, carries the owner's name."""
    words = list(span)
    if len(words) < 2 or words[-1].lower_ not in ORG_HEADS or label != "ORG":
        return name
    # "Velmar's Orbital Systems unit": the possessive may hang from the noun the name qualifies.
    heads = [span.root] + ([span.root.head] if span.root.dep_ == "compound" else [])
    owner = next((c for h in heads for c in h.children if c.dep_ == "poss" and c.ent_type_ == "ORG"
                  and c.i < span.start), None)
    if owner is None:
        return name
    lower = _lower_words(span.doc)
    if not all(w.lower_ in lower for w in words[:-1]):
        return name
    owned = [t for t in span.doc.ents if t.start <= owner.i < t.end]
    return f"{_clean_name(owned[0].text if owned else owner.text)} {name}"


def _lower_words(doc: Doc) -> frozenset[str]:
    """The words `doc` writes in lower case, made once per document."""
    found = doc.user_data.get(_LOWER)
    if found is None:
        found = doc.user_data[_LOWER] = frozenset(t.text for t in doc if t.is_lower)
    return found


_LOWER = "briefing.lower_words"


def _not_an_actor(ent: Span, tokens: list[Token]) -> bool:
    """Names NER tags that no reader would give a page: a time zone or currency code ("UTC",
    "USD"), a market index ("the Hang Seng index", "the FTSE"), a singular adjective of belief
    or politics ("a Muslim cleric"), and the words of a story's all-capitals lead."""
    words = [t.lower_ for t in tokens]
    if len(tokens) == 1 and tokens[0].text.isupper() and words[0] in TIME_ZONES | CURRENCY_CODES:
        return True
    if ent.label_ == "NORP" and len(tokens) == 1 and words[0] in BELIEF_WORDS:
        return True
    if words[-1] in OCCASION_NOUNS and len(tokens) > 1 or not any(t.is_alpha and len(t) > 1 or _DOTTED.fullmatch(t.text) for t in tokens):
        return True           # "Macworld Conference" is an occasion; "320x240" no name at all
    if all(t.text.islower() for t in tokens):
        return True           # "the naira", "supreme court": no name is written all in lower case
    if ent.label_ == "NORP" and len(tokens) == 1 and words[0] in REGION_ADJECTIVES:
        return True           # "European" or "Asian": a region, not a side that acts
    if _part_of_a_title(tokens):
        return True
    if " ".join(words).replace(" 's", "").replace("'s", "") in MARKET_INDICES or words[-1] in INDEX_NOUNS:
        return True
    doc, after = ent.doc, tokens[-1].i + 1
    while after < len(doc) and doc[after].like_num:
        after += 1           # "the FTSE 100 index"
    if after < len(doc) and doc[after].lower_ in INDEX_NOUNS:
        return True
    return _in_capitals_run(tokens)


# Letters joined by dots or "&" are a name ("U.S.", "AT&T", "Detik.com"); "320x240", "280bn" none.
_DOTTED = re.compile(r"[^\W\d_]+(?:[.&][^\W\d_]*)+")


def _part_of_a_title(tokens: list[Token]) -> bool:
    """"Commerce Secretary Malcolm Baldrige", "the Deputy U.S. Trade Representative", "National
    Security Adviser": a portfolio written in capitals as part of an office, before the title
    noun or ending with it, is no body that acts ("the Treasury said" still is)."""
    doc = tokens[0].doc
    after = tokens[-1].i + 1
    ends_title = is_title(tokens[-1]) and len(tokens) > 1
    before_title = after < len(doc) and is_title(doc[after]) and doc[after].text[:1].isupper()
    if not (ends_title or before_title):
        return False
    words = tokens[:-1] if ends_title else tokens
    return all(t.lower_ in PORTFOLIO_WORDS or t.lower_ in {"and", "&", "of"} or is_title(t)
               or ("." in t.text and lookup(t.text) is not None) for t in words)


def _in_capitals_run(tokens: list[Token]) -> bool:
    """A name in capitals beside other words in capitals ("THE X was...") is the typography of a
    lead or headline, not an acronym: the same name written normally elsewhere still counts."""
    if not all(t.text.isupper() for t in tokens if t.is_alpha):
        return False
    doc = tokens[0].doc
    near = [doc[i] for i in (tokens[0].i - 1, tokens[-1].i + 1) if 0 <= i < len(doc)]
    return any(t.is_alpha and len(t) >= 2 and t.text.isupper() and not t.ent_type_ for t in near)


def _clean_name(text: str) -> str:
    return " ".join(text.replace("\n", " ").split()).strip(" ,;:")


def _part_of_title(ent: Span) -> bool:
    """`State` in "Secretary of State": a bare capitalised word hanging from a title by "of"."""
    root = ent.root
    if len(ent) != 1 or root.dep_ != "pobj" or root.head.lower_ != "of":
        return False
    office = root.head.head
    has_det = any(c.dep_ == "det" for c in root.children)
    return is_title(office) and office.is_title and not has_det


def _is_modifier(ent: Span) -> bool:
    root = ent.root
    if root.dep_ not in _MODIFIER_DEPS or root.head.i in range(ent.start, ent.end):
        return False
    head = root.head
    # "Taliban spokesman", "U.S. envoy": naming the office-holder's side is acting, not modifying;
    # so is naming a worker's employer, however many nouns stand between ("JSA Research defence
    # analyst Paul Nesbit", "a Thai Airways International tug operator").
    for _ in range(4):
        if is_title(head) or head.ent_type_ == "PERSON" or head.lemma_.lower() in WORKER_NOUNS:
            return False
        if head.dep_ not in {"compound", "nmod"} or head.head is head:
            return True
        head = head.head
    return True


# --- roles ---------------------------------------------------------------------------

def _role(ent: Span, leading: list[Token]) -> str | None:
    """The title the sentence gives a person: before the name, in apposition, or as a
    coordinated office ("Seth G. Jones, Harold Brown Chair and Director of ...")."""
    candidates = [_role_before(ent, leading), _role_in_apposition(ent), _role_of_head(ent)]
    for candidate in candidates:
        if candidate:
            return candidate
    return None


def _role_before(ent: Span, leading: list[Token]) -> str | None:
    """"Secretary of State Mike Pompeo", "U.S. Special Envoy Zalmay Khalilzad"."""
    doc = ent.doc
    i = (leading[0].i if leading else ent.start) - 1
    while i >= 0 and ent.root in doc[i].ancestors and doc[i].dep_ not in {"det", "poss", "punct"}:
        i -= 1
    words = [t for t in doc[i + 1: ent.start] if t.lower_ not in HONORIFICS]
    if not words or not any(is_title(t) for t in words):
        return None
    return _tidy(doc[words[0].i: words[-1].i + 1].text)


def _role_in_apposition(ent: Span) -> str | None:
    for child in ent.root.children:
        if child.dep_ in {"appos", "conj"} and is_title(child) and child.i >= ent.end:
            return _phrase(child)
    return None


def _role_of_head(ent: Span) -> str | None:
    """"A Taliban spokesman, Suhail Shaheen": the name is in apposition to the title."""
    root = ent.root
    if root.dep_ != "appos" or not is_title(root.head):
        return None
    head = root.head
    # Without whose it is: "Boeing's European rival, Airbus" makes Airbus a European rival.
    owner = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
    words = [t for t in head.subtree if t.i < head.i and t.dep_ not in {"det", "poss"}
             and t.i not in owner and not t.is_punct] + [head]
    after = [t for t in head.subtree if t.i > head.i and t.i < ent.start and not t.is_punct]
    span = words + after
    return _tidy(" ".join(t.text for t in sorted(span, key=lambda t: t.i)))


def _phrase(token: Token) -> str | None:
    """The noun phrase under `token` without its own coordinations and appositions."""
    skip: set[int] = set()
    for child in token.children:
        if child.dep_ in {"conj", "cc", "appos", "relcl", "punct"}:
            skip.update(t.i for t in child.subtree)
    words = [t for t in token.subtree if t.i not in skip]
    while words and (words[0].lower_ in _ARTICLES or words[0].is_punct):
        words = words[1:]
    if not words or len(words) > _MAX_ROLE_WORDS or words[0].tag_ in _RELATIVE_TAGS:
        return None
    return _tidy(token.doc[words[0].i: words[-1].i + 1].text)


def _tidy(text: str) -> str | None:
    text = " ".join(text.split()).strip(" ,;:\"'")
    return text or None


# --- collective actors ---------------------------------------------------------------

def _collectives(doc: Doc, sent_of: dict[int, int]) -> list[Mention]:
    """"the Afghan government", "US officials", "the authorities in Afghanistan"."""
    found = []
    for token in tagged(doc, NOUNS):
        if token.lemma_.lower() not in COLLECTIVE_NOUNS and token.lower_ not in COLLECTIVE_NOUNS:
            continue
        if token.ent_type_ and token.ent_type_ not in {"NORP", "GPE"}:
            continue            # part of a longer name ("Afghan National Army")
        nation = _nation_of(token)
        if nation is None or nation.text.lower() in BELIEF_WORDS | REGION_ADJECTIVES:
            continue            # "Christian leaders", "European leaders" are no nation's institution
        first = min([token.i, nation.start] + [c.i for c in token.lefts
                                                if c.dep_ in {"amod", "compound"} and c.i >= nation.start - 3])
        last = max(token.i, nation.end - 1)
        span = doc[first: last + 1]
        words = [t for t in span if t.lower_ not in _ARTICLES]
        span = doc[words[0].i: words[-1].i + 1]
        found.append(Mention(start=span.start_char, end=span.end_char, text=span.text,
                             name=f"{_clean_name(nation.text)} {token.lower_}",
                             label="COLLECTIVE", sent=sent_of[token.i],
                             modifier=token.dep_ in _MODIFIER_DEPS,
                             country=_clean_name(nation.text)))
    return found


def _nation_of(token: Token) -> Span | None:
    """The NORP/GPE entity that says whose institution `token` is."""
    doc = token.doc
    for child in token.lefts:
        if child.ent_type_ in {"NORP", "GPE"} and child.dep_ in {"amod", "compound", "nmod"}:
            return _entity_at(doc, child.i)
    for prep in token.rights:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "in"}:
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.ent_type_ == "GPE":
                    return _entity_at(doc, obj.i)
    return None


def _entity_at(doc: Doc, i: int) -> Span | None:
    for ent in doc.ents:
        if ent.start <= i < ent.end:
            words = [t for t in ent if t.lower_ not in _ARTICLES]
            return doc[words[0].i: words[-1].i + 1] if words else None
    return None
