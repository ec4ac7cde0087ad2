"""Every option cyclecheck has, with its default, in one frozen dataclass; the
`[tool.cyclecheck]` loader. Precedence: defaults < pyproject.toml < command line."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, fields
from typing import Any, Dict, Mapping, Optional, Tuple

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
    use_cache: bool = False  # read and write the per-file facts cache (the command line turns it on)
    cache_dir: Optional[str] = None  # None: `.cyclecheck_cache` in the first import root
    roots: Tuple[str, ...] = ()  # extra import roots, discovered before PATHS
    severity: Tuple[Tuple[str, str], ...] = ()  # (code, severity) overrides, e.g. (("CC002", "error"),)
    ignore: Tuple[Tuple[str, ...], ...] = ()  # cycles not to report, each its sorted set of modules
    baseline: Optional[str] = None  # a `--write-baseline` file: report only findings not in it
    changed: Optional[Tuple[str, ...]] = None  # absolute paths: report only findings touching them


# --- [tool.cyclecheck] ------------------------------------------------------------------

CODE = re.compile(r"^CC\d{3}$")


class ConfigError(ValueError):
    """A configuration file cyclecheck cannot use; the message is one line naming file and key."""


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _severity_table(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and CODE.match(k) and v in m.SEVERITIES for k, v in value.items())


def _cycles(value: Any) -> bool:
    return isinstance(value, list) and all(_strings(v) and v for v in value)


# key -> (Config field, check, what the check wants)
KEYS: Dict[str, Tuple[str, Any, str]] = {
    "roots": ("roots", _strings, "a list of directories"),
    "src": ("roots", _strings, "a list of directories"),
    "exclude": ("exclude", _strings, "a list of glob patterns"),
    "entry": ("entries", _strings, "a list of module names"),
    "fail-on": ("fail_on", lambda v: v in m.SEVERITIES, "one of " + ", ".join(repr(s) for s in m.SEVERITIES)),
    "severity": ("severity", _severity_table,
                 "a table of codes to severities, e.g. {CC002 = \"error\"}"),
    "ignore": ("ignore", _cycles, "a list of cycles, each a list of module names, e.g. [[\"app\", \"app.views\"]]"),
    "show-deferred": ("show_deferred", lambda v: isinstance(v, bool), "true or false"),
    "max-cycles": ("max_cycles", lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 1,
                   "an integer >= 1"),
}


def _load_toml(path: str) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def _table(document: dict, path: str) -> Optional[dict]:
    """The `[tool.cyclecheck]` table; a file not named pyproject.toml may also hold the keys at its top."""
    tool = document.get("tool")
    if isinstance(tool, dict) and "cyclecheck" in tool:
        table = tool["cyclecheck"]
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.cyclecheck] must be a table")
        return table
    if os.path.basename(path) != "pyproject.toml":
        return document
    return None


def find_config(start: str) -> Optional[str]:
    """The closest `pyproject.toml` holding a `[tool.cyclecheck]` table, walking up from `start`."""
    directory = os.path.abspath(start)
    if not os.path.isdir(directory):
        directory = os.path.dirname(directory)
    while True:
        candidate = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(candidate):
            try:
                with open(candidate, "rb") as handle:
                    has_table = b"cyclecheck" in handle.read()
            except OSError:
                has_table = False
            if has_table and _table(_load_toml(candidate), candidate) is not None:
                return candidate
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def load_config(path: str) -> Dict[str, Any]:
    """Config field -> value from a configuration file, checked; roots made absolute.

    `max-cycles = 10` and `src = ["src"]` in /project/pyproject.toml give
    `{"max_cycles": 10, "roots": ("/project/src",)}`.
    """
    table = _table(_load_toml(path), path) or {}
    options: Dict[str, Any] = {}
    base = os.path.dirname(os.path.abspath(path))
    for raw_key, value in table.items():
        key = raw_key.replace("_", "-")
        if key not in KEYS:
            raise ConfigError(f"{path}: [tool.cyclecheck] unknown key {raw_key!r} "
                              f"(known: {', '.join(sorted(KEYS))})")
        name, valid, wanted = KEYS[key]
        if not valid(value):
            raise ConfigError(f"{path}: [tool.cyclecheck] {raw_key!r} must be {wanted}, got {value!r}")
        if name == "roots":
            value = options.get("roots", ()) + tuple(os.path.normpath(os.path.join(base, v)) for v in value)
        elif name == "severity":
            value = tuple(sorted(value.items()))
        elif name == "ignore":
            value = tuple(sorted({tuple(sorted(set(cycle))) for cycle in value}))
        elif isinstance(value, list):
            value = tuple(value)
        options[name] = value
    return options


def make_config(file_options: Mapping[str, Any], cli_options: Mapping[str, Any]) -> Config:
    """Defaults < the configuration file < the command line (whose unset options are None)."""
    known = {f.name for f in fields(Config)}
    merged = {k: v for k, v in file_options.items() if k in known}
    merged.update({k: v for k, v in cli_options.items() if v is not None and k in known})
    return Config(**merged)
