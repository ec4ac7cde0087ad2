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


def _cached_project(seed, tmp_path):
    """The random project of `seed`, checked once with a cache: (its directory, the cached Config, its
    files, the words its code uses), for the cached-edit tests below."""
    import re

    from cyclecheck.check import check
    from cyclecheck.config import Config

    project = tmp_path / "project"
    differential.write_files(project, differential.source_of(seed))
    cached = Config(use_cache=True, cache_dir=str(tmp_path / "cache"), jobs=1)
    check([str(project)], cached)
    files = sorted(project.rglob("*.py"))
    words = sorted({w for f in files for w in re.findall(r"\b[a-zA-Z_]\w*\b", f.read_text())})
    return project, cached, files, words


@pytest.mark.parametrize("seed", range(8))
def test_cached_runs_after_appended_edits_report_as_fresh_ones(seed, tmp_path):
    """The cache's shortcuts for edits (starts kept when appended names are never read, the analysis
    of roles kept for inert appended statements) on random projects and random appended statements:
    comments, fresh names, names the project already uses, submodule names. Every cached run must
    give the report of a run without the cache."""
    import random

    from cyclecheck.check import check
    from cyclecheck.config import Config

    rng = random.Random(seed)
    project, cached, files, words = _cached_project(seed, tmp_path)
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


# (in 65 and 82, an added call changes what a function called at import runs, and so an outcome: the runs
# that looked that function up must run again; of the first hundred seeds, only those two do that)
@pytest.mark.parametrize("seed", list(range(6)) + [65, 82])
def test_cached_runs_after_moved_lines_and_function_edits_report_as_fresh_ones(seed, tmp_path):
    """The cache's shortcut for edits that move lines and change function bodies (a start is kept,
    at the new lines, when its run looked up none of the changed functions: simulate.moved_lines) on
    random projects: comment and blank lines anywhere, statements added to the top of a function's
    body (reads of names, calls, assignments). Every cached run must give the report of a run without
    the cache."""
    import random
    import re
    import warnings

    from cyclecheck.check import check
    from cyclecheck.config import Config

    rng = random.Random(1000 + seed)
    project, cached, files, words = _cached_project(seed, tmp_path)
    for _ in range(8):
        path = rng.choice(files)
        original = text = path.read_text()
        for _ in range(rng.randint(1, 3)):
            lines = text.splitlines(keepends=True)
            where = rng.randrange(len(lines) + 1)
            defs = [i for i, line in enumerate(lines) if re.match(r"\s*def \w+\(.*\):\s*$", line)]
            if defs and rng.random() < 0.6:
                where = rng.choice(defs) + 1
                indent = re.match(r"\s*", lines[where - 1]).group() + "    "
                # (calls of the module's functions and reads of what it imported change what a call runs)
                functions = re.findall(r"^def (\w+)", text, re.M) or ["print"]
                modules = re.findall(r"^\s*import ([\w.]+)$", text, re.M) or ["os"]
                added = indent + rng.choice([
                    f"{rng.choice(words)}\n", f"{rng.choice(words)}.{rng.choice(words)}\n", f"{rng.choice(words)}()\n",
                    f"{rng.choice(functions)}()\n", f"{rng.choice(functions)}()\n", f"{rng.choice(modules)}.{rng.choice(words)}\n",
                    f"local_{rng.randrange(9)} = {rng.randrange(9)}\n", "pass\n", "# note\n"])
            else:
                added = rng.choice(["# note\n", "\n", "\n\n"])
            candidate = "".join(lines[:where] + [added] + lines[where:])
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # ("'NoneType' object is not callable")
                    compile(candidate, str(path), "exec")
            except SyntaxError:  # (inside a bracket, or a keyword drawn as a name)
                continue
            text = candidate
        path.write_text(text)
        assert check([str(project)], cached) == check([str(project)], Config(use_cache=False)), text
        if rng.random() < 0.5:
            path.write_text(original)
            assert check([str(project)], cached) == check([str(project)], Config(use_cache=False))
