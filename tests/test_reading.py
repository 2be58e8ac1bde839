"""What a reader sees on the pages: wording, citations, source addresses."""

from __future__ import annotations

from generator.model import Actor, Agreement, Graph, Quote, Source
from generator.render.mdtext import url_link


def _source(**fields) -> Source:
    base = dict(id="kabul-2020", path="kabul.md", title="Talks in Kabul", text="Ann Lee met Bo Chen.",
                sha256="0" * 64, date="2020-03-23", publisher="Reuters", url=None)
    return Source(**{**base, **fields})


def test_reading_a_source_address_is_a_link_only_when_it_is_a_web_address():
    from tests.test_render import html_of, parsed

    assert html_of(str(url_link("https://example.org/a b(1)"))) == \
        '<p><a href="https://example.org/a%20b%281%29">https://example.org/a b(1)</a></p>'
    for unsafe in ("javascript:alert(1)", "file:///etc/passwd", "http:alert(1)"):
        assert "<a" not in html_of(str(url_link(unsafe))), unsafe
    hostile = html_of(str(url_link('https://x.org/"><script>alert(1)</script>)')))
    tags = parsed(hostile).tags
    assert [tag for tag, _ in tags] == ["p", "a"] and len(next(attrs for tag, attrs in tags if tag == "a")) == 1


def test_reading_a_citation_names_publisher_and_date():
    from generator.render.renderer import Renderer

    graph = Graph(sources=(_source(),), actors=(), events=(), agreements=())
    label = Renderer(graph).cite(Quote("kabul-2020", 3, "..."), "actors/ann-lee.md")
    assert label.startswith("[Reuters · 2020-03-23 · Talks in Kabul, sentence 3](")
    unpublished = Graph(sources=(_source(publisher=None, date=None),), actors=(), events=(), agreements=())
    assert Renderer(unpublished).cite(Quote("kabul-2020", 3, "..."), "x.md").startswith("[Talks in Kabul, sentence 3](")


def test_reading_counts_take_the_number_of_their_noun():
    from generator.render.entity_pages import _agreement_infobox
    from generator.render.renderer import Renderer

    quote = Quote("kabul-2020", 1, "Ann Lee met Bo Chen.")
    deal = Agreement(id="deal", name="Deal", kind="agreement", parties=(), date=None, precision=None,
                     date_text=None, place=None, quotes=(quote,))
    graph = Graph(sources=(_source(),), actors=(), events=(), agreements=(deal,))
    box = _agreement_infobox(Renderer(graph), "agreements/deal.md", deal, parts=[])
    assert "1 document · 1 mention" in box and "(s)" not in box


def test_reading_actor_sections_are_headed_in_plural():
    from generator.render.renderer import Renderer

    actors = tuple(Actor(id=t, name=t.title(), type=t) for t in ("country", "person", "organization"))
    graph = Graph(sources=(), actors=actors, events=(), agreements=())
    page = Renderer(graph).render("section.md.j2", "actors/index.md", "section/actors", kind="actor",
                                  section="actors").text
    assert "## Countries" in page and "## People" in page and "## Organizations" in page
    assert "Countrys" not in page and "Persons" not in page


def test_reading_the_home_lede_says_what_the_story_is_and_links_the_evidence(seeds_site):
    """What the sources cover, the latest developments (each with its quote), where each
    agreement stands, the main actors and what the last build changed."""
    root, report = seeds_site
    home = (root / "content" / "index.md").read_text()
    graph = report.graph
    assert f"**{len(graph.sources)} sources**" in home
    latest = max((e for e in graph.events if e.date and e.page != ""), key=lambda e: (e.date, e.id))
    line = next(line for line in home.splitlines() if f"events/{latest.id}.md" in line)
    assert line.startswith(f"- **{latest.date}**") and f"sources/{latest.quotes[0].source}.md#s" in line
    for deal in graph.agreements:
        line = next(line for line in home.splitlines() if line.startswith(f"- [{deal.name}](agreements/{deal.id}.md)"))
        assert (f"**{deal.status}**" in line) if deal.status else "no step of its life reported" in line
        assert "#s" in line         # the sentence that says so
    top = min((a for a in graph.actors if a.page != ""), key=lambda a: (-a.mentions, a.id))
    assert f"- [{top.name}](actors/{top.id}.md)" in home.split("## Main actors")[1]
    assert "## What changed in the last build" in home and "(whats-new.md)" in home


def _story(url=None):
    """A source of ten sentences, of which only the fifth is quoted (by an actor's page)."""
    from generator.model import DocFacts, Sentence

    sentences, text, at = [], "", 0
    for n in range(1, 11):
        line = f"Sentence number {n} of the story."
        sentences.append(Sentence(start=len(text), end=len(text) + len(line), text=line))
        text += line + " "
    source = _source(text=text, url=url)
    facts = DocFacts(source_id=source.id, sha256="0", sentences=tuple(sentences), mentions=(), timexes=(),
                     events=(), agreements=())
    actor = Actor(id="ann", name="Ann", type="person", quotes=(Quote(source.id, 5, sentences[4].text),))
    return Graph(sources=(source,), actors=(actor,), events=(), agreements=(), facts=(facts,))


def test_reading_excerpts_publish_the_quoted_sentences_with_their_neighbours_and_anchors():
    from generator.render.renderer import Renderer

    renderer = Renderer(_story())
    renderer.publish = "excerpts"
    body = renderer.source_body(renderer.graph.sources[0], "sources/kabul-2020.md")
    assert [f'id="s{n}"' in body for n in range(1, 11)] == [n in (4, 5, 6) for n in range(1, 11)]
    assert "number 1 " not in body and "number 9 " not in body and "[…]" in body
    assert renderer.quote_link(Quote("kabul-2020", 5, "."), "actors/ann.md") == "[quote](../sources/kabul-2020.md#s5)"
    renderer.publish = "full"
    body = renderer.source_body(renderer.graph.sources[0], "sources/kabul-2020.md")
    assert all(f'id="s{n}"' in body for n in range(1, 11)) and "[…]" not in body


def test_reading_with_no_text_published_quotes_link_to_the_source_where_it_is():
    from generator.render.renderer import Renderer

    renderer = Renderer(_story(url="https://example.org/story"))
    renderer.publish = "none"
    body = renderer.source_body(renderer.graph.sources[0], "sources/kabul-2020.md")
    assert "Sentence number" not in body and "https://example.org/story" in body
    assert renderer.quote_link(Quote("kabul-2020", 5, "."), "actors/ann.md") == "[quote](https://example.org/story)"
    unaddressed = Renderer(_story())
    unaddressed.publish = "none"
    assert unaddressed.quote_link(Quote("kabul-2020", 5, "."), "actors/ann.md") == "[quote](../sources/kabul-2020.md)"


def test_reading_publish_sources_is_a_setting_with_three_values(tmp_path):
    import pytest

    from generator.config import load_settings
    from generator.exceptions import ConfigError

    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - briefing:\n      publish_sources: none\n")
    assert load_settings(tmp_path / "mkdocs.yml").publish_sources == "none"
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - briefing:\n      publish_sources: some\n")
    with pytest.raises(ConfigError, match="publish_sources.*`full`, `excerpts` or `none`"):
        load_settings(tmp_path / "mkdocs.yml")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    assert load_settings(tmp_path / "mkdocs.yml").publish_sources == "excerpts"
