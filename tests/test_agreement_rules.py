"""The rules that find an agreement's parties and its current status, each on a document
written for it, through the real model; and the pure parts (status from a lifecycle, names
run together, wire-copy tickers) without it."""

from __future__ import annotations

import pytest

from generator.extract.agreements import _names_run_together
from generator.model import Mention, Quote, Transition
from generator.resolve.graph import _without_tickers, current_status
from tests.test_agreements import export


def names(graph: dict, ids) -> set[str]:
    by_id = {a["id"]: a["name"] for a in graph["actors"]}
    return {by_id[i].rstrip(".") for i in ids}


def one(graph: dict, kind: str | None = None) -> dict:
    found = [a for a in graph["agreements"] if kind is None or a["kind"] == kind]
    assert len(found) == 1, [a["name"] for a in graph["agreements"]]
    return found[0]


def story(tmp_path, settings_for, text: str, **more: str) -> dict:
    return export(tmp_path, settings_for, {"a.txt": text, **more})


# --- parties -------------------------------------------------------------------------

@pytest.mark.slow
def test_its_pact_with_another_is_between_the_subject_and_the_other(tmp_path, settings_for):
    graph = story(tmp_path, settings_for, "date 2021-05-04 Norway has launched a last-ditch effort to "
                                          "salvage its trade agreement with Iceland.\n")
    assert names(graph, one(graph)["parties"]) == {"Norway", "Iceland"}


@pytest.mark.slow
def test_who_breaks_a_pact_with_another_is_its_other_side(tmp_path, settings_for):
    graph = story(tmp_path, settings_for, "date 1987-03-13 Chile denied breaking a pact with the U.S. "
                                          "on copper trade.\n")
    assert names(graph, one(graph)["parties"]) == {"Chile", "United States"}


@pytest.mark.slow
def test_one_word_naming_two_countries_names_both_parties(tmp_path, settings_for):
    graph = story(tmp_path, settings_for, "date 1987-03-26 Talks between Japan and the United States "
                                          "stalled. Critics attacked the U.S.-Japanese steel agreement.\n")
    assert names(graph, one(graph)["parties"]) == {"Japan", "United States"}


@pytest.mark.slow
def test_a_tender_offer_is_the_bidders_for_its_target(tmp_path, settings_for):
    graph = story(tmp_path, settings_for, "date 1987-03-06 Initech Corp said it extended its tender "
                                          "offer for Vandelay Industries Inc to March 20.\n")
    offer = one(graph, "offer")
    assert names(graph, offer["parties"]) == {"Initech Corp", "Vandelay Industries Inc"}


@pytest.mark.slow
def test_who_is_pressed_to_act_does_it_not_who_presses(tmp_path, settings_for):
    graph = story(tmp_path, settings_for, "date 1987-03-25 The Securities and Exchange Commission "
                                          "pressed Initech Corp to reopen its tender offer for "
                                          "Vandelay Industries Inc.\n")
    offer = one(graph, "offer")
    assert names(graph, offer["parties"]) == {"Initech Corp", "Vandelay Industries Inc"}


@pytest.mark.slow
def test_the_signatories_of_a_deal_told_of_sign_for_its_parties(tmp_path, settings_for):
    graph = story(tmp_path, settings_for, "date 1987-03-24 Ghana and Britain signed an agreement to "
                                          "reschedule Ghana's debts. The agreement was signed by Finance "
                                          "Minister Kofi Mensah and the Export Credits Guarantee "
                                          "Department's chief executive John Smith.\n")
    assert names(graph, one(graph)["parties"]) == {"Ghana", "United Kingdom"}


@pytest.mark.slow
def test_a_proper_name_is_no_other_name_of_the_deal_before_it(tmp_path, settings_for):
    graph = story(tmp_path, settings_for, "date 1987-04-13 Japan and the United States signed a chip "
                                          "pact in July. An official said Japan would only pursue its "
                                          "rights under the General Agreement on Tariffs and Trade.\n")
    pact = one(graph)
    assert names(graph, pact["parties"]) == {"Japan", "United States"}
    assert "General" not in pact["name"] and not any("General" in a for a in pact["aliases"])


@pytest.mark.slow
def test_the_two_countries_are_two_countries_not_the_last_pair_named(tmp_path, settings_for):
    graph = story(tmp_path, settings_for, "date 1987-03-20 Senators met Commerce Secretary Malcolm "
                                          "Baldrige and State Department officials. The two countries "
                                          "signed a pact last September.\n")
    assert graph["agreements"] == []


@pytest.mark.slow
def test_a_regulators_order_is_no_purchase_order(tmp_path, settings_for):
    graph = story(tmp_path, settings_for, "date 1987-03-20 The SEC's order came after Acme Corp filed "
                                          "suit. Airbus has won an order from Qatar Airways for 60 jets.\n")
    order = one(graph)
    assert order["kind"] == "order" and "Qatar Airways" in names(graph, order["parties"])
    assert order["status"] == "signed" and order["status_since"] == "1987-03-20"


