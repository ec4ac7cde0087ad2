"""What each module is in a Flask/Celery project, found statically with astroid.

A module can be a `flask-app` (creates a `flask.Flask`), an `app-factory` (a function
creating and returning one), a `blueprint` (creates a `Blueprint`), `views` (registers
routes), a `celery-instance`, `tasks`, `extensions` (objects whose class has
`init_app`), `models`, `config` or an `entry-point`. Every role comes with the line
that shows it.

Names are resolved with astroid inference, so `from flask import Flask as F`, a
`class MyFlask(Flask)` defined in another module, `app = create_app()` or
`celery = make_celery(app)` are all recognised. Inference never runs or imports the
analysed code, and it is kept cheap and self-contained while `analyse()` runs:

* project modules are built from their files' text by cyclecheck (never found
  through `sys.path`, never imported);
* Flask, Celery, Flask-SQLAlchemy and the common Flask extensions are replaced by
  small stub modules describing only what roles need (`Flask.route`, `Celery.task`,
  `init_app`, ...), so nothing from site-packages is parsed;
* every other module outside the project is left uninferable; a name imported from
  it is still known by its dotted name (`from flask_foo import Foo` is `flask_foo.Foo`).

File names are only a fallback hint (`models.py`, `config.py`, `tasks.py`, `views.py`)
for modules where inference found nothing of the kind.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

from . import model as m

ROLE_NAMES = ("entry-point", "flask-app", "app-factory", "celery-instance", "blueprint", "views", "tasks",
              "extensions", "models", "config")

ENTRY_FILES = frozenset({"wsgi", "asgi", "manage", "celery_worker", "worker", "run", "app", "make_celery"})
FLASK = frozenset({"flask.Flask", "flask.app.Flask"})
BLUEPRINT = frozenset({"flask.Blueprint", "flask.blueprints.Blueprint"})
CELERY = frozenset({"celery.Celery", "celery.app.Celery", "celery.app.base.Celery"})
TASK_CLASS = frozenset({"celery.Task", "celery.app.task.Task"})
VIEW_CLASS = frozenset({"flask.views.View", "flask.views.MethodView"})
SHARED_TASK = frozenset({"celery.shared_task", "celery.app.shared_task"})
TASK_METHOD = frozenset({"celery.Celery.task"})
ROUTE_NAMES = ("route", "get", "post", "put", "delete", "patch", "errorhandler", "before_request",
               "after_request", "teardown_request", "app_errorhandler", "before_app_request")
ROUTE_METHODS = frozenset(f"flask.Scaffold.{name}" for name in ROUTE_NAMES)
DECLARATIVE = frozenset({"sqlalchemy.orm.DeclarativeBase", "flask_sqlalchemy.SQLAlchemy.Model"})

# Flask extensions whose class has `init_app` (stubbed, so no site-packages is read).
KNOWN_EXTENSIONS = {
    "flask_sqlalchemy": ("SQLAlchemy",),
    "flask_migrate": ("Migrate",),
    "flask_login": ("LoginManager",),
    "flask_mail": ("Mail",),
    "flask_caching": ("Cache",),
    "flask_wtf": ("CSRFProtect",),
    "flask_wtf.csrf": ("CSRFProtect",),
    "flask_cors": ("CORS",),
    "flask_marshmallow": ("Marshmallow",),
    "flask_bcrypt": ("Bcrypt",),
    "flask_jwt_extended": ("JWTManager",),
    "flask_limiter": ("Limiter",),
    "flask_babel": ("Babel",),
    "flask_socketio": ("SocketIO",),
    "flask_session": ("Session",),
    "flask_admin": ("Admin",),
    "flask_restful": ("Api",),
    "flask_smorest": ("Api",),
    "flask_moment": ("Moment",),
    "flask_compress": ("Compress",),
    "flask_talisman": ("Talisman",),
    "flask_pymongo": ("PyMongo",),
    "flask_redis": ("FlaskRedis",),
    "flask_debugtoolbar": ("DebugToolbarExtension",),
    "flask_apscheduler": ("APScheduler",),
    "flask_principal": ("Principal",),
    "flask_security": ("Security",),
    "flask_mongoengine": ("MongoEngine",),
    "flask_assets": ("Environment",),
}

_SCAFFOLD = "".join(f"    def {name}(self, *args, **options):\n        return None\n" for name in ROUTE_NAMES)
_STUBS = {
    "flask": (
        "class Scaffold:\n" + _SCAFFOLD
        + "    def add_url_rule(self, rule, endpoint=None, view_func=None, **options):\n        return None\n"
        + "    def register_blueprint(self, blueprint, **options):\n        return None\n"
        "class Flask(Scaffold):\n"
        "    def __init__(self, import_name, *args, **kwargs):\n        self.config = {}\n"
        "    def app_context(self):\n        return None\n"
        "class Blueprint(Scaffold):\n"
        "    def __init__(self, name, import_name, *args, **kwargs):\n        self.name = name\n"
        "current_app = Flask('current_app')\n"
    ),
    "flask.app": "from flask import Flask\n",
    "flask.blueprints": "from flask import Blueprint\n",
    "flask.views": "class View:\n    pass\nclass MethodView(View):\n    pass\n",
    "celery": (
        "class Task:\n    pass\n"
        "class Celery:\n"
        "    Task = Task\n"
        "    def __init__(self, main=None, *args, **kwargs):\n        self.main = main\n"
        "    def task(self, *args, **options):\n        return None\n"
        "    def send_task(self, name, args=None, kwargs=None, **options):\n        return None\n"
        "    def autodiscover_tasks(self, packages=None, related_name='tasks', force=False):\n        return None\n"
        "    def config_from_object(self, obj, silent=False, force=False, namespace=None):\n        return None\n"
        "def shared_task(*args, **options):\n    return None\n"
    ),
    "celery.app": "from celery import Celery, shared_task\n",
    "celery.app.base": "from celery import Celery\n",
    "celery.app.task": "from celery import Task\n",
    "sqlalchemy": "",
    "sqlalchemy.orm": (
        "class DeclarativeBase:\n    pass\n"
        "def declarative_base(*args, **kwargs):\n    return DeclarativeBase\n"
    ),
    "sqlalchemy.ext": "",
    "sqlalchemy.ext.declarative": "from sqlalchemy.orm import declarative_base, DeclarativeBase\n",
}
for _module, _classes in KNOWN_EXTENSIONS.items():
    _body = "".join(f"class {c}:\n    def __init__(self, app=None, *args, **kwargs):\n        self.app = app\n"
                    f"    def init_app(self, app, *args, **kwargs):\n        return None\n" for c in _classes)
    if _module == "flask_sqlalchemy":
        _body = _body.replace("class SQLAlchemy:\n", "class SQLAlchemy:\n    class Model:\n        pass\n")
    _STUBS[_module] = _STUBS.get(_module, "") + _body
    if "." in _module:
        _STUBS.setdefault(_module.rpartition(".")[0], "")

MAX_ANALYSED = 300  # modules given an astroid tree per run
MAX_EXTRA = 60  # of which not on a finding nor an entry point
MAX_BUILT = 1600  # project modules built in all (also the ones inference walks into)
# ... and their source in all: a tree's memory and time grow with its text (sympy's modules on
# findings hold 4 MB of source, 140 MB of trees; a large Flask app's hold 1.5 MB)
MAX_TREE_BYTES = 2 * 1024 * 1024
MENTIONS = ("flask", "celery", "init_app", "create_app", "make_celery")
# the details of the two roles given to a whole file (at line 1) rather than to a statement in it
AT_IMPORT_ROOT = " at an import root"
BY_FILE_NAME = " (inference found none)"
TEXTS_KIND = "roletexts"  # the cache's kind for the texts an analysis read (see _shifted)


@dataclass(frozen=True)
class Role:
    name: str
    line: int
    detail: str


@dataclass(frozen=True)
class Obj:
    """A Flask/Celery object: a module-level name, or one created inside a function."""

    module: str
    name: str  # the module-level name it is bound to ("make_celery()" when only created in a function)
    kind: str  # "flask-app" | "celery" | "extension" | "blueprint"
    line: int  # where it is bound (or created)
    cls: str  # what creates it, as the user wrote it resolved: "flask_sqlalchemy.SQLAlchemy"
    created_in: Optional[str] = None  # the project function that creates it (None: right here)
    statement: str = ""  # source of the binding statement
    class_import: str = ""  # the import statement that brings its class in


@dataclass(frozen=True)
class Factory:
    module: str
    name: str
    line: int
    creates: Tuple[str, ...]  # "flask-app", "celery"
    returns_app: bool
    called_at: Tuple[Tuple[str, int], ...] = ()  # module-level calls: (module, line)


@dataclass(frozen=True)
class TaskDef:
    module: str
    function: str
    line: int
    task_name: str  # the name the worker registers it under
    via: str  # "@celery.task", "@shared_task", "Task subclass"
    celery: str  # where the Celery object used comes from: "app.celery", "" for shared_task


@dataclass
class Knowledge:
    roles: Dict[str, Tuple[Role, ...]] = field(default_factory=dict)
    objects: Dict[Tuple[str, str], Obj] = field(default_factory=dict)  # (module, name) -> object
    factories: Dict[Tuple[str, str], Factory] = field(default_factory=dict)
    tasks: Dict[str, Tuple[TaskDef, ...]] = field(default_factory=dict)
    texts: Dict[str, str] = field(default_factory=dict)  # source of the analysed modules

    def role_names(self, module: str) -> Tuple[str, ...]:
        return tuple(dict.fromkeys(r.name for r in self.roles.get(module, ())))

    def has(self, module: str, *names: str) -> bool:
        return any(r.name in names for r in self.roles.get(module, ()))

    def report_roles(self) -> Tuple[Tuple[str, Tuple[str, ...]], ...]:
        return tuple((module, self.role_names(module)) for module in sorted(self.roles) if self.roles[module])


def find_roles(facts_list: Sequence[m.ModuleFacts], modules_of_interest: Iterable[str]) -> Dict[str, Tuple[Role, ...]]:
    """Roles of the modules of interest and of every module whose text mentions flask/celery/init_app."""
    return analyse(facts_list, modules_of_interest).roles


def _analysed(facts_list: Sequence[m.ModuleFacts]) -> Dict[str, m.ModuleFacts]:
    return {f.source.module: f for f in facts_list if f.error is None}


def analyse(facts_list: Sequence[m.ModuleFacts], modules_of_interest: Iterable[str],
            ready: Optional[Dict[str, tuple]] = None, store=None) -> Knowledge:
    """Roles plus what advice needs: the Flask/Celery objects, factories and tasks of the project.
    `ready`: trees parsed ahead of time (see Ahead), taken when one is built from the same text.
    `store`: where the last analysis is kept (a `cache.Slot`), taken instead of analysing again when
    nothing it was computed from has changed (see _inputs)."""
    facts = _analysed(facts_list)
    knowledge = Knowledge()
    keep, texts = _chosen(facts, modules_of_interest)
    knowledge.texts = texts
    if not texts:
        return knowledge
    inputs = _inputs(facts, keep) if store is not None else None
    if inputs is not None:
        stored = _restored(store.get(inputs), facts, texts, lambda: store.beside(TEXTS_KIND).get(inputs))
        if stored is not None:
            return stored
    try:
        import astroid  # noqa: F401
    except ImportError:  # pragma: no cover - astroid is a dependency
        return knowledge
    with _Session(facts, texts, ready) as session:
        for name in keep:  # within the budget, the modules on findings first, then entry points
            session.tree(name)
        analyser = _Analyser(session, facts, knowledge)
        for name in sorted(texts):
            tree = session.tree(name)
            if tree is not None:
                analyser.module(name, tree)
        analyser.finish()
    if inputs is not None:
        consulted = list(session.consulted.items())  # (in the order the budget let them in)
        store.put(inputs, (tuple((name, _text_digest(text), -1 if text is None else len(text))
                                 for name, text in consulted), _plain(knowledge), session.refused))
        store.beside(TEXTS_KIND).put(inputs, tuple((name, text) for name, text in consulted if text is not None))
    return knowledge


# --- the stored analysis ------------------------------------------------------------------------------
#
# An analysis is a function of: the project's modules (names, paths, packages: what the session builds
# and refuses), the modules chosen for it (`keep`, in order), the text of every module whose tree it
# built or tried to (`_Session.consulted`: the chosen ones and those inference walked into), our stubs
# and astroid. The stubs are our code (in the cache's key); astroid's version is one of the inputs.
# A text that only had statements appended which the analysis finds nothing in, binding names that no
# analysed text mentions, gives the same knowledge too (see _appended).

def _inputs(facts: Dict[str, m.ModuleFacts], keep: Sequence[str]) -> Optional[List[str]]:
    from .cache import astroid_version

    version = astroid_version()
    if version is None:
        return None
    modules = repr(sorted((name, f.source.path, f.source.is_package) for name, f in facts.items()))
    return [version, modules, repr(list(keep))]


def _text_digest(text: Optional[str]) -> str:
    from .cache import bytes_digest

    return "" if text is None else bytes_digest(text.encode("utf-8", "surrogatepass"))  # ("": unreadable)


def _appended(text: str, digest: str, length: int) -> Optional[Set[str]]:
    """When `text` is the text of that digest and length (whole lines) with statements appended that the
    analysis finds nothing in: the names they bind, else None. Those statements are functions without a
    decorator, a call, a class or a `global` anywhere inside, and assignments of literals to plain new
    names (not dunder names, not mentioned before in the text). Comments and blank lines bind nothing.

    Such statements add no role, object, factory or task to their module (the analysis looks at calls,
    decorators, classes and `if __name__ == ...`), and the caller makes sure no analysed text mentions
    the new names, so no inference elsewhere can look them up: the knowledge stays the same."""
    import ast

    before = text[:length]
    if length < 0 or (before and not before.endswith("\n")) or _text_digest(before) != digest:
        return None
    try:
        old, new = ast.parse(before), ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    count = len(old.body)
    if len(new.body) < count or (count and ast.dump(old.body[-1], include_attributes=True)
                                 != ast.dump(new.body[count - 1], include_attributes=True)):
        return None  # (the appended lines went on the last statement: an indented block)
    names: Set[str] = set()
    for statement in new.body[count:]:
        bound = _inert(statement)
        if bound is None or not _new_names(bound, names):
            return None
    return None if _mentioned(names, [before]) else names


def _inert(statement, unbound: Set[str] = frozenset()) -> Optional[List[str]]:
    """The names a top-level statement binds when the analysis finds nothing in it, else None: a
    function without a decorator, a call, a class or a `global` anywhere inside, an assignment of a
    literal to plain names, or an import (not a star or `__future__` one: the analysis follows an
    imported name only where a text mentions it, and which modules it chooses is part of what its result
    is stored under, see _inputs); with `unbound` (names the module never binds that are builtins), also a
    call of one of those with literal arguments, alone or assigned to plain names (`X = len("x")`):
    it calls no project code, makes no object of a library class, registers nothing."""
    import ast

    def literal(node) -> bool:
        try:
            ast.literal_eval(node)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return False
        return True

    def builtin_call(node) -> bool:
        return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in unbound
                and all(not isinstance(a, ast.Starred) and literal(a) for a in node.args)
                and all(k.arg is not None and literal(k.value) for k in node.keywords))

    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
        if any(isinstance(node, (ast.Call, ast.ClassDef, ast.Global, ast.Nonlocal))
               or (isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                   and getattr(node, "decorator_list", None)) for node in ast.walk(statement)):
            return None
        return [statement.name]
    if isinstance(statement, ast.Assign) and all(isinstance(t, ast.Name) for t in statement.targets):
        return [t.id for t in statement.targets] if literal(statement.value) or builtin_call(statement.value) else None
    if isinstance(statement, ast.Expr) and builtin_call(statement.value):
        return []
    if isinstance(statement, (ast.Import, ast.ImportFrom)) and all(alias.name != "*" for alias in statement.names):
        if isinstance(statement, ast.ImportFrom):  # (a __future__ import changes how the module compiles)
            return None if statement.module == "__future__" else [a.asname or a.name for a in statement.names]
        return [alias.asname or alias.name.partition(".")[0] for alias in statement.names]
    return None


def _new_names(bound: Sequence[str], names: Set[str]) -> bool:
    """Adds `bound` to `names`; False when one is a dunder name or already there."""
    for name in bound:
        if (name.startswith("__") and name.endswith("__")) or name in names:
            return False
        names.add(name)
    return True


# builtins that run, bind or look up code by a string: never taken for inert calls
_DYNAMIC_BUILTINS = frozenset({"exec", "eval", "compile", "globals", "locals", "vars", "setattr", "delattr",
                               "getattr", "breakpoint", "input", "open", "help"})


def _inserted(old: str, new: str) -> Optional[Tuple[Dict[int, int], Set[str]]]:
    """When `new` is `old` with inert statements inserted, blank and comment lines aside: where each
    code line of `old` is now, and the names the inserted statements bind; else None. Inserted among
    the module's statements, an inert one is any of _inert's (the calls allowed are of builtins the
    module never binds); inside a function's body (at any depth, not before its docstring), only an
    assignment of a literal or of such a call to plain names, or such a call alone: it binds a local
    name nothing reads, calls no project code and makes no object.

    As with _shifted, the analysis of the other statements is the same at their new lines; as with
    _appended, the caller makes sure no analysed text mentions the new names."""
    import ast
    import builtins

    was, now = _code_lines(old), _code_lines(new)
    if was is None or now is None:
        return None
    try:
        before, after = ast.parse(old, type_comments=True), ast.parse(new, type_comments=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    if [t.tag for t in before.type_ignores] != [t.tag for t in after.type_ignores]:
        return None
    bound: Set[str] = set()
    for node in ast.walk(after):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bound.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                if alias.name == "*":
                    return None  # (a star import could bind any name)
                bound.add(alias.asname or alias.name.partition(".")[0])
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            bound.update(node.names)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
    unbound = {name for name in dir(builtins) if not name.startswith("_")} - bound - _DYNAMIC_BUILTINS
    names: Set[str] = set()
    inserted: List[Tuple[int, int]] = []  # (first, last line) of each inserted statement
    try:
        if not _aligned(before.body, after.body, "module", unbound, names, inserted) or not inserted:
            return None
    except RecursionError:
        return None
    kept = [(number, line) for number, line in zip(*now)
            if not any(first <= number <= last for first, last in inserted)]
    if [line for _, line in kept] != was[1]:
        return None  # (a code line shared with an inserted statement, or something else changed)
    return dict(zip(was[0], (number for number, _ in kept))), names


def _aligned(old: list, new: list, scope: str, unbound: Set[str], names: Set[str],
             inserted: List[Tuple[int, int]]) -> bool:
    """Whether the statements `new` are `old` with inert statements inserted (see _inserted), in
    `scope` ("module", "class" or "function": none are taken in a class's body); notes the names they
    bind and their lines."""
    import ast

    j = 0
    for statement in new:
        if j < len(old):
            if ast.dump(statement) == ast.dump(old[j]):
                j += 1
                continue
            was_lists: List[list] = []
            now_lists: List[list] = []
            if _shell(old[j], was_lists) == _shell(statement, now_lists):  # (the same statement, changed inside)
                inner = ("function" if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef))
                         else "class" if isinstance(statement, ast.ClassDef)
                         else "function" if scope == "function" else "block")
                if not all(_aligned(a, b, inner, unbound, names, inserted) for a, b in zip(was_lists, now_lists)):
                    return False
                j += 1
                continue
        if scope == "module":
            binds = _inert(statement, unbound)
        elif scope == "function" and not (j == 0 and old and isinstance(old[0], ast.Expr)  # (not before a docstring)
                                          and isinstance(old[0].value, ast.Constant)):
            binds = _inert(statement, unbound) if isinstance(statement, (ast.Assign, ast.Expr)) else None
        else:
            binds = None
        if binds is None or not _new_names(binds, names):
            return False
        first = min([statement.lineno] + [d.lineno for d in getattr(statement, "decorator_list", ())])
        inserted.append((first, statement.end_lineno or statement.lineno))
    return j == len(old)


def _shell(node, lists: List[list]) -> tuple:
    """A statement without the statements it holds (its body, else, handlers' bodies... put in `lists`,
    in order): what must stay the same for an insertion inside it."""
    import ast

    fields = []
    for name, value in ast.iter_fields(node):
        if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
            lists.append(value)
            fields.append((name, "*"))
        elif isinstance(value, list) and value and isinstance(value[0], (ast.excepthandler, ast.match_case)):
            fields.append((name, tuple(_shell(item, lists) for item in value)))
        elif isinstance(value, list):
            fields.append((name, tuple(ast.dump(v) if isinstance(v, ast.AST) else repr(v) for v in value)))
        else:
            fields.append((name, ast.dump(value) if isinstance(value, ast.AST) else repr(value)))
    return type(node).__name__, tuple(fields)


def _mentioned(names: Iterable[str], texts: Iterable[Optional[str]]) -> bool:
    """Whether any of the texts has one of the names as a word (in code, a comment or a string)."""
    import re

    if not names:
        return False
    words = re.compile(r"(?<!\w)(?:%s)(?!\w)" % "|".join(map(re.escape, sorted(names))))
    return any(text is not None and words.search(text) for text in texts)


def _plain(knowledge: Knowledge) -> tuple:
    """The knowledge as plain tuples (what the cache stores), each dict in its order."""
    import dataclasses

    return (
        tuple((module, tuple(dataclasses.astuple(r) for r in roles)) for module, roles in knowledge.roles.items()),
        tuple((key, dataclasses.astuple(obj)) for key, obj in knowledge.objects.items()),
        tuple((key, dataclasses.astuple(factory)) for key, factory in knowledge.factories.items()),
        tuple((module, tuple(dataclasses.astuple(t) for t in tasks)) for module, tasks in knowledge.tasks.items()),
    )


def _restored(stored, facts: Dict[str, m.ModuleFacts], texts: Dict[str, str],
              old_texts: Callable[[], Optional[tuple]] = lambda: None) -> Optional[Knowledge]:
    """The stored knowledge, when every text it was computed from is the same now (or only had inert
    statements appended, or only moved its lines: see _shifted, or had inert statements inserted
    among its others: see _inserted), else None. `old_texts`: loads those
    texts as they were, (name, text) pairs, when some text is not the same."""
    from .parsing import read_source

    try:
        consulted, (roles, objects, factories, tasks), refused = stored
        lengths: List[Optional[int]] = []  # of the consulted texts as they are now, in the order they were built
        now: Dict[str, Optional[str]] = {}
        fresh: Set[str] = set()  # names bound by appended statements
        moved: Dict[str, Tuple[Dict[int, int], List[str]]] = {}  # module -> (old line -> new line, its lines now)
        before: Optional[Dict[str, str]] = None
        for name, digest, length in consulted:
            text = now[name] = texts[name] if name in texts else read_source(facts[name].source.path)[0]
            lengths.append(None if text is None else len(text))
            if _text_digest(text) == digest:
                continue
            if text is None:
                return None
            appended = _appended(text, digest, length)
            if appended is None:
                if before is None:
                    before = dict(old_texts() or ())
                old = before.get(name)
                if old is None or _text_digest(old) != digest:
                    return None
                lines = _shifted(old, text)
                if lines is None:
                    inserted = _inserted(old, text)
                    if inserted is None:
                        return None
                    lines, names = inserted
                    fresh |= names
                    now[name] = old  # (its inserted statements mention the new names, of course)
                moved[name] = (lines, text.splitlines())  # (split as statement_of splits them)
                continue
            fresh |= appended
            now[name] = text[:length]  # (its appended part mentions them, of course)
        if not _within_budget(lengths, refused):
            return None
        if _mentioned(fresh, now.values()):
            return None  # some analysed text mentions a new name: inference may look it up
        knowledge = Knowledge(
            roles={module: tuple(Role(*r) for r in rs) for module, rs in roles},
            objects={tuple(key): Obj(*obj) for key, obj in objects},
            factories={tuple(key): Factory(*factory) for key, factory in factories},
            tasks={module: tuple(TaskDef(*t) for t in ts) for module, ts in tasks},
            texts=texts)
        return _moved(knowledge, moved) if moved else knowledge
    except Exception:  # no stored analysis (None), or one of another shape: a miss
        return None


def _within_budget(lengths: Sequence[Optional[int]], refused: bool) -> bool:
    """Whether the trees of texts of these lengths (those a stored analysis built, in the order it built
    them, as the texts are now; None for an unreadable one) would meet the same budget decisions (see _Session.tree): each let in,
    since the text built before it is still under MAX_TREE_BYTES; and, when the analysis had a tree
    refused, refused again, since the whole is still at or over the budget (or as many trees)."""
    total = 0
    for length in lengths:
        if total >= MAX_TREE_BYTES:
            return False
        total += length or 0
    return not refused or total >= MAX_TREE_BYTES or sum(length is not None for length in lengths) >= MAX_BUILT


def _code_lines(text: str) -> Optional[Tuple[List[int], List[str]]]:
    """The numbers and the text of the lines of `text` that hold code (not blank, not only a comment),
    numbered as the parser numbers them; None for line ends other than \\n and \\r\\n."""
    if text.count("\r") != text.count("\r\n"):
        return None
    numbers: List[int] = []
    code: List[str] = []
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            numbers.append(number)
            code.append(line.rstrip("\r"))
    return numbers, code


def _shifted(old: str, new: str) -> Optional[Dict[int, int]]:
    """When `new` is `old` with only blank and comment lines added or removed (the same code lines in
    the same order, and the same syntax tree, type comments included): where each code line of `old`
    is now, else None.

    The analysis reads a module's tree, never its comments or positions, except to report them:
    astroid compares positions only within a module, to order statements, and a shift keeps every
    order. So the knowledge computed from `old` holds for `new`, at the new lines (see _moved)."""
    import ast

    was, now = _code_lines(old), _code_lines(new)
    if was is None or now is None or was[1] != now[1]:
        return None

    def shape(text: str) -> str:
        tree = ast.parse(text, type_comments=True)
        for ignore in tree.type_ignores:  # (`# type: ignore` comments: a line number is their field)
            ignore.lineno = 0
        return ast.dump(tree)

    try:
        same = shape(old) == shape(new)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return dict(zip(was[0], now[0])) if same else None


def _moved(knowledge: Knowledge, moved: Dict[str, Tuple[Dict[int, int], List[str]]]) -> Optional[Knowledge]:
    """`knowledge` with the lines of the `moved` modules where they are now; None when something it
    holds cannot be placed (a line that is not one of code, a statement whose text is not found)."""

    def line(module: str, number: int) -> int:
        if module not in moved:
            return number
        return moved[module][0][number]  # (a KeyError: not a code line then; the caller gives up)

    def found(module: str, statement: str, at: Optional[int]) -> bool:
        if module not in moved or not statement:
            return True
        lines = moved[module][1]
        count = statement.count("\n") + 1
        starts = [at] if at is not None else [i + 1 for i, text in enumerate(lines)
                                              if text.strip() == statement.partition("\n")[0].strip()]
        return any(_dedented(lines[start - 1: start - 1 + count]) == statement for start in starts)

    try:
        objects = {}
        for key, obj in knowledge.objects.items():
            new = line(obj.module, obj.line)
            if not found(obj.module, obj.statement, new) or not found(obj.module, obj.class_import, None):
                return None
            objects[key] = replace(obj, line=new)
        factories = {key: replace(f, line=line(f.module, f.line),
                                  called_at=tuple((mod, line(mod, at)) for mod, at in f.called_at))
                     for key, f in knowledge.factories.items()}
        details = {_factory_detail(f): _factory_detail(factories[key]) for key, f in knowledge.factories.items()}
        roles = {}
        for module, module_roles in knowledge.roles.items():
            placed = []
            for role in module_roles:
                whole_file = role.line == 1 and role.detail.endswith((AT_IMPORT_ROOT, BY_FILE_NAME))
                placed.append(Role(role.name, role.line if whole_file else line(module, role.line),
                                   details.get(role.detail, role.detail) if role.name == "app-factory" else role.detail))
            roles[module] = _ordered(placed)
        tasks = {module: tuple(replace(t, line=line(t.module, t.line)) for t in module_tasks)
                 for module, module_tasks in knowledge.tasks.items()}
    except KeyError:
        return None
    return Knowledge(roles=roles, objects=objects, factories=factories, tasks=tasks, texts=knowledge.texts)


class Ahead:
    """`analyse()` begun before its modules of interest are known (they come from the simulation's
    findings), by a process that would otherwise only wait for the simulation's workers: `run()`
    then, `result(modules_of_interest)` when they are known.

    With a guess of the modules of interest (those of the last run: an edit seldom changes the
    findings), `run()` does the whole analysis, and `result()` hands it over when the real modules
    of interest turn out the same (given the same facts and texts, analyse() gives the same
    knowledge), else analyses again. Without one, `run()` sets astroid up (its builtins, our stubs)
    and parses the trees that the analysis will most likely build: those of the `likely` modules
    of interest (the modules of import-time cycles: on a finding, shown or crashing) and of the
    entry points and modules that mention Flask or Celery (see _chosen). A parsed tree is only a
    head start: the analysis takes it when it builds that module from the same text, else parses.
    """

    def __init__(self, facts_list: Sequence[m.ModuleFacts], guess: Optional[Iterable[str]] = None,
                 likely: Iterable[str] = (), store=None):
        self.facts_list = facts_list
        self.store = store  # see analyse()
        self.guess = None if guess is None else self._wanted(guess)
        self.likely = tuple(likely)
        self.knowledge: Optional[Knowledge] = None
        self.reads: Tuple[str, ...] = ()
        self.ready: Dict[str, tuple] = {}  # module -> (text, path, tree and rebuilder as _data_build makes them)

    def _wanted(self, modules_of_interest: Iterable[str]) -> Set[str]:
        facts = _analysed(self.facts_list)
        return {name for name in modules_of_interest if name in facts}

    def run(self) -> None:
        from .parsing import recording_reads

        with recording_reads() as reads:  # the analysis' own reads only if it is used (see result())
            if self.guess is not None:
                try:
                    self.knowledge = analyse(self.facts_list, self.guess, store=self.store)
                except Exception:  # done again by result(), whose caller decides what a failure means
                    self.knowledge = None
            else:
                warm_up()
                self._parse_ahead()
                import gc

                # the trees live until the analysis takes them (after the simulation's findings are
                # made, with the collector on): out of its sight, as the facts are, or it would scan
                # them again and again in between (sympy's: 100 MB). check() unfreezes at its end.
                gc.freeze()
        self.reads = tuple(reads)

    def _parse_ahead(self) -> None:
        from astroid.manager import AstroidManager

        facts = _analysed(self.facts_list)
        keep, texts = _chosen(facts, self.likely)
        builder = _builder(AstroidManager())
        built = size = 0
        for name in keep:  # as _Session.tree() will (mostly): in this order, within the same budget
            if built >= MAX_BUILT or size >= MAX_TREE_BYTES:
                break
            text, path = texts[name], facts[name].source.path
            built += 1
            size += len(text)
            try:
                self.ready[name] = (text, path) + tuple(builder._data_build(text, name, path))
            except Exception:  # astroid refuses it: so will the analysis
                continue

    def result(self, modules_of_interest: Iterable[str]) -> Knowledge:
        """What analyse(facts, modules_of_interest) returns (its reads recorded in this thread)."""
        from .parsing import record_reads

        knowledge, self.knowledge = self.knowledge, None
        ready, self.ready = self.ready, {}
        if knowledge is not None:
            if self._wanted(modules_of_interest) == self.guess:
                record_reads(self.reads)
                return knowledge
            import gc

            gc.collect()  # the guessed analysis' trees: garbage, and as large as the ones about to be built
        return analyse(self.facts_list, modules_of_interest, ready, self.store)


def warm_up() -> None:
    """Set up, once per process, what every analysis needs: astroid's builtins and our library stubs
    (the astroid cache is left as it was: a session adds the stubs while it runs)."""
    try:
        from astroid.manager import AstroidManager
        from astroid.nodes.scoped_nodes.utils import builtin_lookup
    except ImportError:  # pragma: no cover - astroid is a dependency
        return
    with _LOCK:
        brain = AstroidManager.brain
        if "builtins" not in brain["astroid_cache"]:
            builtin_lookup("object")
        if not _STUB_TREES:
            cache = brain["astroid_cache"]
            saved = dict(cache)
            try:
                _stub_trees(AstroidManager())
            finally:
                cache.clear()
                cache.update(saved)


def _chosen(facts: Dict[str, m.ModuleFacts], modules_of_interest: Iterable[str]) -> Tuple[List[str], Dict[str, str]]:
    """The modules given a tree, in the order they are built, and their texts."""
    from .parsing import read_source

    # (the only use of `modules_of_interest`: Ahead compares guesses the same way)
    interest = [name for name in sorted(set(modules_of_interest)) if name in facts]
    chosen: Set[str] = set(interest)
    for name in sorted(facts):
        if name in chosen:
            continue
        if _mentions(facts[name]) or ("." not in name and name in ENTRY_FILES):
            chosen.add(name)
    texts: Dict[str, str] = {}
    for name in sorted(chosen):
        text, _ = read_source(facts[name].source.path)
        if text is None:
            continue
        entry = "." not in name and name in ENTRY_FILES
        if name not in interest and not entry and not any(word in text.lower() for word in MENTIONS):
            continue
        texts[name] = text
    # astroid trees are the expensive part: the modules on findings first, then entry points, then a
    # bounded number of the other modules that mention Flask/Celery (in a large Flask app, that is all)
    keep = [n for n in interest if n in texts][:MAX_ANALYSED]
    entries = [n for n in sorted(texts) if "." not in n and n in ENTRY_FILES and n not in set(keep)]
    others = [n for n in sorted(texts) if n not in set(keep) and n not in set(entries)]
    keep += entries + others[: max(0, min(MAX_EXTRA, MAX_ANALYSED - len(keep) - len(entries)))]
    return keep, {n: texts[n] for n in keep}


def _mentions(facts: m.ModuleFacts) -> bool:
    """Cheap pre-filter before reading the text: imports flask/celery/flask_*, or calls init_app."""
    # flask, flask_*, celery, ShopFlask, create_app... (no word spans the spaces joining the imports)
    words = " ".join(raw.target + " " + " ".join(n for n, _ in raw.names) for raw in facts.imports).lower()
    if any(word in words for word in MENTIONS):
        return True
    for raw in facts.imports:
        if raw.level and any(n in ("celery", "extensions") for n, _ in raw.names):
            return True
    for name, _ in facts.first_bound:
        if name in ("celery", "app", "db", "create_app", "make_celery"):
            return True
    return facts.calls_init_app


# --- the astroid session: project trees from our own text, stubs for the libraries ------------------

_LOCK = threading.RLock()
_STUB_TREES: Dict[str, object] = {}


class _DenyList(set):
    """Stands in for astroid's module denylist: every module outside the project is refused
    (so astroid never reads site-packages), except the stubs and what astroid already holds."""

    def __init__(self, session: "_Session"):
        super().__init__()
        self.session = session

    def __contains__(self, name) -> bool:  # type: ignore[override]
        return self.session.denies(name)


class _Session:
    def __init__(self, facts: Dict[str, m.ModuleFacts], texts: Dict[str, str], ready: Optional[Dict[str, tuple]] = None):
        self.facts = facts
        self.texts = dict(texts)
        self.ready = ready
        self.project_tops = {name.partition(".")[0] for name in facts}
        self.prefixes: Set[str] = set()
        for name in facts:
            parts = name.split(".")
            self.prefixes.update(".".join(parts[:i]) for i in range(1, len(parts)))
        self.trees: Dict[str, object] = {}
        self.consulted: Dict[str, Optional[str]] = {}  # every module whose text a tree was asked of: its text
        self.built = 0
        self.built_bytes = 0
        # whether the budget refused a tree: with `consulted` in its order, what a stored analysis needs
        # to tell whether edited texts would make the budget decide otherwise (see _within_budget)
        self.refused = False

    # -- setting astroid up and restoring it -------------------------------------------------------
    def __enter__(self) -> "_Session":
        from astroid.exceptions import AstroidImportError
        from astroid.manager import AstroidManager

        _LOCK.acquire()
        try:
            self.manager = AstroidManager()
            brain = AstroidManager.brain
            if "builtins" not in brain["astroid_cache"]:  # astroid rebuilds everything when it is missing
                from astroid.nodes.scoped_nodes.utils import builtin_lookup

                builtin_lookup("object")
            self.cache = brain["astroid_cache"]
            self.file_cache = brain["_mod_file_cache"]
            self.saved_cache = dict(self.cache)
            self.saved_file_cache = dict(self.file_cache)
            self.saved_denylist = brain["module_denylist"]
            stubs = _stub_trees(self.manager)
            self.project_tops.discard("builtins")  # astroid cannot work without its own builtins
            for name in list(self.cache):
                if name.partition(".")[0] in self.project_tops or name in stubs:
                    del self.cache[name]
            self.stubs = {name: tree for name, tree in stubs.items() if name.partition(".")[0] not in self.project_tops}
            self.cache.update(self.stubs)
            self.allowed = set(self.cache)
            for name in set(self.facts) | self.prefixes:
                self.file_cache[(name, None)] = AstroidImportError("{modname} is built by cyclecheck", modname=name)
            brain["module_denylist"] = _DenyList(self)
            self.manager.module_denylist = brain["module_denylist"]
            self.manager.register_failed_import_hook(self.hook)
        except BaseException:
            _LOCK.release()
            raise
        return self

    def __exit__(self, *exc) -> None:
        from astroid.manager import AstroidManager

        try:
            brain = AstroidManager.brain
            brain["module_denylist"] = self.saved_denylist
            try:
                brain["_failed_import_hooks"].remove(self.hook)
            except ValueError:
                pass
            self.cache.clear()
            self.cache.update(self.saved_cache)
            self.file_cache.clear()
            self.file_cache.update(self.saved_file_cache)
            _clear_inference_caches()
        finally:
            _LOCK.release()

    def denies(self, name: str) -> bool:
        if name.partition(".")[0] in self.project_tops:
            return False
        if name in self.stubs:
            self.cache.setdefault(name, self.stubs[name])  # after an astroid clear_cache() too
            return False
        return name not in self.allowed and name not in self.cache

    def hook(self, name: str):
        from astroid.builder import build_namespace_package_module
        from astroid.exceptions import AstroidBuildingError

        tree = self.tree(name)
        if tree is not None:
            return tree
        if name in self.prefixes and name not in self.facts:
            tree = build_namespace_package_module(name, [])
            self.cache[name] = tree
            return tree
        raise AstroidBuildingError("{modname} is not a module of the project", modname=name)

    def tree(self, name: str):
        """The astroid tree of a project module, built once from its text."""
        if name in self.trees:
            return self.trees[name]
        self.trees[name] = None
        fact = self.facts.get(name)
        if fact is None:
            return None
        if self.built >= MAX_BUILT or self.built_bytes >= MAX_TREE_BYTES:
            self.refused = True
            return None
        text = self.texts.get(name)
        if text is None:
            from .parsing import read_source

            text, _ = read_source(fact.source.path)
            if text is not None:
                self.texts[name] = text
        self.consulted[name] = text
        if text is None:
            return None
        self.built += 1
        self.built_bytes += len(text)
        try:
            tree = _builder(self.manager, self.ready).string_build(text, name, fact.source.path)
        except Exception:  # astroid refuses the file (it parsed with ast, so rarely): no roles
            return None
        self.cache[name] = tree
        self.trees[name] = tree
        return tree


def _builder(manager, ready: Optional[Dict[str, tuple]] = None):
    """An astroid builder without what roles do not need and what costs most: the brain transforms
    (stdlib/library plugins) and the inference of `self.x = ...` instance attributes. With `ready`,
    it takes (once) a tree parsed ahead of time from the same text and path (Ahead._parse_ahead)."""
    from astroid.builder import AstroidBuilder

    class _Builder(AstroidBuilder):
        def delayed_assattr(self, node) -> None:
            return None

        def _data_build(self, data, modname, path, **options):
            # parsing and rebuilding make a tree from the text alone (no other module, no cache):
            # the same tree, earlier; what follows (caching, star imports) happens as always.
            # (`options`: what a newer astroid passes, such as 4.4's is_stub)
            made = ready.pop(modname, None) if ready else None
            if made is not None and made[0] == data and made[1] == path:
                return made[2], made[3]
            return super()._data_build(data, modname, path, **options)

    return _Builder(manager, apply_transforms=False)


def _stub_trees(manager) -> Dict[str, object]:
    if not _STUB_TREES:
        for name, text in sorted(_STUBS.items()):
            path = f"<cyclecheck stub of {name}>/{'__init__' if any(k.startswith(name + '.') for k in _STUBS) else 'x'}.py"
            _STUB_TREES[name] = _builder(manager).string_build(text, name, path)
    return _STUB_TREES


def _is_stub(node) -> bool:
    root = node.root()
    return _STUB_TREES.get(root.name) is root


def _clear_inference_caches() -> None:
    """Forget inference results (they hold our trees and depend on this run's modules)."""
    try:
        from astroid.context import _invalidate_cache
        from astroid.inference_tip import clear_inference_tip_cache

        _invalidate_cache()
        clear_inference_tip_cache()
    except Exception:  # pragma: no cover - private helpers of another astroid version
        pass
    try:
        from astroid.interpreter._import import util
        from astroid.nodes._base_nodes import LookupMixIn
        from astroid.nodes.scoped_nodes import ClassDef

        for cached in (LookupMixIn.lookup, ClassDef._metaclass_lookup_attribute, util.is_namespace):
            cached.cache_clear()
    except Exception:  # pragma: no cover
        pass


# --- inference helpers --------------------------------------------------------------------------------

def _infer(node, limit: int = 8) -> List[object]:
    """Inferred values of a node, without Uninferable; [] when astroid gives up."""
    from astroid import util

    values = []
    try:
        for value in node.infer():
            if value is util.Uninferable or isinstance(value, util.UninferableBase):
                continue
            values.append(value)
            if len(values) >= limit:
                break
    except Exception:  # InferenceError, RecursionError, anything astroid raises on odd code
        pass
    return values


def lexical_name(node, depth: int = 0) -> Optional[str]:
    """The dotted name an expression refers to through the imports of its module.

    `F` after `from flask import Flask as F` is "flask.Flask"; `fl.Flask` after
    `import flask as fl` too. None when the name is not bound by an import.
    """
    from astroid import nodes

    if depth > 20:
        return None
    if isinstance(node, nodes.Name):
        try:
            _, assigns = node.lookup(node.name)
        except Exception:
            return None
        for assign in assigns:
            if isinstance(assign, nodes.Import):
                for name, asname in assign.names:
                    if asname == node.name:
                        return name
                    if asname is None and name.split(".")[0] == node.name:
                        return node.name
            elif isinstance(assign, nodes.ImportFrom):
                for name, asname in assign.names:
                    if (asname or name) == node.name:
                        base = _from_module(assign)
                        return f"{base}.{name}" if base else name
        return None
    if isinstance(node, nodes.Attribute):
        base = lexical_name(node.expr, depth + 1)
        return f"{base}.{node.attrname}" if base else None
    return None


def _from_module(node) -> str:
    try:
        if node.level:
            return node.root().relative_to_absolute_name(node.modname, node.level)
    except Exception:
        return node.modname or ""
    return node.modname or ""


def _terminal(node) -> str:
    from astroid import nodes

    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Attribute):
        return node.attrname
    if isinstance(node, nodes.Call):
        return _terminal(node.func)
    return ""


@dataclass
class ClassInfo:
    names: Set[str] = field(default_factory=set)  # qualified names of the class and its ancestors
    init_app: bool = False  # the class or an ancestor defines init_app
    project: Optional[object] = None  # the project ClassDef, when it is one
    lexical: bool = False  # known only by its import's dotted name

    def any(self, names: Iterable[str]) -> bool:
        return bool(self.names & set(names))


def class_info(expr) -> ClassInfo:
    """What `expr` (the callee of a call, or a base class) is as a class, with its ancestors."""
    from astroid import nodes

    info = ClassInfo()
    seen: Set[int] = set()

    def visit(cls, depth: int) -> None:
        """The class and its ancestors (astroid's ClassDef.ancestors()); a base astroid cannot infer
        (a library outside the stubs) still counts by its imported dotted name."""
        if id(cls) in seen:
            return
        seen.add(id(cls))
        try:
            chain = [cls] + [a for _, a in zip(range(50), cls.ancestors())]
        except Exception:
            chain = [cls]
        for klass in chain:
            seen.add(id(klass))
            info.names.add(klass.qname())
            if "init_app" in klass.locals:
                info.init_app = True
            if _is_stub(klass) or depth > 10:
                continue
            for base in klass.bases:
                if not any(isinstance(v, nodes.ClassDef) for v in _infer(base)):
                    name = lexical_name(base)
                    if name:
                        info.names.add(name)
                        info.init_app = info.init_app or _known_extension(name)

    classes = [v for v in _infer(expr) if isinstance(v, nodes.ClassDef)]
    for cls in classes:
        if info.project is None and not _is_stub(cls):
            info.project = cls
        visit(cls, 0)
    if not classes:
        name = lexical_name(expr)
        if name:
            info.names.add(name)
            info.lexical = True
            info.init_app = _known_extension(name)
    return info


def _known_extension(name: str) -> bool:
    module, _, cls = name.rpartition(".")
    if cls in KNOWN_EXTENSIONS.get(module, ()):
        return True
    # an unknown Flask extension: a capitalised class from a flask_* package
    return module.partition(".")[0].startswith("flask_") and cls[:1].isupper()


def _kind(info: ClassInfo) -> Optional[str]:
    if info.any(FLASK):
        return "flask-app"
    if info.any(CELERY):
        return "celery"
    if info.any(BLUEPRINT):
        return "blueprint"
    if info.init_app:
        return "extension"
    return None


def _short(name: str) -> str:
    return name.rpartition(".")[2]


# --- the analysis -------------------------------------------------------------------------------------

class _Analyser:
    def __init__(self, session: _Session, facts: Dict[str, m.ModuleFacts], knowledge: Knowledge):
        self.session = session
        self.facts = facts
        self.k = knowledge
        self.roles: Dict[str, List[Role]] = {}
        self.function_kinds: Dict[int, Tuple[str, ...]] = {}  # id(FunctionDef) -> kinds it creates
        self.function_nodes: Dict[int, Tuple[str, object]] = {}
        self.factory_calls: Dict[Tuple[str, str], List[Tuple[str, int]]] = {}

    def add(self, module: str, name: str, line: int, detail: str) -> None:
        self.roles.setdefault(module, []).append(Role(name, line, detail))

    def line_of(self, module: str, line: int) -> str:
        text = self.session.texts.get(module, "")
        lines = text.splitlines()
        return lines[line - 1].strip() if 0 < line <= len(lines) else ""

    def statement_of(self, module: str, node) -> str:
        start = node.fromlineno
        end = node.tolineno or start
        text = self.session.texts.get(module, "")
        return _dedented(text.splitlines()[start - 1: end])

    def class_import(self, module: str, expr) -> str:
        """The import statement that binds the callee's first name, as written."""
        from astroid import nodes

        base = expr
        while isinstance(base, nodes.Attribute):
            base = base.expr
        if not isinstance(base, nodes.Name):
            return ""
        try:
            _, assigns = base.lookup(base.name)
        except Exception:
            return ""
        for assign in assigns:
            if isinstance(assign, (nodes.Import, nodes.ImportFrom)):
                return self.statement_of(module, assign)
        return ""

    # -- one module ----------------------------------------------------------------------------
    def module(self, name: str, tree) -> None:
        from astroid import nodes

        fact = self.facts[name]
        self.entry_point(name, fact, tree)
        for node in _module_level(tree.body):
            if isinstance(node, (nodes.Assign, nodes.AnnAssign)) and isinstance(node.value, nodes.Call):
                self.assignment(name, node)
            elif isinstance(node, nodes.FunctionDef):
                self.function(name, node)
            elif isinstance(node, nodes.ClassDef):
                self.klass(name, node)
        for call in tree.nodes_of_class(nodes.Call):
            self.wiring_call(name, call)
            if call.scope() is tree and _terminal(call.func) not in ("", "Flask", "Celery"):
                self.module_call(name, call)
        self.fallback_hints(name, fact, tree)

    def entry_point(self, name: str, fact: m.ModuleFacts, tree) -> None:
        if "." in name or fact.source.is_package:
            return
        if name in ENTRY_FILES:
            self.add(name, "entry-point", 1, f"{name}.py{AT_IMPORT_ROOT}")
            return
        from astroid import nodes

        for node in tree.body:
            if isinstance(node, nodes.If) and "__main__" in node.test.as_string():
                self.add(name, "entry-point", node.lineno, f"{name}.py runs under `if __name__ == \"__main__\"`")
                return

    def assignment(self, module: str, node) -> None:
        targets = [t.name for t in (node.targets if hasattr(node, "targets") else [node.target]) if hasattr(t, "name")]
        if not targets:
            return
        call = node.value
        info = class_info(call.func)
        kind = _kind(info)
        if kind is not None:
            cls = sorted(info.names & (FLASK | CELERY | BLUEPRINT)) or [lexical_name(call.func) or call.func.as_string()]
            for target in targets:
                obj = Obj(module, target, kind, node.lineno, cls[0], None, self.statement_of(module, node),
                          self.class_import(module, call.func))
                self.k.objects[(module, target)] = obj
                self.object_role(obj, call, info)
            return
        # a project function that creates the object: `app = create_app()`, `celery = make_celery(app)`
        for fn in _infer(call.func):
            kinds = self.returns(fn) if self.creates(fn) else ()
            if not kinds:
                continue
            owner = fn.root().name
            for kind in kinds:
                for target in targets:
                    obj = Obj(module, target, kind, node.lineno, "", f"{fn.name}()",
                              self.statement_of(module, node))
                    self.k.objects.setdefault((module, target), obj)
                    if kind == "celery":
                        self.add(module, "celery-instance", node.lineno,
                                 f"{target} = {call.as_string()[:60]}: the Celery app is created inside "
                                 f"{fn.name}() ({owner})")
                    elif kind == "flask-app":
                        self.add(module, "flask-app", node.lineno,
                                 f"{target} = {call.as_string()[:60]}: the Flask app comes from {fn.name}() ({owner})")
            break

    def module_call(self, module: str, call) -> None:
        for fn in _infer(call.func):
            if self.creates(fn):
                self.factory_calls.setdefault((fn.root().name, fn.name), []).append((module, call.lineno))
                break

    def object_role(self, obj: Obj, call, info: ClassInfo) -> None:
        how = ""
        written = call.func.as_string()
        if info.lexical:
            how = ""
        elif info.project is not None and obj.kind in ("flask-app", "celery", "blueprint"):
            how = f" ({written} subclasses {obj.cls})"
        elif _short(obj.cls) != _terminal(call.func) and obj.kind != "extension":
            how = f" ({written} is {obj.cls})"
        text = f"{obj.name} = {written}(...){how}"
        if obj.kind == "flask-app":
            self.add(obj.module, "flask-app", obj.line, text)
        elif obj.kind == "celery":
            self.add(obj.module, "celery-instance", obj.line, text + " at module level")
        elif obj.kind == "blueprint":
            self.add(obj.module, "blueprint", obj.line, text)
        elif obj.kind == "extension":
            self.add(obj.module, "extensions", obj.line, f"{obj.name} = {written}(): its class has init_app")

    def creates(self, fn) -> Tuple[str, ...]:
        """Kinds of objects a project function creates (and returns, for a Flask app)."""
        from astroid import nodes

        if not isinstance(fn, nodes.FunctionDef) or _is_stub(fn):
            return ()
        key = id(fn)
        if key in self.function_kinds:
            return self.function_kinds[key]
        self.function_kinds[key] = ()
        kinds: List[str] = []
        for call in fn.nodes_of_class(nodes.Call):
            if call.scope() is not fn:
                continue
            kind = _kind(class_info(call.func)) if _terminal(call.func)[:1].isupper() else self.celery_helper(call)
            if kind in ("flask-app", "celery") and kind not in kinds:
                kinds.append(kind)
        self.function_kinds[key] = tuple(kinds)
        self.function_nodes[key] = (fn.root().name, fn)
        return tuple(kinds)

    def celery_helper(self, call) -> Optional[str]:
        """"celery" for a call of a project function named for Celery that returns a Celery app it makes
        (`celery = make_celery(app)` inside the factory, the Flask docs' older pattern), else None."""
        if "celery" not in _terminal(call.func).lower():
            return None
        return "celery" if any("celery" in self.returns(inner) for inner in _infer(call.func)
                               if not _is_stub(inner)) else None

    def returns(self, fn, depth: int = 0) -> Tuple[str, ...]:
        """Kinds of the objects a project function returns: `return app`, `return Celery(...)`, `return f()`."""
        from astroid import nodes

        kinds: List[str] = []
        if not isinstance(fn, nodes.FunctionDef) or depth > 3:
            return ()
        for ret in fn.nodes_of_class(nodes.Return):
            if ret.value is None or ret.scope() is not fn:
                continue
            values = [ret.value]
            if isinstance(ret.value, nodes.Name):
                values = [a.parent.value for a in fn.locals.get(ret.value.name, [])
                          if isinstance(a, nodes.AssignName) and isinstance(a.parent, nodes.Assign)]
            for value in values:
                if not isinstance(value, nodes.Call):
                    continue
                kind = _kind(class_info(value.func))
                found = [kind] if kind in ("flask-app", "celery") else [
                    k for inner in _infer(value.func) if not _is_stub(inner) for k in self.returns(inner, depth + 1)]
                kinds += [k for k in found if k not in kinds]
        return tuple(kinds)

    def function(self, module: str, fn) -> None:
        from astroid import nodes

        kinds = self.creates(fn)
        if "flask-app" in kinds and _returns_something(fn):
            self.k.factories[(module, fn.name)] = Factory(module, fn.name, fn.lineno, kinds, True)
        if "celery" in kinds:
            for call in fn.nodes_of_class(nodes.Call):
                if call.scope() is fn and (_kind(class_info(call.func)) == "celery" or self.celery_helper(call)):
                    target = _assigned_name(call) or f"{fn.name}()"
                    obj = Obj(module, f"{fn.name}()", "celery", call.lineno,
                              lexical_name(call.func) or call.func.as_string(), fn.name,
                              self.statement_of(module, call.statement()), self.class_import(module, call.func))
                    self.k.objects[(module, obj.name)] = obj
                    self.add(module, "celery-instance", call.lineno,
                             f"{target} = {call.func.as_string()}(...) inside {fn.name}()")
                    break
        self.global_extensions(module, fn)
        self.decorated(module, fn)
        for inner in fn.nodes_of_class(nodes.FunctionDef):
            if inner is not fn:
                self.decorated(module, inner)

    def global_extensions(self, module: str, fn) -> None:
        """Extensions a function makes and binds to a global of its module (`global db` ... `db =
        SQLAlchemy(app)` in the factory): objects created in that function, under that name."""
        from astroid import nodes

        declared = {name for node in fn.nodes_of_class(nodes.Global) if node.scope() is fn for name in node.names}
        if not declared:
            return
        for assign in fn.nodes_of_class(nodes.Assign):
            if assign.scope() is not fn or not isinstance(assign.value, nodes.Call):
                continue
            targets = [t.name for t in assign.targets if isinstance(t, nodes.AssignName) and t.name in declared]
            if not targets or _kind(class_info(assign.value.func)) != "extension":
                continue
            call = assign.value
            for target in targets:
                self.k.objects.setdefault((module, target), Obj(
                    module, target, "extension", assign.lineno, lexical_name(call.func) or call.func.as_string(),
                    fn.name, self.statement_of(module, assign), self.class_import(module, call.func)))

    def decorated(self, module: str, fn) -> None:
        from astroid import nodes

        if not fn.decorators:
            return
        for dec in fn.decorators.nodes:
            callee = dec.func if isinstance(dec, nodes.Call) else dec
            values = _infer(callee)
            qnames = {getattr(v, "qname", lambda: "")() for v in values}
            lexical = lexical_name(callee)
            if lexical:
                qnames.add(lexical)
            if qnames & ROUTE_METHODS or (not values and _terminal(callee) in ROUTE_NAMES
                                          and isinstance(callee, nodes.Attribute)):
                self.add(module, "views", fn.lineno, f"{fn.name}: @{callee.as_string()}"
                         + ("" if values else " (by the decorator's name)"))
            elif qnames & (TASK_METHOD | SHARED_TASK) or (
                    not values and isinstance(callee, nodes.Attribute) and callee.attrname == "task"):
                shared = bool(qnames & SHARED_TASK)
                celery = ""
                if isinstance(callee, nodes.Attribute):
                    celery = lexical_name(callee.expr) or f"{module}.{callee.expr.as_string()}"
                task_name = _keyword(dec, "name") or f"{module}.{fn.name}"
                self.k.tasks.setdefault(module, ())
                self.k.tasks[module] += (TaskDef(module, fn.name, fn.lineno, task_name, "@" + callee.as_string(),
                                                 "" if shared else celery),)
                holder = callee.expr.as_string() if isinstance(callee, nodes.Attribute) else callee.as_string()
                source = "" if shared else f" ({holder} from {celery.rpartition('.')[0] or module})"
                self.add(module, "tasks", fn.lineno, f"{fn.name}: @{callee.as_string()}{source}")

    def klass(self, module: str, cls) -> None:
        from astroid import nodes

        info = ClassInfo()
        for base in cls.bases:
            sub = class_info(base)
            info.names |= sub.names
            info.init_app = info.init_app or sub.init_app
            if not sub.names and isinstance(base, nodes.Attribute) and base.attrname == "Model":
                info.names.add("?.Model")
        bases = ", ".join(b.as_string() for b in cls.bases)
        if info.any(TASK_CLASS) and not info.any(CELERY):
            self.k.tasks.setdefault(module, ())
            self.k.tasks[module] += (TaskDef(module, cls.name, cls.lineno, f"{module}.{cls.name}", "Task subclass", ""),)
            self.add(module, "tasks", cls.lineno, f"class {cls.name}({bases}): a Celery Task")
        if info.any(VIEW_CLASS):
            self.add(module, "views", cls.lineno, f"class {cls.name}({bases}): a Flask class-based view")
        if info.any(DECLARATIVE) or "?.Model" in info.names:
            self.add(module, "models", cls.lineno, f"class {cls.name}({bases})")
        if (cls.name.endswith(("Config", "Settings")) or info.any(n for n in info.names if n.endswith("Config"))) \
                and any(k.isupper() for k in cls.locals):
            upper = [k for k in cls.locals if k.isupper()][:3]
            self.add(module, "config", cls.lineno, f"class {cls.name} with {', '.join(upper)}")
        for item in cls.body:
            if isinstance(item, nodes.FunctionDef):
                self.decorated(module, item)

    def wiring_call(self, module: str, call) -> None:
        from astroid import nodes

        if not isinstance(call.func, nodes.Attribute):
            return
        attr = call.func.attrname
        if attr not in ("add_url_rule", "register_blueprint", "init_app"):
            return
        values = _infer(call.func)
        qnames = {getattr(v, "qname", lambda: "")() for v in values}
        if attr == "add_url_rule" and (qnames & {"flask.Scaffold.add_url_rule"} or not values):
            self.add(module, "views", call.lineno, f"{call.func.as_string()}(...)")
        elif attr == "register_blueprint" and (qnames & {"flask.Scaffold.register_blueprint"} or not values):
            args = ", ".join(a.as_string() for a in call.args[:1])
            self.add(module, "app-factory" if self.in_factory(module, call) else "views", call.lineno,
                     f"registers blueprint {args}")

    def in_factory(self, module: str, node) -> bool:
        scope = node.scope()
        return (module, getattr(scope, "name", "")) in self.k.factories

    def fallback_hints(self, module: str, fact: m.ModuleFacts, tree) -> None:
        """File-name hints, only where inference found no role of that kind."""
        have = {r.name for r in self.roles.get(module, [])}
        last = module.rpartition(".")[2]
        hints = {"models": "models", "model": "models", "tasks": "tasks", "views": "views", "routes": "views",
                 "config": "config", "settings": "config", "extensions": "extensions", "ext": "extensions"}
        parts = module.split(".")
        for part in (last,) + tuple(parts[:-1][::-1][:1]):
            role = hints.get(part)
            if role and role not in have:
                self.add(module, role, 1, f"file name {fact.source.path.rpartition('/')[2]}{BY_FILE_NAME}")
                return

    def finish(self) -> None:
        # app factories: detail with where they are called at module level
        for (module, name), factory in sorted(self.k.factories.items()):
            calls = tuple(sorted(set(self.factory_calls.get((module, name), []))))
            made = self.k.factories[(module, name)] = Factory(module, name, factory.line, factory.creates, True, calls)
            self.add(module, "app-factory", factory.line, _factory_detail(made))
        for module, roles in self.roles.items():
            self.k.roles[module] = _ordered(roles)


def _dedented(lines: List[str]) -> str:
    """Lines of a statement without the indent of its first line."""
    if not lines:
        return ""
    indent = len(lines[0]) - len(lines[0].lstrip())
    return "\n".join(line[indent:] if line[:indent].strip() == "" else line for line in lines).rstrip()


def _factory_detail(factory: Factory) -> str:
    where = ", ".join(f"{mod} (line {line})" for mod, line in factory.called_at) or "nowhere at module level"
    extra = " and a Celery app" if "celery" in factory.creates else ""
    return f"{factory.name}() creates and returns a Flask app{extra}; called at module level in {where}"


def _ordered(roles: Iterable[Role]) -> Tuple[Role, ...]:
    """A module's roles without repeats, in the order of ROLE_NAMES, then by line."""
    order = {name: i for i, name in enumerate(ROLE_NAMES)}
    unique: Dict[Tuple[str, int, str], Role] = {}
    for role in roles:
        unique.setdefault((role.name, role.line, role.detail), role)
    return tuple(sorted(unique.values(), key=lambda r: (order.get(r.name, 99), r.line, r.detail)))


def _module_level(body) -> Iterator[object]:
    """Statements that run at import time, descending into if/try/with blocks."""
    from astroid import nodes

    for node in body:
        yield node
        if isinstance(node, nodes.If):
            yield from _module_level(node.body)
            yield from _module_level(node.orelse)
        elif isinstance(node, nodes.Try):
            yield from _module_level(node.body)
            for handler in node.handlers:
                yield from _module_level(handler.body)
            yield from _module_level(node.orelse)
            yield from _module_level(node.finalbody)
        elif isinstance(node, nodes.With):
            yield from _module_level(node.body)


def _returns_something(fn) -> bool:
    from astroid import nodes

    return any(r.value is not None and r.scope() is fn for r in fn.nodes_of_class(nodes.Return))


def _assigned_name(call) -> Optional[str]:
    from astroid import nodes

    parent = call.parent
    if isinstance(parent, nodes.Assign) and parent.value is call:
        names = [t.name for t in parent.targets if isinstance(t, nodes.AssignName)]
        return names[0] if names else None
    return None


def _keyword(dec, name: str) -> Optional[str]:
    from astroid import nodes

    if not isinstance(dec, nodes.Call):
        return None
    for keyword in dec.keywords or ():
        if keyword.arg == name and isinstance(keyword.value, nodes.Const) and isinstance(keyword.value.value, str):
            return keyword.value.value
    return None
