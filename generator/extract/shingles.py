"""A text's signature for finding copies of one story among the sources (resolve.copies).

Made with the facts and kept with them in the extraction cache, so that a rebuild finds the
copies among all its sources without hashing every text again. Only a sample is kept: it
finds the few candidates, whose whole texts are then compared.
"""

from __future__ import annotations

import re
import zlib

_SHINGLE = 5            # words per shingle: an edited word changes five of them
SAMPLE = 4              # one shingle in this many (by hash) stands for the text


def shingles(text: str) -> frozenset[int]:
    """The text's runs of five words, each as a hash (CRC-32: the same in every process and
    every run)."""
    words = re.findall(r"\w+", text.lower())
    return frozenset(zlib.crc32(" ".join(words[i:i + _SHINGLE]).encode())
                     for i in range(max(len(words) - _SHINGLE + 1, 0)))


def signature(text: str) -> tuple[int, tuple[int, ...]]:
    """How many shingles the text has, and the sorted sample of them that finds its copies:
    the same five words give the same hash in every text, so copies share their samples."""
    found = shingles(text)
    return len(found), tuple(sorted(h for h in found if h % SAMPLE == 0))
