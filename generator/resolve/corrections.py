"""Readers' corrections on event and agreement pages, applied to the graph after resolution.

A human fixes a fact in a page's front matter (`title`, `date`, `place`, `modality`, `status`,
`parties`, `summary`), merges another page into it (`same_as`) or splits off what some sources
report (`not_same_as`). The correction changes the entity itself, so it reaches every page that
shows the fact (timelines, an agreement's history, the home page, search), the export and What's
new. What the sources said stays on the entity (`corrected`), for the infobox to show beside it.

`apply_corrections` is pure. Only `read_written_titles` and `save_written_titles` touch the disk:
the title the generator last wrote into each page's front matter, to tell a title a human typed
from one the generator wrote before the sources changed it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from generator.atomic import write_atomic
from generator.exceptions import Problem
from generator.model import Agreement, Event, Graph
from generator.read.curation import name_key
from generator.read.frontmatter import key_line
from generator.read.markers import page_stamp

STATE = ".briefing"
TITLES = "titles.json"
KINDS = ("event", "agreement")


@dataclass(frozen=True)
class PageCorrection:
    path: str          # the page the human wrote it in
    text: str          # that page, for the line of a key
    values: dict       # curation key -> value, as `page_curation` read it


def entity_corrections(curated: dict[str, dict], pages: dict[str, str]) -> dict[str, PageCorrection]:
    """Entity page id ("event/x", "agreement/y") -> the corrections its page sets, from the
    curation keys of touched pages (`curated`: path -> values). A copied page (two files, one
    stamp) counts once, the first by path."""
    found: dict[str, PageCorrection] = {}
    for path, values in sorted(curated.items()):
        stamped = page_stamp(pages.get(path, ""))
        if stamped is None or stamped[0].partition("/")[0] not in KINDS:
            continue
        found.setdefault(stamped[0], PageCorrection(path, pages[path], values))
    return found


def apply_corrections(graph: Graph, corrections: dict[str, PageCorrection],
                      written: dict[str, str] | None = None) -> tuple[Graph, list[Problem], dict[str, str]]:
    """The graph with the corrections of event and agreement pages applied; problems (a name
    that names nothing); and the entities merged away: page id -> the id of the page that took
    them in. `written`: page path -> the title the generator last wrote in its front matter:
    a title equal to that, or to what the sources say now, is no correction."""
    if not corrections:
        return graph, [], {}
    fixer = _Fixer(graph, written or {})
    for page_id, correction in sorted(corrections.items()):
        fixer.merge(page_id, correction)
    for page_id, correction in sorted(corrections.items()):
        fixer.split(page_id, correction)
    for page_id, correction in sorted(corrections.items()):
        fixer.correct(page_id, correction)
    return fixer.graph(), fixer.problems, fixer.merged


class _Fixer:
    def __init__(self, graph: Graph, written: dict[str, str]):
        self.base = graph
        self.written = written
        self.events = {e.id: e for e in graph.events}
        self.agreements = {a.id: a for a in graph.agreements}
        self.problems: list[Problem] = []
        self.merged: dict[str, str] = {}
        self.actor_by_name: dict[str, str] = {}
        for actor in graph.actors:
            for name in (actor.id, *actor.aliases, actor.name):     # the name wins over an alias
                self.actor_by_name[name_key(name)] = actor.id
        self.sources = {}
        for source in graph.sources:
            for name in (source.id, source.path, source.path.rpartition("/")[2]):
                self.sources[name.casefold()] = source.id

    # --- finding what a name means -------------------------------------------------

    def _problem(self, correction: PageCorrection, key: str, message: str) -> None:
        self.problems.append(Problem(correction.path, f"front matter `{key}`: {message}: ignored",
                                     line=key_line(correction.text, key)))

    def _entity(self, kind: str, name: str):
        table = self.events if kind == "event" else self.agreements
        wanted = name_key(name.removesuffix(".md").rpartition("/")[2]) if name.endswith(".md") else name_key(name)
        for item in table.values():
            labels = (item.id, item.title) if kind == "event" else (item.id, item.name, *item.aliases)
            if wanted in {name_key(label) for label in labels}:
                return item
        return None

    def _actor(self, correction: PageCorrection, key: str, name: str) -> str | None:
        found = self.actor_by_name.get(name_key(name))
        if found is None:
            self._problem(correction, key, f"no actor is called {name!r}; write the name of an actor page")
        return found

    # --- merging and splitting -----------------------------------------------------

    def merge(self, page_id: str, correction: PageCorrection) -> None:
        kind, _, item_id = page_id.partition("/")
        for name in correction.values.get("same_as", []):
            keeper = self._current(kind, item_id)
            other = self._entity(kind, name)
            if keeper is None:
                return
            if other is None:
                self._problem(correction, "same_as", f"no {kind} is called {name!r}; write its title or "
                                                     "its page's file name")
                continue
            if other.id == keeper.id:
                continue
            if kind == "event":
                self._merge_events(keeper, other)
            else:
                self._merge_agreements(keeper, other)
            self.merged[f"{kind}/{other.id}"] = f"{kind}/{keeper.id}"

    def _current(self, kind: str, item_id: str):
        while f"{kind}/{item_id}" in self.merged:       # merged into another meanwhile
            item_id = self.merged[f"{kind}/{item_id}"].partition("/")[2]
        return (self.events if kind == "event" else self.agreements).get(item_id)

    def _merge_events(self, keeper: Event, other: Event) -> None:
        actors = set(keeper.actors)
        dated = {} if keeper.date or not other.date else {
            "date": other.date, "precision": other.precision, "date_text": other.date_text,
            "anchor": other.anchor, "date_basis": other.date_basis}
        self.events[keeper.id] = replace(
            keeper, **dated,
            participants=keeper.participants + tuple(p for p in other.participants if p.actor not in actors),
            place=keeper.place or other.place, quotes=tuple(dict.fromkeys(keeper.quotes + other.quotes)),
            agreements=tuple(sorted(set(keeper.agreements) | set(other.agreements))),
            attribution=tuple(dict.fromkeys(keeper.attribution + other.attribution)),
            status=keeper.status or other.status, verb=keeper.verb or other.verb)
        del self.events[other.id]
        for agreement in list(self.agreements.values()):
            if other.id in agreement.events:
                events = tuple(dict.fromkeys(keeper.id if e == other.id else e for e in agreement.events))
                self.agreements[agreement.id] = replace(agreement, events=events)

    def _merge_agreements(self, keeper: Agreement, other: Agreement) -> None:
        lifecycle = sorted(dict.fromkeys(keeper.lifecycle + other.lifecycle), key=lambda t: t.date or "")
        last = lifecycle[-1] if lifecycle else None
        aliases = {*keeper.aliases, *other.aliases, other.name} - {keeper.name}
        self.agreements[keeper.id] = replace(
            keeper, parties=tuple(dict.fromkeys(keeper.parties + other.parties)),
            aliases=tuple(sorted(aliases, key=str.casefold)),
            terms=tuple(dict.fromkeys(keeper.terms + other.terms)),
            quotes=tuple(dict.fromkeys(keeper.quotes + other.quotes)),
            events=tuple(dict.fromkeys(keeper.events + other.events)),
            date=keeper.date or other.date, precision=keeper.precision if keeper.date else other.precision,
            date_text=keeper.date_text if keeper.date else other.date_text, place=keeper.place or other.place,
            lifecycle=tuple(lifecycle), status=last.status if last else None,
            status_since=last.date if last else None)
        del self.agreements[other.id]
        for event in list(self.events.values()):
            if other.id in event.agreements:
                linked = tuple(sorted({keeper.id if a == other.id else a for a in event.agreements}))
                self.events[event.id] = replace(event, agreements=linked)
        for agreement in list(self.agreements.values()):
            if agreement.part_of == other.id:
                self.agreements[agreement.id] = replace(agreement, part_of=keeper.id)

    def split(self, page_id: str, correction: PageCorrection) -> None:
        """`not_same_as: [source]`: what those sources report is another event (agreement)."""
        kind, _, item_id = page_id.partition("/")
        names = correction.values.get("not_same_as", [])
        item = self._current(kind, item_id)
        if not names or item is None:
            return
        apart = set()
        for name in names:
            source = self.sources.get(name.casefold())
            if source is None:
                self._problem(correction, "not_same_as", f"no source is called {name!r}; write the file "
                                                         "name of a source this page quotes")
            elif source not in {q.source for q in item.quotes}:
                self._problem(correction, "not_same_as", f"this {kind} quotes nothing from {name!r}")
            else:
                apart.add(source)
        stay = tuple(q for q in item.quotes if q.source not in apart)
        go = tuple(q for q in item.quotes if q.source in apart)
        if not go or not stay:
            if go:
                self._problem(correction, "not_same_as", f"every quote of this {kind} is from those sources")
            return
        table = self.events if kind == "event" else self.agreements
        n = 2
        while f"{item.id}-{n}" in table:
            n += 1
        new_id = f"{item.id}-{n}"
        if kind == "event":
            table[item.id] = replace(item, quotes=stay)
            table[new_id] = replace(item, id=new_id, quotes=go, page=None, corrected=())
            for agreement in list(self.agreements.values()):
                if item.id in agreement.events:
                    self.agreements[agreement.id] = replace(agreement, events=agreement.events + (new_id,))
            return
        keep = [t for t in item.lifecycle if t.quote.source not in apart]
        moved = [t for t in item.lifecycle if t.quote.source in apart]

        def part(quotes, lifecycle, terms, **extra):
            last = lifecycle[-1] if lifecycle else None
            return replace(item, quotes=quotes, lifecycle=tuple(lifecycle), terms=tuple(terms),
                           status=last.status if last else None, status_since=last.date if last else None,
                           **extra)
        table[item.id] = part(stay, keep, [t for t in item.terms if t.quote.source not in apart])
        # The events told only by the sources split off go with the new agreement.
        theirs = {e for e in item.events if e in self.events
                  and all(q.source in apart for q in self.events[e].quotes)}
        table[new_id] = part(go, moved, [t for t in item.terms if t.quote.source in apart], id=new_id,
                             page=None, corrected=(), events=tuple(e for e in item.events if e in theirs))
        table[item.id] = replace(table[item.id], events=tuple(e for e in item.events if e not in theirs))
        for event_id in theirs:
            event = self.events[event_id]
            linked = tuple(sorted({new_id if a == item.id else a for a in event.agreements}))
            self.events[event_id] = replace(event, agreements=linked)

    # --- facts -----------------------------------------------------------------------

    def correct(self, page_id: str, correction: PageCorrection) -> None:
        kind, _, item_id = page_id.partition("/")
        item = self._current(kind, item_id)
        if item is None or f"{kind}/{item_id}" in self.merged:
            return
        values, changes, was = correction.values, {}, dict(item.corrected)
        label = "title" if kind == "event" else "name"
        title = values.get("title")
        if title and title not in (getattr(item, label), self.written.get(correction.path)):
            changes[label], was["title"] = title, getattr(item, label)
        if "date" in values and values["date"] != item.date:
            date = values["date"]
            changes.update(date=date, precision={4: "year", 7: "month"}.get(len(date), "day"), date_text=None)
            if kind == "event":
                changes.update(anchor="set by hand", date_basis=None)
            was["date"] = item.date
        if "place" in values:
            place = self._actor(correction, "place", values["place"])
            if place is not None and place != item.place:
                changes["place"], was["place"] = place, item.place
        if kind == "event" and "modality" in values and values["modality"] != item.modality:
            changes["modality"], was["modality"] = values["modality"], item.modality
            if item.verb and item.agreements:       # what it does to its agreements follows
                from generator.extract.status import status_of
                changes["status"] = status_of(item.verb, False, values["modality"])
        if kind == "agreement" and "status" in values and values["status"] != item.status:
            steps = [t for t in item.lifecycle if t.status == values["status"]]
            changes["status"], was["status"] = values["status"], item.status
            changes["status_since"] = steps[-1].date if steps else None
        if kind == "agreement" and "parties" in values:
            parties = tuple(dict.fromkeys(p for p in (self._actor(correction, "parties", name)
                                                      for name in values["parties"]) if p))
            if parties and parties != item.parties:
                changes["parties"], was["parties"] = parties, item.parties
        if values.get("summary"):
            changes["summary"] = values["summary"]
        if changes or was != dict(item.corrected):
            changes["corrected"] = tuple(sorted(was.items()))
            table = self.events if kind == "event" else self.agreements
            table[item.id] = replace(item, **changes)

    def graph(self) -> Graph:
        events = sorted(map(_with_place_apart, self.events.values()), key=lambda e: (e.date or "9999", e.id))
        return replace(self.base, events=tuple(events),
                       agreements=tuple(sorted(self.agreements.values(), key=lambda a: a.id)))


def _with_place_apart(event: Event) -> Event:
    """A place set by hand is the place, not also a participant."""
    if event.place and any(p.actor == event.place and p.role == "other" for p in event.participants):
        return replace(event, participants=tuple(p for p in event.participants
                                                 if not (p.actor == event.place and p.role == "other")))
    return event


# --- the titles the generator wrote ---------------------------------------------------------

def read_written_titles(content: Path) -> dict[str, str]:
    try:
        data = json.loads((content / STATE / TITLES).read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    titles = data.get("titles") if isinstance(data, dict) else None
    return {p: t for p, t in titles.items() if isinstance(p, str) and isinstance(t, str)} \
        if isinstance(titles, dict) else {}


def save_written_titles(content: Path, titles: dict[str, str]) -> None:
    if titles == read_written_titles(content):
        return
    (content / STATE).mkdir(parents=True, exist_ok=True)
    text = json.dumps({"titles": dict(sorted(titles.items()))}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    write_atomic(content / STATE / TITLES, text.encode("utf-8"))
