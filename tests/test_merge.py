"""The hand-edit contract, on pages made by hand: pure functions, no model."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.merge import merge_page, region, regions, stamp, touched, write_if_changed


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


_outside = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r<>-"), min_size=1, max_size=60)


@settings(derandomize=True, max_examples=150, deadline=None)
@given(text=_outside, where=st.integers(min_value=0, max_value=2))
def test_merge_random_text_outside_regions_survives(text, where):
    base = page()
    spots = [base.index("<!-- briefing:begin infobox"), base.index("<!-- briefing:begin quotes"), len(base)]
    at = spots[where]
    old = base[:at] + text + "\n\n" + base[at:]
    result = merge_page(old, page(infobox="changed\n", quotes="> changed\n"))
    assert text in result.text
    assert "changed" in result.text
    assert not result.conflicts


def test_merge_write_if_changed_writes_only_new_bytes(tmp_path):
    path = tmp_path / "a" / "page.md"
    assert write_if_changed(path, "one\n")
    mtime = path.stat().st_mtime_ns
    assert not write_if_changed(path, "one\n")
    assert path.stat().st_mtime_ns == mtime
    assert write_if_changed(path, "two\n")
    assert path.read_text() == "two\n"
    assert [p.name for p in path.parent.iterdir()] == ["page.md"]
