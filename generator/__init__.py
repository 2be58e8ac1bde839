"""briefing-wiki: a folder of source documents in, a cross-linked wiki of actors, events and agreements out.

The Python API (see the README):

    from generator import load_settings, generate_wiki, knowledge_graph
    settings = load_settings("mkdocs.yml")
    graph = knowledge_graph(settings)        # writes no page
"""

from .version import __version__

_API = ("load_settings", "generate_wiki", "knowledge_graph", "export_graph", "check_pages", "build_site")
__all__ = list(_API)


def __getattr__(name: str):
    # Loaded on first use, so that `import generator` (and each command) stays light.
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'generator' has no attribute {name!r}")
