"""Agreements a story names by what they do rather than by who signed them: the sides a deal's
own clause names, a deal greeted as made, standing arrangements such as swap lines, and the word
the sources call a deal by. Documents written for these tests, run through the real model."""

from __future__ import annotations

import pytest

from tests.test_agreements import export

pytestmark = pytest.mark.slow


def names(graph: dict, ids) -> set[str]:
    by_id = {a["id"]: a["name"] for a in graph["actors"]}
    return {by_id[i] for i in ids}


def test_a_deal_bringing_a_state_closer_to_membership_is_between_it_and_the_body(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {"a.txt": (
        "date 2021-06-03 Chancellor Angela Merkel hailed a deal bringing Serbia a step closer to EU "
        "membership. The deal to open accession talks with Belgrade came after months of delay. "
        "The EU said Serbia must first reform its courts.\n")})
    [deal] = graph["agreements"]
    assert names(graph, deal["parties"]) == {"Serbia", "EU"}
    # greeted as made: signed, that day
    assert (deal["status"], deal["status_since"]) == ("signed", "2021-06-03")
    # the sources say "deal", and so does its title
    assert deal["name"].endswith(" deal"), deal["name"]


def test_a_deal_only_hoped_for_is_not_signed(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {"a.txt": (
        "date 2021-06-03 Diplomats said they would welcome a deal bringing Serbia closer to EU membership. "
        "The EU said Serbia must first reform its courts.\n")})
    [deal] = graph["agreements"]
    assert deal["status"] == "negotiating"


def test_a_welcomed_proposal_is_still_a_proposal(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {"a.txt": (
        "date 2021-06-03 Serbia welcomed a draft agreement with the EU on visas.\n")})
    assert all(a["status"] != "signed" for a in graph["agreements"]), graph["agreements"]


def test_a_contract_someone_wins_keeps_the_sides_who_made_it(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {"a.txt": (
        "date 2021-06-03 Thales has won a contract with Poland to supply the Czech army with radars.\n")})
    [contract] = graph["agreements"]
    assert names(graph, contract["parties"]) == {"Thales", "Poland"}


def test_existing_swap_lines_are_in_force_and_part_of_the_arrangement_between_the_banks(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {"a.txt": (
        "date 2008-10-13 The Federal Reserve and the Bank of Japan agreed on reciprocal currency "
        "arrangements on Monday. The Federal Reserve said it would increase existing swap lines "
        "with the Bank of Japan.\n")})
    [lines] = graph["agreements"]
    assert names(graph, lines["parties"]) == {"Federal Reserve", "Bank of Japan"}
    assert (lines["status"], lines["status_since"]) == ("in force", "2008-10-13")
    # existing lines are in force, not an earlier deal another replaced
    assert not lines["name"].lower().startswith("earlier")


@pytest.mark.parametrize("noun, joins", [("deal", True), ("treaty", False)])
def test_a_treaty_in_another_source_is_no_deal_never_called_a_treaty(tmp_path, settings_for, noun, joins):
    graph = export(tmp_path, settings_for, {
        "a.txt": "date 2022-02-01 Chad and Sudan signed a peace deal in Geneva.\n",
        "b.txt": f"date 2022-03-01 Sudan suspended the {noun} on Tuesday, officials said.\n"})
    [peace] = graph["agreements"]
    assert (peace["status"] == "suspended") is joins, peace


def one_purchase(graph: dict) -> dict:
    found = [a for a in graph["agreements"] if a["kind"] == "purchase"]
    assert len(found) == 1, [(a["name"], a["kind"]) for a in graph["agreements"]]
    return found[0]


def test_goods_an_airline_will_buy_from_their_maker_are_a_proposed_purchase(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {"a.txt": (
        "date 2021-05-04 Ryanair will also purchase 25 of Boeing's 737 jets for $2bn.\n")})
    purchase = one_purchase(graph)
    assert names(graph, purchase["parties"]) == {"Ryanair", "Boeing"}
    assert purchase["status"] == "proposed" and purchase["name"].endswith("purchase")


def test_goods_bought_from_a_named_seller_are_a_signed_purchase(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {"a.txt": (
        "date 2021-05-04 Lufthansa bought 12 long-haul jets from Airbus on Monday.\n")})
    purchase = one_purchase(graph)
    assert names(graph, purchase["parties"]) == {"Lufthansa", "Airbus"}
    assert (purchase["status"], purchase["status_since"]) == ("signed", "2021-05-03")


