"""Bad input becomes a diagnostic in `errors`; the run goes on and never prints a traceback."""

import json
import os
import subprocess
import sys
import sysconfig

import pytest
from click.testing import CliRunner

from conftest import ROOT
from cyclecheck.cli import main

GOOD = "from pkg import b\n"  # pkg.a <-> pkg.b, so the run must still find this cycle


def make_project(tmp_path, name, content):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from pkg import b\nX = 1\n")
    (pkg / "b.py").write_text("from pkg.a import X\n")
    bad = pkg / name
    if isinstance(content, bytes):
        bad.write_bytes(content)
    elif content is not None:
        bad.write_text(content, encoding="utf-8")
    return tmp_path, bad


def run_json(path):
    result = CliRunner().invoke(main, [str(path), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.output)


BAD = [
    ("syntax.py", "def broken(:\n    pass\n", "syntax error"),
    ("latin1.py", b"x = '\xe9t\xe9'\n", "cannot decode"),
    ("binary.py", bytes(range(256)) * 4, None),
    ("nullbyte.py", b"x = 1\n\x00y = 2\n", "null byte"),
    ("py2.py", "print 'hello'\nexec 'x = 1'\n", "syntax error"),
    ("nested.py", "x = " + "(" * 1000 + "1" + ")" * 1000 + "\n", None),
    ("deepblocks.py", "".join("    " * i + "if x:\n" for i in range(120)) + "    " * 120 + "pass\n", None),
]


@pytest.mark.parametrize("name,content,message", BAD, ids=[b[0] for b in BAD])
def test_bad_file_is_reported_and_the_run_goes_on(tmp_path, name, content, message):
    project, bad = make_project(tmp_path, name, content)
    code, report = run_json(project)
    assert code == 1  # the crash between pkg.a and pkg.b is still found
    assert report["findings"][0]["cycle"] == ["pkg.a", "pkg.b"]
    errors = [e for e in report["errors"] if e["file"].endswith(name)]
    assert len(errors) == 1
    if message:
        assert message in errors[0]["message"]


@pytest.mark.parametrize("content", [
    "# -*- coding: latin-1 -*-\nfrom pkg import b\nx = '\xe9'\n",
    "",
    "\ufefffrom pkg import b\n",
], ids=["pep263", "empty", "bom"])
def test_valid_but_unusual_files_are_analysed(tmp_path, content):
    project, bad = make_project(tmp_path, "odd.py", None)
    bad.write_bytes(content.encode("latin-1" if "latin-1" in content else "utf-8-sig" if content.startswith(
        "\ufeff") else "utf-8").replace(b"\xef\xbb\xbf\xef\xbb\xbf", b"\xef\xbb\xbf"))
    code, report = run_json(project)
    assert report["errors"] == []


def test_huge_file(tmp_path):
    project, bad = make_project(tmp_path, "huge.py", "from pkg import a\n" + "x = 1\n" * 100_000)
    code, report = run_json(project)
    assert report["errors"] == []
    assert report["stats"]["modules"] == 4


def test_symlink_loop(tmp_path):
    project, _ = make_project(tmp_path, "x.py", None)
    os.symlink("loop.py", project / "pkg" / "loop.py")
    os.symlink(project / "pkg", project / "pkg" / "again")  # a directory loop: not followed
    code, report = run_json(project)
    assert [e["file"].endswith("loop.py") for e in report["errors"]] == [True]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
@pytest.mark.parametrize("cached", [False, True])
def test_a_fifo_named_like_a_module_is_skipped_without_blocking(tmp_path, cached):
    project, _ = make_project(tmp_path, "x.py", None)
    os.mkfifo(project / "pkg" / "pipe.py")  # reading it would wait for a writer forever
    args = [sys.executable, "-m", "cyclecheck", str(project), "--format", "json"]
    if not cached:
        args.append("--no-cache")
    else:
        args += ["--cache-dir", str(tmp_path / "cache")]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    report = json.loads(proc.stdout)
    assert [(e["file"].endswith("pipe.py"), "not a regular file" in e["message"]) for e in report["errors"]] == [
        (True, True)]
    assert report["stats"]["findings_by_kind"] == {"import-time-crash": 1}  # pkg.a <-> pkg.b still found


def test_unreadable_file(tmp_path):
    project, bad = make_project(tmp_path, "secret.py", "x = 1\n")
    bad.chmod(0)
    if os.access(bad, os.R_OK):
        pytest.skip("running as root: permissions do not stop reading")
    code, report = run_json(project)
    assert "cannot read" in report["errors"][0]["message"]


def test_standard_library_runs_without_traceback(tmp_path):
    stdlib = sysconfig.get_paths()["stdlib"]
    proc = subprocess.run([sys.executable, "-m", "cyclecheck", stdlib, "--format", "json",
                           "--exclude", "site-packages", "--max-cycles", "5"],
                          cwd=tmp_path, capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    report = json.loads(proc.stdout)
    broken = {os.path.basename(e["file"]) for e in report["errors"]}
    assert any(name.startswith("badsyntax_") for name in broken)
    assert report["stats"]["modules"] > 500


def test_an_internal_error_on_one_file_leaves_it_out_and_the_run_goes_on(tmp_path, monkeypatch):
    from cyclecheck import parsing

    project, bad = make_project(tmp_path, "odd.py", "X = 1\n")
    real = parsing._Extractor.run

    def failing(self, tree):
        if self.source.path.endswith("odd.py"):
            raise TypeError("a construct the extractor does not expect")
        return real(self, tree)

    monkeypatch.setattr(parsing._Extractor, "run", failing)
    result = CliRunner().invoke(main, [str(project), "--format", "json", "--no-cache"])
    assert "Traceback" not in result.output
    report = json.loads(result.output)
    assert result.exit_code == 1 and report["findings"][0]["cycle"] == ["pkg.a", "pkg.b"]
    assert [e["message"] for e in report["errors"] if e["file"].endswith("odd.py")] == [
        "internal error while reading its imports (TypeError: a construct the extractor does not expect); "
        "the file is left out of the analysis"]
