"""One import statement at a time: what the graph records for it (one line per case)."""

import textwrap

import pytest

from cyclecheck.graph import build_graph
from cyclecheck.model import FUNCTION, MODULE, TYPE_CHECKING, SourceFile
from cyclecheck.parsing import parse_text

PROJECT = ["app", "app.views", "app.views.account", "app.tasks", "app.tasks.email", "app.models", "wsgi"]


def imports_of(code, module="app.views.account"):
    """(importer, imported, scope, implicit, guarded, dynamic) for each edge `code` adds to the project."""
    facts = []
    for name in PROJECT:
        is_package = name in ("app", "app.views", "app.tasks")
        text = textwrap.dedent(code) if name == module else ""
        facts.append(parse_text(text, SourceFile(f"{name}.py", name, ".", is_package)))
    graph = build_graph(facts).graph
    return sorted((s.importer, s.imported, s.scope, s.implicit, s.guarded, s.dynamic)
                  for _, _, data in graph.edges(data=True) for s in data["sites"])


A = "app.views.account"


@pytest.mark.parametrize("code,module,expected", [
    ("from app import celery", A, [(A, "app", MODULE, False, False, False)]),
    ("from app.tasks.email import send", A, [(A, "app.tasks", MODULE, True, False, False),
                                             (A, "app.tasks.email", MODULE, False, False, False)]),
    ("import app.tasks.email", "wsgi", [("wsgi", "app", MODULE, True, False, False),
                                        ("wsgi", "app.tasks", MODULE, True, False, False),
                                        ("wsgi", "app.tasks.email", MODULE, False, False, False)]),
    ("import app.tasks.email as email", "wsgi", [("wsgi", "app", MODULE, True, False, False),
                                                 ("wsgi", "app.tasks", MODULE, True, False, False),
                                                 ("wsgi", "app.tasks.email", MODULE, False, False, False)]),
    ("from app import tasks", "wsgi", [("wsgi", "app", MODULE, True, False, False),
                                       ("wsgi", "app.tasks", MODULE, False, False, False)]),
    ("from .. import models", A, [(A, "app.models", MODULE, False, False, False)]),
    ("from ..tasks import email", A, [(A, "app.tasks", MODULE, True, False, False),
                                      (A, "app.tasks.email", MODULE, False, False, False)]),
    ("from . import views", "app", [("app", "app.views", MODULE, False, False, False)]),
    ("from .views import account", "app", [("app", "app.views", MODULE, True, False, False),
                                           ("app", "app.views.account", MODULE, False, False, False)]),
    ("from app.models import *", A, [(A, "app.models", MODULE, False, False, False)]),
    ("def f():\n    from app import db\n", A, [(A, "app", FUNCTION, False, False, False)]),
    ("f = lambda: __import__('app.models')\n", A, [(A, "app.models", FUNCTION, False, False, True)]),
    ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from app import db\n", A,
     [(A, "app", TYPE_CHECKING, False, False, False)]),
    ("import typing\nif typing.TYPE_CHECKING:\n    import app.models\n", A,
     [(A, "app.models", TYPE_CHECKING, False, False, False)]),
    ("try:\n    from app import db\nexcept ImportError:\n    db = None\n", A, [(A, "app", MODULE, False, True, False)]),
    ("try:\n    from app import db\nexcept Exception:\n    db = None\n", A, [(A, "app", MODULE, False, True, False)]),
    ("try:\n    from app import db\nexcept KeyError:\n    db = None\n", A, [(A, "app", MODULE, False, False, False)]),
    ("class Config:\n    from app import db\n", A, [(A, "app", MODULE, False, False, False)]),
    ("if DEBUG:\n    from app import db\n", A, [(A, "app", MODULE, False, False, False)]),
    ("import importlib\nviews = importlib.import_module('app.models')\n", A,
     [(A, "app.models", MODULE, False, False, True)]),
    ("from importlib import import_module\nimport_module(f'{__name__}.account')\n", "app.views",
     [("app.views", "app.views.account", MODULE, False, False, True)]),
    ("from werkzeug.utils import import_string\nbp = import_string('app.views:bp')\n", A,
     [(A, "app.views", MODULE, False, False, True)]),
    ("def create_app(app):\n    app.config.from_object('app.models')\n", A,
     [(A, "app.models", FUNCTION, False, False, True)]),
    ("app.config.from_object(Config)\n", A, []),  # (an object: nothing imported)
    # a path held by a module-level constant, or built with an f-string from one (hunt H's h33)
    ("CONFIG = 'app.models.Prod'\napp.config.from_object(CONFIG)\n", A, [(A, "app.models", MODULE, True, False, True)]),
    ("NAME = 'Prod'\napp.config.from_object(f'app.models.{NAME}')\n", A,
     [(A, "app.models", MODULE, True, False, True)]),
    ("celery.autodiscover_tasks(['app'], force=True)\n", A,
     [(A, "app", MODULE, False, False, True), (A, "app.tasks", MODULE, False, False, True)]),
    ("celery.autodiscover_tasks(['app'])\n", A, []),  # (only when a worker starts)
    ("import os, flask, celery\n", A, []),
    ("from flask import Flask\n", "app", []),
])
def test_edges(code, module, expected):
    assert imports_of(code, module) == expected


