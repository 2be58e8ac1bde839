"""The hand-edit contract, on pages made by hand: pure functions, no model."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.atomic import remove_leftovers, to_lf, write_atomic, write_if_changed
from generator.read.markers import region, region_span, regions, stamp, touched
from generator.write.merge import merge_page, orphan


def page(title: str = "Mike Pompeo", infobox: str = "Person\n", quotes: str = "> a quote\n",
         extra: dict | None = None) -> str:
    parts = {"infobox": infobox, "quotes": quotes, **(extra or {})}
    body = "\n\n".join(region(name, text) for name, text in parts.items())
    return stamp("actor/mike-pompeo", f"---\ntitle: \"{title}\"\ntype: person\n---\n\n{body}\n")


def test_merge_untouched_page_is_replaced_whole():
    old = page(infobox="old\n")
    new = page(title="Michael Pompeo", infobox="new\n")
    assert not touched(old)
    assert merge_page(old, new).text == new


def test_merge_keeps_a_paragraph_written_between_regions():
    old = page().replace("\n\n<!-- briefing:begin quotes", "\n\nAn analyst's note.\n\n<!-- briefing:begin quotes")
    result = merge_page(old, page(quotes="> another quote\n"))
    assert "An analyst's note." in result.text
    assert "> another quote" in result.text
    assert not result.conflicts


def test_merge_keeps_a_title_changed_by_hand():
    old = page().replace('title: "Mike Pompeo"', 'title: "Pompeo, Mike (US)"')
    result = merge_page(old, page(infobox="new facts\n"))
    assert 'title: "Pompeo, Mike (US)"' in result.text
    assert "new facts" in result.text


def test_merge_edit_inside_a_region_is_a_conflict_and_the_human_wins():
    old = page().replace("> a quote\n", "> a quote, corrected by hand\n")
    result = merge_page(old, page(quotes="> the generator's quote\n"))
    assert result.conflicts == ("quotes",)
    assert result.text == old
    assert "the generator's quote" in result.generated


def test_merge_adds_a_new_region_after_its_predecessor():
    old = page().replace("<!-- briefing:begin quotes", "Note.\n\n<!-- briefing:begin quotes")
    new = page(extra={"timeline": "| 2020 | x |\n"})
    result = merge_page(old, new)
    assert [r.name for r in regions(result.text)] == ["infobox", "quotes", "timeline"]
    assert "Note." in result.text


def test_merge_stamp_survives_a_merge_so_the_next_build_sees_the_same_page():
    old = page() + "\nA closing remark.\n"
    once = merge_page(old, page(infobox="v2\n")).text
    twice = merge_page(once, page(infobox="v2\n")).text
    assert once == twice


_REGION = re.compile(r"<!-- briefing:begin ([\w-]+) -->\n.*?<!-- briefing:end \1(?: [0-9a-f]{12})? -->", re.S)
_STAMP = re.compile(r"^briefing: .*\n", re.M)


def human_part(text: str) -> str:
    return _REGION.sub(lambda m: f"[{m[1]}]", _STAMP.sub("", text, count=1))


_human_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60).filter(
    lambda t: "briefing" not in t)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(text=_human_text, where=st.floats(min_value=0, max_value=1))
def test_merge_random_text_anywhere_outside_regions_survives(text, where):
    base = page()
    stamp_line = _STAMP.search(base)
    spots = [i for i in range(len(base) + 1)
             if not stamp_line.start() <= i < stamp_line.end()
             and not any(m.start() < i < m.end() for m in _REGION.finditer(base))]
    at = spots[min(int(where * len(spots)), len(spots) - 1)]
    old = base[:at] + text + base[at:]
    result = merge_page(old, page(infobox="changed\n", quotes="> changed\n"))
    assert human_part(result.text) == human_part(old)
    assert "changed" in result.text
    assert not result.conflicts


def test_merge_a_region_a_human_deleted_stays_deleted():
    old = page(extra={"related": "- a link\n"})
    old = old.replace(re.search(r"\n\n<!-- briefing:begin quotes.*?-->.*?-->", old, re.S)[0], "")
    result = merge_page(old, page(infobox="v2\n", extra={"related": "- another\n"}))
    assert [r.name for r in regions(result.text)] == ["infobox", "related"]
    assert "v2" in result.text and "another" in result.text


def test_merge_regions_of_a_new_template_go_in_even_where_a_human_deleted_one():
    old = page(extra={"related": "- a link\n"})
    old = old.replace(re.search(r"\n\n<!-- briefing:begin quotes.*?-->.*?-->", old, re.S)[0], "")
    once = merge_page(old, page(extra={"related": "x\n", "map": "a map\n"})).text
    assert [r.name for r in regions(once)] == ["infobox", "quotes", "related", "map"]
    assert merge_page(once, page(extra={"related": "x\n", "map": "a map\n"})).text == once


def test_merge_orphan_says_so_empties_what_it_held_and_keeps_a_human_edit():
    old = page(infobox="Person\n", quotes="> a quote\n", extra={"related": "- [B](b.md)\n"})
    old = old.replace("> a quote\n", "> a quote, corrected by hand\n") + "\nMy note.\n"
    text = orphan(old, "Gone.\n")
    assert [(r.name, r.body, r.edited) for r in regions(text)] == [
        ("infobox", "Gone.\n", False), ("quotes", "> a quote, corrected by hand\n", True), ("related", "", False)]
    assert human_part(text) == human_part(old)
    assert orphan(text, "Gone.\n") == text


@pytest.mark.parametrize("text, expected", [
    ("a\r\nb\r\n", "a\nb\n"),          # saved with CRLF throughout
    ("a\r\nb\n", "a\r\nb\n"),           # mixed: left byte for byte
    ("a\rb\n", "a\rb\n"),
    ("a\nb", "a\nb"),
])
def test_merge_to_lf_only_undoes_crlf_throughout(text, expected):
    assert to_lf(text) == expected


def test_merge_write_if_changed_keeps_crlf_of_the_file_it_replaces(tmp_path):
    path = tmp_path / "page.md"
    path.write_bytes(b"one\r\ntwo\r\n")
    assert not write_if_changed(path, "one\ntwo\n", keep_crlf=True)
    assert write_if_changed(path, "one\nthree\n", keep_crlf=True)
    assert path.read_bytes() == b"one\r\nthree\r\n"
    assert write_if_changed(path, "one\nfour\n")
    assert path.read_bytes() == b"one\nfour\n"


def test_merge_remove_leftovers_removes_only_temporary_files(tmp_path):
    (tmp_path / "actors").mkdir()
    leftover = tmp_path / "actors" / ".a.md.x1y2z3w4.briefing-tmp"
    leftover.write_text("half a pa")
    keep = [tmp_path / "actors" / "a.md", tmp_path / ".briefing.lock", tmp_path / "actors" / ".notes.tmp"]
    for path in keep:
        path.write_text("x")
    remove_leftovers(tmp_path)
    assert not leftover.exists() and all(p.exists() for p in keep)


def test_merge_a_whole_file_write_is_readable_by_others_and_leaves_nothing_behind(tmp_path, monkeypatch):
    """A redirect stub written for a renamed page is published: a web server running as another
    user must be able to read it. A run killed before the rename leaves a file the next removes."""
    import os
    import stat

    import generator.atomic as atomic

    old = os.umask(0o022)
    try:
        path = tmp_path / "events" / "old-name" / "index.html"
        write_atomic(path, b"<meta http-equiv=refresh>")
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        assert os.listdir(path.parent) == ["index.html"]
    finally:
        os.umask(old)

    made = []

    def killed(tmp, target):
        made.append(Path(tmp))
        raise KeyboardInterrupt
    monkeypatch.setattr(atomic, "rename", killed)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "state.json", b"{}")
    made[0].write_bytes(b"{")          # what a run killed at that moment leaves
    remove_leftovers(tmp_path)
    assert not list(tmp_path.glob(".*")) and not (tmp_path / "state.json").exists()


def test_merge_write_if_changed_writes_only_new_bytes(tmp_path):
    path = tmp_path / "a" / "page.md"
    assert write_if_changed(path, "one\n")
    mtime = path.stat().st_mtime_ns
    assert not write_if_changed(path, "one\n")
    assert path.stat().st_mtime_ns == mtime
    assert write_if_changed(path, "two\n")
    assert path.read_text() == "two\n"
    assert [p.name for p in path.parent.iterdir()] == ["page.md"]


def test_merge_write_if_changed_keeps_the_mode_of_the_page_it_replaces(tmp_path):
    import os

    path = tmp_path / "page.md"
    write_if_changed(path, "new\n")
    umask = os.umask(0o022)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
    path.chmod(0o640)
    write_if_changed(path, "changed\n")
    assert path.stat().st_mode & 0o777 == 0o640


_region_pieces = st.sampled_from([
    "<!-- briefing:begin backlinks -->\n", "<!-- briefing:begin quotes -->\n", "<!-- briefing:begin back -->\n",
    "<!-- briefing:end backlinks -->", "<!-- briefing:end quotes 0123456789ab -->", "<!-- briefing:end back -->",
    "<!-- briefing:end backlinks 0123 -->", "<!-- briefing:begin backlinks -->", "text\n", "<!-- ", " -->", "\n"])


@settings(derandomize=True, max_examples=500, deadline=None)
@given(pieces=st.lists(_region_pieces, max_size=12), name=st.sampled_from(["backlinks", "quotes", "back"]))
def test_a_region_is_found_where_the_pattern_finds_it_whatever_surrounds_it(pieces, name):
    """The backlinks region is set in every page of a build: found by plain search, not the
    pattern's scan, it must be the very region `regions` reads, broken markers and all."""
    text = "".join(pieces)
    expected = next(((r.start, r.end) for r in regions(text) if r.name == name), None)
    assert region_span(text, name) == expected
