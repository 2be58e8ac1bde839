"""The scorer on small hand-made exports, and the well-formedness of the gold files it reads."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml

from generator.model import ACTOR_TYPES
from generator.score import (DEAL_STATUSES, MODALITIES, event_sources, format_report, keys_of, main, merge_golds, name_key,
                              names_of, normalize, score, source_documents)

GOLD_DIR = Path(__file__).parent / "gold"
# An agreement's lifecycle as the export states it (issue text and DESIGN.md).
AGREEMENT_STATUSES = {"proposed", "negotiating", "signed", "ratification pending", "in force", "suspended",
                      "violated", "collapsed", *DEAL_STATUSES}
GOLD_FILES = sorted(GOLD_DIR.glob("*.yml"))
CORPUS_FILES = {"bbc-news": ("bbc-news/bbc-news.jsonl", "id"),
                "reuters-21578": ("reuters-21578/reuters-21578.jsonl", "id"),
                "meantime-en": ("meantime-en/meantime-en.jsonl", "doc_id")}


def corpora_dir() -> Path:
    return Path(os.environ.get("BRIEFING_CORPORA", Path(__file__).parents[2] / "shared" / "corpora"))


# --- builders: the smallest export and gold that say what a test needs -----------------

def actor(id_, name, type_="organization", aliases=()):
    return {"id": id_, "name": name, "type": type_, "aliases": list(aliases), "roles": [],
            "page": f"actors/{id_}.md", "mentions": 1, "sources": ["doc"]}


def event(id_, date, precision, actors, quoted=(), modality=None):
    """`quoted`: the exported source ids its quotes come from; `modality` None leaves the field out."""
    made = {"id": id_, "title": id_, "date": date, "date_precision": precision, "date_text": date,
            "actors": list(actors), "place": None, "agreements": [],
            "quotes": [{"source": s, "text": f"{id_} in {s}"} for s in quoted], "page": f"events/{id_}.md"}
    return made if modality is None else {**made, "modality": modality}


def agreement(id_, name, parties, aliases=()):
    return {"id": id_, "name": name, "kind": "agreement", "aliases": list(aliases), "parties": list(parties),
            "date": "2020-02", "place": "doha", "terms": [{"text": "t", "source": "doc"}], "events": [],
            "page": f"agreements/{id_}.md"}


def export(actors=(), events=(), agreements=(), sources=()):
    """`sources`: gold document keys, exported as files named the way bench/score_gold.py writes them."""
    return {"schema": "briefing-graph/1", "actors": list(actors), "events": list(events),
            "agreements": list(agreements),
            "sources": [{"id": key.replace("/", "-"), "path": f"{key.replace('/', '__')}.txt", "title": key,
                         "date": None, "sha256": ""} for key in sources]}


def sid(key):
    """The exported source id of a gold document in `export`."""
    return key.replace("/", "-")


GOLD = {
    "actors": [
        {"name": "United States", "type": "country", "aliases": ["U.S.", "American"], "must": True},
        {"name": "Taliban", "type": "organization", "aliases": [], "must": True},
        {"name": "Mike Pompeo", "type": "person", "aliases": ["Pompeo"], "must": True},
        {"name": "Qatar", "type": "country", "aliases": [], "must": False},
    ],
    "places": ["Doha", "Kabul"],
    "not_actors": ["Skype"],
    "events": [{"date": "2020-03-23", "actors": ["Mike Pompeo"], "what": "visit", "must": True},
               {"date": "2020-02", "actors": ["United States", "Taliban"], "what": "signing", "must": False}],
    "agreements": [{"name": "US-Taliban agreement", "aliases": ["Doha agreement"], "kind": "agreement",
                    "parties": ["United States", "Taliban"], "date": "2020-02", "place": "Doha",
                    "terms": ["withdrawal"], "must": True}],
}

PERFECT_ACTORS = [actor("us", "United States", "country"), actor("taliban", "Taliban"),
                  actor("pompeo", "Mike Pompeo", "person"), actor("qatar", "Qatar", "country"),
                  actor("doha", "Doha", "place")]
PERFECT = export(PERFECT_ACTORS,
                 [event("visit", "2020-03-23", "day", ["pompeo"]), event("signing", "2020-02", "month", ["us"])],
                 [agreement("deal", "the US–Taliban agreement", ["us", "taliban"])])


# --- names -----------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [("U.S.", "US"), ("the Taliban", "Taliban"), ("Fayçal", "Faycal"),
                                  ("al-Qaeda", "Al Qaeda"), ("Charge D’Affaires", "Charge D'Affaires"),
                                  ("People 's Republic", "People's Republic")])
def test_name_key_ignores_case_article_accents_and_punctuation(a, b):
    assert name_key(a) == name_key(b)


def test_normalize_keeps_words_apart():
    assert normalize("The U.S.-Taliban  agreement") == "us taliban agreement"


# --- scoring ---------------------------------------------------------------------------

def test_perfect_export_scores_one():
    result = score(PERFECT, GOLD)
    figures = [result["actors"][k] for k in ("precision", "must_recall", "recall", "type_accuracy")]
    figures += [result["events"][k] for k in ("recall", "must_recall")]
    figures += [result["agreements"][k] for k in ("precision", "recall", "must_recall")]
    assert figures == [1.0] * 9
    assert not (result["actors"]["duplicates"] or result["actors"]["over_merges"]
                or result["actors"]["false_positives"])
    detail = result["agreements"]["details"][0]
    assert detail["date"]["ok"] and detail["place"]["ok"] and detail["terms"] == {"gold": 1, "exported": 1}


def test_duplicate_is_reported():
    result = score(export([*PERFECT_ACTORS, actor("pompeo-2", "Pompeo", "person")]), GOLD)["actors"]
    assert result["duplicates"] == {"Mike Pompeo": ["Mike Pompeo", "Pompeo"]}
    assert result["precision"] == 1.0


def test_over_merge_is_reported():
    merged = actor("us", "United States", "country", aliases=["Taliban"])
    result = score(export([merged, actor("pompeo", "Mike Pompeo", "person")]), GOLD)["actors"]
    assert result["over_merges"] == {"United States": ["United States", "Taliban"]}


def test_wrong_type_lowers_type_accuracy():
    actors = [actor("us", "United States", "organization"), actor("taliban", "Taliban")]
    result = score(export(actors), GOLD)["actors"]
    assert result["type_accuracy"] == 0.5
    assert result["type_errors"] == [{"actor": "United States", "type": "organization",
                                      "gold": "United States", "gold_type": "country"}]


def test_places_are_not_counted_against_precision():
    actors = [actor("taliban", "Taliban"), actor("kabul", "Kabul", "organization"),
              actor("herat", "Herat", "place"), actor("skype", "Skype")]
    result = score(export(actors), GOLD)["actors"]
    assert result["counted"] == 2 and result["precision"] == 0.5
    assert result["false_positives"] == result["false_positives_not_actors"] == ["Skype"]


def test_us_with_dots_matches_us_without():
    result = score(export([actor("us", "US", "country")]), GOLD)["actors"]
    assert "United States" not in result["missing"] and result["precision"] == 1.0


def test_event_with_wrong_precision_is_not_matched():
    events = [event("signing", "2020-02-29", "day", ["us"]), event("visit", "2020-03", "month", ["pompeo"])]
    result = score(export(PERFECT_ACTORS, events), GOLD)["events"]
    assert result["recall"] == 0.0
    assert result["missed_must"] == ["2020-03-23 visit"]


def test_a_must_have_event_found_only_by_an_event_with_no_page_has_no_page():
    events = [event("visit", "2020-03-23", "day", ["pompeo"])]
    assert score(export(PERFECT_ACTORS, events), GOLD)["events"]["must_paged"] == 1.0
    events = [{**events[0], "page": None}]
    result = score(export(PERFECT_ACTORS, events), GOLD)["events"]
    assert result["must_recall"] == 1.0 and result["must_paged"] == 0.0


def test_event_date_is_cut_to_its_stated_precision():
    events = [event("signing", "2020-02-01", "month", ["taliban"])]
    assert score(export(PERFECT_ACTORS, events), GOLD)["events"]["recall"] == 0.5


def test_agreement_with_missing_party_is_not_matched():
    result = score(export(PERFECT_ACTORS, agreements=[agreement("deal", "Doha agreement", ["us"])]), GOLD)
    agreements = result["agreements"]
    assert agreements["recall"] == agreements["precision"] == 0.0
    assert agreements["details"][0]["missing_parties"] == ["Taliban"]
    assert agreements["false_positives"] == ["Doha agreement"]


def test_agreement_name_matches_by_word_containment():
    named = agreement("deal", "agreement", ["us", "taliban"], aliases=["US-Taliban peace agreement"])
    result = score(export(PERFECT_ACTORS, agreements=[named]), GOLD)["agreements"]
    assert result["recall"] == 1.0


def test_one_word_agreement_name_matches_nothing():
    result = score(export(PERFECT_ACTORS, agreements=[agreement("deal", "agreement", ["us", "taliban"])]), GOLD)
    assert result["agreements"]["recall"] == 0.0


# --- several reports of one story: merging, over-merging, modality, agreement status ------

STORY_DOCS = ["news/1", "news/2", "news/3", "news/4"]     # news/4 reports no gold event
STORY = {
    "documents": {key: {"date": "2020-03-03", "kind": "news"} for key in STORY_DOCS},
    "actors": GOLD["actors"],
    "places": [], "not_actors": [],
    "events": [
        {"date": "2020-03-03", "actors": ["Taliban"], "what": "attack in Kunduz", "must": True,
         "sources": ["news/1", "news/2"]},
        {"date": "2020-03-03", "actors": ["Taliban", "United States"], "what": "talks", "must": False,
         "sources": ["news/3"]},
    ],
    "agreements": [],
}


def story_result(*events):
    return score(export(PERFECT_ACTORS, events, sources=STORY_DOCS), merge_golds([STORY]))["events"]


def test_exported_source_stands_for_the_gold_document_named_like_it():
    made = export(sources=["news/1", "bbc-news/7"])
    made["sources"].append({"id": "other", "path": "elsewhere/notes.md"})
    assert source_documents(made, STORY) == {"news-1": "news/1"}


def test_reports_on_one_event_are_merged():
    result = story_result(event("attack", "2020-03-03", "day", ["taliban"], [sid("news/1"), sid("news/2")]))
    assert (result["multi_source"], result["multi_source_found"], result["multi_source_merged"]) == (1, 1, 1)
    assert result["merged_share"] == 1.0 and result["not_merged"] == []
    assert result["over_merged"] == 0


def test_reports_split_over_two_events_are_not_merged():
    result = story_result(event("attack", "2020-03-03", "day", ["taliban"], [sid("news/1")]),
                          event("attack-2", "2020-03-03", "day", ["taliban"], [sid("news/2")]))
    assert result["multi_source_found"] == 1 and result["multi_source_merged"] == 0
    assert result["merged_share"] == 0.0 and result["multi_source_partly_merged"] == 0
    assert result["not_merged"] == ["2020-03-03 attack in Kunduz [2 sources; on one event at most 1]"]
    assert result["must_recall"] == 1.0                 # recall does not ask for merging


def test_merged_reports_of_an_undated_event_do_not_count():
    result = story_result(event("attack", None, None, ["taliban"], [sid("news/1"), sid("news/2")]))
    assert result["multi_source_found"] == result["multi_source_merged"] == 0
    assert result["merged_share"] == 0.0


def test_event_merging_two_gold_events_is_an_over_merge():
    merged = event("attack", "2020-03-03", "day", ["taliban"], [sid("news/1"), sid("news/3")])
    full = score(export(PERFECT_ACTORS, [merged], sources=STORY_DOCS), merge_golds([STORY]))
    assert full["events"]["over_merged"] == 1
    assert full["events"]["over_merges"] == [{"event": "attack", "documents": ["news/1", "news/3"],
                                              "gold": ["2020-03-03 attack in Kunduz", "2020-03-03 talks"]}]
    assert "over-merged 1" in format_report(full)


def test_event_reported_by_all_its_documents_is_no_over_merge():
    """It finds a second gold event of one of its documents, but one gold event has all its reports."""
    gold = {**STORY, "events": [STORY["events"][0], {**STORY["events"][1], "sources": ["news/2"]}]}
    made = export(PERFECT_ACTORS, [event("attack", "2020-03-03", "day", ["taliban"], [sid("news/1"), sid("news/2")])],
                  sources=STORY_DOCS)
    assert score(made, merge_golds([gold]))["events"]["over_merged"] == 0


def test_event_not_quoting_a_gold_event_does_not_merge_it_in():
    """It finds "talks" by date and actor, but quotes none of its reports."""
    result = story_result(event("attack", "2020-03-03", "day", ["taliban"], [sid("news/1"), sid("news/4")]))
    assert result["over_merged"] == 0


def test_single_document_event_is_never_an_over_merge():
    result = story_result(event("both", "2020-03-03", "day", ["taliban"], [sid("news/3")]))
    assert result["over_merged"] == 0


def test_events_of_a_one_document_file_are_reported_by_it():
    one = {"documents": {"news/9": {}}, "events": [{"date": "2020", "actors": [], "what": "x"}]}
    two = {"documents": {"news/1": {}, "news/2": {}}, "events": [{"date": "2020", "actors": [], "what": "y"},
                                                                  {"source": "news/2", "actors": [], "what": "z"}]}
    assert [event_sources(e, two) for e in two["events"]] == [[], ["news/2"]]
    assert [e["sources"] for e in merge_golds([one, two])["events"]] == [["news/9"], [], ["news/2"]]


PLANNED_GOLD = {
    "actors": GOLD["actors"], "places": [], "not_actors": [], "agreements": [],
    "events": [{"date": "2020-05-01", "actors": ["Taliban"], "what": "prisoners freed", "modality": "planned",
                "must": True},
               {"date": "2020-03-10", "actors": ["United States"], "what": "no withdrawal", "modality": "negated",
                "must": False},
               {"date": "2020-03-23", "actors": ["Mike Pompeo"], "what": "visit", "must": True}],
}


def modality_result(*events):
    return score(export(PERFECT_ACTORS, events), PLANNED_GOLD)["events"]


def test_modality_right_when_marked_like_the_gold():
    result = modality_result(event("freed", "2020-05-01", "day", ["taliban"], modality="planned"),
                             event("visit", "2020-03-23", "day", ["pompeo"], modality="happened"))
    assert (result["not_happened"], result["not_happened_found"]) == (2, 1)
    assert (result["modality_right"], result["modality_scored"], result["modality_accuracy"]) == (1, 1, 1.0)


def test_event_without_modality_has_happened():
    result = modality_result(event("freed", "2020-05-01", "day", ["taliban"]),
                             event("visit", "2020-03-23", "day", ["pompeo"]))
    assert result["modality_accuracy"] == 0.0
    assert result["modality_errors"] == ["2020-05-01 prisoners freed: planned, shown happened"]


def test_wrong_kind_of_not_happened_is_wrong():
    result = modality_result(event("freed", "2020-05-01", "day", ["taliban"], modality="negated"))
    assert result["modality_accuracy"] == 0.0


def test_happened_event_shown_as_not_happened_is_an_error():
    result = modality_result(event("freed", "2020-05-01", "day", ["taliban"], modality="planned"),
                             event("visit", "2020-03-23", "day", ["pompeo"], modality="claimed"))
    assert result["happened_shown_otherwise"] == 1
    assert (result["modality_right"], result["modality_scored"], result["modality_accuracy"]) == (1, 2, 0.5)
    assert result["modality_errors"] == ["2020-03-23 visit: happened, shown claimed"]


def test_happened_event_also_shown_as_happened_is_no_error():
    result = modality_result(event("visit", "2020-03-23", "day", ["pompeo"], modality="claimed"),
                             event("visit-2", "2020-03-23", "day", ["pompeo"]))
    assert result["happened_shown_otherwise"] == 0 and result["modality_scored"] == 0
    assert result["modality_accuracy"] is None


def test_modality_is_judged_on_events_quoting_a_report_of_it():
    """An undated gold event is found by any undated exported event with one of its actors."""
    gold = {**STORY, "events": [{"date": None, "actors": ["Taliban"], "what": "talks to resume", "must": True,
                                 "modality": "planned", "sources": ["news/1"]}]}
    elsewhere = event("elsewhere", None, None, ["taliban"], [sid("news/2")], modality="planned")
    here = event("here", None, None, ["taliban"], [sid("news/1")])
    result = score(export(PERFECT_ACTORS, [elsewhere, here], sources=STORY_DOCS), merge_golds([gold]))["events"]
    assert result["recall"] == 1.0
    assert (result["modality_right"], result["modality_scored"]) == (0, 1)
    result = score(export(PERFECT_ACTORS, [elsewhere], sources=STORY_DOCS), merge_golds([gold]))["events"]
    assert result["not_happened_found"] == result["modality_scored"] == 0


STATUS_GOLD = {**GOLD, "agreements": [
    {**GOLD["agreements"][0], "status": "ratification pending", "status_since": "2020-03"},
    {"name": "Chile-Vietnam trade deal", "aliases": [], "kind": "agreement", "parties": ["Qatar"],
     "terms": [], "must": False, "status": "signed"}]}


def status_result(**fields):
    deal = {**agreement("deal", "US-Taliban agreement", ["us", "taliban"]), **fields}
    return score(export(PERFECT_ACTORS, agreements=[deal]), STATUS_GOLD)["agreements"]


def test_agreement_status_right_ignores_spelling():
    result = status_result(status="ratification_pending", status_since="2020-03-04")
    assert (result["must_with_status"], result["status_scored"], result["status_right"]) == (1, 1, 1)
    assert result["status_accuracy"] == 1.0 and result["status_since_accuracy"] == 1.0


def test_a_deal_status_in_its_own_words_names_the_same_state_of_the_lifecycle():
    gold = {**STATUS_GOLD, "agreements": [{**STATUS_GOLD["agreements"][0], "status": "completed"}]}
    deal = {**agreement("deal", "US-Taliban agreement", ["us", "taliban"]), "status": "in force"}
    assert score(export(PERFECT_ACTORS, agreements=[deal]), gold)["agreements"]["status_right"] == 1
    deal["status"] = "signed"
    assert score(export(PERFECT_ACTORS, agreements=[deal]), gold)["agreements"]["status_right"] == 0


def test_agreement_without_status_is_not_right():
    result = status_result()
    assert result["status_scored"] == 1 and result["status_accuracy"] == 0.0
    assert result["status_since_accuracy"] == 0.0


def test_agreement_with_another_status_is_wrong():
    result = status_result(status="signed", status_since="2020-03")
    assert result["status_accuracy"] == 0.0
    assert result["details"][0]["status"] == {"gold": "ratification pending", "exported": "signed", "ok": False}


def test_status_of_an_agreement_not_found_is_not_scored():
    deal = {**agreement("deal", "US-Taliban agreement", ["us"]), "status": "ratification pending"}
    result = score(export(PERFECT_ACTORS, agreements=[deal]), STATUS_GOLD)["agreements"]
    assert result["must_with_status"] == 1 and result["status_scored"] == 0 and result["status_accuracy"] is None


def test_report_shows_the_new_figures():
    report = format_report(score(export(PERFECT_ACTORS, [event("freed", "2020-05-01", "day", ["taliban"])],
                                        [{**agreement("deal", "US-Taliban agreement", ["us", "taliban"]),
                                          "status": "signed"}]),
                                 {**PLANNED_GOLD, "agreements": STATUS_GOLD["agreements"]}))
    assert "modality    accuracy 0.00 (0/1; not happened 1/2 found, happened shown otherwise 0)" in report
    assert "status      accuracy 0.00 (0/1 must-have found; 1 must-have with a status)" in report
    assert "    - 2020-05-01 prisoners freed: planned, shown happened" in report
    assert "status ratification pending vs signed since 2020-03 vs None" in report


def test_report_and_command_line(tmp_path, capsys):
    assert "actors      precision 1.00" in format_report(score(PERFECT, GOLD))
    (tmp_path / "export.json").write_text(json.dumps(PERFECT))
    (tmp_path / "a.yml").write_text(yaml.safe_dump({**GOLD, "agreements": []}))
    (tmp_path / "b.yml").write_text(yaml.safe_dump({"actors": GOLD["actors"][:1], "agreements": GOLD["agreements"]}))
    assert main([str(tmp_path / "export.json"), str(tmp_path / "a.yml"), str(tmp_path / "b.yml"), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["actors"]["over_merges"] == {} and result["agreements"]["recall"] == 1.0


# --- the gold files --------------------------------------------------------------------

def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_there_are_enough_gold_files():
    golds = [_load(p) for p in GOLD_FILES]
    assert len(golds) >= 10
    assert sum(1 for g in golds if g["agreements"]) >= 5
    assert any(not g["agreements"] for g in golds)          # a negative document for agreements


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_file_is_well_formed(path):
    gold = _load(path)
    assert set(gold) >= {"documents", "actors", "places", "not_actors", "events", "agreements"}
    assert gold["documents"] and all(str(key).count("/") == 1 for key in gold["documents"])
    for doc in gold["documents"].values():
        assert {"date", "kind"} <= set(doc)
    known = keys_of(n for a in gold["actors"] for n in names_of(a))
    places = keys_of(gold["places"]) | known
    for item in gold["actors"]:
        assert {"name", "type", "aliases", "must"} <= set(item) and item["type"] in ACTOR_TYPES, item
    for item in gold["events"]:
        assert {"date", "actors", "what", "must"} <= set(item), item
        assert set(item.get("sources") or []) <= set(gold["documents"]), item
        assert item.get("modality", "happened") in MODALITIES, item
        assert all(name_key(a) in known for a in item["actors"]), item
        assert item.get("place") is None or name_key(item["place"]) in places, item
    for item in gold["agreements"]:
        assert {"name", "aliases", "kind", "parties", "terms", "must"} <= set(item), item
        assert item["parties"] and all(name_key(p) in known for p in item["parties"]), item
        assert item.get("status") is None or normalize(item["status"]) in AGREEMENT_STATUSES, item
        assert item.get("status_since") is None or re.fullmatch(r"\d{4}(-\d\d){0,2}", str(item["status_since"])), item
        assert item.get("place") is None or name_key(item["place"]) in places, item


def _export_of(gold: dict) -> dict:
    """What a perfect extractor would export for a gold file."""
    precision = {4: "year", 7: "month", 10: "day"}
    actors = [actor(a["name"], a["name"], a["type"], a["aliases"]) for a in gold["actors"]]
    actors += [actor(p, p, "place") for p in gold["places"]]
    events = [event(str(i), e["date"], precision[len(e["date"])] if e["date"] else None, e["actors"],
                    [sid(key) for key in event_sources(e, gold)], e.get("modality"))
              for i, e in enumerate(gold["events"])]   # an event the text does not date has date null
    agreements = [{**agreement(a["name"], a["name"], a["parties"], a["aliases"]), "date": a.get("date"),
                   "place": a.get("place"), "status": a.get("status"), "status_since": a.get("status_since")}
                  for a in gold["agreements"]]
    return export(actors, events, agreements, [str(key) for key in gold["documents"]])


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_file_scores_one_against_itself(path):
    """No alias names two gold actors, and every gold event and agreement can be found."""
    gold = _load(path)
    result = score(_export_of(gold), gold)
    assert result["actors"]["over_merges"] == {} and result["actors"]["duplicates"] == {}
    assert result["actors"]["precision"] == result["actors"]["recall"] == 1.0
    assert result["events"]["recall"] in (1.0, None)
    assert result["agreements"]["recall"] in (1.0, None)
    assert result["agreements"]["precision"] in (1.0, None)
    assert result["events"]["merged_share"] in (1.0, None) and result["events"]["over_merged"] == 0
    assert result["events"]["modality_accuracy"] in (1.0, None)
    assert result["agreements"]["status_accuracy"] in (1.0, None)


def test_gold_actors_of_different_files_do_not_collide():
    """Several files are scored as their union: one name is one actor of one type everywhere."""
    owner: dict[str, tuple[str, str]] = {}
    for path in GOLD_FILES:
        for item in _load(path)["actors"]:
            for key in keys_of(names_of(item)):
                assert owner.setdefault(key, (item["name"], item["type"])) == (item["name"], item["type"]), \
                    (path.name, key, owner[key])


def test_gold_documents_exist_in_the_corpora():
    root = corpora_dir()
    if not root.is_dir():
        pytest.skip(f"no corpora at {root}")
    wanted = {key for path in GOLD_FILES for key in _load(path)["documents"]}
    found = set()
    for corpus, (file, id_field) in CORPUS_FILES.items():
        ids = {key for key in wanted if key.startswith(corpus + "/")}
        if ids:
            with (root / file).open(encoding="utf-8") as lines:
                found |= {f"{corpus}/{json.loads(line)[id_field]}" for line in lines} & ids
    assert wanted - found == set()
