"""cyclecheck's crash prediction against the real interpreter, over seeded random projects.

`differential.py` writes each project (every kind of import the simulator models, and
nothing that can fail except through circularity), imports each of its modules first
in a fresh interpreter, and compares that with cyclecheck's `crashes_when_first_imported`.
Run `python tests/differential.py --count 5000` for a longer search.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

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
