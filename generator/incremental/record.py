"""The record of the last `generate`, kept in the cache folder, one per content folder:

- the inputs of the last run (generator code, settings, the sources' sizes and times) and the
  listing of content/ as that run left it, with the problems it reported: when neither changed,
  there is nothing to do;
- the sources as read, by file size and time: a file not touched is not read again;
- for every page: its links and title, and for a page the generator wrote and nobody has
  touched since (same size and time on disk) what it was rendered from (see `render.memo`);
  and a digest of every actor, event, agreement and source the pages were rendered from.

Every file carries the hash of its body and is ignored when that does not match: a missing,
stale or damaged record only means more work, it is never trusted over what is on disk.
"""

from __future__ import annotations

import array
import base64
import binascii
import hashlib
import json
import os
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.version import __version__
from generator.atomic import write_atomic
from generator.exceptions import Problem
from generator.model import Source

FORMAT = 1


# --- what a run reads ------------------------------------------------------------------

def code_digest() -> str:
    """Every file of the generator package: a change to any rule or template redoes everything."""
    here = Path(__file__).parent.parent      # the generator package
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
    # A path holds no NUL, and sizes and times are digits: one line per file reads one way only.
    lines = "\n".join(f"{path}\0{size}\0{mtime}" for path, (size, mtime) in sorted(files.items()))
    return hashlib.sha256(lines.encode(errors="surrogateescape")).hexdigest()


# --- the record ----------------------------------------------------------------------

class PageRecord:
    """What the record says of one page. Read from a row, its links and dependencies are
    decoded only when asked for: most pages of a large wiki are only looked at."""

    __slots__ = ("file", "clean", "key", "title", "row", "_deps", "_links", "_paths")

    def __init__(self, file: tuple[int, int], clean: bool, key: str | None, deps: list[int] | None,
                 links: list[tuple[str, str]] | None, title: str, row: list | None = None,
                 paths: list[str] | None = None):
        self.file = file                # (size, mtime_ns) right after the run left it
        self.clean = clean              # exactly as rendered (no human text): may be reused
        self.key = key                  # digest of the template's context; None: render every time
        self.title = title
        self.row, self._paths = row, paths      # as read: written back as is
        self._deps, self._links = deps, links

    def moved(self, file: tuple[int, int]) -> PageRecord:
        """The same record for the file rewritten (its backlinks changed)."""
        row = None if self.row is None else [self.row[0], *file, *self.row[3:]]
        return PageRecord(file, self.clean, self.key, self._deps, self._links, self.title, row, self._paths)

    @property
    def deps(self) -> list[int]:
        """Indices into Record.deps: what the page looked up elsewhere."""
        if self._deps is None:
            self._deps = _numbers(self.row[5])
        return self._deps

    @property
    def links(self) -> list[tuple[str, str]]:
        """(target page, the line that links), backlinks excluded."""
        if self._links is None:
            self._links = self.links_among(None)
        return self._links

    def links_among(self, wanted: set[str] | None, numbers: set[int] | None = None) -> list[tuple[str, str]]:
        """The links to pages in `wanted` (all, with None), decoding no more than needed.
        `numbers`: those pages' numbers among the paths read (`Record.numbers`), with which
        a row that links none of them is passed over undecoded, as most are."""
        if self._links is not None:
            return [link for link in self._links if wanted is None or link[0] in wanted]
        flat = _array(self.row[7])
        if numbers is not None and numbers.isdisjoint(flat[0::2]):
            return []
        lines, paths = self.row[6], self._paths
        return [(paths[flat[i]], lines[flat[i + 1]]) for i in range(0, len(flat), 2)
                if wanted is None or paths[flat[i]] in wanted]


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
    deps_base: int = 0          # how many dependencies were in use when last counted
    entities: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, id) -> digest of the entity

    def numbers(self, paths: set[str]) -> set[int]:
        """The numbers of `paths` among the paths the rows read refer to."""
        return {n for n, path in enumerate(self.paths) if path in paths}


SHARDS = 256    # the pages' rows are split so that a run rewrites only the shards it changed


