"""Rendering only what changed since the last run.

A page is rendered again only when its template's context (its own actor, event, agreement
or source whole, any other one by its id), or an attribute of another entity that rendering
looked up (a name in a link, a date in a table), differs from what the record says; else what
is on disk is what it would be. Everything else about the pages is in `record`.

Most pages are known to be as they were without making their context at all: the record
keeps a digest of every entity, and a page whose own entity, and every entity its context held
or its rendering read, has the digest it had, and that no entity that changed can reach
(`Renderer.near`), is the page it was.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import pickle
from collections.abc import Callable

from generator.extract.fanout import fork_map
from generator.incremental.record import Record
from generator.model import Actor, Agreement, Event, Graph, Quote, Source
from .renderer import HELD_KINDS, TABLES, Page, Renderer

Ref = tuple[str, str]       # (kind, id) of an actor, event, agreement or source


def pickled(value) -> bytes:
    """Bytes that depend on the value only (no memo: the same string twice is written twice)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dump(value)
    return buffer.getvalue()


def digest(value) -> str:
    return hashlib.sha256(pickled(value)).hexdigest()[:24]


def entity_digests(graph: Graph, jobs: int, meanwhile: Callable[[], None] = lambda: None) -> dict[Ref, str]:
    """Every actor, event, agreement and source of the graph, as a digest of its value (a
    source's with which actor each of its names is); computed by `jobs` processes, as a large
    wiki has tens of thousands, while this one does `meanwhile` first."""
    refs, items = [], []
    for kind, attr in TABLES.items():
        for item in getattr(graph, attr):
            refs.append((kind, item.id))
            items.append(item)
    named = graph.mention_actors

    def one(i: int) -> str:
        item = items[i]
        return digest((item, sorted(named.get(item.id, {}).items())) if refs[i][0] == "source" else item)

    return dict(zip(refs, fork_map(one, len(items), jobs, meanwhile=meanwhile)))


class _Looked:
    """An actor, event, agreement or source handed to a template helper: every attribute read
    is written down, so the page can be reused while those attributes stay the same."""

    __slots__ = ("_item", "_ref", "_seen")

    def __init__(self, item, ref: tuple[str, str], seen: set):
        self._item, self._ref, self._seen = item, ref, seen

    def __getattr__(self, name):
        if name != "id":            # an id is what the reference already is
            self._seen.add((*self._ref, name))
        return getattr(self._item, name)

    # Anything that reads the entity as a whole depends on all of it ("*").
    def _whole(self):
        self._seen.add((*self._ref, "*"))
        return self._item

    def __str__(self) -> str:
        return str(self._whole())

    def __repr__(self) -> str:
        return repr(self._whole())

    def __eq__(self, other) -> bool:
        return self._whole() == (other._whole() if isinstance(other, _Looked) else other)

    def __hash__(self) -> int:
        return hash(self._whole())


class _Own:
    """The page's own entity: read without being written down (its whole self is in the key)."""

    __slots__ = ("_item",)

    def __init__(self, item):
        self._item = item

    def __getattr__(self, name):
        return getattr(self._item, name)

    def __str__(self) -> str:
        return str(self._item)

    def __repr__(self) -> str:
        return repr(self._item)

    def __eq__(self, other) -> bool:
        return self._item == (other._item if isinstance(other, (_Own, _Looked)) else other)

    def __hash__(self) -> int:
        return hash(self._item)


class _Table(dict):
    """The renderer's table of one kind of entity, watched while a page renders."""

    def __init__(self, kind: str, items: dict, watch: list):
        super().__init__(items)
        self.kind, self.watch = kind, watch

    def _looked(self, key, item):
        if not self.watch:
            return item
        seen = self.watch[-1]
        seen.add((self.kind, key, None))        # whether it exists at all
        return None if item is None else _Looked(item, (self.kind, key), seen)

    def get(self, key, default=None):
        item = super().get(key)
        return self._looked(key, item) if item is not None or default is None else default

    def __getitem__(self, key):
        return self._looked(key, super().__getitem__(key))


class _Whole:
    """The whole graph handed to a template: a page that reads it depends on everything."""

    __slots__ = ("_item", "_flag")

    def __init__(self, graph, flag: list):
        self._item, self._flag = graph, flag

    def __getattr__(self, name):
        self._flag[0] = True
        return getattr(self._item, name)


