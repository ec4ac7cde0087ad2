"""Suggestions (CC101-CC105), shadowed libraries (CC106) and `--explain`, on the fixtures and small projects.

* every finding of every fixture carries a suggestion with a before/after snippet;
* the Flask/Celery crash fixtures get the specific code of their pattern;
* every `<name>-fixed` twin of a fixture is free of errors;
* the snippets use the project's own names.
"""

import json
import os
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, fixture_dirs
from cyclecheck import model as m
from cyclecheck.advice import CODES, EXPLANATIONS, explain
from cyclecheck.check import check
from cyclecheck.cli import main
from cyclecheck.config import Config

ALL = fixture_dirs()
CONFIG = Config(show_deferred=True)

# The suggestion code expected on the crash (CC001/CC004) findings of the Flask/Celery pattern fixtures.
EXPECTED_CRASH_CODE = {
    "celery-in-create-app": "CC101",  # Celery built by make_celery(create_app()), tasks do `from app import celery`
    "make-celery-in-factory": "CC101",  # `celery = make_celery(app)` inside create_app, tasks import it
    "db-global-in-factory": "CC102",  # `global db` ... `db = SQLAlchemy(app)` inside create_app, models import it
    "newsroom-worker-entry-crash": "CC101",  # Celery built from the app in celery_worker.py, tasks import it
    "celery-task-decorator-crash": "CC102",  # module-level Celery in the package __init__, bound after the tasks
    "models-import-db-from-package": "CC102",  # `from inventory import db` in the models
    "relative-imports": "CC102",  # `from . import db`
    "attribute-error-module-level": "CC102",  # `crm.db.Model` read at class level
    "src-layout": "CC102",  # the CLI module does `from myapp import db`
    "clinic-tasks-first-crash": "CC104",  # models import a task that imports the models
    "flask-docs-top-import": "CC103",  # `from app import views` above `app = Flask(__name__)`
    "blueprint-autoregister": "CC103",  # pkgutil walk before `def url_for_resource`
    "implicit-parent-crash": "CC103",  # shop imports shop.api before binding API_VERSION
    "module-level-call-crash": "CC103",  # app = create_app() before store = NoteStore()
    "importlib-literal": "CC103",  # importlib.import_module("dashboard.views") before cache = {}
    "decorator-default-arg": "CC103",  # server imports views before app = Flask(...)
    "lazy-getattr-package": "CC103",  # the blueprint package's views (a task among them) need db: import it first
    "cycle-length-3": "CC105",  # no Flask/Celery pattern: the generic edge
    "cycle-length-4": "CC105",
    "cycle-length-5": "CC105",
    "two-cycles": "CC105",
}

_reports = {}


def report_of(fixture) -> m.Report:
    if fixture.name not in _reports:
        _reports[fixture.name] = check([str(fixture)], CONFIG)
    return _reports[fixture.name]


@pytest.mark.parametrize("fixture", ALL, ids=[f.name for f in ALL])
def test_every_finding_has_a_suggestion(fixture):
    report = report_of(fixture)
    for finding in report.findings:
        s = finding.suggestion
        assert s is not None, finding.message
        assert s.code in CODES or s.code == finding.code, s.code
        assert s.summary and s.path and s.line > 0, s
        if finding.cycle:
            assert s.code.startswith("CC1"), s.code
            assert s.before.strip() and s.after.strip(), s
            assert s.before != s.after


@pytest.mark.parametrize("name", sorted(EXPECTED_CRASH_CODE))
def test_flask_celery_patterns_get_their_code(name):
    fixture = FIXTURES / name
    if not fixture.is_dir():
        pytest.skip(f"fixture {name} not present")
    crashes = [f for f in report_of(fixture).findings if f.severity == m.ERROR and f.crash is not None]
    assert crashes, "the fixture should crash"
    assert {f.suggestion.code for f in crashes} == {EXPECTED_CRASH_CODE[name]}


TWINS = [f for f in ALL if (FIXTURES / f"{f.name}-fixed").is_dir()]


@pytest.mark.parametrize("fixture", TWINS, ids=[f.name for f in TWINS])
def test_fixed_twin_reports_no_error(fixture):
    twin = FIXTURES / f"{fixture.name}-fixed"
    errors = [f"{f.code} {f.message}" for f in report_of(twin).findings if f.severity == m.ERROR]
    assert errors == []
    assert any(f.severity == m.ERROR for f in report_of(fixture).findings), "the broken twin should have an error"


