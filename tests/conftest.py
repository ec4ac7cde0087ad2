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
    """A fixture whose `[truth]` holds only from some CPython on (`min_python = "3.11"`) is skipped before;
    one whose truth holds only where `os.name` is some value (`os_name = "posix"`), elsewhere."""
    import pytest

    wanted = expected.get("min_python")
    if wanted and sys.version_info[:2] < tuple(int(part) for part in wanted.split(".")):
        pytest.skip(f"the [truth] holds from Python {wanted} on")
    if expected.get("os_name", os.name) != os.name:  # (`os_name = "posix"`: its `os.name` tests say so)
        pytest.skip(f"the [truth] holds where os.name is {expected['os_name']!r}")


def fixture_dirs():
    return sorted(p.parent for p in FIXTURES.glob("*/expected.toml"))


os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")


def _separate_stderr() -> None:
    """The tests read click's runner as click 8.2+ has it: `result.stderr` on its own, and `result.output`
    with both streams. Click 8.1 (the last release for Python 3.9) has either, as `mix_stderr` says:
    keep them apart, and make `output` both again."""
    import inspect

    from click import testing

    if "mix_stderr" not in inspect.signature(testing.CliRunner.__init__).parameters:
        return

    class Result(testing.Result):
        @property
        def output(self) -> str:
            return self.stdout + self.stderr

    class CliRunner(testing.CliRunner):
        def __init__(self, *args, mix_stderr=False, **kwargs):
            super().__init__(*args, mix_stderr=mix_stderr, **kwargs)

        def invoke(self, *args, **kwargs):
            result = super().invoke(*args, **kwargs)
            result.__class__ = Result
            return result

    testing.CliRunner = CliRunner


_separate_stderr()
