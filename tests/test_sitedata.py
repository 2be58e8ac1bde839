"""The data of the graph view and the timeline's axis, made from the knowledge graph."""

from __future__ import annotations

import json

from generator.model import Actor, Agreement, Event, Graph, Participant, Quote, Role
from generator.render.sitedata import network, site_data, storylines, timeline_data, write_site_data


def _event(id_, date, actors, source="a", agreements=(), status=None, title=None, precision="day"):
    return Event(id=id_, title=title or id_, date=date, precision=precision if date else None, date_text=None,
                 participants=tuple(Participant(a, "agent") for a in actors), place=None,
                 quotes=(Quote(source, 1, "..."),), agreements=agreements, status=status)


def _graph(events=(), actors=None, agreements=()) -> Graph:
    names = {"ann": "Ann Lee", "bo": "Bo Chen", "council": "National Security Council", "cy": "Cy Diaz"}
    if actors is None:
        actors = tuple(Actor(id=a, name=n, type="person", sources=("a",)) for a, n in names.items())
    return Graph(sources=(), actors=actors, events=tuple(events), agreements=tuple(agreements))


def _edges(net) -> dict:
    return {(e["s"], e["t"]): (e["rel"], e["w"]) for e in net["edges"]}


def test_sitedata_edges_are_typed_where_the_graph_knows_how_and_weighted_by_sources():
    deal = Agreement(id="deal", name="Doha deal", kind="agreement", parties=("ann", "bo"), date=None,
                     precision=None, date_text=None, place=None, quotes=(Quote("a", 1, "."), Quote("b", 2, ".")))
    spokesman = Actor(id="cy", name="Cy Diaz", type="person", sources=("c",),
                      roles=(Role("spokesman for the National Security Council", Quote("c", 3, "...")),))
    actors = _graph().actors[:3] + (spokesman,)
    events = [_event("talks", "2020-03-01", ["ann", "bo"], "a", title="Ann Lee meets Bo Chen"),
              _event("signing", "2020-03-02", ["ann", "bo"], "b", agreements=("deal",), status="signed"),
              _event("visit", "2020-03-03", ["ann", "council"], "c")]
    edges = _edges(network(_graph(events, actors, [deal])))
    assert edges[("a:ann", "a:bo")] == ("signed with", 2)        # the most telling of two events
    assert edges[("a:ann", "g:deal")] == ("party to", 2) and edges[("a:bo", "g:deal")] == ("party to", 2)
    assert edges[("a:ann", "a:council")] == ("in events with", 1)
    assert edges[("a:cy", "a:council")] == ("spokesman for", 1)   # read from the person to the council


def test_sitedata_a_hidden_actor_is_no_node_and_no_name():
    actors = tuple(a if a.id != "bo" else Actor(id="bo", name="Bo Chen", type="person", page="")
                   for a in _graph().actors)
    graph = _graph([_event("talks", "2020-03-01", ["ann", "bo", "cy"])], actors)
    assert "Bo Chen" not in json.dumps(site_data(graph))
    assert {e["s"] for e in network(graph)["edges"]} | {e["t"] for e in network(graph)["edges"]} == {"a:ann", "a:cy"}


def test_sitedata_storylines_join_events_of_one_agreement_or_one_pair_of_actors():
    events = [_event("one", "2020-01-01", ["ann", "bo"]), _event("two", "2020-05-01", ["ann", "bo", "cy"]),
              _event("three", "2020-02-01", ["cy"], agreements=("deal",)),
              _event("four", "2021-01-01", ["council"], agreements=("deal",)),
              _event("five", "2020-03-01", ["ann"])]
    lines = storylines(_graph(events))
    assert lines["one"] == lines["two"] and lines["three"] == lines["four"]
    assert len({lines["one"], lines["three"], lines["five"]}) == 3


def test_sitedata_timeline_is_one_file_a_year_with_precision_page_and_quote():
    events = [_event("old", "2019", ["ann"], precision="year"), _event("new", "2020-03-01", ["ann", "bo"]),
              _event("undated", None, ["ann"])]
    files = timeline_data(_graph(events))
    assert sorted(files) == ["2019.json", "2020.json", "index.json"]
    assert files["index.json"]["years"] == ["2019", "2020"] and files["index.json"]["count"] == 2
    old = files["2019.json"]["events"][0]
    assert (old["d"], old["p"], old["u"], old["q"]) == ("2019", "year", "events/old/", "sources/a/#s1")
    assert files["index.json"]["actors"]["ann"] == ["Ann Lee", "actors/ann/"]


def test_sitedata_a_year_that_left_the_timeline_leaves_its_file(tmp_path):
    write_site_data(tmp_path, _graph([_event("old", "2019-01-01", ["ann"]), _event("new", "2020-01-01", ["ann"])]))
    assert (tmp_path / "assets/briefing/timeline/2019.json").exists()
    touched = write_site_data(tmp_path, _graph([_event("new", "2020-01-01", ["ann"])]))
    assert not (tmp_path / "assets/briefing/timeline/2019.json").exists()
    assert "assets/briefing/timeline/2019.json" in touched
    assert write_site_data(tmp_path, _graph([_event("new", "2020-01-01", ["ann"])])) == []   # same bytes


def test_sitedata_json_cannot_close_a_script_or_open_markup():
    actors = (Actor(id="x", name="</script><img src=x onerror=alert(1)>", type="person"),
              Actor(id="y", name="Y & Z", type="person"))
    text = "".join(site_data(_graph([_event("e", "2020-01-01", ["x", "y"])], actors)).values())
    assert "<" not in text and ">" not in text and "&" not in text


def test_sitedata_the_timeline_chart_shows_empty_months_as_gaps():
    from generator.render.renderer import Renderer

    events = [_event("jan", "2020-01-05", ["ann"]), _event("apr", "2020-04-05", ["ann"])]
    renderer = Renderer(_graph(events))
    bars = renderer.chart_periods(renderer.by_month(events))
    assert bars == [("2020-01", 1, "2020-01"), ("2020-02", 0, None), ("2020-03", 0, None), ("2020-04", 1, "2020-04")]
    decades = [_event("a", "1990-01-05", ["ann"]), _event("b", "2020-04-05", ["ann"])]
    bars = renderer.chart_periods(renderer.by_month(decades))
    assert len(bars) == 31 and bars[1] == ("1991", 0, None)      # by year over a long span
