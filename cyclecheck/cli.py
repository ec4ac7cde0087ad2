"""The command line: options -> Config -> check() -> reporter -> exit code. Nothing else."""

from __future__ import annotations

import os
import sys

import click

from . import __version__
from . import model as m

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def exit_code(report: m.Report, fail_on: str) -> int:
    threshold = m.SEVERITY_RANK[fail_on]
    failing = any(m.SEVERITY_RANK[f.severity] >= threshold for f in report.findings)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path(exists=True, file_okay=True, dir_okay=True))
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True,
              help="Output format.")
@click.option("--show-deferred", is_flag=True, help="Also show cycles only through function-level or "
              "TYPE_CHECKING imports (info).")
@click.option("--fail-on", type=click.Choice(list(m.SEVERITIES)), default=None,
              help="Lowest severity that makes the exit code 1 [default: error].")
@click.option("--strict", is_flag=True, help="Same as --fail-on warning.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files and directories matching GLOB "
              "(repeatable).")
@click.option("--entry", "entries", multiple=True, metavar="MODULE",
              help="A module a real process imports first (repeatable).")
@click.option("--max-cycles", type=click.IntRange(min=1), default=50, show_default=True,
              help="Cycles listed per strongly connected component.")
@click.version_option(__version__, "--version", prog_name="cyclecheck")
def main(paths, fmt, show_deferred, fail_on, strict, exclude, entries, max_cycles):
    """Find the import cycles of a Flask/Celery project, and which of them crash at import.

    PATHS are project roots, package directories or single files (default: the
    current directory). Exit status: 0 clean, 1 findings at or above --fail-on,
    2 usage error.
    """
    from .check import check
    from .config import Config
    from .reporters import REPORTERS

    if fail_on is None:
        fail_on = m.WARNING if strict else m.ERROR
    config = Config(exclude=tuple(exclude), show_deferred=show_deferred, fail_on=fail_on,
                    entries=tuple(entries), max_cycles=max_cycles)
    report = check(list(paths) or ["."], config)
    out = click.get_text_stream("stdout")
    color = fmt == "text" and out.isatty() and "NO_COLOR" not in os.environ
    REPORTERS[fmt](report, out, color)
    sys.exit(exit_code(report, fail_on))
