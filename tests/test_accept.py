"""`briefing check` says how to settle a hand edit inside a generated region, and `briefing
accept` settles it, through the command line: the human's version stays until the sources
change that region again; `--generated` takes the generator's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli

pytestmark = pytest.mark.slow

STORY = ("date 2021-04-20 The Chilean Senate ratified the trade agreement between Chile and Vietnam on Monday.\n"
         "Chile and Vietnam signed the trade agreement in Santiago in March.\n")
# Another report of the same vote: the event's infobox then counts two sources.
AGAIN = "date 2021-04-21 The Chilean Senate ratified the trade agreement with Vietnam on Monday.\n"
UNRELATED = "date 2021-05-02 Peru and Bolivia held talks in Lima on Friday.\n"
PAGE = "events/2021-04-19-chilean-senate-ratifies-trade-agreement-between-chile-and.md"
MINE = "    **Note** the vote was on a committee report only<br>\n"


@pytest.fixture
def wiki(tmp_path, monkeypatch) -> Path:
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - briefing:\n      sources: seeds\n")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "story.txt").write_text(STORY)
    monkeypatch.chdir(tmp_path)
    assert run("generate", "-j", "1").exit_code == 0
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def edit_infobox(page: Path) -> None:
    text = page.read_text()
    at = text.index("    **Reported by**")
    page.write_text(text[:at] + MINE + text[at:])


def conflict_lines(result) -> list[str]:
    return [line for line in result.output.splitlines() if "hand edit inside" in line]


def test_accept_keeps_mine_until_the_sources_change_that_region(wiki):
    page = wiki / "content" / PAGE
    beside = page.with_name(page.name + ".generated")
    edit_infobox(page)
    assert run("generate", "-j", "1").exit_code == 0
    assert beside.exists()
    check = run("check")
    assert check.exit_code == 1
    lines = conflict_lines(check)
    # One line per conflict, naming the command that settles it.
    assert len(lines) == 1 and f"briefing accept {PAGE} infobox" in lines[0]
    assert f"briefing accept --generated {PAGE}" in lines[0]

    accepted = run("accept", PAGE, "infobox")
    assert accepted.exit_code == 0, accepted.output
    assert not beside.exists() and MINE in page.read_text()
    assert run("check").exit_code == 0
    assert (wiki / "content/.briefing/accepted.json").exists()
    # Rebuilds, and sources that do not change that region: no conflict, my text stays.
    for seeds in ({}, {"unrelated.txt": UNRELATED}):
        for name, text in seeds.items():
            (wiki / "seeds" / name).write_text(text)
        built = run("generate", "-j", "1")
        assert "conflict" not in built.output.replace("0 conflicts", ""), built.output
        assert MINE in page.read_text() and not beside.exists()
        assert run("check").exit_code == 0
    # A source that changes what the generator writes there: the conflict is back.
    (wiki / "seeds" / "wire.txt").write_text(AGAIN)
    built = run("generate", "-j", "1")
    assert "1 conflict," in built.output and beside.exists()
    assert "**Reported by** 2 sources" in beside.read_text()
    assert MINE in page.read_text()
    assert len(conflict_lines(run("check"))) == 1


def test_accept_generated_takes_the_generators_version(wiki):
    page = wiki / "content" / PAGE
    beside = page.with_name(page.name + ".generated")
    page.write_text(page.read_text() + "\nMy own notes, outside the regions.\n")
    edit_infobox(page)
    run("generate", "-j", "1")
    assert beside.exists()
    taken = run("accept", "--generated", PAGE)
    assert taken.exit_code == 0, taken.output
    text = page.read_text()
    assert MINE not in text and "My own notes, outside the regions." in text
    assert not beside.exists()
    assert run("check").exit_code == 0
    built = run("generate", "-j", "1")
    assert "0 conflicts" in built.output and MINE not in page.read_text()


def test_accept_before_any_rebuild_and_by_the_path_from_the_project(wiki):
    """Accepting right after the edit (no `.generated` yet), naming the page from the project
    folder: the next build does not bring the conflict up."""
    page = wiki / "content" / PAGE
    edit_infobox(page)
    assert run("accept", os.path.join("content", PAGE)).exit_code == 0
    built = run("generate", "-j", "1")
    assert "0 conflicts" in built.output, built.output
    assert MINE in page.read_text()
    assert run("check").exit_code == 0


def test_accept_names_a_missing_page_or_region_in_one_line(wiki):
    missing = run("accept", "events/nothing.md")
    assert missing.exit_code == 1 and "events/nothing.md" in missing.output and "Traceback" not in missing.output
    wrong = run("accept", PAGE, "nowhere")
    assert wrong.exit_code == 1 and "nowhere" in wrong.output and "infobox" in wrong.output
