"""The hand-edit contract end to end: real regenerations of a small wiki while its sources
come and go, with a human editing pages in between."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check import check
from generator.cli import cli
from generator.generate import generate

pytestmark = pytest.mark.slow

MKDOCS_YML = "site_name: Test wiki\ndocs_dir: content\nplugins:\n  - briefing:\n      sources: seeds\n"
# Two documents every build has, and a pool that comes and goes; each of the pool brings
# actors of its own, and all of them name Rafael Ortiz.
CORE = {
    "geneva.md": "---\ntitle: Talks in Geneva\ndate: 2021-03-04\n---\n"
                 "Foreign Minister Anna Keller of Norway met Prime Minister Rafael Ortiz of Chile in Geneva "
                 "on 3 March 2021. Keller said the two countries signed the Geneva Fisheries Agreement on "
                 "Tuesday. Ortiz praised the agreement.\n",
    "santiago.txt": "date 2021-05-10\nThe World Health Organization announced on 9 May 2021 that it would "
                    "open an office in Santiago. Rafael Ortiz welcomed the decision. Norway pledged funds.\n",
}
POOL = {
    "lima.txt": "date 2021-06-02\nRafael Ortiz visited Lima on 1 June 2021 and met President Lucia Varela "
                "of Peru. Varela and Ortiz discussed copper exports.\n",
    "vienna.txt": "date 2021-07-15\nChancellor Otto Brandt of Austria telephoned Rafael Ortiz on 14 July "
                  "2021. Brandt promised support for the fisheries agreement.\n",
    "loan.txt": "date 2021-08-20\nThe Inter-American Development Bank approved a loan to Chile on 19 August "
                "2021. Rafael Ortiz thanked the bank's president, Mariana Costa.\n",
    "assembly.txt": "date 2021-09-30\nRafael Ortiz addressed the United Nations General Assembly in New York "
                    "on 28 September 2021. He said Chile would cut emissions by half.\n",
    "valparaiso.txt": "date 2021-10-12\nSpeaking in Valparaiso on 11 October 2021, Rafa Ortiz told reporters "
                      "that the Copper Council would meet again. The Moneda Palace confirmed the date.\n",
}
ORTIZ = "actors/rafael-ortiz.md"
BRIEFING = str(Path(sys.executable).parent / "briefing")
_REGION = re.compile(r"<!-- briefing:begin ([\w-]+) -->\n.*?<!-- briefing:end \1(?: [0-9a-f]{12})? -->", re.S)
_STAMP = re.compile(r"^briefing: .*\n", re.M)
# Headings as the generator writes them: their quotes are searched on the sources' pages.
ROLES = "## Roles { data-search-exclude }\n"
QUOTES = "## In the sources { data-search-exclude }\n"


class Wiki:
    """A project folder with mkdocs.yml, seeds/ and content/, generated in this process."""

    def __init__(self, root: Path, settings_for):
        self.root, self.content, self._settings_for = root, root / "content", settings_for
        root.mkdir(parents=True, exist_ok=True)
        (root / "mkdocs.yml").write_text(MKDOCS_YML)
        (root / "seeds").mkdir()
        self.content.mkdir()

    def use(self, *names: str):
        """Make the sources exactly these documents."""
        for old in (self.root / "seeds").iterdir():
            old.unlink()
        for name in names:
            (self.root / "seeds" / name).write_text({**CORE, **POOL}[name])
        return self

    def generate(self):
        return generate(self._settings_for(self.root))

    def read(self, rel: str) -> str:
        return (self.content / rel).read_bytes().decode()

    def write(self, rel: str, text: str):
        (self.content / rel).parent.mkdir(parents=True, exist_ok=True)
        (self.content / rel).write_bytes(text.encode())

    def edit(self, rel: str, old: str, new: str):
        text = self.read(rel)
        assert old in text, old
        self.write(rel, text.replace(old, new, 1))

    def snapshot(self) -> dict[str, bytes]:
        return {p.relative_to(self.content).as_posix(): p.read_bytes()
                for p in sorted(self.content.rglob("*")) if p.is_file() and p.name != ".briefing.lock"}


@pytest.fixture
def wiki(tmp_path, settings_for) -> Wiki:
    return Wiki(tmp_path, settings_for).use(*CORE)


def human_part(text: str) -> str:
    """What belongs to the human: the page without region contents and the generator's stamp."""
    return _REGION.sub(lambda m: f"[region {m[1]}]", _STAMP.sub("", text, count=1))


