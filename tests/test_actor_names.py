"""One story, many sources: each actor once, and no page for what is not an actor.

Resolution rules run on hand-made mentions (no model); the rules that read the parse run the
model on sentences written for them.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from generator.model import DocFacts, EventFact, Mention, Sentence
from generator.resolve.actors import Curation
from generator.resolve.graph import resolve


def doc(source_id: str, *mentions: tuple, text: str | None = None, acting: tuple[int, ...] = ()) -> DocFacts:
    """mentions: (name, label) or (name, label, extra fields). With `text`, each name is placed
    where it first occurs in it (one sentence). `acting`: mentions that are agents of an event."""
    built, text = [], text or "A sentence."
    for i, m in enumerate(mentions):
        name, label, *rest = m
        extra = dict(rest[0]) if rest else {}
        start = text.find(name, built[-1].end if built else 0)
        start = start if start >= 0 else 1000 + i * 10
        built.append(Mention(start=start, end=start + len(name), text=name, name=extra.pop("name", name),
                             label=label, sent=0, **extra))
    events = (EventFact(sent=0, trigger="say", rest="", agents=acting, others=(), place=None, timex=None),) \
        if acting else ()
    return DocFacts(source_id=source_id, sha256=source_id * 4, sentences=(Sentence(0, len(text), text),),
                    mentions=tuple(built), timexes=(), events=events, agreements=())


def actors(*docs, curation=None) -> dict[str, tuple[str, tuple[str, ...]]]:
    graph = resolve([], list(docs), curation)
    return {a.name: (a.type, a.aliases) for a in graph.actors}


def graph_actors(*docs, curation=None):
    return resolve([], list(docs), curation).actors


# --- 1. names across a corpus --------------------------------------------------------

def test_company_legal_forms_and_maker_words_are_one_company():
    found = actors(doc("a", ("Ford", "ORG"), ("Ford", "ORG")), doc("b", ("Ford Motor Co", "ORG")),
                   doc("c", ("Ford Motors Co", "ORG"), ("Ford Motor Company", "ORG")),
                   doc("d", ("Fiat SpA", "ORG"), ("Fiat Group", "ORG")))
    assert len([n for n in found if n.startswith("Ford")]) == 1
    assert len([n for n in found if n.startswith("Fiat")]) == 1


def test_a_company_named_for_a_country_keeps_apart_from_it_but_joins_its_longer_form():
    found = actors(doc("a", ("Thai Airways", "ORG"), ("Thailand", "GPE"), ("Thai Airways International", "ORG"),
                       acting=(1,)))
    assert "Thailand" in found and len([n for n in found if n.startswith("Thai Airways")]) == 1


def test_an_acronym_defined_in_brackets_joins_its_name_in_every_document():
    text = "Profits at Singapore Airlines (SIA) rose."
    found = actors(doc("a", ("Singapore Airlines", "ORG"), ("SIA", "ORG"), text=text),
                   doc("b", ("SIA", "ORG"), ("SIA", "ORG")))
    assert list(found) == ["SIA"] or list(found) == ["Singapore Airlines"]


def test_an_acronym_spelling_a_name_with_its_of_joins_it():
    found = actors(doc("a", ("Bank of America", "ORG"), ("Bank of America", "ORG")), doc("b", ("BOA", "ORG")))
    assert len(found) == 1


def test_a_short_name_leading_one_longer_name_joins_it():
    found = actors(doc("a", ("Vantor Krell", "ORG"), ("Vantor Krell", "ORG")), doc("b", ("Vantor", "ORG"),
                   ("Vantor", "ORG")))
    assert list(found) == ["Vantor Krell"] or list(found) == ["Vantor"]


def test_a_company_is_not_joined_to_its_division_but_is_its_regional_arm():
    text = "Ostrel Commercial Jets and Ostrel North America sold commercial jets."
    found = actors(doc("a", ("Ostrel Commercial Jets", "ORG"), ("Ostrel North America", "ORG"), text=text,
                       acting=(0, 1)),
                   doc("b", ("Ostrel", "ORG"), ("Ostrel", "ORG")))
    assert {"Ostrel", "Ostrel Commercial Jets"} <= set(found) and "Ostrel North America" not in found
    assert "Ostrel North America" in found["Ostrel"][1]


def test_a_short_name_that_ends_one_name_and_leads_another_joins_neither():
    # NER's types as it gives them: a company named for its founder may pass for a person.
    found = actors(doc("a", ("Pellow Aircraft", "PERSON"), ("Pellow Aircraft", "PERSON"),
                       ("Marden Pellow", "ORG"), ("Marden Pellow", "ORG")),
                   doc("b", ("Pellow", "PERSON"), ("Pellow", "PERSON")))
    assert "Pellow" in found and "Pellow" not in found["Pellow Aircraft"][1]


def test_a_single_word_written_once_in_passing_gets_no_page_a_full_name_does():
    found = actors(doc("a", ("Orvik", "PERSON"), ("Talmeda Corp", "ORG"), ("Hainan Airlines", "ORG")))
    assert set(found) == {"Talmeda Corp", "Hainan Airlines"}


def test_an_employer_written_once_in_the_role_of_the_person_after_it_keeps_its_page():
    text = "It was slow, said Norvik analyst Chris Weafer."
    found = actors(doc("a", ("Norvik", "ORG"), ("Chris Weafer", "PERSON", {"role": "Norvik analyst"}), text=text))
    assert set(found) == {"Norvik", "Chris Weafer"}


def test_a_name_written_once_that_says_something_keeps_its_page():
    speech = EventFact(sent=0, trigger="be", rest="", agents=(), others=(), place=None, timex=None, said_by=(0,))
    found = actors(replace(doc("a", ("Orvik", "PERSON")), events=(speech,)))
    assert list(found) == ["Orvik"]


def test_a_nation_before_an_organisation_s_name_or_its_head_moved_first_is_the_same_body():
    found = actors(doc("a", ("Ministry of Coastal Works", "ORG"), ("Ministry of Coastal Works", "ORG")),
                   doc("b", ("Japanese Ministry of Coastal Works", "ORG"), ("Coastal Works Ministry", "ORG"),
                       acting=(0, 1)))
    assert list(found) == ["Ministry of Coastal Works"]


def test_a_nation_before_a_short_generic_name_names_another_body():
    found = actors(doc("a", ("Air Force", "ORG"), ("Air Force", "ORG"), ("Ostrel Corp", "ORG"), ("Ostrel Corp", "ORG")),
                   doc("b", ("Indian Air Force", "ORG"), ("Indian Air Force", "ORG"), ("Ostrel Corp", "ORG")),
                   doc("c", ("Chilean Air Force", "ORG"), ("Chilean Air Force", "ORG")))
    assert {"Indian Air Force", "Chilean Air Force"} <= set(found)


def test_a_misspelling_that_ner_typed_otherwise_joins_the_name_beside_it():
    found = actors(doc("a", *[("Cyclops", "ORG")] * 3, ("Cyclop", "PERSON"), acting=(3,)),
                   doc("b", *[("Cyclops", "ORG")] * 3))
    assert list(found) == ["Cyclops"] and "Cyclop" in found["Cyclops"][1]


def test_a_misspelling_typed_otherwise_in_documents_without_the_name_stays_apart():
    found = actors(doc("a", *[("Cyclops", "ORG")] * 6), doc("b", ("Cyclop", "PERSON"), acting=(0,)))
    assert {"Cyclops", "Cyclop"} <= set(found)


def test_a_family_name_written_first_joins_the_full_name():
    found = actors(doc("a", ("Tran Van Minh", "PERSON"), ("Tran", "PERSON")),
                   doc("b", ("Tran", "PERSON"), ("Tran", "PERSON")))
    assert list(found) == ["Tran Van Minh"]


def test_two_people_with_the_same_first_name_keep_a_bare_first_name_apart():
    found = actors(doc("a", ("Steve Orlan", "PERSON"), ("Steve Maddox", "PERSON"), ("Steve", "PERSON"),
                       acting=(0, 1, 2)))
    assert {"Steve Orlan", "Steve Maddox", "Steve"} == set(found)


def test_a_nickname_and_the_formal_first_name_are_one_person():
    found = actors(doc("a", ("Thomas Enders", "PERSON")), doc("b", ("Tom Enders", "PERSON")))
    assert len(found) == 1


def test_a_rare_misspelling_joins_the_common_name_of_the_same_kind():
    found = actors(doc("a", *[("Chrysler", "ORG")] * 4), doc("b", ("Chrylser", "ORG"), ("Chrysler", "ORG")))
    assert list(found) == ["Chrysler"] and "Chrylser" in found["Chrysler"][1]


def test_two_names_in_common_use_one_letter_apart_stay_two():
    found = actors(doc("a", *[("Johnson", "PERSON")] * 4), doc("b", *[("Johnston", "PERSON")] * 4),
                   doc("c", ("Iran", "GPE"), ("Iraq", "GPE"), acting=(0, 1)))
    assert {"Johnson", "Johnston", "Iran", "Iraq"} <= set(found)


def test_one_name_never_gets_two_pages():
    # "the US government" found by the parse, "US Government" by NER: one page, no "-2".
    found = graph_actors(doc("a", ("US government", "COLLECTIVE", {"country": "US"}),
                             ("US government", "COLLECTIVE", {"country": "US"})),
                         doc("b", ("US Government", "ORG")))
    assert [a.id for a in found] == ["us-government"]


def test_namesakes_a_human_tells_apart_get_a_qualifier_not_a_number():
    curation = Curation(not_same_as=[("US Government", "government of United States")])
    found = graph_actors(doc("a", ("US government", "COLLECTIVE", {"country": "US"}),
                             ("US government", "COLLECTIVE", {"country": "US"})),
                         doc("b", ("US Government", "PERSON", {"role": "band"})), curation=curation)
    assert len(found) == 2 and all(not a.id[-1].isdigit() for a in found)
    assert all("(" in a.name for a in found)


# --- 2. no junk pages --------------------------------------------------------------

def test_a_name_written_once_in_passing_in_common_words_gets_no_page():
    text = "Financial Markets were calm, and financial news on markets was thin."
    found = actors(doc("a", ("Financial Markets", "ORG"), text=text))
    assert found == {}


def test_a_name_written_once_that_acts_keeps_its_page():
    text = "Financial Markets said it would close, and financial news on markets was thin."
    found = actors(doc("a", ("Financial Markets", "ORG"), text=text, acting=(0,)))
    assert list(found) == ["Financial Markets"]


@pytest.fixture(scope="module")
def mentions_of(nlp):
    from generator.extract.document import extract
    from generator.model import Source

    def run(text: str) -> list[str]:
        facts = extract(Source(id="t", path="t.md", title="", date="2021-05-04", text=text, sha256="t"), nlp)
        return [m.name for m in facts.mentions]
    return run


def test_words_of_an_all_capitals_lead_are_not_names_unless_written_normally(mentions_of):
    names = mentions_of("THE ORVANE COUNCIL MET ON TUESDAY. Later the Orvane Council voted.")
    assert names.count("Orvane Council") == 1 and "ORVANE COUNCIL" not in names


def test_adjectives_of_belief_or_politics_are_not_actors(mentions_of):
    names = mentions_of("Muslim clerics and Republican senators met Christian leaders in Cairo.")
    assert not {"Muslim", "Republican", "Christian", "Christian leaders"} & set(names)


def test_market_indices_time_zones_and_currencies_are_not_actors(mentions_of):
    names = mentions_of("The Hang Seng index fell 2 percent by 0900 GMT, and the FTSE 100 rose while "
                        "the USD weakened. Toyota said sales rose.")
    assert not {"Hang Seng", "FTSE", "FTSE 100", "GMT", "USD"} & set(names) and "Toyota" in names


def test_a_flight_is_named_for_its_airline(mentions_of):
    names = mentions_of("Investigators said Adam Air Flight 574 crashed into the sea.")
    assert "Adam Air" in names


def test_an_occasion_is_not_an_actor(mentions_of):
    names = mentions_of("Apple unveiled the phone at the Worldwide Developers Conference in San Francisco.")
    assert "Worldwide Developers Conference" not in names and "Apple" in names


def test_two_names_glued_by_a_headline_are_not_a_third_actor():
    headline = DocFacts(source_id="h", sha256="h" * 4,
                        sentences=(Sentence(0, 40, "Internal Emails Expose Varta Air Force Talks"),
                                   Sentence(41, 60, "Varta said so.")),
                        mentions=(Mention(start=22, end=37, text="Varta Air Force", name="Varta Air Force",
                                          label="ORG", sent=0),
                                  Mention(start=41, end=46, text="Varta", name="Varta", label="ORG", sent=1)),
                        timexes=(), events=(), agreements=())
    found = actors(headline, doc("b", ("Air Force", "ORG"), ("Air Force", "ORG"), ("Varta", "ORG")))
    assert "Varta Air Force" not in found and {"Varta", "Air Force"} <= set(found)


def test_an_honorific_after_a_name_is_not_part_of_it():
    found = actors(doc("a", ("Ashraf Ghani", "PERSON"), ("Ghani Sahib", "PERSON")),
                   doc("b", ("Tanaka-san", "PERSON"), ("Hiro Tanaka", "PERSON")))
    assert set(found) == {"Ashraf Ghani", "Hiro Tanaka"}


# --- names NER runs together or cuts short (hand-made parses: the rule, not the model's mood) ---

@pytest.fixture(scope="module")
def repaired():
    import spacy
    from spacy.tokens import Doc, Span

    from generator.extract.mentions import _repaired

    vocab = spacy.blank("en").vocab

    def run(words: list[str], ents: list[tuple[int, int, str]], sent_starts: tuple[int, ...] = ()) -> list[str]:
        doc = Doc(vocab, words=words, sent_starts=[i == 0 or i in sent_starts for i in range(len(words))])
        doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
        return [span.text for span in _repaired(list(doc.ents))]
    return run


def test_a_verb_inside_a_tagged_name_splits_it_into_two_names(repaired):
    words = "Later the Federal Maritime Commission ordered Velmar to reopen its bid".split()
    assert repaired(words, [(1, 7, "ORG")]) == ["Federal Maritime Commission", "Velmar"]


def test_particles_and_an_organisation_s_to_stay_inside_a_name(repaired):
    words = "the Committee to Protect Journalists and Bank of Tokyo said so".split()
    assert repaired(words, [(1, 5, "ORG"), (6, 9, "ORG")]) == ["Committee to Protect Journalists", "Bank of Tokyo"]


def test_a_comma_inside_an_organisation_s_name_lists_two_unless_a_legal_form_follows(repaired):
    words = "Velmar , Orsk Corp and Talmeda , Inc agreed".split()
    assert repaired(words, [(0, 4, "ORG"), (5, 8, "ORG")]) == ["Velmar", "Orsk Corp", "Talmeda , Inc"]


def test_a_comma_inside_what_one_body_is_for_does_not_cut_it(repaired):
    words = "the Ministry of Economy , Trade and Industry said".split()
    assert repaired(words, [(1, 8, "ORG")]) == ["Ministry of Economy , Trade and Industry"]


def test_an_opening_bracket_never_closed_ends_the_name(repaired):
    words = "the International Labour Organisation ( ILO said".split()
    assert repaired(words, [(1, 6, "ORG")]) == ["International Labour Organisation"]


def test_a_name_running_over_a_sentence_start_is_cut_there(repaired):
    words = "Citicorp would buy Orsk Corp. Velmar has offered more".split()
    assert repaired(words, [(3, 6, "ORG")], sent_starts=(5,)) == ["Orsk Corp.", "Velmar"]


def test_a_closing_bracket_without_its_opening_ends_what_came_before(repaired):
    words = "Director of the Ministry 's ( MCW ) Americas and Oceanic Division spoke".split()
    assert repaired(words, [(6, 12, "ORG")]) == ["Americas and Oceanic Division"]


def test_a_person_s_possessive_before_a_ministry_is_not_part_of_its_name(repaired):
    words = "Yesterday Sato 's Ministry of Coastal Works acted".split()
    assert repaired(words, [(1, 7, "ORG")]) == ["Ministry of Coastal Works"]


def test_a_company_with_a_possessive_in_its_name_keeps_it(repaired):
    words = "Ronald 's Burger Corp sold more".split()
    assert repaired(words, [(0, 4, "ORG")]) == ["Ronald 's Burger Corp"]


def test_a_word_wire_copy_capitalised_after_us_is_not_part_of_a_name(repaired):
    words = "its offer for shares of the U.S. Lapsed at midnight and U.S. Steel rose".split()
    assert repaired(words, [(5, 8, "ORG"), (11, 13, "ORG")]) == ["U.S.", "U.S. Steel"]


def test_an_irish_surname_split_by_tokenised_text_is_one_name(repaired):
    words = "The chairman , Sean O ' Brien , resigned".split()
    assert repaired(words, [(3, 5, "PERSON")]) == ["Sean O ' Brien"]


def test_a_portfolio_in_a_title_is_not_an_actor_but_the_department_acting_is(mentions_of):
    names = mentions_of("Treasury Secretary Lena Holt and Commerce Secretary Ivo Brandt met in Ostend. "
                        "Later the Treasury said it would act.")
    assert names.count("Treasury") == 1 and "Commerce" not in names and "Lena Holt" in names


def test_a_country_abbreviation_alone_is_a_name(mentions_of):
    assert "U.S." in mentions_of("The Senate urged Japan to open its market to the U.S. on Monday.")


def test_a_news_site_named_by_its_domain_is_a_name(mentions_of):
    assert "Kabar.com" in mentions_of("`` We will not sign , '' Kabar.com quoted Djamal as saying.")


def test_words_in_lower_case_or_an_amount_are_no_names_but_letters_with_an_ampersand_are(mentions_of):
    names = mentions_of("Velmar paid 280bn naira for AT&T shares, said the supreme court.")
    assert "AT&T" in names and not {"280bn", "naira", "supreme court"} & set(names)


def test_a_regional_adjective_is_not_an_actor(mentions_of):
    names = mentions_of("European leaders met, and the European carmaker Velmar said sales rose.")
    assert not {"European", "European leaders"} & set(names) and "Velmar" in names


@pytest.fixture(scope="module")
def facts_of(nlp):
    from generator.extract.document import extract
    from generator.model import Source

    def run(text: str):
        return extract(Source(id="t", path="t.md", title="", date="2021-05-04", text=text, sha256="t"), nlp)
    return run


def test_an_employer_named_before_a_worker_is_an_actor_not_a_modifier(facts_of):
    facts = facts_of("A Norvik Airways International ground operator was hurt, "
                     "said Orsk Research defence analyst Paul Nesbit.")
    modifier = {m.name: m.modifier for m in facts.mentions}
    assert modifier["Norvik Airways International"] is False and modifier["Orsk Research"] is False


def test_a_unit_named_in_common_words_carries_its_owner_s_name(facts_of):
    facts = facts_of("Velmar 's Orbital Systems unit grew; Velmar said orbital work rose.")
    assert "Velmar Orbital Systems" in [m.name for m in facts.mentions]


def test_a_name_that_is_subject_or_object_of_a_verb_acts_but_not_inside_quoted_speech(facts_of):
    facts = facts_of("`` We will not sign , '' Kabar.com quoted Djamal as saying . "
                     "He told reporters : `` We met Velmar Corp yesterday . ''")
    acts = {m.name: m.acts for m in facts.mentions}
    assert acts["Kabar.com"] is True and acts["Velmar Corp"] is False


def test_the_employer_of_someone_quoted_acts(facts_of):
    facts = facts_of("`` No end is in sight , '' said Carsten Fritsch , a strategist at Velmarbank .")
    assert [m.acts for m in facts.mentions if m.name == "Velmarbank"] == [True]


def test_a_name_after_a_quotation_closed_in_its_sentence_acts(facts_of):
    facts = facts_of('There are some problems," a spokesman for the ministry told Kabar News.')
    assert [m.acts for m in facts.mentions if m.name == "Kabar News"] == [True]


def test_a_company_introduced_by_what_it_makes_is_an_actor(facts_of):
    for text in ("The magazine cited confidential papers from engine maker Velprop in a report .",
                 "The report cited documents from engine maker Velprop ."):
        assert [(m.name, m.acts) for m in facts_of(text).mentions] == [("Velprop", True)]


def test_a_single_word_written_once_that_acts_keeps_its_page():
    found = actors(doc("a", ("Orvik", "ORG", {"acts": True}), ("Talmeda", "ORG")))
    assert set(found) == {"Orvik"}
