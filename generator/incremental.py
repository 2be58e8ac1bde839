"""What the last `generate` did, kept so that the next one does only what changed.

The record lives in the cache folder, one per content folder, and holds:

- the inputs of the last run (generator code, settings, the sources' sizes and times) and the
  listing of content/ as that run left it, with the problems it reported: when neither changed,
  there is nothing to do;
- for every page the generator wrote and nobody has touched since (same size and time on disk):
  what it was rendered from (a digest of the template's context, and every attribute of another
  actor, event, agreement or source it looked up), its links and its title. Such a page is not
  rendered again while those are unchanged, and its text is not read unless its backlinks change.

Anything missing, stale or unreadable in the record only means more work: it is never trusted
over what is on disk.
"""

from __future__ import annotations

import array
import base64
import binascii
import dataclasses
import hashlib
import io
import json
import os
import pickle
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .atomic import write_atomic
from .exceptions import Problem
from .model import Actor, Agreement, Event, Source
from .render import Page, Renderer

FORMAT = 1


# --- digests -------------------------------------------------------------------------

def _pickled(value) -> bytes:
    """Bytes that depend on the value only (no memo: the same string twice is written twice)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dump(value)
    return buffer.getvalue()


def code_digest() -> str:
    """Every file of the generator package: a change to any rule or template redoes everything."""
    here = Path(__file__).parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(here.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".j2", ".tsv"}:
            digest.update(path.relative_to(here).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    """Path -> (size, modification time in ns) of every file under `folder` but hidden ones."""
    found: dict[str, tuple[int, int]] = {}
    stack = [("", folder)]
    while stack:
        prefix, path = stack.pop()
        try:
            entries = list(os.scandir(path))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = prefix + entry.name
            try:
                if entry.is_dir(follow_symlinks=False):     # as Path.rglob: no links to folders
                    stack.append((rel + "/", entry.path))
                else:
                    info = entry.stat()
                    found[rel] = (info.st_size, info.st_mtime_ns)
            except OSError:
                continue
    return found


def listing_digest(files: dict[str, tuple[int, int]]) -> str:
    return hashlib.sha256(json.dumps(sorted(files.items())).encode()).hexdigest()


# --- the record ----------------------------------------------------------------------

@dataclass
class PageRecord:
    file: tuple[int, int]            # (size, mtime_ns) right after this run left it
    clean: bool                      # exactly as rendered (no human text): may be reused
    key: str | None                  # digest of the template's context; None: render every time
    deps: list[int]                  # indices into Record.deps: what the page looked up elsewhere
    links: list[tuple[str, str]]     # (target page, the line that links), backlinks excluded
    title: str
    row: list | None = field(default=None, compare=False, repr=False)   # as read: written back as is


@dataclass
class Record:
    code: str = ""                   # the generator's own files and model: another, another record
    inputs: str = ""                 # digest of everything the run read but content/
    content: str = ""                # digest of the listing of content/ the run left
    sources: int = 0
    problems: list[Problem] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    deps: list[tuple[str, str, str | None]] = field(default_factory=list)
    dep_values: list[str] = field(default_factory=list)
    pages: dict[str, PageRecord] = field(default_factory=dict)
    paths: list[str] = field(default_factory=list)     # the numbering of paths in the rows read
    shards: list[str] = field(default_factory=list)    # the hash of each shard of rows read
    # (source path, size, mtime_ns) -> the source as read: a file not touched is not read again
    read: dict[tuple[str, int, int], Source] = field(default_factory=dict)


SHARDS = 64     # the pages' rows are split so that a run rewrites only the shards it changed


class Store:
    """The record of one content folder, kept in the cache folder: a small file with what a run
    that changes nothing needs; the sources as read; and the pages, as a head (numbered paths and
    dependencies) and shards of rows, each shard's hash in the head. Paths and link lines are
    written once each and referred to by number."""

    def __init__(self, cache_dir: Path, content: Path):
        name = hashlib.sha256(str(content.resolve()).encode()).hexdigest()[:16]
        self.folder = cache_dir / "state"
        self.summary_path = self.folder / f"{name}.json"
        self.pages_path = self.folder / f"{name}.pages.json"
        self.read_path = self.folder / f"{name}.sources.json"
        self.shard_path = lambda k: self.folder / f"{name}.pages" / f"{k:02d}.json"

    def summary(self) -> Record:
        """The record without pages and sources."""
        try:
            data, _ = _read(self.summary_path)
            return Record(code=data["code"], inputs=data["inputs"], content=data["content"],
                          sources=data["sources"], problems=[Problem(*p) for p in data["problems"]],
                          conflicts=list(data["conflicts"]))
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return Record()

    def sources_read(self, code: str) -> dict[tuple[str, int, int], Source]:
        """(source path, size, mtime_ns) -> the source as the last run read it."""
        try:
            data, _ = _read(self.read_path)
            if data["code"] != code:
                return {}
            return {(path, size, mtime): Source("", path, *fields) for path, size, mtime, *fields in data["read"]}
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return {}

    def load(self, code: str) -> Record:
        """The record of the last run, if it ran the same code; else an empty one."""
        record = self.summary()
        try:
            data, _ = _read(self.pages_path)
            if data["code"] != code or record.code != code or len(data["shards"]) != SHARDS:
                return Record()
            record.paths = paths = data["paths"]
            record.shards = data["shards"]
            for k, digest in enumerate(record.shards):
                shard, found = _read(self.shard_path(k))
                if found != digest:
                    return Record()
                for row in shard["rows"]:
                    path, size, mtime, clean, key, deps, lines, flat, title = row
                    flat = _numbers(flat)
                    links = [(paths[flat[i]], lines[flat[i + 1]]) for i in range(0, len(flat), 2)]
                    record.pages[paths[path]] = PageRecord((size, mtime), bool(clean), key, _numbers(deps),
                                                           links, title, row)
            record.deps = [(kind, key, attr or None) for kind, key, attr in
                           (d.split("\t") for d in data["deps"])]
            record.dep_values = list(data["dep_values"])
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return Record()
        return record

    def save(self, record: Record, last: Record) -> None:
        """Write `record`; shards holding only pages as `last` had them are left as they are."""
        # Rows read and not changed since are written back as they are, in the numbering read;
        # once most of that numbering is of pages gone, everything is numbered afresh.
        keep = len(record.paths) <= 2 * len(record.pages) + 1000 and len(last.shards) == SHARDS
        number = {p: i for i, p in enumerate(record.paths)} if keep else {}
        shards: list[list] = [[] for _ in range(SHARDS)]
        dirty = set() if keep else set(range(SHARDS))
        dirty.update(_shard(p) for p in last.pages.keys() - record.pages.keys())
        for path, page in record.pages.items():
            k = _shard(path)
            if keep and page.row is not None:
                shards[k].append(page.row)
                continue
            dirty.add(k)
            lines: dict[str, int] = {}
            flat = []
            for target, line in page.links:
                flat += [number.setdefault(target, len(number)), lines.setdefault(line, len(lines))]
            shards[k].append([number.setdefault(path, len(number)), *page.file, int(page.clean), page.key,
                              _packed(page.deps), list(lines), _packed(flat), page.title])
        digests = list(last.shards) if keep else [""] * SHARDS
        for k in sorted(dirty):
            digests[k] = _write(self.shard_path(k), {"rows": shards[k]})
        read = [[*key, s.title, s.date, s.text, s.sha256, s.url, s.publisher] for key, s in record.read.items()]
        _write(self.read_path, {"code": record.code, "read": read})
        _write(self.pages_path, {
            "code": record.code, "deps": ["\t".join((k, i, a or "")) for k, i, a in record.deps],
            "dep_values": record.dep_values, "paths": list(number), "shards": digests})
        _write(self.summary_path, {
            "code": record.code, "inputs": record.inputs, "content": record.content, "sources": record.sources,
            "problems": [[p.path, p.message, p.severity, p.line] for p in record.problems],
            "conflicts": record.conflicts})

    def forget(self) -> None:
        """The files that name what is current: without them, shards are not trusted, and a
        stale memo of sources is harmless."""
        self.summary_path.unlink(missing_ok=True)
        self.pages_path.unlink(missing_ok=True)


def _shard(path: str) -> int:
    return zlib.crc32(path.encode()) % SHARDS


def _read(path: Path) -> tuple[dict, str]:
    """A record file: a header line naming the format and the body's hash, then the body.
    Returns the body and its hash."""
    head, _, body = path.read_bytes().partition(b"\n")
    digest = hashlib.sha256(body).hexdigest()
    if json.loads(head) != {"format": FORMAT, "body": digest}:
        raise ValueError(f"{path.name}: another format, or damaged")
    data = json.loads(body)
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: not a record")
    return data, digest


def _write(path: Path, data: dict) -> str:
    """Write a record file atomically; returns the body's hash."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    digest = hashlib.sha256(body).hexdigest()
    header = json.dumps({"format": FORMAT, "body": digest}).encode()
    write_atomic(path, header + b"\n" + body)
    return digest


