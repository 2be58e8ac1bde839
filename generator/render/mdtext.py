"""Source text made inert for a page: Markdown with nothing that could start markup, and
YAML scalars. Every piece of source text reaches a page through one of these two."""

from __future__ import annotations

import functools
import re
import urllib.parse

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


def url_link(url) -> Markup:
    """A source's address as a link when it is a web address (http or https), else as text: a
    `javascript:` or `file:` address stays words on the page. Every character that could end the
    link or start markup is percent-encoded, so the address cannot break out of it."""
    target = web_address(url)
    return Markup(f"[{md(str(url).strip())}]({target})") if target else md(str(url).strip())


def web_address(url) -> str | None:
    """A web address (http or https) made safe to put in a Markdown link, else None."""
    url = str(url).strip()
    scheme = url.split(":", 1)[0].lower()
    if scheme not in ("http", "https") or not url[len(scheme) + 1:].startswith("//") or not url.isprintable():
        return None
    return urllib.parse.quote(url, safe=_URL_SAFE)


# What a web address may keep as it is; "()<>\"'`" and spaces are encoded.
_URL_SAFE = "/:?#[]@!$&*+,;=%~-._"


def title_text(text) -> str:
    """A page title for its front matter. Themes put the front matter's title into the page as
    HTML, unescaped (Zensical; MkDocs too, but for the `briefing` plugin): a name from a source
    such as "<script>" must reach them as entities, so that no build can take it for markup.
    Only what opens or closes a tag, or an "&" that would read as an entity ("&lt;"), is written
    as an entity: "AT&T" stays as it is."""
    text = str(text)
    if "<" in text or ">" in text or _ENTITY.search(text):
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|\w+);")


def yaml_str(text) -> Markup:
    """A YAML double-quoted scalar: safe for any text, readable for ordinary names."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF
                      else f"\\U{ord(c):08x}" for c in escaped)
    return Markup(f'"{escaped}"')
