"""`briefing accept`: settle a hand edit inside a generated region.

Keeping the human's version records, in `content/.briefing/accepted.json`, the checksum of what
they wrote and of what the generator would write there. While both stay the same, the page is
updated around that region as if nobody had touched it, and `check` is quiet. When the sources
change what the generator would write there, the conflict is back. Taking the generator's
version puts its text in the region (from `page.md.generated`) and drops any such record.

`settle` is pure; `accept` and the state functions do the I/O.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from generator.atomic import write_atomic
from generator.atomic import as_read, write_if_changed
from generator.exceptions import BriefingError
from generator.read.markers import checksum, region, regions
from .merge import MergeResult

STATE = ".briefing"
ACCEPTED = "accepted.json"

# page path -> region name -> [checksum of the human's body, checksum of the generator's body]
Accepted = dict[str, dict[str, list[str]]]


def read_accepted(content: Path) -> Accepted:
    try:
        data = json.loads((content / STATE / ACCEPTED).read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    pages = data.get("pages") if isinstance(data, dict) else None
    if not isinstance(pages, dict):
        return {}
    return {path: {name: list(sums) for name, sums in kept.items()
                   if isinstance(sums, list) and len(sums) == 2 and all(isinstance(s, str) for s in sums)}
            for path, kept in pages.items() if isinstance(path, str) and isinstance(kept, dict)}


def save_accepted(content: Path, accepted: Accepted) -> None:
    accepted = {path: dict(sorted(kept.items())) for path, kept in sorted(accepted.items()) if kept}
    if accepted == read_accepted(content):
        return
    text = json.dumps({"pages": accepted}, indent=1, sort_keys=True) + "\n"
    write_atomic(content / STATE / ACCEPTED, text.encode("utf-8"))


def settled(body: str, generated: str, sums: list[str] | None) -> bool:
    """Whether a region a human edited (`body`) is one they accepted against what the generator
    writes there now (`generated`)."""
    return sums is not None and sums == [checksum(body), checksum(generated)]


def settle(old: str | None, new: str, result: MergeResult, accepted: dict[str, list[str]] | None) -> MergeResult:
    """A merge whose conflicts a human accepted (`accepted`: region -> sums, for this page) is
    no conflict: the new page with their version of those regions, as they wrote it."""
    if not accepted or not result.conflicts or old is None:
        return result
    fresh = {r.name: r.body for r in regions(new)}
    mine = {r.name: r for r in regions(old)}
    done = {name for name in result.conflicts
            if name in fresh and settled(mine[name].body, fresh[name], accepted.get(name))}
    if not done:
        return result
    text = result.generated or ""
    for r in reversed(regions(text)):       # from the end: earlier offsets stay right
        if r.name in done:
            text = text[:r.start] + old[mine[r.name].start:mine[r.name].end] + text[r.end:]
    left = tuple(n for n in result.conflicts if n not in done)
    return MergeResult(old, left, text) if left else MergeResult(text)


def conflicted(text: str, generated: str | None, accepted: dict[str, list[str]] | None) -> list[str]:
    """The regions of a page a human edited and has not settled: accepted regions count while
    the generator's version beside the page (`generated`, if any) is the one accepted."""
    others = {r.name: r.body for r in regions(generated)} if generated is not None else {}
    found = []
    for r in regions(text):
        if not r.edited:
            continue
        sums = (accepted or {}).get(r.name)
        if sums and sums[0] == checksum(r.body) and (r.name not in others or checksum(others[r.name]) == sums[1]):
            continue
        found.append(r.name)
    return found


# --- the command -------------------------------------------------------------------------------

def page_in(content: Path, page: str) -> str:
    """A page as the user names it (from here, or from content/), as a path in content/."""
    for candidate in (Path(page), content / page):
        try:
            rel = candidate.resolve().relative_to(content.resolve()).as_posix()
        except ValueError:
            continue
        if (content / rel).is_file():
            return rel
    raise BriefingError(f"{page}: no such page in {content}; name it as `briefing check` does "
                        "(events/x.md)")


def accept(content: Path, page: str, name: str | None = None, generated: bool = False) -> str:
    """Keep the human's version of the page's edited regions (or of region `name`), or with
    `generated` take the generator's. Returns one line saying what was done."""
    path = page_in(content, page)
    target = content / path
    beside = target.with_name(target.name + ".generated")
    text = as_read(target.read_bytes())
    try:
        new = as_read(beside.read_bytes())
    except FileNotFoundError:
        new = None
    state = read_accepted(content)
    kept = state.get(path, {})
    edited = conflicted(text, new, kept)
    every = [r.name for r in regions(text)]
    if name is not None and name not in every:
        raise BriefingError(f"{path}: no generated region {name!r}; its regions are {', '.join(every)}")
    chosen = [name] if name is not None else edited
    if not chosen or (name is not None and name not in edited and not generated):
        return f"{path}: no hand edit to settle{f' in {name}' if name else ''}"
    fresh = {r.name: r.body for r in regions(new)} if new is not None else {}
    if generated:
        for r in reversed(regions(text)):
            if r.name in chosen:
                # Without a new version beside the page, the region is emptied with a valid
                # checksum: the next `generate` fills it.
                text = text[:r.start] + region(r.name, fresh.get(r.name, "")) + text[r.end:]
                kept.pop(r.name, None)
        write_if_changed(target, text, keep_crlf=True)
        how = "the generator's version" + ("" if new is not None else "; `briefing generate` fills them in")
    else:
        mine = {r.name: r for r in regions(text)}
        for region_name in chosen:
            body = mine[region_name].body
            # Accepted against what the generator writes now: the version beside the page, or,
            # if none, the one the human edited (the checksum its end marker still carries).
            against = fresh[region_name] if region_name in fresh else None
            kept[region_name] = [checksum(body), checksum(against) if against is not None
                                 else _marker_sum(text, region_name)]
        how = "your version, until the sources change what the generator writes there"
    state[path] = kept
    save_accepted(content, state)
    if not conflicted(text, new, kept) and new is not None:
        beside.unlink(missing_ok=True)
    return f"{path}: region(s) {', '.join(chosen)} now keep {how}"


def _marker_sum(text: str, name: str) -> str:
    found = re.search(rf"<!-- briefing:end {re.escape(name)} ([0-9a-f]{{12}}) -->", text)
    return found[1] if found else ""


def commands(path: str, names: list[str]) -> str:
    """What resolves a conflict, as `check` and `generate` say it."""
    one = f" {names[0]}" if len(names) == 1 else ""
    return (f"`briefing accept {posixpath.normpath(path)}{one}` keeps yours, "
            f"`briefing accept --generated {posixpath.normpath(path)}` takes the generator's")
