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


def fixture_dirs():
    return sorted(p.parent for p in FIXTURES.glob("*/expected.toml"))


os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
