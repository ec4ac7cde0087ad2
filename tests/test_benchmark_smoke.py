"""The benchmark script runs end to end on tiny generated projects (no downloads, no anchors, no timing checks)."""

import subprocess
import sys

from conftest import ROOT


def test_benchmark_generated_projects_smoke(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--no-corpora", "--no-anchors", "--rounds", "1",
         "--growth-sizes", "50", "--tangle", "20", "--work", str(tmp_path / "work")],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "## Generated projects" in out
    assert "| project | modules | cold median | cold CPU |" in out
    assert "| growth 50 | 52 |" in out
    assert "| tangle 20x5 | 21 |" in out
    assert "## Real projects" not in out


def test_benchmark_generators_make_importable_projects(tmp_path):
    """The generated code is real Python: the growth project imports the way cyclecheck says."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import run as bench
    finally:
        sys.path.pop(0)
    bench.generate_growth(str(tmp_path / "g"), 30)
    bench.generate_tangle(str(tmp_path / "t"), 12)
    assert len(list((tmp_path / "g").rglob("*.py"))) == 32
    assert len(list((tmp_path / "t").rglob("*.py"))) == 13
    ok = subprocess.run([sys.executable, "-c", "import proj.app0.m1, proj.app0.m5"], cwd=tmp_path / "g",
                        capture_output=True)
    assert ok.returncode == 0, ok.stderr
    # importing m2 first (or anything that imports it before m1) runs m1, which reads CONSTANT_2
    # from the partial m2: the designed crash
    crash = subprocess.run([sys.executable, "-c", "import proj.app0.m2"], cwd=tmp_path / "g", capture_output=True,
                           text=True)
    assert "partially initialized module" in crash.stderr


def test_the_middle_edit_inserts_a_call_before_the_middle_statement():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import run as bench
    finally:
        sys.path.pop(0)
    text = b"import os\n\n\n@decorated\ndef f():\n    pass\n\n\nX = 1\n"
    assert bench.middle_edit(text, 2) == (
        b'import os\n\n\n_benchmark_middle_2 = len("2")\n@decorated\ndef f():\n    pass\n\n\nX = 1\n')
    assert bench.middle_edit(b"", 0) == b'\n_benchmark_middle_0 = len("0")\n'
