"""Bad and hostile input: a folder mixing good sources with every kind of bad file builds a site
with all the good content, one clear line per bad file, no page a human wrote lost, and no
markup, script or link that came from a source."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import shutil
import tempfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import cli
from generator.model import (Actor, Agreement, DocFacts, Event, Graph, Mention, Participant, Quote, Role, Sentence,
                             Source, Term)
from generator.read.frontmatter import page_meta
from generator.read.slugs import slug
from generator.read.sources import FRONT_MATTER, read_sources
from generator.render.renderer import Renderer
from generator.write.assemble import links_and_title
from generator.write.backlinks import gather, render_backlinks
from generator.write.merge import merge_page
from tests.test_render import html_of

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 20_000                          # max_source_bytes of the hostile project

LATIN = "Le ministre Jean-Yves Le Drian a rencontré les délégués à Genève."
KABUL = "date 2020-03-01 Ashraf Ghani met Abdullah Abdullah in Kabul on Sunday."
HOSTILE_TEXT = ("The agreement was signed by <script>alert(1)</script> and [x](javascript:alert(1)) "
                "and Ali Khan / Jr in Kabul. <img src=x onerror=alert(1)> Then Mohammed al-Rashid "
                "met משה כהן and the envoy Ahmad 😀 Karimi in Kabul.")
LAUGHS = ("---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
          "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\ntitle: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
          "---\nXi Jinping spoke in Beijing.\n")
LONG_NAME = ("Report on the talks between the delegations " * 6)[:240].strip() + ".txt"

# name -> (bytes, words its source page shows)
GOOD = {
    "doha.md": ("---\ntitle: Talks in Doha\ndate: 2020-02-29\n---\nThe United States and the Taliban "
                "signed an agreement in Doha on 29 February 2020. Mike Pompeo attended the ceremony.\n",
                "Mike Pompeo attended the ceremony"),
    "kabul.txt": (KABUL, "Ashraf Ghani met Abdullah Abdullah"),
    "utf16-bom.txt": ("Angela Merkel visited Paris on 3 March 2020.".encode("utf-16"), "Angela Merkel visited"),
    "hostile.md": ('---\ntitle: "../../etc/passwd <script>alert(1)</script>"\n---\n' + HOSTILE_TEXT,
                   "<script>alert(1)</script>"),
    "names 😀 שלום مرحبا.txt": ("The spokesman Hamid Karzai met محمد عبدالله in Herat.", "محمد عبدالله"),
    LONG_NAME: ("Zalmay Khalilzad met Abdul Ghani Baradar in Doha.", "Abdul Ghani Baradar"),
    "petrov.txt": ("Ivan Petrov met Иван Петров in Moscow on Monday.", "Иван Петров"),
    "Petrov.md": ("Vladimir Putin spoke in Moscow on Tuesday.", "Vladimir Putin spoke"),
    "index.txt": ("The United Nations met in Geneva on Friday.", "The United Nations met"),
}
# name -> (bytes, words its line holds, its line number or 0, kept: is the text read all the same)
BAD = {
    "photo.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "binary data", 0, False),
    "program.md": (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00", "binary data", 0, False),
    "minutes.docx": (b"PK\x03\x04 not really a document", "'.docx' files are not read", 0, False),
    "empty.txt": (b"", "no text in it", 0, False),
    "blank.md": ("---\ntitle: Blank\n---\n \n\t\n", "no text in it", 0, False),
    "huge.txt": ("The huge file names Boris Johnson. " * 1000, "raise max_source_bytes in mkdocs.yml", 0, False),
    "later-copy.txt": (KABUL, "same text as kabul.txt", 0, False),
    "outside.txt": (None, "outside the sources folder", 0, False),
    "latin1.txt": (LATIN.encode("latin-1"), "convert it to UTF-8", 0, True),
    "utf16-nobom.txt": ("Emmanuel Macron visited Berlin on 4 March 2020.".encode("utf-16-le"),
                        "convert it to UTF-8", 0, True),
    "broken-yaml.md": ("---\ntitle: Talks\nplace: [unclosed\n---\nJoe Biden spoke in Washington.\n",
                       "not valid YAML", 3, True),
    "unsafe-tag.md": ("---\ntitle: Ok\nrun: !!python/object/apply:os.system ['touch {marker}']\n---\n"
                      "Joe Biden spoke in Delaware.\n", "is not allowed", 3, True),
    "bad-date.md": ("---\ntitle: Odd\ndate: 2020-13-45\n---\nNarendra Modi spoke in Delhi.\n",
                    "'2020-13-45' is not a real date", 3, True),
    "yesterday.md": ("---\ntitle: Odd too\ndate: yesterday\n---\nJustin Trudeau spoke in Ottawa.\n",
                     "'yesterday' is not a real date", 3, True),
    "bad-date.txt": ("date 2020-13-45 Recep Erdogan spoke in Ankara.", "not a real date", 1, True),
    "laughs.md": (LAUGHS, "'title' is not a single value", 5, True),
}
HAND_WRITTEN = {
    "notes.md": "---\ntitle: My notes\n---\n\n# My notes\n\nWritten by hand: [Doha](sources/doha.md).\n",
    "actors/my-list.md": "# People to watch\n\nA list kept by hand.\n",
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile project, built once: (root, result of `briefing build`)."""
    root = tmp_path_factory.mktemp("hostile")
    settings = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    settings = settings.replace("      sources: seeds\n", f"      sources: seeds\n      max_source_bytes: {LIMIT}\n")
    (root / "mkdocs.yml").write_text(settings, encoding="utf-8")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    seeds = root / "seeds"
    seeds.mkdir()
    (root / "secret.txt").write_text("The password is swordfish.")
    for name, (data, *_) in {**GOOD, **BAD}.items():
        if data is None:
            (seeds / name).symlink_to(root / "secret.txt")
            continue
        if isinstance(data, str):
            data = data.replace("{marker}", str(root / "PWNED")).encode()
        (seeds / name).write_bytes(data)
    for name, text in HAND_WRITTEN.items():
        (root / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "-f", str(root / "mkdocs.yml"), "-j", "1"])
    return root, result


