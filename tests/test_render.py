"""Rendering: source text stays text, whatever it contains."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render import md, rel, yaml_str

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc"]


def html_of(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


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
])
def test_render_md_keeps_source_text_as_text(hostile):
    html = html_of(f"Before {md(hostile)} after")
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "<a " not in html and "<code>" not in html and "<em>" not in html and "<strong>" not in html
    assert "<h1" not in html and "<ol>" not in html and "<ul>" not in html


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_render_md_never_makes_markup(text):
    html = html_of(str(md(text)))
    for tag in ("<a ", "<script", "<img", "<em>", "<strong>", "<code>", "<h1", "<ul>", "<ol>", "<table"):
        assert tag not in html


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


def test_render_a_region_with_blank_line_runs_is_not_taken_for_a_human_edit():
    import jinja2

    from generator.merge import touched
    from generator.model import Graph
    from generator.render import Renderer

    renderer = Renderer(Graph(sources=(), actors=(), events=(), agreements=()))
    renderer.env = jinja2.Environment(loader=jinja2.DictLoader({"t.md.j2": (
        '{% set regions = "body" %}---\ntitle: t\n---\n\n@@region:body@@\n'
        "{% macro region_body() %}one\n\n\n\ntwo\n{% endmacro %}")}))
    page = renderer.render("t.md.j2", "t.md", "test/t")
    assert "one\n\ntwo" in page.text
    assert not touched(page.text)
