"""Inline `# cyclecheck: ignore`, unused suppressions (CC010), the baseline and changed-files mode."""

import dataclasses
import json
import os
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from conftest import FIXTURES
from cyclecheck import model as m
from cyclecheck.check import check
from cyclecheck.cli import main
from cyclecheck.config import Config
from cyclecheck.graph import build_graph
from cyclecheck.parsing import parse_text
from cyclecheck.suppress import _touches, fingerprint

CLASSIC = FIXTURES / "celery-in-create-app"  # app -> app.views.account -> app.tasks.email -> app crashes
FRAGILE = FIXTURES / "flask-docs-bottom-import"  # app <-> app.errors, app <-> app.views: CC002 each


def suppressed(text):
    facts = parse_text(text, m.SourceFile("x.py", "x", ".", False))
    return [(raw.suppressed, raw.suppressed_line) for raw in facts.imports]


@pytest.mark.parametrize("text, expected", [
    ("import a\n", [(None, 0)]),
    ("import a  # cyclecheck: ignore\n", [((), 1)]),
    ("import a  #cyclecheck:ignore\n", [((), 1)]),
    ("from a import b  # cyclecheck: ignore[CC001]\n", [(("CC001",), 1)]),
    ("from a import b  # noqa: E402  # cyclecheck: ignore[cc002, CC001]\n", [(("CC001", "CC002"), 1)]),
    ("from a import (\n    b,\n    c,  # cyclecheck: ignore[CC002]\n)\n", [(("CC002",), 3)]),
    ("import a, b  # cyclecheck: ignore\n", [((), 1), ((), 1)]),
    ("import a  # cyclecheck: ignored-not\n", [(None, 0)]),
    ("def f():\n    import a  # cyclecheck: ignore\n", [((), 2)]),
    ("import importlib\nimportlib.import_module('a')  # cyclecheck: ignore\n", [(None, 0), ((), 2)]),
])
def test_parsing_records_suppressions(text, expected):
    assert suppressed(text) == expected


def copy(tmp_path, fixture, name="project"):
    root = tmp_path / name
    shutil.copytree(fixture, root, ignore=shutil.ignore_patterns(".cyclecheck_cache"))
    return root


def edit(path, line, comment):
    lines = path.read_text().splitlines()
    lines[line - 1] += "  " + comment
    path.write_text("\n".join(lines) + "\n")


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def findings(*args):
    result = run(*args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)["findings"]


def summary(found):
    return [(f["code"], f["file"].rsplit("project/", 1)[-1], f["line"]) for f in found]


def test_bare_ignore_drops_the_edge_and_the_crash(tmp_path):
    root = copy(tmp_path, CLASSIC)
    edit(root / "app" / "tasks" / "email.py", 3, "# cyclecheck: ignore")  # from app import celery
    from cyclecheck.check import parse_all
    from cyclecheck.discovery import discover

    graph = build_graph(parse_all(discover([str(root)]).files))
    assert not graph.graph.has_edge("app.tasks.email", "app")
    assert [(s.importer, s.imported) for s in graph.suppressed] == [("app.tasks.email", "app")]
    assert findings(root, "--show-deferred") == (0, [])


def test_ignore_with_codes_drops_only_those_findings(tmp_path):
    root = copy(tmp_path, FRAGILE)
    edit(root / "app" / "errors.py", 3, "# cyclecheck: ignore[CC002]")
    exit_code, found = findings(root, "--strict")
    assert exit_code == 1 and [f["cycle"] for f in found] == [["app", "app.views"]]


def test_ignore_crash_code_keeps_the_cycle(tmp_path):
    root = copy(tmp_path, CLASSIC)
    edit(root / "app" / "tasks" / "email.py", 3, "# cyclecheck: ignore[CC001]")
    exit_code, found = findings(root)  # the statement is vouched for; the cycle is still there
    assert exit_code == 0 and [(f["code"], f["cycle"]) for f in found] == [
        ("CC002", ["app", "app.views.account", "app.tasks.email"])]


def test_unused_suppressions_are_cc010_at_the_comment(tmp_path):
    root = copy(tmp_path, FRAGILE)
    edit(root / "app" / "errors.py", 3, "# cyclecheck: ignore[CC003]")  # the cycle is CC002, not CC003
    (root / "app" / "extra.py").write_text("from flask import (\n    Flask,  # cyclecheck: ignore\n)\n")
    edit(root / "microblog.py", 1, "# cyclecheck: ignore[CC001]")  # microblog is on no cycle
    exit_code, found = findings(root)
    assert exit_code == 0  # warnings
    assert sorted(summary(found)) == [("CC002", "app/errors.py", 3), ("CC002", "app/views.py", 3),
                                      ("CC010", "app/errors.py", 3), ("CC010", "app/extra.py", 2),
                                      ("CC010", "microblog.py", 1)]
    [unused] = [f for f in found if f["code"] == "CC010" and f["file"].endswith("errors.py")]
    assert unused["severity"] == "warning" and unused["kind"] == "unused-suppression"
    assert "# cyclecheck: ignore[CC003]" in unused["message"]


