"""Entry points: found in the project's own files, simulated the way the process starts them."""

import json
import textwrap

from click.testing import CliRunner

from cyclecheck.check import parse_all
from cyclecheck.cli import main
from cyclecheck.discovery import discover
from cyclecheck.entries import find_entries


def write(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))


CRASHING_APP = {
    "app/__init__.py": """\
        # views are imported before `celery` is bound
        from celery import Celery
        from app.views import bp
        celery = Celery(__name__)
    """,
    "app/views.py": "from app.tasks import send\nbp = object()\n",
    "app/tasks.py": "from app import celery\n\n@celery.task\ndef send():\n    pass\n",
}


def entries_of(root, given=()):
    found = discover([str(root)])
    return [(e.module, e.command, e.as_script, e.worker)
            for e in find_entries(found.roots, parse_all(found.files), given)]


def test_entries_from_command_files(tmp_path):
    write(tmp_path, dict(CRASHING_APP, **{
        "Procfile": "web: gunicorn wsgi:app --workers 2\nworker: celery -A celery_worker.celery worker -l info\n",
        "wsgi.py": "from app import celery\napp = None\n",
        "celery_worker.py": "from app import celery\n",
        ".flaskenv": "FLASK_APP=app\n",
        "docker-compose.yml": "services:\n  beat:\n    command: celery --app=app beat\n",
        "scripts/run.sh": "#!/bin/sh\npython manage.py runserver\n",
        "manage.py": "from app import celery\nif __name__ == '__main__':\n    pass\n",
        "pyproject.toml": "[project]\nname = 'x'\n[project.scripts]\nx-admin = 'app.views:main'\n",
    }))
    found = entries_of(tmp_path)
    assert ("celery_worker", "celery -A celery_worker.celery worker", False, True) in found
    assert ("wsgi", "gunicorn wsgi:app", False, False) in found
    assert ("app", "flask --app app run", False, False) in found
    assert ("app", "celery -A app beat", False, True) in found
    assert ("manage", "python manage.py", True, False) in found
    assert ("app.views", "x-admin", False, False) in found


