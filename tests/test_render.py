"""Rendering: source text stays text, whatever it contains."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.config import _Loader
from generator.render.renderer import md, rel, yaml_str

ROOT = Path(__file__).resolve().parents[1]


def site_extensions() -> tuple[list[str], dict]:
    """The Markdown extensions the site is built with, as mkdocs.yml lists them."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        name, options = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()))
        if name == "material.extensions.preview":
            continue        # marks links for previews; runs only inside MkDocs, beside its link resolver
        names.append(name)
        configs[name] = options or {}
    return names, configs


EXTENSIONS, EXTENSION_CONFIGS = site_extensions()
_MARKDOWN = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


def html_of(text: str) -> str:
    """The HTML the site makes of a page body (one converter, reset between pages, for speed)."""
    return _MARKDOWN.reset().convert(text)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: Counter = Counter()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags[(tag, tuple(sorted(attrs)))] += 1

    def handle_data(self, data):
        self.text.append(data)


def parsed(markup: str) -> _Tags:
    parser = _Tags()
    parser.feed(markup)
    parser.close()
    return parser


def printable(text: str) -> str:
    """The text without control characters, which a page never shows."""
    return "".join(c for c in text if c.isspace() or ord(c) >= 32 and c != "\x7f")


# Where templates put source text: a paragraph, a quote, a list item, an admonition body, a
# table cell, bold in a list item, a link label.
CONTEXTS = ["{}", "> {}\n>\n> — x", "- {}", '!!! info "Source"\n    **File** {}<br>\n    **Date** x',
            "| a | b |\n|---|---|\n| {} | c |", '- **{}**: "{}" (x)', "See [{}](a.md).", "{}\n\n{}"]


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "![x](javascript:alert(1))",
    "`code` *bold* _it_ {#id .cls}",
    "a | b | c",
    "1. not a list",
    "# not a heading",
    "- not a list",
    "&lt;script&gt; stays escaped",
    '!!! danger "Hacked"',
    "~~~ python",
    "   - indented list",
    "=====",
    "\x02wzxhzdk:0\x03 placeholder",
])
@pytest.mark.parametrize("context", CONTEXTS)
def test_render_md_keeps_source_text_as_text(hostile, context):
    expected = parsed(html_of(context.replace("{}", "x"))).tags
    made = parsed(html_of(context.replace("{}", str(md(hostile)))))
    assert not made.tags - expected
    assert " ".join(printable(hostile).split()) in " ".join("".join(made.text).split())


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.text(max_size=80), st.sampled_from(CONTEXTS))
def test_render_md_never_makes_markup(text, context):
    """Wherever a template puts it, source text adds no element and no attribute to the
    HTML: the page has no tag it lacks with a plain word in its place."""
    expected = parsed(html_of(context.replace("{}", "x"))).tags
    assert not parsed(html_of(context.replace("{}", str(md(text))))).tags - expected


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_render_md_shows_the_text_as_written(text):
    shown = "".join(parsed(html_of(str(md(text)))).text)
    assert " ".join(shown.split()) == " ".join(printable(text).split())


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_render_yaml_str_round_trips(text):
    import yaml

    assert yaml.safe_load(f"title: {yaml_str(text)}")["title"] == text


@pytest.mark.parametrize("target, here, link", [
    ("actors/a.md", "events/e.md", "../actors/a.md"),
    ("actors/a.md", "actors/b.md", "a.md"),
    ("actors/a.md", "index.md", "actors/a.md"),
])
def test_render_rel_links_between_pages(target, here, link):
    assert rel(target, here) == link


_PATHS = st.lists(st.sampled_from(["actors", "events", "a", "b", "notes"]), max_size=3).map(
    lambda folders: "/".join(folders + ["page.md"]))


@settings(derandomize=True, max_examples=300, deadline=None)
@given(_PATHS, _PATHS)
def test_render_rel_is_what_posixpath_gives(target, here):
    import posixpath

    assert rel(target, here) == posixpath.relpath(target, posixpath.dirname(here) or ".")


@pytest.mark.parametrize("here", ["index.md", "actors/b.md", "events/e.md", "notes/2020/brief.md",
                                  "sources/index.md"])