def test_statement_text_of_a_call_after_non_ascii_text():
    facts = parse_text('label = "é"; mod = __import__("p.a")\n', SourceFile("x.py", "x", ".", False))
    assert [raw.statement for raw in facts.imports] == ['__import__("p.a")']


def test_external_imports_are_counted_not_graphed():
    facts = [parse_text("import os\nfrom flask import Flask\nfrom app import x\n", SourceFile("a.py", "a", ".", False)),
             parse_text("", SourceFile("app.py", "app", ".", False))]
    graph = build_graph(facts)
    assert graph.external_imports == 2
    assert list(graph.graph.edges) == [("a", "app")]


@pytest.mark.parametrize("code, targets", [
    ("MODS = ['app.views', 'app.api']\nfor name in MODS:\n    import_module(name)\n", ["app.api", "app.views"]),
    ("MODS = ('app.views',)\ndef setup():\n    for name in MODS:\n        import_module(name)\n", ["app.views"]),
    # literal strings appended at the top level: each (the replay takes those appended by then, see m.BindList)
    ("MODS = ['app.views']\nMODS.append('app.api')\nfor name in MODS:\n    import_module(name)\n",
     ["app.api", "app.views"]),
    ("MODS = ['app.views']\nif False:\n    MODS.append('app.api')\nfor name in MODS:\n    import_module(name)\n",
     ["app.views"]),
    # anything that could change the list, or make the name mean something else, spoils it
    ("MODS = ['app.views']\nMODS.append(name)\nfor name in MODS:\n    import_module(name)\n", []),
    ("MODS = ['app.views']\nMODS.append('app.api')\nregister(MODS)\nfor name in MODS:\n    import_module(name)\n", []),
    ("MODS = ['app.views']\ndef more():\n    MODS.append('app.api')\nfor name in MODS:\n    import_module(name)\n",
     []),
    ("MODS = ['app.views']\nMODS += ['app.x']\nfor name in MODS:\n    import_module(name)\n", []),
    ("MODS = ['app.views']\ndef setup(MODS):\n    for name in MODS:\n        import_module(name)\n", []),
    ("MODS = ['app.views']\nregister(MODS)\nfor name in MODS:\n    import_module(name)\n", []),
    ("if X:\n    MODS = ['app.views']\nfor name in MODS:\n    import_module(name)\n", []),
])
def test_a_loop_over_a_module_level_list_of_names_is_followed(code, targets):
    facts = parse_text("from importlib import import_module\n" + code, SourceFile("app/__init__.py", "app", ".", True))
    # (`{!name}`: named by a parameter the module's calls give nothing for, which makes no edge)
    assert sorted(raw.target for raw in facts.imports if raw.kind == "dynamic" and "{!" not in raw.target) == targets


@pytest.mark.parametrize("code, targets", [
    ("register(['app.views', 'app.api'])\n", ["app.api", "app.views"]),
    ("MODS = ('app.views',)\nregister(MODS)\n", ["app.views"]),
    ("register(['views', 'api'], 'app')\n", ["api", "views"]),  # (each string as it is)
    # a list something may change is not followed
    ("MODS = ['app.views']\nMODS.append('app.api')\nregister(MODS)\n", []),
    ("MODS = ['app.views']\nMODS = ['app.api']\nregister(MODS)\n", []),
    ("def f():\n    MODS = ['app.other']\n    register(MODS)\nMODS = ['app.views']\n", []),
])
def test_a_loop_over_a_list_argument_imports_each_string(code, targets):
    function = "def register(names, prefix=None):\n    for name in names:\n        import_module(name)\n"
    facts = parse_text("from importlib import import_module\n" + function + code,
                       SourceFile("app/__init__.py", "app", ".", True))
    assert sorted(raw.target for raw in facts.imports if raw.kind == "dynamic" and "{!" not in raw.target) == targets


