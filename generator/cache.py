"""The extraction cache: one JSON file per source, keyed by (text hash, pipeline fingerprint).

An entry is trusted only if it parses, names the same key, and rebuilds into DocFacts;
anything else is ignored and rebuilt. A folder CI can keep between runs.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from .model import DocFacts, from_dict, to_dict

FORMAT = 1


class FactsCache:
    def __init__(self, folder: Path, fingerprint: str):
        self.folder = folder
        self.fingerprint = fingerprint

    def _path(self, sha256: str) -> Path:
        return self.folder / self.fingerprint / sha256[:2] / f"{sha256}.json"

    def get(self, sha256: str, source_id: str) -> DocFacts | None:
        try:
            data = json.loads(self._path(sha256).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT or data.get("fingerprint") != self.fingerprint \
                    or data.get("sha256") != sha256:
                return None
            facts = from_dict(DocFacts, data["facts"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        if facts.sha256 != sha256:
            return None
        # The same text under another name: facts are about the text, the id is the file's.
        return facts if facts.source_id == source_id else DocFacts(**{**facts.__dict__, "source_id": source_id})

    def put(self, facts: DocFacts) -> None:
        path = self._path(facts.sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps({"format": FORMAT, "fingerprint": self.fingerprint,
                              "sha256": facts.sha256, "facts": to_dict(facts)},
                             ensure_ascii=False, separators=(",", ":"))
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(payload)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