def region_names(text: str) -> list[str]:
    return [m[1] for m in _REGION.finditer(text)]


def assert_well_formed(rel: str, text: str):
    """Front matter that parses and every begin marker closed by its end marker."""
    match = re.match(r"\A---\r?\n(.*?)\r?\n---\r?\n", text, re.S)
    assert match, f"{rel}: no front matter"
    assert isinstance(yaml.safe_load(match[1]), dict), rel
    begins = re.findall(r"<!-- briefing:begin ([\w-]+) -->", text)
    assert begins == region_names(text), f"{rel}: unbalanced markers"
    assert len(re.findall(r"<!-- briefing:end ", text)) == len(begins), f"{rel}: unbalanced markers"


def conflicts_reported_by_check(wiki: Wiki) -> list[str]:
    return [p.path for p in check(wiki.content) if "inside generated region" in p.message]


# --- the "done when" of the contract ---------------------------------------------------

def test_handedits_survive_ten_regenerations_while_sources_come_and_go(wiki):
    wiki.use(*CORE, *POOL).generate()
    assert (wiki.content / "actors/rafa-ortiz.md").exists()
    wiki.edit(ORTIZ, 'title: "Rafael Ortiz"', 'title: "Rafael Ortiz (Chile)"')
    wiki.edit(ORTIZ, "aliases: []", "aliases: [Rafa Ortiz]")
    wiki.edit(ORTIZ, "<!-- briefing:begin roles -->",
              "A note under the infobox: Ortiz trained as an engineer.\n\n<!-- briefing:begin roles -->")
    wiki.write(ORTIZ, wiki.read(ORTIZ) + "\n\n## Analyst notes\n\nWatch the [copper talks](../sources/lima.md).\n")
    mine = human_part(wiki.read(ORTIZ))
    pool = sorted(POOL)
    for round in range(1, 11):
        present = [name for bit, name in enumerate(pool) if (round * 7 >> bit) & 1]
        report = wiki.use(*CORE, *present).generate()
        text = wiki.read(ORTIZ)
        assert human_part(text) == mine, f"round {round}"
        assert report.conflicts == [] and conflicts_reported_by_check(wiki) == []
        assert not (wiki.content / "actors/rafael-ortiz-chile.md").exists()
        generated = "".join(m[0] for m in _REGION.finditer(text))
        for name in pool:
            link = f"](../sources/{Path(name).stem}.md)"
            assert (link in generated) == (name in present), (round, name)
        if "valparaiso.txt" in present:      # the alias is honoured under the new title
            assert "Rafa Ortiz" in generated
            assert not (wiki.content / "actors/rafa-ortiz.md").exists()
        assert_well_formed(ORTIZ, text)


def test_handedits_generating_twice_changes_no_byte(wiki):
    wiki.use(*CORE, "lima.txt", "vienna.txt").generate()
    wiki.edit(ORTIZ, "<!-- briefing:begin timeline -->", "Notes.\n\n<!-- briefing:begin timeline -->")
    wiki.edit("actors/otto-brandt.md", "<!-- briefing:begin roles -->\n", "<!-- briefing:begin roles -->\nMine.\n")
    wiki.edit("actors/lucia-varela.md", "\n---\n", "\nsummary: Peru's president.\n---\n")
    wiki.write("notes.md", "# Notes\n\nSee [Ortiz](actors/rafael-ortiz.md).\n")
    wiki.use(*CORE, "vienna.txt").generate()           # Lucia Varela's page is now an orphan
    before = wiki.snapshot()
    report = wiki.generate()
    assert report.written == [] and report.deleted == []
    assert wiki.snapshot() == before


# --- where a human may write -------------------------------------------------------------

