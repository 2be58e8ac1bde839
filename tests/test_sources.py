"""Readers and normalisation: one reader per format, bad files reported by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.sources import normalise_text, read_sources, source_ids

FIXTURES = Path(__file__).parent / "fixtures"


def _read_one(tmp_path, name, data: bytes):
    (tmp_path / name).write_bytes(data)
    return read_sources(tmp_path)


def test_sources_txt_date_line_is_the_publication_date():
    sources, problems = read_sources(FIXTURES)
    txt = next(s for s in sources if s.path == "txt_with_date_line.txt")
    assert txt.date == "2021-05-04"
    assert txt.text.startswith("The United States and Mexico")
    assert not [p for p in problems if p.path == "txt_with_date_line.txt"]


def test_sources_markdown_front_matter_gives_title_date_url():
    sources, _ = read_sources(FIXTURES)
    md = next(s for s in sources if s.path == "md_with_front_matter.md")
    assert (md.title, md.date, md.url, md.publisher) == ("Ceasefire holds", "2021-06-01",
                                                          "https://example.org/a", "Example News")
    assert "**" not in md.text and "](" not in md.text
    assert "The ceasefire between Armenia and Azerbaijan held on Sunday." in md.text


def test_sources_html_keeps_the_article_not_the_navigation():
    sources, _ = read_sources(FIXTURES)
    html = next(s for s in sources if s.path == "html_with_nav.html")
    assert "Acme Corp agreed to buy Widget Inc" in html.text
    assert "Menu items" not in html.text and "Copyright" not in html.text
    assert html.title == "Merger agreed"


@pytest.mark.parametrize("raw, clean", [
    ("Pompeo\u2019s visit", "Pompeo's visit"),
    ("Ghani`s decree", "Ghani's decree"),
    ("\u201cEveryone knows,\u201d said Khalilzad", '"Everyone knows," said Khalilzad'),
    ("back to combat[115] If they", "back to combat If they"),
    ("in force. [115] On the same day", "in force. On the same day"),
    ("supported by the Council,[117] sources", "supported by the Council, sources"),
    ("the title \u201cCharge D\u2019Affaires\u201d.Intra-Afghan talks", "the title \"Charge D'Affaires\". Intra-Afghan talks"),
    ("a\u00a0b", "a b"),
])
def test_sources_normalise(raw, clean):
    assert normalise_text(raw) == clean


def test_sources_normalise_keeps_abbreviations():
    assert normalise_text("the U.S. Army and e.g. items") == "the U.S. Army and e.g. items"


def test_sources_ids_are_unique_and_stable():
    ids = source_ids(["a.txt", "a.md", "sub/a b.txt", "sub-a-b.txt"])
    assert len(set(ids.values())) == 4
    assert ids == source_ids(["sub-a-b.txt", "a.md", "sub/a b.txt", "a.txt"])


@pytest.mark.parametrize("name, data, words", [
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00", "unknown kind of file"),
    ("binary.txt", b"abc\x00\x01\x02def", "binary"),
    ("empty.txt", b"", "no text"),
    ("blank.md", b"---\ntitle: x\n---\n\n   \n", "no text"),
    ("broken.md", b"---\ntitle: [unclosed\n---\nText.\n", "front matter line"),
    ("unsafe.md", b"---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\nText.\n", "front matter"),
    ("baddate.md", b"---\ndate: 2020-02-31\n---\nText.\n", "impossible date"),
    ("baddate.txt", b"date 2020-13-01 Text.", "not a real"),
])
def test_sources_bad_file_is_named_and_skipped(tmp_path, name, data, words):
    (tmp_path / "good.txt").write_text("The Taliban met US officials in Doha.")
    sources, problems = _read_one(tmp_path, name, data)
    assert [s.path for s in sources] == ["good.txt"]
    assert len(problems) == 1 and problems[0].path == name
    assert words in problems[0].message


def test_sources_latin1_text_is_decoded(tmp_path):
    sources, problems = _read_one(tmp_path, "latin.txt", "Le café coûte 3 £ à Genève, dit-il, et la ville est très chère.".encode("latin-1"))
    assert problems == []
    assert "café" in sources[0].text


def test_sources_too_big_is_skipped_with_the_limit_named(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 1000)
    sources, problems = read_sources(tmp_path, max_bytes=100)
    assert sources == [] and "over the limit" in problems[0].message


def test_sources_same_text_twice_counts_once(tmp_path):
    (tmp_path / "a.txt").write_text("Same story.")
    (tmp_path / "b.txt").write_text("Same story.")
    sources, problems = read_sources(tmp_path)
    assert [s.path for s in sources] == ["a.txt"]
    assert "same text as a.txt" in problems[0].message
