"""Curation a human writes is honoured by the next build, and keeps being honoured."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from generator.export import graph_to_dict
from generator.generate import generate

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
    set_front_matter(project / "content/actors/qatar.md", "same_as: [Doha]")
    graph = build(project, settings_for, times=3)
    assert actor(graph, "Doha") is None and "Doha" in actor(graph, "Qatar")["aliases"]


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


def test_curation_hide_removes_the_actor_and_its_links(project, settings_for):
    build(project, settings_for)
    set_front_matter(project / "content/actors/john-bass.md", "hide: true")
    graph = build(project, settings_for, times=2)
    assert actor(graph, "John Bass") is None
    assert "actors/john-bass.md" not in json.dumps(graph)
    for page in (project / "content").rglob("*.md"):
        assert page.name == "john-bass.md" or "john-bass.md" not in page.read_text(), page
    assert "hide: true" in (project / "content/actors/john-bass.md").read_text()
    env = {**os.environ, "BRIEFING_SKIP_GENERATE": "1", "NO_MKDOCS_2_WARNING": "1"}
    site = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project,
                          capture_output=True, text=True, env=env)
    assert site.returncode == 0, site.stderr
    assert not (project / "site/actors/john-bass").exists()


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
