"""Plain data shared by every stage: files -> module facts -> graph -> cycles -> findings.

Everything here is a frozen dataclass (or a tuple of them), so a stage can never
change what an earlier stage produced, and facts can be cached as they are.
This module imports nothing from the package.
"""

from __future__ import annotations

import pickle
import sys
from dataclasses import MISSING, FrozenInstanceError, dataclass, is_dataclass
from operator import attrgetter
from typing import Callable, Dict, Optional, Tuple, Union

# Libraries a Flask/Celery project imports, whose names its own files sometimes take (see advice's CC106, and
# discovery's test of a stray root `__init__.py`)
KNOWN_LIBRARIES = frozenset({"flask", "celery", "werkzeug", "jinja2", "click", "kombu", "redis", "sqlalchemy",
                             "flask_sqlalchemy", "flask_migrate", "flask_login", "requests", "alembic",
                             "marshmallow", "gunicorn", "billiard", "itsdangerous", "markupsafe", "pytest"})

# The maker of each class (see _fact), by name: the only functions the cache's unpickler will call.
MAKERS: Dict[str, Callable[..., object]] = {}


def _fact(cls):
    """`@dataclass(frozen=True)`, with slots from Python 3.10 on, and pickled as a call of a maker
    function with the field values.

    The facts of a large project are millions of these objects. With slots, an object is its
    values and nothing else; without them, every object unpickled gets a dict of its own (sympy's
    facts: 330 MiB with dicts, 210 MiB with slots). Pickling a frozen slotted dataclass the default
    way would call its `__setstate__` (Python) and set each field through `object.__setattr__`;
    the maker sets the slots directly through their descriptors: faster to load than a dict, and
    the pickle is 40% smaller as it names no field.

    Every run imports this module, a cached one too, and `dataclass` writes and compiles six
    functions per class (0.7 ms each class, 20% of an unchanged run). Here it only collects the
    fields and makes the slots: `__init__` and the maker are compiled together, and equality,
    hashing, `repr` and frozenness are the same for every class (`_Frozen`, over the fields)."""
    if sys.version_info < (3, 10):  # pragma: no cover - no slots for dataclasses: the default pickling
        return dataclass(frozen=True)(cls)
    cls = dataclass(slots=True, init=False, repr=False, eq=False)(cls)
    names = cls.__slots__
    scope = {"_new": object.__new__, "_cls": cls}
    params = []
    for i, name in enumerate(names):  # (no field of this module starts with an underscore)
        scope[f"_set{i}"] = cls.__dict__[name].__set__
        default = cls.__dataclass_fields__[name].default
        scope[f"_default{i}"] = default
        params.append(name if default is MISSING else f"{name}=_default{i}")
    sets = "".join(f"    _set{i}(_self, {name})\n" for i, name in enumerate(names))
    maker_name = f"make_{cls.__name__}"
    exec(f"def __init__(_self, {', '.join(params)}):\n{sets}"
         f"def {maker_name}({', '.join(names)}):\n    _self = _new(_cls)\n{sets}    return _self\n", scope)
    cls.__init__ = scope["__init__"]
    cls.__init__.__qualname__ = f"{cls.__qualname__}.__init__"
    maker = scope[maker_name]
    maker.__module__ = cls.__init__.__module__ = __name__
    MAKERS[maker_name] = globals()[maker_name] = maker  # (pickle finds a function by its module and name)
    get = attrgetter(*names)
    cls._values = get if len(names) > 1 else staticmethod(lambda made: (get(made),))  # (a tuple either way)
    cls._names = names
    cls.__reduce__ = (lambda self: (maker, get(self))) if len(names) > 1 else (lambda self: (maker, (get(self),)))
    return cls


class _Frozen:
    """What `dataclass(frozen=True)` writes into each class, once for all (see _fact): instances are
    equal when of the same class with equal fields, hash as the tuple of their fields, and refuse
    to be changed."""

    __slots__ = ()
    _values: Callable[["_Frozen"], tuple]  # (set on each class: its fields' values, in order)
    _names: Tuple[str, ...]

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return self._values(self) == other._values(other)
        return NotImplemented

    def __hash__(self):
        return hash(self._values(self))

    def __repr__(self):
        fields = ", ".join(f"{name}={value!r}" for name, value in zip(self._names, self._values(self)))
        return f"{self.__class__.__qualname__}({fields})"

    def __setattr__(self, name, value):
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name):
        raise FrozenInstanceError(f"cannot delete field {name!r}")


