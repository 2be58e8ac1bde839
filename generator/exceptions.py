"""Errors and warnings. Only the CLI decides exit codes; everything else returns or raises these."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import click


class BriefingError(click.ClickException):
    """A failure the user can act on; the message says what to do."""


class ConfigError(BriefingError):
    pass


class LockedError(BriefingError):
    pass


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong with one file: reported, never fatal on its own. `line` (1-based) points
    into the file when the problem is on one line of it; 0 when it is about the whole file.
    A `note` tells what the run did for someone (a save merged during the run) and is nothing
    to fix, so `--strict` lets it pass."""
    path: str
    message: str
    severity: Literal["note", "warning", "error"] = "warning"
    line: int = 0

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{self.severity}: {where}: {self.message}"
