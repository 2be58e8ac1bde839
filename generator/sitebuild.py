"""The MkDocs build keeps the pages whose inputs did not change (`incremental.site` says which):
a kept page is neither read nor rendered; its HTML, anchors and search entries come from the
record of the last build, so that the site has the bytes a full build would give it.

A kept page goes through the build as a `KeptPage`, MkDocs' page with nothing to read or render
and an empty template, and the stored HTML is what the build writes. Pages in the navigation are
always rendered: they show their neighbours. Any plugin besides search and this one could make a
page follow from things the record does not know, so then every page is rendered, as with
`incremental: false` and `mkdocs serve --dirty`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import logging
import os
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from generator.incremental.record import code_digest
from generator.write.unpublished import plain_exclusions
from generator.incremental.site import Kept, SiteRecord, Source, link_targets, page_key, text_hash

log = logging.getLogger("mkdocs.plugins.briefing")

TEMPLATE = "briefing-kept-page.html"
_KNOWN_PLUGINS = {"search", "material/search", "briefing"}


class KeptPage(Page):
    """A page the last build left as it would be now: nothing to read, nothing to render."""

    def __init__(self, page: Page, kept: Kept):
        # The page MkDocs just made for the file, as it is: its address, canonical URL and date.
        self.__dict__.update(page.__dict__)
        self.file.page = self
        self.kept = kept

    def read_source(self, config) -> None:
        self.markdown, self.meta = "", {"template": TEMPLATE}

    def render(self, config, files) -> None:
        self.content = ""
        # Links to anchors are checked when the build ends, kept pages' as rendered ones'.
        self.present_anchor_ids = set(self.kept.anchors)
        self.links_to_anchors = {}
        for uri, anchors in self.kept.anchor_links.items():
            target = files.get_file_from_path(uri)
            if target is not None:
                self.links_to_anchors[target] = dict(anchors)


class _Problems(logging.Handler):
    """Counts what the build reports at warning level or above: such a build is not recorded."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


_ENV = re.compile(r"!ENV\s*\[?\s*([A-Za-z_][A-Za-z0-9_]*)")
_INHERIT = re.compile(r"^INHERIT:\s*['\"]?([^'\"\s#]+)", re.MULTILINE)