class Store:
    """The record of one content folder, kept in the cache folder: a small file with what a run
    that changes nothing needs; the sources as read; the dependencies and entity digests; and
    the pages, as a head (numbered paths, the hash of the dependencies' file) and shards of
    rows, each shard's hash in the head. Paths and link lines are written once each and
    referred to by number."""

    def __init__(self, cache_dir: Path, content: Path):
        name = hashlib.sha256(str(content.resolve()).encode()).hexdigest()[:16]
        # The first write that failed (a read-only or full cache folder): the record is then
        # left incomplete, which only means more work next time; the run reports it and goes on.
        self.unwritable: OSError | None = None
        self.folder = cache_dir / "state"
        self.summary_path = self.folder / f"{name}.json"
        self.pages_path = self.folder / f"{name}.pages.json"
        self.deps_path = self.folder / f"{name}.deps.json"
        self.read_path = self.folder / f"{name}.sources.json"
        self.curation_path = self.folder / f"{name}.curation.json"
        self.shard_path = lambda k: self.folder / f"{name}.pages" / f"{k:03d}.json"

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
                    if len(row) != 9:
                        raise ValueError("a row of another shape")
                    path, size, mtime, clean, key, _, _, _, title = row
                    record.pages[paths[path]] = PageRecord((size, mtime), bool(clean), key, None, None,
                                                           title, row, paths)
            deps, found = _read(self.deps_path)
            if found != data["deps"] or deps["code"] != code:
                return Record()
            record.deps = [(kind, key, attr or None) for kind, key, attr in
                           (d.split("\t") for d in deps["deps"])]
            record.dep_values = list(deps["dep_values"])
            record.deps_base = int(deps["deps_base"])
            record.entities = {tuple(ref.split("\t", 1)): value for ref, value in deps["entities"].items()}
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return Record()
        return record

    def _tried(self, write: Callable[[], str | None]) -> str:
        """What `write` returns, or "" (a hash nothing matches) when the cache cannot be written."""
        try:
            return write() or ""
        except OSError as err:
            self.unwritable = self.unwritable or err
            return ""

    def _save_deps(self, record: Record) -> str:
        """Write the dependencies, their values and the entity digests of `record` (the larger
        part of it); returns the hash that the head keeps."""
        return _write(self.deps_path, {
            "code": record.code, "deps": ["\t".join((k, i, a or "")) for k, i, a in record.deps],
            "dep_values": record.dep_values, "deps_base": record.deps_base,
            "entities": {"\t".join(ref): value for ref, value in record.entities.items()}})

    def save(self, record: Record, last: Record) -> None:
        """Write `record`; shards holding only pages as `last` had them are left as they are."""
        self._tried(lambda: self._save(record, last))

    def _save(self, record: Record, last: Record) -> None:
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
                if page is not last.pages.get(path):        # a row read, changed since
                    dirty.add(k)
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
        deps_digest = self._save_deps(record)
        _write(self.pages_path, {"code": record.code, "deps": deps_digest, "paths": list(number),
                                 "shards": digests})
        _write(self.summary_path, {
            "code": record.code, "inputs": record.inputs, "content": record.content, "sources": record.sources,
            "problems": [[p.path, p.message, p.severity, p.line] for p in record.problems],
            "conflicts": record.conflicts})

    def save_read(self, code: str, read: dict[tuple[str, int, int], Source]) -> None:
        """Write the sources as read, (source path, size, mtime_ns) -> source: a memo for the
        next run, right once the sources are read (a run that stops later leaves it true)."""
        rows = [[*key, s.title, s.date, s.text, s.sha256, s.url, s.publisher] for key, s in read.items()]
        self._tried(lambda: _write(self.read_path, {"code": code, "read": rows}))

    def curation(self) -> dict[str, dict]:
        """Page path -> the curation keys its front matter last set when it could be read: a
        page whose front matter a human has since broken keeps them until it is fixed."""
        try:
            data, _ = _read(self.curation_path)
            pages = data["pages"]
            return {path: values for path, values in pages.items() if isinstance(values, dict)}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}

    def save_curation(self, pages: dict[str, dict]) -> None:
        """Keep each page's last good curation; an unwritable cache only costs that memory."""
        if pages != self.curation():
            self._tried(lambda: _write(self.curation_path, {"pages": pages}))

    def forget(self) -> None:
        """The files that name what is current: without them, shards are not trusted, and a
        stale memo of sources is harmless. (Left there, they are still checked against the
        pages on disk and the run's inputs, which this run changes.)"""
        self._tried(lambda: self.summary_path.unlink(missing_ok=True))
        self._tried(lambda: self.pages_path.unlink(missing_ok=True))


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
    return _array(packed).tolist()


def _array(packed: str) -> array.array:
    numbers = array.array("I")
    numbers.frombytes(binascii.a2b_base64(packed, strict_mode=True))     # b64decode(validate=True), less wrapped
    return numbers
