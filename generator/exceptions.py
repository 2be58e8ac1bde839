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
    """Something wrong with one file: reported, never fatal on its own."""
    path: str
    message: str
    severity: Literal["warning", "error"] = "warning"

    def __str__(self) -> str:
        return f"{self.severity}: {self.path}: {self.message}"
