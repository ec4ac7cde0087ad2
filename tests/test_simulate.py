"""The simulator's shared-work run (`run_many`: a journal undoes each start) must give
exactly what a fresh interpreter per start (`run`, by a simulator of its own) gives."""

import json
import os
import random
import subprocess
import sys

import networkx as nx
import pytest
from click.testing import CliRunner

from conftest import fixture_dirs
from cyclecheck import model as m
from cyclecheck.check import parse_all
from cyclecheck.cli import main
from cyclecheck.discovery import discover
from cyclecheck.graph import ancestors, build_graph
from cyclecheck.simulate import Simulator, runtime_reachers

FIXTURES = fixture_dirs()


def outcomes(fixture, shared: bool):
    facts = parse_all(discover([str(fixture)]).files)
    reachers = runtime_reachers(build_graph(facts).graph, facts)
    if shared:
        return Simulator(facts, may_reach_cycle=set(reachers)).run_many(reachers)
    # (a simulator per start: nothing one start worked out, such as what a star import gives, is reused)
    return {start: Simulator(facts, may_reach_cycle=set(reachers)).run(start) for start in reachers}


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_shared_runs_equal_fresh_runs(fixture):
    assert outcomes(fixture, shared=True) == outcomes(fixture, shared=False)


def _reachers_by_components(graph, facts):
    """The starts worth simulating, by their definition: every module with a path (over the edges
    that run, and module -> parent package) into a strongly connected part of more than one module
    or a module importing itself."""
    runtime = nx.DiGraph()
    runtime.add_nodes_from(graph.nodes)
    runtime.add_edges_from((u, v) for u, v, scope in graph.edges(data="scope") if scope != m.TYPE_CHECKING)
    runtime.add_edges_from((f.source.module, parent) for f in facts for parent in ancestors(f.source.module)
                           if parent in graph.nodes)
    cyclic = {n for c in nx.strongly_connected_components(runtime)
              if len(c) > 1 or any(runtime.has_edge(n, n) for n in c) for n in c}
    return sorted(n for n in runtime if n in cyclic or any(c in cyclic for c in nx.descendants(runtime, n)))


def test_reachers_are_the_modules_with_a_path_into_a_cycle(tmp_path):
    # runtime_reachers peels off the modules that reach no cycle instead of finding the cycles first
    for fixture in FIXTURES:
        facts = parse_all(discover([str(fixture)]).files)
        graph = build_graph(facts).graph
        assert runtime_reachers(graph, facts) == _reachers_by_components(graph, facts), fixture.name
    rng = random.Random(11)
    scopes = [m.MODULE, m.FUNCTION, m.TYPE_CHECKING]
    for _ in range(200):
        nodes = [f"p.m{i}" for i in range(rng.randint(1, 9))] + ["p"]
        graph = nx.DiGraph()
        graph.add_nodes_from(nodes)
        for _ in range(rng.randint(0, 14)):
            graph.add_edge(rng.choice(nodes), rng.choice(nodes), scope=rng.choice(scopes))
        facts = [m.ModuleFacts(source=m.SourceFile(path=f"{n}.py", module=n, root=".", is_package=n == "p"))
                 for n in nodes]
        assert runtime_reachers(graph, facts) == _reachers_by_components(graph, facts), sorted(graph.edges)


def test_a_crashing_parent_package_crashes_every_module_below_it(tmp_path):
    pkg = tmp_path / "p"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("from p.a import A\nNAME = 1\n")
    (pkg / "a.py").write_text("from p import NAME\nA = 1\n")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "leaf.py").write_text("X = 1\n")
    result = outcomes(tmp_path, shared=True)
    assert {start for start, o in result.items() if o.crash} == {"p", "p.a", "p.sub", "p.sub.leaf"}
    assert result["p.sub.leaf"].crash.start == "p.sub.leaf"
    assert result["p.sub.leaf"].crash.missing_name == "NAME"


def test_importing_a_missing_submodule_runs_its_parent_first(tmp_path):
    """`importlib.import_module("p.a.missing")` imports p and p.a before it finds no such module
    (an ImportError of its own, not circular): a crash on the way there is the interpreter's."""
    pkg = tmp_path / "p"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("import importlib\nimportlib.import_module('p.a.missing')\nNAME = 1\n")
    (pkg / "a.py").write_text("from p import NAME\n")
    result = outcomes(tmp_path, shared=False)
    assert result["p"].crash.missing_name == "NAME"
    assert [step.module for step in result["p"].crash.trace] == ["p", "p.a"]