# Scopes of an import statement, from the strongest (runs at import) to the weakest.
MODULE = "module"  # runs when the module is imported (top level, module-level blocks, class bodies)
FUNCTION = "function"  # inside a def or lambda: runs only when called
TYPE_CHECKING = "type-checking"  # under `if TYPE_CHECKING:`: never runs
SCOPES = (MODULE, FUNCTION, TYPE_CHECKING)

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)
SEVERITY_RANK = {INFO: 0, WARNING: 1, ERROR: 2}


@_fact
class SourceFile(_Frozen):
    """One Python file and the dotted module name Python would give it."""

    path: str  # as displayed to the user (relative to the working directory when possible)
    module: str
    root: str  # the import root (a sys.path entry) it was found under
    is_package: bool  # an `__init__.py`


@_fact
class RawImport(_Frozen):
    """One import statement (or literal dynamic import) exactly as written."""

    kind: str  # "import" | "from" | "dynamic" | "walk" (a pkgutil.iter_modules loop importing submodules)
    # | "walk-all" (a pkgutil.walk_packages loop: every module below)
    target: str  # dotted name as written, without leading dots ("" for `from . import x`)
    level: int  # number of leading dots of a relative import
    names: Tuple[Tuple[str, Optional[str]], ...]  # (name, asname); ("*", None) for a star import
    line: int
    col: int
    statement: str
    scope: str
    guarded: bool  # inside a `try` whose handler catches ImportError
    # codes of a `# cyclecheck: ignore[...]` comment on a line of the statement; () = every code
    suppressed: Optional[Tuple[str, ...]] = None
    suppressed_line: int = 0  # the line of that comment


@_fact
class ImportSite(_Frozen):
    """A resolved edge `importer -> imported` of the project graph."""

    importer: str
    imported: str
    path: str
    line: int
    col: int
    statement: str
    scope: str
    guarded: bool = False
    implicit: bool = False  # a parent package that runs before the module actually named
    dynamic: bool = False  # importlib.import_module / __import__ / pkgutil walk
    names: Tuple[str, ...] = ()


# --- the program of a module: what runs at import time, in order -----------------------
# Each op is a small frozen dataclass; bodies are tuples of ops.


@_fact
class Bind(_Frozen):
    """Names bound to some value we do not follow (assignment, for target, with-as...)."""

    names: Tuple[str, ...]
    line: int


@_fact
class BindModule(_Frozen):
    """`name = importlib.import_module("x")`: binds the module object (maybe still partial)."""

    names: Tuple[str, ...]
    target: str  # as in DynamicImport
    line: int


@_fact
class BindResult(_Frozen):
    """`names = callee(...)`: an instance when the callee is a project class, else some value."""

    names: Tuple[str, ...]
    name: str
    attrs: Tuple[str, ...]
    line: int
    # called with no arguments (`PLUGINS = discover()`): a generator function's generator is bound, to run
    # when it is iterated (see Iterate; the call before it is `stored` too)
    lazy: bool = False
    # a signal whose send() catches what its receivers raise (Celery's celery.utils.dispatch.Signal)
    swallows: bool = False


@_fact
class BindValue(_Frozen):
    """`names = name.attrs...` (a plain name or attribute chain): bound to what that refers to."""

    names: Tuple[str, ...]
    name: str
    attrs: Tuple[str, ...]
    line: int


@_fact
class BindProxy(_Frozen):
    """`celery = LocalProxy(get_celery)` (werkzeug's): each attribute read of the proxy calls the function
    `name.attrs...` first and reads the attribute of what it returns."""

    names: Tuple[str, ...]
    name: str
    attrs: Tuple[str, ...]
    line: int


@_fact
class Unbind(_Frozen):
    names: Tuple[str, ...]
    line: int


@_fact
class ModuleAlias(_Frozen):
    """`sys.modules[__name__] = name.attrs` at module level: from here on, importing the running module
    (or reading it from sys.modules) gives that object; a module of the project, or one whose namespace
    may hold any name."""

    name: str
    attrs: Tuple[str, ...]
    line: int


@_fact
class OpenNamespace(_Frozen):
    """A use of `sys.modules[__name__]` other than to set one named attribute (its `__dict__`, `vars()` of
    it, an alias of it): from here on, the running module's namespace may hold any name."""

    line: int


# Define.hooks of a Flask class-based view that sets `init_every_request` False (its as_view() makes the
# view's instance at once) or True (one per request, later)
VIEW_MADE, VIEW_PER_REQUEST = "as_view", "-as_view"


# the names of the ops that say how far a module's `__all__` has been built (see ModuleFacts.all_stages;
# a star import skips names that start with "_")
ALL_STAGE = "_\0all"


