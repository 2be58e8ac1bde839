"""Progress bars for the stages that take a while, on a terminal only: in CI, in a pipe or
with --quiet nothing is drawn, and only the summary lines are printed."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

Tick = Callable[[int], None]


def _nothing(n: int = 1) -> None:
    pass


def silent(label: str, total: int) -> Tick:
    return _nothing


class Bars:
    """`bars(label, total)` starts a bar for a stage and returns what advances it; the bar goes
    when the stage is done, or at `close()`. One stage at a time, as `generate` runs them."""

    def __init__(self, stream=None):
        from rich.console import Console

        self.console = Console(file=stream or sys.stderr)
        self.live = None

    def __call__(self, label: str, total: int) -> Tick:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.close()
        if total <= 0:
            return _nothing
        self.live = Progress(TextColumn("{task.description:<11}"), BarColumn(), MofNCompleteColumn(),
                             TimeElapsedColumn(), console=self.console, transient=True)
        self.live.start()
        task = self.live.add_task(label, total=total)
        live = self.live

        def tick(n: int = 1) -> None:
            live.advance(task, n)
            if live.tasks[task].finished and live is self.live:
                self.close()
        return tick

    def close(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live = None


def for_terminal(quiet: bool, stream=None):
    """Bars when `stream` (standard error) is a terminal and this is not CI; else `silent`."""
    stream = stream or sys.stderr
    if quiet or os.environ.get("CI") or not stream.isatty():
        return silent
    return Bars(stream)