@pytest.mark.parametrize("consumer,crashes", [
    ("dict(({x}, 1) for x in range(2))", True), ("', '.join(str({x}) for x in 'ab')", True),
    ("any({x} for x in range(2))", True), ("tuple({x} for x in range(2))", True),
    ("iter({x} for x in range(2))", False), ("({x} for x in range(2))", False),  # (not consumed: lazy)
    ("register({x} for x in range(2))", False),  # (a function of ours: not known to consume it)
    ("register()\n\ndef later():\n    return dict(({x}, 1) for x in range(2))", False),  # (inside a function: not followed)
])
def test_a_generator_runs_at_import_only_when_a_builtin_consumes_it(tmp_path, consumer, crashes):
    (tmp_path / "a.py").write_text("import b\nVALUE = 1\n")
    (tmp_path / "b.py").write_text("import a\n\ndef register(items):\n    return items\n\n"
                                   f"ITEMS = {consumer.format(x='a.VALUE')}\n")
    result = outcomes(tmp_path, shared=False)
    assert (result["a"].crash is not None) == crashes
    assert result["b"].crash is None


@pytest.mark.parametrize("blocks,crashes", [
    ('if name == "task":\n        from p.worker import task\n        return task', True),
    ('if name in ("x", "task"):\n        from p.worker import task\n        return task', True),
    ('if name == "other":\n        from p.worker import task\n        return task\n'
     '    elif name == "task":\n        return 1', False),  # (the block of another name is not run)
    ('if name not in ("task",):\n        raise AttributeError(name)\n    from p.worker import task\n'
     '    return task', True),
])
def test_a_package_getattr_runs_the_blocks_of_the_name_asked_for(tmp_path, blocks, crashes):
    """`from p import task` with no `task` in p runs p.__getattr__("task"): its `if name == ...:` tests
    are decided by that name, and the imports in the block taken run then (importing p.worker first,
    p.tasks asks p for `task`, whose block imports p.worker back before it binds `task`)."""
    pkg = tmp_path / "p"
    pkg.mkdir()
    (pkg / "__init__.py").write_text(f"def __getattr__(name):\n    {blocks}\n    raise AttributeError(name)\n")
    (pkg / "tasks.py").write_text("from p import task\n")
    (pkg / "worker.py").write_text("import p.tasks\ntask = 1\n")
    result = outcomes(tmp_path, shared=False)
    assert result["p.tasks"].crash is None
    assert (result["p.worker"].crash is not None) == crashes


@pytest.mark.parametrize("loop,crashes", [
    ('if info.name != "b":\n        importlib.import_module("p." + info.name)', False),
    ('if info.name in ("b", "c"):\n        continue\n    importlib.import_module("p." + info.name)', False),
    ('if info.name == "c":\n        importlib.import_module("p." + info.name)', False),
    ('if info.name in ("a", "b"):\n        importlib.import_module("p." + info.name)', True),
    ('if not info.name.startswith("_") and info.name != "b":\n        importlib.import_module("p." + info.name)', False),
    ('if info.name.startswith("_") or info.name == "b":\n        continue\n    importlib.import_module("p." + info.name)',
     False),
    ('if info.name.startswith("_") and info.name != "b":\n        continue\n    importlib.import_module("p." + info.name)',
     True),  # (b is skipped only when it starts with "_": it is imported)
    ('importlib.import_module("p." + info.name)', True),
])
def test_a_package_walk_imports_what_the_test_of_the_name_lets_through(tmp_path, loop, crashes):
    """p walks its submodules before it binds DONE; only p.b reads DONE: p crashes when the walk imports b."""
    pkg = tmp_path / "p"
    pkg.mkdir()
    (pkg / "__init__.py").write_text(f"import importlib\nimport pkgutil\n\nfor info in pkgutil.iter_modules(__path__):\n"
                                     f"    {loop}\n\nDONE = 1\n")
    for name in "ac":
        (pkg / f"{name}.py").write_text("X = 1\n")
    (pkg / "b.py").write_text("from p import DONE\n")
    assert (outcomes(tmp_path, shared=False)["p"].crash is not None) == crashes


@pytest.mark.parametrize("made", [
    "site = Site()\nsite.setup()",  # a method called on an instance
    "site = Site()",  # __init__ calls self.setup()
    "Site().setup()",  # a method of what a call made
])
def test_methods_called_on_self_are_followed(tmp_path, made):
    (tmp_path / "a.py").write_text("import b\nVALUE = 1\n")
    init = "        self.setup()\n" if made == "site = Site()" else "        pass\n"
    (tmp_path / "b.py").write_text("class Site:\n    def __init__(self):\n" + init +
                                   "\n    def setup(self):\n        self.load()\n\n    def load(self):\n"
                                   "        from a import VALUE\n        return VALUE\n\n\n" + made + "\n")
    result = outcomes(tmp_path, shared=False)
    assert result["a"].crash is not None and result["a"].crash.missing_name == "VALUE"
    assert result["b"].crash is None


