"""briefing-wiki: a folder of source documents in, a cross-linked wiki of actors, events and agreements out."""

__version__ = "0.1.0"