def test_handedits_text_on_the_end_marker_line_and_at_end_of_file_without_newline(wiki):
    wiki.generate()
    text = wiki.read(ORTIZ)
    end = re.search(r"<!-- briefing:end infobox [0-9a-f]{12} -->", text)[0]
    text = text.replace(end, end + " (checked by hand)", 1).rstrip("\n") + "\n\nLast words, no newline"
    wiki.write(ORTIZ, text)
    wiki.use(*CORE, "lima.txt").generate()
    after = wiki.read(ORTIZ)
    assert human_part(after) == human_part(text)
    assert after.endswith("\n\nLast words, no newline")
    assert "](../sources/lima.md)" in after


def test_handedits_page_saved_with_crlf_keeps_its_line_ends_and_is_updated(wiki):
    wiki.generate()
    text = wiki.read(ORTIZ).replace("<!-- briefing:begin quotes -->", "My paragraph.\n\n<!-- briefing:begin quotes -->")
    wiki.write(ORTIZ, text.replace("\n", "\r\n"))
    report = wiki.use(*CORE, "lima.txt").generate()
    after = wiki.read(ORTIZ)
    assert report.conflicts == [] and conflicts_reported_by_check(wiki) == []
    assert after.count("\n") == after.count("\r\n"), "line ends were mixed"
    assert "\r\nMy paragraph.\r\n" in after
    assert after.count("<!-- briefing:begin quotes -->") == 1
    assert "](../sources/lima.md)" in after
    assert_well_formed(ORTIZ, after.replace("\r\n", "\n"))
    assert wiki.generate().written == []


def test_handedits_a_region_deleted_by_hand_stays_deleted(wiki):
    wiki.generate()
    text = wiki.read(ORTIZ)
    related = re.search(r"\n\n<!-- briefing:begin related -->.*?<!-- briefing:end related \w+ -->", text, re.S)[0]
    wiki.write(ORTIZ, text.replace(related, ""))
    for sources in ((*CORE, "lima.txt"), (*CORE, "lima.txt", "vienna.txt")):
        report = wiki.use(*sources).generate()
        after = wiki.read(ORTIZ)
        assert "related" not in region_names(after)
        assert "](../sources/vienna.md)" in after or "vienna.txt" not in sources
        assert report.conflicts == []
    assert wiki.generate().written == []


def test_handedits_renamed_title_keeps_the_page_and_its_curation(wiki):
    wiki.use(*CORE, "valparaiso.txt").generate()
    wiki.edit(ORTIZ, 'title: "Rafael Ortiz"', 'title: "Ortiz, Rafael"')
    wiki.edit(ORTIZ, "aliases: []", "aliases: [Rafa Ortiz]\nsummary: Chile's prime minister.\ntags: [chile]")
    wiki.write("notes.md", "A hand-written page about [Ortiz](actors/rafael-ortiz.md).\n")
    wiki.generate()
    wiki.generate()
    text = wiki.read(ORTIZ)
    assert 'title: "Ortiz, Rafael"' in text and "tags: [chile]" in text
    assert "Chile's prime minister." in "".join(m[0] for m in _REGION.finditer(text))
    assert not (wiki.content / "actors/rafa-ortiz.md").exists()
    assert not (wiki.content / "actors/ortiz-rafael.md").exists()
    # backlinks on other pages name it by the title the human gave it
    assert "[Ortiz, Rafael](rafael-ortiz.md)" in wiki.read("actors/anna-keller.md")


def test_handedits_hand_written_pages_are_never_touched_and_their_links_count(wiki):
    wiki.use(*CORE, "lima.txt").generate()
    notes = "# Field notes\r\n\r\nMet [Lucia Varela](../actors/lucia-varela.md) and " \
            "[the PM](../actors/rafael-ortiz.md) in Lima.\r\n<!-- a comment -->"
    wiki.write("notes/field.md", notes)
    wiki.use(*CORE).generate()
    wiki.use(*CORE, "vienna.txt").generate()
    assert wiki.read("notes/field.md") == notes
    backlinks = re.search(r"<!-- briefing:begin backlinks -->.*?-->", wiki.read(ORTIZ), re.S)
    assert "[Field notes](../notes/field.md)" in wiki.read(ORTIZ)[backlinks.start():]
    assert "Met Lucia Varela and the PM in Lima." in wiki.read(ORTIZ)[backlinks.start():]


