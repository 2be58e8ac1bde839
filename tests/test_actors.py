"""Actor resolution on hand-made mentions: no model, each rule on its own."""

from __future__ import annotations

from generator.model import DocFacts, EventFact, Mention, Sentence
from generator.resolve.actors import Curation
from generator.resolve.graph import resolve


def doc(source_id: str, *mentions: tuple, acting: tuple[int, ...] = ()) -> DocFacts:
    """mentions: (text, label) or (text, label, extra fields). `acting`: mentions that are the
    agents of an event (a name written once gets a page only if it acts or is acted upon)."""
    built = []
    for i, m in enumerate(mentions):
        text, label, *rest = m
        extra = rest[0] if rest else {}
        built.append(Mention(start=i * 10, end=i * 10 + len(text), text=text, name=extra.pop("name", text),
                             label=label, sent=0, **extra))
    events = (EventFact(sent=0, trigger="say", rest="", agents=acting, others=(), place=None, timex=None),) \
        if acting else ()
    return DocFacts(source_id=source_id, sha256=source_id * 4, sentences=(Sentence(0, 9, "A sentence."),),
                    mentions=tuple(built), timexes=(), events=events, agreements=())


def actors(*docs, curation=None) -> dict[str, tuple[str, tuple[str, ...]]]:
    graph = resolve([], list(docs), curation)
    return {a.name: (a.type, a.aliases) for a in graph.actors}


def test_actors_surname_joins_the_full_name_across_documents():
    found = actors(doc("a", ("Ashraf Ghani", "PERSON")), doc("b", ("Ghani", "ORG")))
    assert list(found) == ["Ashraf Ghani"] and found["Ashraf Ghani"][0] == "person"


def test_actors_two_people_sharing_a_surname_are_not_merged_without_evidence():
    found = actors(doc("a", ("Seth Jones", "PERSON"), acting=(0,)), doc("b", ("Mary Jones", "PERSON"), acting=(0,)),
                   doc("c", ("Jones", "PERSON"), acting=(0,)))
    assert {"Seth Jones", "Mary Jones"} <= set(found)
    assert "Jones" not in found["Seth Jones"][1] and "Jones" not in found["Mary Jones"][1]


def test_actors_surname_in_a_document_with_one_candidate_joins_it():
    found = actors(doc("a", ("Seth Jones", "PERSON"), ("Jones", "PERSON")), doc("b", ("Mary Jones", "PERSON")))
    assert "Jones" in found["Seth Jones"][1]


def test_actors_country_names_codes_and_demonyms_are_one_country():
    found = actors(doc("a", ("U.S.", "GPE"), ("the United States", "GPE"), ("American", "NORP", {"name": "American"})),
                   doc("b", ("US", "GPE"), ("America", "GPE")))
    assert list(found) == ["United States"] and found["United States"][0] == "country"


def test_actors_an_acronym_joins_the_name_it_spells():
    found = actors(doc("a", ("Center for Strategic and International Studies", "ORG"), ("CSIS", "ORG")),
                   doc("b", ("UN Security Council", "ORG"), ("United Nations Security Council", "ORG")))
    assert set(found) == {"Center for Strategic and International Studies", "United Nations Security Council"}


def test_actors_company_short_name_joins_its_full_name_but_not_a_country():
    found = actors(doc("a", ("ConAgra Inc", "ORG"), ("ConAgra", "PERSON"), ("ConAgra", "PERSON")),
                   doc("b", ("Qatar Airways", "ORG"), ("Qatar", "GPE"), acting=(0, 1)))
    conagra = [(name, kind, aliases) for name, (kind, aliases) in found.items() if "ConAgra" in name]
    assert len(conagra) == 1 and conagra[0][1] == "organization"
    assert {conagra[0][0], *conagra[0][2]} == {"ConAgra", "ConAgra Inc"}
    assert "Qatar" in found and "Qatar Airways" in found


def test_actors_a_government_named_often_is_its_own_actor_named_once_is_the_country():
    afghan = {"country": "Afghan"}
    found = actors(doc("a", ("Afghan government", "COLLECTIVE", {**afghan}),
                       ("Afghan government", "COLLECTIVE", {**afghan}),
                       ("US government", "COLLECTIVE", {"country": "US"}), ("US", "GPE"),
                       ("Afghan officials", "COLLECTIVE", {**afghan})))
    assert found["Afghan government"][0] == "organization"
    assert "Afghan officials" in found["Afghan government"][1]
    assert "US government" in found["United States"][1]


def test_actors_a_name_that_only_modifies_a_noun_gets_no_page():
    found = actors(doc("a", ("Skype", "ORG", {"modifier": True}), ("Taliban", "ORG", {"modifier": True}),
                       ("Taliban", "ORG")))
    assert set(found) == {"Taliban"}


def test_actors_a_role_makes_a_person_whatever_ner_said():
    found = actors(doc("a", ("Sediq Sediqqi", "ORG", {"role": "spokesman for the President"})))
    assert found["Sediq Sediqqi"][0] == "person"


def test_actors_curation_walls_and_aliases():
    curation = Curation(aliases={"Al Qaeda": ["AQ Network"]}, not_same_as=[("Ashraf Ghani", "Ghani")])
    found = actors(doc("a", ("Ashraf Ghani", "PERSON"), ("Ghani", "PERSON"), ("Al Qaeda", "ORG"),
                       ("AQ Network", "ORG"), acting=(1,)), curation=curation)
    assert "Ghani" in found and "AQ Network" in found["Al Qaeda"][1]
