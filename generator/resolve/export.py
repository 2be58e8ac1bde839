"""`briefing export`: the knowledge graph as JSON, schema `briefing-graph/2` (see DESIGN.md)."""

from __future__ import annotations

import json

from generator.model import Graph
from generator.read.pages import entity_page

SCHEMA = "briefing-graph/2"


def graph_to_dict(graph: Graph) -> dict:
    return {
        "schema": SCHEMA,
        "sources": [{"id": s.id, "path": s.path, "title": s.title, "date": s.date, "sha256": s.sha256,
                     "copy_of": s.copy_of}
                    for s in graph.sources],
        "actors": [{"id": a.id, "name": a.name, "type": a.type, "aliases": list(a.aliases),
                    "roles": [r.title for r in a.roles], "page": entity_page("actor", a),
                    "mentions": a.mentions, "sources": list(a.sources)}
                   for a in graph.actors],
        "events": [{"id": e.id, "title": e.title, "date": e.date, "date_precision": e.precision,
                    "date_text": e.date_text, "actors": list(e.actors), "place": e.place,
                    "agreements": list(e.agreements), "status": e.status,
                    "modality": e.modality, "attribution": list(e.attribution), "date_basis": e.date_basis,
                    "quotes": [{"source": q.source, "text": q.text} for q in e.quotes],
                    "disagreements": [{"kind": d.kind, "value": d.value, "words": d.words, "source": d.quote.source}
                                      for d in e.disagreements],
                    "page": entity_page("event", e) if paged else None,
                    "summary": e.summary, "corrected": _corrected(e)}
                   for e, paged in sorted([(e, True) for e in graph.events]
                                          + [(e, False) for e in graph.statements],
                                          key=lambda pair: (pair[0].date or "9999", pair[0].id))],
        "agreements": [{"id": a.id, "name": a.name, "kind": a.kind, "aliases": list(a.aliases),
                        "parties": list(a.parties), "date": a.date, "place": a.place,
                        "terms": [{"text": t.text, "source": t.quote.source} for t in a.terms],
                        "events": list(a.events), "part_of": a.part_of,
                        "status": a.status, "status_since": a.status_since,
                        "lifecycle": [{"status": t.status, "date": t.date, "date_text": t.date_text,
                                       "source": t.quote.source, "sentence": t.quote.sent}
                                      for t in a.lifecycle],
                        "page": entity_page("agreement", a),
                        "summary": a.summary, "corrected": _corrected(a)}
                       for a in graph.agreements],
    }


def _corrected(item) -> dict:
    """What the sources say of each fact a human corrected: key -> value, as the export gives
    the fact (a date as an ISO string, a place and parties as actor ids)."""
    return {key: list(value) if isinstance(value, tuple) else value for key, value in item.corrected}


def to_json(graph: Graph) -> str:
    return json.dumps(graph_to_dict(graph), sort_keys=True, ensure_ascii=False, indent=2) + "\n"
