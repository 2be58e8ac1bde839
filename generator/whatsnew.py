"""The "What's new" page: what the last change to the sources brought, for readers and for CI.

Two exports are kept in `content/.briefing/`: `graph.json`, the graph as of the last build, and
`previous.json`, the graph before the last change. The page is the difference between them, so
it reads no clock and a build that changes nothing leaves it, and both files, as they are.
`changes` is pure; `WhatsNew` reads and writes the two files.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .export import SCHEMA, graph_to_dict
from .merge import write_if_changed
from .model import Graph
from .render import Page, Renderer

STATE = ".briefing"
KINDS = ("sources", "actors", "events", "agreements")
MAX_LISTED = 100          # per list: the section pages hold everything


@dataclass(frozen=True)
class Item:
    kind: str              # "source", "actor", "event", "agreement"
    id: str
    label: str             # name or title, as the export gives it
    date: str | None = None
    note: str | None = None  # an actor's type, a source's date, an agreement's kind


@dataclass
class Changes:
    first_build: bool = False
    new: dict[str, list[Item]] = field(default_factory=lambda: {k: [] for k in KINDS})
    changed: dict[str, list[Item]] = field(default_factory=lambda: {k: [] for k in KINDS})
    removed: dict[str, list[Item]] = field(default_factory=lambda: {k: [] for k in KINDS})

    def count(self, which: str) -> int:
        return sum(len(v) for v in getattr(self, which).values())

    def summary(self) -> str:
        """One line: "1 new source, 3 new actors; 4 pages changed", naming only what happened."""
        new = [_counted(len(items), f"new {kind.removesuffix('s')}") for kind, items in self.new.items() if items]
        other = [f"{_counted(n, 'page')} changed" for n in [self.count("changed")] if n]
        other += [f"{n} gone" for n in [self.count("removed")] if n]
        return "; ".join(filter(None, [", ".join(new), ", ".join(other)])) or "nothing new"


def _counted(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _item(kind: str, record: dict) -> Item:
    label = record.get("name") or record.get("title") or record["id"]
    note = {"actors": record.get("type"), "sources": record.get("date"),
            "agreements": record.get("kind")}.get(kind)
    return Item(kind.removesuffix("s"), record["id"], str(label), record.get("date"), note)


def _order(item: Item) -> tuple:
    # Events read best in time order (undated last); everything else by name.
    if item.kind == "event":
        return (item.date is None, item.date or "", item.id)
    return (item.label.casefold(), item.id)


def changes(previous: dict | None, current: dict) -> Changes:
    """What `current` adds to, changes in and removes from `previous` (two exports)."""
    if previous is None:
        return Changes(first_build=True)
    found = Changes()
    for kind in KINDS:
        # Only what has a page is listed: an event without one is a quote on other pages.
        before = {r["id"]: r for r in previous.get(kind, []) if r.get("page", "") is not None}
        after = {r["id"]: r for r in current.get(kind, []) if r.get("page", "") is not None}
        found.new[kind] = sorted((_item(kind, r) for i, r in after.items() if i not in before), key=_order)
        found.changed[kind] = sorted((_item(kind, r) for i, r in after.items()
                                      if i in before and before[i] != r), key=_order)
        found.removed[kind] = sorted((_item(kind, r) for i, r in before.items() if i not in after), key=_order)
    return found


class WhatsNew:
    """The kept exports of one content folder, and the page made from them."""

    def __init__(self, content: Path, graph: Graph | None = None):
        """The last build's graph is read at once; the new one is `see`n when there is one (a
        run reads the old while the model still parses what is new)."""
        self.folder = content / STATE
        # No graph.json but a previous.json: a run stopped between turning the one into the
        # other; the previous is then the last build's graph.
        self.last_text = _read(self.folder / "graph.json") or _read(self.folder / "previous.json")
        self.last = _parse(self.last_text)
        if graph is not None:
            self.see(graph)

    def see(self, graph: Graph) -> None:
        self.current = graph_to_dict(graph)     # as JSON would read back: lists, dicts, strings
        # Unchanged since the last build: keep comparing with what came before the last change.
        self.changed = self.last != self.current
        self.previous = self.last if self.changed else _parse(_read(self.folder / "previous.json"))

    def spec(self) -> tuple[str, str, str, Callable[[], dict]]:
        """The page as `Renderer.specs` gives the others."""
        return ("whatsnew.md.j2", "whats-new.md", "whatsnew/whats-new",
                lambda: dict(changes=changes(self.previous, self.current), limit=MAX_LISTED))

    def last_change(self) -> Changes:
        """What the last change brought, as the page lists it (for the home page)."""
        return changes(self.previous, self.current)

    def page(self, renderer: Renderer) -> Page:
        template, path, page_id, context = self.spec()
        return renderer.render(template, path, page_id, **context())

    def save(self) -> None:
        """Record this build's graph; the one it replaces becomes the previous one."""
        if not self.changed:
            return
        if self.previous is not None:
            try:            # the last build's file becomes the previous one as it is: a rename
                os.replace(self.folder / "graph.json", self.folder / "previous.json")
            except FileNotFoundError:
                write_if_changed(self.folder / "previous.json", self.last_text)
        else:
            (self.folder / "previous.json").unlink(missing_ok=True)
        write_if_changed(self.folder / "graph.json", state_json(self.current))


def state_json(data: dict) -> str:
    """An export as JSON, one entity to a line: the C encoder writes it (an indented dump goes
    through the pure-Python one, ten times slower) and a change still reads as a diff of lines."""
    def dump(value) -> str:
        return json.dumps(value, sort_keys=True, ensure_ascii=False)

    fields = []
    for key in sorted(data):
        value = data[key]
        if isinstance(value, list) and value:
            value = "[\n    " + ",\n    ".join(map(dump, value)) + "\n  ]"
        else:
            value = dump(value)
        fields.append(f"  {dump(key)}: {value}")
    return "{\n" + ",\n".join(fields) + "\n}\n"


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _parse(text: str) -> dict | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None        # none yet, or broken by hand: this build starts the record afresh
    return data if isinstance(data, dict) and data.get("schema") == SCHEMA and _well_formed(data) else None


def _well_formed(data: dict) -> bool:
    """Whether an export read back has the shape `changes` relies on: every kind a list of
    records, each with a text id, label and date. One edited into another shape by hand is
    as good as none (this build then starts the record afresh), never a crash."""
    for kind in KINDS:
        records = data.get(kind, [])
        if not isinstance(records, list):
            return False
        for record in records:
            if not (isinstance(record, dict) and isinstance(record.get("id"), str)
                    and all(isinstance(record.get(key), (str, type(None)))
                            for key in ("name", "title", "date", "type", "kind"))):
                return False
    return True