def test_cc101_uses_the_projects_names():
    finding = next(f for f in report_of(FIXTURES / "celery-in-create-app").findings if f.code == "CC001")
    s = finding.suggestion
    assert s.code == "CC101"
    assert s.path.endswith("app/__init__.py")
    assert "make_celery" in s.summary and "app.tasks.email" in s.summary
    assert "celery = make_celery(create_app())" in s.before
    assert "from app import celery" in s.before
    assert "app/extensions.py" in s.after and 'celery = Celery("app")' in s.after
    assert "celery.conf.update(app.config)" in s.after and "def create_app(" in s.after
    assert "from app.extensions import celery" in s.after
    assert "celery_worker.py" in s.after and "app.app_context().push()" in s.after
    assert "shared_task" in s.after and "celery_init_app" in s.after


def test_cc102_moves_db_to_an_extensions_module():
    s = next(f for f in report_of(FIXTURES / "models-import-db-from-package").findings
             if f.code == "CC001").suggestion
    assert s.code == "CC102"
    assert "inventory/extensions.py" in s.after
    assert "from flask_sqlalchemy import SQLAlchemy" in s.after and "db = SQLAlchemy()" in s.after
    assert "from inventory.extensions import db" in s.after and "db.init_app(app)" in s.after
    assert "from inventory import db" in s.before


def test_cc102_keeps_relative_imports_relative():
    fixture = FIXTURES / "relative-imports"
    if not fixture.is_dir():
        pytest.skip("fixture not present")
    s = next(f for f in report_of(fixture).findings if f.code == "CC001").suggestion
    assert "from .extensions import db" in s.after


def test_cc104_defers_the_task_import_or_sends_by_name():
    fixture = FIXTURES / "clinic-tasks-first-crash"
    if not fixture.is_dir():
        pytest.skip("fixture not present")
    s = next(f for f in report_of(fixture).findings if f.code == "CC001").suggestion
    assert s.code == "CC104"
    assert "def schedule_reminder(self):" in s.after
    assert "    from clinic.tasks.reminders import send_reminder" in s.after
    assert 'celery.send_task("clinic.send_reminder"' in s.after
    assert "from clinic.extensions import celery" in s.after


def test_cc103_moves_the_binding_above_the_import():
    s = next(f for f in report_of(FIXTURES / "flask-docs-top-import").findings if f.code == "CC001").suggestion
    assert s.code == "CC103"
    after = s.after.splitlines()
    assert after.index("app = Flask(__name__)") < next(i for i, line in enumerate(after)
                                                       if line.startswith("from app import errors, views"))


def test_no_fix_moves_a_binding_above_or_an_import_below_what_it_needs_at_import():
    """single-module-flask-celery: `class User(db.Model)` needs the `db` of `from app import app, db`
    above it, and `@app.template_filter` needs `app`: neither the binding can go above that import
    (CC103) nor the import into a function (CC105's deferral)."""
    report = report_of(FIXTURES / "single-module-flask-celery")
    crash = next(f for f in report.findings if f.code == "CC001" and "models" in f.crashes_when_first_imported)
    assert crash.suggestion.code != "CC103"
    assert "def username(uid):\n    from app import" not in crash.suggestion.after
    assert "move it into" not in crash.suggestion.summary


def test_cc102_tells_the_line_order_as_it_is_and_makes_the_extension_without_the_app():
    report = report_of(FIXTURES / "single-module-flask-celery")
    s = next(f.suggestion for f in report.findings if f.code == "CC002")
    assert s.code == "CC102"
    # on the cycle app -> tasks -> models -> app, app binds db at line 8 and imports tasks at line 13:
    # it works while that order holds
    assert "which imports tasks (and through it models) at line 13, after binding `db = SQLAlchemy(app)` at " \
           "line 8" in s.summary
    before = s.before.splitlines()
    assert before.index("db = SQLAlchemy(app)") < before.index("from tasks import send_email  # noqa: E402")
    assert "db = SQLAlchemy()" in s.after and "SQLAlchemy(app)" not in s.after  # (no app in extensions.py)
    assert "db.init_app(app)" in s.after


def test_cc104_on_a_star_import_names_the_tasks_instead_of_deferring_the_star(tmp_path):
    write(tmp_path, {
        "shop/__init__.py": """\
            from celery import Celery

            celery = Celery("shop")
            from . import models  # noqa: E402
        """,
        "shop/models.py": """\
            from .tasks import *  # noqa: F401,F403


            class Order:
                pass
        """,
        "shop/tasks.py": """\
            from shop import celery
            from shop.models import Order


            @celery.task
            def ship(order_id):
                return Order, order_id
        """,
    })
    report = check([str(tmp_path)], CONFIG)
    s = next(f.suggestion for f in report.findings if f.code == "CC001")
    assert s.code == "CC104"
    assert "naming the tasks" in s.summary
    assert s.after != s.before and "from .tasks import ship" in s.after
    assert "    from .tasks import *" not in s.after


