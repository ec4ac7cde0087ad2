"""The command line as a user meets it: output, exit codes, JSON schema, determinism."""

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, ROOT
from cyclecheck import __version__
from cyclecheck.cli import main

CLASSIC = FIXTURES / "celery-in-create-app"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_classic_layout_prints_every_edge_with_file_and_line():
    result = run(CLASSIC)
    assert result.exit_code == 1
    out = result.output
    assert "error CC001" in out
    assert "cycle: app -> app.views.account -> app.tasks.email -> app" in out
    assert "app/__init__.py:5  from app.views.account import account_bp" in out
    assert "app/views/account.py:3  from app.tasks.email import send_email" in out
    assert "app/tasks/email.py:3  from app import celery" in out
    assert "ImportError: cannot import name 'celery' from partially initialized module 'app'" in out
    assert out.rstrip().splitlines()[-1].startswith("cyclecheck: 9 modules")


def test_json_schema():
    report = json.loads(run(CLASSIC, "--format", "json").output)
    assert report["version"] == 1
    assert set(report) >= {"version", "roots", "stats", "findings", "errors"}
    finding = report["findings"][0]
    assert set(finding) >= {"code", "severity", "kind", "message", "cycle", "edges",
                            "crashes_when_first_imported", "suggestion"}
    assert finding["severity"] == "error"
    edge = finding["edges"][0]
    assert set(edge) >= {"from", "to", "file", "line", "statement", "scope", "implicit"}
    assert "celery_worker" in finding["crashes_when_first_imported"]


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


@pytest.mark.parametrize("args", [["/no/such/path"], ["--format", "xml", "."], ["--no-such-option"]])
def test_usage_errors_exit_2(args):
    assert run(*args).exit_code == 2


def test_exit_codes_follow_fail_on():
    safe = FIXTURES / "flask-docs-bottom-import"
    assert run(safe).exit_code == 0
    assert run(safe, "--strict").exit_code == 1  # its cycle never crashes: a warning
    assert run(CLASSIC, "--fail-on", "error").exit_code == 1


def test_deferred_cycles_hidden_unless_asked():
    fixture = FIXTURES / "function-level-import-cycle"
    hidden = run(fixture)
    assert hidden.exit_code == 0 and "CC003" not in hidden.output and "info hidden" in hidden.output
    shown = run(fixture, "--show-deferred")
    assert "info CC003" in shown.output and "[function]" in shown.output


def test_output_is_deterministic_across_hash_seeds():
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT))
        proc = subprocess.run([sys.executable, "-m", "cyclecheck", str(CLASSIC), "--format", "json",
                               "--show-deferred"], cwd=ROOT, env=env, capture_output=True, text=True)
        assert proc.returncode == 1, proc.stderr
        outputs.add(proc.stdout)
    assert len(outputs) == 1


@pytest.mark.parametrize("args, code", [([str(CLASSIC)], 1), ([str(FIXTURES / "celery-in-create-app-fixed")], 0),
                                        (["/no/such/path"], 2)])
