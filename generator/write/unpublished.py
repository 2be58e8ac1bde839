"""The pages a human hid (`hide: true`), listed in mkdocs.yml's `exclude_docs`.

The `briefing` MkDocs plugin leaves a hidden page out of the site while the page stays in
content/, keeping the decision. A site builder that runs no MkDocs plugin, such as Zensical,
reads `exclude_docs` instead, so the run lists every hidden page there, between two comment
lines of its own inside that setting:

    exclude_docs: |
      *.tmp                         (the human's patterns, kept as they are)
      # briefing:begin hidden
      /actors/some-name.md
      # briefing:end hidden

mkdocs.yml is the human's file: only the lines between the two markers are the run's, and
every other byte stays as it was. The plugin takes those lines out again for MkDocs, which
the plugin itself keeps hidden pages from (`plain_exclusions`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from generator.atomic import _as_saved, _look, _replace, as_read, seen_now
from generator.exceptions import Problem

BEGIN = "# briefing:begin hidden"
END = "# briefing:end hidden"
_KEY = re.compile(r"exclude_docs[ \t]*:(?P<value>.*)$")
# A literal block (`|`, `|-`, `|+`, with an optional indentation digit) and nothing but a comment after it.
_BLOCK = re.compile(r"[ \t]*\|[-+]?[1-9]?[-+]?[ \t]*(?:#.*)?")
_SPECIAL = re.compile(r"([\\*?\[\]!#])")


def pattern(path: str) -> str:
    """A gitignore-style pattern that matches the page at `path` (from content/) and nothing
    else: anchored at the top, its wildcard characters taken as themselves."""
    escaped = _SPECIAL.sub(r"\\\1", path)
    if escaped.endswith(" "):           # a trailing space is dropped unless escaped
        escaped = escaped[:-1] + "\\ "
    return "/" + escaped


def with_hidden(text: str, paths: Iterable[str]) -> str | None:
    """mkdocs.yml's `text` with its list of hidden pages made `paths`. None when it cannot be
    written without touching the human's own settings: `exclude_docs` is there but not a
    literal block (`exclude_docs: |`), or the settings inherit another file's (`INHERIT:`)."""
    wanted = [pattern(p) for p in sorted(set(paths))]
    lines = text.split("\n")
    found = _region(lines)
    if found is not None:
        begin, end, indent = found
        return "\n".join(lines[:begin + 1] + [indent + p for p in wanted] + lines[end:])
    key = next((i for i, line in enumerate(lines) if _KEY.match(line)), None)
    if key is None:
        if not wanted:
            return text
        if any(line.startswith("INHERIT:") for line in lines):
            return None         # a new `exclude_docs` here would replace the inherited one
        body = text if text.endswith("\n") or not text else text + "\n"
        block = ["", "# Pages hidden with `hide: true`, for site builders that run no MkDocs plugin.",
                 "exclude_docs: |", "  " + BEGIN, *("  " + p for p in wanted), "  " + END, ""]
        return body + "\n".join(block)
    if not _BLOCK.fullmatch(_KEY.match(lines[key])["value"]):
        return None
    last, indent = key, "  "
    for i in range(key + 1, len(lines)):
        line = lines[i]
        if not line.strip():
            continue
        if line[0] not in " \t":
            break
        if last == key:
            indent = line[:len(line) - len(line.lstrip())]
        last = i
    if not wanted:
        return text
    region = [indent + BEGIN, *(indent + p for p in wanted), indent + END]
    return "\n".join(lines[:last + 1] + region + lines[last + 1:])


def _region(lines: list[str]) -> tuple[int, int, str] | None:
    """Where the run's lines are: the begin marker's index, the end marker's, the indent."""
    begin = next((i for i, line in enumerate(lines) if line.strip() == BEGIN), None)
    if begin is None:
        return None
    end = next((i for i in range(begin + 1, len(lines)) if lines[i].strip() == END), None)
    if end is None:
        return None
    line = lines[begin]
    return begin, end, line[:len(line) - len(line.lstrip())]


def plain_exclusions(patterns: Iterable[str]) -> list[str]:
    """The lines of `exclude_docs` without the run's region: the human's own patterns."""
    kept, inside = [], False
    for line in patterns:
        if line.strip() == BEGIN:
            inside = True
        elif line.strip() == END and inside:
            inside = False
        elif not inside:
            kept.append(line)
    return kept


def list_hidden(config_file: Path | None, paths: Iterable[str]) -> Problem | None:
    """Bring the list of hidden pages in `config_file` up to date, writing only when it
    changes. A save the human makes meanwhile wins: the file is replaced only if it is still
    as it was read, and the next run lists the pages again."""
    if config_file is None:
        return None
    seen, before = _look(config_file)
    if before is None:
        return None
    try:
        text = as_read(before)
    except UnicodeDecodeError:
        return None             # reading the settings has said so already
    new = with_hidden(text, paths)
    if new is None:
        return Problem(config_file.name, "`exclude_docs` cannot list the pages hidden with `hide: true`, "
                       "so a site builder that runs no MkDocs plugin (Zensical) would publish them; "
                       "write it as a block, `exclude_docs: |`, with one pattern a line"
                       + (" (and keep it in this file, not the inherited one)"
                          if "INHERIT:" in text else ""))
    if new != text:
        _replace(config_file, _as_saved(new, before), before, new=False,
                 still=lambda: seen_now(config_file) == seen)
    return None
