"""The command line: options -> Config -> check() -> reporter -> exit code. Nothing else."""

from __future__ import annotations

import os
import sys

import click

from . import __version__
from . import model as m
from .config import ConfigError
from .reporters import REPORTERS

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def use_color(flag, stream, environ=os.environ) -> bool:
    """`--color/--no-color` when given, else colour only on a terminal and when NO_COLOR is unset or empty."""
    if flag is not None:
        return flag
    return bool(stream.isatty()) and not environ.get("NO_COLOR")


def exit_code(report: m.Report, fail_on: str) -> int:
    threshold = m.SEVERITY_RANK[fail_on]
    failing = any(m.SEVERITY_RANK[f.severity] >= threshold for f in report.findings)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _explain(ctx: click.Context, code) -> None:
    """`--explain CODE`: the docs of one code (advice.EXPLANATIONS), exit 0; an unknown code is a usage error."""
    if code is None or ctx.resilient_parsing:
        return
    from .advice import CODES, explain

    text = explain(code)
    if text is None:
        raise click.BadParameter(f"unknown code {code!r}; known codes: {', '.join(CODES)}", ctx=ctx,
                                 param_hint="'--explain'")
    click.echo(text.rstrip())
    ctx.exit(EXIT_CLEAN)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path(exists=True, file_okay=True, dir_okay=True))
@click.option("--format", "fmt", type=click.Choice(sorted(REPORTERS)), default="text", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), metavar="FILE",
              help="Write the report to FILE instead of standard output.")
@click.option("--color/--no-color", default=None,
              help="Colour the text format [default: on a terminal, unless NO_COLOR is set].")
@click.option("--show-deferred/--hide-deferred", default=None, help="Also show cycles only through "
              "function-level or TYPE_CHECKING imports (info).")
@click.option("--fail-on", type=click.Choice(list(m.SEVERITIES)), default=None,
              help="Lowest severity that makes the exit code 1 [default: error].")
@click.option("--strict", is_flag=True, help="Same as --fail-on warning.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files and directories matching GLOB "
              "(repeatable).")
@click.option("--entry", "entries", multiple=True, metavar="MODULE",
              help="A module a real process imports first (repeatable).")
@click.option("--max-cycles", type=click.IntRange(min=1), default=None,
              help="Cycles listed per strongly connected component [default: 50].")
@click.option("--no-cache", is_flag=True, help="Parse every file; neither read nor write the facts cache.")
@click.option("--cache-dir", metavar="DIR", type=click.Path(file_okay=False),
              help="Where the facts cache lives [default: .cyclecheck_cache in the first import root].")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
              help="Read options from FILE ([tool.cyclecheck] of a pyproject.toml) [default: the closest "
              "pyproject.toml with a [tool.cyclecheck] table, up from the first PATH].")
@click.option("--baseline", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
              help="Report and fail only on findings not recorded in FILE.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), metavar="FILE",
              help="Record today's findings in FILE (for --baseline) and exit 0.")
@click.option("--diff", "diff_rev", metavar="REV",
              help="Report only findings whose cycle or crash touches a file changed since REV "
              "(git diff --name-only REV); the whole project is still analysed.")
@click.option("--explain", metavar="CODE", callback=lambda ctx, _, code: _explain(ctx, code), expose_value=False,
              is_eager=True, help="Print the documentation of a finding code (e.g. CC101) and exit.")
@click.version_option(__version__, "--version", prog_name="cyclecheck")
def main(**options):
    """Find the import cycles of a Flask/Celery project, and which of them crash at import.

    PATHS are project roots or package directories (default: the current
    directory). When every PATH is a file (as pre-commit passes them), the whole
    project holding them is analysed and only findings touching those files are
    reported. Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or
    configuration error.
    """
    try:
        sys.exit(_run(**options))
    except ConfigError as exc:
        click.echo(f"cyclecheck: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)


def entry(prog_name: str = "cyclecheck") -> None:
    """The console command: `main`, then a hard exit once the output is flushed.

    A large project leaves millions of small objects behind; letting the interpreter free
    them one by one at exit costs half a second on superset and changes nothing. Tests
    call `main` (through click's CliRunner) and keep the normal exit."""
    try:
        main(prog_name=prog_name)
        code = 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:  # sys.exit("message"): printed the way the interpreter prints it
            print(exc.code, file=sys.stderr)
            code = 1
    except BrokenPipeError:  # `cyclecheck | head`: the reader has gone, which is not our error
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe (`cyclecheck | head`): nothing more to say
        code = code or 1
    os._exit(code)


def _run(paths, fmt, output, color, show_deferred, fail_on, strict, exclude, entries, max_cycles, no_cache,
         cache_dir, config_file, baseline, write_baseline, diff_rev) -> int:
    from .check import check
    from .config import find_config, load_config, make_config
    from .suppress import changed_files, project_root, write_baseline as write_baseline_file

    paths = list(paths)
    config_file = config_file or find_config(paths[0] if paths else ".")
    file_options = load_config(config_file) if config_file else {}
    changed = None
    if paths and all(os.path.isfile(p) for p in paths):
        changed = tuple(os.path.abspath(p) for p in paths)
        paths = [project_root(paths[0], config_file)]
    if diff_rev is not None:
        changed = (changed or ()) + changed_files(diff_rev, paths[0] if paths else ".")
    config = make_config(file_options, {
        "exclude": tuple(exclude) or None, "entries": tuple(entries) or None,
        "fail_on": fail_on or (m.WARNING if strict else None), "show_deferred": show_deferred,
        "max_cycles": max_cycles, "use_cache": not no_cache, "cache_dir": cache_dir,
        "baseline": None if write_baseline else baseline, "changed": changed,
    })
    report = check(paths or ["."], config)
    if write_baseline:
        write_baseline_file(write_baseline, report.findings)
    if output:
        try:
            with open(output, "w", encoding="utf-8") as out:
                REPORTERS[fmt](report, out, False)
        except OSError as exc:
            raise ConfigError(f"{output}: cannot write the report: {exc.strerror or exc}") from None
    else:
        out = sys.stdout
        REPORTERS[fmt](report, out, fmt == "text" and use_color(color, out))
    if write_baseline:
        click.echo(f"cyclecheck: recorded {len(report.findings)} findings in {write_baseline}", err=True)
        return EXIT_CLEAN
    return exit_code(report, config.fail_on)
