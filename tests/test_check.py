"""`briefing check` on small hand-made content folders."""

from __future__ import annotations

from generator.check import check


def write(root, pages: dict[str, str]):
    for path, text in pages.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)


def test_check_reports_a_broken_link_and_a_missing_sentence(tmp_path):
    write(tmp_path, {"index.md": "[a](actors/a.md) [b](actors/gone.md)\n",
                     "actors/a.md": "[q](../sources/s.md#s9) [index](../index.md)\n",
                     "sources/s.md": '<span class="bw-s" id="s1">x</span> [a](../actors/a.md)\n'})
    errors = [(p.path, p.message) for p in check(tmp_path) if p.severity == "error"]
    assert ("index.md", "line 1: broken link to actors/gone.md") in errors
    assert ("actors/a.md", "line 1: ../sources/s.md has no sentence #s9") in errors
    assert len(errors) == 2


def test_check_reports_pages_nothing_links_to(tmp_path):
    write(tmp_path, {"index.md": "[a](actors/a.md)\n", "actors/a.md": "A\n", "actors/lonely.md": "B\n"})
    warnings = [p.path for p in check(tmp_path) if p.severity == "warning"]
    assert warnings == ["actors/lonely.md"]
