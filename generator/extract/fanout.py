"""A long list of independent tasks shared between this process and forked copies of it.

After resolution everything a page needs (the graph, the renderer, the pages on disk) is in
this process. A forked child has all of it without copying or pickling anything, so only each
task's result crosses back, through a pipe. Where there is no fork, or the list is short, the
tasks run here, in order, with the same results.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import pickle
import signal
import struct
import traceback
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")

LEAST = 2000        # fewer tasks than this are done here: a fork costs more than they save
MOST = 64           # tasks taken at a time, at most


def fork_map(task: Callable[[int], T], count: int, jobs: int,
             tick: Callable[[int], None] = lambda n=1: None, blocks: bool = False,
             meanwhile: Callable[[], None] = lambda: None) -> list[T]:
    """[task(0), ..., task(count - 1)], computed by `jobs` processes: this one and jobs - 1
    forked children. The children take runs of tasks from the front of the list as they go,
    this process from the back, until they meet: however unequal the tasks (a listing page of
    every event beside a page found unchanged), no process waits long for another. With
    `blocks`, each process takes a fixed run of neighbouring tasks instead (writing files, the
    processes then mostly work in different folders and do not wait on each other there).
    `tick` is called here only, as the work advances, as if it were all done here.
    `meanwhile`: other work for this process, done once the children are under way and before
    it takes tasks (they need nothing of it).
    An exception in a child is raised here as it was raised there (or, if it cannot be
    pickled, as a RuntimeError), with the child's traceback in a note."""
    jobs = max(1, min(jobs, count))
    if jobs == 1 or count < LEAST or not hasattr(os, "fork"):
        meanwhile()
        results = []
        for i in range(count):
            results.append(task(i))
            tick(1)
        return results
    claims = _Blocks(count, jobs) if blocks else _Claims(count, jobs)
    children: list[tuple[int, int]] = []
    done = None
    try:
        for k in range(1, jobs):
            children.append(_fork(lambda k=k: _run(task, claims.take(k)),
                                  [reader for _, reader in children]))
        meanwhile()
        mine, ticked = [], 0
        for run in claims.take(0):
            mine.append((run, [task(i) for i in run]))
            now = claims.claimed()
            tick(now - ticked)
            ticked = now
        tick(count - ticked)
        done = [mine] + [_collect(child) for child in children]
    finally:
        for pid, reader in children:
            _reap(pid, reader, stop=done is None)
        claims.close()
    results = [None] * count
    for runs in done:
        for run, values in runs:
            for i, value in zip(run, values, strict=True):
                results[i] = value
    return results


def _run(task: Callable[[int], T], runs: Iterator[range]) -> list[tuple[range, list[T]]]:
    return [(run, [task(i) for i in run]) for run in runs]


class _Claims:
    """Who does which task, decided as the work goes: two counters in memory shared with the
    forked children, the next task from the front and the last one not yet taken from the back.
    Runs shrink as the two near each other, so that they meet at about the same time whatever
    each task costs. The lock is a pipe holding one byte, taken by reading it: it needs nothing
    but the fork (no named semaphore, which some containers lack)."""

    def __init__(self, count: int, jobs: int):
        self.count, self.jobs = count, jobs
        self.shared = mmap.mmap(-1, 16)     # anonymous and shared: the children see the same bytes
        struct.pack_into("qq", self.shared, 0, 0, count)
        self.token = os.pipe()
        os.write(self.token[1], b".")

    @contextlib.contextmanager
    def _counters(self) -> Iterator[list[int]]:
        """[front, back] under the lock, written back as the caller leaves them."""
        os.read(self.token[0], 1)
        try:
            counters = list(struct.unpack_from("qq", self.shared))
            yield counters
            struct.pack_into("qq", self.shared, 0, *counters)
        finally:
            os.write(self.token[1], b".")

    def take(self, process: int) -> Iterator[range]:
        """Runs of tasks for one process: process 0 (this one) from the back, the others from
        the front."""
        while True:
            with self._counters() as counters:
                front, back = counters
                if front >= back:
                    return
                size = max(1, min(MOST, (back - front) // (4 * self.jobs)))
                if process == 0:
                    run = range(back - size, back)
                    counters[1] = back - size
                else:
                    run = range(front, front + size)
                    counters[0] = front + size
            yield run

    def claimed(self) -> int:
        with self._counters() as (front, back):
            return front + self.count - back

    def close(self) -> None:
        self.shared.close()
        for fd in self.token:
            os.close(fd)


class _Blocks:
    """A fixed run of neighbouring tasks for each process."""

    def __init__(self, count: int, jobs: int):
        self.count, self.jobs = count, jobs
        self.taken = 0

    def take(self, process: int) -> Iterator[range]:
        run = range(process * self.count // self.jobs, (process + 1) * self.count // self.jobs)
        for start in range(run.start, run.stop, MOST):
            self.taken = min(start + MOST, run.stop) - run.start
            yield range(start, min(start + MOST, run.stop))

    def claimed(self) -> int:
        return min(self.count, self.taken * self.jobs)     # as if all went at this process's pace

    def close(self) -> None:
        pass


def _fork(work: Callable[[], list], siblings: list[int]) -> tuple[int, int]:
    reader, writer = os.pipe()
    # Ctrl-C reaches every process of the group: the children ignore it, blocked from before
    # the fork, and this process stops them when it is interrupted itself.
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pid = os.fork()
    except BaseException:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        os.close(reader)
        os.close(writer)
        raise
    if pid:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        os.close(writer)
        return pid, reader
    # The child: its share, pickled down the pipe, then out without running any of the
    # parent's exit handlers or flushing its buffers a second time. Nothing it does may
    # return into the parent's code.
    status = 0
    try:
        os.close(reader)
        for fd in siblings:
            os.close(fd)
        try:
            payload = pickle.dumps((True, work()), protocol=5)
        except BaseException as error:   # noqa: BLE001 - whatever it is, the parent must hear of it
            status = 1
            payload = _failure(error)
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(payload)
    finally:
        os._exit(status)


def _failure(error: BaseException) -> bytes:
    text = traceback.format_exc()
    try:
        payload = pickle.dumps((False, (error, text)), protocol=5)
        pickle.loads(payload)       # some exceptions pickle but cannot be rebuilt
        return payload
    except Exception:  # noqa: BLE001 - an exception that does not pickle travels as text
        return pickle.dumps((False, (None, text)), protocol=5)


def _collect(child: tuple[int, int]) -> list:
    pid, reader = child
    with os.fdopen(os.dup(reader), "rb") as pipe:
        payload = pipe.read()
    try:
        ok, value = pickle.loads(payload)
    except Exception as error:  # noqa: BLE001 - a cut-short result: killed, or out of memory
        raise RuntimeError(f"a worker process (pid {pid}) ended without a whole result") from error
    if not ok:
        error, text = value
        if error is None:
            raise RuntimeError(f"a worker process (pid {pid}) failed:\n{text}")
        error.add_note(f"raised in a worker process (pid {pid}):\n{text}")
        raise error
    return value


def _reap(pid: int, reader: int, stop: bool) -> None:
    try:
        os.close(reader)
    except OSError:
        pass
    if stop:            # this process failed or was interrupted: the children's work is moot
        try:
            os.kill(pid, signal.SIGTERM)
        except OSError:
            pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