@pytest.mark.slow
def test_an_accord_of_which_one_side_only_is_named_gets_no_page(tmp_path, settings_for):
    graph = story(tmp_path, settings_for, "date 2020-01-07 Acme Corp's merger agreement was praised "
                                          "by analysts.\n")
    assert graph["agreements"] == []


@pytest.mark.slow
def test_a_deal_with_one_side_framing_what_a_company_says_is_the_speakers(tmp_path, settings_for):
    graph = story(tmp_path, settings_for, "date 1987-03-30 Initech Corp said that pursuant to an "
                                          "agreement with Hooli Inc, all litigation between them has "
                                          "been dismissed.\n")
    deal = one(graph)
    assert names(graph, deal["parties"]) == {"Initech Corp", "Hooli Inc"}
    assert deal["status"] == "in force" and deal["status_since"] == "1987-03-30"


@pytest.mark.slow
def test_a_newspaper_reporting_a_deal_is_no_party_to_it(tmp_path, settings_for):
    graph = story(tmp_path, settings_for, "date 2009-06-18 The China Daily newspaper reported that "
                                          "the deal with Airbus was waiting for approval.\n")
    assert graph["agreements"] == []


@pytest.mark.slow
def test_a_prisoner_swap_told_by_its_verb_is_an_exchange_between_the_pair(tmp_path, settings_for):
    graph = story(tmp_path, settings_for, "date 2004-12-15 Relations between Egypt and Israel improved. "
                                          "Both exchanged prisoners earlier this month.\n")
    swap = one(graph, "exchange")
    assert names(graph, swap["parties"]) == {"Egypt", "Israel"} and swap["status"] == "signed"


@pytest.mark.slow
def test_a_deal_the_sides_set_up_together_is_theirs(tmp_path, settings_for):
    graph = story(tmp_path, settings_for, "date 2008-09-18 The Bank of Canada and the Bank of England "
                                          "announced that they would be working together to provide "
                                          "reciprocal credit arrangements.\n")
    deal = one(graph)
    assert names(graph, deal["parties"]) == {"Bank of Canada", "Bank of England"}
    assert deal["status"] is None          # "would ... provide": not yet a step taken


@pytest.mark.slow
def test_a_mention_fitting_two_known_bids_is_no_bid_of_its_own(tmp_path, settings_for):
    graph = story(tmp_path, settings_for, "date 1987-03-20 Initech Corp raised its tender offer for "
                                          "Hooli Inc to 90 dlrs a share. Initech Corp also raised its "
                                          "tender offer for Vandelay Industries Inc to 40 dlrs a share. "
                                          "Analysts criticised Initech Corp's offer.\n")
    offers = [a for a in graph["agreements"] if a["kind"] == "offer"]
    assert sorted(len(a["parties"]) for a in offers) == [2, 2]


@pytest.mark.slow
def test_a_bidder_qualified_by_its_country_is_the_bidder(tmp_path, settings_for):
    graph = story(tmp_path, settings_for, "date 2005-02-18 Japan's Sumitomo Mitsui Financial has "
                                          "withdrawn its takeover offer for UFJ Holdings.\n")
    offer = one(graph, "offer")
    assert "Japan" not in names(graph, offer["parties"])
    assert offer["status"] == "collapsed"


# --- lifecycle and status -------------------------------------------------------------

@pytest.mark.slow
def test_a_term_under_a_pact_is_no_signing_of_it(tmp_path, settings_for):
    graph = story(tmp_path, settings_for, "date 2020-03-23 Chad and Sudan signed a border pact on "
                                          "Monday. Under the pact, Chad agreed to open its border.\n")
    assert [s["status"] for s in one(graph)["lifecycle"]] == ["signed"]


@pytest.mark.slow
def test_how_old_a_pact_is_does_not_make_it_an_earlier_one(tmp_path, settings_for):
    graph = story(tmp_path, settings_for, "date 1987-03-13 The eight month old pact between Chad and "
                                          "Sudan aims to stop smuggling.\n")
    assert not one(graph)["name"].lower().startswith("earlier")


@pytest.mark.slow
def test_an_alleged_violation_is_no_step(tmp_path, settings_for):
    graph = story(tmp_path, settings_for, "date 2022-05-09 Chad and Sudan signed a truce on Monday. "
                                          "Officials accused Sudan of violating the truce.\n")
    truce = one(graph)
    assert truce["status"] == "signed"


@pytest.mark.slow
def test_the_completion_of_a_deal_told_by_a_noun_puts_it_in_force(tmp_path, settings_for):
    graph = story(tmp_path, settings_for, "date 1987-06-29 Acme Corp and Globex Inc signed a merger "
                                          "agreement in March. With the completion of the merger, "
                                          "Globex will pay 95 dlrs a share.\n")
    merger = one(graph)
    assert merger["status"] == "in force" and merger["status_since"] == "1987-06-29"