@pytest.mark.parametrize("handler,crashes", [("raise", True), ("pass", False), ("log = 1\n    raise", True)])
def test_a_bare_raise_in_the_handler_of_a_crash_lets_it_go_on(tmp_path, handler, crashes):
    (tmp_path / "a.py").write_text("import b\nVALUE = 1\n")
    (tmp_path / "b.py").write_text(f"try:\n    from a import VALUE\nexcept Exception:\n    {handler}\n")
    assert (outcomes(tmp_path, shared=False)["a"].crash is not None) == crashes


@pytest.mark.parametrize("after_star,crashes", [
    ("Y = X", True),  # X is a name of the partial a: not brought
    ("Y = len('x')", False),  # a builtin a binds too: still the builtin
    ("X = 2\nY = X", False),  # bound by b itself before it is read
    ("def f():\n    return X", False),  # read only when f runs
])
def test_a_star_import_from_a_partial_module_leaves_its_later_names_unbound(tmp_path, after_star, crashes):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from pkg import b  # noqa\n\nX = 1\nlen = len\n")
    (pkg / "b.py").write_text(f"from pkg.a import *  # noqa\n\n{after_star}\n")
    result = outcomes(tmp_path, shared=False)
    assert (result["pkg.a"].crash is not None) == crashes
    if crashes:
        assert result["pkg.a"].crash.exception.startswith("NameError: name 'X' is not defined")
    assert result["pkg.b"].crash is None


def _calls_twice(name: str, callee: str) -> str:
    return f"def {name}():\n    {callee}()\n    {callee}()\n"


def test_recursion_within_a_module_body_is_not_followed(tmp_path):
    """sympy's expand_tuples calls itself twice: followed blindly, 2**40 calls. A function already
    running in the current module body is not entered again, so the import is decided at once."""
    pkg = tmp_path / "p"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from p import b\n\ndef expand(x):\n    if x:\n        expand(x[1:])\n"
                              "        expand(x[1:])\n    return b.B\n\nexpand('abcdefghijklmnopqrstuvwxyz')\n")
    (pkg / "b.py").write_text("from p import a\nB = 1\n")
    result = outcomes(tmp_path, shared=False)
    assert not any(o.undecided for o in result.values())
    # the read of the partial b still happens, once, and crashes as in the interpreter
    assert result["p.b"].crash is not None and result["p.b"].crash.missing_name == "B"
    assert "has no attribute 'B'" in result["p.b"].crash.exception


