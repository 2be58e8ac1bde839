"""Which entity of the last build an entity of this one is, when its id changed: merged by a
human, an actor whose name is now another's alias, or one retitled by the sources (a new slug).

Redirects follow it (`render.redirects`), and so do the corrections a human made on a page
whose entity now has another id (`follow_new_ids`). Pure: it compares exports (`graph_to_dict`).
"""

from __future__ import annotations

from generator.model import Graph
from generator.read.curation import name_key
from .corrections import PageCorrection
from .export import graph_to_dict


def paged(export: dict, kind: str) -> dict[str, dict]:
    return {r["id"]: r for r in export.get(kind, []) if isinstance(r, dict) and isinstance(r.get("id"), str)
            and isinstance(r.get("page"), str)}


def _label(record: dict) -> str:
    return str(record.get("name") or record.get("title") or "")


def survivor(kind: str, entity_id: str, record: dict, merged: dict[str, str], now: dict[str, dict],
             fresh: list[dict]) -> dict | None:
    """What became of an entity of the last export (`record`) that this build has not under its
    id: the one a human merged it into, an actor that has its name as an alias, or the one new
    entity with its name, or (an event) its quotes. None when that is not one entity."""
    into = merged.get(f"{kind}/{entity_id}")
    if into is not None:
        return now.get(into.partition("/")[2])
    key = name_key(_label(record))
    if kind == "actor":
        for other in now.values():
            if key in {name_key(a) for a in other.get("aliases", []) if isinstance(a, str)}:
                return other
    same = [r for r in fresh if name_key(_label(r)) == key]
    if len(same) == 1:
        return same[0]
    if kind == "event":
        told = {(q.get("source"), q.get("text")) for q in record.get("quotes", []) if isinstance(q, dict)}
        sharing = [r for r in fresh if told & {(q.get("source"), q.get("text")) for q in r.get("quotes", [])}]
        if len(sharing) == 1:
            return sharing[0]
    return None


def follow_new_ids(corrections: dict[str, PageCorrection], graph: Graph,
                   last: dict | None) -> dict[str, PageCorrection]:
    """The corrections of pages whose entity this build knows under another id (new sources
    gave it another date or title, so another slug), keyed by the new id, found as a redirect
    finds where a page went (`survivor`): the human's correction keeps applying."""
    known = {f"event/{e.id}" for e in graph.events} | {f"agreement/{a.id}" for a in graph.agreements}
    lost = [page_id for page_id in corrections if page_id not in known]
    if not lost or not last:
        return corrections
    current = graph_to_dict(graph)
    followed = dict(corrections)
    for page_id in lost:
        kind, _, entity_id = page_id.partition("/")
        before = paged(last, kind + "s")
        now = {r["id"]: r for r in current[kind + "s"]}
        fresh = [r for i, r in now.items() if i not in before and r.get("page")]
        record = before.get(entity_id)
        target = survivor(kind, entity_id, record, {}, now, fresh) if record else None
        if target is not None and f"{kind}/{target['id']}" not in followed:
            followed[f"{kind}/{target['id']}"] = followed.pop(page_id)
    return followed
