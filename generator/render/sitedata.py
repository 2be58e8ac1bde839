"""Data the site's reading tools draw from, written beside the pages as compact JSON: the network
of actors and agreements (the graph view) and the dated events (the timeline's axis), one file
per year. Made from the knowledge graph by pure functions; only `write_site_data` touches disk.

What an entity a human hid (`hide: true`) says stays out, as its page does: no node, no name.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from generator.atomic import write_if_changed
from generator.model import Graph
from .listings import timeline_parts

FOLDER = "assets/briefing"          # under the content folder, so MkDocs and Zensical copy it
# The most specific thing events say two actors did together, most specific first.
_EVENT_RELATIONS = ("signed with", "met", "in events with")
_MEETING = re.compile(r"\b(meets?|met|talks?|hold talks|confer|confers)\b", re.I)
_PREPOSITION = re.compile(r"\s(for|of|to|at)\s")
_WORD = re.compile(r"\w+")


def _url(path: str | None) -> str | None:
    """The site address of a page (directory URLs): "actors/taliban.md" -> "actors/taliban/"."""
    if not path:
        return None
    path = path.removesuffix(".md")
    return "" if path == "index" else (path.removesuffix("/index") + "/" if path.endswith("/index") else path + "/")


def _page(kind: str, item) -> str | None:
    moved = getattr(item, "page", None)
    if moved is None:
        return f"{kind}s/{item.id}.md"
    return moved or None


def _role_relation(title: str, name: str) -> str:
    """"spokesman for the National Security Council" with the council's name: "spokesman for";
    "Taliban spokesman": "spokesman for"."""
    rest = " ".join(title.replace(name, " ").split())
    found = _PREPOSITION.search(f" {rest} ")
    if found:
        return rest[:found.end() - 2].strip()
    rest = re.sub(r"\b(the|a|an)$", "", rest).strip()
    return f"{rest} for" if rest else "works for"


def network(graph: Graph) -> dict:
    """Nodes (actors and agreements with a page) and typed edges between them, each weighted
    by the number of sources that support it."""
    actors = {a.id: a for a in graph.actors if _page("actor", a)}
    agreements = {a.id: a for a in graph.agreements if _page("agreement", a)}
    nodes = []
    for a in sorted(actors.values(), key=lambda a: a.id):
        nodes.append({"id": f"a:{a.id}", "label": a.name, "kind": "actor", "type": a.type,
                      "url": _url(_page("actor", a)), "w": len(a.sources)})
    for g in sorted(agreements.values(), key=lambda a: a.id):
        nodes.append({"id": f"g:{g.id}", "label": g.name, "kind": "agreement", "type": g.kind,
                      "url": _url(_page("agreement", g)), "w": len({q.source for q in g.quotes}),
                      "status": g.status})
    edges: dict[tuple[str, str], dict] = {}

    def add(one: str, other: str, relation: str, sources) -> None:
        key = (one, other) if one < other else (other, one)
        edge = edges.setdefault(key, {"rel": relation, "src": set(), "ends": key})
        if relation in _EVENT_RELATIONS and edge["rel"] in _EVENT_RELATIONS:
            edge["rel"] = min(edge["rel"], relation, key=_EVENT_RELATIONS.index)
        elif relation not in _EVENT_RELATIONS:
            # A role or a party says more than a shared event, and reads one way: from `one`.
            edge["rel"], edge["ends"] = relation, (one, other)
        edge["src"].update(sources)

    for g in agreements.values():
        sources = {q.source for q in g.quotes}
        for party in g.parties:
            if party in actors:
                add(f"a:{party}", f"g:{g.id}", "party to", sources)
    for event in graph.events:
        people = sorted({a for a in event.actors if a in actors})
        if len(people) < 2:
            continue
        relation = "signed with" if event.status == "signed" else \
            "met" if _MEETING.search(event.title) else "in events with"
        sources = {q.source for q in event.quotes}
        for n, one in enumerate(people):
            for other in people[n + 1:]:
                add(f"a:{one}", f"a:{other}", relation, sources)
    names = sorted(((name, a.id) for a in actors.values() for name in (a.name, *a.aliases) if len(name) >= 4),
                   key=lambda pair: (-len(pair[0]), pair))
    # A name written whole in a role has its first word there as a whole word: only the names
    # whose first word the role has are tried, in the order above (longest first).
    by_first: dict[str, list[int]] = defaultdict(list)
    for n, (name, _) in enumerate(names):
        by_first[next(iter(_WORD.findall(name)), "")].append(n)
    for actor in actors.values():
        for role in actor.roles:
            tried = sorted({n for word in {"", *_WORD.findall(role.title)} for n in by_first.get(word, ())})
            for name, other in map(names.__getitem__, tried):
                if other != actor.id and name in role.title \
                        and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", role.title):
                    add(f"a:{actor.id}", f"a:{other}", _role_relation(role.title, name), {role.quote.source})
                    break
    links = [{"s": e["ends"][0], "t": e["ends"][1], "rel": e["rel"], "w": len(e["src"])}
             for _, e in sorted(edges.items())]
    return {"nodes": nodes, "edges": links}


def connections(net: dict) -> list[tuple[dict, str, dict, int]]:
    """The network's edges as (node, relation, node, sources), strongest first: the table that
    says in words what the drawing shows."""
    by_id = {n["id"]: n for n in net["nodes"]}
    rows = [(by_id[e["s"]], e["rel"], by_id[e["t"]], e["w"]) for e in net["edges"]]
    return sorted(rows, key=lambda r: (-r[3], r[0]["label"].casefold(), r[2]["label"].casefold()))


# --- the timeline --------------------------------------------------------------------

def storylines(graph: Graph) -> dict[str, int]:
    """Event id -> storyline number: events join one storyline when they concern the same
    agreement or have the same two actors in them; a storyline is numbered by its size."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    events = [e for e in graph.events if e.date]
    for event in events:
        find(f"e:{event.id}")
        for g in event.agreements:
            union(f"e:{event.id}", f"g:{g}")
        people = sorted(set(event.actors))
        for n, one in enumerate(people):
            for other in people[n + 1:]:
                union(f"e:{event.id}", f"p:{one}|{other}")
    groups: dict[str, list[str]] = defaultdict(list)
    for event in events:
        groups[find(f"e:{event.id}")].append(event.id)
    ordered = sorted(groups.values(), key=lambda ids: (-len(ids), min(ids)))
    return {eid: n for n, ids in enumerate(ordered) for eid in ids}


