"""Whole-file writes that a reader, or a run killed half way, never sees half done.

Every file the generator writes goes through `write_new` and `rename`: the two steps the disk
can refuse (a full disk, a folder made read-only), and the seam where tests put such faults."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_new(fd: int, data: bytes, mode: int | None = None) -> None:
    """Write `data` to a temporary file just opened as `fd`, and close it; with `mode`, the
    file gets that mode (the one of the file it is to replace)."""
    with os.fdopen(fd, "wb") as handle:
        if mode is not None:
            os.fchmod(handle.fileno(), mode)
        handle.write(data)


def rename(tmp: str | Path, path: str | Path) -> None:
    """Put the temporary file in place of `path`, in one step."""
    os.replace(tmp, path)


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        write_new(fd, data)
        rename(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
