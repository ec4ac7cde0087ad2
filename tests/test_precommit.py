"""The real pre-commit runs the hook of .pre-commit-hooks.yaml on a throw-away repository.

pre-commit builds the hook's virtualenv with pip (hence `network`). `try-repo` needs the
hook repository committed, so this working tree, uncommitted changes included, is copied
to a temporary repository and committed there.
"""

import importlib.util
import os
import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT

pytestmark = pytest.mark.network

GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false",
       "-c", "init.defaultBranch=main"]
# pip could not reach a package index: an environment problem, not a failure of the hook
OFFLINE = ("Failed to establish a new connection", "Temporary failure in name resolution",
           "No matching distribution found", "Could not find a version that satisfies")


def git_repo(path):
    subprocess.run(GIT + ["init", "-q"], cwd=path, check=True)
    subprocess.run(GIT + ["add", "-A"], cwd=path, check=True)
    subprocess.run(GIT + ["commit", "-q", "-m", "snapshot"], cwd=path, check=True)
    return path


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    target = tmp_path_factory.mktemp("hook") / "cyclecheck"
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(
        ".git", "fixtures", "tests", "__pycache__", ".cyclecheck_cache", ".benchmarks", "*.egg-info", "build",
        ".venv", "venv"))
    return git_repo(target)


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory):
    return tmp_path_factory.mktemp("pre-commit-home")  # shared: the hook's virtualenv is built once


def try_repo(hook_repo, home, fixture, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / fixture, project, ignore=shutil.ignore_patterns(".cyclecheck_cache"))
    git_repo(project)
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never")
    env.pop("PYTHONPATH", None)  # the hook must run the cyclecheck pre-commit installed
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "cyclecheck",
                           "--all-files"], cwd=project, env=env, capture_output=True, text=True, timeout=900)
    output = proc.stdout + proc.stderr
    if proc.returncode != 0 and any(marker in output for marker in OFFLINE):
        pytest.skip("pre-commit could not install the hook from a package index:\n" + output[-2000:])
    return proc.returncode, output


def test_hook_fails_on_the_crashing_project(hook_repo, pre_commit_home, tmp_path):
    code, output = try_repo(hook_repo, pre_commit_home, "celery-in-create-app", tmp_path)
    assert code == 1, output
    assert "Failed" in output and "- hook id: cyclecheck" in output
    assert "error CC001" in output and "app/tasks/email.py:3" in output


def test_hook_passes_on_the_fixed_project(hook_repo, pre_commit_home, tmp_path):
    code, output = try_repo(hook_repo, pre_commit_home, "celery-in-create-app-fixed", tmp_path)
    assert code == 0, output
    assert "cyclecheck" in output and "Passed" in output