def test_an_import_that_exhausts_the_step_budget_is_reported(tmp_path):
    """Twenty distinct functions, each calling the next one twice: 2**20 calls, past the budget. The
    run is undecided, and the report says so instead of passing over it in silence."""
    from click.testing import CliRunner

    from cyclecheck.cli import main

    pkg = tmp_path / "p"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    body = "from p import b\n\n" + "".join(_calls_twice(f"f{i}", f"f{i + 1}") for i in range(20))
    (pkg / "a.py").write_text(body + "def f20():\n    return 1\n\nf0()\n")
    (pkg / "b.py").write_text("from p import a\nB = 1\n")
    assert outcomes(tmp_path, shared=False)["p.a"].undecided
    result = CliRunner().invoke(main, [str(tmp_path), "--no-cache"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "simulating `import p.a` did not finish within 200,000 steps" in result.output


def test_the_mro_of_project_classes_is_the_interpreter_s():
    """C3 over project classes, with bases we do not follow standing as OPAQUE where they come."""
    from cyclecheck.simulate import OPAQUE, ClassRef, _mro

    module = object()
    o = ClassRef(module, "O")
    a, b = ClassRef(module, "A", (o,)), ClassRef(module, "B", (o,))
    c = ClassRef(module, "C", (a, b))
    external = ClassRef(module, "D", (a, OPAQUE))
    assert [k.qualname for k in _mro(c)] == ["C", "A", "B", "O"]  # (as class O; class A(O); ... would give)

    class O_: pass
    class A_(O_): pass
    class B_(O_): pass
    class C_(A_, B_): pass
    assert [k.__name__ for k in C_.__mro__[:-1]] == ["C_", "A_", "B_", "O_"]
    assert _mro(external)[:3] == [external, a, o] and _mro(external)[3] is OPAQUE
    bad = ClassRef(module, "X", (o, a))  # class X(O, A): CPython refuses it; we look in X alone
    assert _mro(bad) == [bad]


def test_a_call_whose_arguments_cannot_be_a_key_runs_unrecorded(tmp_path):
    """A call is recorded under its function and arguments; an argument that cannot be hashed (no value
    the simulation makes today is one) makes the call run without being recorded, not fail."""
    from cyclecheck.simulate import FuncRef, _Env

    (tmp_path / "a.py").write_text("def f(x):\n    return x\n")
    facts = parse_all(discover([str(tmp_path)]).files)
    simulator = Simulator(facts)
    simulator._reset()
    state = simulator.import_module("a")
    recorded = len(simulator.memo)
    value = simulator._run(_Env(state), FuncRef(state, "f"), m.Call("f", (), 1), arguments=([1],))
    assert value == [1] and len(simulator.memo) == recorded
    assert simulator._run(_Env(state), FuncRef(state, "f"), m.Call("f", (), 1), arguments=(1,)) == 1
    assert len(simulator.memo) == recorded + 1


@pytest.mark.parametrize("handler,raised", [
    ("raise RuntimeError('a is not ready') from error", "RuntimeError"),  # the process still fails from the cycle
    ("raise KeyError('a')", "KeyError"),
    ("raise", ""),  # the circular error itself
    ("pass", None),
])
def test_a_raise_in_the_handler_of_a_crash_keeps_the_circular_cause(tmp_path, handler, raised):
    (tmp_path / "a.py").write_text("import b\nVALUE = 1\n")
    (tmp_path / "b.py").write_text(f"try:\n    from a import VALUE\nexcept ImportError as error:\n    {handler}\n")
    crash = outcomes(tmp_path, shared=False)["a"].crash
    assert (crash is not None) == (raised is not None)
    circular = "ImportError: cannot import name 'VALUE' from partially initialized module 'a'"
    if raised:  # (what the process dies with, the circular error its cause)
        assert crash.exception.startswith(f"{raised} (raised while handling {circular}")
    elif raised is not None:
        assert crash.exception.startswith(circular)


@pytest.mark.parametrize("outer,crashes", [
    ("except RuntimeError:\n    pass", False),  # the new exception is caught further out
    ("except KeyError:\n    pass", True),
])
def test_the_exception_raised_instead_of_a_crash_is_the_one_caught(tmp_path, outer, crashes):
    (tmp_path / "a.py").write_text("import b\nVALUE = 1\n")
    (tmp_path / "b.py").write_text("try:\n    try:\n        from a import VALUE\n    except ImportError:\n"
                                   f"        raise RuntimeError('no')\n{outer}\n")
    assert (outcomes(tmp_path, shared=False)["a"].crash is not None) == crashes


@pytest.mark.parametrize("body,crashes", [
    ("def f(flag):\n    if flag:\n        return 1\n    raise ValueError('no')\n\n\nf(1)\nV = a.X", True),
    ("def f():\n    raise ValueError('no')\n\n\nf()\nV = a.X", False),  # the module fails before the read
    ("class Failed(LookupError):\n    pass\n\n\ntry:\n    raise Failed()\nexcept KeyError:\n    pass\nV = a.X", False),
    ("class Failed(LookupError):\n    pass\n\n\ntry:\n    raise Failed()\nexcept LookupError:\n    V = a.X", True),
    ("from errors import Failed\ntry:\n    raise Failed()\nexcept Exception:\n    pass\nV = a.X", True),  # not followed
])
def test_an_explicit_raise_stops_the_flow_only_where_it_surely_runs(tmp_path, body, crashes):
    (tmp_path / "a.py").write_text("import b\nX = 1\n")
    (tmp_path / "b.py").write_text(f"import a\n\n{body}\n")
    (tmp_path / "errors.py").write_text("class Failed(Exception):\n    pass\n")
    assert (outcomes(tmp_path, shared=False)["a"].crash is not None) == crashes


@pytest.mark.parametrize("decorator,crashes", [
    ("@dataclass\n", True),  # the generated __init__ calls __post_init__
    ("@dataclass(init=False)\n", False),  # no __init__ is generated: object's runs
    ("", False),  # a plain class: nothing calls __post_init__
])
def test_post_init_runs_only_under_a_generated_init(tmp_path, decorator, crashes):
    (tmp_path / "a.py").write_text("import b\nX = 1\n")
    (tmp_path / "b.py").write_text(f"from dataclasses import dataclass\n\n\n{decorator}class Settings:\n"
                                   "    def __post_init__(self):\n        from a import X\n\n\nSETTINGS = Settings()\n")
    assert (outcomes(tmp_path, shared=False)["a"].crash is not None) == crashes


@pytest.mark.parametrize("body,crashes", [
    ("import cPickle\nV = a.X", False),  # Python 2 only: the module fails before the read
    ("try:\n    import cPickle\nexcept ImportError:\n    V = a.X", True),
    ("try:\n    from urlparse import urljoin\nexcept ImportError:\n    V = a.X", True),
    ("try:\n    from collections import Mapping\nexcept ImportError:\n    V = a.X", True),  # gone in 3.10
    ("try:\n    from collections import OrderedDict\nexcept ImportError:\n    V = a.X", False),
    ("try:\n    from urllib import urlencode\nexcept ImportError:\n    V = a.X", True),
    ("from itertools import izip\nV = a.X", False),
])
def test_library_imports_that_fail_on_this_python_run_their_handlers(tmp_path, body, crashes):
    import subprocess
    import sys

    if sys.version_info < (3, 10):
        pytest.skip("collections kept its ABCs before 3.10")
    (tmp_path / "a.py").write_text("import b\nX = 1\n")
    (tmp_path / "b.py").write_text(f"import a\n\n{body}\n")
    ran = subprocess.run([sys.executable, "-c", "import a"], cwd=tmp_path, capture_output=True, text=True)
    assert ("partially initialized" in ran.stderr) == crashes  # (the interpreter agrees)
    assert (outcomes(tmp_path, shared=False)["a"].crash is not None) == crashes


@pytest.mark.parametrize("leaving, hedged", [
    ("    if app.config.get('SKIP'):\n        return\n    for name in names:\n        import_module(name)\n", True),
    ("    for name in names:\n        if name.endswith('.a'):\n            continue\n        import_module(name)\n",
     True),
    ("    for name in names:\n        if name.endswith('.b'):\n            continue\n    for name in names:\n"
     "        import_module(name)\n", False),  # (a `continue` leaves its own pass only)
    ("    for name in names:\n        import_module(name)\n", False),
    # (a return inside a function the branch calls leaves that function only)
    ("    def helper():\n        if app.config.get('Y'):\n            return 1\n        return 2\n"
     "    if app.config.get('X'):\n        helper()\n    for name in names:\n        import_module(name)\n", False),
])
def test_a_crash_after_an_undecided_branch_that_left_is_claimed_on_its_condition(tmp_path, leaving, hedged):
    """A `return` (or `continue`) in one branch of an undecided `if`: what follows in the function (or the
    loop pass) runs only if that branch was not taken, and a crash there is claimed on that condition."""
    (tmp_path / "portal").mkdir()
    (tmp_path / "portal" / "__init__.py").write_text(
        "from importlib import import_module\n\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\n"
        "def register(app, names):\n" + leaving + "\n\nregister(app, ['portal.a'])\nTITLE = 'portal'\n")
    (tmp_path / "portal" / "a.py").write_text("from portal import TITLE\n")
    report = json.loads(CliRunner().invoke(main, [str(tmp_path), "--format", "json"]).output)
    crash = next(f for f in report["findings"] if f["code"] == "CC001")
    assert bool(crash["crash"]["uncertain"]) == hedged, crash["crash"]["uncertain"]


@pytest.mark.parametrize("made, hedged", [
    ("[*(import_module(m) for m in MODS if m.endswith('.views'))]", True),  # (the filter: not decided here)
    ("[import_module(m) for m in MODS if DEBUG]", False),  # (DEBUG = True, bound once: decided)
    ("[import_module(m) for m in MODS]", False),
])
def test_an_element_under_a_comprehension_filter_runs_only_where_it_holds(tmp_path, made, hedged):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text(
        f"from importlib import import_module\n\nDEBUG = True\nMODS = ['pkg.handlers']\nLOADED = {made}\nSUPPORT = 1\n")
    (tmp_path / "pkg" / "handlers.py").write_text("from pkg import SUPPORT\n")
    report = json.loads(CliRunner().invoke(main, [str(tmp_path), "--format", "json"]).output)
    crash = next(f for f in report["findings"] if f["code"] == "CC001")
    assert bool(crash["crash"]["uncertain"]) == hedged, crash["crash"]["uncertain"]


def test_a_loop_else_after_an_undecided_break_is_claimed_with_that_condition(tmp_path):
    """`for ...: if <undecided>: break` then `else: from history import LAST`: the `else:` runs only when
    no pass took the branch that breaks, so the crash it makes is claimed on that condition."""
    (tmp_path / "history.py").write_text("import runner\n\nLAST = None\n")
    (tmp_path / "runner.py").write_text("import sys\n\nfor dialect in sys.argv:\n    if dialect.startswith('-'):\n"
                                        "        break\nelse:\n    from history import LAST\n")
    report = json.loads(CliRunner().invoke(main, [str(tmp_path), "--format", "json"]).output)
    crash = next(f for f in report["findings"] if f["code"] == "CC001")
    assert crash["crashes_when_first_imported"] == ["history"]
    assert crash["crash"]["uncertain"] == [f"the `if` at {tmp_path / 'runner.py'}:4 is false"]
    (tmp_path / "runner.py").write_text("import sys\n\nfor dialect in sys.argv:\n    if dialect.startswith('-'):\n"
                                        "        continue\nelse:\n    from history import LAST\n")
    report = json.loads(CliRunner().invoke(main, [str(tmp_path), "--format", "json"]).output)
    crash = next(f for f in report["findings"] if f["code"] == "CC001")
    assert crash["crash"]["uncertain"] == []  # (a `continue` does not skip the `else:`)


@pytest.mark.parametrize("configure, claimed, hedged", [
    ("celery.config_from_object('svc.celeryconfig')\n", True, False),
    ("if socket.gethostname() == 'worker-1':\n    celery.config_from_object('svc.celeryconfig')\n", True, True),
    # (an environment variable is unset in a fresh interpreter)
    ("if os.environ.get('USE_CELERYCONFIG'):\n    celery.config_from_object('svc.celeryconfig')\n", False, False),
    ("if False:\n    celery.config_from_object('svc.celeryconfig')\n", False, False),
    ("def configure():\n    celery.config_from_object('svc.celeryconfig')\n", False, False),  # (never called)
])
def test_a_celery_configuration_source_is_imported_by_the_first_read_from_any_module(
        tmp_path, configure, claimed, hedged):
    """config_from_object names the source; the first read of the configuration, here a task's signature
    made in another module, imports it; a source given under an undecided `if` hedges that crash."""
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "__init__.py").write_text("")
    (tmp_path / "svc" / "worker.py").write_text(
        "import os\nimport socket\n\nfrom celery import Celery\n\ncelery = Celery('svc')\n" + configure)
    (tmp_path / "svc" / "jobs.py").write_text(
        "from svc.worker import celery\n\n\n@celery.task\ndef ping():\n    return 1\n\n\n"
        "PING = ping.s()\nQUEUE = 'jobs'\n")
    (tmp_path / "svc" / "celeryconfig.py").write_text("from svc.jobs import QUEUE\n\ntask_default_queue = QUEUE\n")
    report = json.loads(CliRunner().invoke(main, [str(tmp_path), "--format", "json"]).output)
    crashes = [f for f in report["findings"] if f["code"] == "CC001"]
    assert bool(crashes) == claimed
    if claimed:
        assert crashes[0]["crashes_when_first_imported"] == ["svc.jobs"]
        assert crashes[0]["crash"]["exception"] == "ModuleNotFoundError: module 'svc' has no attribute 'celeryconfig'"
        assert bool(crashes[0]["crash"]["uncertain"]) == hedged, crashes[0]["crash"]["uncertain"]


def test_environment_tests_see_what_another_module_set_before(tmp_path):
    """A wsgi entry that sets a variable before importing the package that tests it; tests naming the
    variable or its default by a name (not decided from a write) are read without error."""
    (tmp_path / "portal").mkdir()
    (tmp_path / "portal" / "__init__.py").write_text(
        "import os\n\nVAR = 'PORTAL_MODE'\nif os.environ.get(VAR) or os.getenv('PORTAL_X', VAR) == '1':\n    pass\n"
        "if os.environ.get('PORTAL_ENV') == 'production':\n    from portal import monitoring\n\ndb = object()\n")
    (tmp_path / "portal" / "monitoring.py").write_text("from portal import db\n")
    (tmp_path / "wsgi.py").write_text("import os\n\nos.environ.setdefault('PORTAL_ENV', 'production')\n\nimport portal\n")
    (tmp_path / "wsgi_dev.py").write_text("import os\n\nos.environ['PORTAL_ENV'] = 'dev'\n\nimport portal\n")
    report = json.loads(CliRunner().invoke(main, [str(tmp_path), "--format", "json"]).output)
    assert report["errors"] == []
    crashes = [f for f in report["findings"] if f["code"] == "CC001"]
    assert [f["crashes_when_first_imported"] for f in crashes] == [["wsgi"]]
    assert crashes[0]["crash"]["uncertain"] == []


@pytest.mark.parametrize("first, handler, outcome", [
    ("import sentry_sdk", "ModuleNotFoundError", "hedged"),  # (an optional library: installed or not)
    ("import json", "ModuleNotFoundError", "certain"),  # (the standard library is there)
    ("import sentry_sdk", "KeyError", "certain"),  # (a missing library would crash anyway)
    ("import sentry_sdk", "ImportError", None),  # (the circular ImportError is caught)
])
def test_a_crash_after_an_optional_library_import_is_claimed_on_it_being_installed(tmp_path, first, handler, outcome):
    if outcome == "hedged" and not hasattr(sys, "stdlib_module_names"):
        pytest.skip("the standard library's module names are known from Python 3.10 on")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "__init__.py").write_text("")
    (tmp_path / "reports" / "worker.py").write_text(
        f"try:\n    {first}\n\n    from reports.hooks import before_send\nexcept {handler}:\n    pass\n\napp = object()\n")
    (tmp_path / "reports" / "hooks.py").write_text("from reports.worker import app\n\n\ndef before_send(event):\n"
                                                   "    return event\n")
    report = json.loads(CliRunner().invoke(main, [str(tmp_path), "--format", "json"]).output)
    crashes = [f for f in report["findings"] if f["code"] == "CC001"]
    assert bool(crashes) == (outcome is not None)
    if crashes:
        assert crashes[0]["crashes_when_first_imported"] == ["reports.hooks", "reports.worker"]
        expected = [f"the library `sentry_sdk` is installed ({tmp_path / 'reports' / 'worker.py'}:2)"]
        assert crashes[0]["crash"]["uncertain"] == (expected if outcome == "hedged" else [])