@pytest.mark.parametrize("settings, code, targets", [
    ("BLUEPRINTS = ['app.views', 'app.tasks']\n", "from app.models import BLUEPRINTS\nfor n in BLUEPRINTS:\n"
     "    import_module(n)\n", ["app.tasks", "app.views"]),
    ("class Config:\n    MODS = ('views',)\n", "from ..models import Config\nfor n in Config.MODS:\n"
     "    import_module('app.' + n)\n", ["app.views"]),
    ("MODS = ['views']\n", "import app.models\nfor n in app.models.MODS:\n    import_module(f'app.{n}')\n",
     ["app.views"]),
    # anything that could change the list, in either module, or make the name mean something else, spoils it
    ("MODS = ['app.views']\nMODS.append('app.tasks')\n", "from app.models import MODS\nfor n in MODS:\n"
     "    import_module(n)\n", []),
    ("MODS = ['app.views']\nregister(MODS)\n", "from app.models import MODS\nfor n in MODS:\n    import_module(n)\n", []),
    ("MODS = ['app.views']\n", "from app.models import MODS\nMODS.append('app.tasks')\nfor n in MODS:\n"
     "    import_module(n)\n", []),
    ("MODS = ['app.views']\n", "from app.models import MODS\nMODS = []\nfor n in MODS:\n    import_module(n)\n", []),
    ("MODS = ['app.views']\nMODS = ['app.tasks']\n", "from app.models import MODS\nfor n in MODS:\n"
     "    import_module(n)\n", []),
    ("class Config:\n    MODS = ['app.views']\nConfig.MODS = []\n", "from app.models import Config\n"
     "for n in Config.MODS:\n    import_module(n)\n", []),
    ("MODS = ['app.views', 1]\n", "from app.models import MODS\nfor n in MODS:\n    import_module(n)\n", []),
    ("", "from app.models import MODS\nfor n in MODS:\n    import_module(n)\n", []),  # (not a list it exports)
    # a parameter's default (the call without that argument, as at import time), unless the body rebinds it
    ("class Config:\n    MODS = ['app.views']\n", "from app.models import Config\ndef setup(config=Config):\n"
     "    for n in config.MODS:\n        import_module(n)\n", ["app.views"]),
    ("class Config:\n    MODS = ['app.views']\n", "from app.models import Config\ndef setup(config=Config):\n"
     "    config = other()\n    for n in config.MODS:\n        import_module(n)\n", []),
])
def test_a_loop_over_a_list_another_module_exports_is_followed(settings, code, targets):
    """`from app.settings import BLUEPRINTS` ... `for name in BLUEPRINTS: import_module(name)`: resolved
    with the graph, one edge per module of the list (the class attribute of another module's class too)."""
    facts = [parse_text("from importlib import import_module\n" + code if name == A else
                        settings if name == "app.models" else "", SourceFile(f"{name}.py", name, ".",
                                                                                name in ("app", "app.views", "app.tasks")))
             for name in PROJECT]
    graph = build_graph(facts).graph
    assert sorted(imported for importer, imported, data in graph.edges(data=True)
                  if importer == A and any(site.dynamic for site in data["sites"])) == targets


@pytest.mark.parametrize("body, answers", [
    ("    if name == 'celery':\n        return 1\n    raise AttributeError(name)\n", ("celery",)),
    ("    '''Lazy.'''\n    if name in ('a', 'b'):\n        return 1\n    elif 'c' == name:\n        return 2\n"
     "    raise AttributeError\n", ("a", "b", "c")),
    ("    return None\n", None),  # answers every name
    ("    if name.startswith('x'):\n        return 1\n    raise AttributeError(name)\n", None),
    ("    if name == 'a':\n        return 1\n    else:\n        log(name)\n    raise AttributeError(name)\n", None),
    ("    if name == 'a':\n        return 1\n    raise KeyError(name)\n", None),
])
def test_the_names_a_module_getattr_answers(body, answers):
    facts = parse_text("def __getattr__(name):\n" + body, SourceFile("app/__init__.py", "app", ".", True))
    assert facts.getattr_answers == answers


