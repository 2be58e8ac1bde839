"""Timelines as a reader meets them: in date order, every entry linking to its event and to
the sentence it came from, and no event dated from a duration."""

from __future__ import annotations

import re

import pytest

from generator.generate import generate
from generator.resolve.export import graph_to_dict

pytestmark = pytest.mark.slow

HARBOUR = """date 2022-09-14 Union leader António Mariano called off the dockers' strike on Monday, the Port of Lisbon said.

Mariano led the walkout in early August. Mayor Carlos Moedas met Mariano on 3 September 2022.

Moedas will rebuild the quay within 18 months. Moedas visited the harbour in July 2022.
"""

ENTRY = re.compile(r"^- \*\*(?P<date>[\d-]+)\*\* \[(?P<title>[^\]]+)\]\((?P<event>events/[^)]+)\)"
                   r".* · \[quote\]\((?P<quote>sources/[^)#]+\.md#s\d+)\)$")


@pytest.fixture
def harbour(tmp_path, settings_for):
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - briefing:\n      sources: seeds\n")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "harbour.txt").write_text(HARBOUR)
    graph = graph_to_dict(generate(settings_for(tmp_path)).graph)
    return tmp_path / "content", graph


def test_timeline_entries_are_in_date_order_and_link_event_and_quote(harbour):
    content, graph = harbour
    lines = [line for line in (content / "timeline.md").read_text().splitlines() if line.startswith("- **")]
    entries = [ENTRY.match(line) for line in lines]
    assert entries and all(entries), lines
    dates = [e["date"] for e in entries]
    assert dates == sorted(dates)
    for entry in entries:
        assert (content / entry["event"]).is_file()
        source, anchor = entry["quote"].split("#")
        assert f'id="{anchor}"' in (content / source).read_text()
    # Dates as the text gives them: a weekday, a month with its qualifier, a full date, a month.
    assert dates == ["2022-07", "2022-08", "2022-09-03", "2022-09-12"]


def test_timeline_chart_links_each_month_to_its_heading(harbour):
    content, _ = harbour
    text = (content / "timeline.md").read_text()
    months = re.findall(r'class="bw-bar" href="#([\d-]+)" style="--n: (\d+)"', text)
    assert months
    for month, count in months:
        assert f"{{: #{month} }}" in text
        section = text.split(f"{{: #{month} }}")[1].split("\n## ")[0]
        assert section.count("- **") == int(count)


def test_no_event_is_dated_from_a_duration(harbour):
    _, graph = harbour
    rebuild = [e for e in graph["events"] if "quay" in e["title"]]
    assert rebuild and all(e["date"] is None for e in rebuild)
    assert all(e["date_text"] is None or "within" not in e["date_text"] for e in graph["events"])


def test_actor_page_has_its_own_timeline(harbour):
    content, graph = harbour
    moedas = next(a for a in graph["actors"] if a["name"] == "Carlos Moedas")
    page = (content / moedas["page"]).read_text()
    dated = [e for e in graph["events"] if moedas["id"] in e["actors"] and e["date"]]
    assert dated
    positions = [page.index(e["id"]) for e in sorted(dated, key=lambda e: e["date"])]
    assert positions == sorted(positions)
