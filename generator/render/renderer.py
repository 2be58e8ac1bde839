"""Rendering: the graph becomes Markdown pages: entity pages by `entity_pages`, listing
pages (home, sections, timeline) by Jinja2 templates.

Every piece of source text reaches a page through `md` (Markdown and HTML escaped) or `yaml`
(a quoted scalar): a source can never inject markup, script or a link into the site.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from generator.config import LARGE_CORPUS
from generator.model import Actor, DocFacts, Event, Graph, Quote, Source
from generator.read.markers import region, stamp
from generator.read.pages import PARTS, SECTIONS, entity_page, page_path
from . import entity_pages, lede, listings, sitedata
from .entity_pages import LAYOUTS, TYPE_LABEL
from .mdtext import md, url_link, web_address, yaml_str

# The renderer's table of each kind of entity, by attribute.
TABLES = {"actor": "actors", "event": "events", "agreement": "agreements", "source": "sources"}
# The kinds of entity a change to which may change a context that holds one (whether an event
# is still an actor's, still the nearest...). An actor is held only as a page's connection or
# as found in a source: who is named in which sentence, which `near` follows through sources.
HELD_KINDS = frozenset({"event", "agreement"})
MAX_RELATED = 12
SEP_CITE = " · "
EXCERPT_CONTEXT = 1       # sentences shown before and after a quoted one (publish_sources: excerpts)
MAX_CONNECTIONS = 500     # rows of the graph page's table; the drawing reads them all
MAX_CHART_MONTHS = 120    # a longer span is charted by year
# Section headings: "Countries", not the label with an "s".
TYPE_PLURAL = {"person": "People", "organization": "Organizations", "country": "Countries",
               "place": "Places", "group": "Groups"}
_BLANKS = re.compile(r"\n{3,}")
_MARK = re.compile(r"@@region:([\w-]+)@@")


def rel(target: str, here: str) -> str:
    """Link from page `here` to page `target` (both normalised paths relative to the content
    folder). What posixpath.relpath gives, without its trips to the file system's cwd."""
    folder, _, name = target.rpartition("/")
    return _folder_from(folder, here.rpartition("/")[0]) + name


@functools.lru_cache(maxsize=1 << 12)
def _folder_from(folder: str, here: str) -> str:
    """What a link from a page in folder `here` to a page in `folder` starts with ("../events/"):
    a large wiki has a million links, between a handful of folders."""
    return _relative(f"{folder}/_" if folder else "_", here)[:-1]


def _relative(target: str, folder: str) -> str:
    if target.startswith(folder + "/") if folder else "/" not in target:
        return target[len(folder) + 1:] if folder else target
    up, down = folder.split("/") if folder else [], target.split("/")
    common = 0
    while common < min(len(up), len(down) - 1) and up[common] == down[common]:
        common += 1
    return "/".join([".."] * (len(up) - common) + down[common:])


def _collapsed(text: str) -> str:
    """Runs of blank lines as one. Most text has none, and looking for one is quicker than the
    pattern's own scan."""
    return _BLANKS.sub("\n\n", text) if "\n\n\n" in text else text


def month_name(value: str) -> str:
    year, month = value.split("-")[:2]
    return f"{calendar.month_name[int(month)]} {year}"


@dataclass(frozen=True)
class Page:
    path: str          # relative to the content folder
    page_id: str       # "actor/mike-pompeo": the stamp that says which entity the page is for
    text: str
    title: str | None = None    # its front matter's title, where the renderer knows it


