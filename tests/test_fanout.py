"""Work shared with forked processes comes back whole, in order, and failures are not lost."""

from __future__ import annotations

import os
import time

import pytest

from generator.extract import fanout
from generator.extract.fanout import fork_map


@pytest.fixture(autouse=True)
def fork_even_short_lists(monkeypatch):
    monkeypatch.setattr(fanout, "LEAST", 1)


@pytest.mark.parametrize("blocks", [False, True])
@pytest.mark.parametrize("jobs", [1, 2, 3, 5])
@pytest.mark.parametrize("count", [1, 2, 7, 100])
def test_results_are_those_of_one_process_in_order(jobs, count, blocks):
    seen = []
    values = fork_map(lambda i: (i, os.getpid(), "x" * i), count, jobs, seen.append, blocks=blocks)
    assert [v[0] for v in values] == list(range(count))
    assert [v[2] for v in values] == ["x" * i for i in range(count)]
    assert sum(seen) == count
    processes = [v[1] for v in values]
    if blocks:          # each process a run of neighbouring tasks: the process changes jobs - 1 times
        assert len(set(processes)) == min(jobs, count) and os.getpid() in processes
        assert sum(a != b for a, b in zip(processes, processes[1:])) == min(jobs, count) - 1


def test_uneven_tasks_are_shared_as_they_go_so_no_process_waits_long_for_another():
    """One task as long as all the others together (a listing page beside pages found
    unchanged): the process that takes it takes few others, and the last task is this
    process's, the first a child's, whoever is quicker."""
    count = 60

    def task(i):
        time.sleep(0.6 if i == count - 1 else 0.01)
        return os.getpid()

    processes = fork_map(task, count, 2)
    here = os.getpid()
    assert processes[-1] == here and processes[0] != here
    assert processes.count(here) < count // 4


@pytest.fixture
def forked(monkeypatch) -> list[int]:
    """The children's process ids, as fork_map makes them."""
    pids, fork = [], os.fork

    def recording():
        pid = fork()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recording)
    return pids


def _all_reaped(pids) -> bool:
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return True


def test_a_failure_in_a_child_is_raised_with_its_traceback_and_no_child_is_left(forked):
    def task(i):
        if i == 0:          # the first task, a child's: this process begins from the back
            raise ValueError("page 0 is broken")
        time.sleep(0.01)
        return i

    with pytest.raises(ValueError, match="page 0 is broken") as raised:
        fork_map(task, 8, 2)
    assert "raised in a worker process" in "".join(raised.value.__notes__)
    assert "test_fanout.py" in "".join(raised.value.__notes__)       # the child's traceback
    assert len(forked) == 1 and _all_reaped(forked)


@pytest.mark.parametrize("broken", [0, 5])
def test_an_error_has_the_same_type_whichever_process_meets_it(broken):
    def task(i):        # task 0 is a child's, task 5 (the last) this process's
        if i == broken:
            raise FileNotFoundError(2, "No such file", f"page-{i}.md")
        time.sleep(0.01)
        return i

    with pytest.raises(FileNotFoundError, match=f"page-{broken}.md"):
        fork_map(task, 6, 2)


def test_an_exception_that_cannot_be_rebuilt_comes_back_as_text():
    class Odd(Exception):
        def __init__(self, a, b):
            super().__init__(f"{a}/{b}")

    def task(i):
        if i == 0:          # a child's
            raise Odd("x", "y")
        time.sleep(0.01)
        return i

    with pytest.raises(RuntimeError, match="x/y"):
        fork_map(task, 4, 2)


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts open files through /proc")
def test_a_failed_fork_leaves_no_child_and_no_open_pipe(forked, monkeypatch):
    fork, calls = os.fork, []

    def second_fails():
        calls.append(1)
        if len(calls) == 2:
            raise OSError("fork: no more processes")
        return fork()

    monkeypatch.setattr(os, "fork", second_fails)
    before = len(os.listdir("/proc/self/fd"))
    with pytest.raises(OSError, match="no more processes"):
        fork_map(lambda i: "x" * 100_000, 30, 3)    # the first child's share fills its pipe
    assert len(os.listdir("/proc/self/fd")) == before
    assert len(forked) == 1 and _all_reaped(forked)


def test_a_failure_here_stops_the_children(forked):
    here = os.getpid()

    def task(i):
        if os.getpid() == here:
            raise KeyError("here")
        time.sleep(60)       # the children would take minutes
        return i

    started = time.monotonic()
    with pytest.raises(KeyError):
        fork_map(task, 50, 3)
    assert time.monotonic() - started < 30
    assert len(forked) == 2 and _all_reaped(forked)


def test_what_a_child_changes_stays_in_the_child():
    box = []

    def task(i):
        box.append(i)
        time.sleep(0.01)
        return os.getpid()

    processes = fork_map(task, 10, 2)
    assert sorted(box) == [i for i, pid in enumerate(processes) if pid == os.getpid()]    # this process's share only
    assert len(box) < 10


@pytest.mark.parametrize("jobs", [1, 2])
def test_work_meanwhile_is_done_once_here_while_the_children_take_tasks(jobs, forked):
    done = []
    results = fork_map(lambda i: i * i, 100, jobs, meanwhile=lambda: done.append((os.getpid(), len(forked))))
    assert results == [i * i for i in range(100)]
    assert done == [(os.getpid(), jobs - 1)]       # here, once, with the children started
    assert _all_reaped(forked)
