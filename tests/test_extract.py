"""Extraction on documents written for these tests (not the seeds), through the real model."""

from __future__ import annotations

import pytest

from generator.export import graph_to_dict
from generator.generate import generate

pytestmark = pytest.mark.slow

SUMMIT = """date 2023-05-02 German Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin on Tuesday.

Scholz said the two leaders had discussed energy prices. A Kremlin spokesman, Dmitry Peskov, told reporters that Russian officials would not attend the next round.

The Brazilian government rejected the proposal on Monday, and the Brazilian government said it would present its own plan. Macron flew to Madrid on Wednesday.
"""


@pytest.fixture
def summit(tmp_path, settings_for):
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - briefing:\n      sources: seeds\n")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "summit.txt").write_text(SUMMIT)
    return graph_to_dict(generate(settings_for(tmp_path)).graph)


def by_name(graph):
    return {a["name"]: a for a in graph["actors"]}


def test_extract_titles_become_roles_and_surnames_join(summit):
    actors = by_name(summit)
    assert actors["Olaf Scholz"]["type"] == "person" and "Scholz" in actors["Olaf Scholz"]["aliases"]
    assert "German Chancellor" in actors["Olaf Scholz"]["roles"]
    assert "French President" in actors["Emmanuel Macron"]["roles"]
    assert "Kremlin spokesman" in actors["Dmitry Peskov"]["roles"]


def test_extract_collective_actors(summit):
    actors = by_name(summit)
    assert actors["Brazilian government"]["type"] == "organization"
    assert actors["Russia"]["type"] == "country"        # "Russian officials", no Russian government
    assert actors["Berlin"]["type"] == "place"


def test_extract_events_dated_from_weekdays(summit):
    dated = {(e["date"], tuple(e["actors"])) for e in summit["events"]}
    assert any(d == "2023-05-02" and a[0] == "olaf-scholz" and "emmanuel-macron" in a for d, a in dated)
    assert any(d == "2023-05-01" and "brazilian-government" in a for d, a in dated)
    # "flew ... on Wednesday" in a text of Tuesday 2 May: the Wednesday before, not the day after.
    assert any(d == "2023-04-26" and a[0] == "emmanuel-macron" for d, a in dated)
    assert all("france" not in a for _, a in dated)