@pytest.mark.parametrize("guarded, hedge", [
    # (the `else:` runs only where the optional library imported)
    ("try:\n    import sentry_sdk\nexcept ImportError:\n    pass\nelse:\n    from shop.hooks import setup\n",
     "the library `sentry_sdk` is installed ({path}:2)"),
    # (a file the tree does not have, often git-ignored)
    ("try:\n    import shop.local_settings\nexcept ImportError:\n    pass\nelse:\n"
     "    from shop.hooks import setup\n", "the module `shop.local_settings` exists (not in the tree; {path}:2)"),
    # (a library call that raises what the handler catches by its own name: the rest of the body, and the `else:`)
    ("from importlib.metadata import PackageNotFoundError, version\n\ntry:\n    VERSION = version('shop')\n"
     "    from shop.hooks import setup\nexcept PackageNotFoundError:\n    VERSION = '0'\n",
     "the `try` at {path}:3 raises no PackageNotFoundError"),
    ("from importlib.metadata import PackageNotFoundError, version\n\ntry:\n    VERSION = version('shop')\n"
     "except PackageNotFoundError:\n    VERSION = '0'\nelse:\n    from shop.hooks import setup\n",
     "the `try` at {path}:3 raises no PackageNotFoundError"),
    ("try:\n    import json\nexcept ImportError:\n    pass\nelse:\n    from shop.hooks import setup\n", None),
])
def test_what_runs_only_where_a_try_raised_nothing_is_claimed_on_that(tmp_path, guarded, hedge):
    if hedge is not None and "library" in hedge and not hasattr(sys, "stdlib_module_names"):
        pytest.skip("the standard library's module names are known from Python 3.10 on")
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "__init__.py").write_text(guarded + "\napp = object()\n")
    (tmp_path / "shop" / "hooks.py").write_text("from shop import app\n\n\ndef setup():\n    return app\n")
    report = json.loads(CliRunner().invoke(main, [str(tmp_path), "--format", "json"]).output)
    crash = next(f for f in report["findings"] if f["code"] == "CC001")
    assert crash["crashes_when_first_imported"] == ["shop", "shop.hooks"]
    path = tmp_path / "shop" / "__init__.py"
    assert crash["crash"]["uncertain"] == ([] if hedge is None else [hedge.format(path=path)])