@pytest.mark.parametrize("code, kind", [
    ("import sys\nPY2 = sys.version_info[0] == 2\nif PY2:\n    pass\n", "false"),
    ("DEBUG = False\nif not DEBUG:\n    pass\n", "true"),
    ("DEBUG = False\ndef f():\n    global DEBUG\n    DEBUG = True\nif DEBUG:\n    pass\n", "unknown"),
    ("DEBUG = False\nDEBUG = True\nif DEBUG:\n    pass\n", "unknown"),
    # airflow, celery: `STATICA_HACK = True` then `globals()["kcah_acitats"[::-1].upper()] = False`
    ("HACK = True\nglobals()['HACK'] = False\nif HACK:\n    pass\n", "false"),
    ("STATICA_HACK = True\nglobals()['kcah_acitats'[::-1].upper()] = False\nif STATICA_HACK:\n    pass\n",
     "false"),
    ("HACK = True\nif HACK:\n    pass\nglobals()['HACK'] = False\n", "unknown"),  # (read before)
    ("HACK = True\nglobals()['HACK'] = False\nglobals()[name] = 1\nif HACK:\n    pass\n", "unknown"),
    # six's flags, as the library binds them on Python 3
    ("import six\nif six.PY2:\n    pass\n", "false"),
    ("import six\nif not six.PY3:\n    pass\n", "false"),
    # a flag another module binds, read as an attribute of it: decided by the simulation
    ("from app import settings\nif settings.USE_CACHE:\n    pass\n", "flag:app.settings.USE_CACHE"),
    ("import app.settings\nif app.settings.USE_CACHE:\n    pass\n", "flag:app.settings.USE_CACHE"),
    # a key of a Flask app's config that nothing set: `.get()`'s default
    ("from flask import Flask\napp = Flask(__name__)\nif app.config.get('AUTH', True):\n    pass\n", "true"),
    ("from flask import Flask\napp = Flask(__name__)\nif app.config.get('AUTH', 0):\n    pass\n", "false"),
    ("from flask import Flask\napp = Flask(__name__)\nif app.config.get('AUTH'):\n    pass\n", "false"),
    ("from flask import Flask\napp = Flask(__name__)\napp.config['AUTH'] = False\nif app.config.get('AUTH', 1):\n"
     "    pass\n", "false"),
])
def test_module_level_flags_decide_an_if(code, kind):
    facts = parse_text(code, SourceFile("app/__init__.py", "app", ".", True))
    assert [op.test for op in facts.body if type(op).__name__ == "If"] == [kind]


@pytest.mark.parametrize("code, flags", [
    # computed by a test, and read again in the module: still exported
    ("import sys\nPY2 = sys.version_info[0] == 2\nPY3 = not PY2\n", (("PY2", False),)),
    ("import sys\nPY2 = sys.version_info[0] == 2\nPY2 = True\n", ()),
    ("DEBUG = False\n", (("DEBUG", False),)),
])
def test_the_flags_a_module_exports(code, flags):
    facts = parse_text(code, SourceFile("app/compat.py", "app.compat", ".", False))
    assert facts.exported_flags == flags


def test_a_call_of_a_method_through_super_is_recorded():
    facts = parse_text("class A(B):\n    def __init__(self):\n        super().__init__()\n        super(A, self).setup(1)\n",
                       SourceFile("app/a.py", "app.a", ".", False))
    init = [f for f in facts.functions if f.qualname == "A.__init__"][0]
    assert [(op.name, op.attrs) for op in init.body if type(op).__name__ == "Call"] == [
        ("super()", ("__init__",)), ("super()", ("setup",))]


def test_methods_called_on_what_a_call_made_and_context_managers_are_recorded():
    facts = parse_text("app = Factory('x').build()\nwith Loader() as l, lock:\n    pass\n",
                       SourceFile("app/a.py", "app.a", ".", False))
    calls = [(op.name, op.attrs) for op in facts.body if type(op).__name__ == "Call"]
    assert calls == [("Factory", ()), ("Factory", ("()", "build")), ("Loader", ()), ("Loader", ("()", "__enter__")),
                     ("lock", ("__enter__",)), ("lock", ("__exit__",)), ("Loader", ("()", "__exit__"))]


def test_an_alias_binds_what_its_name_refers_to():
    facts = parse_text("hook = configure\ncelery = ext.celery\n__all__ = names\n", SourceFile("app/a.py", "app.a", ".", False))
    assert [(type(op).__name__, getattr(op, "names", None), getattr(op, "name", None)) for op in facts.body] == [
        ("BindValue", ("hook",), "configure"), ("Access", None, "ext"), ("BindValue", ("celery",), "ext"),
        ("Bind", ("__all__",), None)]


@pytest.mark.parametrize("code,expected", [
    ("__all__ = ['a']\n__all__.append('b')\n__all__.extend(['c', 'd'])\n__all__ += ('e',)\n", ("a", "b", "c", "d", "e")),
    ("__all__ = ['b', 'a']\n__all__.sort()\n", ("b", "a")),  # the same names
    ("__all__ = ['a']\nif X:\n    __all__.append('b')\n", None),  # maybe, maybe not: unknown
    ("__all__ = ['a']\n__all__.append(NAME)\n", None),
    ("__all__ = ['a']\n__all__.remove('a')\n", None),
    ("__all__ = ['a']\ndef f():\n    __all__.append('b')\n", ("a",)),  # (a function's body: not followed)
])
def test_literal_all_follows_appends_and_extends(code, expected):
    facts = parse_text(code, SourceFile("p/__init__.py", "p", ".", True))
    assert facts.all_names == expected


