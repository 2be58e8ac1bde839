"""Readers' corrections on event and agreement pages reach every page that shows the fact, the
export and What's new, show the sources' version beside them, and outlive rebuilds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.config import load_settings
from generator.generate import generate
from generator.resolve.export import graph_to_dict

pytestmark = pytest.mark.slow

STORY = ("date 2021-04-20 The Chilean Senate ratified the trade agreement between Chile and Vietnam on Monday.\n"
         "Chile and Vietnam signed the trade agreement in Santiago in March.\n"
         "President Gabriel Boric praised the vote in Valparaiso on Tuesday.\n")
# Another report of the Senate's vote, from another paper: one event, two sources.
SECOND = "date 2021-04-21 The Chilean Senate ratified the trade agreement with Vietnam on Monday.\n"
SENATE = "2021-04-19-chilean-senate-ratifies-trade-agreement-between-chile-and"
DEAL = "trade-agreement-between-chile-and-vietnam"


def make_project(root: Path, **sources: str) -> Path:
    (root / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - briefing:\n      sources: seeds\n")
    (root / "seeds").mkdir()
    for name, text in sources.items():
        (root / "seeds" / f"{name}.txt").write_text(text)
    return root


def build(root: Path) -> dict:
    settings = load_settings(root / "mkdocs.yml")
    settings.jobs = 1
    report = generate(settings)
    graph = graph_to_dict(report.graph)
    graph["problems"] = [str(p) for p in report.problems]
    return graph


def set_keys(page: Path, lines: str) -> None:
    """Add front-matter lines (a `title:` line replaces the page's own)."""
    text = page.read_text()
    if lines.startswith("title:"):
        title, _, lines = lines.partition("\n")
        text = re.sub(r"^title: .*$", lambda _: title, text, count=1, flags=re.M)
    page.write_text(text.replace("\n---\n", f"\n{lines}\n---\n", 1) if lines else text)


def read(root: Path, path: str) -> str:
    return (root / "content" / path).read_text()


def event(graph: dict, event_id: str) -> dict:
    return next(e for e in graph["events"] if e["id"] == event_id)


def agreement(graph: dict, agreement_id: str = DEAL) -> dict:
    return next(a for a in graph["agreements"] if a["id"] == agreement_id)


def line_of(text: str, needle: str) -> str:
    """The line of `text` that holds the link to `needle` (a page's file name)."""
    found = [line for line in text.splitlines() if needle in line]
    assert found, needle
    return found[0]


@pytest.fixture
def chile(tmp_path) -> Path:
    root = make_project(tmp_path, story=STORY, wire=SECOND)
    graph = build(root)
    assert event(graph, SENATE)["modality"] == "happened" and len(event(graph, SENATE)["quotes"]) == 2
    return root


EVENT_PAGE = f"events/{SENATE}.md"
DEAL_PAGE = f"agreements/{DEAL}.md"
HAND = "corrected by hand"


def test_corrections_retitle_and_status_read_ratification_pending_everywhere(chile):
    """The case a reader meets: a source says the Senate ratified; it has not yet."""
    set_keys(chile / "content" / EVENT_PAGE, 'title: "Chilean Senate has yet to ratify the trade agreement"\n'
                                             "modality: planned")
    set_keys(chile / "content" / DEAL_PAGE, "status: ratification pending")
    graph = build(chile)
    title = "Chilean Senate has yet to ratify the trade agreement"
    deal = read(chile, DEAL_PAGE)
    assert "**Status** ratification pending" in deal
    assert "the sources say: in force" in deal
    history = line_of(deal, SENATE)
    assert title in history and "| ratification pending |" in history and "approved" not in history
    timeline = line_of(read(chile, "timeline.md"), SENATE)
    assert title in timeline and "ratification pending" in timeline and "[Chilean Senate ratifies" not in timeline
    assert title in line_of(read(chile, "actors/chilean-senate.md"), SENATE)
    assert title in line_of(read(chile, "index.md"), SENATE)
    assert event(graph, SENATE)["status"] == "ratification pending"
    assert agreement(graph)["status"] == "ratification pending"
    assert agreement(graph)["corrected"] == {"status": "in force"}
    assert "in force → ratification pending" in read(chile, "whats-new.md")
    page = read(chile, EVENT_PAGE)
    assert HAND in page and 'the sources say: "Chilean Senate ratifies trade agreement' in page


# key, value, how the export shows it, and (page, text that must be on the line linking the event)
EVENT_CASES = {
    "title": ('title: "Senate vote on the Vietnam deal"', {"title": "Senate vote on the Vietnam deal"},
              "Senate vote on the Vietnam deal"),
    "date": ("date: 2021-04", {"date": "2021-04", "date_precision": "month"}, "2021-04"),
    "modality": ("modality: negated", {"modality": "negated", "status": "not approved"}, "not approved"),
}


@pytest.mark.parametrize("key", sorted(EVENT_CASES))
def test_corrections_of_an_event_reach_every_page_that_shows_it(chile, key):
    line, exported, shown = EVENT_CASES[key]
    before = event(build(chile), SENATE)
    set_keys(chile / "content" / EVENT_PAGE, line)
    graph = build(chile)
    after = event(graph, SENATE)
    for field, value in exported.items():
        assert after[field] == value, field
    assert key in after["corrected"] and after["corrected"][key] == before[key]
    # The event's own page marks it and keeps what the sources say.
    page = read(chile, EVENT_PAGE)
    assert HAND in page and "the sources say" in page
    # Every listing that shows the event shows the correction.
    for path in ("timeline.md", DEAL_PAGE, "actors/chilean-senate.md", "actors/chile.md", "events/index.md"):
        text = read(chile, path)
        if key != "modality" or path in ("timeline.md", DEAL_PAGE):
            assert shown in line_of(text, SENATE), path
    assert shown in line_of(read(chile, "index.md"), SENATE) or key == "modality"
    assert SENATE in read(chile, "whats-new.md")


def test_corrections_event_place_and_summary(chile):
    set_keys(chile / "content" / EVENT_PAGE, "place: Valparaiso\nsummary: Voted in a late session.")
    graph = build(chile)
    senate = event(graph, SENATE)
    assert senate["place"] == "valparaiso" and senate["summary"] == "Voted in a late session."
    assert senate["corrected"] == {"place": None}
    page = read(chile, EVENT_PAGE)
    assert "**Where** [Valparaiso](../actors/valparaiso.md)" in page and "Voted in a late session." in page
    assert "the sources say: no place" in page
    # The place's page links back to the event.
    assert SENATE in read(chile, "actors/valparaiso.md")


def test_corrections_an_unknown_place_is_a_problem_naming_the_key(chile):
    set_keys(chile / "content" / EVENT_PAGE, "place: Atlantis")
    graph = build(chile)
    assert event(graph, SENATE)["place"] is None
    assert any(EVENT_PAGE in p and "`place`" in p and "Atlantis" in p for p in graph["problems"])


def test_corrections_of_an_agreement_reach_every_page_that_shows_it(chile):
    set_keys(chile / "content" / DEAL_PAGE, 'title: "Chile–Vietnam free trade agreement"\n'
                                            "date: 2019\nplace: Valparaiso\nparties: [Chile, Vietnam, Chilean Senate]\n"
                                            "summary: Cuts tariffs on fruit and copper.")
    graph = build(chile)
    deal = agreement(graph)
    assert deal["name"] == "Chile–Vietnam free trade agreement"
    assert (deal["date"], deal["place"]) == ("2019", "valparaiso")
    assert deal["parties"] == ["chile", "vietnam", "chilean-senate"]
    assert deal["summary"] == "Cuts tariffs on fruit and copper."
    assert deal["corrected"] == {"title": "Trade agreement between Chile and Vietnam", "date": "2021-03",
                                 "place": "santiago", "parties": ["chile", "vietnam"]}
    page = read(chile, DEAL_PAGE)
    assert page.count(HAND) == 4 and "the sources say: 2021-03 (month)" in page
    # The name everywhere it links; the date in the agreements' index; the new party's page lists it.
    for path in ("index.md", "agreements/index.md", EVENT_PAGE, "actors/vietnam.md"):
        assert "Chile–Vietnam free trade agreement" in line_of(read(chile, path), DEAL), path
    assert "2019" in line_of(read(chile, "agreements/index.md"), DEAL)
    assert DEAL in read(chile, "actors/chilean-senate.md")


def test_corrections_same_as_merges_two_events(chile):
    boric = "2021-04-20-gabriel-boric-praises-vote-in-valparaiso"
    set_keys(chile / "content" / EVENT_PAGE, f"same_as: [{boric}.md]")
    graph = build(chile)
    assert not any(e["id"] == boric for e in graph["events"])
    merged = event(graph, SENATE)
    assert "gabriel-boric" in merged["actors"] and len(merged["quotes"]) == 3
    for page in (chile / "content").rglob("*.md"):
        assert f"{boric}.md)" not in page.read_text(), page
    assert SENATE in line_of(read(chile, "actors/gabriel-boric.md"), SENATE)


def test_corrections_not_same_as_splits_off_a_source(chile):
    set_keys(chile / "content" / EVENT_PAGE, "not_same_as: [wire.txt]")
    graph = build(chile)
    senate = event(graph, SENATE)
    split = [e for e in graph["events"] if e["id"].startswith(SENATE) and e["id"] != SENATE]
    assert [q["source"] for q in senate["quotes"]] == ["story"]
    assert len(split) == 1 and [q["source"] for q in split[0]["quotes"]] == ["wire"]
    assert (chile / "content" / split[0]["page"]).exists()
    assert split[0]["id"] in agreement(graph)["events"]


def test_corrections_agreement_same_as_merges_another(tmp_path):
    root = make_project(tmp_path, story=STORY, other="date 2021-05-02 Chile and Peru signed a fisheries "
                                                     "agreement in Lima on Friday.\n")
    graph = build(root)
    fisheries = next(a for a in graph["agreements"] if "peru" in a["parties"])
    set_keys(root / "content" / DEAL_PAGE, f"same_as: [{fisheries['name']}]")
    graph = build(root)
    assert not any(a["id"] == fisheries["id"] for a in graph["agreements"])
    deal = agreement(graph)
    assert "peru" in deal["parties"] and fisheries["name"] in deal["aliases"]
    assert "other" in {t["source"] for t in deal["lifecycle"]}
    assert DEAL in read(root, "actors/peru.md")


def test_corrections_agreement_not_same_as_splits_off_a_source(tmp_path):
    chile = make_project(tmp_path, story=STORY,
                         wire="date 2021-04-26 Chile suspended the trade agreement with Vietnam on Friday.\n")
    assert "wire" in {t["source"] for t in agreement(build(chile))["lifecycle"]}
    set_keys(chile / "content" / DEAL_PAGE, "not_same_as: [wire.txt]")
    graph = build(chile)
    apart = [a for a in graph["agreements"] if a["id"] != DEAL and a["id"].startswith(DEAL)]
    assert len(apart) == 1 and {t["source"] for t in apart[0]["lifecycle"]} == {"wire"}
    assert "wire" not in {t["source"] for t in agreement(graph)["lifecycle"]}
    assert (chile / "content" / apart[0]["page"]).exists()


def test_corrections_a_title_the_generator_wrote_is_no_correction(chile):
    """A page someone touched keeps the title the generator wrote then; when the sources
    retitle the event, that old title is not taken for a correction."""
    page = chile / "content" / EVENT_PAGE
    page.write_text(page.read_text() + "\nA note of mine.\n")
    build(chile)
    # The story is edited: the event's title changes in the sources (its page stays the same).
    story = chile / "seeds" / "story.txt"
    story.write_text(story.read_text().replace("between Chile and Vietnam", "between Chile and Hanoi"))
    graph = build(chile)
    assert event(graph, SENATE)["title"] == "Chilean Senate ratifies trade agreement between Chile and Hanoi"
    assert event(graph, SENATE)["corrected"] == {}
    assert HAND not in page.read_text()


def test_corrections_survive_ten_rebuilds_while_sources_change(chile):
    boric = "2021-04-20-gabriel-boric-praises-vote-in-valparaiso"
    # Another paper tells a step of the deal of its own, which `not_same_as` below splits off.
    (chile / "seeds" / "suspend.txt").write_text(
        "date 2021-04-26 Chile suspended the trade agreement with Vietnam on Friday.\n")
    assert "suspend" in {t["source"] for t in agreement(build(chile))["lifecycle"]}
    set_keys(chile / "content" / EVENT_PAGE, 'title: "Chilean Senate has yet to ratify the trade agreement"\n'
                                             "modality: planned\ndate: 2021-04\nplace: Valparaiso\n"
                                             f"summary: A committee vote only.\nsame_as: [{boric}.md]")
    set_keys(chile / "content" / DEAL_PAGE, 'title: "Chile–Vietnam free trade agreement"\n'
                                            "status: ratification pending\nplace: Valparaiso\ndate: 2019\n"
                                            "parties: [Chile, Vietnam, Chilean Senate]\nsummary: Tariffs.\n"
                                            "not_same_as: [suspend.txt]")
    for n in range(10):
        # Each build brings a source, and every other one changes one already there.
        (chile / "seeds" / f"later{n}.txt").write_text(
            f"date 2021-05-{n + 1:02d} Vietnamese officials met Chilean diplomats in Hanoi on day {n}.\n")
        if n % 2:
            (chile / "seeds" / "wire.txt").write_text(SECOND + f"Trade rose by {n} percent.\n")
        graph = build(chile)
        senate, deal = event(graph, SENATE), agreement(graph)
        assert (senate["title"], senate["modality"], senate["date"], senate["place"], senate["summary"]) == \
            ("Chilean Senate has yet to ratify the trade agreement", "planned", "2021-04", "valparaiso",
             "A committee vote only."), n
        assert "gabriel-boric" in senate["actors"] and not any(e["id"] == boric for e in graph["events"]), n
        assert (deal["name"], deal["status"], deal["place"], deal["date"], deal["parties"], deal["summary"]) == \
            ("Chile–Vietnam free trade agreement", "ratification pending", "valparaiso", "2019",
             ["chile", "vietnam", "chilean-senate"], "Tariffs."), n
        assert "suspend" not in {t["source"] for t in deal["lifecycle"]}, n
        assert "ratification pending" in line_of(read(chile, "timeline.md"), SENATE)
        assert "**Status** ratification pending" in read(chile, DEAL_PAGE)
        assert not [p for p in graph["problems"] if "front matter" in p], graph["problems"]
    assert "modality: planned" in read(chile, EVENT_PAGE)


def test_corrections_a_value_of_the_wrong_kind_is_named_by_generate_and_check(chile):
    from generator.check import check

    set_keys(chile / "content" / EVENT_PAGE, "modality: maybe\ndate: 2021-02-30")
    set_keys(chile / "content" / DEAL_PAGE, "status: finished")
    graph = build(chile)
    assert event(graph, SENATE)["modality"] == "happened" and event(graph, SENATE)["date"] == "2021-04-19"
    assert agreement(graph)["status"] == "in force"
    for found in (graph["problems"], [str(p) for p in check(chile / "content")]):
        assert any(EVENT_PAGE in p and "`modality` should be one of happened, planned" in p for p in found)
        assert any(EVENT_PAGE in p and "`date` should be a date" in p for p in found)
        assert any(DEAL_PAGE in p and "`status` should be one of proposed" in p for p in found)


def test_corrections_follow_an_event_that_new_sources_give_another_id(tmp_path):
    """A new source tells the Senate's vote first: the event's title, so its id and page,
    change. The reader's corrections on the old page keep applying to the event."""
    root = make_project(tmp_path, story=STORY)
    build(root)
    set_keys(root / "content" / EVENT_PAGE, "summary: A committee vote only.\nmodality: planned")
    assert event(build(root), SENATE)["summary"] == "A committee vote only."
    (root / "seeds" / "a-wire.txt").write_text("date 2021-04-20 The Senate of Chile on Monday ratified the trade "
                                               "agreement between Chile and Vietnam.\n")
    graph = build(root)
    vote = next(e for e in graph["events"] if {q["source"] for q in e["quotes"]} == {"a-wire", "story"})
    assert vote["id"] != SENATE             # the case this is about: a new id
    assert (vote["summary"], vote["modality"]) == ("A committee vote only.", "planned")
    assert "modality: planned" in read(root, EVENT_PAGE)        # the human's page is kept as they left it