def test_handedits_hand_written_page_where_a_generated_one_would_go_is_left_alone(wiki):
    mine = "# Otto Brandt\n\nMy own page.\n"
    wiki.write("actors/otto-brandt.md", mine)
    report = wiki.use(*CORE, "vienna.txt").generate()
    assert wiki.read("actors/otto-brandt.md") == mine
    assert any(p.path == "actors/otto-brandt.md" for p in report.problems)


# --- conflicts ---------------------------------------------------------------------------

def test_handedits_check_reports_an_edited_region_until_the_human_moves_the_text_out(wiki, monkeypatch):
    wiki.generate()
    wiki.edit(ORTIZ, ROLES, ROLES + "\nMy correction inside the region.\n")
    edited = wiki.read(ORTIZ)
    monkeypatch.chdir(wiki.root)
    runner = CliRunner()
    for _ in range(2):
        result = runner.invoke(cli, ["generate", "-q", "-j", "1"])
        assert result.exit_code == 0
        assert wiki.read(ORTIZ) == edited
    generated = wiki.content / (ORTIZ + ".generated")
    assert "My correction" not in generated.read_text() and "## Roles" in generated.read_text()
    checked = runner.invoke(cli, ["check"])
    assert checked.exit_code == 1
    assert "actors/rafael-ortiz.md" in checked.output and "roles" in checked.output
    # The human moves the text out of the region: the page is theirs again and updated.
    wiki.write(ORTIZ, edited.replace("\nMy correction inside the region.\n", "")
               .replace("<!-- briefing:begin roles -->", "My correction inside the region.\n\n<!-- briefing:begin roles -->"))
    assert runner.invoke(cli, ["generate", "-q", "-j", "1"]).exit_code == 0
    assert runner.invoke(cli, ["check"]).exit_code == 0
    assert not generated.exists()
    assert "My correction inside the region.\n\n<!-- briefing:begin roles -->" in wiki.read(ORTIZ)


# --- pages whose subject left the sources --------------------------------------------------

ORPHAN_MARK = "No longer in the sources"


def test_handedits_untouched_page_of_a_vanished_actor_is_deleted(wiki):
    wiki.use(*CORE, "vienna.txt").generate()
    assert (wiki.content / "actors/otto-brandt.md").exists()
    report = wiki.use(*CORE).generate()
    assert "actors/otto-brandt.md" in report.deleted
    assert not (wiki.content / "actors/otto-brandt.md").exists()
    # No page links to it any more (the What's new data may still name it as gone).
    pages = {p: t for p, t in wiki.snapshot().items() if str(p).endswith(".md")}
    assert "otto-brandt.md)" not in "".join(t.decode() for t in pages.values())


def test_handedits_edited_orphan_is_kept_marked_stable_and_revived_when_its_source_returns(wiki):
    page = "actors/lucia-varela.md"
    wiki.use(*CORE, "lima.txt").generate()
    wiki.edit(page, "<!-- briefing:begin timeline -->", "She studied in Lima.\n\n<!-- briefing:begin timeline -->")
    mine = human_part(wiki.read(page))
    wiki.use(*CORE).generate()
    orphaned = wiki.read(page)
    assert ORPHAN_MARK in orphaned and human_part(orphaned) == mine
    assert [p for p in check(wiki.content) if p.severity == "error"] == []   # no links to deleted pages
    report = wiki.generate()
    assert report.written == [] and report.conflicts == [] and conflicts_reported_by_check(wiki) == []
    assert wiki.read(page) == orphaned
    wiki.use(*CORE, "lima.txt").generate()
    revived = wiki.read(page)
    assert ORPHAN_MARK not in revived and human_part(revived) == mine
    assert "[Peru](peru.md)" in revived