def test_a_used_bare_ignore_is_not_reported(tmp_path):
    root = copy(tmp_path, FRAGILE)
    edit(root / "app" / "errors.py", 3, "# cyclecheck: ignore")
    _, found = findings(root)
    assert [f["code"] for f in found] == ["CC002"]


# --- baseline -----------------------------------------------------------------------------

def test_baseline_survives_line_shifts_and_new_files(tmp_path):
    root = copy(tmp_path, CLASSIC)
    baseline = tmp_path / "baseline.json"
    result = run(root, "--write-baseline", baseline)
    assert result.exit_code == 0 and "CC001" in result.stdout
    recorded = json.loads(baseline.read_text())
    assert [f["code"] for f in recorded["findings"]] == ["CC001"]
    assert findings(root, "--baseline", baseline) == (0, [])

    for path in root.rglob("*.py"):  # every line moves
        path.write_text('"""A docstring."""\n\n\n' + path.read_text())
    (root / "app" / "helpers.py").write_text("import os\n")
    (root / "tools.py").write_text("from app.helpers import os\n")
    assert findings(root, "--baseline", baseline) == (0, [])

    (root / "config.py").write_text("from app import create_app\n" + (root / "config.py").read_text())
    exit_code, found = findings(root, "--baseline", baseline, "--strict")  # a new CC002: app <-> config
    assert exit_code == 1 and found and all("config" in f["cycle"] for f in found)


def test_fingerprint_ignores_line_numbers_and_suppression_comments():
    site = m.ImportSite(importer="a", imported="b", path="a.py", line=3, col=0, statement="import b", scope="module")
    finding = m.Finding(code="CC002", severity="warning", kind="import-time-cycle", message="m", cycle=("a", "b"),
                        edges=(site, dataclasses.replace(site, importer="b", imported="a", path="b.py",
                                                         statement="import a")), location=("b.py", 3))
    moved = dataclasses.replace(finding, location=("b.py", 30), message="other", edges=(
        dataclasses.replace(finding.edges[0], line=10),
        dataclasses.replace(finding.edges[1], statement="import a  # cyclecheck: ignore[CC001]")))
    assert fingerprint(finding) == fingerprint(moved)
    assert fingerprint(finding) != fingerprint(dataclasses.replace(finding, code="CC001"))


def test_not_a_baseline_exits_2(tmp_path):
    bad = tmp_path / "baseline.json"
    bad.write_text("[]")
    result = run(copy(tmp_path, CLASSIC), "--baseline", bad)
    assert result.exit_code == 2 and "not a cyclecheck baseline" in result.stderr


# --- changed files ------------------------------------------------------------------------

def git(root, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=root, check=True,
                   capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    root = copy(tmp_path, CLASSIC)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "init")
    monkeypatch.chdir(root)  # pre-commit runs hooks at the top of the repository
    return root


def test_files_as_paths_check_the_whole_project(repo):
    exit_code, found = findings("app/tasks/email.py")
    assert exit_code == 1 and [f["code"] for f in found] == ["CC001"]
    assert findings("app/views/account.py", "config.py")[0] == 1
    assert findings("config.py") == (0, [])  # not on the cycle


def test_a_file_outside_any_project_and_the_working_directory_is_checked_in_its_own_directory(
        tmp_path, monkeypatch):
    from cyclecheck.suppress import project_root

    elsewhere, here = tmp_path / "elsewhere", tmp_path / "here"
    (here / "sub").mkdir(parents=True)
    elsewhere.mkdir()
    monkeypatch.chdir(here)
    assert project_root(str(elsewhere / "a.py"), None) == str(elsewhere)  # not the working directory
    assert project_root(str(here / "sub" / "a.py"), None) == str(here)
    assert project_root("a.py", None) == str(here)


def test_diff_reports_only_findings_touching_changed_files(repo):
    assert findings("--diff", "HEAD") == (0, [])
    (repo / "config.py").write_text((repo / "config.py").read_text() + "# changed\n")
    assert findings("--diff", "HEAD") == (0, [])
    (repo / "app" / "views" / "account.py").write_text((repo / "app" / "views" / "account.py").read_text() + "\n")
    exit_code, found = findings(".", "--diff", "HEAD")
    assert exit_code == 1 and [f["code"] for f in found] == ["CC001"]


def test_diff_outside_a_repository_exits_2(tmp_path):
    result = run(copy(tmp_path, CLASSIC), "--diff", "HEAD")
    assert result.exit_code == 2 and result.stderr.startswith("cyclecheck: error: --diff: git ")


def test_a_crash_trace_counts_as_touching(tmp_path):
    report = check([str(CLASSIC)], Config())
    [crash] = [f for f in report.findings if f.code == "CC001"]
    step = dataclasses.replace(crash.crash.trace[0], path=str(tmp_path / "entry.py"))
    traced = dataclasses.replace(crash, crash=dataclasses.replace(crash.crash, trace=(step,)))
    assert _touches(traced, {os.path.realpath(tmp_path / "entry.py")})
    assert not _touches(crash, {os.path.realpath(tmp_path / "entry.py")})