@_fact
class Define(_Frozen):
    """`def name` / `class name`: binds name to a function or class of this module."""

    name: str
    kind: str  # "function" | "class"
    line: int
    qualname: str = ""  # the Function (or class) it defines, "" when it is not followed
    # a followed class's bases as written: (name, attrs) of each `name.attr...`, ("", ()) for anything else
    bases: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()
    # the methods a library base's __init__ calls on the new object, in order (a subclass of flask.Flask:
    # make_config, make_aborter; of celery.Celery: on_init), see parsing.LIBRARY_HOOKS. `hook>Name`: when
    # the project does not define that method, the library's calls Name (`config_class = AppConfig` in the
    # class body: Flask's make_config makes AppConfig(...)); `>Name` a class the __init__ makes itself.
    # A class-based view's VIEW_MADE or VIEW_PER_REQUEST: it sets `init_every_request`
    hooks: Tuple[str, ...] = ()
    # its methods decorated with SQLAlchemy's @declared_attr: called when a mapped class is created (see
    # Simulator.op_Define)
    declared: Tuple[str, ...] = ()
    # a class's keyword arguments but `metaclass` (`class HttpChannel(Channel, abstract=True)`), as
    # Call.keywords holds them: what __init_subclass__ is given
    keywords: Tuple[Tuple[str, object], ...] = ()
    # a subclass's upper-case names its body binds to a value (`SQLALCHEMY_DATABASE_URI = "sqlite://"`):
    # they hide a base's property of that name from Flask's config.from_object(obj)
    attributes: Tuple[str, ...] = ()


@_fact
class ImportOp(_Frozen):
    """Runs import statement number `index` of the module's `imports`."""

    index: int


@_fact
class DynamicImport(_Frozen):
    """`importlib.import_module(...)` / `__import__(...)` with a resolvable name."""

    target: str  # absolute dotted name, with "{__name__}" standing for the running module's name
    line: int
    index: int  # the matching RawImport
    # werkzeug's import_string (Flask's config.from_object): `target` ("a.b.C", a colon made a dot) is
    # an object path: when no module has that name, the object is read from the module a.b
    object_path: bool = False
    # what a missing object of an object path raises: import_string's ImportError, or getattr()'s
    # AttributeError (`getattr(import_module(_LAZY[name]), name)`)
    missing: str = "ImportError"
    # what the caller makes of an exception escaping the import: werkzeug's import_string raises an
    # ImportError as its ImportStringError (IMPORT_STRING: it also is one), Celery's configuration load
    # an AttributeError as a ModuleNotFoundError (CELERY_CONFIG), logging's dictConfig any exception as
    # a ValueError (the message it raises, "ValueError: Unable to configure handler 'x'"); "": as it is
    reraises: str = ""
    # `import_module(name).bp` where the name is one of several (a loop's strings, a list another module
    # exports): the attribute read of each module it returns, right after its import (an AttributeError on
    # a partial one)
    attribute: str = ""


HELPER_CALL = "\0helper"  # (see ModuleFacts.exported_flags)

IMPORT_STRING = "ImportStringError"
CELERY_CONFIG = "ModuleNotFoundError"


@_fact
class ExecFile(_Frozen):
    """Flask's `app.config.from_pyfile("settings.py")`, `runpy.run_path(path)` and `exec(compile(open(path).read(),
    path, "exec"))`: runs the file of module `target` (for from_pyfile, next to the module making the app) as
    a new module that sys.modules never holds, at once (exec's names in the running module are not followed:
    its namespace is taken to hold any name from then on)."""

    target: str
    line: int
    index: int  # the matching RawImport


@_fact
class PackageWalk(_Frozen):
    """A loop over `pkgutil.iter_modules(...)` importing every submodule of `package`."""

    package: str  # "{__name__}" or "{__package__}" or a dotted name
    line: int
    recursive: bool = False  # pkgutil.walk_packages: every module below, in pre-order (a package, then its own)
    only: Optional[Tuple[str, ...]] = None  # the names it imports (a test in the loop), None: every one
    exclude: Tuple[str, ...] = ()  # the names it skips (short, or full with a prefix)
    # werkzeug's `find_modules("pkg")`: it imports the package first, and lists its packages only with
    # include_packages=True (recursive=True still walks into them)
    found: bool = False
    packages: bool = True


@_fact
class Access(_Frozen):
    """Reads `name.attrs[0].attrs[1]...` at run time (AttributeError on a partial module)."""

    name: str
    attrs: Tuple[str, ...]
    line: int


