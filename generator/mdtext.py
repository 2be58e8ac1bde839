"""Source text made inert for a page: Markdown with nothing that could start markup, and
YAML scalars. Every piece of source text reaches a page through one of these two."""

from __future__ import annotations

import functools
import re

from markupsafe import Markup

# Python-Markdown honours a backslash only before these; <, >, & and | become entities.
# One pass of str.translate: & first becoming &amp; cannot touch the entities made here.
_ESCAPES = str.maketrans({**{c: "\\" + c for c in "\\`*_{}[]"},
                          "&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;"})
_SPACES = re.compile(r"\s+")
# Control characters are no text, and Python-Markdown marks its placeholders with \x02 and \x03.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_LINE_START = re.compile(r"^(\s*)(\d+)([.)])", re.M)
_BLOCK_START = {"-": "\\-", "+": "\\+", "#": "\\#", "!": "\\!", "=": "&#61;", "~": "&#126;",
                "?": "&#63;", ":": "&#58;"}


def md(text) -> Markup:
    """Source text as inert Markdown: every character that could start markup is escaped."""
    return _inert(str(text))


# Names and quotes recur on many pages: each is escaped once.
@functools.lru_cache(maxsize=1 << 16)
def _inert(text: str) -> Markup:
    if not text.isprintable() or "  " in text:     # isprintable(): no whitespace but " "
        text = _CONTROL.sub("", _SPACES.sub(" ", text))
    text = text.translate(_ESCAPES)
    if text[:1].isdigit() or text[:1] == " ":
        text = _LINE_START.sub(r"\1\2\\\3", text)
    # What may open a block at the start of a line: list, heading, setext rule, admonition, fence.
    # Up to three spaces may come first; escaping such a character mid-line costs nothing.
    at = len(text) - len(text.lstrip(" "))
    if text[at:at + 1] in _BLOCK_START:
        text = text[:at] + _BLOCK_START[text[at]] + text[at + 1:]
    return Markup(text)


def yaml_str(text) -> Markup:
    """A YAML double-quoted scalar: safe for any text, readable for ordinary names."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF
                      else f"\\U{ord(c):08x}" for c in escaped)
    return Markup(f'"{escaped}"')