@pytest.mark.parametrize("text", [
    "Fidelity bought 20 million of Lufthansa's shares on Monday.",         # shares, on a market
    "Lufthansa may buy 30 jets from either Boeing or Airbus.",              # no one seller yet
    "Lufthansa bought Germanwings from Eurowings on Monday.",               # a company, no count
    "Lufthansa did not buy 12 jets from Airbus.",                           # denied
])
def test_no_purchase_without_goods_counted_from_one_seller(tmp_path, settings_for, text):
    graph = export(tmp_path, settings_for, {"a.txt": f"date 2021-05-04 {text}\n"})
    assert not [a for a in graph["agreements"] if a["kind"] == "purchase"], graph["agreements"]


def test_a_takeover_told_after_a_purchase_is_not_that_purchase(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {"a.txt": (
        "date 2021-05-04 Lufthansa bought 12 long-haul jets from Airbus on Monday. Under the agreement, "
        "Airbus will deliver the jets by 2023. Union leaders said the takeover had collapsed.\n")})
    assert one_purchase(graph)["status"] == "signed"


def test_a_takeover_in_another_source_is_not_the_purchase_of_its_parties(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {
        "a.txt": "date 2021-05-04 Lufthansa bought 12 long-haul jets from Airbus on Monday.\n",
        "b.txt": "date 2021-05-20 Lufthansa said the takeover had collapsed.\n"})
    assert one_purchase(graph)["status"] == "signed"


def test_the_unit_named_by_its_owner_is_the_unit_and_who_backs_it_is_no_party(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {"a.txt": (
        "date 1987-03-23 Vantex Capital Investors Ltd, a unit of Vantex Corp, said it wants to buy the "
        "steel assets of Brisket Corp. The Vantex unit, with Orlon Inc's approval, proposed to acquire "
        "the steel group from Brisket Corp.\n")})
    [offer] = [a for a in graph["agreements"] if a["kind"] == "offer"]
    assert {n.rstrip(".") for n in names(graph, offer["parties"])} == {"Vantex Capital Investors Ltd", "Brisket Corp"}
    assert offer["status"] == "proposed"


@pytest.mark.parametrize("told", ["Airbus parent EADS has won a contract with the Royal Air Force.",
                                  "Airbus parent EADS wins contract with Royal Air Force"])
def test_a_company_named_as_anothers_parent_is_the_one_that_acts(tmp_path, settings_for, told):
    graph = export(tmp_path, settings_for, {"a.txt": f"date 2008-03-27 {told}\n"})
    [contract] = graph["agreements"]
    assert names(graph, contract["parties"]) == {"EADS", "Royal Air Force"}


def test_a_treaty_one_side_signed_is_not_the_one_deal_of_that_side(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {
        "a.txt": ("date 2021-06-03 Chancellor Angela Merkel hailed a deal bringing Serbia a step closer to "
                  "EU membership. The EU said Serbia must first reform its courts.\n"),
        "b.txt": ("date 2021-06-10 The treaty was signed by all 27 EU members in Rome. EU members "
                  "suspended the treaty on Friday.\n")})
    [deal] = graph["agreements"]
    assert names(graph, deal["parties"]) == {"Serbia", "EU"}
    assert [step["status"] for step in deal["lifecycle"]] == ["signed"], deal["lifecycle"]


def test_a_joint_undertaking_one_side_suggests_is_a_proposal_between_both(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {"a.txt": (
        "date 2021-03-24 Chile and Peru disagree over fishing quotas. In a letter, Chilean trade minister "
        "Ana Rojas suggested the two countries could conduct a joint survey of anchovy stocks.\n")})
    [proposal] = graph["agreements"]
    assert names(graph, proposal["parties"]) == {"Chile", "Peru"}
    assert proposal["kind"] == "offer" and (proposal["status"], proposal["status_since"]) == ("proposed", "2021-03-24")


@pytest.mark.parametrize("told, status", [("has proposed a joint Chile/Peru survey of anchovy stocks", "proposed"),
                                          ("is expected to propose a joint Chile/Peru survey of anchovy stocks", None)])
def test_a_joint_survey_proposed_or_only_expected(tmp_path, settings_for, told, status):
    graph = export(tmp_path, settings_for, {"a.txt": (
        f"date 2021-03-24 Chile and Peru disagree over fishing quotas. Chile {told}.\n")})
    [proposal] = graph["agreements"]
    assert names(graph, proposal["parties"]) == {"Chile", "Peru"} and proposal["status"] == status


def test_a_joint_survey_two_sides_carry_out_is_no_proposal(tmp_path, settings_for):
    graph = export(tmp_path, settings_for, {"a.txt": (
        "date 2021-03-24 Chile and Peru conducted a joint survey of anchovy stocks.\n")})
    assert not graph["agreements"]
