"""`briefing export`: the knowledge graph as JSON, schema `briefing-graph/1` (see DESIGN.md)."""

from __future__ import annotations

import json

from .model import Graph
from .render import page_path

SCHEMA = "briefing-graph/1"


def graph_to_dict(graph: Graph) -> dict:
    return {
        "schema": SCHEMA,
        "sources": [{"id": s.id, "path": s.path, "title": s.title, "date": s.date, "sha256": s.sha256}
                    for s in graph.sources],
        "actors": [{"id": a.id, "name": a.name, "type": a.type, "aliases": list(a.aliases),
                    "roles": [r.title for r in a.roles], "page": page_path("actor", a.id),
                    "mentions": a.mentions, "sources": list(a.sources)}
                   for a in graph.actors],
        "events": [{"id": e.id, "title": e.title, "date": e.date, "date_precision": e.precision,
                    "date_text": e.date_text, "actors": list(e.actors), "place": e.place,
                    "agreements": list(e.agreements), "status": e.status,
                    "quotes": [{"source": q.source, "text": q.text} for q in e.quotes],
                    "page": page_path("event", e.id)}
                   for e in graph.events],
        "agreements": [{"id": a.id, "name": a.name, "kind": a.kind, "aliases": list(a.aliases),
                        "parties": list(a.parties), "date": a.date, "place": a.place,
                        "terms": [{"text": t.text, "source": t.quote.source} for t in a.terms],
                        "events": list(a.events), "part_of": a.part_of,
                        "status": a.status, "status_since": a.status_since,
                        "lifecycle": [{"status": t.status, "date": t.date, "date_text": t.date_text,
                                       "source": t.quote.source, "sentence": t.quote.sent}
                                      for t in a.lifecycle],
                        "page": page_path("agreement", a.id)}
                       for a in graph.agreements],
    }


def to_json(graph: Graph) -> str:
    return json.dumps(graph_to_dict(graph), sort_keys=True, ensure_ascii=False, indent=2) + "\n"