def test_handedits_orphan_keeps_an_edit_made_inside_a_region(wiki):
    page = "actors/lucia-varela.md"
    wiki.use(*CORE, "lima.txt").generate()
    wiki.edit(page, QUOTES, QUOTES + "\nMy quote.\n")
    edited = wiki.read(page)
    wiki.use(*CORE).generate()
    assert QUOTES + "\nMy quote.\n" in wiki.read(page)
    assert page in conflicts_reported_by_check(wiki)
    assert edited.count("My quote.") == wiki.read(page).count("My quote.")


# --- random human text -------------------------------------------------------------------

_human_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).filter(
    lambda t: "briefing" not in t)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    """A wiki generated from the core documents, and its content as bytes."""
    from generator.config import load_settings

    wiki = Wiki(tmp_path_factory.mktemp("pristine"), lambda root: _one_job(load_settings(root / "mkdocs.yml")))
    wiki.use(*CORE).generate()
    return Pristine(wiki, wiki.snapshot())


class Pristine:
    def __init__(self, wiki: Wiki, snapshot: dict[str, bytes]):
        self.wiki, self.snapshot = wiki, snapshot

    def __repr__(self):          # hypothesis prints the arguments of a failing example
        return "pristine"


def _one_job(settings):
    settings.jobs = 1
    return settings


@settings(derandomize=True, max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=_human_text, where=st.floats(min_value=0, max_value=1))
def test_handedits_random_text_outside_regions_survives_regeneration(pristine, text, where):
    wiki, snapshot = pristine.wiki, pristine.snapshot
    for rel, data in snapshot.items():
        (wiki.content / rel).write_bytes(data)
    base = snapshot[ORTIZ].decode()
    body = re.match(r"\A---\n.*?\n---\n", base, re.S).end()
    spots = [i for i in range(body, len(base) + 1)
             if not any(m.start() < i < m.end() for m in _REGION.finditer(base))]
    at = spots[min(int(where * len(spots)), len(spots) - 1)]
    edited = base[:at] + text + base[at:]
    wiki.write(ORTIZ, edited)
    report = wiki.use(*CORE, "lima.txt").generate()
    after = wiki.read(ORTIZ)
    assert human_part(after) == human_part(edited)
    assert "](../sources/lima.md)" in after
    assert report.conflicts == []


# --- same inputs, same bytes ----------------------------------------------------------------

def test_handedits_same_sources_give_the_same_bytes_in_another_folder_hash_seed_and_clock(tmp_path, settings_for):
    here = Wiki(tmp_path / "here", settings_for).use(*CORE, *POOL)
    here.generate()
    there = Wiki(tmp_path / "there", None).use(*CORE, *POOL)
    seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"
    env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1900000000", "TZ": "Asia/Kathmandu"}
    result = subprocess.run([BRIEFING, "generate", "-q", "-j", "1"], cwd=there.root, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert there.snapshot() == here.snapshot()
    assert len(here.snapshot()) > 20


def test_handedits_a_second_generator_is_refused_while_one_holds_content(wiki):
    from filelock import FileLock

    from generator.exceptions import LockedError

    wiki.generate()
    before = wiki.snapshot()
    holder = FileLock(str(wiki.content / ".briefing.lock"))
    with holder.acquire(timeout=0):
        with pytest.raises(LockedError):
            wiki.use(*CORE, "lima.txt").generate()
    assert wiki.snapshot() == before
    assert "actors/lucia-varela.md" in wiki.generate().written


# --- front matter a human broke, or saved oddly ------------------------------------------

def test_handedits_broken_front_matter_is_reported_and_the_page_keeps_its_curation(wiki, monkeypatch):
    wiki.use(*CORE, "valparaiso.txt").generate()
    wiki.edit(ORTIZ, "aliases: []", "aliases: [Rafa Ortiz]\nsummary: Chile's prime minister.")
    wiki.generate()
    assert not (wiki.content / "actors/rafa-ortiz.md").exists()
    wiki.edit(ORTIZ, "aliases: [Rafa Ortiz]", "aliases: [Rafa Ortiz")       # a typo
    report = wiki.use(*CORE, "valparaiso.txt", "lima.txt").generate()
    broken = [p for p in report.problems if p.path == ORTIZ and "YAML" in p.message]
    assert broken and broken[0].line == 4, report.problems
    assert not (wiki.content / "actors/rafa-ortiz.md").exists(), "the alias became a page of its own"
    text = wiki.read(ORTIZ)
    assert "aliases: [Rafa Ortiz\n" in text and "](../sources/lima.md)" in text
    assert "Chile's prime minister." in "".join(m[0] for m in _REGION.finditer(text))
    checked = [p for p in check(wiki.content) if p.path == ORTIZ and p.severity == "error"]
    assert checked and checked[0].line == 4 and "YAML" in checked[0].message
    monkeypatch.chdir(wiki.root)
    assert CliRunner().invoke(cli, ["generate", "-q", "-j", "1", "--strict"]).exit_code == 1
    # Published without the raw front matter.
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=wiki.root, capture_output=True,
                           text=True, env={**os.environ, "BRIEFING_SKIP_GENERATE": "1", "NO_MKDOCS_2_WARNING": "1"})
    assert build.returncode == 0, build.stderr
    html = (wiki.root / "site/actors/rafael-ortiz/index.html").read_text()
    assert "Rafa Ortiz" in html and "briefing: actor/" not in html and "aliases: [" not in html


