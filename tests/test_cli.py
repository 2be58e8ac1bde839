"""The CLI as a user runs it: exit codes and what it prints. Every command has help."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from generator.cli import cli


def test_cli_every_command_has_help_with_an_example():
    for name, command in cli.commands.items():
        assert command.help and "Example:" in command.help, name


@pytest.mark.slow
def test_cli_generate_then_export_then_check(project, monkeypatch):
    monkeypatch.chdir(project)
    runner = CliRunner()
    result = runner.invoke(cli, ["generate", "-q", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    exported = runner.invoke(cli, ["export", "--jobs", "1"])
    assert exported.exit_code == 0
    graph = json.loads(exported.stdout)
    assert graph["schema"] == "briefing-graph/2"
    checked = runner.invoke(cli, ["check"])
    assert checked.exit_code == 0, checked.output


@pytest.mark.slow
def test_cli_check_fails_on_an_edited_region_and_the_edit_stays(project, monkeypatch):
    monkeypatch.chdir(project)
    runner = CliRunner()
    assert runner.invoke(cli, ["generate", "-q", "--jobs", "1"]).exit_code == 0
    page = project / "content" / "actors" / "mike-pompeo.md"
    edited = page.read_text().replace("## In the sources", "## In the sources\n\nMy own words.", 1)
    page.write_text(edited)
    result = runner.invoke(cli, ["generate", "-q", "--jobs", "1"])
    assert "mike-pompeo.md" in result.output and "edited by hand" in result.output
    checked = runner.invoke(cli, ["check"])
    assert checked.exit_code == 1
    assert "actors/mike-pompeo.md" in checked.output and "quotes" in checked.output
    assert page.read_text() == edited
    assert (page.parent / "mike-pompeo.md.generated").exists()


def test_cli_unknown_option_in_mkdocs_yml_is_named(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - briefing:\n      sorces: seeds\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code != 0 and "sorces" in result.output
