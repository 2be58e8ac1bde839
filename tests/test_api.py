"""The Python API: the command's work as functions, and `export` writing only its output."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from generator.cli import cli

pytestmark = pytest.mark.slow


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_export_on_a_new_project_writes_no_page(project, monkeypatch):
    monkeypatch.chdir(project)
    result = CliRunner().invoke(cli, ["export", "--jobs", "1", "-o", "graph.json"])
    assert result.exit_code == 0, result.output
    assert json.loads((project / "graph.json").read_text())["actors"]
    assert _files(project / "content") == {}


def test_the_api_graph_is_the_graph_generate_writes_and_export_prints(project, monkeypatch):
    from generator import check_pages, export_graph, generate_wiki, knowledge_graph, load_settings

    monkeypatch.chdir(project)
    settings = load_settings(project / "mkdocs.yml")
    settings.jobs = 1
    report = generate_wiki(settings)
    assert report.written
    # A reader's correction in a page's front matter reaches the graph without a write.
    page = project / "content" / "actors" / "mike-pompeo.md"
    page.write_text(page.read_text().replace("---\n", "---\nsummary: Checked by the desk.\n", 1))
    before = _files(project / "content")
    graph = knowledge_graph(settings)
    assert _files(project / "content") == before
    pompeo = next(a for a in graph.actors if a.name == "Mike Pompeo")
    assert pompeo.summary == "Checked by the desk."
    printed = CliRunner().invoke(cli, ["export", "--jobs", "1"])
    assert json.loads(printed.stdout) == export_graph(settings)
    assert generate_wiki(settings).graph == graph
    assert check_pages(settings) == []


def test_build_site_generates_and_builds_and_names_a_failure(project, monkeypatch):
    from generator import build_site
    from generator.exceptions import BriefingError

    monkeypatch.chdir(project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("- briefing:\n", "- briefing:\n      jobs: 1\n", 1))
    report = build_site(config)
    assert report.written and (project / "site" / "actors" / "mike-pompeo" / "index.html").is_file()
    (project / "content" / "notes.md").write_text("A [link](nowhere.md) to no page.\n")
    with pytest.raises(BriefingError, match="mkdocs build failed"):
        build_site(config)


def test_the_api_graph_and_the_export_have_a_readers_correction_of_an_event(tmp_path, monkeypatch):
    from generator import export_graph, generate_wiki, knowledge_graph, load_settings

    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - briefing:\n      sources: seeds\n      jobs: 1\n")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "story.txt").write_text(
        "date 2021-04-20 The Chilean Senate ratified the trade agreement between Chile and Vietnam on Monday.\n")
    settings = load_settings(str(tmp_path / "mkdocs.yml"))      # a str names the file as a Path does
    event = next(e for e in generate_wiki(settings).graph.events if "Senate" in e.title)
    page = next((tmp_path / "content" / "events").glob("*senate*.md"))
    page.write_text(page.read_text().replace("---\n", "---\ndate: 2021-04-01\n", 1))
    corrected = next(e for e in knowledge_graph(settings).events if e.id == event.id)
    assert corrected.date == "2021-04-01" and dict(corrected.corrected)["date"] == event.date
    assert next(e for e in export_graph(settings)["events"] if e["id"] == event.id)["date"] == "2021-04-01"