@_fact
class AccessListed(_Frozen):
    """`getattr(x, n)` for each name `n` that the `__all__` of module x lists by now: a loop or comprehension
    over `x.__all__` (`{n: getattr(checks, n) for n in checks.__all__}`), x `name.attrs...`."""

    name: str
    attrs: Tuple[str, ...]
    line: int


@_fact
class SetAttr(_Frozen):
    """`name.a.b = ...`: binds the last attribute on whatever `name.a` is."""

    name: str
    attrs: Tuple[str, ...]
    line: int


# m.Call.args: a literal string argument is (TEXT_ARGUMENT, (the string,)) (no name is spelled so; one read
# from the environment, `os.getenv("X") or "dev"`, is (TEXT_ARGUMENT, (its value when X is unset, "X"))), and a
# literal list or tuple of strings, or a module-level name bound once to one it never changes,
# (LIST_ARGUMENT, its strings)
TEXT_ARGUMENT = '"'
LIST_ARGUMENT = "["
# ("@def", (qualname,)): the module's function of that qualname, not bound to any name yet: as an argument,
# the function a decorator is applied to; as a Call's name, the function called (`Plan.__init__`, which
# Enum calls while it makes the class: see parsing's stmt_ClassDef)
DEFINED = "@def"


@_fact
class Call(_Frozen):
    """Calls `name.attrs...(...)`; a project function or class there is followed."""

    name: str
    attrs: Tuple[str, ...]
    line: int
    call_result: bool = False  # `@factory(...)`: then call what the call returned (the decorator)
    # its positional arguments up to the first `*args`: each a (name, attrs) chain, ("", ()) for any
    # other expression, ('"', (s,)) for a literal string s, and ("@def", (qualname,)) for the function a
    # plain decorator is applied to
    args: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()
    # awaited, or handed to `asyncio.run(...)` and the like: a coroutine function called so runs its body
    awaited: bool = False
    bare: bool = False  # called with no arguments at all: every parameter has its default
    stored: bool = False  # its result bound to names (`PLUGINS = discover()`: see BindResult.lazy)
    # called with keyword arguments (no `*args`, no `**`): each (parameter, the literal string given,
    # `(value,)` for None, True or False, or None for any other value), `create_app(config_name="testing")`,
    # `load("app", lazy=True)`; the parameters neither named nor given by position have their defaults
    keywords: Tuple[Tuple[str, object], ...] = ()


@_fact
class If(_Frozen):
    test: str  # "true" | "false" | "main" (`__name__ == "__main__"`) | "not-main" | "unknown"
    # | "hasattr:x.y:n" | "not-hasattr:x.y:n" | "is\0NAME\0s1\0s2..." (`NAME == "s1"`, `NAME in (...)`) | "not-is\0..."
    # | "in-modules\0a.b" | "not-in-modules\0a.b" (`"a.b" in sys.modules`) | ...
    body: tuple
    orelse: tuple
    line: int


@_fact
class Loop(_Frozen):
    body: tuple
    orelse: tuple
    line: int
    # `for target in over:` over a plain name, the body starting with the binding of target: run once per
    # element when `over` holds a list the simulation follows (see BindList), else once
    over: str = ""
    target: str = ""


@_fact
class BindTable(_Frozen):
    """`name = {"development": DevConfig, ...}` at module level, every key a string and every value a name
    or an attribute chain: a lookup the simulation follows (`config[config_name].init_app(app)`, the
    Flasky layout: m.Call's attrs then hold LOOKUP + '"key' or LOOKUP + "!name", a parameter's value)."""

    name: str
    entries: Tuple[Tuple[str, str, Tuple[str, ...]], ...]  # (key, name, attrs)
    line: int


# Flask's own signals the simulation follows, by the paths they are imported from: `sig.connect(f)` of one
# is the Call of LIBRARY_SIGNAL with attrs (its name, "connect"); Flask sends appcontext_pushed when an
# app context is pushed (`with app.app_context():`, `app.app_context().push()`, a test request context)
LIBRARY_SIGNAL = "\0signal"
LIBRARY_SIGNALS = {"flask.appcontext_pushed": "appcontext_pushed",
                   "flask.signals.appcontext_pushed": "appcontext_pushed"}

# SQLAlchemy's configuration of its mappers, a library signal: a listener of its events (`@event.listens_for(
# Mapper, "after_configured")`) connects to it, and what configures the mappers sends it
MAPPERS_CONFIGURED = "mappers_configured"

# an attrs element of a chain that looks a key up in a BindTable (see there)
LOOKUP = "\0["