def warnings(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("warning: ")]


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, [*args, "-f", str(root / "mkdocs.yml"), "-j", "1"])


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


@pytest.mark.slow
def test_hostile_folder_builds_with_one_clear_line_per_bad_file(hostile):
    root, result = hostile
    assert result.exit_code == 0, result.output
    lines = warnings(result.stderr)
    for name, (_, words, line, _) in BAD.items():
        about = [text for text in lines if text.startswith(f"warning: {name}:")]
        assert len(about) == 1, (name, lines)
        where = f"warning: {name}:{line}: " if line else f"warning: {name}: "
        assert about[0].startswith(where) and words in about[0], about[0]
    assert len(lines) == len(BAD), lines
    assert not (root / "PWNED").exists()


@pytest.mark.slow
def test_hostile_folder_keeps_all_good_content_and_nothing_skipped(hostile):
    root, _ = hostile
    graph = json.loads(run(root, "export").stdout)
    kept = {name for name, (*_, read) in BAD.items() if read}
    assert {s["path"] for s in graph["sources"]} == set(GOOD) | kept
    site = {s["path"]: (root / "site" / "sources" / s["id"] / "index.html").read_text()
            for s in graph["sources"]}
    for name, (_, words) in GOOD.items():
        assert words in text_of(site[name]), name
    assert "à Genève" in text_of(site["latin1.txt"])
    assert "Emmanuel Macron visited Berlin" in text_of(site["utf16-nobom.txt"])
    everything = "".join(p.read_text(errors="replace") for p in (root / "site").rglob("*.html"))
    assert "swordfish" not in everything and "The huge file" not in everything