@pytest.mark.parametrize("code", [
    "import importlib\nfor name, prefix in [('app.tasks', '/t'), ('app.models', '/m')]:\n    importlib.import_module(name)\n",
    "import importlib\nfor name in {'app.tasks': 1, 'app.models': 2}:\n    importlib.import_module(name)\n",
    "import importlib\nfor name in {'app.tasks': 1, 'app.models': 2}.keys():\n    importlib.import_module(name)\n",
    "import importlib\nfor prefix in {'/t': 'app.tasks', '/m': 'app.models'}.values():\n    importlib.import_module(prefix)\n",
    "import importlib\nMODS = {'app.tasks': '/t', 'app.models': '/m'}\nfor name, prefix in MODS.items():\n"
    "    importlib.import_module(name)\n",
    "import importlib\nMODS = (('app.tasks', ('/t', '1')), ('app.models', ('/m', '2')))\nfor name, (prefix, n) in MODS:\n"
    "    importlib.import_module(name)\n",
])
def test_loops_over_literal_tuples_and_dicts_name_their_dynamic_imports(code):
    assert sorted(set(imports_of(code, "wsgi"))) == [("wsgi", "app", MODULE, True, False, True),
                                                     ("wsgi", "app.models", MODULE, False, False, True),
                                                     ("wsgi", "app.tasks", MODULE, False, False, True)]


@pytest.mark.parametrize("code,expected", [
    # the literal default of the parameter that names the module
    ("from flask import Flask\ndef create_app(config_object='app.models'):\n    app = Flask(__name__)\n"
     "    app.config.from_object(config_object)\n", ["app.models"]),
    ("import importlib\ndef load(name='models'):\n    return importlib.import_module('app.' + name)\n", ["app.models"]),
    # no default: the edges this module's own calls with literal strings make
    ("import importlib\ndef load(name):\n    return importlib.import_module(name)\nload('app.tasks')\nload('json')\n"
     "load(OTHER)\n", ["app.tasks"]),
    ("import importlib\ndef load(name):\n    return importlib.import_module(name)\n", []),
    # bound again in the function: its default is not what it imports, nor is the module's constant
    ("import importlib\ndef load(name='app.models'):\n    name = 'json'\n    return importlib.import_module(name)\n", []),
    ("import importlib\nname = 'app.tasks'\ndef load(name):\n    return importlib.import_module(name)\n", []),
])
def test_dynamic_imports_named_by_a_parameter(code, expected):
    edges = imports_of(code, "wsgi")
    assert sorted({imported for _, imported, _, implicit, _, _ in edges if not implicit}) == expected
    assert all(scope == FUNCTION for _, _, scope, _, _, _ in edges)


@pytest.mark.parametrize("code", [
    "import importlib\nMODS = {'app.tasks': '/t'}\nMODS['app.models'] = '/m'\nfor name in MODS:\n    importlib.import_module(name)\n",
    "import importlib\nfor name, prefix in [('app.tasks', '/t'), ('app.models',)]:\n    importlib.import_module(name)\n",
    "import importlib\nfor name in {'app.tasks': 1}.get('x'):\n    importlib.import_module(name)\n",
])
def test_loops_over_changed_or_uneven_collections_are_not_followed(code):
    assert imports_of(code, "wsgi") == []


@pytest.mark.parametrize("code,expected", [
    ("def on_startup(func):\n    func()\n    return func\n", True),
    ("def run(callback, *rest):\n    if rest:\n        return callback(*rest)\n", True),
    ("def hand_on(func):\n    return later(func)\n", True),
    ("def register(func):\n    HOOKS.append(func)\n    return func\n", True),  # (handed on: to what, not known)
    ("def register(func):\n    HOOKS[func.__name__] = func\n    return func\n", False),
    ("class A:\n    def m(self, func):\n        func()\n", False),  # (a method: not given arguments)
    ("def f(x):\n    return x.run()\n", False),
])
def test_functions_that_call_or_hand_on_a_parameter_are_noted(code, expected):
    assert parse_text(code, SourceFile("h.py", "h", ".", False)).calls_parameters is expected


