"""Agreements on documents written for these tests, through the real model: who agreed to
what, references across sentences and documents, terms, parts and the status history."""

from __future__ import annotations

import pytest

from generator.generate import generate
from generator.resolve.export import graph_to_dict

pytestmark = pytest.mark.slow

MERGER = """date 2024-05-02 Acme Corp and Globex Inc said they had signed a merger agreement.

The merger is expected to close in June. Under the agreement, Globex will pay $40 for each Acme share.
"""

FOLLOW_UP = """date 2024-06-20 The European Commission approved the merger between Acme Corp and Globex Inc on Thursday.
"""

TAKEOVER = """date 2024-03-08 Initrode Inc has agreed to buy medical technology firm Vandeley for $2bn.

Vandeley makes pacemakers. Analysts said the deal would take a year to complete.
"""

CEASEFIRE = """date 2024-07-15 Israel and Hamas agreed to a ceasefire in Cairo on Sunday.

The planned hostage exchange is part of the ceasefire. The exchange of hostages begins next week.

Hamas later rejected the ceasefire, the United Nations said.
"""

WEATHER = """date 2024-01-10 Both sides agreed that the weather was bad. The agreement was hard to read.
Officials said a deal would be good for everyone.
"""


def export(tmp_path, settings_for, documents: dict[str, str]) -> dict:
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - briefing:\n      sources: seeds\n")
    (tmp_path / "seeds").mkdir()
    for name, text in documents.items():
        (tmp_path / "seeds" / name).write_text(text)
    return graph_to_dict(generate(settings_for(tmp_path)).graph)


def named(graph: dict) -> dict[str, str]:
    return {a["id"]: a["name"] for a in graph["actors"]}


def parties(graph: dict, agreement: dict) -> set[str]:
    return {named(graph)[p].rstrip(".") for p in agreement["parties"]}


def test_a_merger_said_to_be_signed_by_they_has_both_companies_and_its_terms(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {"merger.txt": MERGER, "follow-up.txt": FOLLOW_UP})
    [merger] = graph["agreements"]
    assert parties(graph, merger) == {"Acme Corp", "Globex Inc"}
    assert any("Globex will pay $40" in t["text"] for t in merger["terms"])
    assert not any(t["text"].startswith("Under") for t in merger["terms"])
    # The second document names the same parties: one agreement, quoted from both sources.
    sources = {q["source"] for e in graph["events"] if merger["id"] in e["agreements"] for q in e["quotes"]}
    assert "follow-up" in sources
    approved = [e for e in graph["events"] if merger["id"] in e["agreements"] and e["status"] == "approved"]
    assert approved and approved[0]["date"] == "2024-06-20"


def test_agreeing_to_buy_makes_an_acquisition_between_buyer_and_bought(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {"takeover.txt": TAKEOVER})
    [deal] = graph["agreements"]
    assert deal["kind"] == "acquisition"
    assert parties(graph, deal) == {"Initrode Inc", "Vandeley"}
    assert {a["name"]: a["type"] for a in graph["actors"]}["Vandeley"] == "organization"
    assert named(graph)[deal["parties"][0]] in deal["name"]


def test_ceasefire_has_date_place_a_part_and_a_status_history(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {"ceasefire.txt": CEASEFIRE})
    by_kind = {a["kind"]: a for a in graph["agreements"]}
    ceasefire, exchange = by_kind["ceasefire"], by_kind["exchange"]
    assert parties(graph, ceasefire) == {"Israel", "Hamas"}
    assert ceasefire["date"] == "2024-07-14"           # "on Sunday" before Monday 15 July
    assert named(graph)[ceasefire["place"]] == "Cairo"
    # "The planned hostage exchange is part of the ceasefire": its own page, linked to the whole.
    assert exchange["part_of"] == ceasefire["id"] and exchange["name"] == "Hostage exchange"
    statuses = {e["status"] for e in graph["events"] if ceasefire["id"] in e["agreements"]}
    assert "rejected" in statuses


def test_no_agreement_without_parties(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {"weather.txt": WEATHER})
    assert graph["agreements"] == []
    assert not list((tmp_path / "content" / "agreements").glob("*-*.md"))


def test_agreement_page_shows_parts_and_history(tmp_path, settings_for):
    export(tmp_path, settings_for, {"ceasefire.txt": CEASEFIRE})
    page = next(p for p in (tmp_path / "content" / "agreements").glob("*.md")
                if "Kind** ceasefire" in p.read_text())
    text = page.read_text()
    assert "**Includes** [Hostage exchange](hostage-exchange.md)" in text
    assert "| When | Status | What | Source |" in text and "| rejected |" in text
    exchange = (tmp_path / "content" / "agreements" / "hostage-exchange.md").read_text()
    assert "**Part of** [" in exchange and f"]({page.name})" in exchange


def test_a_deal_done_in_the_opening_sentence_takes_the_source_date_and_no_other_does(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {"wire.txt": MERGER + "\nIn other news, Initech Inc signed a supply contract with Hooli Corp.\n"})
    by_parties = {frozenset(parties(graph, a)): a for a in graph["agreements"]}
    merger = by_parties[frozenset({"Acme Corp", "Globex Inc"})]
    other = by_parties[frozenset({"Initech Inc", "Hooli Corp"})]
    assert merger["date"] == "2024-05-02"
    [signing] = [e for e in graph["events"] if merger["id"] in e["agreements"] and e["status"] == "signed"]
    assert signing["date"] == "2024-05-02" and signing["date_text"] is None
    assert other["date"] is None
    assert all(e["date"] is None for e in graph["events"] if other["id"] in e["agreements"])


NOT_DEALS = """date 2024-02-01 BMW sales rose 5% in Europe last year. The US Securities and Exchange Commission fined Acme Corp.

German carmaker Volkswagen signed a supply deal with Bosch Ltd.
"""


def test_sales_and_names_with_deal_words_are_no_agreements_and_descriptions_no_parties(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {"business.txt": NOT_DEALS})
    [deal] = graph["agreements"]
    assert parties(graph, deal) == {"Volkswagen", "Bosch Ltd"}


def test_the_two_countries_are_the_two_countries_named_just_before(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {"geneva.txt": (
        "date 2021-03-04 Foreign Minister Anna Keller of Norway met Prime Minister Rafael Ortiz of Chile "
        "in Geneva on 3 March 2021. Keller said the two countries signed the Geneva Fisheries Agreement "
        "on Tuesday. Ortiz praised the agreement.\n")})
    [agreement] = graph["agreements"]
    assert agreement["name"] == "Geneva Fisheries Agreement"
    assert parties(graph, agreement) == {"Norway", "Chile"}
    assert agreement["date"] == "2021-03-02"