@pytest.mark.slow
def test_hostile_folder_loses_no_page_a_human_wrote(hostile):
    root, _ = hostile
    for name, text in HAND_WRITTEN.items():
        assert (root / "content" / name).read_text(encoding="utf-8") == text
    assert "Written by hand" in (root / "site" / "notes" / "index.html").read_text()


@pytest.mark.slow
def test_hostile_folder_pages_are_inside_the_site_unique_and_stable(hostile):
    root, _ = hostile
    made = {"content", "site", "seeds", "overrides", ".briefing-cache", "mkdocs.yml", "secret.txt"}
    assert {p.name for p in root.iterdir()} == made
    for folder in ("content", "site"):
        for path in (root / folder).rglob("*"):
            assert path.resolve().is_relative_to((root / folder).resolve()), path
    graph = json.loads(run(root, "export").stdout)
    for kind in ("actors", "events", "agreements", "sources"):
        pages = [item.get("page") or f"sources/{item['id']}.md" for item in graph[kind]
                 if not (kind in ("events", "actors") and item["page"] is None)]    # a quote, not a page
        assert len(pages) == len(set(pages)) and "index" not in {Path(p).stem for p in pages}
        assert all((root / "content" / page).is_file() for page in pages), kind
    by_slug: dict[str, set[str]] = {}
    for actor in graph["actors"]:
        by_slug.setdefault(slug(actor["name"]), set()).add(actor["page"])
    # Two names that slug the same (Ivan Petrov, Иван Петров) each keep a page.
    assert any(len(pages) > 1 for pages in by_slug.values()), sorted(by_slug)
    before = files(root / "content")
    again = run(root, "generate")
    assert again.exit_code == 0 and "0 pages written" in again.stderr
    assert files(root / "content") == before
    assert warnings(again.stderr) == warnings(hostile[1].stderr)