@pytest.mark.parametrize("key,value,expected", [
    ("type", "[person]", "`type` should be one of person, organization"),
    ("type", "{a: 1}", "`type` should be one of person, organization"),
    ("aliases", "3", "`aliases` should be a list of names"),
    ("hide", "yes please", "`hide` should be true or false"),
    ("summary", "[a, b]", "`summary` should be plain text"),
])
def test_handedits_curation_key_of_the_wrong_type_is_named_not_a_crash(wiki, key, value, expected):
    wiki.generate()
    text = wiki.read(ORTIZ)
    text = re.sub(rf"^{key}: .*\n", "", text, flags=re.M).replace("\n---\n", f"\n{key}: {value}\n---\n", 1)
    wiki.write(ORTIZ, text)
    report = wiki.use(*CORE, "lima.txt").generate()
    found = [p for p in report.problems if p.path == ORTIZ and expected in p.message]
    assert found and found[0].line > 1, report.problems
    assert "](../sources/lima.md)" in wiki.read(ORTIZ)
    assert any(expected in p.message for p in check(wiki.content) if p.path == ORTIZ)


def test_handedits_page_saved_with_a_bom_is_updated_again_and_keeps_it(wiki):
    wiki.generate()
    text = wiki.read(ORTIZ).replace("<!-- briefing:begin roles -->", "My note.\n\n<!-- briefing:begin roles -->")
    wiki.write(ORTIZ, "\ufeff" + text.replace("\n", "\r\n"))
    report = wiki.use(*CORE, "lima.txt").generate()
    after = wiki.read(ORTIZ)
    assert not any(p.path == ORTIZ for p in report.problems), report.problems
    assert after.startswith("\ufeff---\r\n") and "My note.\r\n" in after
    assert "](../sources/lima.md)" in after
    assert wiki.generate().written == []


# --- a page a human renamed ------------------------------------------------------------------

KELLER = "actors/anna-keller.md"


def test_handedits_renamed_untouched_page_keeps_its_new_name_and_links_follow(wiki):
    wiki.generate()
    (wiki.content / KELLER).rename(wiki.content / "actors/keller.md")
    wiki.use(*CORE, "lima.txt").generate()
    assert not (wiki.content / KELLER).exists()
    assert "actor/anna-keller" in wiki.read("actors/keller.md")
    assert "[Anna Keller](keller.md)" in wiki.read(ORTIZ)
    assert not [p for p in check(wiki.content) if p.severity == "error"]
    assert wiki.generate().written == []