class Renderer:
    def __init__(self, graph: Graph):
        self.graph = graph
        self.actors = {a.id: a for a in graph.actors}
        self.events = {e.id: e for e in graph.events}
        self.agreements = {a.id: a for a in graph.agreements}
        self.sources = {s.id: s for s in graph.sources}
        self.facts = {f.source_id: f for f in graph.facts}
        self.env = make_env()
        # What the last change to the sources brought (a whatsnew.Changes), for the home page:
        # set by whoever keeps that record; None leaves it off the page.
        self.last_change: Callable[[], object] = lambda: None
        # How much of each source its page publishes: "full", "excerpts" or "none" (settings).
        self.publish = "full"
        # Whether search indexes the sources' text: True, False, or None for "unless the
        # corpus is large" (settings).
        self.search_sources: bool | None = None
        self._events_of = defaultdict(list)
        for event in graph.events:
            for actor in event.actors:
                self._events_of[actor].append(event)
        self._agreements_of = defaultdict(list)
        self._parts_of = defaultdict(list)
        for agreement in graph.agreements:
            for party in agreement.parties:
                self._agreements_of[party].append(agreement)
            if agreement.part_of:
                self._parts_of[agreement.part_of].append(agreement)
        # Indexes built once, so that every page costs time in its own size, not the corpus's.
        # By (source, sentence): a quote's own hash and equality are Python code, a tuple's are not.
        self._actors_at: dict[tuple[str, int], list[str]] = defaultdict(list)
        for actor in graph.actors:
            for q in actor.quotes:
                self._actors_at[(q.source, q.sent)].append(actor.id)
        self._found = defaultdict(lambda: {"actors": [], "events": [], "agreements": []})
        for kind, items in (("actors", graph.actors), ("events", graph.events),
                            ("agreements", graph.agreements)):
            for item in items:
                for source in (item.sources if kind == "actors" else
                               dict.fromkeys(q.source for q in item.quotes)):
                    self._found[source][kind].append(item)

    # --- helpers the templates call --------------------------------------------------

    def link(self, kind: str, item_id: str, here: str, text: str | None = None) -> Markup:
        # The table read through the attribute: a subclass may watch what is looked up there.
        item = getattr(self, TABLES[kind]).get(item_id)
        label = text if text is not None else _label(kind, item) if item else item_id
        if item is None:
            return md(label)
        moved = getattr(item, "page", None)
        if moved is not None:       # hidden (no page: plain text) or moved by a human
            return Markup(f"[{md(label)}]({rel(moved, here)})") if moved else md(label)
        # rel(page_path(kind, item_id), here), without making the path to take it apart again
        folder = _folder_from(SECTIONS[kind], here.rpartition("/")[0])
        return Markup(f"[{md(label)}]({folder}{item_id}.md)")

    def quote_link(self, quote: Quote, here: str, text: str = "quote") -> Markup:
        folder = _folder_from("sources", here.rpartition("/")[0])
        if self.publish == "none":
            # No text to land on: the source where it is published, else its page (what it is).
            source = self.sources.get(quote.source)
            address = web_address(source.url) if source is not None and source.url else None
            return Markup(f"[{md(text)}]({address})" if address else f"[{md(text)}]({folder}{quote.source}.md)")
        return Markup(f"[{md(text)}]({folder}{quote.source}.md#s{quote.sent})")

    def short_title(self, source_id: str) -> str:
        title = self.sources[source_id].title
        return title if len(title) <= 48 else title[:48].rsplit(" ", 1)[0] + "…"

    def cite(self, quote: Quote, here: str) -> Markup:
        source = self.sources[quote.source]
        # Who published it and when first, as a reference in print names them.
        said = SEP_CITE.join(part for part in (source.publisher, source.date) if part)
        label = f"{said + SEP_CITE if said else ''}{self.short_title(quote.source)}, sentence {quote.sent}"
        return self.quote_link(quote, here, label)

    def event_table(self, events, here: str) -> Markup:
        return Markup(entity_pages.event_table(self, events, here))

    def actor_list(self, ids, here: str) -> Markup:
        return Markup(entity_pages.actor_list(self, ids, here))

    def actor_rows(self, actors, here: str) -> Markup:
        return Markup(entity_pages.actor_rows(self, actors, here))

    def timeline_entries(self, events, here: str) -> Markup:
        return Markup(entity_pages.timeline_entries(self, events, here))

    def undated_entries(self, events, here: str) -> Markup:
        return Markup(entity_pages.undated_entries(self, events, here))

    def lede(self, here: str, changes) -> Markup:
        return Markup(lede.lede(self, here, changes, TYPE_LABEL))

    # --- pages -----------------------------------------------------------------------

    def render(self, template: str, path: str, page_id: str, **context) -> Page:
        """A page from a layout of `entity_pages` (by its kind) or from a Jinja template:
        a skeleton with `@@region:name@@` marks, and each region's body."""
        layout = LAYOUTS.get(template)
        title = None
        if layout is not None:
            title, front = layout.front(**context)
            text = front + "\n" + "\n\n".join(f"@@region:{name}@@" for name, _ in layout.regions)
            bodies = [(name, make(self, path, **context)) for name, make in layout.regions]
        else:
            module = self.env.get_template(template).make_module(
                {"r": self, "here": path, "graph": self.graph, **context})
            bodies = [(name, str(getattr(module, f"region_{name}")()))
                      for name in getattr(module, "regions", "").split()]
            text = str(module).replace("\r", "")
        # Marks are looked for in the skeleton only, never inside a region's body (a source may
        # say anything); the skeleton without the contents is made alongside, for the stamp.
        bodies = {name: _collapsed(body).strip("\n") for name, body in bodies}
        texts, skeletons, names = [], [], []
        for n, piece in enumerate(_MARK.split(text)):     # text, region name, text, ..., text
            if n % 2 and piece in bodies:
                names.append(piece)
                # Blank-line runs collapse above, before the region's checksum, not after it.
                texts.append(region(piece, bodies[piece] + "\n" if bodies[piece] else ""))
                skeletons.append(f"<!-- briefing:region {piece} -->")
            else:
                piece = f"@@region:{piece}@@" if n % 2 else piece
                texts.append(piece)
                skeletons.append(piece)
        text, skeleton = "".join(texts), "".join(skeletons)
        text = _collapsed(text).strip("\n") + "\n"
        skeleton = _collapsed(skeleton).strip("\n") + "\n"
        return Page(path, page_id, stamp(page_id, text, (skeleton, names)), title)

    def pages(self) -> list[Page]:
        return [self.render(template, path, page_id, **context()) for template, path, page_id, context in self.specs()]

    def specs(self) -> list[tuple[str, str, str, Callable[[], dict]]]:
        """Every page as (template, path, page id, its context when asked): each can be
        rendered on its own, in any order, in any process that has this renderer."""
        specs = []
        for actor in self.graph.actors:
            if actor.page == "":
                continue
            specs.append(("actor", entity_page("actor", actor), f"actor/{actor.id}",
                          lambda actor=actor: dict(actor=actor, events=self._events_of[actor.id],
                                                   agreements=self._agreements_of[actor.id],
                                                   related=self.related(actor))))
        for event in self.graph.events:
            if event.page == "":
                continue
            specs.append(("event", entity_page("event", event), f"event/{event.id}",
                          lambda event=event: dict(event=event, neighbours=self.neighbours(event))))
        for agreement in self.graph.agreements:
            if agreement.page == "":
                continue
            specs.append(("agreement", entity_page("agreement", agreement), f"agreement/{agreement.id}",
                          lambda agreement=agreement: dict(agreement=agreement, parts=self._parts_of[agreement.id],
                                                           timeline=[self.events[e] for e in agreement.events])))
        for source in self.graph.sources:
            path = page_path("source", source.id)
            specs.append(("source", path, f"source/{source.id}",
                          lambda source=source, path=path: dict(source=source, body=self.source_body(source, path),
                                                                found=self.found_in(source.id),
                                                                searched=self.sources_searched)))
        specs += self.more_specs()
        for kind, section in SECTIONS.items():
            specs.append(("section.md.j2", f"{section}/index.md", f"section/{section}",
                          lambda kind=kind, section=section: dict(kind=kind, section=section)))
        # The timeline, like the section pages, reads the graph's events whole: any change to
        # them changes it, so it is rendered again each time rather than watched.
        specs.append(("timeline.md.j2", "timeline.md", "timeline/timeline", dict))
        # The parts of a listing too long for one page (`listings`).
        for kind, parts in self.listing_parts.items():
            for n, part in enumerate(parts):
                path = self.part_path(kind, part.slug)
                specs.append(("part.md.j2", path, f"part/{kind}/{part.slug}",
                              lambda kind=kind, n=n, part=part: dict(
                                  kind=kind, label=part.label, items=list(part.items),
                                  before=self._part_ref(kind, n - 1), after=self._part_ref(kind, n + 1))))
        specs.append(("graph.md.j2", "graph.md", "graph/graph", lambda: dict(limit=MAX_CONNECTIONS)))
        specs.append(("index.md.j2", "index.md", "index/index", lambda: dict(changes=self.last_change())))
        return specs

    @functools.cached_property
    def sources_searched(self) -> bool:
        if self.search_sources is not None:
            return self.search_sources
        return len(self.graph.sources) <= LARGE_CORPUS

    # --- the subpages of an entity page's long lists --------------------------------------

    def more_lists(self) -> list[tuple[str, object, str, list]]:
        """(kind, entity, list name, all its entries) for each list an entity page cuts short."""
        keep, found = listings.KEPT_ROWS, []
        for actor in self.graph.actors:
            if actor.page == "":
                continue
            events = self._events_of[actor.id]
            if len(events) > keep:
                found.append(("actor", actor, "timeline", events))
            if len(actor.sources) > keep:
                found.append(("actor", actor, "sources", list(actor.sources)))
            if len(actor.quotes) > entity_pages.MAX_QUOTES:
                found.append(("actor", actor, "quotes", list(actor.quotes)))
            if len(self._agreements_of[actor.id]) > keep:
                found.append(("actor", actor, "agreements", list(self._agreements_of[actor.id])))
            if len(actor.roles) > keep:
                found.append(("actor", actor, "roles", list(actor.roles)))
        for agreement in self.graph.agreements:
            if agreement.page == "":
                continue
            if len(agreement.events) > keep:
                found.append(("agreement", agreement, "timeline", [self.events[e] for e in agreement.events]))
            if len(agreement.quotes) > entity_pages.MAX_QUOTES:
                found.append(("agreement", agreement, "quotes", list(agreement.quotes)))
            if len(agreement.terms) > keep:
                found.append(("agreement", agreement, "terms", list(agreement.terms)))
            if len(agreement.parties) > keep:
                found.append(("agreement", agreement, "parties", list(agreement.parties)))
        for event in self.graph.events:
            if event.page == "":
                continue
            if len(event.quotes) > entity_pages.MAX_QUOTES:
                found.append(("event", event, "quotes", list(event.quotes)))
            if len(event.participants) > keep:
                found.append(("event", event, "participants", list(event.participants)))
            if len(event.agreements) > keep:
                found.append(("event", event, "concerns", list(event.agreements)))
        return found

    def more_specs(self) -> list:
        specs = []
        for kind, item, name, entries in self.more_lists():
            parts = listings.paged("", "", entries, entity_pages.MORE_ROWS[name])
            paths = [entity_pages.more_path(SECTIONS[kind], item.id, name, n) for n in range(len(parts))]

            def ref(n, parts=parts, paths=paths):
                return (paths[n], f"part {n + 1} of {len(parts)}") if 0 <= n < len(parts) else None
            first = 0
            for n, part in enumerate(parts):
                label = f" ({n + 1} of {len(parts)})" if len(parts) > 1 else ""
                specs.append(("more", paths[n], f"more/{kind}/{item.id}/{name}/{n + 1}",
                              lambda kind=kind, item=item, name=name, part=part, label=label, n=n, ref=ref,
                              first=first: dict(
                                  owner=item, owner_kind=kind, name=name, label=label, items=list(part.items),
                                  before=ref(n - 1), after=ref(n + 1), first=first)))
                first += len(part.items)
        return specs

    @staticmethod
    def section_of(kind: str) -> str:
        return SECTIONS[kind]

    def page_of(self, kind: str, item_id: str) -> str:
        """The page of an entity, wherever a human moved it."""
        return self._path(kind, item_id)

    # --- listings cut into parts ---------------------------------------------------------

    @functools.cached_property
    def listing_parts(self) -> dict[str, list[listings.Part]]:
        """Listing -> the parts it is cut into, for each listing too long for one page: the
        timeline and the events by date, sources by date, actors and agreements by name."""
        rows = listings.PAGE_ROWS
        g = self.graph
        parts = {}
        if len(g.events) > rows:
            parts["timeline"] = listings.timeline_parts(g.events)
            parts["event"] = listings.by_period(g.events, lambda e: e.date)
        if len(g.sources) > rows:
            parts["source"] = listings.by_period(sorted(g.sources, key=lambda s: s.id), lambda s: s.date)
        if len(g.actors) > rows:
            parts["actor"] = listings.by_letter(g.actors, lambda a: a.name)
        if len(g.agreements) > rows:
            parts["agreement"] = listings.by_letter(g.agreements, lambda a: a.name)
        return parts

    def parts(self, kind: str) -> list[listings.Part] | None:
        return self.listing_parts.get(kind)

    @staticmethod
    def to(target: str, here: str) -> str:
        """A link's address from page `here` to page `target`."""
        return rel(target, here)

    @staticmethod
    def part_path(kind: str, slug: str) -> str:
        return f"{PARTS[kind]}/{slug}.md"

    def _part_ref(self, kind: str, n: int) -> tuple[str, str] | None:
        parts = self.listing_parts[kind]
        return (self.part_path(kind, parts[n].slug), parts[n].label) if 0 <= n < len(parts) else None

    def part_list(self, kind: str, here: str) -> Markup:
        """The parts of a listing as a list of links, each with its number of entries."""
        noun = {"timeline": "event", "event": "event", "source": "source", "actor": "actor",
                "agreement": "agreement"}[kind]
        return Markup("".join(f"- [{md(p.label)}]({rel(self.part_path(kind, p.slug), here)}): "
                              f"{len(p.items)} {noun}{'s' if len(p.items) != 1 else ''}\n"
                              for p in self.listing_parts[kind]))

    def part_of_period(self, period: str, here: str) -> str | None:
        """The timeline part that a chart's bar (a month or a year) opens: its first."""
        for p in self.listing_parts.get("timeline", ()):
            if p.slug == period or p.slug.startswith(period + "-"):
                # An address in raw HTML, which MkDocs does not rewrite: from the timeline's
                # page (timeline/) to its part's (timeline/<part>/).
                return f"{p.slug}/"
        return None

    def most_cited_actors(self, type_: str, count: int) -> list[Actor]:
        """The actors of a type in the most sources, by name where that ties."""
        return sorted((a for a in self.graph.actors if a.type == type_),
                      key=lambda a: (-len(a.sources), a.name.lower(), a.id))[:count]

    def near(self, kind: str, item) -> set[str]:
        """The pages whose context (see `specs`) may take in `item`, or a value made from it,
        when it is new or has changed, though the page held nothing of it before. A source
        here is its text and which actor each of its names is (`mention_actors`): who is named
        in which sentence, from which each actor page's connections are counted."""
        if kind == "source":
            return {self._path("actor", a.id) for a in self._found[item.id]["actors"]}
        if kind == "event":
            pages = {self._path("actor", a) for a in item.actors}
            if item.date:       # the event just before and after it, by each of its actors
                for actor in item.actors:
                    dated = [e for e in self._events_of[actor] if e.date]
                    at = next(n for n, e in enumerate(dated) if e.id == item.id)
                    pages.update(self._path("event", e.id) for e in dated[max(0, at - 1): at + 2] if e.id != item.id)
        elif kind == "agreement":
            pages = {self._path("actor", p) for p in item.parties}
            if item.part_of:
                pages.add(self._path("agreement", item.part_of))
        else:           # an actor's pages are reached through its events, agreements and sources
            return set()
        return pages | {page_path("source", q.source) for q in item.quotes}

    def _path(self, kind: str, item_id: str) -> str:
        """The page of an entity, wherever a human moved it (read unwatched: for `near`)."""
        item = dict.get(getattr(self, TABLES[kind]), item_id)
        return (entity_page(kind, item) if item is not None else None) or page_path(kind, item_id)

    def related(self, actor: Actor) -> list[tuple[Actor, int, Quote]]:
        """Actors named in the same sentences as this one: the most often first."""
        together: Counter = Counter()
        first: dict[str, Quote] = {}
        at = {(q.source, q.sent): q for q in actor.quotes}
        for where in sorted(at):
            q = at[where]
            for other in self._actors_at[where]:
                if other != actor.id:
                    together[other] += 1
                    first.setdefault(other, q)
        ranked = sorted(together, key=lambda i: (-together[i], i))[:MAX_RELATED]
        return [(self.actors[i], together[i], first[i]) for i in ranked]

    def neighbours(self, event: Event) -> tuple[Event | None, Event | None]:
        """The dated events just before and after this one that share an actor with it."""
        if not event.date:
            return None, None
        near = sorted({e.id: e for a in event.actors for e in self._events_of[a]
                       if e.date and e.id != event.id}.values(), key=lambda e: (e.date, e.id))
        before = [e for e in near if (e.date, e.id) < (event.date, event.id)]
        after = [e for e in near if (e.date, e.id) > (event.date, event.id)]
        return (before[-1] if before else None), (after[0] if after else None)

    def by_month(self, events) -> list[tuple[str, list[Event]]]:
        """The dated events by month (by year where the sources give only a year)."""
        months = defaultdict(list)
        for event in events:
            if event.date:
                months[event.date[:7] if len(event.date) >= 7 else event.date[:4]].append(event)
        return [(m, months[m]) for m in sorted(months)]

    def chart_periods(self, months) -> list[tuple[str, int, str | None]]:
        """The timeline's bars: every month (or year, over a long span) from the first event to
        the last, empty ones too, so that a gap in time shows as one: (period, events, the
        heading it links to or None)."""
        counts = Counter()
        heading = {}
        for period, events in months:
            counts[period] += len(events)
            heading.setdefault(period, period)
        first, last = months[0][0], months[-1][0]
        y0, y1 = int(first[:4]), int(last[:4])
        by_year = (y1 - y0 + 1) * 12 > MAX_CHART_MONTHS or all(len(p) == 4 for p in counts)
        if by_year:
            years = Counter()
            for period, n in counts.items():
                years[period[:4]] += n
                heading.setdefault(period[:4], period)
            return [(str(y), years[str(y)], heading.get(str(y))) for y in range(y0, y1 + 1)]
        bars = []
        for y in range(y0, y1 + 1):
            if str(y) in counts:        # events dated to the year only: listed before its months
                bars.append((str(y), counts[str(y)], str(y)))
            for m in range(1, 13):
                period = f"{y}-{m:02d}"
                if (y, m) < (int(first[:4]), int(first[5:7] or 1) if len(first) > 4 else 1) or \
                        (y, m) > (int(last[:4]), int(last[5:7]) if len(last) > 4 else 12):
                    continue
                bars.append((period, counts[period], period if counts[period] else None))
        return bars

    def connections(self) -> list:
        return sitedata.connections(sitedata.network(self.graph))

    def connection_rows(self, rows, here: str) -> Markup:
        out = []
        for one, relation, other, sources in rows:
            ends = [self.link("agreement" if n["kind"] == "agreement" else "actor", n["id"][2:], here)
                    for n in (one, other)]
            out.append(f"| {ends[0]} | {md(relation)} | {ends[1]} | {sources} |\n")
        return Markup("".join(out))

    def actors_of_type(self, type_: str) -> list[Actor]:
        """The actors of one type by name, case aside (as Jinja's `sort` filter orders them)."""
        return sorted((a for a in self.graph.actors if a.type == type_), key=lambda a: a.name.lower())

    def found_in(self, source_id: str) -> dict:
        return self._found[source_id]

    def source_body(self, source: Source, here: str) -> Markup:
        """The text as `publish` says: in full, or the quoted sentences with the sentence before
        and after, or none; each sentence a `#sN` anchor, each resolved name a link."""
        if self.publish == "none":
            address = web_address(source.url) if source.url else None
            where = f" Read it where it is published: {url_link(source.url)}." if address else ""
            return Markup(f"*The text is not published in this wiki (`publish_sources: none`).*{where}")
        facts: DocFacts | None = self.facts.get(source.id)
        searched = self.sources_searched
        if facts is None:
            if self.publish != "full":
                return Markup("")
            return md(source.text) if searched else \
                Markup(f'<div data-search-exclude markdown="1">\n\n{md(source.text)}\n\n</div>')
        # Search takes the sentences quoted as evidence, each once, here; the rest of the text
        # only where the sources' text is searched (`search_sources`).
        unsearched = set() if searched else \
            set(range(1, len(facts.sentences) + 1)) - self._evidence.get(source.id, set())
        shown = None
        if self.publish == "excerpts":
            quoted = self.quoted_sentences().get(source.id, set())
            shown = {m for n in quoted for m in range(n - EXCERPT_CONTEXT, n + EXCERPT_CONTEXT + 1)
                     if 1 <= m <= len(facts.sentences)}
        links = self._mention_links(source.id, facts)
        parts, cursor, last = [], 0, 0
        if shown is not None:
            parts.append("*Excerpts: the sentences this wiki quotes, each with the sentence before and "
                         "after it (`publish_sources: excerpts`).*\n{ data-search-exclude }\n\n")
        for n, sentence in enumerate(facts.sentences, start=1):
            if shown is not None and n not in shown:
                continue
            gap = source.text[cursor:sentence.start]
            if last and n != last + 1:          # sentences left out between two excerpts
                parts.append(" […]\n\n")
            elif last:
                parts.append("\n\n" if "\n" in gap else " ")
            elif n > 1:
                parts.append("[…] ")
            last = n
            body = self._linked(source.text, sentence.start, sentence.end, links, here)
            skip = " data-search-exclude" if n in unsearched else ""
            parts.append(f'<span class="bw-s" id="s{n}"{skip}>{body}</span>')
            cursor = sentence.end
        if shown is not None and last and last < len(facts.sentences):
            parts.append(" […]")
        return Markup("".join(parts).strip())

    @functools.cached_property
    def _quoted(self) -> dict[str, set[int]]:
        quoted: dict[str, set[int]] = defaultdict(set)
        for a in self.graph.actors:
            for q in a.quotes:
                quoted[q.source].add(q.sent)
        for source, sentences in self._evidence.items():
            quoted[source] |= sentences
        return quoted

    @functools.cached_property
    def _evidence(self) -> dict[str, set[int]]:
        """Source id -> its sentences quoted as evidence of a fact: an event, a statement, an
        agreement, a role; not the sentences that merely name an actor (most of a wire story)."""
        quoted: dict[str, set[int]] = defaultdict(set)
        quotes = [r.quote for a in self.graph.actors for r in a.roles]
        quotes += [q for e in (*self.graph.events, *self.graph.statements) for q in e.quotes]
        for g in self.graph.agreements:
            quotes += [*g.quotes, *(t.quote for t in g.terms), *(step.quote for step in g.lifecycle)]
        for q in quotes:
            quoted[q.source].add(q.sent)
        return quoted

    def quoted_sentences(self) -> dict[str, set[int]]:
        """Source id -> the numbers of its sentences some page quotes or cites."""
        return self._quoted

    def _mention_links(self, source_id: str, facts: DocFacts) -> list[tuple[int, int, str]]:
        linked = self.graph.mention_actors.get(source_id, {})
        spans = sorted((facts.mentions[i].start, facts.mentions[i].end, actor_id)
                       for i, actor_id in linked.items())
        kept, last = [], -1
        for start, end, actor_id in spans:
            if start >= last:
                kept.append((start, end, actor_id))
                last = end
        return kept

    def _linked(self, text: str, start: int, end: int, links, here: str) -> str:
        out, cursor = [], start
        for lo, hi, actor_id in links:
            if lo < start or hi > end:
                continue
            out.append(str(md(text[cursor:lo])))
            out.append(str(self.link("actor", actor_id, here, text[lo:hi])))
            cursor = hi
        out.append(str(md(text[cursor:end])))
        return "".join(out).strip()


def _label(kind: str, item) -> str:
    if kind == "event":
        return item.title
    if kind == "source":
        return item.title
    return item.name


@functools.cache
def make_env() -> jinja2.Environment:
    """One environment per process: compiling the templates costs more than rendering a page."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("generator.render", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(md=md, yaml=yaml_str, month_name=month_name)
    env.globals.update(TYPE_LABEL=TYPE_LABEL, TYPE_PLURAL=TYPE_PLURAL)
    return env
