"""One event however many sources report it, and never two events made one: documents
written for these tests."""

from __future__ import annotations

import pytest

from generator.generate import generate
from generator.resolve.export import graph_to_dict
from tests.conftest import generate_sources

pytestmark = pytest.mark.slow

WIRE = ("The Nikkei index of the Tokyo Stock Exchange fell by 3.2 percent to 8,459 points "
        "as exporters such as Toyota Motor lost ground.")
SOURCES = {
    "a.txt": f"date 2009-03-02 {WIRE}\nThe Hang Seng index fell sharply.\nSony cut its profit forecast. "
             "Sony's shares fell.\n",
    # the same wire story, republished with a small edit, a week later
    "b.txt": f"date 2009-03-09 {WIRE.replace('as exporters', 'while exporters')}\nThe Hang Seng index fell sharply.\n",
    # a year-dated sale in two sources: not known to be the same sale
    "c.txt": "date 2010-05-01 Toyota Motor sold shares of Daihatsu in 2008.\n",
    "d.txt": "date 2010-06-01 Toyota Motor also sold shares of Daihatsu to investors in 2008, the company said.\n",
}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("merge")
    return root, graph_to_dict(generate_sources(root, SOURCES).graph)["events"]


@pytest.fixture(scope="module")
def events(project):
    return project[1]


def _sources(event):
    return sorted({q["source"] for q in event["quotes"]})


def test_a_republished_sentence_is_one_event_with_both_sources(events):
    nikkei = [e for e in events if "nikkei" in e["title"].lower()]
    assert len(nikkei) == 1 and _sources(nikkei[0]) == ["a", "b"]


def test_undated_reports_in_different_sources_stay_apart(events):
    """"The Hang Seng index fell sharply" on two days is two falls, as far as anyone knows."""
    hang_seng = [e for e in events if "hang seng" in e["title"].lower()]
    assert all(len(_sources(e)) == 1 for e in hang_seng)


def test_a_year_is_too_coarse_to_merge_two_sources(events):
    sales = [e for e in events if "sell" in e["title"].lower()]
    assert sales and all(len(_sources(e)) == 1 for e in sales)


def test_an_undated_single_source_action_is_a_quote_not_a_page(project):
    root, events = project
    [nikkei] = [e for e in events if "nikkei" in e["title"].lower()]
    assert nikkei["page"] is not None and (root / "content" / nikkei["page"]).is_file()
    [forecast] = [e for e in events if "forecast" in e["title"].lower()]
    assert forecast["page"] is None
    assert not any("forecast" in p.name for p in (root / "content" / "events").glob("*.md"))
    # still findable: quoted on its actor's page
    assert "Sony cut its profit forecast." in (root / "content" / "actors" / "sony.md").read_text()


INDEX_WIRE = "The Sensex fell 4 percent in Mumbai as banks and carmakers lost ground in heavy trading."


@pytest.fixture(scope="module")
def index_events(tmp_path_factory):
    """A name that is no actor (an index the model does not take for an organisation) can still
    do something, undated: a wire story republished with a small edit tells it once."""
    from generator.config import load_settings

    root = tmp_path_factory.mktemp("index")
    (root / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - briefing:\n      sources: seeds\n")
    (root / "seeds").mkdir()
    (root / "seeds" / "e.txt").write_text(f"date 2008-10-06 {INDEX_WIRE}\n")
    (root / "seeds" / "f.txt").write_text(f"date 2008-10-07 {INDEX_WIRE.replace('heavy', 'hectic')}\n")
    settings = load_settings(root / "mkdocs.yml")
    settings.jobs = 1
    graph = graph_to_dict(generate(settings).graph)
    return graph


def test_what_a_name_that_is_no_actor_did_is_one_event_told_by_both_sources(index_events):
    assert not [a for a in index_events["actors"] if "sensex" in a["name"].lower()]
    sensex = [e for e in index_events["events"] if "sensex" in e["title"].lower()]
    assert len(sensex) == 1 and _sources(sensex[0]) == ["e", "f"], [e["title"] for e in index_events["events"]]


PLANS = {
    # a deal's ending: planned (on a condition) in one story, done in a later one
    "p1.txt": "date 2021-05-03 Harrow Capital said it would terminate its tender offer for Belmont Mills "
              "if the Belmont board rejected its bid.\n",
    "p2.txt": "date 2021-05-12 Harrow Capital terminated its tender offer for Belmont Mills on May 11.\n",
    # shares to be sold in May and shares sold on May 18: perhaps two sales
    "p3.txt": "date 2021-05-03 Harrow Capital will sell shares of Belmont Mills in May.\n",
    "p4.txt": "date 2021-05-20 Harrow Capital sold shares of Belmont Mills on May 18.\n",
    # a depot to close on a day, and closed that day; another depot to close that day
    "p5.txt": "date 2021-06-01 Trenton Freight will close its Leeds depot on June 15, the company said.\n",
    "p6.txt": "date 2021-06-16 Trenton Freight closed its Leeds depot on June 15.\n",
    "p7.txt": "date 2021-06-02 Trenton Freight will close its Derby depot on June 15.\n",
    # a launch told with no one named, and told with who launched what; another thing's launch
    "u1.txt": "date 2009-02-10 More than 200 films have been rented from the Norvale Film Club since its "
              "launch in 2006.\n",
    "u2.txt": "date 2009-03-01 Norvale Inc. launched the Norvale Film Club in 2006.\n",
    "u3.txt": "date 2009-02-14 Over 500 bands have played at the Norvale Arena since its launch in 2006.\n",
}


@pytest.fixture(scope="module")
def plan_events(tmp_path_factory):
    root = tmp_path_factory.mktemp("plans")
    return graph_to_dict(generate_sources(root, PLANS).graph)["events"]


def _with(events, *words):
    return [e for e in events if all(w in e["title"].lower() for w in words)]


def test_a_planned_ending_and_the_ending_done_later_are_one_event_that_happened(plan_events):
    [ended] = _with(plan_events, "terminat", "belmont")
    assert _sources(ended) == ["p1", "p2"]
    assert ended["modality"] == "happened" and ended["date"] == "2021-05-11"
    assert ended["title"].startswith("Harrow Capital terminates"), ended["title"]


def test_a_planned_sale_and_a_sale_on_a_day_the_plan_did_not_give_stay_two(plan_events):
    sales = _with(plan_events, "sell", "belmont")
    assert sorted((_sources(e), e["modality"]) for e in sales) == [(["p3"], "planned"), (["p4"], "happened")]


def test_a_closure_planned_for_a_day_and_done_that_day_is_one_event(plan_events):
    [leeds] = _with(plan_events, "close", "leeds")
    assert _sources(leeds) == ["p5", "p6"] and leeds["modality"] == "happened" and leeds["date"] == "2021-06-15"
    [derby] = _with(plan_events, "close", "derby")
    assert _sources(derby) == ["p7"] and derby["modality"] == "planned"


def test_an_unnamed_launch_joins_the_launch_of_what_its_sentence_names(plan_events):
    [launch] = _with(plan_events, "launches", "film club")
    assert _sources(launch) == ["u1", "u2"] and launch["title"] == "Norvale Inc. launches Norvale Film Club"
    # the arena's launch, the same year, stays its own
    assert [_sources(e) for e in _with(plan_events, "launch") if "u3" in _sources(e)] == [["u3"]]
