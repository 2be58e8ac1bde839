"""The extraction cache: one file per source, keyed by everything its facts follow from: the
text (its hash), the date it was published (relative dates such as "on Tuesday" resolve against
it), and the pipeline (the fingerprint: model, its version, spaCy's, and the extraction code).
No other setting changes what extraction finds; one that did would go into the fingerprint.

An entry is a header line (format, fingerprint, text hash, date, hash of the body) and a body: the
facts as JSON rows, each dataclass a list of its fields in order. It is trusted only if the
header names the same key, the body has the hash the header says, and the rows rebuild into
DocFacts; anything else is ignored and rebuilt. A folder CI can keep between runs.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import types
import typing
from pathlib import Path

from generator.atomic import write_atomic
from generator.model import DocFacts

FORMAT = 4


class FactsCache:
    def __init__(self, folder: Path, fingerprint: str):
        self.folder = folder
        self.fingerprint = fingerprint
        self.unwritable: OSError | None = None      # the first write that failed: reported, not fatal

    def _path(self, sha256: str, date: str | None) -> Path:
        key = sha256 if date is None else hashlib.sha256(f"{sha256}\0{date}".encode()).hexdigest()
        return self.folder / self.fingerprint / key[:2] / f"{key}.json"

    def empty(self) -> bool:
        """No entry at all for this pipeline: a first run, or the model or generator changed."""
        return not (self.folder / self.fingerprint).is_dir()

    def has(self, sha256: str, date: str | None = None) -> bool:
        """Whether there is an entry: `get` still decides whether it can be used."""
        return self._path(sha256, date).exists()

    def get(self, sha256: str, source_id: str, date: str | None = None) -> DocFacts | None:
        """The facts of a text published on `date` (None: undated), as the source `source_id`."""
        try:
            data = self._path(sha256, date).read_bytes()
            head, _, body = data.partition(b"\n")
            header = json.loads(head)
            if header != {"format": FORMAT, "fingerprint": self.fingerprint, "sha256": sha256,
                          "date": date, "body": hashlib.sha256(body).hexdigest()}:
                return None
            facts = _decoder(DocFacts)(json.loads(body))
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            return None
        if facts.sha256 != sha256:
            return None
        # The same text under another name: facts are about the text, the id is the file's.
        return facts if facts.source_id == source_id else dataclasses.replace(facts, source_id=source_id)

    def put(self, facts: DocFacts, date: str | None = None) -> None:
        body = json.dumps(_rows(facts), ensure_ascii=False, separators=(",", ":")).encode()
        header = json.dumps({"format": FORMAT, "fingerprint": self.fingerprint, "sha256": facts.sha256,
                             "date": date, "body": hashlib.sha256(body).hexdigest()}).encode()
        try:
            write_atomic(self._path(facts.sha256, date), header + b"\n" + body)
        except OSError as err:      # a read-only or full cache: the facts are used, just not kept
            self.unwritable = self.unwritable or err


# --- rows: dataclasses as lists of their fields, which JSON stores compactly ------------

def _rows(value):
    cls = type(value)
    if cls in _PLAIN:
        return value
    names = _fields(cls)
    if names is not None:
        return [_rows(getattr(value, name)) for name in names]
    if isinstance(value, tuple):
        return [_rows(v) for v in value]
    return value


_PLAIN = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _fields(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass, looked up once per type (a document has thousands of rows)."""
    return tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None


@functools.cache
def _decoder(hint):
    """A function rebuilding a value of type `hint` from its rows, made once per type, or
    None when the JSON value is the value. Shapes are checked (a row of the wrong length
    raises); the header's hash of the body already vouches for every byte."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        load = _decoder(inner[0]) if len(inner) == 1 else None
        return None if load is None else (lambda v: None if v is None else load(v))
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return tuple if item is None else (lambda v: tuple(map(item, v)))
        return tuple
    if dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        names = [f.name for f in dataclasses.fields(hint)]
        loads = [_decoder(hints[name]) for name in names]
        new = object.__new__

        def load(v):
            if type(v) is not list:
                raise TypeError("expected a list")
            obj = new(hint)
            # Frozen: fill the instance's dict directly, as __init__ would but without its cost.
            obj.__dict__.update(zip(names, [x if f is None else f(x) for f, x in zip(loads, v, strict=True)],
                                    strict=True))
            return obj
        return load
    return None