def test_render_links_from_any_folder_lead_to_the_page(here):
    from generator.model import Actor, Graph, Quote
    from generator.render.renderer import Renderer, page_path

    graph = Graph(sources=(), actors=(Actor(id="ali-khan", name="Ali Khan", type="person"),),
                  events=(), agreements=(), facts=(), mention_actors={})
    r = Renderer(graph)
    assert r.link("actor", "ali-khan", here) == f"[Ali Khan]({rel(page_path('actor', 'ali-khan'), here)})"
    assert r.quote_link(Quote("kabul-2020", 3, "..."), here) == \
        f"[quote]({rel(page_path('source', 'kabul-2020'), here)}#s3)"
    assert r.link("actor", "nobody", here) == "nobody"      # no page: the name alone


def test_render_a_region_with_blank_line_runs_is_not_taken_for_a_human_edit():
    import jinja2

    from generator.read.markers import touched
    from generator.model import Graph
    from generator.render.renderer import Renderer

    renderer = Renderer(Graph(sources=(), actors=(), events=(), agreements=()))
    renderer.env = jinja2.Environment(loader=jinja2.DictLoader({"t.md.j2": (
        '{% set regions = "body" %}---\ntitle: t\n---\n\n@@region:body@@\n'
        "{% macro region_body() %}one\n\n\n\ntwo\n{% endmacro %}")}))
    page = renderer.render("t.md.j2", "t.md", "test/t")
    assert "one\n\ntwo" in page.text
    assert not touched(page.text)


def test_render_every_seed_page_is_stamped_as_the_hand_edit_check_reads_it(seeds_site):
    """The renderer stamps a page from the skeleton and regions it has just made, without
    parsing the page again: the stamp must be the one `touched` recomputes from the text, or
    every page would look edited by hand; and the title it hands on is the page's own."""
    from generator.read.frontmatter import page_meta
    from generator.read.markers import stamp, touched
    from generator.render.renderer import Renderer

    _, report = seeds_site
    pages = Renderer(report.graph).pages()
    assert {p.path.split("/")[0] for p in pages} >= {"actors", "events", "agreements", "sources"}
    for page in pages:
        assert stamp(page.page_id, page.text) == page.text, page.path
        assert not touched(page.text), page.path
        if page.title is not None:
            assert page.title == page_meta(page.text)["title"], page.path


def test_render_a_region_mark_inside_a_region_is_text_not_a_region():
    """A source may say anything, "@@region:backlinks@@" too: only the skeleton's marks
    become regions, so no region ends up nested in another's text."""
    import jinja2

    from generator.read.markers import regions, stamp, touched
    from generator.model import Graph
    from generator.render.renderer import Renderer

    renderer = Renderer(Graph(sources=(), actors=(), events=(), agreements=()))
    renderer.env = jinja2.Environment(loader=jinja2.DictLoader({"t.md.j2": (
        '{% set regions = "a b" %}---\ntitle: t\n---\n\n@@region:a@@\n\n@@region:b@@\n'
        "{% macro region_a() %}said @@region:b@@ here{% endmacro %}"
        "{% macro region_b() %}bee{% endmacro %}")}))
    page = renderer.render("t.md.j2", "t.md", "test/t")
    assert "said @@region:b@@ here" in page.text
    assert [r.name for r in regions(page.text)] == ["a", "b"]
    assert stamp("test/t", page.text) == page.text and not touched(page.text)


@pytest.mark.slow
def test_an_event_page_has_no_empty_who_line(tmp_path):
    """An event no actor takes part in ("Markets worldwide have surged") says nothing of who,
    rather than "Who" followed by nothing."""
    from tests.conftest import generate_story

    generate_story(tmp_path, "date 2008-10-13 Global markets surge in value\nOctober 13, 2008\n"
                             "Markets worldwide have surged in value.\nBoeing has hired 300 engineers.\n")
    pages = {p.name: p.read_text() for p in (tmp_path / "content" / "events").glob("2008-*.md")}
    surged = next(text for name, text in pages.items() if "markets-worldwide-surge" in name)
    assert "**Who**" not in surged and "**When** reported on 2008-10-13" in surged
