"""cyclecheck's crash prediction against the real interpreter, over seeded random projects.

`differential.py` writes each project (every kind of import the simulator models, and
nothing that can fail except through circularity), imports each of its modules first
in a fresh interpreter, and compares that with cyclecheck's `crashes_when_first_imported`.
Run `python tests/differential.py --count 5000` for a longer search.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

import differential

SEEDS = range(200)  # about 1 300 fresh interpreters: well under a minute on 2 cores


def test_generated_code_is_deterministic():
    assert differential.source_of(7) == differential.source_of(7)
    assert differential.source_of(7) != differential.source_of(8)


def test_prediction_matches_the_interpreter(tmp_path):
    with ThreadPoolExecutor(max_workers=8) as imports, ThreadPoolExecutor(max_workers=4) as projects:
        results = list(projects.map(lambda seed: differential.run_seed(seed, tmp_path, imports), SEEDS))
    generator_bugs = [r for r in results if any(o not in ("ok", "circular") for o in r.project.truth.values())]
    assert not generator_bugs, "the generator wrote code that fails for a non-circular reason:\n\n" + "\n\n".join(
        r.mismatch().describe() for r in generator_bugs)
    crashes = sum(o == "circular" for r in results for o in r.project.truth.values())
    assert crashes > len(SEEDS), "the generated projects hardly ever crash: the test has lost its teeth"
    mismatches = [m for m in (r.mismatch() for r in results) if m is not None]
    assert not mismatches, f"{len(mismatches)} of {len(SEEDS)} projects mismatch:\n\n" + "\n\n".join(
        m.describe() for m in mismatches)


@pytest.mark.parametrize("seed", range(8))
def test_cached_runs_after_appended_edits_report_as_fresh_ones(seed, tmp_path):
    """The cache's shortcuts for edits (starts kept when appended names are never read, the analysis
    of roles kept for inert appended statements) on random projects and random appended statements:
    comments, fresh names, names the project already uses, submodule names. Every cached run must
    give the report of a run without the cache."""
    import random
    import re

    from cyclecheck.check import check
    from cyclecheck.config import Config

    rng = random.Random(seed)
    project = tmp_path / "project"
    differential.write_files(project, differential.source_of(seed))
    cached = Config(use_cache=True, cache_dir=str(tmp_path / "cache"), jobs=1)
    check([str(project)], cached)
    files = sorted(project.rglob("*.py"))
    words = sorted({w for f in files for w in re.findall(r"\b[a-zA-Z_]\w*\b", f.read_text())})
    for _ in range(6):
        path = rng.choice(files)
        # (in a package, a name bound after its submodule of that name was imported shadows it)
        children = sorted(p.stem for p in path.parent.glob("*.py") if p.stem != "__init__") or ["x"]
        original = text = path.read_text()
        for _ in range(rng.randint(1, 3)):
            text += rng.choice([
                "\n# note\n", f"\nFRESH_{rng.randrange(99)} = {rng.randrange(9)}\n",
                f"\ndef fresh_{rng.randrange(99)}():\n    return 1\n", f"\n{rng.choice(words)} = 1\n",
                f"\n{rng.choice(children)} = 1\n", f"\ndef {rng.choice(children)}():\n    return 2\n",
                f"\ndef {rng.choice(words)}():\n    return 2\n"])
            try:
                compile(text, str(path), "exec")
            except SyntaxError:  # (a keyword drawn as a name)
                text = path.read_text()
                continue
            path.write_text(text)
            assert check([str(project)], cached) == check([str(project)], Config(use_cache=False))
        path.write_text(original)
    assert check([str(project)], cached) == check([str(project)], Config(use_cache=False))