def write(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return root


def test_cc105_names_the_edge_on_most_cycles(tmp_path):
    # a -> b is on both cycles (a -> b -> a and a -> b -> c -> a); the others on one each
    write(tmp_path, {
        "a.py": "import b\n\ndef use():\n    return b.VALUE\n",
        "b.py": "import a\nimport c\nVALUE = 1\n",
        "c.py": "import a\n",
    })
    report = check([str(tmp_path)], CONFIG)
    assert report.findings
    for finding in report.findings:
        s = finding.suggestion
        assert s.code == "CC105"
        assert "a -> b" in s.summary and "on 2 of the 2 cycles" in s.summary
        assert s.path.endswith("a.py") and s.line == 1
        assert "def use():\n    import b" in s.after


def test_largest_cyclic_part_left_matches_removing_the_edge_from_the_graph():
    # CC105 scores an edge by the largest strongly connected part left without it; that is computed on the
    # component's own part only, and must equal recomputing the parts of the whole graph without the edge
    import random

    import networkx as nx

    from cyclecheck.advice import _CyclicParts, _largest_left

    rng = random.Random(7)
    for _ in range(40):
        nodes = [f"m{i}" for i in range(rng.randint(2, 12))]
        edges = {(rng.choice(nodes), rng.choice(nodes)) for _ in range(rng.randint(1, 30))}
        edges = {(u, v) for u, v in edges if u != v}
        successors = {n: {v for u, v in edges if u == n} for n in nodes}
        parts = _CyclicParts(successors)
        for pair in sorted(edges) + [("m0", "m1")]:
            graph = nx.DiGraph(sorted(edges - {pair}))
            graph.add_nodes_from(nodes)
            expected = max((len(c) for c in nx.strongly_connected_components(graph) if len(c) > 1), default=0)
            assert _largest_left(parts, pair) == expected, (sorted(edges), pair)


def test_statements_around_a_line_are_those_of_a_full_walk_in_the_same_order():
    # the innermost statement at a line is looked for without walking the whole module: same candidates,
    # same order (the first of two statements with the same lines wins), so the same statement
    import ast
    from pathlib import Path

    import cyclecheck
    from cyclecheck.advice import _span, _statements_around

    texts = [path.read_text() for path in sorted(Path(cyclecheck.__file__).parent.glob("*.py"))]
    texts.append("@dec(1,\n     2)\ndef f():\n    if x: y = 1; z = 2\n    try:\n        pass\n    except E:\n"
                 "        class C: pass\nwith a as b: import q\n")
    for text in texts:
        tree = ast.parse(text)
        walked = [node for node in ast.walk(tree) if isinstance(node, ast.stmt)]
        for line in range(1, len(text.splitlines()) + 2):
            expected = [node for node in walked if _span(node)[0] <= line <= _span(node)[1]]
            found = [node for node in _statements_around(tree, line) if _span(node)[0] <= line <= _span(node)[1]]
            assert found == expected, line


def _snippet_by_walking_every_function(text, statement, names):
    """The deferred-import snippet as first written: a walk of every function in turn."""
    import ast

    from cyclecheck.advice import _clean, _dedent

    tree, lines, wanted = ast.parse(text), text.splitlines(), set(names)
    pending, at_import = [tree], set()  # the names read when the module runs: outside function bodies
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            pending += node.decorator_list + [node.args] + ([node.returns] if node.returns else [])
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            at_import.add(node.id)
        pending += list(ast.iter_child_nodes(node))
    if at_import & wanted:
        return None
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        use = next((inner.lineno for inner in ast.walk(node) if isinstance(inner, ast.Name)
                    and inner.id in wanted and isinstance(inner.ctx, ast.Load)), None)
        if use is None:
            continue
        head = lines[node.lineno - 1: node.body[0].lineno - 1]
        indent = " " * node.body[0].col_offset
        body = "\n".join(head) + f"\n{indent}{_clean(statement)}\n\n"
        if use > node.body[0].lineno:  # lines of the function above the use
            body += f"{indent}...\n"
        body += lines[use - 1]
        if node.end_lineno > use:  # and below it
            body += f"\n{indent}..."
        return node.name, _dedent(body.splitlines())
    return None


def test_deferred_snippet_is_that_of_a_walk_of_every_function(tmp_path):
    # the snippet is found from one walk of the module (functions by their text range, uses by position):
    # the same function and use as walking each function's tree, on every name a module reads
    import ast
    from pathlib import Path

    import cyclecheck
    from cyclecheck import advice, roles

    texts = [(Path(cyclecheck.__file__).parent / name).read_text() for name in ("advice.py", "graph.py", "cli.py")]
    texts.append("@register(helper)\ndef f(x=default):\n    def g():\n        return inner\n    return g\n"
                 "async def h():\n    await helper()\n")
    for number, text in enumerate(texts):
        (tmp_path / f"m{number}.py").write_text(text)
    facts = check_mod_parse(tmp_path)
    project = advice._Project(facts, None, roles.Knowledge())
    for fact in facts:
        module, text = fact.source.module, (tmp_path / f"{fact.source.module}.py").read_text()
        read = sorted({n.id for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Name)})
        for names in [(name,) for name in read[::max(1, len(read) // 40)]] + [tuple(read[::7]), ("not_read",)]:
            site = m.ImportSite(module, "elsewhere", fact.source.path, 1, m.MODULE, "from elsewhere import x",
                                names)
            expected = _snippet_by_walking_every_function(text, site.statement, names)
            assert advice._deferred_snippet(project, module, site, names) == expected, (module, names)


def check_mod_parse(root):
    from cyclecheck.check import parse_all
    from cyclecheck.discovery import discover

    return parse_all(discover([str(root)]).files)


class _Slot:
    """A cache.Slot held in memory."""

    def __init__(self, stored=None):
        self.stored, self.puts = stored, []

    def get(self, inputs):
        return self.stored

    def put(self, inputs, result):
        self.puts.append(result)
        self.stored = result


def test_advice_memo_answers_are_taken_and_foreign_ones_ignored(tmp_path):
    # what the memo holds for a key is the answer (it is never worked out again), so a run that kept
    # the answers gives the same suggestions; a store of another shape is no memo at all
    from dataclasses import replace

    from cyclecheck import advice

    write(tmp_path, {
        "a.py": "import b\n\ndef use():\n    return b.VALUE\n",
        "b.py": "import a\nimport c\nVALUE = 1\n",
        "c.py": "import a\n",
    })
    report = check([str(tmp_path)], CONFIG)
    bare = [replace(f, suggestion=None) for f in report.findings]
    facts, fresh = check_mod_parse(tmp_path), [f.suggestion for f in report.findings]
    from cyclecheck.graph import build_graph
    from cyclecheck.cycles import find_components

    graph = build_graph(facts)
    components = find_components(graph.graph)
    slot = _Slot()
    first, _ = advice.advise(bare, facts, graph, components, memo=slot)
    assert [f.suggestion for f in first] == fresh and len(slot.puts) == 1
    kinds = {key[0] for key, _ in slot.stored}
    assert {"snippet", "left", "statement"} <= kinds
    again, _ = advice.advise(bare, facts, graph, components, memo=slot)
    assert [f.suggestion for f in again] == fresh and len(slot.puts) == 1  # (nothing new to keep)
    planted = tuple((key, ("use", "def use():\n    import b  # planted")) if key[0] == "snippet" else (key, value)
                    for key, value in slot.stored)
    taken, _ = advice.advise(bare, facts, graph, components, memo=_Slot(planted))
    assert any("# planted" in f.suggestion.after for f in taken)
    for foreign in [("garbage",), ((1, 2, 3),), 42, (("key", "value"),)]:
        ignored, _ = advice.advise(bare, facts, graph, components, memo=_Slot(foreign))
        assert [f.suggestion for f in ignored] == fresh, foreign


@pytest.mark.parametrize("enabled", [True, False])
def test_advise_pauses_the_cyclic_collector_and_restores_it(tmp_path, enabled):
    import gc

    from cyclecheck import advice

    write(tmp_path, {"a.py": "import b\n", "b.py": "import a\n"})
    report = check([str(tmp_path)], CONFIG)
    seen = []
    original = advice._advise

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        advice._advise = spy
        findings, _ = advice.advise(report.findings, [], None)
        assert seen == [False] and gc.isenabled() is enabled
        assert all(f.suggestion is not None for f in findings)
    finally:
        advice._advise = original
        (gc.enable if was else gc.disable)()


def test_cc106_celery_py_importing_itself(tmp_path):
    write(tmp_path, {"celery.py": "from celery import Celery\n\napp = Celery('proj')\n",
                     "tasks.py": "from celery import shared_task\n"})
    report = check([str(tmp_path)], CONFIG)
    [finding] = [f for f in report.findings if f.code == "CC106"]
    assert finding.severity == m.ERROR and finding.kind == "shadowed-library"
    assert "ImportError: cannot import name 'Celery' from partially initialized module 'celery'" in finding.message
    assert finding.location == (str(tmp_path / "celery.py"), 1)
    assert finding.suggestion.code == "CC106" and "celery_app" in finding.suggestion.after


def test_an_extension_the_factory_binds_to_a_global_moves_to_an_extensions_module():
    # `global db` ... `db = SQLAlchemy(app)` in create_app: made bare in project.extensions, bound in the factory
    s = next(f for f in report_of(FIXTURES / "db-global-in-factory").findings if f.code == "CC001").suggestion
    assert s.code == "CC102" and "only inside create_app()" in s.summary
    assert "global db" in s.before and "db = SQLAlchemy(app)" in s.before
    assert "project/extensions.py\nfrom flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\n" in s.after
    assert "db.init_app(app)" in s.after and "from project.extensions import db" in s.after


def test_an_extension_read_through_a_star_import_keeps_that_import_and_its_own_name(tmp_path):
    # tasks.py reads `celery` through `from app import *` (a NameError while app runs): the fix quotes that
    # star import, keeps it, and the moved `Celery(__name__)` keeps the app's name
    write(tmp_path, {"app/__init__.py": "from celery import Celery\nfrom app.views import bp\n"
                                        "celery = Celery(__name__, broker='memory://')\n",
                     "app/views.py": "from app.tasks import add\nbp = None\n",
                     "app/tasks.py": "from app import *  # noqa: F403\n\n\n@celery.task\ndef add(x, y):\n"
                                     "    return x + y\n"})
    s = next(f for f in check([str(tmp_path)], CONFIG).findings if f.code == "CC001").suggestion
    assert s.code == "CC102" and "import app\n" not in s.before + s.after
    assert "from app import *" in s.before.split("tasks.py")[1] and "from app import *" in s.after.split("tasks.py")[1]
    assert "celery = Celery(\"app\", broker='memory://')" in s.after


def test_a_crash_on_a_shadowing_file_s_own_cycle_is_fixed_by_the_rename(tmp_path):
    # celery.py's `from celery import Celery` is a cycle of one module: its fix is CC106's rename, not a
    # third module between the file and itself
    write(tmp_path, {"celery.py": "from celery import Celery\n\ncelery = Celery('proj')\n",
                     "tasks.py": "from celery import celery\n\n\n@celery.task\ndef add(x, y):\n    return x + y\n",
                     "app.py": "from tasks import add\n"})
    report = check([str(tmp_path)], CONFIG)
    [crash] = [f for f in report.findings if f.code == "CC001"]
    [shadow] = [f for f in report.findings if f.code == "CC106"]
    assert crash.cycle == ("celery",) and crash.suggestion == shadow.suggestion


def test_cc106_local_flask_and_stdlib_names(tmp_path):
    write(tmp_path, {"flask.py": "x = 1\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n",
                     "json.py": "def load(path):\n    return path\n"})
    report = check([str(tmp_path)], CONFIG)
    by_file = {f.location[0].rpartition("/")[2]: f for f in report.findings if f.code == "CC106"}
    assert set(by_file) == {"flask.py", "json.py"}
    assert "cannot import name 'Flask' from 'flask'" in by_file["flask.py"].message
    assert "standard library" in by_file["json.py"].message


def test_cc106_a_stdlib_name_importing_a_library_that_uses_it(tmp_path):
    # queue.py importing celery: kombu's `from queue import Queue` gets the partial queue.py
    write(tmp_path, {"queue.py": "from celery import Celery\n\nDEFAULT = 'default'\n", "jobs.py": "import queue\n"})
    finding = next(f for f in check([str(tmp_path)], CONFIG).findings if f.code == "CC106")
    assert "importing celery here" in finding.message
    assert "cannot import name 'Queue' from partially initialized module 'queue'" in finding.message


@pytest.mark.parametrize("module, attribute", [("token", "EXACT_TOKEN_TYPES"), ("opcode", "__all__"),
                                               ("pprint", "pformat"), ("contextvars", "ContextVar")])
def test_cc106_a_stdlib_name_flask_reaches_only_through_other_modules(tmp_path, module, attribute):
    # token.py importing flask: logging -> traceback -> linecache -> tokenize's `from token import ...` gets
    # the partial file; the message quotes what the interpreter says (checked in a fresh one)
    write(tmp_path, {f"{module}.py": "from flask import current_app\n", "app.py": "from flask import Flask\n"})
    finding = next(f for f in check([str(tmp_path)], CONFIG).findings if f.code == "CC106")
    said = f"cannot import name '{attribute}' from partially initialized module '{module}'"
    assert "importing flask here" in finding.message and said in finding.message
    real = subprocess.run([sys.executable, "-c", f"import {module}"], cwd=tmp_path, capture_output=True, text=True,
                          env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert real.returncode == 1 and said in real.stderr


def test_cc106_not_for_a_package_that_is_the_library(tmp_path):
    # a checkout of a library itself (src/flask/__init__.py defining Flask) shadows nothing
    write(tmp_path, {"src/flask/__init__.py": "from .app import Flask\n",
                     "src/flask/app.py": "class Flask:\n    pass\n",
                     "src/flask/views.py": "from flask import Flask\n",
                     "mail.py": "import email\n"})
    report = check([str(tmp_path / "src"), str(tmp_path / "mail.py")], CONFIG)
    assert [f for f in report.findings if f.code == "CC106"] == []


def test_json_carries_suggestion_and_roles():
    result = CliRunner().invoke(main, [str(FIXTURES / "celery-in-create-app"), "--format", "json", "--no-cache"])
    report = json.loads(result.output)
    s = report["findings"][0]["suggestion"]
    assert s["code"] == "CC101" and set(s) >= {"code", "summary", "file", "line", "before", "after"}
    assert report["roles"]["app"] == ["app-factory", "celery-instance"]
    assert report["roles"]["app.tasks.email"] == ["tasks"]


@pytest.mark.parametrize("code", sorted(EXPLANATIONS))
def test_explain_prints_ruff_style_docs(code):
    result = CliRunner().invoke(main, ["--explain", code.lower()])
    assert result.exit_code == 0, result.output
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert heading in result.output
    assert result.output.startswith(f"# {code} ")


def test_explain_covers_every_code_and_rejects_unknown_ones():
    assert {"CC001", "CC002", "CC003", "CC101", "CC102", "CC103", "CC104", "CC105", "CC106"} <= set(CODES)
    assert explain("CC999") is None
    result = CliRunner().invoke(main, ["--explain", "CC999"])
    assert result.exit_code == 2
    assert "unknown code" in result.output


def test_cc106_not_for_a_self_import_of_a_project_only_name(tmp_path):
    # `from zqx_project import VALUE` inside zqx_project/__init__.py is a plain circular import, not shadowing
    write(tmp_path, {"zqx_project/__init__.py": "from zqx_project import VALUE\n\nVALUE = 1\n"})
    assert [f for f in check([str(tmp_path)], CONFIG).findings if f.code == "CC106"] == []


def test_a_failing_role_analysis_is_reported_and_the_findings_keep_their_fixes(monkeypatch):
    """When the analysis of roles raises (as it did with an astroid whose builder it did not know),
    the run still reports every finding with a fix, and says that the role analysis failed."""
    from cyclecheck import roles

    def broken(*args, **kwargs):
        raise TypeError("an astroid it does not know")

    monkeypatch.setattr(roles, "analyse", broken)
    fixture = FIXTURES / "attribute-error-module-level"
    report = check([str(fixture)], Config(use_cache=False))
    assert report.findings and all(f.suggestion is not None for f in report.findings)
    assert [e.message for e in report.errors] == [
        "internal error in the Flask/Celery role analysis (TypeError: an astroid it does not know); the fixes "
        "shown are the ones that need no roles"]
    result = CliRunner().invoke(main, [str(fixture), "--no-cache"])
    assert result.exit_code == 1  # (the crash), as without the failure
    assert "internal error in the Flask/Celery role analysis" in result.output


def test_a_report_with_a_failed_role_analysis_is_not_kept_in_the_cache(monkeypatch, tmp_path):
    """A failure may be passing (a package being reinstalled under the run): the next run analyses again."""
    from cyclecheck import roles

    fixture = FIXTURES / "attribute-error-module-level"
    config = Config(cache_dir=str(tmp_path / "cache"), use_cache=True)
    with monkeypatch.context() as patched:
        patched.setattr(roles, "analyse", lambda *args, **kwargs: 1 / 0)
        assert any("role analysis" in e.message for e in check([str(fixture)], config).errors)
    again = check([str(fixture)], config)
    assert again.errors == () and again.findings[0].suggestion.code == "CC102"


def test_cc105_cuts_an_import_statement_and_never_defers_into_a_function_run_at_import(tmp_path):
    """The crash's edge is the read `models.Status` (it cannot be dropped: the import behind it can),
    and `_configure()`, called at module level, is no place to defer an import to."""
    write(tmp_path, {
        "app/__init__.py": "",
        "app/forms.py": """\
            import app.models as models

            CHOICES = tuple(s.value for s in models.Status)
        """,
        "app/models.py": """\
            import enum

            from app import forms


            class Status(enum.Enum):
                DRAFT = "draft"
        """,
        "web/__init__.py": """\
            import web.registry as registry


            def _configure():
                return registry.make()


            HANDLERS = _configure()
        """,
        "web/registry.py": """\
            from web import HANDLERS


            def make():
                return dict(HANDLERS)
        """,
    })
    report = check([str(tmp_path)], CONFIG)
    for finding in report.findings:
        s = finding.suggestion
        assert "models.Status`" not in s.summary and "drop:\n# models.Status" not in s.after
        assert "move it into _configure()" not in s.summary
    forms = next(f for f in report.findings if "app.forms" in f.cycle).suggestion
    assert "`import app.models as models`" in forms.summary or "`from app import forms`" in forms.summary


def test_a_name_bound_above_but_deleted_is_not_said_to_be_bound_later(tmp_path):
    write(tmp_path, {
        "app/__init__.py": """\
            from celery import Celery

            celery = Celery(__name__)
            _kept = celery
            del celery

            from app import tasks  # noqa: E402,F401

            celery = _kept
        """,
        "app/tasks.py": """\
            from app import celery


            @celery.task
            def ping():
                return "pong"
        """,
    })
    crash = next(f for f in check([str(tmp_path)], CONFIG).findings if f.code == "CC001")
    assert crash.crash.missing_name == "celery" and crash.crash.bound_at is None
    assert "works only while" not in crash.suggestion.summary
    assert "where `celery` (bound at line 3) is not bound any more" in crash.suggestion.summary


def test_cc102_moves_a_class_the_package_defines_and_keeps_the_other_names_imported():
    """service-base-class-init: `mail = Mail()` where app/__init__.py defines Mail, imported by
    `from app import db, mail`: the class moves with the object, and db is still imported from app."""
    report = report_of(FIXTURES / "service-base-class-init")
    s = next(f.suggestion for f in report.findings if f.code == "CC001")
    assert s.code == "CC102"
    extensions = s.after.split("\n\n# ")[0]
    assert "class Mail:" in extensions and "mail = Mail()" in extensions
    assert "from app import db\nfrom app.extensions import mail" in s.after


def test_cc102_through_a_module_import_rewrites_the_reads_and_invents_no_factory(tmp_path):
    """`import app.worker as worker` ... `@worker.celery.task`, in a project without a Flask app: the fix
    shows the import as written, reads `celery` from app.extensions where the module read
    `worker.celery` (not left as it was: a NameError), and gives app.worker the import, no create_app."""
    write(tmp_path, {
        "app/__init__.py": "",
        "app/worker.py": 'from celery import Celery\n\nimport app.tasks  # noqa: F401\n\ncelery = Celery("app")\n',
        "app/tasks.py": "import app.worker as worker\n\n\n@worker.celery.task\ndef cleanup():\n    return 0\n",
    })
    crash = next(f for f in check([str(tmp_path)], CONFIG).findings if f.code == "CC001")
    s = crash.suggestion
    assert s.code == "CC102"
    assert "app/tasks.py\nimport app.worker as worker\n...\n@worker.celery.task" in s.before
    assert "app/tasks.py\nfrom app.extensions import celery\n...\n@celery.task" in s.after
    assert "app/worker.py\nfrom app.extensions import celery\n\n" in s.after and "create_app" not in s.after


def test_cc102_keeps_a_module_import_the_module_reads_other_names_through(tmp_path):
    write(tmp_path, {
        "app/__init__.py": 'from celery import Celery\n\nfrom app import jobs\n\ncelery = Celery("app")\nLIMIT = 3\n',
        "app/jobs.py": "import app as pkg\n\n\n@pkg.celery.task\ndef rebuild():\n    return pkg.LIMIT\n",
    })
    s = next(f for f in check([str(tmp_path)], CONFIG).findings if f.code == "CC001").suggestion
    assert s.code == "CC102"
    assert "app/jobs.py\nimport app as pkg\nfrom app.extensions import celery\n...\n@celery.task" in s.after


def test_cc105_does_not_drop_a_configuration_loaded_by_name(tmp_path):
    """app loads config with from_object("config.Config"); config imports app.constants, so app runs
    first: the fix breaks config -> app, never `from_object` (without it the app has no configuration)."""
    write(tmp_path, {
        "app/__init__.py": 'from flask import Flask\n\nflask_app = Flask(__name__)\n'
                           'flask_app.config.from_object("config.Config")\n',
        "app/constants.py": "PER_PAGE = 25\n",
        "config.py": "from app.constants import PER_PAGE\n\n\nclass Config:\n    LIMIT = PER_PAGE\n",
    })
    s = next(f for f in check([str(tmp_path)], CONFIG).findings if f.code == "CC001").suggestion
    assert s.code == "CC105" and "from_object" not in s.after
    assert "break the cycle at config -> app (`from app.constants import PER_PAGE`" in s.summary


def test_cc105_does_not_say_read_the_name_at_call_time_when_it_is_read_at_import(tmp_path):
    write(tmp_path, {
        "worker.py": "from app import create_app\n\nflask_app = create_app()\nfrom tasks import add\ncelery = object()\n",
        "app.py": "def create_app():\n    return 1\n",
        "tasks.py": "from worker import celery\n\n\n@celery.task\ndef add(a, b):\n    return a + b\n",
    })
    for finding in check([str(tmp_path)], CONFIG).findings:
        assert "at call time" not in finding.suggestion.after


def test_cc101_keeps_the_broker_and_the_imports_that_register_the_tasks():
    classic = next(f.suggestion for f in report_of(FIXTURES / "celery-in-create-app").findings if f.code == "CC001")
    assert 'celery.conf.update(broker_url=app.config["CELERY_BROKER_URL"], ' \
           'result_backend=app.config["CELERY_RESULT_BACKEND"])' in classic.after
    newsroom = next(f.suggestion for f in report_of(FIXTURES / "newsroom-worker-entry-crash").findings
                    if f.code in ("CC001", "CC004"))
    worker = newsroom.after.split("celery_worker.py\n", 1)[1].split("# or,")[0]
    assert worker.count("create_app") == 2 and "from newsroom import create_app, tasks" in worker


def test_cc103_moves_every_name_the_cycle_reads_while_the_module_runs():
    """decorator-default-arg: the wsgi start needs server's `app` (views' decorator) and `PAGE_SIZE`
    (pagination's default value), both bound after `import views`: moving one alone moves the crash on."""
    report = report_of(FIXTURES / "decorator-default-arg")
    s = next(f.suggestion for f in report.findings if f.code == "CC001" and f.crash.missing_name == "PAGE_SIZE")
    assert s.code == "CC103" and "bind `app` and `PAGE_SIZE` above that import" in s.summary
    assert s.after.splitlines()[1:3] == ["app = Flask(__name__)", "PAGE_SIZE = 20"]
    star = report_of(FIXTURES / "star-import-cycle-crash")  # __all__ names what only a later import binds
    assert all(f.suggestion.code != "CC103" for f in star.findings)


def test_cc104_sends_by_name_through_celery_s_current_app_when_the_app_module_leads_back(tmp_path):
    write(tmp_path, {
        "project/__init__.py": "from project.views import bp\n\n\ndef create_app():\n    return bp\n",
        "project/celery_app.py": "from celery import Celery\n\nfrom project import create_app\n\ncelery = Celery('p')\n",
        "project/tasks.py": "from project.celery_app import celery\n\n\n@celery.task\ndef send(x):\n    return x\n",
        "project/views.py": """\
            from flask import Blueprint

            from project.tasks import send

            bp = Blueprint("v", __name__)


            @bp.route("/")
            def index():
                send.delay(1)
                return "ok"
        """,
    })
    s = next(f.suggestion for f in check([str(tmp_path)], CONFIG).findings if f.code == "CC001")
    assert s.code == "CC104"
    alternative = s.after.split("# or send it by name", 1)[1]
    assert "from project.celery_app import" not in alternative  # (it imports the package back)
    assert "from celery import current_app as celery_app" in alternative and "celery_app.send_task(" in alternative


def test_cc105_does_not_move_an_import_into_the_function_it_is_in(tmp_path):
    """A `@declared_attr` that imports inside: SQLAlchemy calls it as it makes the class, so the import
    runs at import time where it is; moving it "into" that function is no fix."""
    write(tmp_path, {
        "forums/__init__.py": "",
        "forums/base.py": """\
            from sqlalchemy.orm import DeclarativeBase


            class Base(DeclarativeBase):
                pass
        """,
        "forums/forum.py": """\
            from sqlalchemy import func, select
            from sqlalchemy.orm import Mapped, column_property, declared_attr, mapped_column

            from forums.base import Base


            class Forum(Base):
                __tablename__ = "forums"
                id: Mapped[int] = mapped_column(primary_key=True)

                @declared_attr
                def thread_count(cls):
                    from forums.thread import Thread

                    return column_property(select(func.count(Thread.id)).scalar_subquery())
        """,
        "forums/thread.py": """\
            from sqlalchemy import ForeignKey
            from sqlalchemy.orm import Mapped, mapped_column

            from forums.base import Base
            from forums.forum import Forum


            class Thread(Base):
                __tablename__ = "threads"
                id: Mapped[int] = mapped_column(primary_key=True)
                forum_id: Mapped[int] = mapped_column(ForeignKey(Forum.id))
        """,
    })
    report = check([str(tmp_path)], CONFIG)
    crash = next(f for f in report.findings if f.code == "CC001")
    assert crash.crashes_when_first_imported == ("forums.forum", "forums.thread")
    assert crash.suggestion.code == "CC105"
    assert "move it into thread_count()" not in crash.suggestion.summary
