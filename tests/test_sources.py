"""Readers and normalisation: one reader per format, bad files reported by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.exceptions import BriefingError
from generator.read.sources import normalise_text, read_sources, source_ids

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
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00", "'.png' files are not read"),
    ("README", b"Some notes.", "a file with no suffix is not read"),
    ("binary.txt", b"abc\x00\x01\x02def", "binary data, not text"),
    ("program.md", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x02\x00>\x00", "binary data, not text"),
    ("empty.txt", b"", "no text in it"),
    ("blank.md", b"---\ntitle: x\n---\n\n   \n", "no text in it"),
])
def test_sources_unreadable_file_is_named_and_skipped(tmp_path, name, data, words):
    (tmp_path / "good.txt").write_text("The Taliban met US officials in Doha.")
    sources, problems = _read_one(tmp_path, name, data)
    assert [s.path for s in sources] == ["good.txt"]
    assert len(problems) == 1 and problems[0].path == name
    assert problems[0].message.startswith("skipped: ") and words in problems[0].message


@pytest.mark.parametrize("name, data, line, words", [
    ("broken.md", b"---\ntitle: Ok\nplace: [unclosed\n---\nThe Taliban met officials.\n", 3,
     "front matter is not valid YAML"),
    ("unsafe.md", b"---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\nThe Taliban met officials.\n", 2,
     "tag !!python/object/apply:os.system is not allowed"),
    ("baddate.md", b"---\ntitle: Talks\n\ndate: 2020-13-45\n---\nThe Taliban met officials.\n", 4,
     "date '2020-13-45' is not a real date"),
    ("yesterday.md", b"---\ndate: yesterday\n---\nThe Taliban met officials.\n", 2,
     "date 'yesterday' is not a real date"),
    ("impossible.md", b"---\ndate: 2020-02-31\n---\nThe Taliban met officials.\n", 2,
     "date '2020-02-31' is not a real date"),
    ("baddate.txt", b"date 2020-13-01 The Taliban met officials.", 1, "date '2020-13-01' is not a real date"),
])
def test_sources_flawed_file_is_read_and_the_flaw_named_with_its_line(tmp_path, name, data, line, words):
    sources, problems = _read_one(tmp_path, name, data)
    assert [s.text for s in sources] == ["The Taliban met officials."]
    assert sources[0].date is None
    assert [(p.path, p.line) for p in problems] == [(name, line)]
    assert words in problems[0].message and str(problems[0]).startswith(f"warning: {name}:{line}: ")


def test_sources_unsafe_yaml_tag_runs_nothing(tmp_path):
    marker = tmp_path / "ran"
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    data = f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\n---\nText here.\n"
    sources, _ = _read_one(seeds, "a.md", data.encode())
    assert sources[0].text == "Text here." and not marker.exists()


def test_sources_front_matter_value_that_is_not_text_is_ignored(tmp_path):
    # Nested aliases: as a title, printing it would take forever.
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" \
           "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n" \
           "title: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n---\nThe Taliban met officials.\n"
    sources, problems = _read_one(tmp_path, "laughs.md", bomb.encode())
    assert sources[0].title == "The Taliban met officials"
    assert [(p.line, "'title' is not a single value" in p.message) for p in problems] == [(6, True)]


def test_sources_txt_starting_with_the_word_date_is_text(tmp_path):
    sources, problems = _read_one(tmp_path, "palms.txt", b"date palms grow along the Tigris in Iraq.")
    assert problems == [] and sources[0].text.startswith("date palms grow")


@pytest.mark.parametrize("encoding, bom", [("utf-16", True), ("utf-16-le", False), ("utf-8-sig", True)])
def test_sources_utf16_and_bom_text_is_decoded(tmp_path, encoding, bom):
    text = "Angela Merkel traf Emmanuel Macron in Straßburg, sagte die Sprecherin."
    sources, problems = _read_one(tmp_path, "u.txt", text.encode(encoding))
    assert sources[0].text == text
    # A byte-order mark says what the encoding is; without one it is a guess, and said so.
    assert [("a guess" in p.message) for p in problems] == ([] if bom else [True])


def test_sources_latin1_text_is_decoded_and_the_guess_reported(tmp_path):
    text = "Le ministre a rencontré les délégués à Genève, dit-il, et la ville est très chère."
    sources, problems = _read_one(tmp_path, "latin.txt", text.encode("latin-1"))
    assert sources[0].text == text
    assert len(problems) == 1 and "read as cp1252" in problems[0].message
    assert "convert it to UTF-8" in problems[0].message


def test_sources_too_big_is_skipped_with_the_limit_named(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 1000)
    sources, problems = read_sources(tmp_path, max_bytes=100)
    assert sources == [] and "over the limit" in problems[0].message
    assert "raise max_source_bytes in mkdocs.yml" in problems[0].message


def test_sources_same_text_twice_counts_once(tmp_path):
    (tmp_path / "a.txt").write_text("Same story.")
    (tmp_path / "a.md").write_text("Same story.")
    sources, problems = read_sources(tmp_path)
    assert [(s.path, s.id) for s in sources] == [("a.md", "a")]
    assert [p.path for p in problems] == ["a.txt"] and "same text as a.md" in problems[0].message


def test_sources_link_out_of_the_folder_is_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("The password is swordfish.")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "inside.txt").write_text("The Taliban met officials.")
    (seeds / "link.txt").symlink_to(secret)
    (seeds / "link-in.txt").symlink_to(seeds / "inside.txt")
    sources, problems = read_sources(seeds)
    assert [s.path for s in sources] == ["inside.txt"]
    assert sorted((p.path, "outside the sources folder" in p.message) for p in problems) == [
        ("link-in.txt", False), ("link.txt", True)]


def test_sources_missing_folder_is_an_error_that_says_what_to_do(tmp_path):
    with pytest.raises(BriefingError, match="sources folder not found.*--sources"):
        read_sources(tmp_path / "nope")


def test_sources_index_is_not_a_source_id():
    assert source_ids(["index.txt"])["index.txt"] != "index"


def test_markdown_links_keep_their_text_even_with_parentheses_in_the_target():
    from generator.read.sources import markdown_to_text

    text = "See [the city](https://en.wikipedia.org/wiki/Doha_(city)) and [x](javascript:alert(1)) now."
    assert markdown_to_text(text) == "See the city and x now."