HELD = "@"      # the attribute of a dependency on an entity a page's context holds: all of it


def dep_values(renderer: MemoRenderer, deps) -> list[str]:
    """The values pages saw, each as a short string: short text as itself, anything else hashed;
    an entity a context holds as its digest. One loop for all, as the record holds a hundred
    thousand of them."""
    tables = {kind: getattr(renderer, attr) for kind, attr in TABLES.items()}
    get = dict.get
    values = []
    for kind, key, attr in deps:
        if attr == HELD:
            values.append(f"h{renderer.digests.get((kind, key))}")
            continue
        item = get(tables[kind], key)
        if attr is None:
            value = item is not None
        else:
            value = None if item is None else item if attr == "*" else getattr(item, attr, None)
        if type(value) is str and len(value) <= 100:
            values.append("s" + value)
        elif value is None or type(value) in (bool, int):
            values.append(f"v{value!r}")
        else:
            values.append("h" + digest(value))
    return values


class MemoRenderer(Renderer):
    """Renders only pages whose context or looked-up attributes changed since the record;
    the others come back with `text=None`: what is on disk is still what they would be."""

    def __init__(self, graph, record: Record, reusable: set[str], jobs: int = 1,
                 meanwhile: Callable[[], None] = lambda: None):
        """`meanwhile`: the caller's work, for this process to do while others make the
        entity digests."""
        self._graph = graph
        self._watch: list = []
        self.record = record

        def indexes() -> None:
            Renderer.__init__(self, graph)
            for kind, attr in TABLES.items():
                setattr(self, attr, _Table(kind, getattr(self, attr), self._watch))
            meanwhile()

        self.digests = entity_digests(graph, jobs, indexes)
        last = record.entities
        # What changed since the record: None when it cannot tell (a first run), and every page is looked at.
        self._changed: set[Ref] | None = None
        self._near: set[str] = set()            # pages an entity that changed can reach
        if last and len(record.dep_values) == len(record.deps):
            self._changed = {ref for ref, value in self.digests.items() if last.get(ref) != value}
            self._changed.update(last.keys() - self.digests.keys())
            for ref in self._changed & self.digests.keys():
                kind, key = ref
                self._near |= self.near(kind, dict.__getitem__(getattr(self, TABLES[kind]), key))
        # Which of the record's dependencies still hold their value: any on an entity that has
        # not changed does.
        if self._changed is None:
            values = dep_values(self, record.deps)
            redone = range(len(values))
        else:
            values = list(record.dep_values)
            keys = {key for _, key in self._changed}      # most dependencies fail this first test
            redone = [i for i, dep in enumerate(record.deps) if dep[1] in keys and dep[:2] in self._changed]
            for i, value in zip(redone, dep_values(self, [record.deps[i] for i in redone])):
                values[i] = value
        self._values = values           # of the record's dependencies, by number
        recorded = record.dep_values      # a value the record lacks is a value changed
        self._broken = {i for i in redone if i >= len(recorded) or values[i] != recorded[i]}
        # What a page read as it was is all its text depends on, with its context's key: an
        # entity its context holds, changed, only means that the key must be made.
        self._dep_ok = [True] * len(record.deps)
        for i in self._broken:
            self._dep_ok[i] = record.deps[i][2] == HELD
        self._all_ok = all(self._dep_ok)
        self._reusable = reusable
        # Numbers stay those of the record, so that a reused page keeps its list as it is.
        self.deps: dict[tuple, int] = {d: i for i, d in enumerate(record.deps)}
        self._dep_list: list[tuple] = list(record.deps)      # index -> dependency
        self.made: dict[str, tuple[str | None, list[int]]] = {}   # path -> (key, dependency indices)
        self.reused: set[str] = set()
        self.renumbered = False         # set when the dependency table is renumbered
        self.deps_base = record.deps_base   # its size when last counted

    def render_spec(self, template: str, path: str, page_id: str, context: Callable[[], dict]) -> Page:
        """A page of `Renderer.specs`, its context made only when the page may have changed."""
        if self._settled(path, page_id):
            return Page(path, page_id, None)
        return self.render(template, path, page_id, **context())

    def _settled(self, path: str, page_id: str) -> bool:
        """Whether the page is as the record has it, known without its context: its own
        entity and every entity it held or read are as they were, and no entity that changed
        can reach it."""
        if self._changed is None or path in self._near or path not in self._reusable:
            return False
        own = _own(page_id)
        old = self.record.pages.get(path)
        if own is None or own in self._changed or old is None or not old.clean or old.key is None:
            return False
        if self._broken and not self._broken.isdisjoint(old.deps):
            return False
        self.made[path] = (old.key, None)       # as in the record
        self.reused.add(path)
        return True

    def render(self, template: str, path: str, page_id: str, **context) -> Page:
        old = self.record.pages.get(path)
        if old is not None and old.clean and old.key is None:
            # A page that read the whole graph last time (a listing) is rendered again, as is:
            # watching what it reads would only say it reads everything.
            self.made[path] = (None, [])
            return super().render(template, path, page_id, **context)
        key = self._key(template, path, page_id, context)
        if old is not None and key is not None and path in self._reusable and old.key == key \
                and (self._all_ok or all(self._dep_ok[i] for i in old.deps)):
            self.made[path] = (key, None)       # as in the record
            self.reused.add(path)
            return Page(path, page_id, None)
        seen: set = set()
        flag = [False]
        own = _own(page_id)
        made: list = [_Whole(self._graph, flag)]
        self.graph = made[0]
        self._watch.append(seen)
        try:
            page = super().render(template, path, page_id,
                                  **{name: _watched(value, seen, own, made) for name, value in context.items()})
        finally:
            self._watch.pop()
            self.graph = self._graph
            _let_go(made)
        # A page that read the whole graph is never reused: what else it read does not matter.
        self.made[path] = (None, []) if flag[0] else (key, sorted(self._index(d) for d in seen))
        return page

    def release(self) -> None:
        """Drop everything this renderer holds. Jinja's rendering contexts, caught in reference
        cycles, name the renderer: without this the whole graph would wait for the cyclic
        collector, which a run switches off."""
        self.__dict__.clear()

    def _index(self, dep: tuple) -> int:
        if dep not in self.deps:
            self.deps[dep] = len(self.deps)
            self._dep_list.append(dep)
        return self.deps[dep]

    def take(self, path: str) -> tuple[str | None, list[tuple] | None]:
        """What `render` noted of a page, its dependencies by value: a page rendered in a
        forked process is noted here with `put`, where the numbering is this process's."""
        key, numbers = self.made[path]
        return key, None if numbers is None else [self._dep_list[n] for n in numbers]

    def put(self, path: str, key: str | None, deps: list[tuple] | None) -> None:
        self.made[path] = (key, None if deps is None else sorted(self._index(d) for d in deps))
        if deps is None:
            self.reused.add(path)

    def dep_table(self) -> tuple[list, list[str]]:
        """The dependencies and their values now. When most are no longer any page's, the
        table is renumbered without them (and `made` with it)."""
        deps = list(self._dep_list)
        known = self._values
        # Counting what is used means reading every page's list: only once the table has grown.
        if not self.record.deps:
            self.deps_base = len(deps)      # begun afresh: all of it is what this run's pages read
        elif len(deps) > 1.25 * self.record.deps_base + 1000:
            used = {i for path, (_, numbers) in self.made.items()
                    for i in (self.record.pages[path].deps if numbers is None else numbers)}
            self.deps_base = len(used)
            if len(deps) > 2 * len(used) + 1000:
                keep = sorted(used)
                renumber = {old: new for new, old in enumerate(keep)}
                self.renumbered = True
                self.made = {p: (k, [renumber[i] for i in (self.record.pages[p].deps if numbers is None
                                                           else numbers)])
                             for p, (k, numbers) in self.made.items()}
                deps = [deps[i] for i in keep]
                known = [known[i] for i in keep if i < len(known)]      # the record's come first
                self.deps = {d: i for i, d in enumerate(deps)}
                self._dep_list = deps
        # Numbers after the record's are this run's new dependencies.
        return deps, known + dep_values(self, deps[len(known):])

    def _key(self, template: str, path: str, page_id: str, context: dict) -> str:
        """The context's digest: the page's own entity whole, any other actor, event,
        agreement or source as its kind and id only (what the template reads of those is a
        dependency of its own)."""
        parts = [template, path, page_id]
        own = _own(page_id)
        for name in sorted(context):
            parts.append(name)
            _feed(context[name], parts, own)
        return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:32]

    def source_body(self, source: Source, here: str) -> "_Body":
        return _Body(self, source, here)