def _packed(numbers: list[int]) -> str:
    """A list of numbers as base64 of 32-bit integers: quick to write and to read back."""
    return base64.b64encode(array.array("I", numbers).tobytes()).decode()


def _numbers(packed: str) -> list[int]:
    numbers = array.array("I")
    numbers.frombytes(base64.b64decode(packed, validate=True))
    return numbers.tolist()


# --- rendering only what changed -----------------------------------------------------

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

    def __init__(self, graph, flag: list):
        self._graph, self._flag = graph, flag

    def __getattr__(self, name):
        self._flag[0] = True
        return getattr(self._graph, name)


def dep_value(renderer: Renderer, dep: tuple[str, str, str | None]) -> str:
    """The value a page saw, as a short string: short text as itself, anything else hashed."""
    kind, key, attr = dep
    item = dict.get(getattr(renderer, _TABLES[kind]), key)
    if attr is None:
        value = item is not None
    else:
        value = None if item is None else item if attr == "*" else getattr(item, attr, None)
    if type(value) is str and len(value) <= 100:
        return "s" + value
    if value is None or type(value) in (bool, int):
        return f"v{value!r}"
    return "h" + hashlib.sha256(_pickled(value)).hexdigest()[:24]


_TABLES = {"actor": "actors", "event": "events", "agreement": "agreements", "source": "sources"}


