import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def load_expected(fixture: Path) -> dict:
    with open(fixture / "expected.toml", "rb") as handle:
        return tomllib.load(handle)


def skip_before_min_python(expected: dict) -> None:
    """A fixture whose `[truth]` holds only from some CPython on (`min_python = "3.11"`) is skipped before."""
    import pytest

    wanted = expected.get("min_python")
    if wanted and sys.version_info[:2] < tuple(int(part) for part in wanted.split(".")):
        pytest.skip(f"the [truth] holds from Python {wanted} on")


def fixture_dirs():
    return sorted(p.parent for p in FIXTURES.glob("*/expected.toml"))


os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")


def _separate_stderr() -> None:
    """The tests read `result.stderr` of click's runner, as click 8.2+ always keeps it. Click 8.1 (the
    last release for Python 3.9) mixes it into the output unless asked: ask, for every runner."""
    import inspect

    from click import testing

    if "mix_stderr" not in inspect.signature(testing.CliRunner.__init__).parameters:
        return

    class CliRunner(testing.CliRunner):
        def __init__(self, *args, mix_stderr=False, **kwargs):
            super().__init__(*args, mix_stderr=mix_stderr, **kwargs)

    testing.CliRunner = CliRunner


_separate_stderr()