@_fact
class BindList(_Frozen):
    """`name = []` at module level: a list the simulation follows (`name.append(f)` adds f to it, a `for`
    over it runs its body for each element: a registry of hooks filled by a decorator); or
    `ROUTE_MODULES = ["health"]`, a list of strings the module only appends strings to at its top level
    (see parsing._appended_lists), its strings given."""

    name: str
    line: int
    items: Tuple[str, ...] = ()


@_fact
class BindTruth(_Frozen):
    """`names = hasattr(x, "n")` (or `not hasattr(...)`): bound to the truth of that test (see m.If.test)
    as it is decided now, which a later `if names:` reads (test `bound-truth\0NAME`)."""

    names: Tuple[str, ...]
    test: str
    line: int


@_fact
class Discover(_Frozen):
    """Celery's `autodiscover_tasks([...], force=True)`: the imports of `body` (each package, then its
    tasks module), skipped when it runs while another one is importing (Celery's loader guards its
    autodiscovery against reentry)."""

    body: tuple
    line: int


@_fact
class CeleryApp(_Frozen):
    """`names = Celery(...)` at module level: an app whose state the simulation follows (see
    Simulator.op_CeleryApp): Celery imports some modules only when the app is used later, from any module.
    Object paths: "" for none."""

    names: Tuple[str, ...]
    line: int
    config: str = ""  # config_source=: imported when the configuration is first read
    silent: bool = False  # config_source_silent=True: the loader forgives that import's failure
    task_cls: str = ""  # task_cls=: imported when `app.Task` is first read
    include: Tuple[str, ...] = ()  # what `app.loader.import_default_modules()` imports
    autofinalize: bool = True  # False: using a task before app.finalize() raises instead of configuring
    # the qualname of the on_configure method of the app's class (a subclass of Celery made here), which
    # Celery calls as it loads the configuration; "" for none
    configure: str = ""
    loader: str = ""  # loader=: imported when the app first uses its loader (its configuration loads)


@_fact
class CeleryConfigure(_Frozen):
    """`app.config_from_object(source, silent, force)` on the app `name.attrs...`: with a configuration
    read before (or force=True) the loader imports `source` now, else it is the source the first read
    imports (an object path; "" for an object given, which imports nothing)."""

    name: str
    attrs: Tuple[str, ...]
    line: int
    source: str
    silent: bool
    forced: bool  # force=True: imported at once by the DynamicImport before this op


@_fact
class CeleryRead(_Frozen):
    """`app.conf["key"]`, `len(app.conf)` and the like: reads the configuration of the app `name.attrs...`
    (its attribute reads, `app.conf.key`, need no op: see Simulator._celery_attribute)."""

    name: str
    attrs: Tuple[str, ...]
    line: int


@_fact
class TaskProxy(_Frozen):
    """`@app.task` (or `@app.task(...)`) on the module-level function `name`, the app `app.attrs...`: Celery
    binds a lazy proxy that makes the task, reading the configuration, when it is first used. `@shared_task`
    (app ""): the same, for the app current when it is used."""

    name: str
    app: str
    attrs: Tuple[str, ...]
    line: int
    based: bool = False  # `@app.task(base=...)`: the task's class is that one, not the app's task_cls
    base: Tuple[str, ...] = ()  # the name and attributes that `base=` gives (`DbTask`: ("DbTask",)), if a chain
    eager: bool = False  # `@app.task(lazy=False)`: the task is made at once, not by a proxy


@_fact
class SetEnv(_Frozen):
    """`os.environ["NAME"] = value` (`default_only`: `os.environ.setdefault("NAME", value)`, which keeps a
    value set before): a later test of the variable, in any module, sees it (see parsing's environment
    tests). `value`: None when it is not a literal string. `name` "": variables not known here (a key that
    is not a literal, `os.environ.update(mapping)`): any variable the run has not set may be set."""

    name: str
    value: Optional[str]
    default_only: bool
    line: int


@_fact
class PathChange(_Frozen):
    """`sys.path.insert(0, folder)` (`package`: False) or a package's `__path__.insert(0, folder)` or
    `__path__ = [...]` (True), for a folder other than the import root (or the package's own) or one not
    worked out here: from then on, a module of the project not imported yet may be found elsewhere by that
    name (see Simulator.op_ImportOp)."""

    package: bool
    line: int
    # the folder, relative to the import root of the module doing it ("" when not worked out): one that is
    # an import root of the project already changes nothing the analysis resolves (a src layout's entry)
    folder: str = ""