class MemoRenderer(Renderer):
    """Renders only pages whose context or looked-up attributes changed since the record;
    the others come back with `text=None`: what is on disk is still what they would be."""

    def __init__(self, graph, record: Record, reusable: set[str], progress=None):
        super().__init__(graph)
        self._graph = graph
        self._tick = progress("rendering", len(graph.actors) + len(graph.events) + len(graph.agreements)
                              + len(graph.sources) + 6) if progress else (lambda n=1: None)
        self._watch: list = []
        for kind, attr in _TABLES.items():
            setattr(self, attr, _Table(kind, getattr(self, attr), self._watch))
        self.record = record
        # Which of the record's dependencies still hold their value.
        self._values = {d: dep_value(self, d) for d in record.deps}
        self._dep_ok = [self._values[d] == v for d, v in zip(record.deps, record.dep_values)]
        self._reusable = reusable
        # Numbers stay those of the record, so that a reused page keeps its list as it is.
        self.deps: dict[tuple, int] = {d: i for i, d in enumerate(record.deps)}
        self.made: dict[str, tuple[str | None, list[int]]] = {}   # path -> (key, dependency indices)
        self.reused: set[str] = set()
        self.renumbered = False         # set when the dependency table is renumbered

    def render(self, template: str, path: str, page_id: str, **context) -> Page:
        self._tick(1)
        old = self.record.pages.get(path)
        # A page that read the whole graph last time (a listing) is rendered without a digest.
        key = None if old is not None and old.clean and old.key is None else \
            self._key(template, path, page_id, context)
        if old is not None and key is not None and path in self._reusable and old.key == key \
                and all(self._dep_ok[i] for i in old.deps):
            self.made[path] = (key, old.deps)
            self.reused.add(path)
            return Page(path, page_id, None)
        seen: set = set()
        flag = [False]
        own = _own(page_id)
        self.graph = _Whole(self._graph, flag)
        self._watch.append(seen)
        try:
            page = super().render(template, path, page_id,
                                  **{name: _watched(value, seen, own) for name, value in context.items()})
        finally:
            self._watch.pop()
            self.graph = self._graph
        if not flag[0] and key is None:
            key = self._key(template, path, page_id, context)
        self.made[path] = (None if flag[0] else key, sorted(self._index(d) for d in seen))
        return page

    def _index(self, dep: tuple) -> int:
        if dep not in self.deps:
            self.deps[dep] = len(self.deps)
        return self.deps[dep]

    def dep_table(self) -> tuple[list, list[str]]:
        """The dependencies and their values now. When most are no longer any page's, the
        table is renumbered without them (and `made` with it)."""
        deps = list(self.deps)
        used = {i for _, numbers in self.made.values() for i in numbers}
        if len(deps) > 2 * len(used) + 1000:
            keep = sorted(used)
            self.renumbered = True
            renumber = {old: new for new, old in enumerate(keep)}
            self.made = {p: (k, [renumber[i] for i in numbers]) for p, (k, numbers) in self.made.items()}
            deps = [deps[i] for i in keep]
            self.deps = {d: i for i, d in enumerate(deps)}
        return deps, [self._values.get(d) or dep_value(self, d) for d in deps]

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
    return (kind, item) if kind in _TABLES else None


def _feed(value, parts: list[str], own) -> None:
    """`value` as strings in `parts`, each tagged and sized so that no two values read alike."""
    kind = _KINDS.get(type(value))
    if kind is not None:
        if (kind, value.id) == own:
            parts.append("O" + _pickled(value).hex())
        else:
            parts.append(f"E{kind}:{value.id}")
    elif isinstance(value, str):
        parts.append(f"S{len(value)}:{value}")
    elif value is None or isinstance(value, (bool, int, float)):
        parts.append(f"V{value!r}")
    elif isinstance(value, (list, tuple)):
        parts.append(f"L{len(value)}")
        for item in value:
            _feed(item, parts, own)
    elif isinstance(value, dict):
        parts.append(f"D{len(value)}")
        for k, item in value.items():
            _feed(k, parts, own)
            _feed(item, parts, own)
    elif isinstance(value, _Body):
        parts.append("B" + _pickled(value.key).hex())
    elif dataclasses.is_dataclass(value):
        text = repr(value)          # a quote, a role: its fields, in order, by value
        parts.append(f"C{len(text)}:{text}")
    else:
        parts.append("P" + _pickled(value).hex())


def _watched(value, seen: set, own):
    """The context as the template sees it: every actor, event, agreement and source in it
    but the page's own watched."""
    kind = _KINDS.get(type(value))
    if kind is not None:
        return value if (kind, value.id) == own else _Looked(value, (kind, value.id), seen)
    if isinstance(value, list):
        return [_watched(v, seen, own) for v in value]
    if isinstance(value, tuple):
        return tuple(_watched(v, seen, own) for v in value)
    if isinstance(value, dict):
        return {k: _watched(v, seen, own) for k, v in value.items()}
    return value