@pytest.mark.parametrize("call, crashes", [
    ("make_celery(flask_app)", False),  # (a Flask app given: `app or create_app()` is the app)
    ("make_celery()", True),  # (the default, None: create_app() runs, and imports back)
])
def test_an_or_of_a_parameter_is_decided_by_what_the_call_gave(tmp_path, call, crashes):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text(
        "from flask import Flask\n\n\ndef create_app():\n    app = Flask(__name__)\n    from app.views import bp\n"
        "    app.register_blueprint(bp)\n    return app\n\n\ndef make_celery(app=None):\n"
        "    app = app or create_app()\n    return {'app': app}\n")
    (tmp_path / "app" / "views.py").write_text("from flask import Blueprint\n\nfrom worker import celery\n\n"
                                                "bp = Blueprint('views', __name__)\n")
    (tmp_path / "worker.py").write_text(f"from flask import Flask\n\nfrom app import make_celery\n\n"
                                        f"flask_app = Flask('app')\ncelery = {call}\n")
    report = json.loads(CliRunner().invoke(main, [str(tmp_path), "--format", "json"]).output)
    crashes_found = [f for f in report["findings"] if f["code"] == "CC001"]
    assert bool(crashes_found) == crashes
    if crashes:
        assert crashes_found[0]["crash"]["uncertain"] == []


