"""The scorer on small hand-made exports, and the well-formedness of the gold files it reads."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from generator.model import ACTOR_TYPES
from generator.score import format_report, keys_of, main, name_key, names_of, normalize, score

GOLD_DIR = Path(__file__).parent / "gold"
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


def event(id_, date, precision, actors):
    return {"id": id_, "title": id_, "date": date, "date_precision": precision, "date_text": date,
            "actors": list(actors), "place": None, "agreements": [], "quotes": [], "page": f"events/{id_}.md"}


def agreement(id_, name, parties, aliases=()):
    return {"id": id_, "name": name, "kind": "agreement", "aliases": list(aliases), "parties": list(parties),
            "date": "2020-02", "place": "doha", "terms": [{"text": "t", "source": "doc"}], "events": [],
            "page": f"agreements/{id_}.md"}


def export(actors=(), events=(), agreements=()):
    return {"schema": "briefing-graph/1", "sources": [], "actors": list(actors),
            "events": list(events), "agreements": list(agreements)}


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
        assert all(name_key(a) in known for a in item["actors"]), item
        assert item.get("place") is None or name_key(item["place"]) in places, item
    for item in gold["agreements"]:
        assert {"name", "aliases", "kind", "parties", "terms", "must"} <= set(item), item
        assert item["parties"] and all(name_key(p) in known for p in item["parties"]), item
        assert item.get("place") is None or name_key(item["place"]) in places, item


def _export_of(gold: dict) -> dict:
    """What a perfect extractor would export for a gold file."""
    precision = {4: "year", 7: "month", 10: "day"}
    actors = [actor(a["name"], a["name"], a["type"], a["aliases"]) for a in gold["actors"]]
    actors += [actor(p, p, "place") for p in gold["places"]]
    events = [event(str(i), e["date"], precision[len(e["date"])] if e["date"] else None, e["actors"])
              for i, e in enumerate(gold["events"])]   # an event the text does not date has date null
    agreements = [{**agreement(a["name"], a["name"], a["parties"], a["aliases"]), "date": a.get("date"),
                   "place": a.get("place")} for a in gold["agreements"]]
    return export(actors, events, agreements)


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
