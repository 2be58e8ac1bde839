"""Extraction on a Dask cluster (`executor: dask`): the sources to parse go to the workers of a
running scheduler in chunks, and their facts come back here, where they go into the extraction
cache like facts parsed on this machine (a later local run reuses them).

Each worker loads the model once, when it joins (a worker plugin), and keeps it for every chunk
it is given. The chunks are the local executor's (whole batches of the same documents), and a
worker refuses work when its generator or model differs from this one (their fingerprints),
so the pages are the same bytes whichever executor parsed the sources.
Importing this module does not import Dask; using it does.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator, Sequence

from ..exceptions import BriefingError
from ..model import DocFacts, Source
from .workers import Unextracted, _chunks, _facts

PLUGIN = "briefing-model"       # one plugin of that name per worker: registering again replaces it


def extract_on_cluster(sources: Sequence[Source], model: str, fingerprint: str, scheduler: str) -> "Cluster":
    """Facts for the sources, parsed by the workers of the scheduler at `scheduler`; iterate for
    them a chunk at a time, in the order the chunks are done."""
    return Cluster(sources, model, fingerprint, scheduler)


class Cluster:
    def __init__(self, sources: Sequence[Source], model: str, fingerprint: str, scheduler: str):
        self.scheduler = scheduler
        self.client = _connect(scheduler)
        try:
            workers = self.client.scheduler_info(n_workers=-1).get("workers", {})
            if not workers:
                raise BriefingError(f"Dask scheduler {scheduler} has no workers: start some with "
                                    f"`dask worker {scheduler}` (see the README), or set `executor: local`")
            self.client.register_plugin(ModelOnWorker(model), name=PLUGIN)
            # Enough chunks for every worker thread, and the same batches as the local executor.
            threads = sum(w.get("nthreads", 1) for w in workers.values())
            self.futures = [self.client.submit(extract_chunk, chunk, model, fingerprint, pure=False)
                            for chunk in _chunks(sources, max(threads, 1))]
        except BriefingError:
            self.close()
            raise
        except Exception as err:  # noqa: BLE001 - whatever the cluster says, one line for the user
            self.close()
            raise _failed(scheduler, err) from None

    def __iter__(self) -> Iterator[list[DocFacts | Unextracted]]:
        from distributed import as_completed

        try:
            for _, chunk in as_completed(self.futures, with_results=True, loop=self.client.loop):
                yield chunk
        except BriefingError:
            raise
        except Exception as err:  # noqa: BLE001 - a worker's failure, as one line
            raise _failed(self.scheduler, err) from None
        finally:
            self.close()

    def close(self) -> None:
        client, self.client = getattr(self, "client", None), None
        if client is not None:
            for future in getattr(self, "futures", []):
                future.release()
            client.close()


def _connect(scheduler: str):
    """A client of the scheduler at `scheduler`, within Dask's connect timeout
    (`distributed.comm.timeouts.connect`, 30 s unless set otherwise)."""
    import dask
    from distributed import Client

    timeout = dask.config.get("distributed.comm.timeouts.connect")
    try:
        return Client(scheduler, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as err:
        raise BriefingError(f"Dask scheduler {scheduler}: cannot reach it ({_said(err)}); start it with "
                            "`dask scheduler` and check the address in `scheduler:` (or --scheduler), "
                            "or set `executor: local`") from None
    except ValueError as err:
        raise BriefingError(f"Dask scheduler {scheduler}: not an address Dask takes ({_said(err)}); "
                            "write one such as tcp://scheduler-host:8786") from None


def _failed(scheduler: str, err: BaseException) -> BriefingError:
    return BriefingError(f"Dask scheduler {scheduler}: extraction failed on a worker ({_said(err)}); "
                         "every worker needs this project and its spaCy model installed, at the "
                         "same versions as here")


def _said(err: BaseException) -> str:
    text = " ".join(str(err).split()) or type(err).__name__
    return text if len(text) <= 200 else text[:197] + "..."


# --- on the workers --------------------------------------------------------------------

class WrongPipeline(Exception):
    """A worker whose generator or model is not the client's: its facts could differ."""


try:
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPlugin
except ImportError:         # without Dask this module is imported only for its names
    _WorkerPlugin = object


class ModelOnWorker(_WorkerPlugin):
    """Loads the model when a worker joins, once, before it takes a task."""

    def __init__(self, model: str):
        self.model = model

    def setup(self, worker) -> None:
        _model(self.model)


_lock = threading.Lock()    # one parse at a time per worker process: the model is not shared across threads


def _model(name: str):
    from . import nlp

    with _lock:
        return nlp.load(name)       # once per process: nlp.load keeps it


@functools.cache
def _fingerprint(name: str) -> str:
    from . import nlp

    return nlp.fingerprint(name)


def extract_chunk(chunk: Sequence[Source], model: str, fingerprint: str) -> list[DocFacts | Unextracted]:
    """A chunk's facts, parsed on a worker, as the local executor parses them."""
    if _fingerprint(model) != fingerprint:
        raise WrongPipeline(f"this worker's generator or model {model} differs from the client's "
                            f"(fingerprint {_fingerprint(model)}, not {fingerprint}): install the same versions")
    nlp = _model(model)
    with _lock:
        return _facts(nlp, chunk)
