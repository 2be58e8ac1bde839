"""The pages hidden by hand, listed in mkdocs.yml's `exclude_docs` for site builders that run no
MkDocs plugin; the human's own lines in mkdocs.yml stay as they were."""

from __future__ import annotations

import os
import subprocess
import sys

import pathspec
import pytest
import yaml

from generator.write.unpublished import BEGIN, END, list_hidden, pattern, plain_exclusions, with_hidden

SETTINGS = """site_name: Wiki
docs_dir: content
exclude_docs: |
  *.generated
  # drafts live here
  /drafts/

plugins:
  - briefing
"""


def region(*patterns: str, indent: str = "  ") -> str:
    return "".join(f"{indent}{line}\n" for line in (BEGIN, *patterns, END))


def test_unpublished_the_list_goes_at_the_end_of_the_humans_block_and_nothing_else_moves():
    text = with_hidden(SETTINGS, ["events/b.md", "actors/a.md"])
    assert text == SETTINGS.replace("  /drafts/\n", "  /drafts/\n" + region("/actors/a.md", "/events/b.md"))
    read = yaml.safe_load(text)
    assert read["plugins"] == ["briefing"]
    spec = pathspec.GitIgnoreSpec.from_lines(read["exclude_docs"].splitlines())
    assert [spec.match_file(p) for p in ("actors/a.md", "events/b.md", "actors/c.md", "drafts/x.md")] == \
        [True, True, False, True]


def test_unpublished_the_list_is_replaced_in_place_and_emptied_when_nothing_is_hidden():
    listed = with_hidden(SETTINGS, ["actors/a.md"])
    assert with_hidden(listed, ["actors/a.md"]) == listed
    assert with_hidden(listed, ["actors/c.md"]) == listed.replace("/actors/a.md", "/actors/c.md")
    assert with_hidden(listed, []) == SETTINGS.replace("  /drafts/\n", "  /drafts/\n" + region())
    assert with_hidden(SETTINGS, []) == SETTINGS


def test_unpublished_settings_without_exclude_docs_get_one_only_when_a_page_is_hidden():
    plain = "site_name: Wiki\nnav:\n  - index.md\n"
    assert with_hidden(plain, []) == plain
    text = with_hidden(plain, ["actors/a.md"])
    assert text.startswith(plain) and text.endswith("exclude_docs: |\n" + region("/actors/a.md"))
    assert yaml.safe_load(text)["nav"] == ["index.md"]
    assert pathspec.GitIgnoreSpec.from_lines(yaml.safe_load(text)["exclude_docs"].splitlines()).match_file("actors/a.md")


@pytest.mark.parametrize("settings", ['exclude_docs: "*.tmp"\n', "exclude_docs: >\n  *.tmp\n",
                                      "INHERIT: base.yml\nsite_name: Wiki\n"])
def test_unpublished_settings_it_cannot_write_into_are_left_as_they_are_with_one_line(tmp_path, settings):
    assert with_hidden(settings, ["actors/a.md"]) is None
    config = tmp_path / "mkdocs.yml"
    config.write_text(settings)
    problem = list_hidden(config, ["actors/a.md"])
    assert problem is not None and "exclude_docs: |" in problem.message and problem.path == "mkdocs.yml"
    assert config.read_text() == settings


@pytest.mark.parametrize("path", ["actors/a.md", "actors/[draft] *notes*?.md", "#top.md", "!important.md",
                                  "back\\slash.md", "trailing .md"])
def test_unpublished_a_pattern_matches_its_page_and_no_other(path):
    spec = pathspec.GitIgnoreSpec.from_lines([pattern(path)])
    assert spec.match_file(path)
    assert not spec.match_file("other/" + path)
    assert not spec.match_file(path.replace(".md", "x.md"))


def test_unpublished_crlf_settings_keep_their_line_ends(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_bytes(SETTINGS.replace("\n", "\r\n").encode())
    assert list_hidden(config, ["actors/a.md"]) is None
    data = config.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") and b"/actors/a.md\r\n" in data


def test_unpublished_mkdocs_reads_only_the_humans_lines():
    lines = with_hidden(SETTINGS, ["actors/a.md"]).split("exclude_docs: |\n")[1].split("\n\n")[0].split("\n")
    assert plain_exclusions(lines) == ["  *.generated", "  # drafts live here", "  /drafts/"]


def test_unpublished_mkdocs_still_reports_a_link_to_a_hidden_page_as_broken(tmp_path):
    """Listed in exclude_docs, a page would make MkDocs call a link to it a note; the plugin
    leaves it out itself, so the strict build fails on the link as it does without the list."""
    (tmp_path / "content" / "actors").mkdir(parents=True)
    (tmp_path / "content" / "index.md").write_text("# Home\n\nSee [A](actors/a.md).\n")
    (tmp_path / "content" / "actors" / "a.md").write_text("---\nhide: true\n---\n# A\n")
    (tmp_path / "mkdocs.yml").write_text(with_hidden(SETTINGS, ["actors/a.md"]))
    env = {**os.environ, "BRIEFING_SKIP_GENERATE": "1", "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path,
                           capture_output=True, text=True, env=env, timeout=300)
    assert built.returncode != 0
    assert "actors/a.md" in built.stderr and "not found" in built.stderr
    assert not (tmp_path / "site" / "actors" / "a").exists()