def _digest(config, nav, command: str) -> str:
    """Everything every page's HTML follows from: settings (with the environment variables and
    the file they name), theme, navigation, Python and the versions of every installed package,
    and the generator's code."""
    digest = hashlib.sha256()
    for part in (command, config.site_url or "", config.docs_dir, config.site_dir,
                 str(config.use_directory_urls), str(nav), code_digest(), sys.version):
        digest.update(part.encode() + b"\0")
    config_file = Path(config.config_file_path)
    settings = config_file.read_text(encoding="utf-8", errors="replace")
    # Without the pages the generator lists as hidden (for Zensical): which pages exist is part
    # of each page's own key, so hiding one page renders only the pages that link to it.
    digest.update("\n".join(plain_exclusions(settings.splitlines())).encode())
    for name in sorted(set(_ENV.findall(settings))):
        digest.update(f"\0{name}={os.environ.get(name)}".encode())
    for inherited in _INHERIT.findall(settings):
        try:
            digest.update((config_file.parent / inherited).read_bytes())
        except OSError:
            digest.update(b"\0missing")
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    digest.update("\n".join(packages).encode())
    custom = config.theme.custom_dir
    if custom:
        for path in sorted(Path(custom).rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(custom).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _search_entries(config) -> list | None:
    """The search plugin's list of index entries, which grows page by page."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and isinstance(getattr(index, "entries", None), list):
            return index.entries
    return None


class PageReuse:
    """One site build's kept pages. Made at `on_pre_build`; the plugin's hooks call it."""

    def __init__(self, config, cache_dir: Path, command: str, enabled: bool):
        self.config = config
        self.record: SiteRecord | None = None
        if enabled and set(config.plugins.keys()) <= _KNOWN_PLUGINS:
            where = hashlib.sha256(f"{config.config_file_path}\0{config.site_dir}".encode()).hexdigest()[:16]
            self.record = SiteRecord(cache_dir / "site", f"{command}-{where}")
        self.command = command
        self.sources: dict[str, Source] = {}
        self.kept: dict[str, Kept] = {}          # pages of this build taken from the record
        self.built: dict[str, Kept] = {}         # what this build gives the next one
        self.keys: dict[str, str] = {}
        self.search_mark = 0
        self.problems = _Problems()
        logging.getLogger("mkdocs").addHandler(self.problems)
        self.site: SiteFolder | None = None
        self.dests: dict[str, str] = {}         # page -> its HTML file in the site folder
        logging.getLogger("mkdocs.commands.build").addFilter(self._quiet)

    def set_aside(self) -> None:
        """Set the last site folder aside, for the kept pages to stay in (see `SiteFolder`)."""
        if self.record is not None and self.record.pages:
            self.site = SiteFolder(Path(self.config.site_dir))

    def _quiet(self, record: logging.LogRecord) -> bool:
        """MkDocs says it skipped a page it was given no HTML for: a kept page left in place."""
        if self.site is None or not self.site.in_place or record.levelno != logging.INFO:
            return True
        return record.getMessage() not in self.site.skipped

    def scan(self, files, judge: Callable[[str, str], tuple[bool, bool]]) -> set[str]:
        """Every page's file as this build finds it, read only when it changed since the last
        build; gives the pages kept unpublished. `judge(src_uri, text)` tells whether a page read
        is hidden, and whether by its text alone (else it is judged again next time)."""
        hidden = set()
        for file in files.documentation_pages():
            uri = file.src_uri
            try:
                stat = os.stat(file.abs_src_path)
                source = self.record.source(uri, stat.st_size, stat.st_mtime_ns) if self.record else None
                if source is None or source.hidden is None:
                    data = Path(file.abs_src_path).read_bytes()
                    text = data.decode("utf-8", errors="replace")
                    gone, settled = judge(uri, text)
                    source = Source(stat.st_size, stat.st_mtime_ns, text_hash(data),
                                    link_targets(uri, text), gone if settled else None)
                else:
                    gone = source.hidden
            except OSError:
                continue            # MkDocs reports the file it cannot read
            if gone:
                hidden.add(uri)
            else:
                self.sources[uri] = source
        return hidden

    def choose(self, nav, files) -> None:
        """Which pages are kept: those whose key is the one recorded (see `incremental.site`)."""
        if self.record is None:
            return
        self.record.digest = _digest(self.config, nav, self.command)
        published = {file.src_uri for file in files}
        in_nav = {page.file.src_uri for page in nav.pages}
        self.dests = {file.src_uri: file.dest_uri for file in files.documentation_pages()}
        for uri, source in self.sources.items():
            key = page_key(source.text_hash, source.links, published.__contains__)
            self.keys[uri] = key
            # A page whose front matter is broken is rendered each time, to report it each time.
            if uri in in_nav or source.hidden is None:
                continue
            kept = self.record.usable(uri, key)
            if kept is None:
                continue
            # Its file in the last site as that build left it, or else its HTML as stored.
            if self.site is not None and self.site.leave(uri, self.dests[uri], kept) \
                    or self.record.html(kept) is not None:
                self.kept[uri] = kept

    def page(self, page: Page) -> Page:
        """The page the build goes on with: a `KeptPage` for a kept one."""
        kept = self.kept.get(page.file.src_uri)
        return KeptPage(page, kept) if kept is not None else page

    def env(self, env: jinja2.Environment) -> jinja2.Environment:
        if self.kept:
            env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({TEMPLATE: ""}), env.loader])
        return env

    def output(self, html: str, page: Page) -> str:
        """The HTML written for a page: a kept page's stored HTML; a rendered page's is stored,
        with its anchors and search entries."""
        uri = page.file.src_uri
        entries = _search_entries(self.config)
        added = entries[self.search_mark:] if entries is not None else []
        if isinstance(page, KeptPage):
            if entries is not None:
                del entries[self.search_mark:]
                entries.extend(dict(entry) for entry in page.kept.search)
            self.built[uri] = dataclasses.replace(page.kept, source=self.sources[uri])
            if self.site is not None and uri in self.site.in_place:
                html = ""           # MkDocs writes nothing; the last build's file stays
            else:
                stored = self.record.html(page.kept)
                if stored is None:  # it was there when the build began
                    self.record.forget()
                    raise PluginError(f"{self.record.store}: a stored page changed during the build; "
                                      "build again (every page will be rendered)")
                html = stored.decode("utf-8")
        elif self.record is not None and uri in self.keys:
            name, size = self.record.keep(html.encode("utf-8", errors="xmlcharrefreplace"))
            anchor_links = {target.src_uri: dict(links) for target, links in (page.links_to_anchors or {}).items()}
            self.built[uri] = Kept(self.keys[uri], name, size, 0, tuple(sorted(page.present_anchor_ids or ())),
                                   tuple(dict(entry) for entry in added), self.sources[uri], anchor_links)
        if entries is not None:
            self.search_mark = len(entries)
        return html

    def finish(self, succeeded: bool) -> None:
        """Put the site folder together and record the build for the next one, unless it reported
        a problem."""
        logging.getLogger("mkdocs").removeHandler(self.problems)
        logging.getLogger("mkdocs.commands.build").removeFilter(self._quiet)
        if self.site is not None:
            self.site.finish(succeeded)
        if self.record is None:
            return
        if succeeded and not self.problems.count:
            folder = Path(self.config.site_dir)
            for uri, kept in list(self.built.items()):
                if self.site is None or uri not in self.site.in_place:
                    try:
                        mtime = os.stat(folder / self.dests[uri]).st_mtime_ns
                    except (OSError, KeyError):
                        mtime = 0
                    self.built[uri] = dataclasses.replace(kept, mtime_ns=mtime)
            self.record.save(self.built)
            if self.kept:
                log.info(f"briefing: {len(self.kept)} of {len(self.built)} pages kept from the last build")
        else:
            self.record.forget()


class SiteFolder:
    """The site folder of the last build, set aside while MkDocs builds a new one into an empty
    folder, so that kept pages whose files are as the last build left them (same size and time)
    stay where they are instead of being deleted and written again. At the end the new build's
    files go into it, files a full build would not have are removed, and it takes its place
    again: the same files a full build leaves."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.last: Path | None = folder.with_name(f".{folder.name}.briefing-last")
        self.in_place: dict[str, str] = {}      # page -> its HTML file, left as it was
        self.skipped: set[str] = set()
        try:
            if self.last.exists():              # left by a build that was stopped
                shutil.rmtree(self.last)
            os.replace(folder, self.last)
        except OSError:
            self.last = None                    # every page is written, as MkDocs does

    def leave(self, uri: str, dest: str, kept: Kept) -> bool:
        """Whether a kept page's file in the last site is the one recorded, and so stays."""
        if self.last is None:
            return False
        try:
            stat = os.stat(self.last / dest)
        except OSError:
            return False
        if (stat.st_size, stat.st_mtime_ns) != (kept.size, kept.mtime_ns):
            return False
        self.in_place[uri] = dest
        self.skipped.add(f"Page skipped: '{uri}'. Generated empty output.")    # what MkDocs says then
        return True

    def finish(self, succeeded: bool) -> None:
        if self.last is None:
            return
        if not succeeded:
            if self.folder.exists():    # what MkDocs wrote before it stopped, as without this
                shutil.rmtree(self.last, ignore_errors=True)
            else:                       # it stopped before it wrote anything
                os.replace(self.last, self.folder)
            return
        new = self.folder
        written = set()
        for root, _, names in os.walk(new):
            for name in names:
                written.add(Path(root, name).relative_to(new).as_posix())
        for rel in sorted(written):
            _move(new / rel, self.last / rel)
        wanted = written | set(self.in_place.values())
        emptied = set()
        for root, dirs, names in os.walk(self.last):
            at_top = Path(root) == self.last
            if at_top:          # MkDocs keeps the hidden files and folders at the top
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                names = [n for n in names if not n.startswith(".")]
            for name in names:
                if Path(root, name).relative_to(self.last).as_posix() not in wanted:
                    os.unlink(os.path.join(root, name))
                    emptied.add(root)
        for root in sorted(emptied, key=len, reverse=True):
            path = Path(root)
            while path != self.last:
                try:
                    path.rmdir()
                except OSError:
                    break       # not empty
                path = path.parent
        shutil.rmtree(new)
        os.replace(self.last, new)


def _move(source: Path, target: Path) -> None:
    """Move a file to `target`, making its folder, and replacing what is in the way."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):      # a file where a folder is to be
        for folder in reversed(target.parents):
            if folder.is_file():
                folder.unlink()
        target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    os.replace(source, target)
