"""Whole-file writes that a reader, or a run killed half way, never sees half done.

Every file the generator writes goes through `write_new` and `rename`: the two steps the disk
can refuse (a full disk, a folder made read-only), and the seam where tests put such faults.
`write_if_changed` writes a page only when its bytes change, keeping the line ends and byte-order
mark an editor saved it with. Every stage writes through here, so it sits below them all."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
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
    """Write to a temporary file beside `path`, then rename it over `path`, as pages are
    written (`_replace`): made as any new file is (0666 less the umask), not private to its
    owner, since some are published (the redirect of a renamed page); and named as a later run
    removes it if this one is killed before the rename."""
    _replace(path, data, None, new=False)


# --- line ends and the disk ----------------------------------------------------------

BOM = "\ufeff"


def crlf(text: str) -> bool:
    """Every line ends in CRLF: an editor saved the whole page that way."""
    return "\r\n" in text and text.count("\n") == text.count("\r\n")


def to_lf(text: str) -> str:
    """A page saved with CRLF throughout, as LF; any other page as it is, byte for byte."""
    return text.replace("\r\n", "\n") if crlf(text) else text


def as_read(data: bytes) -> str:
    """A page's bytes as the generator reads them: without a byte-order mark (as Notepad saves
    a page), and as LF when saved with CRLF throughout. Writing puts both back (`_as_saved`).
    Raises UnicodeDecodeError for a file that is not UTF-8."""
    return to_lf(data.decode("utf-8").removeprefix(BOM))


def _as_saved(text: str, before: bytes | None) -> bytes:
    """`text` in the form of the file it replaces: its byte-order mark and CRLF line ends."""
    if before is None:
        return text.encode()
    old = before.decode(errors="replace")
    if crlf(old):
        text = text.replace("\n", "\r\n")
    if old.startswith(BOM) and not text.startswith(BOM):
        text = BOM + text
    return text.encode()


_TEMP = ".briefing-tmp"


def remove_leftovers(folder: Path) -> None:
    """Temporary files of a run killed between writing them and renaming them into place."""
    for tmp in folder.rglob(f".*{_TEMP}"):
        tmp.unlink(missing_ok=True)


def _replace(path: Path, data: bytes, before: bytes | None, new: bool,
             still: Callable[[], bool] = lambda: True) -> Seen:
    """Write `data` to a temporary file beside `path` and rename it into place, unless `still()`
    says, at the last moment, that the file is no longer what the data was made against.
    Returns the size and time of the file put in place (the rename keeps them), None if none was:
    what this run wrote, told apart from a save that lands on the page right after."""
    if not new:
        path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}{_TEMP}")
    try:
        # Created like any new file (0666 less the umask), or with the mode of the file it replaces.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        mode = None
        if before is not None:
            try:
                mode = stat.S_IMODE(path.stat().st_mode)
            except FileNotFoundError:
                pass
        write_new(fd, data, mode)
        if not still():
            Path(tmp).unlink(missing_ok=True)
            return None
        written = seen_now(tmp)
        rename(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return written


def write_if_changed(path: Path, text: str, keep_crlf: bool = False, new: bool = False) -> bool:
    """Write atomically (temporary file, then rename) and only when the bytes differ, so a
    reader never sees half a page and `mkdocs serve` is not woken by its own writes. With
    `keep_crlf`, a file that has CRLF line ends throughout keeps them. No fsync: the rename
    alone keeps readers from half a page, and syncing each of thousands of pages costs minutes.
    `new` says the caller knows there is no such file yet and its folder exists: a cold build
    of thousands of pages is spared a read, and a folder made, for each."""
    before = None
    if not new:
        try:
            before = path.read_bytes()
        except FileNotFoundError:
            pass
    data = _as_saved(text, before) if keep_crlf else text.encode()
    if before == data:
        return False
    return _replace(path, data, before, new) is not None


# --- a page written while a human may be saving it ------------------------------------------

Seen = tuple[int, int] | None       # (size, mtime_ns) of a file as a run found it; None: no file


def _look(path: Path) -> tuple[Seen, bytes | None]:
    """The file's size and time, and its bytes, read from one open file."""
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            return (info.st_size, info.st_mtime_ns), handle.read()
    except (FileNotFoundError, NotADirectoryError):
        return None, None


def seen_now(path: Path) -> Seen:
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return info.st_size, info.st_mtime_ns