@pytest.mark.parametrize("body,swallowed", [
    ("return True", None),  # every exception
    ("return False", ()),
    ("pass", ()),
    ("return exc_type is KeyError", ("KeyError",)),
    ("if issubclass(exc_type, (ImportError, KeyError)):\n        return True\n    return False",
     ("ImportError", "KeyError")),
    ("return exc_type is not None and issubclass(exc_type, KeyError)", ("KeyError",)),
    ("if exc_type is not None:\n        return True", None),
    ("return self.quiet", None),
])
def test_what_an_exit_method_swallows(body, swallowed):
    import ast

    from cyclecheck.parsing import _swallowed
    node = ast.parse(f"def __exit__(self, exc_type, exc, tb):\n    {body}\n").body[0]
    assert _swallowed(node, "Guard.__exit__") == swallowed


def test_class_settings_list_every_upper_case_attribute_and_say_which_classes_are_closed():
    code = textwrap.dedent('''\
        import os
        class Base:
            DEBUG = True
            A, B = 1, 2
        class Config(Base):
            X = Y = make()
            DSN = os.environ.get("DSN")
            NAME = os.getenv("NAME", "dev")
            def run(self):
                pass
        class Shut:
            """Settings."""
            TESTING = False
            def run(self):
                pass
        ''')
    facts = parse_text(code, SourceFile("c.py", "c", ".", False))
    assert facts.error is None
    flags = dict(facts.exported_flags)
    # an environment variable is unset in a fresh interpreter; values not known are None (they decide nothing)
    assert (flags["Config.DSN"], flags["Config.NAME"], flags["Config.X"], flags["Config.A"]) == (False, "dev", None, None)
    assert flags["Config.DEBUG"] is True  # (inherited)
    # `A, B = ...` may bind more than it shows: Base, and Config through it, are not closed; Shut is
    assert [name for name in flags if name.endswith(".*")] == ["Shut.*"]


@pytest.mark.parametrize("helper,call,expected", [
    ("def env_bool(name, default=False):\n    value = os.environ.get(name)\n    if value is None:\n"
     "        return default\n    return value.lower() in ('1', 'true')\n", "env_bool('X', True)", True),
    ("def env_flag(name, default='false'):\n    return os.getenv(name, default).strip().lower() == 'true'\n",
     "env_flag('X')", False),
    ("def env_flag(name, default='false'):\n    return os.getenv(name, default).strip().lower() == 'true'\n",
     "env_flag('X', default='TRUE')", True),
    ("def on(name, default=False):\n    return os.getenv(name, str(default)).lower() in ('1', 'true')\n",
     "on('X', True)", True),
    # what it does not follow: a loop, a KeyError, an argument not literal, a variable the module sets
    ("def any_on(*names):\n    for name in names:\n        if os.getenv(name):\n            return True\n"
     "    return False\n", "any_on('X')", None),
    ("def need(name):\n    return os.environ[name] == '1'\n", "need('X')", None),
    ("def on(name):\n    return os.getenv(name) == '1'\n", "on(PREFIX + 'X')", None),
    ("os.environ['X'] = '1'\ndef on(name):\n    return os.getenv(name) == '1'\n", "on('X')", True),
])
def test_a_settings_flag_computed_by_a_helper_of_the_module(helper, call, expected):
    code = f"import os\nPREFIX = 'APP_'\n{helper}\nclass Config:\n    FLAG = {call}\nENABLED = {call}\n"
    facts = parse_text(code, SourceFile("c.py", "c", ".", False))
    flags = dict(facts.exported_flags)
    assert (flags.get("Config.FLAG"), flags.get("ENABLED")) == (expected, expected)


HELPER = """\
import importlib
from flask import Flask
class A:
    BLUEPRINTS = ["app.views"]
class B:
    BLUEPRINTS = ["app.tasks"]
def register(app):
    for name in app.config["BLUEPRINTS"]:
        importlib.import_module(name)
def make_a():
    app = Flask(__name__)
    app.config.from_object(A)
    register(app)
"""


@pytest.mark.parametrize("code,expected", [
    # the list of the class the one call's app was given
    (HELPER, [("app", "app.views", FUNCTION, False, False, True)]),
    # two calls with different classes, or a helper that changes the config first: not known
    (HELPER + "def make_b():\n    app = Flask(__name__)\n    app.config.from_object(B)\n    register(app)\n", []),
    (HELPER.replace("def register(app):\n", "def register(app):\n    app.config.from_object(B)\n"), []),
])
def test_a_loop_over_the_config_of_an_app_given_to_a_helper(code, expected):
    assert imports_of(code, "app") == expected


