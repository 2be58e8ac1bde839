"""The wiki's pages as a human left them: where an entity's page is, and reading content/.

Only `read_pages` touches the disk. The stamp a page carries (`markers.page_stamp`) says which
entity the generator wrote it for, wherever a human moved it since.
"""

from __future__ import annotations

import re

from pathlib import Path

from generator.atomic import as_read
from generator.incremental.record import listing
from .frontmatter import page_kind
from .markers import page_stamp

SECTIONS = {"actor": "actors", "event": "events", "agreement": "agreements", "source": "sources"}
# The pages that list others (home, timeline, sections) rather than stand for one entity.
LISTING_PAGES = frozenset({"index.md", "timeline.md", "graph.md", "whats-new.md", "actors/index.md",
                           "events/index.md", "agreements/index.md", "sources/index.md"})
# The folders that hold the parts of a split listing: not entity pages, and (as listings) left
# out of backlinks and of search.
PARTS = {"timeline": "timeline", "event": "events/by-date", "source": "sources/by-date",
         "actor": "actors/by-name", "agreement": "agreements/by-name"}
# The long lists of an entity page that go on to subpages ("actors/<id>/timeline-2.md").
MORE_LISTS = ("timeline", "sources", "quotes", "agreements", "roles")
_LISTING_FOLDERS = tuple(f"{folder}/" for folder in PARTS.values())
_MORE = re.compile(rf"(actors|events|agreements)/[^/]+/({'|'.join(MORE_LISTS)})(-\d+)?\.md")


def is_listing(path: str) -> bool:
    """A page that lists others (home, timeline, sections, their parts, an entity's subpages)."""
    return path in LISTING_PAGES or path.startswith(_LISTING_FOLDERS) or _MORE.fullmatch(path) is not None


def page_path(kind: str, item_id: str) -> str:
    return f"{SECTIONS[kind]}/{item_id}.md"


def entity_page(kind: str, item) -> str | None:
    """The path of an entity's page: where a human moved it, else the usual one; None when a
    human hid it (no page)."""
    moved = getattr(item, "page", None)
    if moved is None:
        return page_path(kind, item.id)
    return moved or None


def read_pages(content: Path, skip: set[str] = frozenset(), files: dict | None = None) -> dict[str, str]:
    """Every Markdown page under content/ (or among `files` there), by path relative to it,
    but those in `skip`."""
    pages = {}
    for rel in sorted(listing(content) if files is None else files):
        if not rel.endswith(".md") or rel in skip:
            continue
        try:
            # Bytes as they are (no newline translation), so text outside regions stays exact;
            # a page saved with CRLF throughout is read as LF and written back with CRLF, one
            # saved with a byte-order mark is read without it and written back with it.
            pages[rel] = as_read((content / rel).read_bytes())
        except (OSError, UnicodeDecodeError):
            continue
    return pages


def actor_id(text: str) -> str | None:
    """The actor a page was generated for, from its stamp."""
    stamped = page_stamp(text)
    return stamped[0].removeprefix("actor/") if stamped and stamped[0].startswith("actor/") else None


def is_actor_page(path: str, text: str) -> bool:
    return (path.startswith("actors/") and path.count("/") == 1 and path != "actors/index.md") \
        or actor_id(text) is not None


def kind_of_page(path: str, text: str) -> str | None:
    """Which kind of entity a page is for (actor, event, agreement), by its stamp or its folder."""
    stamped = page_stamp(text)
    return "actor" if is_actor_page(path, text) else page_kind(path, stamped[0] if stamped else None)
