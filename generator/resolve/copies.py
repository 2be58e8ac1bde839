"""Sources that are the same story republished with small edits (the same wire story in two
papers): one telling with its copies, counted once wherever sources are counted."""

from __future__ import annotations

from generator.extract.shingles import SAMPLE, shingles
from generator.model import DocFacts, Source

_COPY_SIMILARITY = 0.7  # share of shingles two tellings of one wire story have in common
_MIN_SHINGLES = 20      # a text shorter than this is too short to call a copy


def copies_of(sources: list[Source], facts: dict[str, DocFacts]) -> dict[str, str]:
    """Each copy's id -> the id of the first telling (the earliest dated, then the first by id).
    Two texts are a copy when at least 70% of their shingles are shared (Jaccard). The samples
    kept with the facts find the candidates; only those are compared in full. Deterministic."""
    order = sorted(sources, key=lambda s: (s.date or "9999", s.id))
    text_of = {s.id: s.text for s in sources}
    whole: dict[str, frozenset[int]] = {}
    by_sample: dict[int, list[str]] = {}
    copy_of: dict[str, str] = {}
    for source in order:
        doc = facts.get(source.id)
        if doc is None or doc.shingles < _MIN_SHINGLES:
            continue
        seen: dict[str, int] = {}
        for h in doc.shingle_sample:
            for other in by_sample.get(h, ()):
                seen[other] = seen.get(other, 0) + 1
        for other in sorted(seen, key=lambda o: (-seen[o], o)):
            if seen[other] * SAMPLE < _COPY_SIMILARITY * min(doc.shingles, facts[other].shingles) / 2:
                break       # too few shared samples for the whole to be shared
            mine, theirs = (whole[i] if i in whole else whole.setdefault(i, shingles(text_of[i]))
                            for i in (source.id, other))
            if len(mine & theirs) >= _COPY_SIMILARITY * len(mine | theirs):
                copy_of[source.id] = copy_of.get(other, other)
                break
        if source.id not in copy_of:
            for h in doc.shingle_sample:
                by_sample.setdefault(h, []).append(source.id)
    return copy_of
