"""The Python API: what the `briefing` command does, as functions that take settings and
return data. `from generator import load_settings, generate_wiki, knowledge_graph, ...`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .config import Settings, load_settings
from .exceptions import BriefingError, Problem
from .model import Graph

__all__ = ["load_settings", "generate_wiki", "knowledge_graph", "export_graph", "check_pages", "build_site"]


def generate_wiki(settings: Settings):
    """Bring the pages folder up to date from the sources; the run's `Report` (pages written
    and deleted, conflicts, problems, and the graph)."""
    from .generate import generate

    return generate(settings)


def knowledge_graph(settings: Settings) -> Graph:
    """The knowledge graph `generate_wiki` would write, writing no page (only the extraction
    cache, so that what was parsed is not parsed again)."""
    from .knowledge import knowledge_graph as build

    return build(settings)[0]


def export_graph(settings: Settings) -> dict:
    """The graph as `briefing export` prints it (schema `briefing-graph/2`), as a dict."""
    from generator.resolve.export import graph_to_dict

    return graph_to_dict(knowledge_graph(settings))


def check_pages(settings: Settings) -> list[Problem]:
    """What `briefing check` reports on the pages folder: broken links, URL clashes, hand
    edits inside generated regions, unlinked pages."""
    from .check import check
    from generator.incremental.record import Store

    return check(settings.content, Store(settings.cache_dir, settings.content).curation())


def build_site(config_file: Path | str = "mkdocs.yml", *, strict: bool = True):
    """Generate, then build the site with MkDocs into its `site_dir`; the generation's report.
    Raises `BriefingError` when MkDocs fails."""
    from .plugin import SKIP_ENV

    config_file = Path(config_file)
    report = generate_wiki(load_settings(config_file, required=True))
    args = [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file)] + (["--strict"] if strict else [])
    # The plugin would generate again: this process has just done it.
    env = {**os.environ, SKIP_ENV: "1", "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    if done.returncode:
        raise BriefingError(f"mkdocs build failed:\n{done.stderr.strip()}")
    return report