def test_a_table_of_settings_classes_exports_what_each_class_binds_under_its_keys():
    code = textwrap.dedent('''\
        class Config:
            ENABLE_ADMIN = False
            BLUEPRINTS = ["app.views"]
        class DevelopmentConfig(Config):
            ENABLE_ADMIN = True
        config = {"development": DevelopmentConfig, "default": DevelopmentConfig, "base": Config}
        ''')
    facts = parse_text(code, SourceFile("c.py", "c", ".", False))
    flags, lists = dict(facts.exported_flags), dict(facts.exported_lists)
    assert (flags["config[default].ENABLE_ADMIN"], flags["config[base].ENABLE_ADMIN"]) == (True, False)
    assert flags["config[default].*"] is True  # (the class binds no other upper-case name)
    assert lists["config[development].BLUEPRINTS"] == ("app.views",)  # (inherited from Config)
    # a table changed anywhere, or holding anything but the module's classes, is not followed
    for changed in ('config["testing"] = Config\n', 'config.update(testing=Config)\n',
                    'def reset():\n    global config\n    config = {}\n'):
        facts = parse_text(code + changed, SourceFile("c.py", "c", ".", False))
        assert not [name for name in dict(facts.exported_flags) if name.startswith("config[")], changed
    facts = parse_text(code.replace('"base": Config', '"base": object'), SourceFile("c.py", "c", ".", False))
    assert not [name for name in dict(facts.exported_flags) if name.startswith("config[")]


@pytest.mark.parametrize("code,expected", [
    # unset in a fresh interpreter: the default is what is imported
    ("import os\nfrom flask import Flask\napp = Flask(__name__)\n"
     "app.config.from_object(os.getenv('APP_SETTINGS', 'app.models.Config'))\n", ["app.models"]),
    ("import importlib, os\nimportlib.import_module(os.environ.get('PLUGIN', 'app.tasks'))\n", ["app.tasks"]),
    ("import importlib, os\nimportlib.import_module(os.environ.get('PLUGIN'))\n", []),  # (None: no import)
    ("import importlib, os\nimportlib.import_module(os.environ['PLUGIN'])\n", []),
])
def test_dynamic_import_names_read_from_the_environment_take_the_default(code, expected):
    edges = imports_of(code, "wsgi")  # (app.models.Config: no such module, so app.models is read from)
    assert sorted({imported for _, imported, _, _, _, _ in edges} - {"app"}) == expected


def test_celery_reads_a_constant_list_of_task_packages():
    code = ("from celery import Celery\nPACKAGES = ['app']\ncelery = Celery('x')\n"
            "celery.autodiscover_tasks(PACKAGES, force=True)\n")
    assert ("wsgi", "app.tasks") in {(importer, imported) for importer, imported, *_ in imports_of(code, "wsgi")}
    changed = code + "PACKAGES.append('app.views')\n"  # (changed after: not a constant)
    assert ("wsgi", "app.tasks") not in {(importer, imported) for importer, imported, *_ in imports_of(changed, "wsgi")}


@pytest.mark.parametrize("code, reads", [
    # under the future import, a column's type is evaluated as SQLAlchemy makes the class
    ("from __future__ import annotations\nclass T(Base):\n    role: Mapped[user.Role]\n", [("user", ("Role",))]),
    ("from __future__ import annotations\nclass T(Base):\n    role: Mapped[Optional[a.b.Role]] = mapped_column()\n",
     [("a", ("b", "Role"))]),
    # a relationship's waits for the mappers' configuration; a class with no base is a mixin
    ("from __future__ import annotations\nclass T(Base):\n    team: Mapped[team.Team] = relationship()\n", []),
    ("from __future__ import annotations\nclass Mixin:\n    role: Mapped[user.Role]\n", []),
    # without it, Python evaluated the annotation already; only the strings in it are left
    ("class T(Base):\n    role: Mapped[user.Role]\n", []),
    ("class T(Base):\n    role: Mapped['user.Role'] = mapped_column()\n", [("user", ("Role",))]),
    ("class T(Base):\n    role: 'Mapped[user.Role]'\n", [("user", ("Role",))]),
])
def test_the_column_types_sqlalchemy_evaluates_as_it_makes_a_class(code, reads):
    facts = parse_text(code, SourceFile("app/models.py", "app.models", ".", False))
    tries = [op for op in facts.body if type(op).__name__ == "Try"]
    assert [(op.name, op.attrs) for t in tries for op in t.body] == reads