def _story_name(events, actor_names: dict, agreement_names: dict) -> str:
    deals = Counter(g for e in events for g in e.agreements if g in agreement_names)
    if deals:
        return agreement_names[min(deals, key=lambda g: (-deals[g], g))]
    people = Counter(a for e in events for a in set(e.actors) if a in actor_names)
    top = sorted(people, key=lambda a: (-people[a], a))[:2]
    return " and ".join(actor_names[a] for a in top) or events[0].title


def timeline_data(graph: Graph) -> dict[str, dict]:
    """File name -> content: `index.json` (years, actors, agreements, storylines) and one file a
    year of events, each with its date, precision, title, page, quote, actors and agreements."""
    actors = {a.id: a for a in graph.actors if _page("actor", a)}
    agreements = {g.id: g for g in graph.agreements if _page("agreement", g)}
    events = sorted((e for e in graph.events if e.date), key=lambda e: (e.date, e.id))
    story = storylines(graph)
    by_story: dict[int, list] = defaultdict(list)
    for e in events:
        by_story[story[e.id]].append(e)
    names = {a: actors[a].name for a in actors}
    deal_names = {g: agreements[g].name for g in agreements}
    lines = [{"id": n, "name": _story_name(by_story[n], names, deal_names), "n": len(by_story[n])}
             for n in sorted(by_story) if len(by_story[n]) > 1]
    # Where the timeline is cut into pages, each event says on which ("pg"): that page draws its own.
    part_of = {e.id: p.slug for p in timeline_parts(graph.events) or () for e in p.items}
    years: dict[str, list] = defaultdict(list)
    used_actors, used_deals = set(), set()
    for e in events:
        quote = e.quotes[0]
        item = {"id": e.id, "d": e.date, "p": e.precision, "t": e.title, "u": _url(_page("event", e)),
                "q": f"sources/{quote.source}/#s{quote.sent}", "m": e.modality,
                "a": [a for a in e.actors if a in actors], "g": [g for g in e.agreements if g in agreements],
                "s": story[e.id]}
        if e.id in part_of:
            item["pg"] = part_of[e.id]
        used_actors.update(item["a"])
        used_deals.update(item["g"])
        years[e.date[:4]].append(item)
    files = {f"{year}.json": {"events": items} for year, items in sorted(years.items())}
    files["index.json"] = {
        "years": sorted(years), "count": len(events),
        "actors": {a: [names[a], _url(_page("actor", actors[a]))] for a in sorted(used_actors)},
        "agreements": {g: [deal_names[g], _url(_page("agreement", agreements[g]))] for g in sorted(used_deals)},
        "storylines": lines}
    return files


def _json(value) -> str:
    # Compact, sorted, and safe inside HTML too: no "<", ">" or "&" as themselves.
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def site_data(graph: Graph) -> dict[str, str]:
    """Path under the content folder -> text, for every data file."""
    files = {f"{FOLDER}/graph.json": _json(network(graph))}
    files.update({f"{FOLDER}/timeline/{name}": _json(data) for name, data in timeline_data(graph).items()})
    return files


def write_site_data(content: Path, graph: Graph) -> list[str]:
    """Write the data files whose bytes change, remove those of years no longer in the
    timeline; the paths written or removed."""
    files = site_data(graph)
    touched = [path for path, text in sorted(files.items()) if write_if_changed(content / path, text)]
    folder = content / FOLDER / "timeline"
    if folder.is_dir():
        for old in sorted(folder.glob("*.json")):
            path = f"{FOLDER}/timeline/{old.name}"
            if path not in files:
                old.unlink()
                touched.append(path)
    return touched
