"""Check each fixture's ``[truth]`` table against the real interpreter.

Every fixture under ``fixtures/<name>/`` has an ``expected.toml``. Its ``[truth]`` table
says what a fresh ``python -c "import M"`` does for every module M of the project, run
with the working directory set to the fixture's import root: "ok" or "circular".
This test runs those imports for real, so a fixture's stated truth cannot drift away
from what CPython actually does.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import skip_before_min_python

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on older interpreters
    import tomli as tomllib

CIRCULAR_MARKERS = (
    "partially initialized module",
    "most likely due to a circular import",
)
# Python 3.13+ says this instead of the two above for a partially initialised top-level module
SHADOWING_HINT = re.compile(r"^AttributeError: module '[\w.]+' has no attribute '\w+' \(consider renaming '.*' if it "
                            r"has the same name as a [\w -]+ you intended to import\)$")
# (ModuleNotFoundError: an ImportError, as Celery re-raises a configuration module's circular failure)
CIRCULAR_EXCEPTIONS = ("ImportError:", "AttributeError:", "ModuleNotFoundError:")
# what a process may die of when the circular error is what caused it: logging's dictConfig raises
# `ValueError("Unable to configure handler 'x'") from e` for any error importing the handler's class;
# SQLAlchemy, failing to evaluate a column's `Mapped[...]` type, a NameError from any error, which it
# raises again as its MappedAnnotationError
CAUSED_BY_CIRCULAR = CIRCULAR_EXCEPTIONS + ("ValueError: Unable to configure ", "NameError: Could not de-stringify ",
                                            "sqlalchemy.orm.exc.MappedAnnotationError: ")
STDERR_TAIL_LINES = 15
IMPORT_TIMEOUT_SECONDS = 120


def _subprocess_env() -> dict[str, str]:
    env = dict(os.environ)
    # The fixture's own root must be the only project directory on sys.path.
    env.pop("PYTHONPATH", None)
    # PYTHONSAFEPATH would stop `python -c` from putting the cwd on sys.path.
    env.pop("PYTHONSAFEPATH", None)
    # Keep __pycache__ directories out of the fixtures.
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    # A fresh interpreter with no configuration: the variables fixtures test are unset.
    for name in [name for name in env if name.startswith("CYCLECHECK_FIXTURE_")]:
        del env[name]
    return env


def run_import(root: str | os.PathLike[str], module: str, star_names: tuple = (), lazy_names: tuple = ()
               ) -> tuple[str, str]:
    """Import ``module`` in a fresh interpreter with cwd ``root``.

    Returns ``(outcome, stderr_tail)``, where outcome is:

    * ``"ok"`` - the import succeeded (exit status 0);
    * ``"circular"`` - it failed, and the last line of stderr is an ImportError or
      AttributeError that mentions a partially initialized module or a circular import, or one
      raised while handling such an error, or caused by it (Celery's loader, failing to import a
      configuration module through a cycle, looks for it as an attribute of its package instead;
      logging's dictConfig raises a ValueError from it, SQLAlchemy a NameError or its
      MappedAnnotationError);
      Also a ``NameError`` for one of ``star_names``: names the fixture says a star import from a
      partially initialised module leaves out (its ``star_names``); and the ImportError of a
      from-import of one of ``lazy_names``, names a package's ``__getattr__`` reads of a partially
      initialised module (IMPORT_FROM replaces its AttributeError with ``cannot import name 'X'
      from 'pkg'``, which says nothing of the cycle);
    * ``"error"`` - any other failure (the fixture is broken).

    ``stderr_tail`` is the last few lines of stderr, for error messages.
    """
    proc = subprocess.run(
        [sys.executable, "-c", f"import {module}"],
        cwd=os.fspath(root),
        env=_subprocess_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=IMPORT_TIMEOUT_SECONDS,
    )
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    tail = "\n".join(lines[-STDERR_TAIL_LINES:])
    if proc.returncode == 0:
        return "ok", tail
    last = lines[-1] if lines else ""
    if last.startswith(CIRCULAR_EXCEPTIONS) and any(m in last for m in CIRCULAR_MARKERS):
        return "circular", tail
    if last.startswith(CAUSED_BY_CIRCULAR) and any(
            line.startswith(CIRCULAR_EXCEPTIONS) and any(m in line for m in CIRCULAR_MARKERS) for line in lines[:-1]):
        return "circular", tail  # (the error the process dies of came out of handling a circular one)
    if SHADOWING_HINT.match(last):
        return "circular", tail
    if any(last == f"NameError: name '{name}' is not defined" for name in star_names):
        return "circular", tail
    if any(last.startswith(f"ImportError: cannot import name '{name}' from '") for name in lazy_names):
        return "circular", tail
    return "error", tail


REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES_DIR = REPO_ROOT / "fixtures"


def _load_expected(fixture: Path) -> dict:
    with open(fixture / "expected.toml", "rb") as fh:
        return tomllib.load(fh)


def _fixtures_with_truth() -> list[Path]:
    found = []
    for expected in sorted(FIXTURES_DIR.glob("*/expected.toml")):
        if "truth" in _load_expected(expected.parent):
            found.append(expected.parent)
    return found


def _modules_on_disk(root: Path) -> set[str]:
    modules = set()
    for path in root.rglob("*.py"):
        rel = path.relative_to(root)
        if "__pycache__" in rel.parts:
            continue
        parts = list(rel.with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        if parts:
            modules.add(".".join(parts))
    return modules


FIXTURES = _fixtures_with_truth()


def test_fixtures_exist() -> None:
    assert FIXTURES, f"no fixtures with a [truth] table under {FIXTURES_DIR}"
    missing = [p.name for p in FIXTURES_DIR.iterdir() if p.is_dir() and not (p / "expected.toml").exists()]
    assert not missing, f"fixture directories without expected.toml: {missing}"


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_expected_toml_is_well_formed(fixture: Path) -> None:
    expected = _load_expected(fixture)
    assert isinstance(expected.get("description"), str) and expected["description"].strip()
    root = fixture / expected.get("root", ".")
    assert root.is_dir(), f"root {expected.get('root')!r} is not a directory"
    truth = expected["truth"]
    for key in ("cycles", "import_time_cycles"):
        components = expected[key]
        assert all(isinstance(c, list) and len(c) >= 2 for c in components), key
        assert all(c == sorted(c) for c in components), f"{key}: each component must be sorted"
        assert components == sorted(components), f"{key}: the list of components must be sorted"
        members = [m for c in components for m in c]
        assert len(members) == len(set(members)), f"{key}: a module is in two components"
        assert set(members) <= set(truth), f"{key}: names a module that is not in [truth]"


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_fixture_truth(fixture: Path) -> None:
    expected = _load_expected(fixture)
    skip_before_min_python(expected)
    root = (fixture / expected.get("root", ".")).resolve()
    truth: dict[str, str] = expected["truth"]

    assert set(truth) == _modules_on_disk(root), "[truth] must list exactly the modules on disk"
    assert set(truth.values()) <= {"ok", "circular"}, "truth values must be 'ok' or 'circular'"

    modules = sorted(truth)
    with ThreadPoolExecutor(max_workers=4) as pool:
        star_names = tuple(expected.get("star_names", ()))
        lazy_names = tuple(expected.get("lazy_names", ()))
        results = dict(zip(modules, pool.map(lambda m: run_import(root, m, star_names, lazy_names), modules)))

    errors = {m: tail for m, (outcome, tail) in results.items() if outcome == "error"}
    if errors:
        report = "\n\n".join(f"--- import {m} ---\n{tail}" for m, tail in sorted(errors.items()))
        pytest.fail(f"imports failed for a reason other than a circular import:\n{report}")

    actual = {m: outcome for m, (outcome, _) in results.items()}
    if actual != truth:
        diff = "\n".join(
            f"  {m}: expected {truth[m]!r}, got {actual[m]!r}\n    " + results[m][1].replace("\n", "\n    ")
            for m in modules
            if actual[m] != truth[m]
        )
        pytest.fail(f"truth table mismatch:\n{diff}")
    assert actual == truth
