"""What links here: which line of a linking page is quoted beside it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.write.backlinks import _BACKLINK_REGION, page_links, without_backlinks


def test_the_first_line_that_links_a_page_is_quoted():
    text = "Intro.\n\nAnn Lee met [Bo Chen](bo-chen.md) in Doha.\n\nLater [Bo Chen](bo-chen.md) left.\n"
    assert page_links("actors/ann-lee.md", text) == [("actors/bo-chen.md", "Ann Lee met Bo Chen in Doha.")]


def test_a_list_of_links_is_not_quoted_and_a_later_sentence_is():
    text = ("**In the sources** 1571 mentions in [First report](../sources/a.md) · [Second](../sources/b.md)"
            " · [Third](../sources/c.md) · [Fourth](../sources/d.md) · [Fifth](../sources/e.md) · 3 events\n\n"
            "> The talks in Doha went on.\n>\n> — [Second, sentence 4](../sources/b.md#s4)\n")
    links = dict(page_links("actors/x.md", text))
    assert links["sources/a.md"] == ""                 # only in the list: named, not quoted
    assert links["sources/b.md"] == "— Second, sentence 4"
    # The count in the list can change without changing what the linked pages show.
    assert dict(page_links("actors/x.md", text.replace("1571", "1572"))) == links


def test_prose_that_names_many_pages_is_still_quoted():
    line = ("On Monday [Ann Lee](a.md) told [Bo Chen](b.md), [Cy Diaz](c.md), [Ed Fox](e.md) and [Di Eng](d.md) "
            "that the "
            "ceasefire agreed in Doha last week would hold until the prisoners were released.")
    links = dict(page_links("actors/x.md", line + "\n"))
    assert links["actors/c.md"].startswith("On Monday Ann Lee told Bo Chen, Cy Diaz, Ed Fox and Di Eng")


def test_names_joined_by_commas_are_prose_and_links_to_the_page_itself_do_not_count():
    prose = "Ministers from [A](a.md), [B](b.md), [C](c.md), [D](d.md) and [E](e.md) signed the accord.\n"
    assert dict(page_links("actors/x.md", prose))["actors/e.md"].startswith("Ministers from A, B, C, D and E")
    selfish = "[X](x.md) · [X](x.md) · [X](x.md) · [X](x.md) · [B](b.md) · [B](b.md#s2)\n"
    assert dict(page_links("actors/x.md", selfish))["actors/b.md"] == "X · X · X · X · B · B"


def test_the_quoted_line_reads_as_on_the_page():
    line = (r"- **2020** [Ann \*Lee\*](ann-lee.md) met <span>[Bo](bo-chen.md)</span> &amp; co"
            r" \| in [Doha](../places/doha.md)")
    links = dict(page_links("actors/x.md", line + "\n"))
    assert set(links) == {"actors/ann-lee.md", "actors/bo-chen.md", "places/doha.md"}
    assert set(links.values()) == {"Ann *Lee* met Bo & co in Doha"}  # list mark and date left out


def test_four_links_in_a_row_are_still_a_line_and_five_a_list():
    four = " · ".join(f"[P{i}](p{i}.md)" for i in range(4))
    five = " · ".join(f"[P{i}](p{i}.md)" for i in range(5))
    assert dict(page_links("actors/x.md", f"With {four}\n"))["actors/p0.md"] == "With P0 · P1 · P2 · P3"
    assert dict(page_links("actors/x.md", f"With {five}\n"))["actors/p0.md"] == ""


_backlink_pieces = st.sampled_from([
    "<!-- briefing:begin backlinks -->\n", "<!-- briefing:begin backlinks -->", "<!-- briefing:end backlinks -->",
    "<!-- briefing:end backlinks 0123456789ab -->", "<!-- briefing:end backlinks>", "<!-- briefing:end backlinks-->",
    "- [A](a.md)\n", "--", ">", "-->", "text\n", "\n"])


@settings(derandomize=True, max_examples=500, deadline=None)
@given(pieces=st.lists(_backlink_pieces, max_size=12))
def test_the_backlinks_region_is_left_out_as_the_pattern_leaves_it_out(pieces):
    """Found by plain search on every page of a build, the region left out of a page's links
    must be the very text the pattern matches, broken marks and all."""
    text = "".join(pieces)
    assert without_backlinks(text) == _BACKLINK_REGION.sub("", text)


def test_a_citation_in_brackets_is_left_out_of_the_quoted_line():
    """"named together in 1 sentence (quote)": the bracketed citation is a link to a sentence,
    and without its link it reads as leftover words."""
    text = ("- [Bo Chen](bo-chen.md): named together in 2 sentences ([quote](../sources/a.md#s3))\n"
            "- **Roles** envoy ([2020-03-23 · Report, sentence 4](../sources/a.md#s4)) in Doha\n")
    links = dict(page_links("actors/ann-lee.md", text))
    assert links["actors/bo-chen.md"] == "Bo Chen: named together in 2 sentences"
    # A citation alone in a cell of a table goes as well.
    row = "| 2020-03-23 | [Talks in Doha](../events/talks.md) | [quote](../sources/a.md#s1) |\n"
    assert dict(page_links("actors/x.md", row))["events/talks.md"] == "Talks in Doha"
    # A link to a sentence written into prose is words of the line, and stays.
    prose = "As [the report says](../sources/a.md#s3), [Bo Chen](bo-chen.md) left.\n"
    assert dict(page_links("actors/x.md", prose))["actors/bo-chen.md"] == "As the report says, Bo Chen left."


def test_a_page_linked_from_thousands_lists_a_bounded_number_and_counts_the_rest():
    from generator.write import backlinks

    links = [(f"sources/s{n:04d}.md", "") for n in range(backlinks.MAX_BACKLINKS + 50)]
    links += [("events/a-meeting.md", "Ghani met Khalilzad.")]
    titles = {path: path.rsplit("/", 1)[1][:-3] for path, _ in links}
    text = backlinks.render_backlinks("actors/ghani.md", links, titles)
    listed = [line for line in text.splitlines() if line.startswith("- [")]
    assert len(listed) == backlinks.MAX_BACKLINKS
    assert any("../events/a-meeting.md" in line for line in listed)     # an event before sources
    assert "…and 51 more pages link here." in text


def test_a_quoted_line_loses_its_emphasis_but_keeps_a_written_star():
    text = ("- [Chile signs the accord](../events/a.md) · *planned*\n\n"
            "A **bold** claim, rated 4\\* by [Peru](../actors/peru.md).\n")
    quoted = dict(page_links("actors/x.md", text))
    assert quoted["events/a.md"] == "Chile signs the accord · planned"
    assert quoted["actors/peru.md"] == "A bold claim, rated 4* by Peru."