class _Body:
    """A source page's text, made only if the page is rendered. What it is made from: the
    text (its hash; the facts follow from it and the pipeline) and which actor each name is."""

    def __init__(self, renderer: MemoRenderer, source: Source, here: str):
        self.renderer, self.source, self.here = renderer, source, here
        linked = renderer._graph.mention_actors.get(source.id, {})
        self.key = (source.id, source.sha256, sorted(linked.items()))

    def __html__(self) -> str:
        renderer = self.renderer
        graph, renderer.graph = renderer.graph, renderer._graph
        try:
            return Renderer.source_body(renderer, self.source, self.here).__html__()
        finally:
            renderer.graph = graph

    def __str__(self) -> str:
        return self.__html__()


_KINDS = {Actor: "actor", Event: "event", Agreement: "agreement", Source: "source"}


def _own(page_id: str) -> tuple[str, str] | None:
    kind, _, item = page_id.partition("/")
    return (kind, item) if kind in TABLES else None


def _feed(value, parts: list[str], own) -> None:
    """`value` as strings in `parts`, each tagged and sized so that no two values read alike."""
    kind = _KINDS.get(type(value))
    if kind is not None:
        if (kind, value.id) == own:
            parts.append("O" + pickled(value).hex())
        else:
            parts.append(f"E{kind}:{value.id}")
    elif type(value) is Quote:      # most of what a context holds: one string, not a repr
        parts.append(f"Q{len(value.source)}:{value.source}{value.sent}:{len(value.text)}:{value.text}")
    elif isinstance(value, str):
        parts.append(f"S{len(value)}:{value}")
    elif value is None or isinstance(value, (bool, int, float)):
        parts.append(f"V{value!r}")
    elif isinstance(value, (list, tuple)):
        parts.append(f"L{len(value)}")
        for item in value:
            kind = _KINDS.get(type(item))
            if kind is not None and (kind, item.id) != own:     # another entity, the usual case
                parts.append(f"E{kind}:{item.id}")
            else:
                _feed(item, parts, own)
    elif isinstance(value, dict):
        parts.append(f"D{len(value)}")
        for k, item in value.items():
            _feed(k, parts, own)
            _feed(item, parts, own)
    elif isinstance(value, _Body):
        parts.append("B" + pickled(value.key).hex())
    elif dataclasses.is_dataclass(value):
        text = repr(value)          # a role: its fields, in order, by value
        parts.append(f"C{len(text)}:{text}")
    else:
        parts.append("P" + pickled(value).hex())