@_fact
class Iterate(_Frozen):
    """Iterates over `name.attrs...` at module level (a `for` loop, a comprehension, `list(x)` and the
    like): a generator bound there (see BindResult.lazy) runs its body now."""

    name: str
    attrs: Tuple[str, ...]
    line: int


@_fact
class Try(_Frozen):
    body: tuple
    handlers: Tuple[Tuple[Optional[Tuple[str, ...]], Optional[str], tuple], ...]  # (caught, as-name, body)
    orelse: tuple
    finalbody: tuple
    line: int


@_fact
class ClassBody(_Frozen):
    """A class body: runs now, in a namespace of its own."""

    body: tuple
    line: int


@_fact
class Return(_Frozen):
    line: int
    name: str = ""  # `return name.attrs`: the value, when it is a plain name or attribute chain
    attrs: Tuple[str, ...] = ()


@_fact
class Reraise(_Frozen):
    """A bare `raise` in an `except` block: the exception being handled goes on."""

    line: int


@_fact
class Raise(_Frozen):
    """`raise E` or `raise E(...)` where the classes E is an instance of are known: `family` names E,
    then the classes it derives from (its own module's and the builtin ones)."""

    family: Tuple[str, ...]
    line: int


@_fact
class Break(_Frozen):
    """`break`: the loop ends here and its `else:` block does not run; `continue` (`proceed`): the pass
    through the loop's body ends here (the body is run once, for every pass: the loop then ends)."""

    line: int
    proceed: bool = False


@_fact
class With(_Frozen):
    """The body of a `with` statement whose context manager is `name.attrs` (a call when attrs end with
    "()"): when the manager is the project's, the exceptions its `__exit__` (or, for a generator
    decorated with @contextmanager, the `try` around its `yield`) swallows end the body there."""

    name: str
    attrs: Tuple[str, ...]
    body: tuple
    line: int


Op = Union[
    Bind, BindList, BindTable, BindModule, BindResult, BindValue, BindTruth, Unbind, Define, ImportOp, DynamicImport,
    ExecFile, PackageWalk, Access, SetAttr, Call, If, Loop, Iterate, Discover, Try, ClassBody, Return, Reraise, Raise,
    Break, With, CeleryApp, CeleryConfigure, CeleryRead, TaskProxy, SetEnv,
]


@_fact
class Function(_Frozen):
    """A module-level function (or a method of a module-level class) that may be called at import."""

    qualname: str
    line: int
    body: tuple
    global_names: Tuple[str, ...] = ()
    params: Tuple[str, ...] = ()  # its parameters: local names, bound to the arguments when it runs
    positional: int = 0  # how many of the first params positional arguments fill
    # used as a context manager (an `__exit__` method, or a generator decorated with @contextmanager):
    # the exceptions it swallows from the `with` body; None: every one
    swallows: Optional[Tuple[str, ...]] = ()
    classmethod: bool = False  # decorated with @classmethod and calls its first parameter, the class
    # the `__post_init__` of a class decorated with @dataclass (attrs' `__attrs_post_init__`): the
    # `__init__` generated for the class calls it
    post_init: bool = False
    is_async: bool = False  # an `async def`: calling it makes a coroutine, whose body runs once awaited
    # its parameters whose default is a literal string (`config_name="default"`), with that string
    text_defaults: Tuple[Tuple[str, str], ...] = ()
    # a method decorated with @property (or @cached_property) whose body imports: reading the attribute
    # on an instance runs it
    is_property: bool = False
    is_generator: bool = False  # its body yields: calling it makes a generator, whose body runs when iterated
    # its parameters whose default is None, True or False (`test_config=None`), with that value
    const_defaults: Tuple[Tuple[str, object], ...] = ()
    # its parameters whose default is a name or an attribute chain (`config_class=Config`) and that its body
    # never binds again: (parameter, name, attrs)
    chain_defaults: Tuple[Tuple[str, str, Tuple[str, ...]], ...] = ()


