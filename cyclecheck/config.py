"""Every option cyclecheck has, with its default, in one frozen dataclass."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple

from . import model as m


@dataclass(frozen=True)
class Config:
    exclude: Tuple[str, ...] = ()
    show_deferred: bool = False
    fail_on: str = m.ERROR  # the lowest severity that makes the exit code 1
    entries: Tuple[str, ...] = ()  # modules that real processes import first (`--entry`)
    max_cycles: int = 50  # covering cycles listed per strongly connected component
    simulate: bool = True
    jobs: Optional[int] = None  # worker processes for parsing; None = one per core