def _watched(value, seen: set, own, made: list):
    """The context as the template sees it: every actor, event, agreement and source in it
    watched but the page's own, which is only wrapped. Everything made is put in `made`, to be
    emptied once the page is rendered (see `_let_go`)."""
    kind = _KINDS.get(type(value))
    if kind is not None:
        if (kind, value.id) == own:
            value = _Own(value)
        else:
            if kind in HELD_KINDS:      # read or not, a change to it may change the context
                seen.add((kind, value.id, HELD))
            value = _Looked(value, (kind, value.id), seen)
    elif isinstance(value, list):
        value = [_watched(v, seen, own, made) for v in value]
    elif isinstance(value, tuple):
        return tuple(_watched(v, seen, own, made) for v in value)
    elif isinstance(value, dict):
        value = {k: _watched(v, seen, own, made) for k, v in value.items()}
    elif not isinstance(value, _Body):
        return value
    made.append(value)
    return value


def _let_go(made: list) -> None:
    """Empty what a page's context was made of. Jinja's rendering context of a page lives in
    reference cycles (its macros name it) that only the cyclic collector frees, and a run keeps
    that collector off: emptied, they hold nothing of the graph."""
    for value in made:
        if isinstance(value, (list, dict)):
            value.clear()
        elif isinstance(value, _Body):
            value.renderer = value.source = None
        else:
            value._item = None