class Functions:
    """A module's `Function`s, in the order of its file: a read-only sequence that stays pickled
    until it is first used, with their qualnames at hand without that.

    Function bodies are two thirds of a large project's facts (sympy's: 13.6 of 20 MB pickled), and
    a run reads few of them: the simulation looks a function up only when module-level code calls
    it or defines a class, and mostly by a name the module does not define (`A.__init__`). Kept as
    bytes, they cost nothing to load from the cache or from a parse worker; `get` decodes a module's
    functions the first time one of them is really there.

    Equal to another `Functions` (or a tuple) holding equal functions. Pickled as their own pickle,
    made once, so the facts' bytes and digest stay the same from run to run."""

    __slots__ = ("_items", "_blob", "qualnames", "_by_name", "_names")

    def __init__(self, items: Tuple["Function", ...] = (), blob: Optional[bytes] = None,
                 qualnames: Optional[Tuple[str, ...]] = None):
        self._items = None if blob is not None else tuple(items)
        self._blob = blob
        self.qualnames: Tuple[str, ...] = (tuple(qualnames) if qualnames is not None
                                           else tuple(f.qualname for f in self._items or ()))
        self._by_name: Optional[Dict[str, "Function"]] = None
        self._names: Optional[frozenset] = None

    @property
    def items(self) -> Tuple["Function", ...]:
        items = self._items
        if items is None:
            try:
                items = ModelUnpickler(_BytesIO(self._blob)).load()
            except Exception:  # a damaged cache entry (the cache only checks the outside): no functions
                items = None
            if not isinstance(items, tuple) or len(items) != len(self.qualnames) or not all(
                    type(f) is Function and f.qualname == q for f, q in zip(items, self.qualnames)):
                items, self.qualnames = (), ()
            self._items = items
        return items

    def get(self, qualname: str) -> Optional["Function"]:
        """The function of that qualname (the last one, when the file defines it twice), or None."""
        if self._names is None:
            self._names = frozenset(self.qualnames)
        if qualname not in self._names:
            return None
        if self._by_name is None:
            self._by_name = {f.qualname: f for f in self.items}
        return self._by_name.get(qualname)

    def __len__(self) -> int:
        return len(self.qualnames)

    def __iter__(self):
        return iter(self.items)

    def __getitem__(self, index):
        return self.items[index]

    def __eq__(self, other) -> bool:
        if isinstance(other, Functions):
            if self._blob is not None and self._blob == other._blob:
                return True
            return self.qualnames == other.qualnames and self.items == other.items
        if isinstance(other, tuple):
            return self.items == other
        return NotImplemented

    def __ne__(self, other) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self.items)

    def __repr__(self) -> str:
        return f"Functions({self.items!r})"

    def __reduce__(self):
        blob = self._blob
        if blob is None:  # (not kept: the parse workers' facts are pickled once, then dropped)
            blob = pickle.dumps(self._items, protocol=pickle.HIGHEST_PROTOCOL)
        return make_Functions, (blob, self.qualnames)


def make_Functions(blob: bytes, qualnames: Tuple[str, ...]) -> Functions:
    if not isinstance(blob, bytes) or not isinstance(qualnames, tuple) or not all(
            isinstance(q, str) for q in qualnames):
        raise pickle.UnpicklingError("malformed functions")
    return Functions(blob=blob, qualnames=qualnames)


MAKERS["make_Functions"] = make_Functions
NO_FUNCTIONS = Functions()


@_fact
class ParseError(_Frozen):
    path: str
    line: int
    message: str


