"""Worker processes for extraction. Each loads the model once and turns its share of the
sources into DocFacts itself: only the small facts travel back, never a parsed Doc.
Importing this module does not import spaCy; the workers do.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from generator.model import DocFacts, Source

BATCH = 16          # documents per nlp.pipe batch
CHUNK = 4 * BATCH   # documents per task: whole batches, so any process count parses the same batches
TAIL = 64           # the last documents, in batches of TAIL_BATCH: no process waits long at the end
TAIL_BATCH = 4


class Warm:
    """Worker processes started ahead, loading the model while the caller finds out what there
    is to parse; `extract_many` puts them to work."""

    def __init__(self, model: str, processes: int = 1):
        self.model, self.processes = model, processes
        self.pool = _pool(model, processes)
        for _ in range(processes):
            self.pool.submit(_ready)        # the processes start, and load the model, now

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


def extract_many(sources: Sequence[Source], model: str, processes: int = 1, background: bool = False,
                 warm: Warm | None = None) -> Iterator[list[DocFacts]]:
    """Facts for the sources, in their order, a chunk at a time; `processes` > 1 spreads the
    chunks over that many worker processes. Chunks are whole batches, so the same batches are
    parsed whatever the process count, and the facts are the same too. With `background`, even
    one process is a worker: parsing starts at once, while the caller goes on with other work.
    `warm` workers, started earlier, take their share first."""
    chunks = _chunks(sources, max(processes, 1))
    processes = max(1, min(processes, len(chunks)))
    # The model is loaded, or the workers started, before this returns: a progress bar's
    # thread started afterwards is never forked into a worker.
    if processes == 1 and not background and warm is None:
        nlp = _load(model)
        return (_facts(nlp, chunk) for chunk in chunks)
    return Workers(processes, model, chunks, warm)


def _chunks(sources: Sequence[Source], processes: int) -> list[Sequence[Source]]:
    """Whole batches, CHUNK documents a task while there is plenty left, then a batch a task;
    the last TAIL documents in small batches, a task each, so that no process sits idle for
    long while another ends a large one. Where the batches begin and end depends on the
    number of documents only, not on the process count."""
    chunks, start = [], 0
    body = max(0, len(sources) - TAIL)
    while start < body:
        size = CHUNK if body - start > processes * CHUNK else BATCH
        chunks.append(sources[start:min(start + size, body)])
        start += size
    chunks += [sources[at:at + TAIL_BATCH] for at in range(body, len(sources), TAIL_BATCH)]
    return chunks


class Workers:
    """Worker processes parsing chunks; iterate for their facts in order, or close to stop them."""

    def __init__(self, processes: int, model: str, chunks: list, warm: Warm | None = None):
        self.pools = [warm.pool] if warm is not None and warm.model == model else []
        ready = warm.processes if self.pools else 0
        if processes > ready:
            self.pools.append(_pool(model, processes - ready))
        shares = [ready, processes - ready] if len(self.pools) == 2 else [1]
        # Chunk by chunk to each pool in proportion to its processes.
        turns = [pool for pool, share in zip(self.pools, shares) for _ in range(share)]
        self.futures = [turns[i % len(turns)].submit(_worker_facts, chunk) for i, chunk in enumerate(chunks)]

    def __iter__(self) -> Iterator[list[DocFacts]]:
        try:
            for future in self.futures:
                yield future.result()
        finally:
            self.close()

    def close(self) -> None:
        # Not waiting: the workers finish exiting while this process goes on.
        for pool in self.pools:
            pool.shutdown(wait=False, cancel_futures=True)


def _pool(model: str, processes: int) -> concurrent.futures.ProcessPoolExecutor:
    return concurrent.futures.ProcessPoolExecutor(processes, mp_context=_context(),
                                                  initializer=_start_worker, initargs=(model,))


def _ready() -> None:
    pass


def _context():
    # Forking skips re-importing spaCy in every worker; where there is no fork, spawn.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _load(model: str):
    from .nlp import load

    return load(model)


_worker_nlp = None      # the model, loaded once in each worker process


def _start_worker(model: str) -> None:
    global _worker_nlp
    _worker_nlp = _load(model)


def _worker_facts(chunk: Sequence[Source]) -> list[DocFacts]:
    return _facts(_worker_nlp, chunk)


@dataclass(frozen=True)
class Unextracted:
    """In place of a source's facts: extraction failed on it (a flaw in a rule that this text
    found), and the run goes on without them. Never cached: a fixed generator tries again."""
    source_id: str
    error: str


def _facts(nlp, chunk: Sequence[Source]) -> list[DocFacts | Unextracted]:
    from . import document

    out: list[DocFacts | Unextracted] = []
    for source, doc in zip(chunk, document.parse(nlp, [s.text for s in chunk], batch_size=BATCH)):
        try:
            out.append(document.facts_from_doc(source, doc))
        except Exception as err:    # one story must not stop a run of a hundred thousand
            out.append(Unextracted(source.id, " ".join(f"{type(err).__name__}: {err}".split())[:300]))
    return out