@pytest.mark.parametrize("value, flag", [
    # the variable unset: a default that is not a string is that constant
    ('os.environ.get("X", False)', False),
    ('os.getenv("X", 1)', True),
    # conversions of the value read
    ('bool(os.environ.get("X"))', False),
    ('bool(os.environ.get("X", "no"))', True),
    ('bool(int(os.environ.get("X", 0)))', False),
    ('int(os.environ.get("X", "3"))', True),
    ('strtobool(os.getenv("X", "false"))', False),
    ('bool(strtobool(os.getenv("X", "On")))', True),
    ('not os.environ.get("X")', True),
    ('os.environ.get("X", "false").capitalize() == "False"', True),
    # not known: int(None), strtobool of another word, a method of a constant that is not a string
    ('int(os.environ.get("X"))', None),
    ('strtobool(os.getenv("X", "maybe"))', None),
])
def test_settings_flags_read_from_the_environment(value, flag):
    code = f"import os\nfrom distutils.util import strtobool\nclass Config:\n    FLAG = {value}\n"
    facts = parse_text(code, SourceFile("config.py", "config", ".", False))
    assert dict(facts.exported_flags).get("Config.FLAG") == flag


@pytest.mark.parametrize("test, kind", [
    # decided in the replay (an entry script may set the variable first): the default's truth, tagged
    ('os.environ.get("X", False)', "env\0\0X\0value\0\2F"),
    ('os.getenv("X", 1) == "1"', "env\0\0X\0eq\0\2T\0" + "1"),
])
def test_environment_tests_with_a_default_that_is_not_a_string(test, kind):
    facts = parse_text(f"import os\nif {test}:\n    pass\n", SourceFile("config.py", "config", ".", False))
    assert [op.test for op in facts.body if type(op).__name__ == "If"] == [kind]


@pytest.mark.parametrize("code, names", [
    ("from . import a, b\nMODS = (a, b.views)\n", ["MODS"]),
    ("from . import a\nMODS = [a]\n", ["MODS"]),
    # anything that could change it spoils it
    ("from . import a, b\nMODS = [a]\nMODS.append(b)\n", []),
    ("from . import a, b\nMODS = [a]\nMODS += [b]\n", []),
    ("from . import a, b\nMODS = (a,)\nMODS = (b,)\n", []),
    ("from . import a\nMODS = (a,)\ndef f():\n    global MODS\n    MODS = ()\n", []),
    ("from . import a\nMODS = (a, 'b')\n", []),
])
def test_module_level_tuples_of_names(code, names):
    import ast

    from cyclecheck.parsing import _name_tuples
    assert sorted(_name_tuples(ast.parse(code))) == names


def test_a_settings_flag_of_a_helper_imported_from_another_module():
    from cyclecheck.parsing import UNSET_VALUE, helper_call_value
    helper = parse_text("import os\n\ndef env_bool(name, default=False):\n    value = os.environ.get(name)\n"
                        "    if value is None:\n        return default\n    return value == '1'\n\n"
                        "def other():\n    return 1\n", SourceFile("app/utils.py", "app.utils", ".", False))
    assert [name for name, _ in helper.env_helpers] == ["env_bool"]  # (other reads no environment)
    source = dict(helper.env_helpers)["env_bool"]
    assert helper_call_value(source, "env_bool", ("X",), (("default", True),)) is True
    assert helper_call_value(source, "env_bool", ("X",), ()) is False
    assert helper_call_value(source, "env_bool", (), ()) is UNSET_VALUE  # (a parameter given nothing)
    config = parse_text("from app.utils import env_bool\nclass Config:\n    USE = env_bool('X', default=True)\n"
                        "    ANY = env_bool(name)\n", SourceFile("config.py", "config", ".", False))
    flags = dict(config.exported_flags)
    assert flags["Config.USE"] == ("\0helper", "app.utils", "env_bool", ("X",), (("default", True),))
    assert flags["Config.ANY"] is None


@pytest.mark.parametrize("code, flags", [
    ("from app.utils import env_bool\nUSE = env_bool('USE', True)\n",
     (("USE", ("\0helper", "app.utils", "env_bool", ("USE", True), ())),)),
    # read in the module itself, or bound again: not exported
    ("from app.utils import env_bool\nUSE = env_bool('USE')\nif USE:\n    pass\n", ()),
    ("from app.utils import env_bool\nUSE = env_bool('USE')\nUSE = False\n", ()),
    # not a literal argument, or a function not imported by name
    ("from app.utils import env_bool\nimport os\nUSE = env_bool(os.sep)\n", ()),
    ("import app.utils\nUSE = app.utils.env_bool('USE')\n", ()),
])
def test_module_level_flags_of_a_helper_imported_from_another_module(code, flags):
    assert parse_text(code, SourceFile("settings.py", "settings", ".", False)).exported_flags == flags