@_fact
class ModuleFacts(_Frozen):
    """Everything one pass over a file learns; no other stage reads the file again."""

    source: SourceFile
    imports: Tuple[RawImport, ...] = ()
    body: tuple = ()  # the module-level program (ops)
    functions: Functions = NO_FUNCTIONS  # (iterates over `Function`s)
    first_bound: Tuple[Tuple[str, int], ...] = ()  # name -> first module-level line that binds it
    open_namespace: bool = False  # globals()/exec/module __getattr__: any name may be bound
    replaces_itself: bool = False  # a ModuleAlias in its body: what importing it gives is sys.modules' entry
    all_names: Optional[Tuple[str, ...]] = None  # a literal __all__
    # its value after each statement of the module that binds or changes it, when always known: the op
    # after statement N binds ALL_STAGE + "N" (a star import of the module while it runs takes those)
    all_stages: Tuple[Tuple[str, ...], ...] = ()
    future_annotations: bool = False
    worker_imports: Tuple[Tuple[str, int], ...] = ()  # Celery include=/imports=/autodiscover_tasks
    error: Optional[ParseError] = None
    # the only names a module-level `def __getattr__(name)` answers, when its body is `if name == "x":`
    # blocks then `raise AttributeError(...)`; None: no such function, or one that may answer any name
    getattr_answers: Optional[Tuple[str, ...]] = None
    calls_init_app: bool = False  # some program of the module calls `x.init_app(...)` (see roles._mentions)
    # a module-level function of it calls one of its parameters, or hands one on to another call: it may
    # run a function of another module given to it (a callback), so the simulation runs it (see Simulator)
    calls_parameters: bool = False
    # a function of it swallows exceptions when used as a context manager (see Function.swallows): the
    # simulation runs it, so that a `with` in another module finds the manager
    swallows: bool = False
    # its module-level code sets an attribute of a module it imports (`settings.FLAG = True`), or its code
    # sets an environment variable (m.SetEnv): the simulation runs it, so that a flag another module reads
    # from there is not taken as bound, and a test of the variable elsewhere sees it
    patches: bool = False
    # its literal lists of strings that another module can loop over (`BLUEPRINTS = ["app.auth"]`, the
    # class attribute `Config.BLUEPRINTS`): bound once, at the top level or in a top-level class body,
    # never bound again nor touched through an attribute (`.append`) anywhere in the module
    exported_lists: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()
    # its top-level names bound once, to a value decided here (`ENABLE_ADMIN = False`), and never
    # written again: another module's `if ENABLE_ADMIN:` after importing one is decided by it
    # (the value: a truth, or a string constant's string); and under `Class.NAME`, the upper-case constants
    # its top-level classes bind in their bodies, read by Flask's `config.from_object(Class)` (see
    # parsing._class_settings; `USE_CELERY = env_bool("USE_CELERY", False)` of a helper another module
    # defines: (HELPER_CALL, module, function, arguments, keywords), decided by that module's env_helpers)
    exported_flags: Tuple[Tuple[str, object], ...] = ()
    # its top-level functions that read the environment and that a settings module may call with literal
    # arguments (`def env_bool(name, default=False)`): name -> the function's source (see
    # parsing.helper_call_value)
    env_helpers: Tuple[Tuple[str, str], ...] = ()
    # its top-level names bound once to a tuple of exception classes (`ERRORS = (ImportError, KeyError)`):
    # another module's `except ERRORS:` after importing one catches those
    exported_errors: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()
    # its top-level names bound to a Flask `Blueprint(...)`, each with the module-level functions given to
    # its `record` or `record_once` (`@bp.record_once`): `app.register_blueprint(bp)` calls them
    record_callbacks: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()


@_fact
class Cycle(_Frozen):
    """A cycle of the graph, rotated to start at its smallest module."""

    modules: Tuple[str, ...]
    edges: Tuple[ImportSite, ...]  # edges[i] goes modules[i] -> modules[i+1 mod n]
    kind: str  # "import-time" | "deferred"
    component: int  # index of its strongly connected component


@_fact
class TraceStep(_Frozen):
    module: str
    path: str
    line: int
    statement: str


@_fact
class Crash(_Frozen):
    """What a fresh `import start` raises, and how it gets there."""

    start: str
    exception: str  # e.g. "ImportError: cannot import name 'celery' from partially initialized module 'app' ..."
    trace: Tuple[TraceStep, ...]  # from the start module to the failing statement
    failing: ImportSite  # the failing statement, as an edge importer -> partial module
    missing_name: str
    bound_at: Optional[Tuple[str, int]] = None  # (path, line) where the missing name gets bound later
    uncertain: Tuple[str, ...] = ()  # conditions we could not decide that the crash depends on


@_fact
class Suggestion(_Frozen):
    code: str
    summary: str
    path: str
    line: int
    before: str
    after: str


@_fact
class Finding(_Frozen):
    code: str
    severity: str
    kind: str
    message: str
    cycle: Tuple[str, ...]
    edges: Tuple[ImportSite, ...]
    crashes_when_first_imported: Tuple[str, ...] = ()
    crash: Optional[Crash] = None
    entry_points: Tuple[str, ...] = ()  # sentences about real entry points that crash
    suggestion: Optional[Suggestion] = None
    location: Optional[Tuple[str, int]] = None  # the statement that closes the cycle or fails


@_fact
class Stats(_Frozen):
    files: int
    modules: int
    edges: int
    external_imports: int
    components: int
    findings_by_kind: Tuple[Tuple[str, int], ...]


@_fact
class Report(_Frozen):
    roots: Tuple[str, ...]
    stats: Stats
    findings: Tuple[Finding, ...]
    errors: Tuple[ParseError, ...]
    roles: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()
    hidden: int = 0  # findings below the display threshold


# --- loading pickles of these classes ---------------------------------------------------------------

from io import BytesIO as _BytesIO  # noqa: E402

_MODEL_CLASSES = frozenset(name for name, value in list(globals().items())
                           if isinstance(value, type) and is_dataclass(value))


class ModelUnpickler(pickle.Unpickler):
    """Builds only this module's dataclasses (by their classes or their makers, see _fact) and
    `Functions`: a cache file can hold data, never code."""

    def find_class(self, module, name):
        if module == __name__ and (name in _MODEL_CLASSES or name in MAKERS):
            return globals()[name]
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")
