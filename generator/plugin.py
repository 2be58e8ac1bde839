"""The MkDocs plugin: `mkdocs build` and `mkdocs serve` regenerate content/ first.

Options live under `plugins: - briefing:` in mkdocs.yml, the same entry the CLI reads.
Generation writes only pages whose bytes change, so `mkdocs serve` is not woken by its own output,
and the build renders only pages whose inputs changed (`sitebuild`).
"""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from generator.read.frontmatter import hidden, read_front_matter
from generator.write.unpublished import plain_exclusions
from .config import DEFAULTS, settings_from, with_site
from .exceptions import BriefingError
from .sitebuild import KeptPage, PageReuse

log = logging.getLogger("mkdocs.plugins.briefing")
SKIP_ENV = "BRIEFING_SKIP_GENERATE"   # set by `briefing build`, which has just generated


class BriefingConfig(base.Config):
    sources = c.Type(str, default=DEFAULTS["sources"])
    model = c.Optional(c.Type((str, list)))
    cache_dir = c.Type(str, default=DEFAULTS["cache_dir"])
    jobs = c.Type(int, default=DEFAULTS["jobs"])
    max_source_bytes = c.Type(int, default=DEFAULTS["max_source_bytes"])
    aliases = c.Type(dict, default={})
    ignore = c.Type(list, default=[])
    incremental = c.Type(bool, default=DEFAULTS["incremental"])
    publish_sources = c.Type(str, default=DEFAULTS["publish_sources"])
    executor = c.Type(str, default=DEFAULTS["executor"])
    scheduler = c.Optional(c.Type(str))
    search_sources = c.Optional(c.Type(bool))


class BriefingPlugin(BasePlugin[BriefingConfig]):
    command = "build"
    dirty = False
    reuse: PageReuse | None = None

    def _settings(self, config):
        config_file = Path(config.config_file_path).resolve()
        settings = with_site(settings_from(config_file.parent, dict(self.config), config.docs_dir), config)
        settings.config_file = config_file
        return settings

    def on_config(self, config):
        """MkDocs reads `exclude_docs` without the lines generation writes there for Zensical
        (the pages hidden by hand): `on_files` leaves those pages out itself, as a page missing
        from the site, so that a link to one is reported as broken, as `briefing check` does."""
        spec = config.exclude_docs
        if spec is not None:
            lines = [p.pattern for p in spec.patterns]
            kept = plain_exclusions(lines)
            if kept != lines:
                config.exclude_docs = type(spec).from_lines(kept)
        return config

    def on_startup(self, *, command, dirty):
        self.command, self.dirty = command, dirty

    def on_pre_build(self, config) -> None:
        try:
            settings = self._settings(config)
        except BriefingError as err:
            raise PluginError(err.message) from None
        # A dirty build renders only pages newer than their HTML, and writes no whole record.
        self.reuse = PageReuse(config, settings.cache_dir, self.command,
                               enabled=settings.incremental and not self.dirty)
        if not os.environ.get(SKIP_ENV):
            self._generate(settings)
        # Last, as MkDocs empties the site folder next: a build that stops before keeps its site.
        self.reuse.set_aside()

    def _generate(self, settings) -> None:
        from .generate import generate

        try:
            report = generate(settings, need_graph=False)
        except BriefingError as err:
            raise PluginError(err.message) from None
        for problem in report.problems:
            log.warning(str(problem)) if problem.severity == "error" else log.info(str(problem))
        if report.written or report.deleted:
            written = len(report.written)
            log.info(f"briefing: {written} page{'' if written == 1 else 's'} written, {len(report.deleted)} deleted")

    def on_page_markdown(self, markdown, page, config, files):
        """The theme puts a page's front-matter title into the HTML unescaped; titles hold names
        as the sources wrote them, so they are escaped here to stay text. Front matter MkDocs
        could not read is left in the Markdown: it is taken out, never published as a paragraph
        (`briefing check` and the generator report it)."""
        if isinstance(page, KeptPage):
            return markdown         # read and rendered by the build that kept it
        front = read_front_matter(markdown)
        if front.broken:
            log.info(f"briefing: {page.file.src_uri}:{front.line}: {front.error}")
            markdown = markdown[front.end:]
        if page.meta.get("title") is not None:
            # Generated titles come with "<" and ">" as entities already (`mdtext.title_text`):
            # unescaped first, so that they are escaped once, as a human's are.
            page.meta["title"] = html.escape(html.unescape(str(page.meta["title"])))
        if hidden(page.meta):      # not Material's (a list): a page kept unpublished never gets here
            del page.meta["hide"]
        return markdown

    def on_nav(self, nav, config, files):
        if self.reuse is not None:
            self.reuse.choose(nav, files)
        return nav

    def on_env(self, env, config, files):
        return self.reuse.env(env) if self.reuse is not None else env

    def on_pre_page(self, page, config, files):
        return self.reuse.page(page) if self.reuse is not None else page

    def on_post_page(self, output, page, config):
        return self.reuse.output(output, page) if self.reuse is not None else output

    def on_post_build(self, config):
        if self.reuse is not None:
            self.reuse.finish(succeeded=True)
            self.reuse = None

    def on_build_error(self, error):
        if self.reuse is not None:
            self.reuse.finish(succeeded=False)
            self.reuse = None

    def on_files(self, files, config):
        """Pages a human hid (`hide: true`) stay in content/, so the decision is kept, but are
        not published. A page whose front matter is broken keeps the decision it last made."""
        from generator.incremental.record import Store

        last_good = None

        def judge(src_uri: str, text: str) -> tuple[bool, bool]:
            nonlocal last_good
            front = read_front_matter(text)
            if not front.broken:
                return hidden(front.meta), True
            if last_good is None:
                settings = self._settings(config)
                last_good = Store(settings.cache_dir, settings.content).curation()
            return hidden(last_good.get(Path(src_uri).as_posix(), {})), False

        if self.reuse is None:
            self.reuse = PageReuse(config, self._settings(config).cache_dir, self.command, enabled=False)
        for src_uri in self.reuse.scan(files, judge):
            files.remove(files.get_file_from_path(src_uri))
        return files

    def on_serve(self, server, config, builder):
        server.watch(str(self._settings(config).sources))
        return server
