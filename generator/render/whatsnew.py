"""The "What's new" page and its Atom feed: a dated history of what each build changed.

Kept in `content/.briefing/`: `graph.json`, the export of the last build's graph, and
`history.json`, one entry per build that changed a fact, newest first, the last `MAX_ENTRIES`.
An entry is what that build brought, changed and took away (telling a merge by hand, or a page
hidden by hand, from facts whose sources went), dated by the newest source's date and numbered
by a build counter: never by the clock, so a build is the same given the sources, content/ and
that state, and a build that changes nothing leaves the page, the feed and both files as they are.
`changes`, `entry` and `feed` are pure; `WhatsNew` reads and writes the files.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from generator.atomic import write_if_changed
from generator.model import Graph
from generator.read.curation import name_key
from generator.read.slugs import slug
from generator.resolve.export import SCHEMA, graph_to_dict
from .renderer import Page, Renderer

STATE = ".briefing"
KINDS = ("sources", "actors", "events", "agreements")
MAX_LISTED = 100          # per list: the section pages hold everything
MAX_ENTRIES = 100         # builds kept, on the page and in the feed
FEED = "whats-new.xml"


@dataclass(frozen=True)
class Item:
    kind: str              # "source", "actor", "event", "agreement"
    id: str
    label: str             # name or title, as the export gives it
    date: str | None = None
    note: str | None = None  # an actor's type, a source's date, an agreement's kind
    why: str | None = None   # why it went: "merged by hand into", "hidden by hand", "sources gone"...
    into: str | None = None  # the id of what it was merged into, of the same kind


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


def _why_gone(kind: str, item: Item, previous: dict, current: dict, merged: dict[str, str],
              by_hand: set[str], hidden: set[str] = frozenset()) -> Item:
    """Why an entity went: merged (by a human, or by the generator, into which), hidden by a
    human, or no longer supported by the sources (some of which went)."""
    now = {r["id"]: r for r in current.get(kind, [])}
    if item.id in now:                  # still in the graph, without a page
        why = "hidden by hand" if f"{item.kind}/{item.id}" in hidden else \
            "no page of its own any more: quoted on the pages of those it concerns"
        return Item(**{**asdict(item), "why": why})
    into = merged.get(f"{item.kind}/{item.id}")
    if into is not None:
        return Item(**{**asdict(item), "why": "merged by hand into", "into": into.partition("/")[2]})
    if kind == "actors":
        key = name_key(item.label)
        for record in current.get("actors", []):
            if key in {name_key(a) for a in record.get("aliases", []) if isinstance(a, str)}:
                how = "merged by hand into" if key in by_hand else "now one with"
                return Item(**{**asdict(item), "why": how, "into": record["id"]})
    was = next((r for r in previous.get(kind, []) if r.get("id") == item.id), {})
    if kind == "sources":
        return Item(**{**asdict(item), "why": "removed from the sources folder"})
    quoted = set(was.get("sources", [])) | {q.get("source") for key in ("quotes", "terms", "lifecycle")
                                            for q in was.get(key, []) if isinstance(q, dict)}
    left = {s["id"] for s in current.get("sources", [])}
    if quoted - left:
        return Item(**{**asdict(item), "why": "its sources are gone"})
    return Item(**{**asdict(item), "why": "the sources no longer support it"})


def entry(previous: dict | None, current: dict, number: int, merged: dict[str, str] | None = None,
          by_hand: set[str] = frozenset(), hidden: set[str] = frozenset(), text: str | None = None) -> dict:
    """One build's entry in the history: what it brought, changed and took away. `merged`: the
    events and agreements a human merged into others (page id -> page id); `by_hand`: name keys
    of the names a human merged into an actor; `hidden`: the events and agreements a human hid
    (page ids), which the export tells apart from no others without a page. `text`: `current`
    as `state_json` writes it, when the caller has it already."""
    dates = [s["date"] for s in current.get("sources", []) if isinstance(s.get("date"), str)]
    made = {"build": number, "date": max(dates) if dates else None,
            "digest": hashlib.sha256((state_json(current) if text is None else text).encode()).hexdigest()[:16]}
    if previous is None:
        # What has a page, as `changes` lists: an event without one is a quote on other pages.
        made["first"] = {kind: sum(1 for r in current.get(kind, []) if r.get("page", "") is not None)
                         for kind in KINDS}
        made["summary"] = "the first build: " + ", ".join(_counted(n, kind.removesuffix("s"))
                                                           for kind, n in made["first"].items())
        return made
    found = changes(previous, current)
    for kind in KINDS:
        found.removed[kind] = [_why_gone(kind, item, previous, current, merged or {}, by_hand, hidden)
                               for item in found.removed[kind]]
    before = {r["id"]: r for r in previous.get("agreements", [])}
    status = [{"id": r["id"], "label": r["name"], "from": before[r["id"]].get("status"), "to": r.get("status")}
              for r in current.get("agreements", [])
              if r["id"] in before and before[r["id"]].get("status") != r.get("status")]
    made["summary"] = found.summary() + (f"; {_counted(len(status), 'status change')}" if status else "")
    for which in ("new", "changed", "removed"):
        lists = getattr(found, which)
        made[which] = {kind: [_stored(i) for i in lists[kind][:MAX_LISTED]] for kind in KINDS if lists[kind]}
        made[f"more_{which}"] = {kind: len(lists[kind]) - MAX_LISTED for kind in KINDS
                                 if len(lists[kind]) > MAX_LISTED}
    made["status"] = status[:MAX_LISTED]
    return made


def _stored(item: Item) -> dict:
    return {k: v for k, v in asdict(item).items() if v is not None}


def history_items(entry_: dict, which: str) -> dict[str, list[Item]]:
    """An entry's lists, as `Item`s (an entry read back from the file may be of any shape)."""
    lists = entry_.get(which)
    out = {}
    for kind in KINDS:
        records = lists.get(kind, []) if isinstance(lists, dict) else []
        out[kind] = [Item(**{k: r.get(k) for k in Item.__dataclass_fields__}) for r in records
                     if isinstance(r, dict) and all(isinstance(r.get(k), str) for k in ("kind", "id", "label"))]
    return out


