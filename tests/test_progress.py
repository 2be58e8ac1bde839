"""Progress bars: drawn on a terminal, never in a pipe, in CI or with --quiet."""

from __future__ import annotations

import io

import pytest

from generator.progress import Bars, for_terminal, silent


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_silent_in_a_pipe_in_ci_and_when_quiet(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    assert for_terminal(False, io.StringIO()) is silent
    assert for_terminal(True, Terminal()) is silent
    monkeypatch.setenv("CI", "true")
    assert for_terminal(False, Terminal()) is silent


def test_progress_draws_a_bar_per_stage_on_a_terminal_and_clears_it(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    screen = Terminal()
    bars = for_terminal(False, screen)
    assert isinstance(bars, Bars)
    tick = bars("extracting", 3)
    for _ in range(3):
        tick(1)
    assert bars.live is None                # done: the bar is gone
    assert "extracting" in screen.getvalue()
    bars("rendering", 5)(1)
    bars.close()
    assert bars.live is None


@pytest.mark.parametrize("total", [0, -1])
def test_progress_stage_with_nothing_to_do_draws_nothing(total):
    screen = Terminal()
    Bars(screen)("backlinks", total)(1)
    assert screen.getvalue() == ""