def test_console_command_exits_like_main(args, code):
    """`python -m cyclecheck` (and the `cyclecheck` script) end with a hard exit after flushing:
    same output and exit status as `main` under click's runner."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "cyclecheck", *args, "--no-cache"],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    expected = CliRunner().invoke(main, [*args, "--no-cache"])
    assert proc.returncode == expected.exit_code == code
    assert proc.stdout == expected.stdout


def test_python_m_never_runs_project_files_named_like_library_modules(tmp_path):
    """`python -m cyclecheck` run in a project whose root holds csv.py and queue.py (what cyclecheck's own
    imports import, networkx's among them) must not import them: the working directory leaves sys.path."""
    marker = tmp_path / "ran"
    (tmp_path / "csv.py").write_text(f"open({str(marker)!r}, 'w').write('csv')\n")
    (tmp_path / "queue.py").write_text(f"open({str(marker)!r}, 'w').write('queue')\n")
    (tmp_path / "app.py").write_text("import csv\nimport queue\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "cyclecheck", ".", "--no-cache", "--format", "json"],
                          cwd=tmp_path, env=env, capture_output=True, text=True)
    assert not marker.exists()
    assert proc.returncode == 1, proc.stderr  # (CC106: both shadow a module of the standard library)
    assert json.loads(proc.stdout)["stats"]["modules"] == 3


def test_stage_timings_go_to_stderr_only_when_asked(tmp_path):
    """CYCLECHECK_TIMINGS=1 (what benchmarks/run.py sets) adds one stderr line; stdout is unchanged."""
    runs = {}
    for flag in ("", "1"):
        env = dict(os.environ, PYTHONPATH=str(ROOT), CYCLECHECK_TIMINGS=flag)
        runs[flag] = subprocess.run([sys.executable, "-m", "cyclecheck", str(CLASSIC), "--format", "json",
                                     "--cache-dir", str(tmp_path / flag / "cache")],
                                    cwd=ROOT, env=env, capture_output=True, text=True)
    assert runs[""].stdout == runs["1"].stdout and runs[""].stderr == ""
    line, = runs["1"].stderr.splitlines()
    stages = dict(item.split("=") for item in line.split(":", 1)[1].split())
    assert list(stages) == ["discover", "parse", "graph", "simulate", "advise", "report"]
    assert all(float(value) >= 0 for value in stages.values())


def test_package_directory_uses_parent_as_import_root():
    report = json.loads(run(CLASSIC / "app", "--format", "json").output)
    assert report["roots"] == [os.path.relpath(CLASSIC)]
    assert report["findings"][0]["cycle"] == ["app", "app.views.account", "app.tasks.email"]


@pytest.mark.parametrize("files,stray", [
    # flat modules importing each other by their bare names: the directory is the root, whatever its __init__
    ({"__init__.py": "from .app import app\n", "app.py": "from models import User\n", "models.py": "X = 1\n"}, True),
    ({"__init__.py": "", "app.py": "import models\n", "models.py": ""}, True),
    # a package: a module imports a sibling relatively or through the package's name
    ({"__init__.py": "", "app.py": "from models import User\nfrom .views import bp\n", "models.py": "",
      "views.py": ""}, False),
    ({"__init__.py": "", "app.py": "from proj.models import User\n", "models.py": "from models import X\n"}, False),
    # the Celery docs' layout: `from celery import shared_task` beside proj/celery.py is the library's
    ({"__init__.py": "from .celery import app as celery_app\n", "celery.py": "from celery import Celery\n",
      "tasks.py": "from celery import shared_task\n"}, False),
])
def test_a_stray_init_at_the_root_of_flat_modules(tmp_path, files, stray):
    from cyclecheck.discovery import discover

    project = tmp_path / "proj"
    project.mkdir()
    for name, text in files.items():
        (project / name).write_text(text)
    for given in ([str(project)], [str(project / "app.py" if "app.py" in files else project / "tasks.py")]):
        found = discover(given)
        assert [os.path.abspath(root) for root in found.roots] == [str(project if stray else tmp_path)], given
    names = sorted(source.module for source in discover([str(project)]).files)
    assert names == sorted([name[:-3] if stray else "proj." + name[:-3] for name in files if name != "__init__.py"]
                           + ([] if stray else ["proj"]))


@pytest.mark.parametrize("fixture,given,outside", [
    # config.py and wsgi.py import the package: checked with it; tool.py imports nothing of it
    ("settings-beside-package", "portal", ["tool.py"]),
    # a namespace package given alone: its parent is the import root, its modules named through it
    ("namespace-package-given", "plugins", ["notes.py"]),
])
def test_a_directory_given_alone_is_checked_as_python_imports_it(fixture, given, outside):
    """The claims of `cyclecheck DIR` for a package or namespace package directory inside a fixture are the
    interpreter's for the whole fixture (expected.toml's truth, imported from the fixture's root)."""
    from conftest import load_expected
    from cyclecheck.discovery import discover

    expected = load_expected(FIXTURES / fixture)
    report = json.loads(run(FIXTURES / fixture / given, "--format", "json", "--no-cache").output)
    assert report["roots"] == [os.path.relpath(FIXTURES / fixture)]
    claimed = sorted(module for finding in report["findings"] for module in finding["crashes_when_first_imported"])
    assert claimed == sorted(module for module, outcome in expected["truth"].items() if outcome == "circular")
    names = sorted(source.module for source in discover([str(FIXTURES / fixture / given)]).files)
    assert names == sorted(module for module in expected["truth"]
                           if module.replace(".", "/") + ".py" not in outside)


@pytest.mark.parametrize("given", ["top/ns/pkg", "top/ns/celery"])
def test_a_package_inside_a_namespace_package_inside_a_package(given):
    """`cyclecheck top/ns/pkg`, top/ns a namespace package of the regular package top (airflow/providers/celery):
    the import root is top's parent, the modules are named top.ns.pkg..., and their claims are the interpreter's."""
    from conftest import load_expected

    fixture = FIXTURES / "namespace-inside-package"
    truth = load_expected(fixture)["truth"]
    report = json.loads(run(fixture / given, "--format", "json", "--no-cache").output)
    assert report["roots"] == [os.path.relpath(fixture)]
    dotted = given.replace("/", ".")
    claimed = sorted(module for finding in report["findings"] for module in finding["crashes_when_first_imported"])
    assert claimed == sorted(m for m, outcome in truth.items() if outcome == "circular" and m.startswith(dotted + "."))
    assert not any(finding["code"] == "CC106" for finding in report["findings"])  # (top.ns.celery shadows nothing)


def test_a_name_a_star_import_brings_later_is_bound_there(tmp_path):
    """A name the partial module gets only from a star import below the running import is "bound only later",
    at that star import (not "never bound")."""
    files = {"app/__init__.py": "", "app/models.py": "from app.tasks import send_welcome_email\n\n\nclass User:\n    pass\n",
             "app/tasks/__init__.py": "from app import models\nfrom .email import *  # noqa\n",
             "app/tasks/email.py": "def send_welcome_email(user):\n    return user\n"}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    report = json.loads(run(tmp_path, "--format", "json", "--no-cache").output)
    crash, = [finding["crash"] for finding in report["findings"] if finding["crash"]]
    assert crash["missing_name"] == "send_welcome_email"
    assert (crash["bound_at"]["file"].replace(os.sep, "/").endswith("app/tasks/__init__.py"), crash["bound_at"]["line"]) == (
        True, 2)
    assert "'send_welcome_email' is bound only later, at " in run(tmp_path, "--no-cache").output


def test_exclude():
    report = json.loads(run(CLASSIC, "--exclude", "tasks", "--format", "json").output)
    assert report["findings"] == []


def test_a_module_file_beside_a_package_of_its_name_is_reported_and_skipped():
    report = json.loads(run(FIXTURES / "package-beside-module", "--format", "json", "--no-cache").output)
    assert [e["file"].replace(os.sep, "/").rsplit("/", 1)[-1] for e in report["errors"]] == ["app.py"]
    assert "never imported: the package at" in report["errors"][0]["message"]
    assert report["findings"] == []
