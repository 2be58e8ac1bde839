"""The extraction cache: right entries reused, wrong or broken ones never trusted."""

from __future__ import annotations

import json

import pytest

from generator.incremental.cache import FactsCache
from generator.model import AgreementFact, Clause, DocFacts, EventFact, Mention, Sentence, TimexFact, from_dict, to_dict


def facts(source_id: str = "doc", sha: str = "ab" * 32) -> DocFacts:
    return DocFacts(
        source_id=source_id, sha256=sha,
        sentences=(Sentence(0, 30, "Ghani signed a decree on Monday."),),
        mentions=(Mention(0, 5, "Ghani", "Ghani", "PERSON", 0, role="President"),),
        timexes=(TimexFact(22, 31, "on Monday", "DATE", "2020-03-23", 0),),
        events=(EventFact(0, "sign", "a decree", (0,), (), None, 0, agreements=(0,)),),
        agreements=(AgreementFact(0, 13, 21, "a decree", "decree", (0,), None,
                                  terms=(Clause(6, 21, 0),)),),
        shingles=31, shingle_sample=(4, 4_000_000_000))


def test_model_docfacts_round_trip():
    original = facts()
    assert from_dict(DocFacts, json.loads(json.dumps(to_dict(original)))) == original


def test_cache_returns_what_was_put(tmp_path):
    cache = FactsCache(tmp_path, "fp1")
    cache.put(facts())
    assert cache.get("ab" * 32, "doc") == facts()


def test_cache_same_text_under_another_name_keeps_that_name(tmp_path):
    cache = FactsCache(tmp_path, "fp1")
    cache.put(facts())
    assert cache.get("ab" * 32, "other").source_id == "other"


def test_cache_ignores_entries_of_another_pipeline(tmp_path):
    FactsCache(tmp_path, "model-a").put(facts())
    assert FactsCache(tmp_path, "model-b").get("ab" * 32, "doc") is None


def test_cache_rebuilds_a_corrupted_entry(tmp_path):
    cache = FactsCache(tmp_path, "fp1")
    cache.put(facts())
    entry = next(tmp_path.rglob("*.json"))
    entry.write_text(entry.read_text()[:40])
    assert cache.get("ab" * 32, "doc") is None
    entry.write_text(json.dumps({"format": 1, "fingerprint": "fp1", "sha256": "ab" * 32, "facts": {"x": 1}}))
    assert cache.get("ab" * 32, "doc") is None
    cache.put(facts())
    assert cache.get("ab" * 32, "doc") == facts()


def test_cache_entry_copied_under_another_key_is_refused(tmp_path):
    cache = FactsCache(tmp_path, "fp1")
    cache.put(facts())
    entry = next(tmp_path.rglob("*.json"))
    other = tmp_path / "fp1" / "cd" / f"{'cd' * 32}.json"
    other.parent.mkdir(parents=True, exist_ok=True)
    other.write_text(entry.read_text())
    assert cache.get("cd" * 32, "doc") is None


# --- end to end: the cache as `generate` uses it ------------------------------------------

def _snapshot(content) -> dict[str, bytes]:
    return {p.relative_to(content).as_posix(): p.read_bytes() for p in sorted(content.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


@pytest.mark.slow
@pytest.mark.parametrize("changed", ["model_version", "__version__"])
def test_cache_entries_of_another_model_or_generator_version_are_not_used(project, settings_for,
                                                                          monkeypatch, changed):
    from generator.extract import nlp
    from generator.generate import generate

    settings = settings_for(project)
    assert generate(settings).extracted == 2
    assert generate(settings).extracted == 0
    if changed == "model_version":
        real = nlp.model_version
        monkeypatch.setattr(nlp, "model_version", lambda name: real(name) + ".post1")
    else:
        monkeypatch.setattr(nlp, "__version__", "99.0")
    assert generate(settings).extracted == 2


@pytest.mark.slow
def test_cache_corrupted_entry_is_extracted_again_with_the_same_result(project, settings_for):
    from generator.generate import generate

    settings = settings_for(project)
    generate(settings)
    before = _snapshot(project / "content")
    entries = sorted((project / ".briefing-cache").rglob("*.json"))
    entries = [e for e in entries if "state" not in e.parts]
    entries[0].write_bytes(entries[0].read_bytes()[:-20] + b"garbage")
    report = generate(settings)
    assert report.extracted == 1
    assert _snapshot(project / "content") == before


def test_cache_entries_of_one_text_under_two_dates_are_kept_apart(tmp_path):
    cache = FactsCache(tmp_path, "fp1")
    cache.put(facts(), "2020-03-23")
    assert cache.get("ab" * 32, "doc", "2020-03-23") == facts()
    assert not cache.has("ab" * 32, "2020-03-24") and cache.get("ab" * 32, "doc", "2020-03-24") is None
    assert not cache.has("ab" * 32) and cache.get("ab" * 32, "doc") is None


@pytest.mark.slow
def test_cache_fixing_a_sources_date_resolves_its_relative_dates(tmp_path, settings_for):
    """The text is the same, the facts are not: "on Tuesday" resolves against the date."""
    from generator.resolve.export import graph_to_dict
    from generator.generate import generate

    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - briefing:\n      sources: seeds\n")
    (tmp_path / "seeds").mkdir()
    story = tmp_path / "seeds" / "talks.md"
    text = "Zalmay Khalilzad met Abdul Ghani Baradar in Doha on Tuesday.\n"

    def dates(front: str) -> set:
        story.write_text(f"---\ntitle: Talks\n{front}---\n{text}")
        graph = graph_to_dict(generate(settings_for(tmp_path)).graph)
        return {e["date"] for e in graph["events"]}

    assert dates("date: 2020-13-03\n") == {None}        # a typo: undated
    assert dates("date: 2020-03-05\n") == {"2020-03-03"}
    assert dates("date: 2020-03-12\n") == {"2020-03-10"}
    assert dates("") == {None}