def _claims(tmp_path) -> dict:
    """start -> whether its claimed crash is hedged, from the JSON report of the project at tmp_path."""
    report = json.loads(CliRunner().invoke(main, [str(tmp_path), "--format", "json"]).output)
    return {start: bool(f["crash"]["uncertain"]) for f in report["findings"] if f["code"] == "CC001"
            for start in f["crashes_when_first_imported"]}


def _crashes(tmp_path, module: str) -> bool:
    """Whether `import module` fails in a fresh interpreter with tmp_path as its working directory."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([sys.executable, "-c", f"import {module}"], cwd=tmp_path, env=env,
                          capture_output=True).returncode != 0


def _write(root, files: dict) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def test_a_package_folder_put_first_on_sys_path_hedges_what_imports_find_after_it(tmp_path):
    # worker/__init__.py puts its own folder first: worker.app's `import settings` then finds
    # worker/settings.py, not the root settings.py the graph resolves it to. Starting from worker, the
    # crash through the root settings is claimed only on that file being the one found; starting from
    # the root settings (already in sys.modules when worker.app imports it), it is certain and real.
    _write(tmp_path, {
        "settings.py": "from worker import QUEUES\n",
        "worker/__init__.py": "import os\nimport sys\n\nsys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))\n"
                              "from .app import celery  # noqa: E402\n\nQUEUES = ('default',)\n",
        "worker/app.py": "import settings\n\ncelery = settings.BROKER_URL\n",
        "worker/settings.py": "BROKER_URL = 'memory://'\n"})
    claims = _claims(tmp_path)
    assert claims["settings"] is False and _crashes(tmp_path, "settings")
    assert claims["worker"] is True and not _crashes(tmp_path, "worker")
    # the import root itself put first changes nothing: no hedge
    _write(tmp_path, {
        "settings.py": "import os\nimport sys\n\nsys.path.insert(0, os.path.dirname(__file__))\n"
                       "from worker import QUEUES  # noqa: E402\n",
        "worker/__init__.py": "from .app import celery\n\nQUEUES = ('default',)\n",
        "worker/app.py": "from settings import QUEUES\n\ncelery = None\n"})
    claims = _claims(tmp_path)
    assert claims == {"settings": False, "worker": False, "worker.app": False, "worker.settings": False}
    assert all(_crashes(tmp_path, m) for m in claims)


def test_a_package_path_changed_by_its_init_hedges_its_submodules(tmp_path):
    # core/__init__.py puts another folder first on its __path__: `from core import auth` loads
    # ee/auth.py, and core/auth.py (which would crash) never runs
    _write(tmp_path, {
        "core/__init__.py": "import os\n\n__path__.insert(0, os.path.join(os.path.dirname(os.path.dirname("
                            "os.path.abspath(__file__))), 'ee'))\nfrom core import auth  # noqa: E402\n\n"
                            "db = object()\n",
        "core/auth.py": "from core import db\n",
        "ee/auth.py": "import core\n"})
    claims = _claims(tmp_path)
    assert claims and all(claims.values()), claims
    assert not any(_crashes(tmp_path, m) for m in claims)


def test_an_entry_putting_another_import_root_first_on_sys_path_changes_nothing(tmp_path):
    # a src layout's wsgi.py puts src/ first: the modules there are the ones the analysis knows already
    _write(tmp_path, {
        "wsgi.py": "import os\nimport sys\n\nsys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath("
                   "__file__)), 'src'))\n\nfrom blog import create_app  # noqa: E402\n\napp = create_app()\n",
        "src/blog/__init__.py": "from blog import views  # noqa: F401\n\n\ndef create_app():\n    return None\n",
        "src/blog/views.py": "from blog import create_app\n"})
    claims = _claims(tmp_path)
    assert claims.get("wsgi") is False, claims
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    assert subprocess.run([sys.executable, "wsgi.py"], cwd=tmp_path, env=env, capture_output=True).returncode


@pytest.mark.parametrize("test, crashes", [
    ('__name__ in ("__main__", "__mp_main__")', False),  # (multiprocessing's children: never an import)
    ('__name__ not in ("__main__", "__mp_main__")', True),
    ('__name__ in ("__main__", "app.c")', True),  # (not a main test: undecided, the crash claimed hedged)
])
def test_a_membership_test_of_the_main_names_is_the_main_test(tmp_path, test, crashes):
    _write(tmp_path, {
        "app/__init__.py": "",
        "app/b.py": "from app.c import X\nY = 2\n",
        "app/c.py": f"if {test}:\n    from app.b import Y\nX = 1\n",
    })
    assert _crashes(tmp_path, "app.c") == crashes
    assert ("app.c" in _claims(tmp_path)) == crashes


@pytest.mark.parametrize("test", ['os.path.basename(sys.argv[0]).startswith("celery")',
                                  'os.path.basename(sys.argv[0]) in ("celery", "celery.exe")'])
def test_the_name_of_the_running_program_is_decided_as_python_c_has_it(tmp_path, test):
    # (in `python -c "import app"`, sys.argv[0] is "-c": the worker-only import never runs)
    _write(tmp_path, {
        "app/__init__.py": f"import os\nimport sys\n\nif {test}:\n    from app import tasks\ndb = object()\n",
        "app/tasks.py": "from app import db\n",
    })
    assert not _crashes(tmp_path, "app") and not _crashes(tmp_path, "app.tasks")
    assert _claims(tmp_path) == {}


def test_an_environment_read_or_its_default_is_decided_as_the_read_with_that_default(tmp_path):
    # `(os.getenv("APP_ENV") or "development") == "testing"`: false in a fresh interpreter, true after
    # boot.py sets the variable
    _write(tmp_path, {
        "app/__init__.py": 'import os\n\nif (os.getenv("APP_ENV") or "development") == "testing":\n'
                           '    from app import testing  # noqa: F401\n\ndb = object()\n',
        "app/testing.py": "from app import db\n",
        "boot.py": 'import os\n\nos.environ["APP_ENV"] = "testing"\n\nimport app  # noqa: E402\n',
    })
    assert [_crashes(tmp_path, module) for module in ("app", "app.testing", "boot")] == [False, False, True]
    assert _claims(tmp_path) == {"boot": False}