def test_handedits_renamed_page_with_a_note_stays_the_page_of_its_actor(wiki):
    wiki.generate()
    moved = "people/anna-keller-norway.md"
    wiki.edit(KELLER, "<!-- briefing:begin roles -->", "Met her in Oslo.\n\n<!-- briefing:begin roles -->")
    (wiki.content / "people").mkdir()
    (wiki.content / KELLER).rename(wiki.content / moved)
    wiki.write("notes.md", "# Notes\n\nSee [Keller](actors/anna-keller.md).\n")
    report = wiki.use(*CORE, "lima.txt").generate()
    text = wiki.read(moved)
    assert "Met her in Oslo." in text and ORPHAN_MARK not in text
    assert "## Roles" in text and "Foreign Minister" in text
    assert not (wiki.content / KELLER).exists()
    assert "[Anna Keller](../people/anna-keller-norway.md)" in wiki.read(ORTIZ)
    assert report.conflicts == []
    # The link a human wrote to the old path is reported, not rewritten.
    assert wiki.read("notes.md") == "# Notes\n\nSee [Keller](actors/anna-keller.md).\n"
    errors = [(p.path, p.message) for p in check(wiki.content) if p.severity == "error"]
    assert errors == [("notes.md", "line 3: broken link to actors/anna-keller.md")]


def test_handedits_two_files_for_one_actor_are_a_check_error_naming_both(wiki):
    wiki.generate()
    copy = "actors/keller-copy.md"
    wiki.write(copy, wiki.read(KELLER).replace("<!-- briefing:begin roles -->", "Mine.\n\n<!-- briefing:begin roles -->"))
    wiki.use(*CORE, "lima.txt").generate()
    assert "Mine." in wiki.read(copy)
    errors = [p for p in check(wiki.content) if p.severity == "error"]
    assert any(KELLER in str(p) and copy in str(p) for p in errors), errors


# --- region markers and conflicts a human made -------------------------------------------------

def test_handedits_check_names_no_generated_file_that_is_not_there(wiki):
    page = "actors/lucia-varela.md"
    wiki.use(*CORE, "lima.txt").generate()
    wiki.edit(page, QUOTES, QUOTES + "\nMy quote.\n")
    wiki.use(*CORE).generate()
    assert not (wiki.content / (page + ".generated")).exists()
    found = [p.message for p in check(wiki.content) if p.path == page and "inside generated region" in p.message]
    assert found and "compare with lucia-varela.md.generated" not in found[0]


def test_handedits_region_markers_typed_by_hand_keep_their_text(wiki):
    wiki.generate()
    example = ("\n\n## How to mark a region\n\n```\n<!-- briefing:begin example -->\n"
               "Anything here.\n<!-- briefing:end example -->\n```\n")
    wiki.write(ORTIZ, wiki.read(ORTIZ) + example)
    wiki.use(*CORE, "lima.txt").generate()
    after = wiki.read(ORTIZ)
    assert after.endswith(example)
    assert "](../sources/lima.md)" in after
    assert wiki.generate().written == []


def test_handedits_a_hidden_page_whose_front_matter_breaks_stays_hidden(wiki, monkeypatch):
    wiki.generate()
    wiki.edit(KELLER, "aliases: []", "aliases: []\nhide: true")
    wiki.generate()
    wiki.edit(KELLER, "aliases: []", "aliases: [Keller")
    report = wiki.use(*CORE, "lima.txt").generate()
    assert any(p.path == KELLER and p.line == 4 for p in report.problems), report.problems
    for rel, data in wiki.snapshot().items():
        assert rel == KELLER or "anna-keller.md)" not in data.decode(errors="replace"), rel
    monkeypatch.chdir(wiki.root)
    checked = CliRunner().invoke(cli, ["check"])
    assert f"{KELLER}:4" in checked.output and "broken link" not in checked.output
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=wiki.root, capture_output=True,
                           text=True, env={**os.environ, "BRIEFING_SKIP_GENERATE": "1", "NO_MKDOCS_2_WARNING": "1"})
    assert build.returncode == 0, build.stderr
    assert not (wiki.root / "site/actors/anna-keller").exists()


def test_handedits_page_moved_to_the_top_of_content_is_followed(wiki):
    wiki.generate()
    (wiki.content / KELLER).rename(wiki.content / "keller.md")
    wiki.use(*CORE, "lima.txt").generate()
    wiki.generate()
    assert not (wiki.content / KELLER).exists()
    assert "[Anna Keller](../keller.md)" in wiki.read(ORTIZ)
    assert wiki.generate().written == []
