"""Curation a human writes is honoured by the next build, and keeps being honoured."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.check import check
from generator.generate import generate
from generator.resolve.export import graph_to_dict

pytestmark = pytest.mark.slow


def build(project, settings_for, times: int = 1):
    report = None
    for _ in range(times):
        report = generate(settings_for(project))
    return graph_to_dict(report.graph)


def actor(graph, name):
    return next((a for a in graph["actors"] if a["name"] == name), None)


def set_front_matter(page, line: str):
    text = page.read_text()
    page.write_text(text.replace("\n---\n", f"\n{line}\n---\n", 1))


def test_curation_page_aliases_merge_another_actor(project, settings_for):
    build(project, settings_for)
    set_front_matter(project / "content/actors/al-qaeda.md", "aliases: [Transnational Threat Project]")
    graph = build(project, settings_for, times=2)
    assert actor(graph, "Transnational Threat Project") is None
    assert "Transnational Threat Project" in actor(graph, "Al Qaeda")["aliases"]
    assert not (project / "content/actors/transnational-threat-project.md").exists()


def test_curation_same_as_merges_and_the_merge_survives(project, settings_for):
    build(project, settings_for)
    set_front_matter(project / "content/actors/afghanistan.md", "same_as: [Kabul]")
    graph = build(project, settings_for, times=3)
    assert actor(graph, "Kabul") is None and "Kabul" in actor(graph, "Afghanistan")["aliases"]


def test_curation_not_same_as_splits_and_the_split_survives(project, settings_for):
    graph = build(project, settings_for)
    assert "Ghani" in actor(graph, "Ashraf Ghani")["aliases"]
    set_front_matter(project / "content/actors/ashraf-ghani.md", "not_same_as: [Ghani]")
    graph = build(project, settings_for, times=3)
    assert "Ghani" not in actor(graph, "Ashraf Ghani")["aliases"]
    assert actor(graph, "Ghani") is not None


def test_curation_type_overrides_the_vote(project, settings_for):
    assert actor(build(project, settings_for), "Taliban")["type"] == "organization"
    page = project / "content/actors/taliban.md"
    page.write_text(page.read_text().replace("type: organization", "type: group"))
    assert actor(build(project, settings_for), "Taliban")["type"] == "group"


def _mkdocs_build(project):
    env = {**os.environ, "BRIEFING_SKIP_GENERATE": "1", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                          capture_output=True, text=True, env=env)


def test_curation_hide_means_no_page_and_its_facts_stay_as_plain_text(project, settings_for):
    before = build(project, settings_for)
    hidden = {"Mike Pompeo": "mike-pompeo", "Ashraf Ghani": "ashraf-ghani"}
    for slug in hidden.values():
        set_front_matter(project / f"content/actors/{slug}.md", "hide: true")
    graph = build(project, settings_for, times=2)
    for name, slug in hidden.items():
        assert actor(graph, name)["page"] is None
        for page in (project / "content").rglob("*.md"):
            assert page.name == f"{slug}.md" or f"{slug}.md" not in page.read_text(), page
        assert "hide: true" in (project / f"content/actors/{slug}.md").read_text()
    # His events keep their subject, the agreements he is party to stay.
    assert [(e["id"], e["title"], e["actors"]) for e in graph["events"]] == \
        [(e["id"], e["title"], e["actors"]) for e in before["events"]]
    assert [(a["name"], a["parties"]) for a in graph["agreements"]] == \
        [(a["name"], a["parties"]) for a in before["agreements"]]
    pompeo = next(e for e in graph["events"] if "mike-pompeo" in e["actors"])
    assert "Mike Pompeo" in (project / "content" / pompeo["page"]).read_text()
    # check and build agree: nothing to fix, and the hidden pages are not published.
    assert [p for p in check(project / "content") if p.severity == "error"] == []
    site = _mkdocs_build(project)
    assert site.returncode == 0, site.stderr
    assert not (project / "site/actors/mike-pompeo").exists()


def test_curation_hide_on_an_event_page_leaves_no_broken_link(project, settings_for):
    graph = build(project, settings_for)
    event = next(e for e in graph["events"] if len(e["actors"]) >= 2 and e["page"])
    page = project / "content" / event["page"]
    set_front_matter(page, "hide: true")
    graph = build(project, settings_for, times=2)
    assert "hide: true" in page.read_text()
    hidden = next(e for e in graph["events"] if e["id"] == event["id"])
    assert hidden["page"] is None
    link = re.compile(rf"\]\((?:\.\./events/)?{re.escape(Path(event['page']).name)}[)#]")
    for other in (project / "content").rglob("*.md"):
        assert other == page or not link.search(other.read_text()), other
    assert [p for p in check(project / "content") if p.severity == "error"] == []
    site = _mkdocs_build(project)
    assert site.returncode == 0, site.stderr


def test_curation_summary_is_shown_on_the_page(project, settings_for):
    build(project, settings_for)
    set_front_matter(project / "content/actors/zalmay-khalilzad.md", 'summary: "US envoy who negotiated the Doha deal."')
    build(project, settings_for)
    assert "US envoy who negotiated the Doha deal." in (project / "content/actors/zalmay-khalilzad.md").read_text()


def test_curation_global_aliases_and_ignore_in_mkdocs_yml(project, settings_for):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "      sources: seeds\n",
        "      sources: seeds\n      aliases: {Al Qaeda: [Transnational Threat Project]}\n      ignore: [Qatar]\n"))
    graph = build(project, settings_for)
    assert actor(graph, "Qatar") is None and actor(graph, "Transnational Threat Project") is None
    assert "Transnational Threat Project" in actor(graph, "Al Qaeda")["aliases"]


def test_curation_hide_on_a_page_saved_with_a_bom_or_a_long_summary_is_honoured(project, settings_for):
    build(project, settings_for)
    bass = project / "content/actors/john-bass.md"
    bass.write_bytes(b"\xef\xbb\xbf" + bass.read_bytes().replace(b"\n---\n", b"\nhide: true\n---\n", 1))
    kabul = project / "content/actors/kabul.md"
    set_front_matter(kabul, f"summary: \"{'A long summary. ' * 400}\"\nhide: true")
    report = generate(settings_for(project))
    assert not any(p.path == "actors/john-bass.md" for p in report.problems), report.problems
    assert bass.read_bytes().startswith(b"\xef\xbb\xbf---\n")
    site = _mkdocs_build(project)
    assert site.returncode == 0, site.stderr
    assert not (project / "site/actors/john-bass").exists()
    assert not (project / "site/actors/kabul").exists()