def test_entry_crash_is_told_first(tmp_path):
    write(tmp_path, dict(CRASHING_APP, **{
        "Procfile": "worker: celery -A celery_worker.celery worker\n",
        "celery_worker.py": "from app import celery\n",
    }))
    result = CliRunner().invoke(main, [str(tmp_path), "--no-cache"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "importing celery_worker first crashes" in lines[0]
    assert lines[1].strip().startswith("`celery -A celery_worker.celery worker` will fail at start (")
    assert "Procfile:1): ImportError: cannot import name 'celery'" in lines[1]


def test_script_run_as_main_imports_itself_twice(tmp_path):
    write(tmp_path, {
        "app.py": """\
            # run as `python app.py`: models import it back under its own name
            db = object()
            from models import User
            if __name__ == "__main__":
                print(User)
        """,
        "models.py": "from app import db\nclass User:\n    pass\n",
    })
    report = json.loads(CliRunner().invoke(main, [str(tmp_path), "--format", "json", "--no-cache"]).output)
    finding = report["findings"][0]
    assert finding["crashes_when_first_imported"] == ["models"]
    assert any("`python app.py` will fail at start" in s and "runs twice" in s for s in finding["entry_points"])


def test_worker_imports_included_task_modules(tmp_path):
    # the worker imports `tasks` (include=) after loading; tasks then reads a name the worker binds late
    write(tmp_path, {
        "worker.py": "from celery import Celery\nimport helpers\ncelery = Celery('w', include=['tasks'])\n",
        "helpers.py": "import worker\nLIMIT = 3\n",
        "tasks.py": "from worker import celery\n",
    })
    found = entries_of(tmp_path)
    assert ("worker", "celery -A worker.celery worker", False, True) in found


def test_explicit_entry_orders_findings(tmp_path):
    write(tmp_path, {
        "a.py": "from b import B\nA = 1\n",
        "b.py": "from a import A\nB = 1\n",
        "c.py": "from d import D\nC = 1\n",
        "d.py": "from c import C\nD = 1\n",
    })
    first = json.loads(CliRunner().invoke(main, [str(tmp_path), "--format", "json", "--no-cache"]).output)
    assert first["findings"][0]["cycle"] == ["a", "b"]
    chosen = json.loads(CliRunner().invoke(main, [str(tmp_path), "--format", "json", "--no-cache",
                                                  "--entry", "d"]).output)
    assert chosen["findings"][0]["cycle"] == ["c", "d"]


def _starts(root):
    """Each entry line of the text report: the command and whether it is said to fail."""
    out = CliRunner().invoke(main, [str(root), "--no-cache"]).output
    return [line.strip() for line in out.splitlines() if "will fail at start" in line]


def test_only_worker_and_beat_import_the_task_modules(tmp_path):
    # `celery -A proj purge` loads the app; only a worker (or beat) imports include=['tasks'] (which crashes)
    write(tmp_path, {
        "Makefile": "purge:\n\tcelery -A proj purge -f\nrun:\n\tcelery -A proj worker\n",
        "proj.py": "from celery import Celery\n\ncelery = Celery('proj', broker='memory://', include=['tasks'])\n",
        "tasks.py": "import models  # noqa: F401\n\nsync = 1\n",
        "models.py": "from tasks import sync  # noqa: F401\n",
    })
    assert ("proj", "celery -A proj purge", False, False) in entries_of(tmp_path)
    starts = _starts(tmp_path)
    assert len(starts) == 1 and starts[0].startswith("`celery -A proj worker` will fail at start")


def test_a_worker_imports_the_task_modules_of_its_own_app_only(tmp_path):
    write(tmp_path, {
        "Procfile": "worker: celery -A proj worker\n",
        "proj.py": "from celery import Celery\n\ncelery = Celery('proj', broker='memory://')\n",
        "legacy.py": "from celery import Celery\n\ncelery = Celery('legacy', include=['legacy_tasks'])\n",
        "legacy_tasks.py": "import legacy_models  # noqa: F401\n\nsync = 1\n",
        "legacy_models.py": "from legacy_tasks import sync  # noqa: F401\n",
    })
    assert _starts(tmp_path) == []


def test_a_worker_py_without_celery_is_a_script(tmp_path):
    write(tmp_path, {
        "worker.py": "import jobs\n\nPOLL = 5\n\nif __name__ == '__main__':\n    jobs.run()\n",
        "jobs.py": "from worker import POLL\n\n\ndef run():\n    return POLL\n",
    })
    assert entries_of(tmp_path) == [("worker", "python worker.py", True, False)]


def test_celery_a_package_without_an_app_takes_its_celery_module(tmp_path):
    write(tmp_path, {
        "Procfile": "worker: celery -A proj worker\n",
        "proj/__init__.py": "",
        "proj/celery.py": "from celery import Celery\n\nfrom proj.tasks import add  # noqa: F401\n\n"
                          "app = Celery('proj', broker='memory://')\n",
        "proj/tasks.py": "from proj.celery import app\n\n\n@app.task\ndef add(x, y):\n    return x + y\n",
    })
    assert ("proj.celery", "celery -A proj worker", False, True) in entries_of(tmp_path)
    assert _starts(tmp_path)[0].startswith("`celery -A proj worker` will fail at start")


def test_compose_command_lists_and_python_dash_m(tmp_path):
    write(tmp_path, {
        "docker-compose.yml": 'services:\n  web:\n    command: ["gunicorn", "-b", "0.0.0.0:8000", "portal:create_app()"]\n',
        "Makefile": "run:\n\tpython -m tool\ncli:\n\tpython -m tool.cli\n",
        "portal/__init__.py": "def create_app():\n    return 1\n",
        "tool/__init__.py": "",
        "tool/__main__.py": "from tool.cli import main\n\nmain()\n",
        "tool/cli.py": "def main():\n    return 0\n",
    })
    found = entries_of(tmp_path)
    assert ("portal", "gunicorn -b 0.0.0.0:8000 portal:create_app()", False, False) in found
    assert ("tool.__main__", "python -m tool", True, False) in found  # (runpy: tool, then tool/__main__.py)
    assert ("tool.cli", "python -m tool.cli", True, False) in found


def test_python_dash_m_runs_the_module_as_main_after_its_packages(tmp_path):
    # `import tool.cli` works; `python -m tool.cli` runs cli as __main__, and commands imports it again
    write(tmp_path, {
        "Makefile": "cli:\n\tpython -m tool.cli\n",
        "tool/__init__.py": "",
        "tool/cli.py": "group = []\n\nfrom tool.commands import hello  # noqa: E402,F401\n",
        "tool/commands.py": "from tool.cli import group  # noqa: F401\n\nhello = 1\n",
    })
    starts = _starts(tmp_path)
    assert len(starts) == 1 and starts[0].startswith("`python -m tool.cli` will fail at start")
    assert "cannot import name 'hello' from partially initialized module 'tool.commands'" in starts[0]


def test_an_entry_point_whose_crash_depends_on_an_undecided_if_may_fail_and_says_on_which_branch(tmp_path):
    """The crash is only on the true branch of `if os.path.exists("monitoring.cfg"):`: the finding and the
    entry point's sentence both carry that condition, and the entry point `may` fail (not `will`)."""
    write(tmp_path, {
        "app/__init__.py": "from app.extensions import db\n",
        "app/extensions.py": "import os\n\nif os.path.exists('monitoring.cfg'):\n    from app import monitoring\n"
                             "else:\n    monitoring = None\ndb = object()\n",
        "app/monitoring.py": "from app.extensions import db\n",
        "wsgi.py": "import app\n",
        "Procfile": "web: gunicorn wsgi:app\n",
    })
    report = json.loads(CliRunner().invoke(main, [str(tmp_path), "--format", "json"]).output)
    crash = next(f for f in report["findings"] if f["code"] == "CC001")
    where = f"(if the `if` at {tmp_path / 'app' / 'extensions.py'}:3 is true)"
    assert crash["message"].endswith(where)
    assert crash["entry_points"] == [f"`gunicorn wsgi:app` may fail at start ({tmp_path / 'Procfile'}:1): ImportError: "
                                     f"cannot import name 'db' from partially initialized module 'app.extensions' {where}"]


def test_entries_of_the_celery_layout_flask_run_and_a_wsgi_application(tmp_path):
    write(tmp_path, {
        # Celery's documented layout: `celery -A proj worker` imports proj, whose app lives in proj/celery.py
        "proj/__init__.py": "from .celery import app as celery_app\n",
        "proj/celery.py": "from celery import Celery\napp = Celery('proj')\n",
        "other/__init__.py": "",
        "other/celery.py": "app = None\n",  # (no Celery there: not an entry point)
        # with no --app, `flask run` imports app.py
        "app.py": "from flask import Flask\napp = Flask(__name__)\nif __name__ == '__main__':\n    app.run()\n",
        "wsgi.py": "from proj import celery_app\napplication = None\n",
    })
    found = entries_of(tmp_path)
    assert ("proj.celery", "celery -A proj worker", False, True) in found  # (proj binds no app: Celery looks there)
    assert not [entry for entry in found if entry[0].startswith("other")]
    assert ("app", "flask run", False, False) in found
    assert ("app", "python app.py", True, False) in found
    assert ("wsgi", "gunicorn wsgi:application", False, False) in found


def test_sys_argv_is_known_in_a_plain_import_and_not_for_an_entry_point(tmp_path):
    """`python -c "import app"` has `sys.argv == ["-c"]`: `if "worker" in sys.argv:` is false there, so no
    plain import crashes; `celery -A app worker` has another command line: the entry point may fail."""
    write(tmp_path, {
        "app/__init__.py": "from app.extensions import db\n",
        "app/extensions.py": "import sys\n\nif 'worker' in sys.argv:\n    from app import tasks\n\ndb = object()\n",
        "app/tasks.py": "from app.extensions import db\n",
        "Procfile": "worker: celery -A app worker\n",
    })
    report = json.loads(CliRunner().invoke(main, [str(tmp_path), "--format", "json"]).output)
    assert not any(f["crashes_when_first_imported"] for f in report["findings"])
    worker = next(f for f in report["findings"] if f["code"] == "CC004")
    where = f"(if the `if` at {tmp_path / 'app' / 'extensions.py'}:3 is true)"
    assert len(worker["entry_points"]) == 1 and worker["entry_points"][0].startswith(
        "`celery -A app worker` may fail at start") and worker["entry_points"][0].endswith(where)
