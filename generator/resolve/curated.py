"""The resolve stage as a build runs it: the graph of the sources with the readers' curation
applied, and each entity placed on its page (hidden, or moved by a human).

Pure: the pages, the curation read from them, the last build's export and the titles the
generator last wrote all come in as data.
"""

from __future__ import annotations

from dataclasses import replace

from generator.config import Settings
from generator.exceptions import Problem
from generator.model import Graph
from generator.read.curation import Curation, read_curation, renamed_actor_pages
from generator.read.frontmatter import hidden
from generator.read.markers import page_stamp, touched
from generator.read.pages import page_path
from .continuity import follow_new_ids
from .corrections import apply_corrections, entity_corrections
from .graph import repaged, resolve

PLACED = {"actor": "actors", "event": "events", "agreement": "agreements"}


def curated_graph(settings: Settings, sources, facts, curated: dict[str, dict], pages: dict[str, str],
                  curation: Curation | None, last: dict | None,
                  written: dict[str, str]) -> tuple[Graph, list[Problem], dict[str, str]]:
    """The graph of the sources with the readers' curation: the actors' (mkdocs.yml, actor
    pages), then the corrections of events and agreements, applied to the graph so that every
    page, the export and What's new have them. Returns the graph, the problems with the
    corrections, and what a human merged away (page id -> page id). `last`: the last build's
    export, where a corrected page's entity is looked for when it has a new id now; `written`:
    the titles the generator last wrote (`corrections.read_written_titles`)."""
    curation = curation or read_curation(settings, curated, pages)
    graph = resolve(sources, facts, curation)
    names = {a.id: a.name for a in graph.actors}
    if renamed_actor_pages(pages, names, curated):
        # Curation on a page a human renamed belongs to the actor the page is for: key it by
        # that actor's name, which only a first resolution can tell.
        curation = read_curation(settings, curated, pages, names)
        graph = resolve(sources, facts, curation)
    corrections = follow_new_ids(entity_corrections(curated, pages), graph, last)
    graph, problems, merged = apply_corrections(graph, corrections, written)
    # A correction may name an actor said once ("place: Valparaiso"): it then needs its page.
    return repaged(graph, curation) if corrections else graph, problems, merged


def usual_pages(graph: Graph) -> set[str]:
    """Where the pages of the graph's entities are when no human moved them."""
    return {page_path(kind, item.id) for kind, attr in PLACED.items() for item in getattr(graph, attr)}


def hidden_pages(graph: Graph) -> set[str]:
    """The page ids of the entities a human hid (no page; a minor actor has none by rule)."""
    return {f"{kind}/{item.id}" for kind, attr in PLACED.items() for item in getattr(graph, attr)
            if item.page == "" and not getattr(item, "minor", False)}


def place_pages(graph: Graph, pages: dict[str, str], curated: dict[str, dict],
                clean: set[str] = frozenset()) -> tuple[Graph, dict[str, str]]:
    """Where each entity's page is: events and agreements a human hid (`hide: true`) have none
    (actors are hidden by name, in resolution); a page a human moved (renamed) is followed by
    the stamp in its front matter, and its new path is the page's from then on. `clean`: pages
    not read, as the generator wrote them (at the path of the entity they are for).
    Returns the graph so placed, and the pages left alone because another file claims the same
    entity (path -> the other file)."""
    claims: dict[str, list[str]] = {}
    for path, text in sorted(pages.items()):
        stamped = page_stamp(text)
        if stamped is not None and stamped[0].partition("/")[0] in PLACED:
            claims.setdefault(stamped[0], []).append(path)
    hid = {page_stamp(pages[p])[0] for p, meta in curated.items()
           if hidden(meta) and p in pages and page_stamp(pages[p]) is not None}
    twins: dict[str, str] = {}
    changes = {}
    for kind, attr in PLACED.items():
        items = []
        for item in getattr(graph, attr):
            page_id, usual = f"{kind}/{item.id}", page_path(kind, item.id)
            paths = claims.get(page_id, [])
            if usual in clean and usual not in paths:
                paths = [usual, *paths]
            page = item.page
            if page_id in hid:
                page = ""
            elif getattr(item, "minor", False) and paths and (
                    usual not in paths or any(touched(pages[p]) for p in paths if p in pages)):
                page = None if usual in paths else paths[0]   # no page needed, but a human moved or wrote on it
            elif page != "" and paths and usual not in paths:
                page = paths[0]         # moved: the first of the files that claim it, by path
            keeper = usual if usual in paths else paths[0] if paths else None
            for other in paths:
                if other != keeper:
                    twins[other] = keeper
            items.append(item if page == item.page else replace(item, page=page))
        changes[attr] = tuple(items)
    return replace(graph, **changes), twins
