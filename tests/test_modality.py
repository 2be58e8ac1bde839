"""What the sources say happened, and what they only plan, deny, claim or say did not happen,
on documents written for these tests; and dates that reach an event through the sentence."""

from __future__ import annotations

import pytest

from generator.resolve.export import graph_to_dict
from tests.conftest import generate_story

pytestmark = pytest.mark.slow

STORY = """date 2021-04-20 The Chilean Senate must still ratify the trade agreement between Chile and Vietnam.
The accord signed on June 3rd by Chile and Vietnam cut tariffs.
In Kunduz, at least 15 soldiers were killed on Tuesday.
Mike Pompeo plans to visit Kabul in May.
President Ashraf Ghani did not release the prisoners.
The Taliban refused to sign the agreement with the Afghan government.
Russia denied that the Wagner Group attacked Kharkiv.
Ukraine claimed that Russian forces shelled Odessa on Sunday.
If the Taliban sign the deal, the United States will withdraw its troops.
Emmanuel Macron is scheduled to meet Angela Merkel in Paris next week.
Iran has yet to approve the nuclear accord.
Angela Merkel said that Germany had sent troops to Lithuania on Monday.
Iran demanded that the European Union lift all sanctions.
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("modality")
    return root, graph_to_dict(generate_story(root, STORY).graph)


@pytest.fixture(scope="module")
def events(project):
    return project[1]


def _one(graph, *words):
    found = [e for e in graph["events"] if all(w in e["title"].lower() for w in words)]
    assert len(found) == 1, [e["title"] for e in graph["events"]]
    return found[0]


@pytest.mark.parametrize("words, modality", [
    (("senate", "ratify"), "planned"),            # must still
    (("pompeo", "visit"), "planned"),             # plans to
    (("macron", "meet"), "planned"),              # is scheduled to
    (("iran", "approve"), "planned"),             # has yet to
    (("united states", "withdraw"), "planned"),   # will, in a conditional sentence
    (("sign deal",), "planned"),                  # if ...
    (("lift", "sanctions"), "planned"),           # demanded that ... (subjunctive)
    (("ghani", "release"), "negated"),            # did not
    (("taliban", "sign", "afghan"), "negated"),   # refused to
    (("kharkiv",), "claimed"),                    # denied by Russia
    (("odessa",), "claimed"),                     # claimed
    (("germany", "troops"), "happened"),          # reported, not contested
    (("soldiers", "killed"), "happened"),
])
def test_modality_follows_the_sentence(events, words, modality):
    assert _one(events, *words)["modality"] == modality


def test_modality_is_said_in_the_title(events):
    assert _one(events, "senate", "ratify")["title"] == "Chilean Senate to ratify trade agreement between Chile and Vietnam"
    assert _one(events, "ghani", "release")["title"].startswith("Ashraf Ghani does not release")
    assert _one(events, "odessa")["title"].endswith("Ukraine claims")
    denied = _one(events, "kharkiv")
    assert denied["title"].endswith("(contested)") and denied["attribution"] == []


def test_a_reported_statement_names_who_reports_it(events):
    sent = _one(events, "germany", "troops")
    assert sent["attribution"] == ["angela-merkel"]
    assert _one(events, "odessa")["attribution"] == ["ukraine"]


def test_a_pending_ratification_is_not_an_approval(events):
    ratify = _one(events, "senate", "ratify")
    assert ratify["status"] in (None, "ratification pending")
    assert ratify["status"] != "approved"


def test_a_participle_dates_its_event_in_the_year_told_as_done(events):
    """"The accord signed on June 3rd" in a story of April 2021 was signed in June 2020."""
    signing = _one(events, "sign", "accord")
    assert signing["modality"] == "happened"
    assert signing["date"] == "2020-06-03" and signing["date_basis"] == "text"


def test_a_fronted_place_ends_a_passive_headline(events):
    killed = _one(events, "soldiers", "killed")
    assert killed["title"] == "At least 15 soldiers killed in Kunduz"
    assert killed["date"] == "2021-04-20"


def test_a_plan_dated_after_its_story_is_not_shown_as_done(events):
    visit = _one(events, "pompeo", "visit")
    assert visit["date"] == "2021-05" and visit["modality"] == "planned"


def test_export_schema_lists_modality_of_every_event(events):
    assert events["schema"] == "briefing-graph/2"
    assert {e["modality"] for e in events["events"]} <= {"happened", "planned", "negated", "claimed"}


def test_the_event_page_says_what_is_planned_and_who_reports_it(project):
    root, graph = project
    ratify = _one(graph, "senate", "ratify")
    page = (root / "content" / ratify["page"]).read_text()
    assert "**Status** planned or expected, not yet done" in page
    sent = _one(graph, "germany", "troops")
    page = (root / "content" / sent["page"]).read_text()       # dated: it has a page
    assert "according to [Angela Merkel]" in page


# --- events named by a noun, and participles still to come, are as certain as their clause ------

LATER = """date 2020-03-05 Ghani will attend Saturday's meeting in Kabul.
Chile praised the accord to be signed on June 3 in Hanoi by Vietnam.
Leaders will attend the summit scheduled for March 20 in Paris.
Officials denied that Ghani attended Monday's meeting in Doha.
"""


@pytest.fixture(scope="module")
def later(tmp_path_factory):
    return graph_to_dict(generate_story(tmp_path_factory.mktemp("later"), LATER).graph)["events"]


@pytest.mark.parametrize("words, modality", [
    (("meeting", "kabul"), "planned"),          # a named event in a clause with "will"
    (("sign", "hanoi"), "planned"),             # "to be signed": a participle still to come
    (("summit", "paris"), "planned"),           # "scheduled for": arranged, not held
    (("meeting", "doha"), "claimed"),           # named inside a denied clause
])
def test_an_event_named_in_a_clause_takes_the_clauses_modality(later, words, modality):
    found = [e for e in later if all(w in e["title"].lower() for w in words) and e["date"]]
    assert found, [e["title"] for e in later]
    assert {e["modality"] for e in found} == {modality}, found
    # Nothing still to come is moved back a year as if it were told as done.
    assert all(e["date"] >= "2020" for e in found), found


PURPOSE = """date 2021-06-02 Norvale Shipping rolled out its first electric ferry to go into service in Lyon.
The envoy Ilse Marquardt urged Norway to release the prisoners.
Norway promised Ilse Marquardt to free the fishermen.
"""


@pytest.fixture(scope="module")
def purpose(tmp_path_factory):
    return graph_to_dict(generate_story(tmp_path_factory.mktemp("purpose"), PURPOSE).graph)["events"]


def test_what_a_to_infinitive_after_an_object_says_is_a_purpose_done_by_that_object(purpose):
    """"rolled out its ferry to go into service": the ferry is to go into service, Norvale
    Shipping did not go into service; "urged Norway to release": Norway is to release; but
    "promised Ilse Marquardt to free": Norway is to free."""
    assert any("rolls out" in e["title"] for e in purpose)
    assert not [e["title"] for e in purpose if "goes into service" in e["title"]]
    release = [e for e in purpose if e["title"].startswith("Norway to release")]
    assert release and release[0]["modality"] == "planned" and release[0]["actors"] == ["norway"], purpose
    free = [e for e in purpose if e["title"].startswith("Norway to free")]
    assert free and free[0]["actors"] == ["norway"], purpose


@pytest.mark.parametrize("sentence, modality", [
    ("A decree ordered the army to begin releasing the miners on June 14.", "planned"),
    ("The police refused to begin releasing the miners.", "negated"),
    ("The army began releasing the miners on Monday.", "happened"),
])
def test_what_an_infinitive_begins_takes_the_modality_of_the_beginning(nlp, sentence, modality):
    """"ordered the army to begin releasing the miners": the release is to begin, not done."""
    from generator.extract.modality import modality_of

    verb = next(t for t in nlp(sentence) if t.lemma_ == "release")
    assert modality_of(verb)[0] == modality
