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