# --- the Atom feed -------------------------------------------------------------------------

def feed(entries: list[dict], site_name: str, site_url: str | None) -> str:
    """The history as an Atom feed (RFC 4287): one entry per build, newest first, each dated
    by its newest source (or, with no dated source, by its number of seconds after 1970)."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    feed_id = base + FEED if base else f"urn:briefing-wiki:{slug(site_name)}:whats-new"
    page = f"{base}whats-new/"
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
             f"  <title>{escape(site_name)}: What's new</title>", f"  <id>{escape(feed_id)}</id>",
             f"  <updated>{_updated(entries[0]) if entries else _updated({})}</updated>",
             f"  <author><name>{escape(site_name)}</name></author>",
             f'  <link rel="self" type="application/atom+xml" href={quoteattr(base + FEED)}/>',
             f'  <link rel="alternate" type="text/html" href={quoteattr(page)}/>']
    for made in entries:
        number = made.get("build", 0)
        lines += ["  <entry>", f"    <title>{escape(_entry_title(made))}</title>",
                  f"    <id>{escape(feed_id)}#build-{number}</id>", f"    <updated>{_updated(made)}</updated>",
                  f'    <link rel="alternate" type="text/html" href={quoteattr(f"{page}#build-{number}")}/>',
                  f"    <summary>{escape(str(made.get('summary', '')))}</summary>", "  </entry>"]
    return "\n".join(lines + ["</feed>"]) + "\n"


def _entry_title(made: dict) -> str:
    date = f", sources up to {made['date']}" if made.get("date") else ""
    return f"Build {made.get('build', 0)}{date}"


def _updated(made: dict) -> str:
    date = made.get("date")
    if isinstance(date, str) and len(date) == 10:
        return f"{date}T00:00:00Z"
    moment = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=int(made.get("build") or 0))
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class WhatsNew:
    """The kept state of one content folder, and the page and feed made from it."""

    def __init__(self, content: Path, graph: Graph | None = None):
        """The last build's graph and the history are read at once; the new graph is `see`n
        when there is one (a run reads the old while the model still parses what is new)."""
        self.folder = content / STATE
        self.content = content
        # No graph.json but a previous.json (an older generator's state, or a run it stopped
        # between its two files): the previous is then the last build's graph.
        self.last_text = _read(self.folder / "graph.json") or _read(self.folder / "previous.json")
        self.last = _parse(self.last_text)
        self.history = _entries(_read(self.folder / "history.json"))
        self.merged: dict[str, str] = {}        # set by the run: what a human merged
        self.by_hand: set[str] = set()
        self.hidden: set[str] = set()           # set by the run: the pages a human hid
        self.site_name, self.site_url = "Briefing", None
        if graph is not None:
            self.see(graph)

    def see(self, graph: Graph) -> None:
        self.current = graph_to_dict(graph)     # as JSON would read back: lists, dicts, strings
        self.changed = self.last != self.current
        self.entries = self.history
        if self.changed:
            number = max((e.get("build", 0) for e in self.history), default=0) + 1
            # The graph as graph.json will hold it: its digest names the entry, then it is saved.
            self.current_text = state_json(self.current)
            made = entry(self.last, self.current, number, self.merged, self.by_hand, self.hidden,
                         self.current_text)
            # A run stopped after its history was written, before its graph was: not twice.
            if not self.history or self.history[0].get("digest") != made["digest"]:
                self.entries = [made] + self.history[:MAX_ENTRIES - 1]

    def spec(self) -> tuple[str, str, str, Callable[[], dict]]:
        """The page as `Renderer.specs` gives the others."""
        return ("whatsnew.md.j2", "whats-new.md", "whatsnew/whats-new",
                lambda: dict(entries=self.entries, items=history_items, limit=MAX_LISTED, feed=FEED))

    def last_change(self) -> Changes | None:
        """What the newest build in the history brought (for the home page); None before any."""
        if not self.entries:
            return None
        newest = self.entries[0]
        if "first" in newest:
            return Changes(first_build=True)
        return Changes(new=history_items(newest, "new"), changed=history_items(newest, "changed"),
                       removed=history_items(newest, "removed"))

    def page(self, renderer: Renderer) -> Page:
        template, path, page_id, context = self.spec()
        return renderer.render(template, path, page_id, **context())

    def feed_text(self) -> str:
        return feed(self.entries, self.site_name, self.site_url)

    def save(self) -> None:
        """Record this build's history and graph: the history first, so that a run stopped
        between the two finds its entry already made (by its digest) and adds it once."""
        if not self.changed:
            return
        write_if_changed(self.folder / "history.json", state_json({"entries": self.entries}))
        write_if_changed(self.folder / "graph.json", self.current_text)
        (self.folder / "previous.json").unlink(missing_ok=True)


def _entries(text: str) -> list[dict]:
    try:
        data = json.loads(text)
    except ValueError:
        return []
    entries = data.get("entries") if isinstance(data, dict) else None
    return [e for e in entries if _well_formed_entry(e)][:MAX_ENTRIES] if isinstance(entries, list) else []


def _well_formed_entry(e) -> bool:
    """An entry of the shape `entry` makes: the history is kept in content/, where a merge or
    a hand edit may damage it, and a damaged entry is dropped, never a crash."""
    if not isinstance(e, dict) or not isinstance(e.get("build"), int) or isinstance(e.get("build"), bool):
        return False
    if "first" in e:
        return isinstance(e["first"], dict) and all(isinstance(e["first"].get(k), int) for k in KINDS)
    counts = [e.get(f"more_{w}", {}) for w in ("new", "changed", "removed")]
    status = e.get("status", [])
    return isinstance(e.get("summary"), str) \
        and all(isinstance(e.get(w, {}), dict) for w in ("new", "changed", "removed")) \
        and all(isinstance(c, dict) and all(isinstance(n, int) for n in c.values()) for c in counts) \
        and isinstance(status, list) and all(isinstance(x, dict) and isinstance(x.get("id"), str)
                                             and isinstance(x.get("label"), str) for x in status)


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
