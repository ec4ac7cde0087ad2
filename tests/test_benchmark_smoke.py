"""The benchmark script runs end to end on tiny generated projects (no downloads, no anchors, no timing checks)."""

import subprocess
import sys

from conftest import ROOT


def _bench():
    """benchmarks/run.py as a module."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import run
    finally:
        sys.path.pop(0)
    return run


def test_benchmark_generated_projects_smoke(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--no-corpora", "--no-anchors", "--rounds", "1",
         "--growth-sizes", "50", "--tangle", "20", "--edit-sample", "2", "--work", str(tmp_path / "work")],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "## Generated projects" in out
    assert "| project | modules | cold median | cold CPU |" in out
    assert "| growth 50 | 52 |" in out
    assert "| tangle 20x5 | 21 |" in out
    assert "## Real projects" not in out
    assert "### Sampled one-file edits of generated projects" in out
    assert "| growth 50 | comment line | 2 |" in out and "| growth 50 | function body | 2 |" in out
    assert "| growth 50 | library import | 2 |" in out and "| growth 50 | package import | 2 |" in out
    assert "| growth 50 | module import | 2 |" in out


def test_benchmark_generators_make_importable_projects(tmp_path):
    """The generated code is real Python: the growth project imports the way cyclecheck says."""
    bench = _bench()
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
    bench = _bench()
    text = b"import os\n\n\n@decorated\ndef f():\n    pass\n\n\nX = 1\n"
    assert bench.middle_edit(text, 2) == (
        b'import os\n\n\n_benchmark_middle_2 = len("2")\n@decorated\ndef f():\n    pass\n\n\nX = 1\n')
    assert bench.middle_edit(b"", 0) == b'\n_benchmark_middle_0 = len("0")\n'


def test_the_sampled_edits_move_lines_and_change_a_function_body(tmp_path):
    bench = _bench()
    text = (b"# Licence.\n# -*- coding: utf-8 -*-\nimport os\n\n\ndef f():\n    return 1\n\n\n"
            b"def g(a):\n    \"\"\"Doc.\"\"\"\n    if a:\n        return a\n\n\ndef h(): return 3\n")
    assert bench.comment_edit(text) == text.replace(b"import os", b"# benchmark sampled edit\nimport os")
    assert bench.body_edit(text) == text.replace(b'    """Doc."""\n', b'    """Doc."""\n    _benchmark_body = len("b")\n')
    assert bench.body_edit(b"def h(): return 3\nX = 1\n") is None  # (no body on a line of its own)
    assert bench.body_edit(b"X = 1\n") is None
    package = tmp_path / "pkg"
    for i in range(10):
        (package / f"m{i}").mkdir(parents=True)
        (package / f"m{i}" / "__init__.py").write_text("")
    assert bench.sampled_files(str(package), 3) == ["m1/__init__.py", "m5/__init__.py", "m8/__init__.py"]
    assert bench.sampled_files(str(package), 0) == [] and len(bench.sampled_files(str(package), 50)) == 10


def test_the_import_edit_adds_an_import_before_the_first_one():
    bench = _bench()
    text = b'"""Doc."""\nfrom __future__ import annotations\n\nX = 1\nimport sys\n'
    assert bench.import_edit(text) == text.replace(b"import sys", b"import os as _benchmark_import\nimport sys")
    assert bench.import_edit(text, "proj") == text.replace(b"import sys", b"import proj as _benchmark_import\nimport sys")
    # no import: before the first statement after the docstring (a decorated one: before its decorator)
    assert bench.import_edit(b'"""Doc."""\n@d\ndef f():\n    pass\n') == (
        b'"""Doc."""\nimport os as _benchmark_import\n@d\ndef f():\n    pass\n')
    assert bench.import_edit(b"") == b"\nimport os as _benchmark_import\n"
    assert bench.import_edit(b"def (:\n") is None


def test_the_top_package_is_the_directory_or_the_first_package_in_it(tmp_path):
    bench = _bench()
    for name in ("b", "a", "c"):
        (tmp_path / name).mkdir()
    (tmp_path / "c" / "__init__.py").write_text("")
    (tmp_path / "b" / "__init__.py").write_text("")
    assert bench.top_package(str(tmp_path)) == "b" and bench.top_package(str(tmp_path / "c")) == "c"
    assert bench.top_package(str(tmp_path / "a")) is None


def test_side_by_side_script_smoke(tmp_path):
    """benchmarks/ab.py runs two versions (here this checkout twice) on the same edits of a tiny generated
    project and finds their reports identical."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "ab.py"), str(ROOT), "--generated", "20", "--edit-sample", "1",
         "--work", str(tmp_path / "work")],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "| project | edit | edits | A median | B median |" in result.stdout
    for kind in ("comment line", "function body", "appended function", "middle statement", "library import",
                 "package import", "module import"):
        assert f"| growth 20 | {kind} | 1 |" in result.stdout
    assert "reports: byte-identical on every edit" in result.stdout
