"""Agreements as readers know them, on documents written for these tests, through the real
model: kinds under other names, the side a minister signs for, one agreement across sources,
and a lifecycle whose steps are dated and quoted, planned or required steps not taken."""

from __future__ import annotations

import pytest

from tests.test_agreements import export

pytestmark = pytest.mark.slow


def names(graph: dict, ids) -> set[str]:
    by_id = {a["id"]: a["name"] for a in graph["actors"]}
    return {by_id[i] for i in ids}


def test_a_truce_by_another_name_is_a_ceasefire_with_its_parties(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {"a.txt": "date 2023-04-02 A cessation of hostilities between "
                                                    "Chad and Sudan took effect on Sunday.\n"})
    [truce] = graph["agreements"]
    assert truce["kind"] == "ceasefire" and names(graph, truce["parties"]) == {"Chad", "Sudan"}
    assert truce["status"] == "in force"


def test_a_trade_deal_across_sources_is_one_agreement_between_the_countries(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {
        "a.txt": "date 2022-11-03 Chile and Vietnam signed a trade deal in Santiago on Thursday.\n",
        "b.txt": "date 2022-11-04 Vietnamese Trade Minister Tran Van Minh and Chilean Foreign Minister "
                 "Ana Rojas signed the trade agreement.\n",
        "c.txt": "date 2022-11-05 Exporters in Vietnam welcomed the deal, which Vietnam must still ratify.\n"})
    trade = [a for a in graph["agreements"] if a["kind"] == "trade agreement"]
    assert len(trade) == 1
    assert names(graph, trade[0]["parties"]) == {"Chile", "Vietnam"}
    assert trade[0]["status"] == "ratification pending" and trade[0]["status_since"] == "2022-11-05"
    assert [step["status"] for step in trade[0]["lifecycle"]][:1] == ["signed"]


def test_a_planned_signing_does_not_make_a_deal_signed(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {
        "a.txt": "date 2021-06-01 Acme Corp and Globex Inc will sign a merger agreement next week.\n"})
    [deal] = graph["agreements"]
    assert deal["status"] == "negotiating"


def test_a_denied_signing_takes_no_step(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {
        "a.txt": "date 2021-06-01 Talks on an accord between Acme Corp and Globex Inc began in May.\n"
                 "On Friday Globex did not sign the accord.\n"})
    [deal] = graph["agreements"]
    assert deal["status"] == "negotiating"


def test_the_latest_dated_step_is_the_status_and_the_page_says_since_when(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {
        "a.txt": "date 2024-07-15 Israel and Hamas agreed to a ceasefire on Sunday.\n",
        "b.txt": "date 2024-07-30 Hamas violated the ceasefire with Israel on Monday.\n"})
    [truce] = [a for a in graph["agreements"] if a["kind"] == "ceasefire"]
    assert [s["status"] for s in truce["lifecycle"]] == ["signed", "violated"]
    assert truce["status"] == "violated" and truce["status_since"] == "2024-07-29"
    page = (tmp_path / "content" / truce["page"]).read_text()
    assert "**Status** violated since 2024-07-29" in page and 'from "Monday"' in page


def test_a_release_offered_by_one_side_is_its_offer(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {
        "a.txt": "date 2020-03-02 The Taliban offered a prisoner release to the Afghan government.\n"})
    [release] = graph["agreements"]
    assert release["kind"] == "release" and release["status"] == "proposed"
    assert names(graph, release["parties"]) == {"Taliban"}


def test_the_earlier_deal_a_new_one_replaces_keeps_its_own_page(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {
        "a.txt": "date 2019-09-09 Chad and Sudan signed an accord that replaces the previous "
                 "agreement between Chad and Sudan.\n"})
    assert len(graph["agreements"]) == 2


def test_a_power_sharing_deal_between_two_leaders(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {
        "a.txt": "date 2020-05-17 Ashraf Ghani and Abdullah Abdullah signed a power-sharing deal in Kabul.\n"})
    [deal] = graph["agreements"]
    assert deal["kind"] == "power-sharing agreement" and deal["status"] == "signed"


def test_the_deal_in_another_source_is_the_one_deal_of_its_parties(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {
        "a.txt": "date 2022-02-01 Chad and Sudan signed a peace agreement in Geneva.\n",
        "b.txt": "date 2022-03-01 Sudan suspended the agreement on Tuesday, officials said.\n"})
    [peace] = graph["agreements"]
    assert peace["status"] == "suspended"


def test_settling_a_dispute_is_a_settlement_and_the_deal_it_replaces_is_the_earlier_one(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {
        "a.txt": "date 2019-04-02 Initrode Inc said on Monday it had settled its patent dispute with Globex Corp on Friday. "
                 "The settlement replaces the 2011 agreement between the two companies, which covered licences.\n"})
    by_kind = {a["kind"]: a for a in graph["agreements"]}
    settlement = by_kind["settlement"]
    assert names(graph, settlement["parties"]) == {"Initrode Inc", "Globex Corp"}
    assert settlement["status"] == "signed"
    earlier = [a for a in graph["agreements"] if a is not settlement]
    assert len(earlier) == 1 and names(graph, earlier[0]["parties"]) == {"Initrode Inc", "Globex Corp"}
    assert earlier[0]["name"].startswith("Earlier") or "2011" in earlier[0]["name"]


def test_deals_in_the_plural_with_a_list_are_one_deal_with_each(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {
        "a.txt": "date 2018-05-05 Initrode Inc has signed deals with Globex Corp, Vandeley Industries "
                 "and Hooli Ltd this year.\n"})
    deals = graph["agreements"]
    assert len(deals) == 3
    assert all("Initrode Inc" in names(graph, d["parties"]) and len(d["parties"]) == 2 for d in deals)


def test_a_step_dated_only_by_its_source_held_as_of_that_day_not_since(tmp_path, settings_for):
    """"Norvale Shipping has signed a supply agreement with Kestrel Mining", in a story of
    2021-05-03, tells that the deal was signed by that day, not on it."""
    graph = export(tmp_path, settings_for, {
        "a.txt": "date 2021-05-03 Norvale Shipping has signed a supply agreement with Kestrel Mining.\n"})
    [deal] = graph["agreements"]
    assert deal["status"] == "signed" and deal["status_since"] == "2021-05-03"
    page = (tmp_path / "content" / deal["page"]).read_text()
    assert "**Status** signed as of 2021-05-03 (the date of the source)" in page
    assert "signed since" not in page
    home = (tmp_path / "content" / "index.md").read_text()
    assert "**signed** as of 2021-05-03" in home