@pytest.mark.slow
def test_a_deal_waiting_for_approval_is_pending_ratification(tmp_path, settings_for):
    graph = story(tmp_path, settings_for, "date 2009-06-18 China Eastern Airlines signed a contract "
                                          "with Airbus in Paris on June 15. The deal is waiting for "
                                          "an approval by Chinese aviation authorities.\n")
    deal = one(graph)
    assert [s["status"] for s in deal["lifecycle"]] == ["signed", "ratification pending"]
    assert deal["status"] == "ratification pending" and deal["status_since"] == "2009-06-18"


@pytest.mark.slow
def test_a_deal_the_phrase_dates_was_made_then(tmp_path, settings_for):
    graph = story(tmp_path, settings_for, "date 1987-03-24 The December agreement between Ghana and "
                                          "the Paris Club rescheduled 7.5 billion dlrs of debt.\n")
    deal = one(graph)
    assert deal["status"] == "signed" and deal["status_since"] == "1986-12"


@pytest.mark.slow
def test_a_date_inside_the_deals_own_name_is_not_the_day_of_the_step(tmp_path, settings_for):
    graph = story(tmp_path, settings_for, "date 1987-04-03 Acme Corp said it terminated its February 6 "
                                          "tender offer for Globex Inc.\n")
    offer = one(graph, "offer")
    assert offer["status"] == "collapsed" and offer["status_since"] == "1987-04-03"


@pytest.mark.slow
def test_a_completed_offer_told_by_a_participle_and_a_closed_sale(tmp_path, settings_for):
    graph = story(tmp_path, settings_for, "date 1987-03-20 Hooli Inc sued Initech Corp over Initech "
                                          "Corp's recently completed tender offer for Vandelay Industries "
                                          "Inc.\n", **{"b.txt": "date 1987-03-02 Holiday Corp and Comsat "
                                                    "Corp said they closed the sale of Holiday's stake "
                                                    "in Hi-Net to Comsat Corp.\n"})
    by_kind = {a["kind"]: a for a in graph["agreements"]}
    assert by_kind["offer"]["status"] == "in force"
    assert by_kind["sale"]["status"] == "in force"
    assert any("to Comsat" in a for a in [by_kind["sale"]["name"], *by_kind["sale"]["aliases"]])


def _step(status: str, date: str) -> Transition:
    return Transition(status=status, date=date, precision="day", date_text=None,
                      quote=Quote(source="s", sent=1, text=status))


def test_a_later_report_of_a_passed_step_retells_and_keeps_the_status():
    steps = [_step("proposed", "1987-02-17"), _step("in force", "1987-03-17"), _step("proposed", "1987-03-31")]
    assert current_status(steps) == ("in force", "1987-03-17")


def test_the_same_status_told_again_keeps_the_day_it_began():
    steps = [_step("signed", "2022-11-03"), _step("in force", "2022-12-01"), _step("in force", "2023-01-10")]
    assert current_status(steps) == ("in force", "2022-12-01")


def test_a_deal_can_fall_back_and_be_restored():
    steps = [_step("signed", "2024-07-14"), _step("violated", "2024-07-29"), _step("in force", "2024-08-02")]
    assert current_status(steps) == ("in force", "2024-08-02")
    assert current_status([_step("in force", "2024-01-01"), _step("collapsed", "2024-02-01"),
                           _step("signed", "2024-03-01")]) == ("collapsed", "2024-02-01")
    assert current_status([]) == (None, None)


# --- names -------------------------------------------------------------------------------

@pytest.mark.parametrize("name, label, run_together", [
    ("Cyclops with Dixons", "ORG", True),
    ("Securities and Exchange Commission ordered Dixons", "ORG", True),
    ("Cyclops Corp. Dixons", "ORG", True),
    ("Bank of England", "ORG", False),
    ("Ministry of International Trade and Industry", "ORG", False),
    ("eBay", "ORG", False),
    ("bank UFJ Holdings", "ORG", False),
    ("Afghan government", "COLLECTIVE", False),
])
def test_a_name_run_on_past_its_end_is_no_party(name, label, run_together):
    mention = Mention(start=0, end=len(name), text=name, name=name, label=label, sent=0)
    assert _names_run_together(mention) is run_together


@pytest.mark.parametrize("text, tidy", [
    ("rival bid for Cyclops Corp <CYL>", "rival bid for Cyclops Corp"),
    ("merger agreement with <Dixons Group plc", "merger agreement with Dixons Group plc"),
    ("offer for Electrospace Systems Inc <ELE", "offer for Electrospace Systems Inc"),
    ("agreement with <Audio/Video Affiliates Inc>, AVA", "agreement with Audio/Video Affiliates Inc, AVA"),
])
def test_wire_copy_tickers_are_left_out_of_agreement_names(text, tidy):
    assert _without_tickers(text) == tidy