@pytest.mark.slow
def test_hostile_folder_site_holds_no_markup_from_the_sources(hostile):
    root, _ = hostile
    pages = sorted((root / "site").rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        assert_inert(page.read_text(encoding="utf-8"), page)
    index = json.loads((root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        assert_inert(doc["title"], doc["location"])
        assert_inert(doc["text"], doc["location"])


@pytest.mark.slow
def test_hostile_folder_fails_with_strict_and_says_the_same(hostile):
    root, result = hostile
    strict = run(root, "build", "--strict")
    assert strict.exit_code == 1
    assert warnings(strict.stderr) == warnings(result.stderr)
    assert f"{len(BAD)} problems above and --strict is set" in strict.stderr
    assert run(root, "check").exit_code == 0


# --- what a browser would run ----------------------------------------------------------

class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)


def parse(markup: str) -> _Elements:
    parser = _Elements()
    parser.feed(markup)
    parser.close()
    return parser


def text_of(markup: str) -> str:
    return " ".join("".join(parse(markup).text).split())


def assert_inert(markup: str, where) -> None:
    """No element a source could have brought: no event handler, no script URL, no image or
    frame, no script that mentions the payload."""
    parsed = parse(markup)
    for tag, attrs in parsed.elements:
        assert tag not in {"img", "iframe", "object", "embed"}, (where, tag, attrs)
        for name, value in attrs:
            assert not name.startswith("on"), (where, tag, attrs)
            assert not (value or "").strip().lower().startswith(("javascript:", "data:")), (where, tag, attrs)
    assert not any("alert(" in script for script in parsed.scripts), where


# --- fuzzing: fixed seed, bounded examples ---------------------------------------------

HOSTILE_NAMES = ["<script>alert(1)</script>", "[x](javascript:alert(1))", "../../etc/passwd",
                 "Ali Khan / Jr", "Ahmad 😀 Karimi", "محمد عبدالله", "משה כהן", "x" * 300,
                 '!!! danger "x"', "<img src=x onerror=alert(1)>", "{: onclick=alert(1)}", "~~~",
                 "| a | b |", "\x02wzxhzdk:0\x03", "&lt;b&gt;", "a\nb\r\nc", "  - item"]
names = st.one_of(st.sampled_from(HOSTILE_NAMES), st.text(min_size=1, max_size=40))


@settings(derandomize=True, max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(["a.txt", "a.md", "a.html", "a.htm", "a.pdf", "a"]),
       data=st.one_of(
           st.binary(max_size=400),
           st.text(max_size=200).map(lambda t: t.encode("utf-8")),
           st.text(max_size=200).map(lambda t: t.encode("utf-16")),
           st.text(max_size=200).map(lambda t: t.encode("latin-1", "replace")),
           st.tuples(st.text(max_size=80), st.text(max_size=80)).map(
               lambda fb: f"---\n{fb[0]}\n---\n{fb[1]}".encode("utf-8")),
           st.text(max_size=80).map(lambda t: f"date {t}".encode("utf-8")),
           st.text(max_size=120).map(lambda t: f"<html><p>{t}</p></html>".encode("utf-8"))))
def test_hostile_readers_turn_any_bytes_into_a_source_or_a_problem(name, data):
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / name).write_bytes(data)
        sources, problems = read_sources(Path(folder))
    skipped = [p for p in problems if p.message.startswith("skipped: ")]
    assert len(sources) + len(skipped) == 1
    assert all(p.path == name and p.severity == "warning" and p.message for p in problems)
    for source in sources:
        assert source.text.strip() and source.title.strip() and source.id == "a"
        assert source.date is None or dt.date.fromisoformat(source.date)


def _graph(a: str, b: str, other: str, text_extra: str) -> Graph:
    """A small graph in which every name, title and quote is given."""
    text = f"{a} met {b}. {text_extra}"
    sentence = Sentence(0, len(text), text)
    mentions = (Mention(0, len(a), a, a, "PERSON", 0, role=other),
                Mention(len(a) + 5, len(a) + 5 + len(b), b, b, "ORG", 0))
    facts = DocFacts("s", "0", (sentence,), mentions, (), (), ())
    q = Quote("s", 1, text)
    source = Source("s", other, other, "2020-01-02", text, "0", url=other, publisher=other)
    actors = (Actor("a", a, "person", (other,), (Role(other, q),), (q,), 1, ("s",), summary=other),
              Actor("b", b, "organization", (), (), (q,), 1, ("s",)))
    event = Event("e", other, "2020-01-02", "day", other, (Participant("a", "agent"), Participant("b", "other")),
                  "b", (q,), ("g",), anchor=other)
    agreement = Agreement("g", other, "agreement", ("a", "b"), "2020-01-02", "day", other, "b",
                          (other,), (Term(other, q),), ("e",), (q,))
    return Graph((source,), actors, (event,), (agreement,), facts=(facts,),
                 mention_actors={"s": {0: "a", 1: "b"}})


def _site_html(graph: Graph) -> dict[str, tuple[dict, str]]:
    """Each page as MkDocs would see it: front matter, and the HTML of the body with backlinks."""
    pages = {p.path: p.text for p in Renderer(graph).pages()}
    found = {path: links_and_title(path, text) for path, text in pages.items()}
    links = gather({path: links for path, (links, _) in found.items() if links is not None})
    titles = {path: title for path, (_, title) in found.items()}
    out = {}
    for path, text in pages.items():
        body = FRONT_MATTER.sub("", text, count=1) + render_backlinks(path, links.get(path, []), titles)
        out[path] = (page_meta(text), html_of(body))
    return out


def _elements(markup: str) -> Counter:
    return Counter((tag, tuple(attrs)) for tag, attrs in parse(markup).elements)


PLAIN = _site_html(_graph("Alpha", "Beta", "Gamma", "Delta."))


@settings(derandomize=True, max_examples=60, deadline=None)
@given(a=names, b=names, other=names, extra=names)
def test_hostile_names_add_no_element_or_attribute_to_any_page(a, b, other, extra):
    """Every page of a graph whose every text is hostile has no element and no attribute that
    the same page of plain words lacks: names stay text, never a tag, a link or a script."""
    site = _site_html(_graph(a, b, other, extra))
    assert site.keys() == PLAIN.keys()
    for path, (meta, markup) in site.items():
        assert not _elements(markup) - _elements(PLAIN[path][1]), path
        assert "briefing" in meta, path
    # Titles hold "<" and ">" as entities, which any theme shows as the characters.
    assert html.unescape(site["actors/a.md"][0]["title"]) == a
    assert html.unescape(site["sources/s.md"][0]["title"]) == other


ACTOR_PAGE, ACTOR_PAGE_NEXT = (
    next(p.text for p in Renderer(_graph("Alpha", "Beta", other, "Delta.")).pages() if p.path == "actors/a.md")
    for other in ("Gamma", "Epsilon"))
front_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6)


@settings(derandomize=True, max_examples=100, deadline=None)
@given(human=st.dictionaries(st.text(min_size=1, max_size=20).filter(
    lambda k: k not in {"title", "type", "aliases", "briefing"}), front_values, min_size=1, max_size=4))
def test_hostile_human_front_matter_keys_survive_a_rebuild(human):
    added = yaml.safe_dump(human, sort_keys=True)
    edited = ACTOR_PAGE.replace("\n---\n", f"\n{added}---\n", 1)
    merged = merge_page(edited, ACTOR_PAGE_NEXT).text
    meta = page_meta(merged)
    assert {key: meta.get(key) for key in human} == human
    assert "Epsilon" in merged          # the generated regions did update


def test_hostile_missing_sources_folder_fails_and_deletes_nothing(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - briefing:\n      sources: seedz\n")
    page = tmp_path / "content" / "actors" / "someone.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\nbriefing: actor/someone 000000000000\n---\n")
    result = run(tmp_path, "generate")
    assert result.exit_code == 1
    assert "seedz: sources folder not found" in result.stderr and "--sources" in result.stderr
    assert page.exists()


def test_hostile_agreement_dated_by_its_report_quotes_no_words():
    """"The United States and the Taliban agreed to a ceasefire" in a story dated 2020-04-01:
    the agreement's date is the story's, with no words of the text to quote."""
    graph = _graph("Alpha", "Beta", "Gamma", "Delta.")
    graph = dataclasses.replace(graph, agreements=tuple(dataclasses.replace(a, date_text=None)
                                                       for a in graph.agreements))
    page = next(p.text for p in Renderer(graph).pages() if p.path.startswith("agreements/"))
    made = next(line for line in page.splitlines() if "**Made**" in line)
    assert "None" not in made and "2020-01-02" in made and "the date of the report" in made


# --- bad input that once gave a traceback or a wrong reading -----------------------------

def test_hostile_symlink_loop_is_one_line_and_the_rest_is_read(tmp_path):
    (tmp_path / "good.txt").write_text("Ashraf Ghani spoke in Kabul.")
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "self.md").symlink_to(tmp_path / "self.md")
    sources, problems = read_sources(tmp_path)
    assert [s.path for s in sources] == ["good.txt"]
    assert [(p.path, "loop" in p.message and "remove it" in p.message) for p in problems] == [
        ("a.txt", True), ("b.txt", True), ("self.md", True)]


@pytest.mark.parametrize("seed", range(6))
def test_hostile_ten_random_bytes_are_binary_not_utf16(tmp_path, seed):
    """Any even number of bytes reads as UTF-16 with no byte-order mark: ten random bytes gave
    five letters of mojibake, published as a source."""
    import random

    (tmp_path / "blob.txt").write_bytes(random.Random(seed).randbytes(10))
    sources, problems = read_sources(tmp_path)
    assert sources == []
    assert [p.path for p in problems] == ["blob.txt"] and "binary data" in problems[0].message


def test_hostile_empty_sources_folder_is_a_warning_naming_it(tmp_path):
    (tmp_path / ".hidden.txt").write_text("Not a source: hidden files are never read.")
    sources, problems = read_sources(tmp_path)
    assert sources == []
    assert len(problems) == 1 and problems[0].path == str(tmp_path)
    assert "empty" in problems[0].message and "add .txt, .md or .html files" in problems[0].message


# --- folders the run may not write ----------------------------------------------------------

def read_only(monkeypatch, folder: Path) -> None:
    """Make every write, creation or removal under `folder` fail as a read-only folder does
    (chmod would not do: these tests may run as root, whom permissions do not stop)."""
    import builtins
    import errno
    import io
    import os

    top = os.path.realpath(folder)

    def under(path) -> bool:
        try:
            real = os.path.realpath(os.fspath(path))
        except TypeError:
            return False
        return real == top or real.startswith(top + os.sep)

    def deny(path):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))

    real_open, real_os_open = io.open, os.open

    def guarded_open(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, bytes, os.PathLike)) and set(mode) & set("wax+") and under(file):
            deny(file)
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and under(path):
            deny(path)
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)
    for name in ("mkdir", "unlink", "remove", "rmdir"):
        def guarded(path, *args, _real=getattr(os, name), _name=name, **kwargs):
            if under(path) and not (_name == "mkdir" and os.path.isdir(path)):
                deny(path)
            return _real(path, *args, **kwargs)
        monkeypatch.setattr(os, name, guarded)
    for name in ("replace", "rename"):
        def guarded_move(src, dst, *args, _real=getattr(os, name), **kwargs):
            if under(src) or under(dst):
                deny(dst)
            return _real(src, dst, *args, **kwargs)
        monkeypatch.setattr(os, name, guarded_move)


@pytest.fixture
def small_project(tmp_path) -> Path:
    """A project of one source, generated once."""
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - briefing:\n      sources: seeds\n")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "kabul.txt").write_text(KABUL)
    assert run(tmp_path, "generate").exit_code == 0
    (tmp_path / "seeds" / "doha.txt").write_text("date 2020-03-02 Mike Pompeo met Zalmay Khalilzad in Doha.")
    return tmp_path


def leftovers(content: Path) -> list[str]:
    return [p.name for p in content.rglob("*") if p.name.endswith((".tmp", ".briefing-tmp"))]


@pytest.mark.slow
@pytest.mark.parametrize("folder", ["content", "content/actors"])
def test_hostile_read_only_content_is_one_line_naming_it_and_every_page_whole(small_project, monkeypatch,
                                                                                folder):
    content = small_project / "content"
    before = files(content)
    with monkeypatch.context() as patch:
        read_only(patch, small_project / folder)
        result = run(small_project, "generate")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    errors = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and errors[0].startswith(f"Error: {folder}: cannot write there (Permission denied)")
    assert "make it writable" in errors[0]
    if folder == "content":
        assert files(content) == before
    assert not leftovers(content)
    again = run(small_project, "generate")       # writable again: the run finishes the work
    assert again.exit_code == 0 and (content / "actors" / "mike-pompeo.md").exists()


@pytest.mark.slow
@pytest.mark.parametrize("curated", [False, True], ids=["plain", "curated"])
def test_hostile_read_only_cache_is_a_warning_and_the_pages_are_written(small_project, monkeypatch, curated):
    if curated:         # the last good curation of a page is kept in the cache folder too
        page = sorted((small_project / "content" / "actors").glob("*.md"))[0]
        page.write_text(page.read_text().replace("aliases: []", "aliases: [The Envoy]", 1))
        assert "The Envoy" in page.read_text()
    with monkeypatch.context() as patch:
        read_only(patch, small_project / ".briefing-cache")
        result = run(small_project, "generate")
    assert result.exit_code == 0, result.output
    assert warnings(result.stderr) == [line for line in warnings(result.stderr)
                                       if line.startswith("warning: .briefing-cache: cannot write the cache")]
    assert len(warnings(result.stderr)) == 1 and "set `cache_dir:`" in result.stderr
    assert (small_project / "content" / "actors" / "mike-pompeo.md").exists()
    again = run(small_project, "generate")
    assert again.exit_code == 0 and not warnings(again.stderr)
