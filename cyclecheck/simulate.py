"""What a fresh interpreter does on `import S`, executed over the recorded facts, never the code.

The model follows CPython's import system (3.7+):

* importing `a.b.c` imports `a`, then `a.b`; a module enters `sys.modules` before its
  body runs and leaves it again if the body raises; a loaded submodule becomes an
  attribute of its parent once it has finished;
* `from X import n` first imports the submodule `X.n` when X is a package without an
  attribute `n`; then reads `n`, falling back to `sys.modules["X.n"]`; if X is still
  initialising and has no `n`, that is the circular ImportError;
* reading `X.n` on a partially initialised module X that has no `n` is the circular
  AttributeError; `import X.Y as Z` never fails for that reason;
* names are bound in statement order; class bodies, decorators and default values
  run at import; a function body runs only when a module-level statement calls it
  (followed across modules to a bounded depth);
* `try` blocks whose handler catches the exception swallow it; `if TYPE_CHECKING:`
  never runs; an `if` we cannot decide runs both branches, and a crash that needs
  one of them says so.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, fields, replace
from operator import attrgetter
from typing import Callable, Dict, Iterable, List, NamedTuple, Optional, Sequence, Set, Tuple

from . import model as m
from .graph import absolute_target, ancestors, expand_exported, fill_parameters, fill_template, interpreter_owned
from .parsing import (GIVEN_PARAMETER, IMPORTED, SIGNAL_MAKERS, TABLE_KEY, TASK_READERS, UNSET_VALUE, apply_string_methods,
                      helper_call_value, reads_configuration, walk_ops)

MAX_CALL_DEPTH = 40
# calls deeper than this run without their object: `self.x()` in them is not followed (sympy's methods
# calling each other on `self`, both branches of every undecided `if`, grow past any step budget)
MAX_SELF_DEPTH = 6
MAX_STEPS = 200_000


class _Opaque:
    __slots__ = ()

    def __repr__(self):
        return "<opaque>"


OPAQUE = _Opaque()
PATCHED = _Opaque()  # a value set on a module from outside (`conf.FLAG = True`): what its facts say is off
APP = _Opaque()  # a Flask app made at module level (`app = Flask(__name__)`): an object, true (see _parameter_truth)
_MISSING = object()

# Events of the memo log (see `Simulator._remember`): what a module's import read from, and
# wrote to, state older than itself. A read is (kind, owner, key, value seen); a write is
# (kind + _WRITE, owner, key, new value, old value); `_MISSING` stands for an absent key.
_MOD = 0  # sys.modules[key]; owner None
_NS = 1  # owner.ns[key]
_FLAG = 2  # getattr(owner, key): "done" or "open"
_ALL = 3  # the whole owner.ns (a star import); the value is a copy of it
_WRITE = 4
_NEW = 8  # (_NEW, owner): a module object made by this import
MEMO_PER_MODULE = 8  # recorded imports kept per module name (the newest)


@dataclass(frozen=True)
class FuncRef:
    module: "ModState"
    qualname: str


@dataclass(frozen=True)
class ProxyRef:
    """werkzeug's LocalProxy of a project function (m.BindProxy): an attribute read calls it first."""

    getter: FuncRef


@dataclass(frozen=True)
class ListRef:
    """A module-level list the simulation follows (m.BindList): its elements are kept in its module's
    namespace, under _LIST + its name."""

    module: "ModState"
    name: str


@dataclass(frozen=True)
class TableRef:
    """A module-level dict of string keys the simulation follows (m.BindTable): each key's value, as
    resolved when it was made."""

    items: Tuple[Tuple[str, object], ...]


# Flask's methods that read app.jinja_env (so build it, see Simulator._jinja_environment)
_JINJA_USERS = frozenset({"template_filter", "template_global", "template_test", "add_template_filter",
                          "add_template_global", "add_template_test"})
# the calls that push a Flask app context (`with app.app_context():` calls its __enter__)
_CONTEXT_PUSHES = frozenset((made, "()", method) for made in ("app_context", "test_request_context")
                            for method in ("__enter__", "push"))
# an app context left (`with app.app_context():` ends, `.pop()`): Flask runs the teardown_appcontext functions
_CONTEXT_POPS = frozenset((made, "()", method) for made in ("app_context", "test_request_context")
                          for method in ("__exit__", "pop"))
_TEARDOWNS = "_\0teardown\0"  # the functions `@app.teardown_appcontext` registered in a module (see _teardown_added)
_LIST = "_\0list\0"
MAX_LIST = 64  # elements followed per list (beyond: not added)
_MISSING_ITEM = object()
_ONCE = (_MISSING_ITEM,)  # a loop over anything else: its body once, its target as the body binds it


@dataclass(frozen=True)
class ClassRef:
    module: "ModState"
    qualname: str
    bases: tuple = ()  # its bases when it was defined: ClassRefs, OPAQUE for any other (`object` left out)
    hooks: tuple = ()  # the methods a library base's __init__ calls (m.Define.hooks, or its bases')
    declared: tuple = ()  # its methods decorated with @declared_attr (m.Define.declared)
    declares: bool = False  # it or a project base has some
    attributes: tuple = field(default=(), compare=False)  # m.Define.attributes (known by module and qualname)


@dataclass(frozen=True)
class Text:
    """A string the simulation follows: the name handed to a module's `__getattr__` (PEP 562), which
    decides its `if name == "x":` tests."""

    value: str


@dataclass(frozen=True)
class Texts:
    """A list of strings given to a parameter (m.LIST_ARGUMENT): a loop over it binds each in turn."""

    items: Tuple[Text, ...]


@dataclass(frozen=True)
class Const:
    """None, True or False given to a parameter (its default, or a keyword argument), which decides its
    `if testing:` and `if test_config is None:` tests."""

    value: object


def _keyword_argument(value: object) -> object:
    """The value a keyword argument (see m.Call.keywords) gives its parameter."""
    if isinstance(value, str):
        return Text(value)
    return Const(value[0]) if isinstance(value, tuple) else OPAQUE


_DEFAULTED = "\0defaulted\0"  # + a parameter's name: a local set when the call left it to its default
_PARAMETER_TESTS = ("truth\0", "not-truth\0", "none\0", "not-none\0", "not-not-none\0")  # see parsing's parameter_test


class _ForSender(NamedTuple):
    """A signal receiver connected for one sender, given as a literal string (`sig.connect(f, sender="feeds")`):
    blinker calls it only for a send() from that sender."""

    receiver: object  # a FuncRef, or a weakly held (FuncRef, calls) pair
    sender: str


def _literal_sender(op: m.Call, position: int, keyword: object) -> Optional[str]:
    """The sender a connect() or send() names as a literal string, by keyword or at `position`; else None."""
    if isinstance(keyword, str):
        return keyword
    if len(op.args) > position and op.args[position][0] == m.TEXT_ARGUMENT:
        return op.args[position][1][0]
    return None


def _shown(name: str) -> str:
    """A name as a statement quotes it: for the module `import_module("a").x` reads from (parsing's
    IMPORTED + the call's text), the call's text."""
    return name.rpartition("\0")[2] if name.startswith(IMPORTED) else name


def _parameter_truth(env: "_Env", test: str) -> Optional[bool]:
    """Whether a test of a parameter (`truth\0NAME`, `none\0NAME`, `not-none\0NAME`, each maybe negated
    by `not-`) holds for the value the running call gave it, when the simulation knows it."""
    kind, name = test.split("\0")
    negated = False
    while kind.startswith("not-"):  # (`not-none` is `is not None`; `not-not-none`, `not x is not None`)
        kind, negated = kind[4:], not negated
    value = env.locals.get(name) if env.locals is not None and name not in env.global_names else None
    if isinstance(value, Const):
        known = value.value
    elif isinstance(value, Text):
        known = value.value
    elif value is APP or isinstance(value, (FuncRef, ClassRef, ModState, CeleryRef, BlueprintRef, SignalRef)):
        known = True  # (an object Python takes as true: a module, a function, a class, a Flask app...)
    elif isinstance(value, Instance) and kind == "none":
        known = True  # (an instance of a project class: not None, its truth its own)
    else:
        return None
    truth = bool(known) if kind == "truth" else (known is None) == (kind == "none")
    return truth != negated


@dataclass(frozen=True)
class GeneratorRef:
    """What calling a project generator function with no arguments made and bound to a name at module
    level (see m.BindResult.lazy): its body runs when it is iterated there (m.Iterate), every time
    (a generator runs once; a second loop over it is taken to run it again)."""

    function: FuncRef


@dataclass(frozen=True)
class BlueprintRef:
    """A Flask `Blueprint(...)` bound to a top-level name of a module: registering it on an app calls the
    callbacks given to its `record`/`record_once` (m.ModuleFacts.record_callbacks), registering another
    blueprint on it does not."""

    module: "ModState"
    name: str


@dataclass(frozen=True)
class SignalRef:
    """A signal bound to a top-level name of a module (blinker's `Namespace().signal("x")` or `signal("x")`,
    Django's `Signal()`): `connect(f)` (or `@x.connect`) adds f to its receivers, which `send(...)` calls.
    The receivers are kept in its module's namespace under a name no code can read (see _RECEIVERS), so
    that the journal and the recorded imports treat them as any other binding."""

    module: "ModState"
    name: str
    swallows: bool = False  # its send() catches what a receiver raises (m.BindResult.swallows)


@dataclass(frozen=True)
class CeleryRef:
    """A Celery app bound to a top-level name of a module (m.CeleryApp). Its state (a _CeleryState) is kept
    in that module's namespace under a name no code can read (_CELERY + its name), as a signal's receivers
    are: the journal and the recorded imports treat it as any other binding."""

    module: "ModState"
    name: str
    # the project's subclass of Celery it was made of (m.CeleryApp.configure): its own methods are followed
    cls: object = field(default=None, compare=False)


@dataclass(frozen=True)
class TaskRef:
    """What `@app.task` binds to the function's name (m.TaskProxy): a proxy that makes the task when it is
    first used (an attribute read, a call), which reads the app's configuration."""

    function: object  # the FuncRef the proxy calls
    app: Optional[CeleryRef]  # None: `@shared_task`, for the app current when it is used
    based: bool = False  # made with base=: not of the app's task_cls (see m.TaskProxy)
    base: object = None  # the project class base= gave, whose __init__ runs when Celery makes the task


class _CeleryState(NamedTuple):
    source: str  # the object path the first read of the configuration imports ("": nothing)
    silent: bool  # its loader forgives the failure of that import
    hedges: Tuple[str, ...]  # the undecided tests under which the source was given (said in a crash)
    configured: bool  # the configuration was read: a config_from_object now loads its source at once
    finalized: bool  # app.finalize() ran (`app.tasks` too): `@app.task` makes the task at once
    task_cls: str
    include: Tuple[str, ...]
    autofinalize: bool
    configure: str  # the app's on_configure method (m.CeleryApp.configure), "" for none
    loader: str  # the object path of its loader= class, imported as the app first uses its loader ("": Celery's)


_CELERY = "_\0celery\0"  # + an app's name: its _CeleryState (a star import skips `_` names)

_FIRED = "\0fired"  # the receivers of m.MAPPERS_CONFIGURED that ran, in Simulator.mappers
_CHILDREN = "_\0blueprints\0"  # + a blueprint's name: the blueprints registered on it so far, in order

_RECEIVERS = "_\0receivers\0"  # + a signal's name: the functions connected to it (a star import skips `_` names)


@dataclass(frozen=True)
class Instance:
    """An object of a project class: calling its methods runs their bodies."""

    cls: ClassRef


class ModState:
    """A module object of the simulated interpreter."""

    __slots__ = ("name", "facts", "ns", "done", "open", "depth", "born", "stale", "bound")

    def __init__(self, name: str, facts: m.ModuleFacts, depth: int, bound: frozenset):
        self.name = name
        self.facts = facts
        self.bound = bound  # the names its facts bind, and its submodules' (see Simulator.unbound)
        self.ns: Dict[str, object] = {}
        self.done = False
        self.open = facts.open_namespace
        self.depth = depth  # len(frames) when its body started: where its part of the trace begins
        self.born = 0  # length of the simulator's journal when it was created
        self.stale = False  # it left sys.modules when its body raised: it is never reused

    def function(self, qualname: str) -> Optional[m.Function]:
        return self.facts.functions.get(qualname)  # (decoded only when the module defines it)

    def __repr__(self):
        return f"<module {self.name}{'' if self.done else ' (partial)'}>"


@dataclass
class _Frame:
    module: str  # the module whose code holds the statement
    path: str
    line: int
    statement: str


class SimCrash(Exception):
    """An exception escaping the code being run: a circular one (`crash`), or one an explicit `raise`
    makes (`family`: its class and those it derives from; see m.Raise)."""

    def __init__(self, exc_type: str, message: str, circular: bool, crash: Optional[m.Crash] = None,
                 depth: int = 0, family: Tuple[str, ...] = ()):
        super().__init__(message)
        self.depth = depth
        self.exc_type = exc_type
        self.message = message
        self.circular = circular
        self.crash = crash
        self.family = family or _FAMILIES.get(exc_type, (exc_type, "Exception", "BaseException"))


class _Return(Exception):
    def __init__(self, value: object = None):
        super().__init__()
        self.value = value


# what every module object has from the start: the import system sets these before the body runs
# (`__file__`: not on a namespace package, which is never partial), `__dict__` and `__class__` always
_BUILTINS = frozenset(dir(__import__("builtins")))  # names a module reads without binding them
_MODULE_ATTRIBUTES = frozenset({"__name__", "__doc__", "__package__", "__loader__", "__spec__", "__file__",
                                "__cached__", "__builtins__", "__dict__", "__class__"})


def _mro(cls: ClassRef) -> List[object]:
    """The class's method resolution order (C3, as CPython computes it), OPAQUE standing for each base
    we do not follow (and its own bases, unknown); just the class when the bases cannot be ordered."""
    unknown: Dict[int, object] = {}
    done: Dict[int, List[object]] = {}

    def linear(klass: ClassRef, depth: int) -> List[object]:
        if id(klass) in done:
            return done[id(klass)]
        if depth > 40:
            raise ValueError("too deep")
        bases = [base if isinstance(base, ClassRef) else unknown.setdefault(len(unknown), object())
                 for base in klass.bases]
        sequences = [linear(base, depth + 1) if isinstance(base, ClassRef) else [base] for base in bases]
        sequences.append(bases)
        order: List[object] = [klass]
        while True:
            sequences = [sequence for sequence in sequences if sequence]
            if not sequences:
                done[id(klass)] = order
                return order
            for sequence in sequences:
                head = sequence[0]
                if not any(head is later for other in sequences for later in other[1:]):
                    break
            else:
                raise ValueError("no consistent order")  # (CPython refuses to create such a class)
            order.append(head)
            sequences = [sequence[1:] if sequence[0] is head else sequence for sequence in sequences]

    try:
        order = linear(cls, 0)
    except ValueError:
        return [cls]
    sentinels = {id(value) for value in unknown.values()}
    return [OPAQUE if id(klass) in sentinels else klass for klass in order]


class _OutOfSteps(Exception):
    pass


class _Reraised(Exception):
    """A bare `raise` in the handler of a crash (see Simulator.op_Try)."""


class _Argv:
    """Whether the run imports its start as `python -c "import M"` does, where `sys.argv == ["-c"]`
    (`plain`), or runs an entry point whose command line is not known. Read as a flag of the runs
    (see Simulator._flag_get), so that an import recorded in one kind of run is replayed only in
    the same kind."""

    born = -1  # (older than any recording: every read is an input)

    def __init__(self) -> None:
        self.plain = True


class _CeleryCurrent:
    """What `from celery import current_app` binds: a proxy of the app made last (set_as_current), see
    Simulator._current_celery."""

    def __repr__(self) -> str:
        return "celery.current_app"


CURRENT_CELERY = _CeleryCurrent()
_CURRENT = "\0current"  # the key of the current Celery app in Simulator.celery_process


class _ProcessState:
    """State of the simulated process outside any module, kept in `ns` as a module's names are, so that the
    journal and the recorded imports follow it: the environment variables the run set (m.SetEnv; None: a
    value not known; a fresh interpreter's own are unset, see parsing._environment_kind), Celery's current
    app (celery._state: a CeleryRef under _CURRENT), where the run changed where imports look (m.PathChange:
    "sys", and "package:" + a package's name, each with the statement that did)."""

    born = -1  # (as _Argv's)
    bound: frozenset = frozenset()

    def __init__(self, name: str) -> None:
        self.name = name
        self.ns: Dict[str, object] = {}


class _Discovering:
    """Whether Celery's loader is running an autodiscovery now (m.Discover): one started meanwhile
    imports nothing. A flag of the runs, like _Argv's."""

    born = -1

    def __init__(self) -> None:
        self.busy = False


class _Break(Exception):
    """A `break`, or a `continue` (`proceed`; see Simulator.op_Loop)."""

    def __init__(self, proceed: bool = False):
        super().__init__()
        self.proceed = proceed


class _Env:
    __slots__ = ("module", "locals", "global_names", "is_function", "missing")

    def __init__(self, module: ModState, local_ns: Optional[Dict[str, object]] = None,
                 global_names: Tuple[str, ...] = (), is_function: bool = False,
                 missing: Optional[Dict[str, ModState]] = None):
        self.module = module
        self.locals = local_ns
        self.global_names = global_names
        self.is_function = is_function
        # while a module body runs: the names a star import from a partial module did not bring (the
        # module they would come from): reading one there before the body binds it is a NameError
        self.missing = missing


@dataclass(frozen=True)
class Outcome:
    start: str
    crash: Optional[m.Crash]
    cycle: Tuple[str, ...] = ()  # the modules in progress between the partial module and the failure
    cycle_edges: Tuple[m.ImportSite, ...] = ()
    undecided: bool = False  # the step budget ran out (or Python's stack: `deep`)
    internal_error: Optional[str] = None  # cyclecheck's own failure while simulating
    deep: bool = False  # undecided by a RecursionError: how deep the stack already was matters, never stored


@dataclass
class _Memo:
    """A recorded import of one module, replayed whenever every read it made of older state
    (`reads`) would see the same value again: the body then runs exactly as it did, so its
    effects are the recorded ones (see `Simulator._replay`)."""

    root: ModState
    reads: list  # read events, as the state was when the import started
    writes: list  # write events to older state: one per slot, its final value and the value before
    objects: list  # (module object, depth relative to the start, ns, done, open) of those it made, at the end
    steps: int
    calls: int  # len(calls) when it started
    calls_peak: int  # the deepest call-depth check it made, relative to `calls`
    stack: int  # the Python stack depth of `import_module` when it started
    consulted: int = 0  # the modules whose facts it read (see `Simulator.bits`)
    unbound: object = ()  # the names it read that their modules do not bind (see `Simulator.unbound`)


@dataclass
class _Region:
    """The context of an import being recorded, saved by `_begin` and restored by `_end`."""

    rec_start: int  # the enclosing recording's start
    calls_peak: int  # the enclosing recording's peak so far
    log: int
    journal: int
    frames: int
    calls: int
    steps: int
    stack: int
    deeper: Optional[_Memo] = None  # a recorded import it repeats, valid but for the stack depth
    peak: int = 0
    frame: object = None  # the Python frame of its `import_module` while it runs (see `_python_depth`)
    consulted: int = 0  # the enclosing run's consulted modules when it started; when it ended, its own
    unbound: object = None  # the enclosing run's unbound names read when it started; when it ended, its own


# the modules of the standard library (3.10+; None before: every library import is taken to succeed)
_STDLIB = frozenset(getattr(sys, "stdlib_module_names", ()))
# libraries a Flask/Celery project has installed, named like a module of its own at times (`celery.py`)
_KNOWN_TOP = frozenset({"flask", "celery", "werkzeug", "jinja2", "click", "kombu", "redis", "sqlalchemy",
                        "alembic", "marshmallow", "requests", "pytest", "itsdangerous", "billiard"})
_FAMILIES = {"ImportError": ("ImportError", "Exception", "BaseException"),
             "AttributeError": ("AttributeError", "Exception", "BaseException"),
             "ModuleNotFoundError": ("ModuleNotFoundError", "ImportError", "Exception", "BaseException")}
_MISSING_LIBRARY = SimCrash("ModuleNotFoundError", "a library that is not installed", circular=False)

# Imports of the standard library that fail in the Python running cyclecheck (any other import of a module
# outside the project is taken as succeeding): modules of Python 2 only (`try: import urlparse` / `except
# ImportError:`), none of which a package on PyPI provides, and names taken out of a module since
# (`from collections import Mapping`, gone in 3.10: requests' compat idiom)
_PYTHON2_MODULES = frozenset({
    "BaseHTTPServer", "ConfigParser", "Cookie", "HTMLParser", "Queue", "SimpleHTTPServer", "SocketServer",
    "StringIO", "Tkinter", "UserDict", "__builtin__", "cPickle", "cStringIO", "cookielib", "copy_reg",
    "htmlentitydefs", "httplib", "robotparser", "urllib2", "urlparse", "xmlrpclib",
}) - frozenset(getattr(sys, "stdlib_module_names", ()))
_REMOVED = (
    ("collections", (3, 10), "Awaitable Coroutine AsyncIterable AsyncIterator AsyncGenerator Hashable Iterable Iterator "
                             "Generator Reversible Sized Container Callable Collection Set MutableSet Mapping "
                             "MutableMapping MappingView KeysView ItemsView ValuesView Sequence MutableSequence ByteString"),
    ("fractions", (3, 9), "gcd"), ("cgi", (3, 8), "escape"), ("time", (3, 8), "clock"),
    ("inspect", (3, 11), "getargspec"), ("asyncio", (3, 11), "coroutine"),
    ("itertools", (3, 0), "izip imap ifilter ifilterfalse izip_longest"),
    ("string", (3, 0), "maketrans letters lowercase uppercase"),
    ("urllib", (3, 0), "urlencode quote quote_plus unquote unquote_plus urlopen urlretrieve"))
_REMOVED_NAMES: Dict[str, frozenset] = {
    module: frozenset(name for removed, since, names in _REMOVED if removed == module and sys.version_info >= since
                      for name in names.split())
    for module in {removed for removed, _, _ in _REMOVED}}


_OTHER_BRANCH = {"is true": "is false", "is false": "is true"}  # (how op_If words the branch not taken)


def _defined(value: object) -> Optional[m.Function]:
    """The project function a reference names, when its module defines one of that name."""
    return value.module.function(value.qualname) if isinstance(value, FuncRef) else None


def _catches(caught: Optional[Tuple[str, ...]], crash: SimCrash) -> bool:
    """Whether an `except` naming `caught` (None: a bare one) catches the crash."""
    return caught is None or not set(crash.family).isdisjoint(caught)


class Simulator:
    """Runs fresh imports over module facts; one instance per project."""

    def __init__(self, facts: Sequence[m.ModuleFacts], max_steps: int = MAX_STEPS,
                 may_reach_cycle: Optional[Set[str]] = None):
        """`may_reach_cycle`: the modules whose import can run into a cycle (see `runtime_reachers`).

        Any other module can neither crash circularly nor observe a partial module, so
        it is loaded as a finished module with an open namespace, without running it; except a module
        whose functions call a function given to them (m.ModuleFacts.calls_parameters), which may
        be a function of a module that can: it runs, and its functions can be followed.
        """
        self.facts: Dict[str, m.ModuleFacts] = {f.source.module: f for f in facts  # (see interpreter_owned)
                                                if f.error is None and not interpreter_owned(f.source.module)}
        self.synthetic: Set[str] = set()  # the namespace packages among them
        self._opened: Dict[str, bool] = {}  # see _opens
        for fact in list(self.facts.values()):  # namespace packages: directories without __init__.py
            for parent in ancestors(fact.source.module):
                if parent not in self.facts:
                    directory = fact.source.path
                    for _ in range(fact.source.module.count(".") - parent.count(".") + fact.source.is_package):
                        directory = os.path.dirname(directory)
                    self.facts[parent] = m.ModuleFacts(source=m.SourceFile(directory, parent, fact.source.root, True))
                    self.synthetic.add(parent)
        if may_reach_cycle is not None:
            may_reach_cycle = set(may_reach_cycle) | {name for name, f in self.facts.items()
                                                       if f.calls_parameters or f.swallows or f.patches}
        self.may_reach_cycle = may_reach_cycle
        self.dispatch = {getattr(m, name[3:]): getattr(self, name) for name in dir(self) if name.startswith("op_")}
        self.children: Dict[str, List[str]] = {}
        for name in sorted(self.facts):
            parent = name.rpartition(".")[0]
            if parent:
                self.children.setdefault(parent, []).append(name)
        self.max_steps = max_steps
        self.exported = {name: dict(f.exported_lists) for name, f in self.facts.items() if f.exported_lists}
        self.exported_names = frozenset(key for lists in self.exported.values() for key in lists)
        self._bound: Dict[str, frozenset] = {}  # see bound_names
        self._stars: Dict[str, frozenset] = {}  # see _star_names
        # whether any project class defines __init_subclass__ (else defining a class never looks for one)
        self.subclass_hooks = any(qualname.endswith(".__init_subclass__")
                                  for fact in self.facts.values() for qualname in fact.functions.qualnames)
        self.memo: Dict[str, List[_Memo]] = {}
        self.argv = _Argv()
        self.discovering = _Discovering()
        self.environ = _ProcessState("os.environ")
        self.celery_process = _ProcessState("celery._state")
        self.mappers = _ProcessState("sqlalchemy.orm")  # the receivers of m.MAPPERS_CONFIGURED
        self.paths = _ProcessState("sys.path")
        self.import_roots: Optional[Set[str]] = None  # see _roots
        self.pool: Dict[str, ModState] = {}
        self._signals: Dict[str, Tuple[Tuple[str, bool], ...]] = {}  # see _signal_names
        self.number(sorted(self.facts))
        self.consulted_by: Dict[str, int] = {}  # start -> the modules its run consulted (by `run_many`)
        self.unbound_by: Dict[str, frozenset] = {}  # start -> the unbound names its run read
        self.steps_by: Dict[str, int] = {}  # start -> the most steps one of its runs (its parents', its own) took

    def number(self, names: Sequence[str]) -> None:
        """Number the modules (`names` must hold every module of the project): a run notes the modules
        whose facts it reads (their facts, whether they exist, are simulated, their submodules) as a
        set of bits, `self.consulted`. A run reads nothing else, so it comes out the same as long as
        those modules are the same (see `run_many_reusing`); a module that is not there is not noted,
        so new modules make every run suspect. Only before any run: recorded imports keep their bits."""
        self.names = tuple(names)
        self.bits: Dict[str, int] = {name: 1 << i for i, name in enumerate(self.names)}

    def bound_names(self, name: str) -> frozenset:
        """The names module `name` binds (its facts' first_bound) and the names of its submodules
        (importing one binds it in the package). Reading any other name of the module is noted in
        `unbound`; a submodule's name is not, since nothing can bind it anew without a change that
        `run_many_reusing` counts as such (an appended definition of a submodule's name)."""
        bound = self._bound.get(name)
        if bound is None:
            names = {bound for bound, _ in self.facts[name].first_bound}
            names.update(child.rpartition(".")[2] for child in self.children.get(name, ()))
            bound = self._bound[name] = frozenset(names)
        return bound

    # -- public ------------------------------------------------------------------------
    def run(self, start: str, as_main: bool = False, then: Sequence[str] = (), as_module: bool = False,
            plain: bool = True) -> Outcome:
        """Import `start` in a fresh interpreter (or run its file as `__main__`; `as_module`: as `python -m`
        does, after importing its packages), then `then`. `plain`: as `python -c "import start"` (else a
        command line that is not known: see _Argv)."""
        self._reset()
        self.argv.plain = plain and not as_main

        def body() -> None:
            if as_main:
                if as_module and "." in start:
                    self.import_module(start.rpartition(".")[0])
                self.run_main(start)
            else:
                self.import_module(start)
            for extra in then:
                self.import_module(extra)

        return self._attempt(start, body)

    def run_many(self, starts: Sequence[str]) -> Dict[str, Outcome]:
        """`run(start)` for every start, sharing the work of importing common parent packages.

        A fresh `import a.b.c` first imports `a`, then `a.b`, exactly as a fresh `import a`
        and `import a.b` would, so the state after those is computed once and every change
        made after it is undone (a journal) before the next start. If a parent package
        crashes, every module below it crashes the same way.
        """
        self._reset()
        self.argv.plain = True
        results: Dict[str, Outcome] = {}
        # parents imported now: (name, mark, failure, (the modules consulted, the unbound names read and the
        # most steps taken by it and the parents before it))
        loaded: List[tuple] = []
        consulted_by = self.consulted_by
        for start in sorted(starts):
            chain = ancestors(start)
            while loaded and loaded[-1][0] not in chain:
                self.rollback(loaded.pop()[1])
            failed = next((o for _, _, o, _ in loaded if o is not None), None)
            for parent in chain[len(loaded):]:
                if failed is not None:
                    break
                mark = self.last_mark = len(self.journal)
                outcome = self._attempt(parent)
                failed = outcome if (outcome.crash is not None or outcome.undecided) else None
                consulted, unbound, steps = loaded[-1][3] if loaded else (0, frozenset(), 0)
                so_far = (consulted | self.consulted, unbound.union(self.unbound), max(steps, self.steps))
                loaded.append((parent, mark, failed, so_far))
            before = loaded[-1][3] if loaded else (0, frozenset(), 0)
            if failed is not None:
                crash = failed.crash
                if crash is not None:
                    crash = replace(crash, start=start)
                results[start] = Outcome(start, crash, failed.cycle, failed.cycle_edges, failed.undecided,
                                         deep=failed.deep)
                consulted_by[start], self.unbound_by[start], self.steps_by[start] = before
                continue
            mark = self.last_mark = len(self.journal)
            results[start] = self._attempt(start)
            consulted_by[start] = before[0] | self.consulted
            self.unbound_by[start] = before[1].union(self.unbound)
            self.steps_by[start] = max(before[2], self.steps)
            self.rollback(mark)
        self.rollback(0)
        return results

    def _attempt(self, name: str, body=None) -> Outcome:
        """Run `import name` (or `body`) from the current state; a circular crash is the outcome."""
        self._start_run()
        try:
            if body is None:
                self.import_module(name)
            else:
                body()
        except SimCrash as crash:
            if crash.circular and crash.crash is not None:
                return self._outcome(name, crash.crash, crash.depth)
        except _OutOfSteps:
            return Outcome(name, None, undecided=True)
        except RecursionError:
            return Outcome(name, None, undecided=True, deep=True)
        except Exception as exc:  # a bug of ours must not cost the user the rest of the report
            return Outcome(name, None, undecided=True, internal_error=f"{type(exc).__name__}: {exc}")
        return Outcome(name, None)

    def _reset(self) -> None:
        """A fresh interpreter: no modules yet."""
        self.mros: Dict[int, tuple] = {}  # id(class) -> (the class, its MRO): see class_attribute
        self.hooked: Dict[int, tuple] = {}  # id(class) -> (the class, whether it inherits __init_subclass__)
        self.modules: Dict[str, ModState] = {}
        self.environ.ns.clear()
        self.celery_process.ns.clear()
        self.mappers.ns.clear()
        self.paths.ns.clear()
        self.journal: List[tuple] = []
        self.last_mark = 0
        self._start_run()

    def _start_run(self) -> None:
        """The state of one run (one `_attempt`), over whatever modules are loaded now."""
        self.consulted = 0
        # (module, name) read where the module's facts do not bind the name and no submodule has it (see
        # bound_names; None: all its names were read): a definition of a new name appended to a module changes nothing else (run_many_reusing);
        # and (module, ("def", qualname)): the function the run looked up to call (see `call`), so that
        # an edit of another function's body changes nothing either
        self.unbound: Set[tuple] = set()
        self.frames: List[_Frame] = []
        self.uncertain: List[str] = []
        self.steps = 0
        self.calls: List[Tuple[int, str]] = []
        self.call_floor = 0  # len(self.calls) when the module body running now started (see `call`)
        self.log: List[tuple] = []
        self.rec_start = -1  # journal length when the innermost import being recorded started; -1: none
        self.regions: List[_Region] = []  # the imports being recorded now, innermost last
        self.calls_peak = 0
        self.handling: List[SimCrash] = []  # the crashes whose handlers run now (a bare `raise` in one re-raises it)
        # per `try` whose body runs now: whether a handler of it catches ModuleNotFoundError (then a library
        # its body imports may be an optional one, not installed: see op_ImportOp)
        self.optional: List[bool] = []
        # per `try` whose body runs now: what its handlers catch by names of their own (a library's exceptions,
        # `except PackageNotFoundError:`), said of what follows a library call in its body (see op_Call); None
        # once said, or for none
        self.catching: List[Optional[str]] = []
        # per body running now (the module's, then each function called): whether an undecided branch
        # may have left it (a `return` or `break` in it): an explicit `raise` after that is not followed
        self.unsure: List[bool] = [False]
        # per body running now (as `unsure`): what the rest of it needs of the undecided `if`s whose one
        # branch may have left it (a `return`, `break` or `continue` there): said in a crash that follows
        self.hedges: List[List[str]] = [[]]
        self.leaves = 0  # how many times an undecided branch returned from its function so far (see op_If)
        self.pass_hedges: List[List[str]] = []  # the same per loop pass running now, for a `break` or `continue`
        # per loop running now: the `if` test (as self.uncertain words it) whose truth its `else:` needs,
        # when a branch of that undecided `if` may have left the loop by `break`
        self.breaks: List[Optional[str]] = []

    # -- the journal: every change to module state, so that it can be undone ------------
    # Each change is also logged for the imports being recorded when it touches state older
    # than the innermost of them (`born < rec_start`; sys.modules always).
    def _mod_set(self, name: str, state: ModState) -> None:
        old = self.modules.get(name, _MISSING)
        self.journal.append((self.modules, name, old))
        self.log.append((_MOD + _WRITE, None, name, state, old))
        self.modules[name] = state

    def _mod_pop(self, name: str) -> None:
        if name in self.modules:
            old = self.modules.pop(name)
            self.journal.append((self.modules, name, old))
            self.log.append((_MOD + _WRITE, None, name, _MISSING, old))

    def _flag(self, state: "ModState", attr: str, value: bool) -> None:
        old = getattr(state, attr)
        if state.born < self.rec_start:
            self.log.append((_FLAG + _WRITE, state, attr, value, old))
        if state.born < self.last_mark:
            self.journal.append((state, attr, old))
        setattr(state, attr, value)

    def _ns_set(self, state: "ModState", key: str, value: object) -> None:
        """Bind a module's name; only modules older than the last mark need undoing later
        (a rollback drops younger ones whole)."""
        if state.born < self.rec_start:
            self.log.append((_NS + _WRITE, state, key, value, state.ns.get(key, _MISSING)))
        if state.born < self.last_mark:
            self.journal.append((state.ns, key, state.ns.get(key, _MISSING)))
        state.ns[key] = value

    def _ns_pop(self, state: "ModState", key: str) -> None:
        if key in state.ns:
            old = state.ns.pop(key)
            if state.born < self.rec_start:
                self.log.append((_NS + _WRITE, state, key, _MISSING, old))
            if state.born < self.last_mark:
                self.journal.append((state.ns, key, old))

    # -- reading module state: logged like changes -------------------------------------------
    def _mod_get(self, name: str) -> Optional[ModState]:
        """`sys.modules.get(name)`."""
        value = self.modules.get(name)
        self.log.append((_MOD, None, name, _MISSING if value is None else value))
        return value

    def _get(self, state: ModState, key: str, default: object = _MISSING) -> object:
        """`getattr(module, key, default)` for a name bound in the module's namespace."""
        value = state.ns.get(key, _MISSING)
        if state.born < self.rec_start:
            self.log.append((_NS, state, key, value))
        if key not in state.bound:
            self.unbound.add((state.name, key))
        return default if value is _MISSING else value

    def _flag_get(self, state: ModState, attr: str) -> bool:
        value = getattr(state, attr)
        if state.born < self.rec_start:
            self.log.append((_FLAG, state, attr, value))
        return value

    def _items(self, state: ModState) -> List[Tuple[str, object]]:
        self.unbound.add((state.name, None))
        if state.born < self.rec_start:
            self.log.append((_ALL, state, None, dict(state.ns)))
        return list(state.ns.items())

    def rollback(self, mark: int) -> None:
        journal = self.journal
        while len(journal) > mark:
            owner, key, old = journal.pop()
            if isinstance(owner, dict):
                if old is _MISSING:
                    owner.pop(key, None)
                else:
                    owner[key] = old
            else:
                setattr(owner, key, old)

    # -- import machinery --------------------------------------------------------------
    def run_main(self, name: str) -> None:
        facts = self.facts[name]
        state = ModState("__main__", facts, 0, frozenset(bound for bound, _ in facts.first_bound))
        self._mod_set("__main__", state)
        self.exec_body(_Env(state, missing={}), facts.body)
        self._flag(state, "done", True)

    def import_module(self, name: str) -> Optional[ModState]:
        """`importlib.import_module(name)`; None for modules outside the project."""
        self._consult(name)
        existing = self._mod_get(name)
        if existing is not None:
            return existing
        if name == "__main__":  # (the interpreter's own, always in sys.modules: a top-level __main__.py never runs so)
            return None
        if name not in self.facts:
            if "." in name:  # importlib imports the parent first, then finds no such submodule
                self.import_module(name.rpartition(".")[0])
            return None
        parent_name = name.rpartition(".")[0]
        parent = None
        if parent_name:
            parent = self.import_module(parent_name)
            existing = self._mod_get(name)
            if existing is not None:
                return existing
            if parent is not None and not parent.facts.source.is_package:
                return None  # ModuleNotFoundError: not a package; nothing circular
        facts = self.facts[name]
        if self.may_reach_cycle is not None and name not in self.may_reach_cycle:
            state = self._new_module(name, facts)
            # a new object: nothing to journal. Its names are the ones bound anywhere at module level.
            state.ns = dict.fromkeys((name for name, _ in facts.first_bound), OPAQUE)
            for signal, swallows in self._signal_names(name):  # (a module of signals others connect to and send)
                state.ns[signal] = SignalRef(state, signal, swallows)
            state.done = True
            state.open = facts.open_namespace or facts.replaces_itself or any(
                raw.scope == m.MODULE and any(n == "*" for n, _ in raw.names) for raw in facts.imports) or self._opens(name)
        else:
            state, deeper = self._replay(name)
            if state is None:  # run the body, recording it (not in a helper: the Python stack stays as deep)
                region = self._begin(deeper)
                state = self._new_module(name, facts)
                floor, self.call_floor = self.call_floor, len(self.calls)
                self.unsure.append(False)
                self.hedges.append([])
                try:
                    self.exec_body(_Env(state, missing={}), facts.body)
                except SimCrash:
                    self._mod_pop(name)
                    state.stale = True
                    raise
                finally:
                    self.unsure.pop()
                    self.hedges.pop()
                    self.call_floor = floor
                    self._end(region)
                self._flag(state, "done", True)
                self._remember(name, state, region)
            if facts.replaces_itself:  # (Python's import gives what sys.modules holds by then: see m.ModuleAlias)
                state = self._mod_get(name) or state
        if parent is not None:
            self._ns_set(parent, name.rpartition(".")[2], state)
        return state

    def _new_module(self, name: str, facts: m.ModuleFacts) -> ModState:
        state = self.pool.get(name)
        if state is None or state.stale:
            state = self.pool[name] = ModState(name, facts, len(self.frames), self.bound_names(name))
        else:
            state.ns = {}
            state.done, state.open, state.depth = False, facts.open_namespace, len(self.frames)
        state.born = len(self.journal)
        self._mod_set(name, state)
        self.log.append((_NEW, state))
        return state

    # -- memoised imports ---------------------------------------------------------------
    # The import of a module (its body, and everything that runs meanwhile) is a function of
    # the state it reads; the log holds every read of state older than the import, and every
    # write to it. When the same module is imported again and all those reads would see the
    # same values (compared by identity for module objects), the body would take the same
    # path: the recorded effects are replayed instead, reusing the module objects it made.
    # Those objects are not in use then: the import read each one's name as absent from
    # sys.modules, and a module object is in use only while it is in sys.modules (a rollback
    # drops it with everything younger), or after its body raised (`stale`, and never reused:
    # a recording that saw it finished is not replayed once it is).
    # A module object is also reused by the next fresh import of the same name (`pool`), so that
    # recordings that compared it by identity keep matching.
    # Reads of state that the import itself wrote before are not inputs; neither are the
    # frames (its own depth is relative; a crash escaping the import is never recorded),
    # nor self.uncertain (only in crashes). The step budget and the call-depth bound are
    # checked against what the import used; and a replay happens only at a Python stack no
    # deeper than the recording's, so it cannot skip a RecursionError the run would hit.
    def _begin(self, deeper: Optional[_Memo]) -> _Region:
        frame = sys._getframe(1)  # import_module's (or _run's)
        region = _Region(self.rec_start, self.calls_peak, len(self.log), len(self.journal), len(self.frames),
                         len(self.calls), self.steps, self._python_depth(frame), deeper, frame=frame)
        self.regions.append(region)
        self.rec_start = region.journal
        self.calls_peak = region.calls
        region.consulted, self.consulted = self.consulted, 0
        region.unbound, self.unbound = self.unbound, set()
        return region

    def _python_depth(self, frame) -> int:
        """How many frames deep `frame` is. Counted up to the frame of the innermost import being
        recorded, whose depth is known, instead of to the bottom: a chain of 500 nested imports
        (a dense tangle) would otherwise walk its whole stack at every level."""
        outer = self.regions[-1] if self.regions else None
        target = outer.frame if outer is not None else None
        depth = 0
        while frame is not None and frame is not target:
            depth += 1
            frame = frame.f_back
        return depth + (outer.stack if frame is not None else 0)

    def _end(self, region: _Region) -> None:
        self.regions.pop()
        region.frame = None  # frames are not kept past their run
        region.peak = self.calls_peak
        region.consulted, self.consulted = self.consulted, self.consulted | region.consulted
        region.unbound, self.unbound = self.unbound, region.unbound
        self.unbound |= region.unbound
        self.rec_start = region.rec_start
        self.calls_peak = max(region.calls_peak, region.peak)

    def _remember(self, name, root, region: _Region) -> None:
        """Keep the recorded import of module `name` (`root`: its module object), or the recorded call
        of a key `_run` makes (`root`: its return value, in a 1-tuple)."""
        reads, writes, objects = self._compact(region.log, region.journal)
        if region.deeper is not None:  # the same run again, deeper: that one is valid down to here too
            region.deeper.stack = region.stack
            return
        snapshots = [(state, state.depth - region.frames, dict(state.ns), state.done, state.open, state.stale)
                     for state in objects]
        entries = self.memo.setdefault(name, [])
        entries.insert(0, _Memo(root, reads, writes, snapshots, self.steps - region.steps, region.calls,
                                region.peak - region.calls, region.stack, region.consulted,
                                region.unbound))
        del entries[MEMO_PER_MODULE:]

    def _compact(self, start: int, journal: int) -> Tuple[list, list, List[ModState]]:
        """Reduce the log from `start` to what an import that started at journal length
        `journal` read and wrote of older state: the reads not preceded by a write of the same
        slot (with the value they saw, which is the value when the import started), one write
        per slot, and the module objects it made. The log keeps just that: for an enclosing
        recording it is equivalent (reads first, then writes, is an order the events could have had).
        """
        reads: list = []
        writes: Dict[tuple, list] = {}
        seen: Set[tuple] = set()  # the slots read or written so far: a later read is no input
        objects: List[ModState] = []
        log = self.log
        for event in log[start:]:
            kind = event[0]
            if kind < _ALL:  # a read (the most frequent event)
                owner = event[1]
                if owner is not None and owner.born >= journal:
                    continue  # made by this import
                slot = event[:3]
                if slot not in seen:
                    seen.add(slot)
                    reads.append(event)
            elif kind == _NEW:
                objects.append(event[1])
            else:
                owner = event[1]
                if owner is not None and owner.born >= journal:
                    continue
                if kind == _ALL:  # the namespace as it was at the start: undo this import's writes so far
                    namespace = dict(event[3])
                    for (slot_kind, slot_owner, key), write in writes.items():
                        if slot_kind == _NS and slot_owner is owner:
                            if write[4] is _MISSING:
                                namespace.pop(key, None)
                            else:
                                namespace[key] = write[4]
                    reads.append((_ALL, owner, None, namespace))
                else:
                    slot = (kind - _WRITE, owner, event[2])
                    write = writes.get(slot)
                    if write is None:
                        writes[slot] = list(event)
                        seen.add(slot)
                    else:
                        write[3] = event[3]
        changes = [tuple(write) for write in writes.values()]
        log[start:] = reads + changes + [(_NEW, state) for state in objects]
        return reads, changes, objects

    def _replay(self, name) -> Tuple[object, Optional[_Memo]]:
        """The module object of a recorded import of `name` valid now, with its effects applied;
        else None, and a recorded import that is valid but for being recorded higher up the stack."""
        deeper = None
        for entry in self.memo.get(name, ()):
            if self._valid(entry) and not any(snap[0].stale and not snap[5] for snap in entry.objects):
                try:
                    sys._getframe(entry.stack + 1)  # (frames: this, import_module, ...)
                except ValueError:
                    self._apply(entry)
                    return entry.root, None
                deeper = entry  # the Python stack is deeper now than when it was recorded
        return None, deeper

    def _valid(self, entry: _Memo) -> bool:
        calls = len(self.calls)
        if calls != entry.calls and max(calls, entry.calls) + entry.calls_peak >= MAX_SELF_DEPTH:
            return False  # a call-depth check could come out differently (MAX_SELF_DEPTH's, or MAX_CALL_DEPTH's above it)
        modules = self.modules
        reads = entry.reads
        for index, (kind, owner, key, value) in enumerate(reads):
            if kind == _MOD:
                now = modules.get(key, _MISSING)
            elif kind == _NS:
                now = owner.ns.get(key, _MISSING)
            elif kind == _FLAG:
                now = getattr(owner, key)
            else:
                now = owner.ns
            if now is not value and now != value:
                if index:  # the read that differed is the likeliest to differ next time: checked first then
                    reads.insert(0, reads.pop(index))  # (the reads are a conjunction: their order is no input)
                return False
        return True

    def _apply(self, entry: _Memo) -> None:
        self.steps += entry.steps
        # (what the import read is the run's reading even when it runs out of steps inside: how many
        # steps the import takes depends on it, so an out-of-steps outcome does too)
        self.consulted |= entry.consulted
        self.unbound |= entry.unbound
        if self.steps > self.max_steps:
            raise _OutOfSteps()  # the run would have stopped somewhere inside
        self.calls_peak = max(self.calls_peak, len(self.calls) + entry.calls_peak)
        born, frames = len(self.journal), len(self.frames)
        for state, depth, ns, done, opened, _ in entry.objects:
            state.ns.clear()
            state.ns.update(ns)
            state.done, state.open, state.depth, state.born = done, opened, frames + depth, born
        self.log.extend(entry.reads)
        for kind, owner, key, value, _ in entry.writes:
            if kind == _MOD + _WRITE:
                if value is _MISSING:
                    self._mod_pop(key)
                else:
                    self._mod_set(key, value)
            elif kind == _NS + _WRITE:
                if value is _MISSING:
                    self._ns_pop(owner, key)
                else:
                    self._ns_set(owner, key, value)
            else:
                self._flag(owner, key, value)
        self.log.extend((_NEW, snapshot[0]) for snapshot in entry.objects)

    def _consult(self, name: str) -> None:
        """Note that the run reads module `name`'s facts: a change to them runs this start again."""
        bit = self.bits.get(name)
        if bit is not None:
            self.consulted |= bit

    def _frame(self, env: _Env, line: int, statement: str) -> None:
        """Enter a statement of the running module that runs other code (an import, an executed file)."""
        self.frames.append(_Frame(env.module.facts.source.module if env.module.name != "__main__" else "__main__",
                                  env.module.facts.source.path, line, statement))

    def _import_at(self, env: _Env, name: str, line: int, statement: str) -> Optional[ModState]:
        self._frame(env, line, statement)
        try:
            return self.import_module(name)
        finally:
            self.frames.pop()

    # -- execution ---------------------------------------------------------------------
    def exec_body(self, env: _Env, ops: tuple) -> None:
        dispatch = self.dispatch
        self.steps += len(ops)
        if self.steps > self.max_steps:
            raise _OutOfSteps()
        for op in ops:
            dispatch[type(op)](env, op)

    def store(self, env: _Env, name: str, value: object) -> None:
        if env.locals is not None and name not in env.global_names:
            env.locals[name] = value
        else:
            self._ns_set(env.module, name, value)

    def lookup(self, env: _Env, name: str) -> object:
        if env.locals is not None and name in env.locals and name not in env.global_names:
            return env.locals[name]
        module = env.module
        if module.born < self.rec_start:
            return self._get(module, name, OPAQUE)
        if name not in module.bound:
            self.unbound.add((module.name, name))
        return module.ns.get(name, OPAQUE)

    def op_Bind(self, env: _Env, op: m.Bind) -> None:
        for name in op.names:
            self.store(env, name, OPAQUE)

    def op_BindTable(self, env: _Env, op: m.BindTable) -> None:
        self.store(env, op.name, TableRef(tuple((key, self.resolve_chain(env, name, attrs, op.line, strict=False))
                                                for key, name, attrs in op.entries)))

    def op_BindList(self, env: _Env, op: m.BindList) -> None:
        self.store(env, op.name, ListRef(env.module, op.name))
        self._ns_set(env.module, _LIST + op.name, tuple(Text(item) for item in op.items))

    def op_BindModule(self, env: _Env, op: m.BindModule) -> None:
        name = self._dynamic_name(env, op.target)
        module = self._mod_get(name) if name is not None else None
        value = OPAQUE if module is None else module
        for name in op.names:
            self.store(env, name, value)

    def _dynamic_name(self, env: _Env, template: str) -> Optional[str]:
        """A dynamic import's name: its template filled in (see graph.fill_template), each parameter
        (`{!name}`, see parsing.parameter_of) with the string the running function was given for it;
        None when one was given something else, or nothing the simulation follows."""
        source = env.module.facts.source
        name = fill_template(template, env.module.name, source.module, source.is_package)
        if "{!" not in name:
            return name

        def given(parameter: str) -> Optional[str]:
            if parameter.startswith("$"):  # (`$APP_ENV=production`: an environment variable, unset: its default)
                variable, _, default = parameter[1:].partition("=")
                value = self._get(self.environ, variable)  # type: ignore[arg-type]
                return default if value is _MISSING else value if isinstance(value, str) else None
            # (at the top level: the variable of a loop over a followed list, see parsing's list_targets)
            value = env.locals.get(parameter) if env.locals is not None else self._get(env.module, parameter, None)
            return value.value if isinstance(value, Text) else None

        return fill_parameters(name, given)

    def op_BindProxy(self, env: _Env, op: m.BindProxy) -> None:
        getter = self.resolve_chain(env, op.name, op.attrs, op.line, strict=False)
        value = ProxyRef(getter) if isinstance(getter, FuncRef) else OPAQUE
        for name in op.names:
            self.store(env, name, value)

    def op_BindValue(self, env: _Env, op: m.BindValue) -> None:
        value = self.resolve_chain(env, op.name, op.attrs, op.line, strict=False)
        for name in op.names:
            self.store(env, name, value)

    def op_BindResult(self, env: _Env, op: m.BindResult) -> None:
        callee = self.resolve_chain(env, op.name, op.attrs, op.line, strict=False)
        value = Instance(callee) if isinstance(callee, ClassRef) else OPAQUE
        maker = (op.attrs or (op.name,))[-1]
        if value is OPAQUE and maker == "Blueprint" and env.locals is None:
            value = BlueprintRef(env.module, op.names[0])  # (`bp = Blueprint(...)`, see op_Call)
        elif value is OPAQUE and maker == "Flask" and env.locals is None:
            value = APP  # (`make_celery(flask_app)` then `app = app or create_app()`: the app given)
        elif value is OPAQUE and maker in SIGNAL_MAKERS and env.locals is None:
            value = SignalRef(env.module, op.names[0], op.swallows)  # (`models_loaded = signals.signal("loaded")`)
        if op.lazy and isinstance(callee, FuncRef):
            function = callee.module.function(callee.qualname)
            self.unbound.add((callee.module.name, ("def", callee.qualname)))
            if function is not None and function.is_generator and not function.is_async:
                value = GeneratorRef(callee)
        for name in op.names:
            self.store(env, name, value)

    def op_BindTruth(self, env: _Env, op: m.BindTruth) -> None:
        truth = self._decide(env, op.test)
        value = OPAQUE if truth is None else Const(truth)
        for name in op.names:
            self.store(env, name, value)

    def op_Discover(self, env: _Env, op: m.Discover) -> None:
        if self._flag_get(self.discovering, "busy"):  # type: ignore[arg-type]
            return  # (celery.loaders.base.autodiscover_tasks returns at once while another one runs)
        self._flag(self.discovering, "busy", True)  # type: ignore[arg-type]
        try:
            self.exec_body(env, op.body)
        finally:
            self._flag(self.discovering, "busy", False)  # type: ignore[arg-type]

    # -- Celery apps (see CeleryRef) ------------------------------------------------------
    # Celery reads its configuration lazily: config_from_object only names the source, which the first
    # read of the configuration imports (`app.conf.key`, a task used, `app.loader.import_default_modules()`),
    # from whichever module reads it; after that read, config_from_object imports its source at once.
    def op_CeleryApp(self, env: _Env, op: m.CeleryApp) -> None:
        hedges = self._hedges()
        for name in op.names:
            made = self._get(env.module, name, None)  # (`FlaskCelery(...)`, a project subclass, made just now)
            self.store(env, name, CeleryRef(env.module, name, made.cls if isinstance(made, Instance) else None))
            self._ns_set(env.module, _CELERY + name, _CeleryState(
                op.config, op.silent, hedges if op.config else (), False, False, op.task_cls, op.include,
                op.autofinalize, op.configure, op.loader))
        if op.names:  # (Celery(...) sets itself as the current app: `current_app`, `@shared_task` use it)
            self._ns_set(self.celery_process, _CURRENT, CeleryRef(env.module, op.names[0]))  # type: ignore[arg-type]

    def _script_fallback(self, target: str) -> bool:
        """Whether `target`, imported absolutely, is none of the project's modules and not in the standard
        library, but the name of one of the project's modules within its package (`tasks` for app.tasks):
        the fallback of a module also run as a script, which no import from the project's root finds."""
        top = target.partition(".")[0]
        if target in self.facts or top in self.facts or top in _STDLIB or top in _KNOWN_TOP:
            return False
        suffix = "." + target
        return any(name.endswith(suffix) for name in self.facts)

    def _current_celery(self, value: object) -> object:
        """`value`, or for celery's current_app the app made last (OPAQUE when none is followed)."""
        if value is CURRENT_CELERY:
            return self._get(self.celery_process, _CURRENT, OPAQUE)  # type: ignore[arg-type]
        return value

    def op_CeleryConfigure(self, env: _Env, op: m.CeleryConfigure) -> None:
        app = self._current_celery(self.resolve_chain(env, op.name, op.attrs, op.line, strict=False))
        state = self._celery_state(app)
        if state is None:
            return
        statement = ".".join((op.name,) + op.attrs + ("config_from_object",))
        source = (self._dynamic_name(env, op.source) if op.source else "") or ""  # ("": an object, or not known)
        if op.forced:  # (imported already, by the DynamicImport before: loaded, unless a silent failure)
            if state.loader and not state.configured:  # (the loader reads it: imported then too, first really)
                self._celery_import(env, state.loader, False, (), op.line, statement, m.CELERY_CONFIG)
            loads = not state.configured and not op.silent  # (then Celery reads app.conf: on_configure runs)
            state = state._replace(source=source, silent=op.silent, hedges=(), configured=state.configured or (
                not op.silent))
            if loads and state.configure:
                self._ns_set(app.module, _CELERY + app.name, state)  # type: ignore[union-attr]
                self._on_configure(env, app, state.configure, op.line)  # type: ignore[arg-type]
                state = self._get(app.module, _CELERY + app.name, state)  # type: ignore
        elif state.configured:  # the loader reads the new source at once, its errors as they are
            if source:
                self._celery_import(env, source, op.silent, (), op.line, statement, "AttributeError")
            state = state._replace(source=source, silent=op.silent, hedges=())
        else:
            state = state._replace(source=source, silent=op.silent, hedges=self._hedges() if source else ())
        self._ns_set(app.module, _CELERY + app.name, state)  # type: ignore[union-attr]

    def op_CeleryRead(self, env: _Env, op: m.CeleryRead) -> None:
        app = self._current_celery(self.resolve_chain(env, op.name, op.attrs, op.line, strict=False))
        if isinstance(app, CeleryRef):
            self._celery_load(env, app, op.line, ".".join((op.name,) + op.attrs + ("conf",)))

    def op_TaskProxy(self, env: _Env, op: m.TaskProxy) -> None:
        base = self.resolve_chain(env, op.base[0], op.base[1:], op.line, strict=False) if op.base else None
        base = base if isinstance(base, ClassRef) else None
        if not op.app:  # `@shared_task`: the proxy makes the task for the app current when it is used
            self.store(env, op.name, TaskRef(self.lookup(env, op.name), None, op.based, base))
            return
        app = self.resolve_chain(env, op.app, op.attrs, op.line, strict=False)
        state = self._celery_state(app)
        if state is None:
            return
        task = TaskRef(self.lookup(env, op.name), app, op.based, base)  # type: ignore[arg-type]
        statement = ".".join((op.app,) + op.attrs + ("task",))
        if op.eager and env.locals is None:  # (`lazy=False`: made at once, in the decorator: before the
            self._ns_pop(env.module, op.name)  # function's name is bound)
            self._make_task(env, task, op.line, statement)
        self.store(env, op.name, task)
        if state.finalized and not op.eager:  # (a finalized app makes the task at once)
            self._make_base(env, task, op.line)
            self._celery_load(env, app, op.line, statement)  # type: ignore[arg-type]

    def _celery_attribute(self, env: _Env, value: object, attrs: Tuple[str, ...], line: int, statement: str) -> None:
        """An attribute `attrs[0]` (then the rest) read of a Celery app or task proxy: what Celery imports then."""
        if isinstance(value, TaskRef):
            self._make_task(env, value, line, statement)
            return
        app: CeleryRef = value  # type: ignore[assignment]
        first = attrs[0]
        if first in TASK_READERS:
            self._celery_load(env, app, line, statement, task=True, finalizes=first == "tasks")
        elif reads_configuration(attrs):
            self._celery_load(env, app, line, statement, finalizes=first == "finalize")
        elif attrs[:2] == ("loader", "import_default_modules"):
            self._celery_load(env, app, line, statement)
            state = self._celery_state(app)
            for name in state.include if state is not None else ():
                self._celery_import(env, name, False, (), line, statement, "", object_path=False)
        elif first == "Task":
            state = self._celery_state(app)
            if state is not None and state.task_cls:  # (the class it makes derives from task_cls's)
                self._celery_import(env, state.task_cls, False, (), line, statement, "AttributeError")
        elif first == "loader":
            state = self._celery_state(app)
            if state is not None and state.loader:  # (`app.loader.on_worker_init()`: the cached property)
                self._celery_import(env, state.loader, False, (), line, statement, "AttributeError")

    def _make_task(self, env: _Env, task: TaskRef, line: int, statement: str) -> None:
        """A task proxy used: Celery makes the task, of the class `app.Task` (which imports task_cls's
        module) unless the decorator gave base=, then binds it to the app (which reads the configuration)."""
        app = task.app if task.app is not None else self._current_celery(CURRENT_CELERY)
        state = self._celery_state(app)
        if state is None or (not state.autofinalize and not state.finalized):
            return  # (RuntimeError: the app is not finalized; not followed)
        if state.task_cls and not task.based:
            self._celery_import(env, state.task_cls, False, (), line, statement, "AttributeError")
        self._make_base(env, task, line)
        self._celery_load(env, app, line, statement, task=True)  # type: ignore[arg-type]

    def _make_base(self, env: _Env, task: TaskRef, line: int) -> None:
        """Celery makes the task as an instance of a subclass of its base= class: a project class's own
        `__init__` runs then (`def __init__(self): from app.models import Report`)."""
        if task.base is not None and _defined(self.class_attribute(task.base, "__init__")) is not None:
            self.call(env, task.base, m.Call(task.base.qualname, (), line, bare=True))  # type: ignore[attr-defined]

    def _celery_state(self, app: object) -> Optional[_CeleryState]:
        if not isinstance(app, CeleryRef):
            return None
        return self._get(app.module, _CELERY + app.name, None)  # type: ignore[return-value]

    def _celery_load(self, env: _Env, app: CeleryRef, line: int, statement: str, task: bool = False,
                     finalizes: bool = False) -> None:
        """The first read of the app's configuration: its source is imported (an AttributeError out of that
        is raised again as a ModuleNotFoundError). `task`: a task is made, which an app with autofinalize=False
        refuses (a RuntimeError, not followed) until it is finalized."""
        key = _CELERY + app.name
        state: Optional[_CeleryState] = self._get(app.module, key, None)  # type: ignore[assignment]
        if state is None or (task and not state.autofinalize and not state.finalized and not finalizes):
            return
        if not state.configured:
            if state.configure:  # (Celery's _load_config calls the app's on_configure() before it loads the source)
                self._on_configure(env, app, state.configure, line)
            if state.loader:  # (which its loader reads: the loader's class is imported first)
                self._celery_import(env, state.loader, False, (), line, statement, m.CELERY_CONFIG)
            if state.source:
                self._celery_import(env, state.source, state.silent, state.hedges, line, statement, m.CELERY_CONFIG)
            state = self._get(app.module, key, state)  # type: ignore[assignment]
            state = state._replace(configured=True)
        if finalizes:
            state = state._replace(finalized=True)
        self._ns_set(app.module, key, state)

    def _on_configure(self, env: _Env, app: CeleryRef, qualname: str, line: int) -> None:
        """Celery calls the app's own on_configure() method (a plain method, not the signal: what it raises
        escapes) as the configuration loads."""
        self._run(env, FuncRef(app.module, qualname), m.Call(app.name, ("on_configure",), line),
                  arguments=self._as_self(app))

    def _celery_import(self, env: _Env, target: str, silent: bool, hedges: Tuple[str, ...], line: int,
                       statement: str, missing: str, object_path: bool = True) -> None:
        """Celery's loader imports the object path `target` (symbol_by_name: the module, then the object
        read with getattr, `missing` the error a missing one raises); `silent`: a failure raising ImportError
        or AttributeError is forgiven; `hedges`: the crash depends on those tests too."""
        reraises = m.CELERY_CONFIG if missing == m.CELERY_CONFIG else ""
        op = m.DynamicImport(target.replace(":", "."), line, -1, object_path, missing, reraises)
        self.uncertain.extend(hedges)
        try:
            try:
                self._import_object(env, op.target, op, statement)
            except SimCrash as crash:
                if not (object_path and ":" not in target and "." in target and crash.circular
                        and crash.crash is not None and "ImportError" in crash.family):
                    raise
                # (the loader, told no object, takes the failed module for an attribute of its parent, which
                # getattr() does not find: that AttributeError is what comes out, its cause the cycle)
                parent, _, attr = target.rpartition(".")
                owner = self._mod_get(parent)
                if owner is not None and self._get(owner, attr) is not _MISSING:
                    return
                partial = owner is not None and not self._flag_get(owner, "done")
                exc_type = m.CELERY_CONFIG if reraises else "AttributeError"
                crash.exc_type, crash.family = exc_type, _FAMILIES[exc_type]
                crash.crash = replace(crash.crash, exception=(
                    f"{exc_type}: partially initialized module '{parent}' has no attribute '{attr}' (most likely "
                    f"due to a circular import)" if partial else f"{exc_type}: module '{parent}' has no attribute "
                                                                 f"'{attr}'"))
                raise
        except SimCrash as crash:
            if not (silent and _catches(("ImportError", "AttributeError"), crash)):
                raise
        finally:
            del self.uncertain[len(self.uncertain) - len(hedges):]

    def _hedges(self) -> Tuple[str, ...]:
        """The undecided tests the running code depends on (as a crash here would say them)."""
        return tuple(dict.fromkeys(self.uncertain + [hedge for hedges in self.hedges + self.pass_hedges
                                                     for hedge in hedges]))

    def op_Iterate(self, env: _Env, op: m.Iterate) -> None:
        value = self.resolve_chain(env, op.name, op.attrs, op.line, strict=False)
        if isinstance(value, GeneratorRef):  # the generator's body runs now
            self._run(env, value.function, m.Call(op.name, op.attrs, op.line, bare=True))

    def _opens(self, name: str) -> bool:
        """Whether module `name`'s body opens its namespace somewhere (see m.OpenNamespace; memoised)."""
        found = self._opened.get(name)
        if found is None:
            found = self._opened[name] = any(type(op) is m.OpenNamespace for op in walk_ops([self.facts[name].body]))
        return found

    def op_ModuleAlias(self, env: _Env, op: m.ModuleAlias) -> None:
        value = self.resolve_chain(env, op.name, op.attrs, op.line, strict=False)
        if isinstance(value, ModState) and env.locals is None:
            self._mod_set(env.module.name, value)  # (importing it gives that module, partial or not)
        else:
            self._flag(env.module, "open", True)  # (an object not followed: any name may be read of it)

    def op_OpenNamespace(self, env: _Env, op: m.OpenNamespace) -> None:
        self._flag(env.module, "open", True)  # (any name may be bound through it from here on)

    def op_Unbind(self, env: _Env, op: m.Unbind) -> None:
        for name in op.names:
            if env.locals is not None and name not in env.global_names:
                env.locals.pop(name, None)
            else:
                self._ns_pop(env.module, name)

    def op_Define(self, env: _Env, op: m.Define) -> None:
        if not op.qualname:
            value: object = OPAQUE
        elif op.kind == "function":
            value = FuncRef(env.module, op.qualname)
        else:
            bases = []
            for name, attrs in op.bases:
                if (name, attrs) != ("object", ()):
                    base = self.resolve_chain(env, name, attrs, op.line, strict=False) if name else OPAQUE
                    bases.append(base if isinstance(base, ClassRef) else OPAQUE)
            hooks = op.hooks or next((base.hooks for base in bases if isinstance(base, ClassRef) and base.hooks), ())
            declares = bool(op.declared) or any(isinstance(base, ClassRef) and base.declares for base in bases)
            value = ClassRef(env.module, op.qualname, tuple(bases), hooks, op.declared, declares, op.attributes)
            if declares:
                self._declared_attributes(env, value, op)
            if bases and self.subclass_hooks and self._inherits_hook(value):
                # type.__new__ calls the first __init_subclass__ of the bases' MRO (a library class's passes the
                # call on with super(), as object's contract asks: `class Invoice(db.Model, AuditMixin)`)
                hook = self._after(value, "__init_subclass__", past_library=True)
                if isinstance(hook, FuncRef):  # (given the class statement's keywords; the rest: their defaults)
                    self._run(env, hook, m.Call(op.name, ("__init_subclass__",), op.line, bare=not op.keywords,
                                                keywords=tuple(k for k in op.keywords if k[0] != "**")))
        self.store(env, op.name, value)

    def _declared_attributes(self, env: _Env, cls: ClassRef, op: m.Define) -> None:
        """SQLAlchemy maps a class made from a library base (`db.Model`, directly or through project
        classes) when it is created, calling the @declared_attr methods of the classes of its MRO
        (mixins' too) with the class; a class of project bases only (a mixin) is not mapped."""
        order = self._mro_of(cls)
        if all(isinstance(klass, ClassRef) for klass in order):
            return
        for klass in order:
            for name in klass.declared if isinstance(klass, ClassRef) else ():
                self._run(env, FuncRef(klass.module, f"{klass.qualname}.{name}"),
                          m.Call(op.name, (name,), op.line), arguments=(cls,))

    def _mro_of(self, cls: ClassRef) -> List[object]:
        """`_mro(cls)`, memoised per class."""
        known = self.mros.get(id(cls))
        if known is None or known[0] is not cls:
            known = self.mros[id(cls)] = (cls, _mro(cls))
        return known[1]

    def _as_self(self, obj: object) -> Optional[tuple]:
        """The arguments of a method run on `obj`: itself, as its first parameter, while calls are shallow
        enough to follow what it does with it (see MAX_SELF_DEPTH); None deeper."""
        return (obj,) if len(self.calls) < MAX_SELF_DEPTH else None

    def _inherits_hook(self, cls: ClassRef) -> bool:
        """Whether a project class among `cls`'s bases (or theirs) defines __init_subclass__."""
        known = self.hooked.get(id(cls))
        if known is not None and known[0] is cls:
            return known[1]
        found = any(isinstance(base, ClassRef) and (
            base.module.function(f"{base.qualname}.__init_subclass__") is not None or self._inherits_hook(base))
            for base in cls.bases)
        self.hooked[id(cls)] = (cls, found)
        return found

    def super_attribute(self, env: _Env, attr: str) -> object:
        """`super().attr` in the method running now: found after its class in that class's MRO (the
        instance's own class is not known; with single inheritance, the MRO is the same)."""
        if not self.calls or not env.is_function:
            return OPAQUE
        owner = self.calls[-1][1].rpartition(".")[0]
        cls = self._get(env.module, owner) if owner and "." not in owner else None
        if not isinstance(cls, ClassRef) or cls.qualname != owner:
            return OPAQUE
        return self.super_of(cls, attr)

    def super_of(self, cls: ClassRef, attr: str) -> object:
        """The project function `attr` of the first class after `cls` in its MRO that defines it;
        OPAQUE when there is none, or a class we do not follow comes first."""
        found = self._after(cls, attr)
        return OPAQUE if found is None else found

    def class_attribute(self, cls: ClassRef, attr: str) -> object:
        """`cls.attr` as a function of the project: defined by the class or the first class of its MRO
        that defines it; OPAQUE when a base we do not follow comes first (it could define it)."""
        own = FuncRef(cls.module, f"{cls.qualname}.{attr}")
        if not cls.bases or cls.module.function(own.qualname) is not None:
            return own  # (the class comes first in its MRO; not a function: calling it runs nothing)
        found = self._after(cls, attr)
        return own if found is None else found

    def _after(self, cls: ClassRef, attr: str, past_library: bool = False) -> object:
        """The function `attr` of the first class after `cls` in its MRO (memoised per class) that
        defines it; OPAQUE when a class we do not follow comes first (`past_library`: looked past, as
        one whose method calls super()'s); None when no class does."""
        for klass in self._mro_of(cls)[1:]:
            if not isinstance(klass, ClassRef):
                if past_library:
                    continue
                return OPAQUE
            qualname = f"{klass.qualname}.{attr}"
            if klass.module.function(qualname) is not None:
                return FuncRef(klass.module, qualname)
        return None

    def op_PathChange(self, env: _Env, op: m.PathChange) -> None:
        if op.folder and not op.package:  # (another import root of the project: its modules are known so)
            root = env.module.facts.source.root
            if os.path.normpath(os.path.join(os.path.abspath(root), op.folder)) in self._roots():
                return
        where = f"{env.module.facts.source.path}:{op.line}"
        if op.package:
            self._ns_set(self.paths, "package:" + env.module.name, where)  # type: ignore[arg-type]
        else:
            self._ns_set(self.paths, "sys", where)  # type: ignore[arg-type]

    def _roots(self) -> Set[str]:
        """The project's import roots, as absolute paths (worked out once)."""
        if self.import_roots is None:
            self.import_roots = {os.path.normpath(os.path.abspath(fact.source.root)) for fact in self.facts.values()}
        return self.import_roots

    def _path_hedge(self, target: str, level: int) -> Optional[str]:
        """When the run changed where imports look (m.PathChange) and `target`, a module of the project not
        imported yet, may be found elsewhere: the condition a crash through its import then depends on."""
        if target not in self.facts or self._mod_get(target) is not None:
            return None
        top, _, _ = target.partition(".")
        if level == 0 and self._mod_get(top) is None:
            where = self._get(self.paths, "sys", None)  # type: ignore[arg-type]
            if where is not None:
                found = self.facts.get(top)
                return f"`{top}` is the project's {found.source.path if found is not None else top} (sys.path " \
                       f"was changed at {where})"
        parent = target.rpartition(".")[0]
        if parent:
            where = self._get(self.paths, "package:" + parent, None)  # type: ignore[arg-type]
            if where is not None:
                return f"`{target}` is {self.facts[target].source.path} ({parent}.__path__ was changed at {where})"
        return None

    def op_ImportOp(self, env: _Env, op: m.ImportOp) -> None:
        if not self.paths.ns:
            self._import_op(env, op)
            return
        facts = env.module.facts
        raw = facts.imports[op.index]
        target = absolute_target(raw, facts.source.module, facts.source.is_package)
        hedge = self._path_hedge(target, raw.level) if target is not None else None
        if hedge is None and target is not None and raw.kind == "from":  # (`from core import auth`: core.auth)
            hedge = next((found for found in (self._path_hedge(f"{target}.{name}", 1) for name, _ in raw.names
                                              if name != "*") if found is not None), None)
        if hedge is None:
            self._import_op(env, op)
            return
        self.uncertain.append(hedge)
        try:
            self._import_op(env, op)
        finally:
            self.uncertain.pop()

    def _import_op(self, env: _Env, op: m.ImportOp) -> None:
        facts = env.module.facts
        raw = facts.imports[op.index]
        target = absolute_target(raw, facts.source.module, facts.source.is_package)
        if target is None:
            return
        if target.partition(".")[0] in _PYTHON2_MODULES and target not in self.facts and not self.unsure[-1]:
            raise SimCrash("ModuleNotFoundError", f"No module named {target.partition('.')[0]!r}", circular=False)
        if raw.level == 0 and self.handling and self.handling[-1].circular and self._script_fallback(target):
            # `except ImportError: from tasks import x` after `from .tasks import x` failed: the import a
            # script run from its folder would make, which fails from the project's root (not a library)
            handled = self.handling[-1]
            hedge = f"no library `{target.partition('.')[0]}` is installed ({facts.source.path}:{raw.line})"
            crash = handled.crash and replace(handled.crash, uncertain=handled.crash.uncertain + (hedge,),
                                              exception=f"ModuleNotFoundError: No module named {target!r} (raised "
                                                        f"while handling {handled.crash.exception})")
            raise SimCrash("ModuleNotFoundError", handled.message, True, crash, handled.depth)
        if self.optional and self.optional[-1] and target not in self.facts:
            top = target.partition(".")[0]
            if top in self.facts:  # (`try: import app.local_settings`, a file the tree does not have)
                self.uncertain.append(f"the module `{target}` exists (not in the tree; {facts.source.path}:{raw.line})")
            elif _STDLIB and top not in _STDLIB:
                # `try: import sentry_sdk ... except ImportError:`: an optional library, which may not be
                # installed; what the rest of that body (and its `else:`) does happens only where it is
                self.uncertain.append(f"the library `{top}` is installed ({facts.source.path}:{raw.line})")
        if raw.kind == "import":
            self._import_at(env, target, raw.line, raw.statement)
            name, asname = raw.names[0]
            if asname:  # `import a.b.c as n` walks a -> b -> c as IMPORT_FROM does (3.7+)
                value: object = self._mod_get(target.partition(".")[0]) or OPAQUE
                for part in target.split(".")[1:]:
                    if not isinstance(value, ModState):
                        value = self._mod_get(target) or OPAQUE
                        break
                    value = self.read_attr(env, value, part, raw.line, raw.statement, from_import=True)
                self.store(env, asname, value)
            else:
                top = target.partition(".")[0]
                self.store(env, top, self._mod_get(top) or OPAQUE)
            return
        module = self._import_at(env, target, raw.line, raw.statement)
        if module is None:
            removed = _REMOVED_NAMES.get(target, ()) if target not in self.facts and not self.unsure[-1] else ()
            for name, asname in raw.names:
                if name in removed:
                    raise SimCrash("ImportError", f"cannot import name {name!r} from {target!r}", circular=False)
                if name == "*":
                    if env.locals is None:
                        self._flag(env.module, "open", True)
                else:
                    self.store(env, asname or name, CURRENT_CELERY if (target, name) == ("celery", "current_app")
                               else OPAQUE)
            return
        names = [n for n, _ in raw.names]
        if self.optional and self.optional[-1] and module.facts.source.is_package:
            for name in names:  # (`try: from . import local_settings`, a file the tree does not have)
                if name != "*" and f"{module.name}.{name}" not in self.facts and name not in module.bound:
                    self.uncertain.append(f"the module `{module.name}.{name}` exists (not in the tree; "
                                          f"{facts.source.path}:{raw.line})")
        if module.facts.source.is_package:  # importlib._bootstrap._handle_fromlist
            wanted = list(names)
            if "*" in names and self._get(module, "__all__") is not _MISSING and module.facts.all_names:
                wanted = [n for n in wanted if n != "*"] + list(self._all_now(module))  # (as listed by now)
            for name in wanted:
                sub = f"{module.name}.{name}"
                if name != "*" and self._get(module, name) is _MISSING and sub in self.facts and not self._answers(
                        module, name):  # (hasattr() asks the module's __getattr__ first)
                    self._import_at(env, sub, raw.line, raw.statement)
        suppressed = raw.suppressed is not None and (not raw.suppressed or "CC001" in raw.suppressed)
        for name, asname in raw.names:
            if name == "*":
                self.star(env, module, raw)
                continue
            if suppressed:  # `# cyclecheck: ignore`: the user vouches for this statement
                value = self._get(module, name, self._mod_get(f"{module.name}.{name}") or OPAQUE)
            else:
                value = self.read_attr(env, module, name, raw.line, raw.statement, from_import=True)
            self.store(env, asname or name, value)

    def star(self, env: _Env, module: ModState, raw: m.RawImport) -> None:
        if self._flag_get(module, "open") and env.locals is None:
            self._flag(env.module, "open", True)
        if self._get(module, "__all__") is not _MISSING and module.facts.all_names is not None:
            for name in self._all_now(module):
                self.store(env, name, self.read_attr(env, module, name, raw.line, raw.statement, from_import=False))
        elif self._get(module, "__all__") is not _MISSING:  # `__all__ = base.__all__ + ["_helper"]`: not known
            for name, value in self._items(module):  # (it may list any name bound so far, private ones too)
                if "\0" not in name and not (name.startswith("__") and name.endswith("__")):  # (\0: ours)
                    self.store(env, name, value)
            if env.locals is None:
                self._flag(env.module, "open", True)
        else:
            for name, value in self._items(module):
                if not name.startswith("_"):
                    self.store(env, name, value)
            if env.missing is not None and not self._flag_get(module, "done"):
                for name in self._star_names(module.name):
                    if name not in module.ns and name not in _BUILTINS:
                        env.missing.setdefault(name, module)

    def _all_now(self, module: ModState) -> Tuple[str, ...]:
        """The names the module's `__all__` lists by now (m.ModuleFacts.all_stages): those of the last
        statement building it that has run, else of the whole module."""
        stages = module.facts.all_stages
        for index in range(len(stages) - 1, -1, -1):
            if self._get(module, m.ALL_STAGE + str(index)) is not _MISSING:
                return stages[index]
        return module.facts.all_names or ()

    def _star_names(self, name: str, seen: Optional[Set[str]] = None) -> frozenset:
        """The public names module `name` binds once it has run (see bound_names), with those its own star
        imports bring, as far as the facts tell (memoised). `seen`: the modules the walk has met (inside a
        cycle of star imports, what one of them gives is cut short by the others met before it: only the
        walk's own start, which gathers them all, is remembered)."""
        found = self._stars.get(name)
        if found is not None:
            return found
        top = seen is None
        seen = set() if seen is None else seen
        seen.add(name)
        fact = self.facts.get(name)
        names = {bound for bound in self.bound_names(name) if not bound.startswith("_")} if fact else set()
        for raw in fact.imports if fact is not None else ():
            if raw.kind == "from" and raw.scope == m.MODULE and any(n == "*" for n, _ in raw.names):
                target = absolute_target(raw, name, fact.source.is_package)
                if target in self.facts and target not in seen:
                    other = self.facts[target].all_names
                    names.update(other if other is not None else self._star_names(target, seen))
        found = frozenset(names)
        if top:
            self._stars[name] = found
        return found

    def _answers(self, module: ModState, name: str) -> bool:
        """Whether the module's own `__getattr__` (PEP 562) gives a value for `name`: it has one, and
        its body is not known to raise AttributeError for that name (see ModuleFacts.getattr_answers)."""
        if self._get(module, "__getattr__") is _MISSING:
            return False
        answers = module.facts.getattr_answers
        if answers is None:  # (a body of another shape, a table lookup: a real submodule is not one it answers,
            return f"{module.name}.{name}" not in self.facts  # as lazy imports of names from submodules go)
        return name in answers

    def read_attr(self, env: _Env, module: ModState, name: str, line: int, statement: str,
                  from_import: bool, exc_type: str = "AttributeError") -> object:
        """`getattr(module, name)` as IMPORT_FROM (`from_import`) or an attribute read performs it
        (`exc_type`: what the caller turns a missing attribute into)."""
        value = self._get(module, name)
        if value is not _MISSING:
            return value
        if name in _MODULE_ATTRIBUTES or (name == "__path__" and module.facts.source.is_package):
            return OPAQUE  # set on the module object before its body runs (or an attribute of every module)
        sub = self._mod_get(f"{module.name}.{name}")
        if from_import and sub is not None:
            return sub  # CPython 3.7+ falls back to sys.modules
        if self._flag_get(module, "open"):
            return OPAQUE
        if self._answers(module, name):  # PEP 562: the module answers for itself, running its __getattr__
            function = self._get(module, "__getattr__")
            if not (isinstance(function, FuncRef) and function.module is module):
                return OPAQUE
            try:
                value = self._run(env, function, m.Call("__getattr__", (), line), arguments=(Text(name),))
            except SimCrash as crash:
                if from_import and crash.circular and "AttributeError" in crash.family:
                    # (IMPORT_FROM turns any AttributeError out of it into its own ImportError, also one of a partial
                    # module it read: `except ImportError:` catches that, and the message no longer says why)
                    crash.exc_type, crash.family = "ImportError", _FAMILIES["ImportError"]
                    if crash.crash is not None:
                        crash.crash = replace(crash.crash, exception=f"ImportError: cannot import name '{name}' from "
                                                                     f"'{module.name}' ({module.facts.source.path})")
                    raise
                if crash.circular or not from_import or "AttributeError" not in crash.family:
                    raise
                # (IMPORT_FROM turns the AttributeError its __getattr__ raises into its own ImportError, below)
            else:
                return OPAQUE if value is None else value
        if self._flag_get(module, "done"):
            if sub is not None and sys.version_info >= (3, 11):  # bpo-44717
                self.fail(env, module, name, line, statement, "AttributeError",
                          f"cannot access submodule '{name}' of module '{module.name}' "
                          "(most likely due to a circular import)", depth=sub.depth)
            return OPAQUE  # bound in a way the facts do not show; not our business
        if from_import:
            self.fail(env, module, name, line, statement, "ImportError",
                      f"cannot import name '{name}' from partially initialized module '{module.name}' "
                      "(most likely due to a circular import)")
        self.fail(env, module, name, line, statement, exc_type,
                  f"partially initialized module '{module.name}' has no attribute '{name}' "
                  "(most likely due to a circular import)")
        return OPAQUE  # not reached

    def fail(self, env: _Env, module: ModState, name: str, line: int, statement: str, exc_type: str,
             message: str, depth: Optional[int] = None) -> None:
        """Raise the circular error; the cycle is the trace from where the partial module
        (`module`, or the submodule being read: `depth`) started running."""
        here = env.module
        source = here.facts.source
        frames = [m.TraceStep(f.module, f.path, f.line, f.statement) for f in self.frames]
        failing_module = "__main__" if here.name == "__main__" else source.module
        frames.append(m.TraceStep(failing_module, source.path, line, statement))
        bound = dict(module.facts.first_bound).get(name)
        running = next((f.line for f in self.frames if f.module == module.name), None)  # (where it is now)
        if bound is None and running is not None:  # (`from .email import *` below: the line that brings it)
            bound = next((raw.line for raw in module.facts.imports if raw.kind == "from" and raw.scope == m.MODULE
                          and raw.line > running and any(n == "*" for n, _ in raw.names)
                          and name in self._star_names(absolute_target(raw, module.name, module.facts.source.is_package)
                                                       or "")), None)
        if bound is not None and running is not None and bound < running:
            bound = None  # bound above that line, yet not bound now (a `del`, a branch not taken): not "later"
            # (bound by the statement running now, `celery = AppCelery(...)`: later, once its value is made)
        site = m.ImportSite(importer=failing_module, imported=module.name, path=source.path, line=line, col=0,
                            statement=statement, scope=m.MODULE, names=(name,))
        crash = m.Crash(
            start="", exception=f"{exc_type}: {message}", trace=tuple(frames), failing=site, missing_name=name,
            bound_at=(module.facts.source.path, bound) if bound is not None else None,
            uncertain=self._hedges(),
        )
        raise SimCrash(exc_type, message, circular=True, crash=crash,
                       depth=module.depth if depth is None else depth)

    def resolve_chain(self, env: _Env, name: str, attrs: Tuple[str, ...], line: int, strict: bool) -> object:
        value = self.lookup(env, name)
        if env.missing and name in env.missing and value is OPAQUE and name not in env.module.ns and (
                env.locals is None or name not in env.locals):
            source = env.missing[name]
            self.fail(env, source, name, line, ".".join((name,) + attrs), "NameError",
                      f"name '{name}' is not defined (the star import from module '{source.name}', partly run "
                      f"through the cycle, found it not bound yet)")
        for i, attr in enumerate(attrs):
            if value.__class__ is ProxyRef:  # (`celery.task` of `celery = LocalProxy(get_celery)`: get_celery() first)
                value = self._run(env, value.getter, m.Call(name, attrs[:i], line))
                value = OPAQUE if value is None else value
            if attr == "()":  # what a call made (see parsing: `Factory(...).build()`): an instance of a class
                value = Instance(value) if isinstance(value, ClassRef) else OPAQUE
            elif attr.startswith(m.LOOKUP):  # `config[config_name]`: a literal key, or the string a local holds
                kind, spec = attr[len(m.LOOKUP)], attr[len(m.LOOKUP) + 1:]
                key = spec if kind == '"' else self._local(env, spec) if kind == "!" else self._exported_string(
                    env, spec, line)
                key = key.value if isinstance(key, Text) else key
                value = dict(value.items).get(key, OPAQUE) if isinstance(value, TableRef) and isinstance(
                    key, str) else OPAQUE
            elif isinstance(value, ModState):
                if strict:
                    value = self.read_attr(env, value, attr, line, ".".join(
                        (name if name[:1] != "_" else _shown(name),) + attrs[: i + 1]),
                                           from_import=False)
                else:
                    value = self._get(value, attr, OPAQUE)
            elif isinstance(value, ClassRef):
                value = self.class_attribute(value, attr)
            elif isinstance(value, CeleryRef) and value.cls is not None and _defined(
                    self.class_attribute(value.cls, attr)) is not None:  # (a method of the project's subclass)
                value = self.class_attribute(value.cls, attr)  # type: ignore[arg-type]
            elif isinstance(value, Instance):
                instance, value = value, self.class_attribute(value.cls, attr)
                function = _defined(value)
                if function is not None and function.is_property:  # reading it runs the getter
                    value = self._run(env, value, m.Call(name, attrs[: i + 1], line), arguments=self._as_self(instance))
            else:
                if value is CURRENT_CELERY:
                    value = self._current_celery(value)
                if value is not OPAQUE and isinstance(value, (CeleryRef, TaskRef)):
                    self._celery_attribute(env, value, attrs[i:], line, ".".join((name,) + attrs))
                return OPAQUE
        return value

    def op_Access(self, env: _Env, op: m.Access) -> None:
        if op.attrs:
            if "jinja_env" in op.attrs:  # `app.jinja_env.globals[...]`
                self._jinja_environment(env, op.name, op.attrs[:op.attrs.index("jinja_env")], op.line)
            self.resolve_chain(env, op.name, op.attrs, op.line, strict=True)

    def _jinja_environment(self, env: _Env, name: str, attrs: Tuple[str, ...], line: int) -> None:
        """Reading `app.jinja_env` (also through `@app.template_filter(...)` and the like) makes Flask
        build it: a project subclass of Flask that overrides `create_jinja_environment` runs it."""
        app = self.resolve_chain(env, name, attrs, line, strict=False)
        if isinstance(app, Instance) and app.cls.hooks:
            hook = self.class_attribute(app.cls, "create_jinja_environment")
            if _defined(hook) is not None:
                self._run(env, hook, m.Call(name, attrs + ("jinja_env",), line), arguments=self._as_self(app))

    def op_AccessListed(self, env: _Env, op: m.AccessListed) -> None:
        module = self.resolve_chain(env, op.name, op.attrs, op.line, strict=False)
        if not isinstance(module, ModState) or module.facts.all_names is None or self._flag_get(module, "open"):
            return  # (not a module of the project, or one whose `__all__` is not known)
        statement = f"getattr({'.'.join((op.name,) + op.attrs)}, name)"
        if self._get(module, "__all__") is _MISSING:  # (`x.__all__` itself fails first)
            self.read_attr(env, module, "__all__", op.line, statement, from_import=False)
            return
        for name in self._all_now(module):
            self.read_attr(env, module, name, op.line, statement, from_import=False)

    def op_SetAttr(self, env: _Env, op: m.SetAttr) -> None:
        owner = self.resolve_chain(env, op.name, op.attrs[:-1], op.line, strict=False)
        if isinstance(owner, ModState):
            self._ns_set(owner, op.attrs[-1], PATCHED)

    def op_Call(self, env: _Env, op: m.Call) -> None:
        receiver: object = None  # the object a method is called on: its first parameter (`self`)
        depth = len(self.calls)
        if depth > self.calls_peak:
            self.calls_peak = depth  # (a depth check, see MAX_SELF_DEPTH: what a recorded import depends on)
        if op.name == "super()":  # `super().method(...)` in a method of a module-level class
            callee = self.super_attribute(env, op.attrs[0])
            receiver = self._own_object(env) if depth < MAX_SELF_DEPTH else None
        elif op.name == m.DEFINED:  # (a function of the module called before any name is bound to it)
            callee = FuncRef(env.module, op.attrs[0])
        else:
            callee = self.resolve_chain(env, op.name, op.attrs, op.line, strict=False)
            if (isinstance(callee, FuncRef) and "." in callee.qualname and op.attrs and op.attrs[-1] != "()"
                    and depth < MAX_SELF_DEPTH):
                found = self.resolve_chain(env, op.name, op.attrs[:-1], op.line, strict=False)
                # (`self.setup()`, `admin.init_app(app)`, `celery.init_app(app)` of a project subclass of Celery)
                receiver = found if isinstance(found, (Instance, CeleryRef)) else None
                function = callee.module.function(callee.qualname)
                if function is not None and function.classmethod:  # (`Registry.default()`: `cls` is the class)
                    receiver = found.cls if isinstance(found, Instance) else found if isinstance(
                        found, ClassRef) else None
        if self.catching and self.catching[-1] is not None and callee is OPAQUE:
            self.uncertain.append(self.catching[-1])  # (a library call, in a `try` that catches its exceptions:
            self.catching[-1] = None  # what follows in the body runs only where it raised none of them)
        result = self.call(env, callee, op, given=True, receiver=receiver)
        after = _AFTER_CALL.get(op.attrs[-1]) if op.attrs else None
        if after is not None and (_defined(callee) is None if after[1] else not isinstance(callee, FuncRef)):
            after[0](self, env, op)
        if op.name == "super()" and op.attrs[0] == "__init__" and not isinstance(callee, FuncRef) and isinstance(
                receiver, Instance) and receiver.cls.hooks:  # `super().__init__()` runs the library's
            self._run_hooks(env, receiver, op)
        if op.call_result:
            self.call(env, result, op)

    def _template_helper(self, env: _Env, op: m.Call) -> None:
        """`@app.template_filter()` and the like read `app.jinja_env` (see _jinja_environment)."""
        self._jinja_environment(env, op.name, op.attrs[:-1], op.line)

    def _appended(self, env: _Env, op: m.Call) -> None:
        """`HOOKS.append(fn)` of a list the simulation follows (see ListRef): fn is one of its elements."""
        if len(op.args) != 1:
            return
        owner = self.resolve_chain(env, op.name, op.attrs[:-1], op.line, strict=False)
        if isinstance(owner, ListRef):
            items = self._get(owner.module, _LIST + owner.name, ())
            if len(items) < MAX_LIST:  # type: ignore[arg-type]
                item = self._argument(env, op.args[0], op.line)
                self._ns_set(owner.module, _LIST + owner.name, items + (item,))  # type: ignore[operator]

    def _view_instance(self, env: _Env, op: m.Call) -> None:
        """Flask's `View.as_view(name, *args)` makes the view's instance at once, `cls(*args)`, when the
        class sets `init_every_request = False` (m.VIEW_MADE): its __init__ runs."""
        cls = self.resolve_chain(env, op.name, op.attrs[:-1], op.line, strict=False)
        if isinstance(cls, ClassRef) and m.VIEW_MADE in cls.hooks:
            self.call(env, cls, replace(op, args=op.args[1:],
                                        bare=len(op.args) <= 1 and not op.keywords))

    def _register_blueprint(self, env: _Env, op: m.Call) -> None:
        """`app.register_blueprint(bp)` (Flask's) calls the functions given to bp's `record` and
        `record_once` by then: those whose `def` (and so its decorator) has run; or, bp an instance of a
        project subclass of Blueprint, its `register` method."""
        blueprint = self._argument(env, op.args[0], op.line) if op.args else None
        if not isinstance(blueprint, (Instance, BlueprintRef)):
            return
        owner = self.resolve_chain(env, op.name, op.attrs[:-1], op.line, strict=False)
        if isinstance(owner, BlueprintRef):
            # (a blueprint registered on another: nothing runs until that one is registered, then its own
            # callbacks and those of the blueprints registered on it, in that order)
            children = self._get(owner.module, _CHILDREN + owner.name, ())
            if blueprint not in children:  # type: ignore[operator]
                self._ns_set(owner.module, _CHILDREN + owner.name, children + (blueprint,))  # type: ignore
            return
        self._blueprint_registered(env, blueprint, owner, op, set())

    def _blueprint_registered(self, env: _Env, blueprint: object, owner: object, op: m.Call, seen: set) -> None:
        """What registering `blueprint` on an app runs (see _register_blueprint)."""
        if isinstance(blueprint, Instance):  # of a subclass of Blueprint: Flask calls its `register`
            register = self.class_attribute(blueprint.cls, "register")
            if _defined(register) is not None and not (isinstance(owner, Instance) and not owner.cls.hooks):
                self._run(env, register, m.Call(op.name, op.attrs[:-1] + ("register",), op.line),
                          arguments=self._as_self(blueprint))
            return
        if not isinstance(blueprint, BlueprintRef) or blueprint in seen:
            return
        seen.add(blueprint)
        for name, callbacks in blueprint.module.facts.record_callbacks:
            if name == blueprint.name:
                for qualname in callbacks:
                    if self._get(blueprint.module, qualname) is not _MISSING:
                        self._run(env, FuncRef(blueprint.module, qualname), op, arguments=(OPAQUE,))
        for child in self._get(blueprint.module, _CHILDREN + blueprint.name, ()):  # type: ignore[union-attr]
            self._blueprint_registered(env, child, owner, op, seen)

    def _signal_names(self, name: str) -> Tuple[Tuple[str, bool], ...]:
        """The top-level names module `name` binds to a signal (`x = ns.signal("x")`, see SignalRef), each
        with whether its send() catches what a receiver raises."""
        found = self._signals.get(name)
        if found is None:
            found = self._signals[name] = tuple(
                (op.names[0], op.swallows) for op in self.facts[name].body
                if type(op) is m.BindResult and (op.attrs or (op.name,))[-1] in SIGNAL_MAKERS)
        return found

    def _signal(self, env: _Env, op: m.Call) -> None:
        """`sig.connect(f)` (`@sig.connect`) adds a project function to the signal's receivers; `sig.send(...)`
        calls them, in the order they were connected."""
        if op.name == m.LIBRARY_SIGNAL and op.attrs[0] == m.MAPPERS_CONFIGURED:
            # (SQLAlchemy's, kept for the process: configuring the mappers calls the receivers connected by
            # then, from whichever module, in that order; what they raise escapes. It calls them again only
            # for mappers made since, which is not followed: each receiver runs the first time only)
            signal = SignalRef(self.mappers, m.LIBRARY_SIGNAL + op.attrs[0])  # type: ignore[arg-type]
            if op.attrs[-1] == "send":
                receivers = self._get(self.mappers, _RECEIVERS + signal.name, ())
                fired = self._get(self.mappers, _FIRED, ())
                if len(receivers) > len(fired):  # type: ignore[arg-type]
                    self._ns_set(self.mappers, _FIRED, receivers)
                    self._send(env, receivers[len(fired):], op)  # type: ignore
                return
        elif op.name == m.LIBRARY_SIGNAL:  # one of Flask's: its receivers kept in the module connecting them
            signal = SignalRef(env.module, m.LIBRARY_SIGNAL + op.attrs[0])
        else:
            signal = self.resolve_chain(env, op.name, op.attrs[:-1], op.line, strict=False)
        if not isinstance(signal, SignalRef):
            return
        key = _RECEIVERS + signal.name
        receivers = self._get(signal.module, key, ())
        if op.attrs[-1] == "connect":
            function = self._argument(env, op.args[0], op.line) if op.args else None
            if isinstance(function, FuncRef) and ".<locals>." in function.qualname and (
                    "weak", (False,)) not in op.keywords and op.attrs[0] != m.MAPPERS_CONFIGURED:
                # blinker holds a receiver by a weak reference (unless weak=False): a function defined in a
                # function lives while that call runs, unless something else keeps it (not followed)
                function = (function, tuple(self.calls))  # type: ignore[assignment]
            sender = _literal_sender(op, 1, dict(op.keywords).get("sender"))
            if sender is not None and isinstance(function, (FuncRef, tuple)):
                function = _ForSender(function, sender)  # type: ignore[assignment]
            if isinstance(function, (FuncRef, tuple, _ForSender)) and function not in receivers:  # type: ignore
                self._ns_set(signal.module, key, receivers + (function,))  # type: ignore[operator]
            return
        # (blinker's send(sender) calls the receivers connected for any sender and those for that one; send()
        # only the former; a sender not written out as a string: all of them)
        sent = _literal_sender(op, 0, dict(op.keywords).get("sender")) if op.name != m.LIBRARY_SIGNAL else None
        if sent is None and op.name != m.LIBRARY_SIGNAL and not op.args and "sender" not in dict(op.keywords):
            sent = ""  # (no sender: blinker's ANY)
        if sent is not None:
            receivers = tuple(r for r in receivers if not isinstance(r, _ForSender) or r.sender == sent)
        self._send(env, receivers, op, signal.swallows)  # type: ignore[arg-type]

    def _send(self, env: _Env, receivers: tuple, op: m.Call, swallows: bool = False) -> None:
        for receiver in receivers:
            if isinstance(receiver, _ForSender):
                receiver = receiver.receiver
            if isinstance(receiver, tuple):  # (a weakly held one: alive while the call that made it runs)
                receiver, made_in = receiver
                if tuple(self.calls[:len(made_in)]) != made_in:
                    continue
            try:
                self._run(env, receiver, op, arguments=(OPAQUE,))
            except SimCrash as crash:
                if not swallows or not _catches(("Exception",), crash):
                    raise  # (Celery's send() logs an Exception a receiver raises and calls the next one)

    def _context_pushed(self, env: _Env, op: m.Call) -> None:
        """An app context pushed: Flask sends appcontext_pushed to the receivers connected by then, from
        whichever module (in the order the modules were imported)."""
        if op.attrs[-3:] not in _CONTEXT_PUSHES:
            return
        key = _RECEIVERS + m.LIBRARY_SIGNAL + "appcontext_pushed"
        for state in list(self.modules.values()):
            receivers = self._get(state, key, ())
            if receivers:
                self._send(env, receivers, op)  # type: ignore[arg-type]

    def _teardown_added(self, env: _Env, op: m.Call) -> None:
        """`@app.teardown_appcontext` (or `app.teardown_appcontext(f)`) registers a project function, kept in
        the module registering it, as signal receivers are."""
        function = self._argument(env, op.args[0], op.line) if op.args else None
        registered = self._get(env.module, _TEARDOWNS, ())
        if isinstance(function, FuncRef) and function not in registered:  # type: ignore[operator]
            self._ns_set(env.module, _TEARDOWNS, registered + (function,))  # type: ignore[operator]

    def _context_popped(self, env: _Env, op: m.Call) -> None:
        """An app context left: Flask calls the teardown_appcontext functions registered by then, the last
        registered first (from whichever module, in the order the modules were imported)."""
        if op.attrs[-3:] not in _CONTEXT_POPS:
            return
        for state in list(self.modules.values()):
            functions = self._get(state, _TEARDOWNS, ())
            if functions:
                self._send(env, tuple(reversed(functions)), op)  # type: ignore[arg-type]

    def _config_properties(self, env: _Env, op: m.Call) -> None:
        """Flask's `config.from_object(obj)` reads every upper-case attribute of obj, in sorted order: given
        an instance of a project class (`from_object(Config())`), the getters of its upper-case properties
        that import run (see m.Function.is_property)."""
        instance = self._argument(env, op.args[0], op.line) if op.args else None
        if not isinstance(instance, Instance):
            return
        getters: Dict[str, Optional[FuncRef]] = {}
        for klass in self._mro_of(instance.cls):
            if not isinstance(klass, ClassRef):
                continue
            prefix = klass.qualname + "."
            for qualname in klass.module.facts.functions.qualnames:
                name = qualname[len(prefix):] if qualname.startswith(prefix) else ""
                if name.isupper() and "." not in name and name not in getters:
                    getters[name] = FuncRef(klass.module, qualname)
            for name in klass.attributes:  # (a value bound here hides the properties of the classes after it)
                getters.setdefault(name, None)
        for name in sorted(getters):
            function = _defined(getters[name]) if getters[name] is not None else None
            if function is not None and function.is_property:
                self._run(env, getters[name], m.Call(op.name, op.attrs + (name,), op.line),
                          arguments=self._as_self(instance))

    def _run_hooks(self, env: _Env, instance: "Instance", op: m.Call) -> None:
        """A library class's __init__ calls these methods of the new object (see m.Define.hooks): the
        project's, when its class defines or inherits them."""
        for name in instance.cls.hooks:
            if name in (m.VIEW_MADE, m.VIEW_PER_REQUEST):
                continue  # (what a class-based view's as_view does, see _view_instance)
            name, _, made = name.partition(">")
            name, _, needs = name.partition("?")
            if needs and not all(self._given(env, op, need) for need in needs.split("&")):
                continue  # (an extension made without the app: its __init__ does not call init_app)
            hook = self.class_attribute(instance.cls, name) if name else None
            if hook is not None and _defined(hook) is not None:
                self._run(env, hook, op, arguments=self._as_self(instance))
            elif made:  # the library's own method makes the class the body named (`config_class = AppConfig`)
                base, _, attrs = made.partition(".")
                cls = self.resolve_chain(_Env(instance.cls.module), base, tuple(attrs.split(".")) if attrs else (),
                                         op.line, strict=False)
                if isinstance(cls, ClassRef):
                    self.call(env, cls, op)

    def _given(self, env: _Env, op: m.Call, need: str) -> bool:
        """Whether the call gives the parameter `need` ("app@0": by keyword, or at position 0) a value
        other than None (a name holding None, as a forwarding `super().__init__(app, db)` hands on a
        parameter left to its default, gives none)."""
        name, _, position = need.partition("@")
        for keyword, value in op.keywords:
            if keyword == name:
                return value != (None,)
        if not position or int(position) >= len(op.args):
            return False
        value = self._argument(env, op.args[int(position)], op.line)
        return not (isinstance(value, Const) and value.value is None)

    def _own_object(self, env: _Env) -> object:
        """The object the method running now was called on (its first parameter), when it is followed."""
        if not env.is_function or not self.calls or env.locals is None:
            return None
        function = env.module.function(self.calls[-1][1])
        value = env.locals.get(function.params[0]) if function is not None and function.params else None
        return value if isinstance(value, Instance) else None

    def _argument(self, env: _Env, chain: Tuple[str, Tuple[str, ...]], line: int) -> object:
        name, attrs = chain
        if name == m.DEFINED:  # the function a decorator is applied to (not bound to its name yet)
            return FuncRef(env.module, attrs[0])
        if name == m.TEXT_ARGUMENT:  # `create_app("testing")` decides `if config_name == "testing":`
            if len(attrs) > 1:  # `create_app(os.getenv("FLASK_CONFIG") or "default")`: what the run set, if it did
                value = self._environ_value(attrs[1])
                return OPAQUE if value is None else Text(value) if isinstance(value, str) and value else Text(attrs[0])
            return Text(attrs[0])
        if name == m.LIST_ARGUMENT:  # `register_blueprints(app, ["app.views.home"])`: see op_Loop
            return Texts(tuple(Text(value) for value in attrs))
        if len(attrs) == 1 and attrs[0] in self.exported_names:  # `import_runners(settings.RUNNERS)`
            owner = self.resolve_chain(env, name, (), line, strict=False)
            listed = self.exported.get(owner.name, {}).get(attrs[0]) if isinstance(owner, ModState) else None
            if listed is not None and self._get(owner, attrs[0], OPAQUE) is not PATCHED:  # type: ignore[arg-type]
                self._consult(owner.name)  # type: ignore[union-attr]
                return Texts(tuple(Text(value) for value in listed))  # (the strings of the list it exports)
        return self.resolve_chain(env, name, attrs, line, strict=False) if name else OPAQUE

    def call(self, env: _Env, callee: object, op: m.Call, given: bool = False, receiver: object = None) -> object:
        """Run a project function called at import time; its return value. Calling a class runs its
        __init__ and makes an instance; calling an instance runs its class's __call__; a method called on
        an instance (`receiver`) has it for its first parameter, so that its calls on `self` are followed.
        `given`: the call's positional arguments (op.args) are this call's, for a module-level function's
        parameters."""
        follow = len(self.calls) < MAX_SELF_DEPTH  # (the depth check is noted by op_Call: calls_peak)
        if isinstance(callee, TaskRef):  # (the proxy makes the task, whose __call__ runs the function)
            self._make_task(env, callee, op.line, ".".join((op.name,) + op.attrs))
            callee = callee.function
        if isinstance(callee, ClassRef):
            instance = Instance(callee)
            init = self.class_attribute(callee, "__init__")
            if isinstance(init, FuncRef) and _defined(init) is None:
                # no __init__ in the project's classes: a generated one (a dataclass's, attrs') calls the hook
                for name in ("__post_init__", "__attrs_post_init__"):
                    hook = self.class_attribute(callee, name)
                    function = _defined(hook)
                    if function is not None and function.post_init:
                        init = hook
                        break
            self._run(env, init, op, arguments=(instance,) if follow else None)
            if callee.hooks and not isinstance(init, FuncRef):  # the library's __init__ runs
                self._run_hooks(env, instance, op)
            return instance
        if isinstance(callee, Instance):
            receiver, callee = (callee if follow else None), self.class_attribute(callee.cls, "__call__")
            given = False
        return self._run(env, callee, op, given, arguments=None if receiver is None else (receiver,))

    def _run(self, env: _Env, callee: object, op: m.Call, given: bool = False,
             arguments: Optional[tuple] = None) -> object:
        if not isinstance(callee, FuncRef):
            return OPAQUE
        function = callee.module.function(callee.qualname)
        self.unbound.add((callee.module.name, ("def", callee.qualname)))
        key = (id(callee.module), callee.qualname)
        if function is None or (function.is_async and not op.awaited):
            return OPAQUE  # (a coroutine function called: its body waits for an `await`)
        if op.stored and function.is_generator and not function.is_async:
            return OPAQUE  # (`PLUGINS = discover()`: its body waits for PLUGINS to be iterated, see op_BindResult)
        if len(self.calls) > self.calls_peak:
            self.calls_peak = len(self.calls)  # what a recorded import depends on (see _valid)
        if len(self.calls) >= MAX_CALL_DEPTH:
            return OPAQUE
        if key in self.calls[self.call_floor:]:
            # A recursion inside one module body (f calls f, with no import in between) is not followed:
            # the inner call repeats ops the outer one has just run, and a function calling itself twice
            # (sympy's expand_tuples) would cost 2**depth calls. A call that comes back through an import
            # (a.setup() -> import b -> b calls a.setup()) is followed: b's body is a new floor.
            return OPAQUE
        statement = op.name + "".join(attr if attr == "()" else "." + attr for attr in op.attrs) + "()"
        if op.name == m.LIBRARY_SIGNAL and op.attrs[0] == m.MAPPERS_CONFIGURED:
            statement = "sqlalchemy.orm.configure_mappers()"  # (what SQLAlchemy runs there)
        self.frames.append(_Frame(env.module.facts.source.module if env.module.name != "__main__" else "__main__",
                                  env.module.facts.source.path, op.line, f"{statement}  # runs "
                                  f"{callee.module.facts.source.module}.{callee.qualname}()"))
        self.calls.append(key)
        try:
            local = dict.fromkeys(function.params, OPAQUE)  # (arguments: values we do not follow)
            if op.bare or op.keywords:
                # called with no arguments: `create_app()` decides `if config_name == "testing":`; with
                # keywords, the parameters neither they nor the positional arguments give keep their defaults
                filled = set(function.params[:len(op.args) + ("." in callee.qualname)]) if op.args else ()
                local.update((name, Text(value)) for name, value in function.text_defaults if name not in filled)
                local.update((name, Const(value)) for name, value in function.const_defaults if name not in filled)
                for name, base, attrs in function.chain_defaults:  # (`config_class=Config`: that class)
                    if name in filled or any(name == given_name for given_name, _ in op.keywords):
                        continue  # (given by keyword)
                    default = self.resolve_chain(_Env(callee.module), base, attrs, op.line, strict=False)
                    local[name] = default if isinstance(default, ClassRef) else OPAQUE
                    local[_DEFAULTED + name] = True  # (no code can read this name: see _class_flag)
            if op.keywords:  # `create_app(config_name="testing")`
                local.update((name, _keyword_argument(value)) for name, value in op.keywords if name in local)
            if GIVEN_PARAMETER in local:  # (a dataclass's generated __init__: what the call gave, see _decide)
                exact = op.bare or bool(op.keywords)  # (op.args then holds every positional argument)
                named = set(function.params[:len(op.args) + 1]) | {name for name, _ in op.keywords}  # (self first)
                local[GIVEN_PARAMETER] = (tuple(sorted(named)), exact)
            if given and op.args and "." not in callee.qualname:  # (a method's first parameter is its object)
                local.update(zip(function.params[:function.positional],
                                 (self._argument(env, chain, op.line) for chain in op.args)))
            elif arguments is not None:  # (values we follow, given by the simulation itself)
                local.update(zip(function.params[:function.positional], arguments))
            # The call, like an import, is a function of the state it reads (see _begin): what else it
            # depends on is in the key (the function, its arguments, the calls in progress whose repeats
            # it would not follow). A recorded call valid now is replayed, its return value with it.
            memo_key: Optional[tuple] = (callee.module, callee.qualname, tuple(local.values()),
                                         tuple(self.calls[self.call_floor:]))
            try:
                hash(memo_key)
            except TypeError:  # (a value that cannot be part of a key: the call runs unrecorded)
                memo_key = None
            recorded, deeper = self._replay(memo_key) if memo_key is not None else (None, None)
            if recorded is not None:
                return recorded[0]
            region = self._begin(deeper) if memo_key is not None else None
            self.unsure.append(False)
            self.hedges.append([])
            leaves = self.leaves  # (a return in the function called leaves that function, not the caller's)
            try:
                self.exec_body(_Env(callee.module, local, function.global_names, is_function=True), function.body)
                value: object = OPAQUE
            except _Return as returned:
                value = returned.value
            finally:
                self.unsure.pop()
                self.hedges.pop()
                self.leaves = leaves
                if region is not None:
                    self._end(region)
            if region is not None:
                self._remember(memo_key, (value,), region)
            return value
        finally:
            self.calls.pop()
            self.frames.pop()

    def _decide(self, env: _Env, test: str) -> Optional[bool]:
        """The truth of an `if` test (see m.If.test) here, None when it is not decided."""
        if test == "true" or test == "false":
            return test == "true"
        if test in ("main", "not-main"):
            return (env.module.name == "__main__") == (test == "main")
        if test.startswith(("hasattr:", "not-hasattr:")):
            found = self._hasattr(env, test)
            return None if found is None else found == test.startswith("hasattr:")
        if test.startswith(("flag:", "not-flag:")):
            flag = self._flag_of(test)
            return None if flag is None else flag == test.startswith("flag:")
        if test.startswith(("pflag\0", "not-pflag\0")):
            flag = self._class_flag(env, test)
            return None if flag is None else flag == test.startswith("pflag\0")
        if test.startswith(("tflag\0", "not-tflag\0")):
            flag = self._keyed_flag(env, test)
            return None if flag is None else flag == test.startswith("tflag\0")
        if test.startswith(("in-modules\0", "not-in-modules\0")):
            name = test.partition("\0")[2]  # (a library's module: not known whether something imported it)
            return None if name not in self.facts else (
                self._mod_get(name) is not None) == test.startswith("in-")
        if test.startswith("env\0"):
            return self._environment_truth(test)
        if test.startswith("missing\0"):  # the call gave the dataclass field no value (see parsing._generated_init)
            given = env.locals.get(GIVEN_PARAMETER) if env.locals is not None else None
            if not isinstance(given, tuple):
                return None
            field, (named, exact) = test.partition("\0")[2], given
            return False if field in named else True if exact else None
        if test.startswith("argv\0"):  # as `python -c "import M"` has it (an entry point's command: not known)
            return test == "argv\0true" if self._flag_get(self.argv, "plain") else None  # type: ignore[arg-type]
        if test.startswith(("bound-truth\0", "not-bound-truth\0")):  # (see m.BindTruth)
            value = self.lookup(env, test.partition("\0")[2])
            return None if not isinstance(value, Const) else bool(value.value) == test.startswith("bound")
        if test.startswith(_PARAMETER_TESTS):
            return _parameter_truth(env, test)
        if test.startswith(("is\0", "not-is\0")) and isinstance(self._local(env, test.split("\0")[1]), Text):
            kind, name, *values = test.split("\0")
            return (self._local(env, name).value in values) == (kind == "is")  # type: ignore[union-attr]
        if test.startswith(("all\1", "any\1")):  # `a and b`, `a or b` of tests each decided here or not
            truths = [self._decide(env, part) for part in test.split("\1")[1:]]
            stop = test.startswith("any")  # (the value that ends an `or`; for `and`, False)
            return stop if stop in truths else (not stop if None not in truths else None)
        return None

    def _environ_value(self, name: str) -> object:
        """The value the run set for the environment variable `name`: a string, _MISSING for one it left
        unset, None for one not known (also an unset one after the run set variables not known here, see
        m.SetEnv)."""
        value = self._get(self.environ, name)  # type: ignore[arg-type]
        if value is _MISSING and self._get(self.environ, "") is not _MISSING:  # type: ignore[arg-type]
            return None
        return value

    def _environment_truth(self, test: str) -> Optional[bool]:
        """The truth of a test of an environment variable (see parsing._environment_kind): with the value
        the run set, else as unset; None when the run set a value not known."""
        _, negated, name, form, *args = test.split("\0")
        form, _, method = form.partition("|")  # (`os.environ.get("X", "false").lower() == "true"`)
        value = self._environ_value(name)
        if value is None:
            return None
        present = value is not _MISSING
        if form == "present":
            truth = present
        else:
            # (unset: its default, None ("\1"), a string, or a constant of another type, true or false ("\2T", "\2F"))
            current = value if present else None if args[0] == "\1" else (args[0] == "\2T") if args[0] in (
                "\2T", "\2F") else args[0]
            if method:
                if current is None:
                    return None  # (None.lower(): an AttributeError, not followed)
                current = apply_string_methods(current, method)
            truth = (bool(current) if form == "value" else current is None if form == "none"
                     else current == args[1] if form == "eq" else current in args[1:])
        return truth != bool(negated)

    def op_SetEnv(self, env: _Env, op: m.SetEnv) -> None:
        if op.default_only and self._get(self.environ, op.name) is not _MISSING:  # type: ignore[arg-type]
            return  # (setdefault: set before, kept)
        self._ns_set(self.environ, op.name, op.value)  # type: ignore[arg-type]

    def op_If(self, env: _Env, op: m.If) -> None:
        truth = self._decide(env, op.test)
        if truth is not None:
            self.exec_body(env, op.body if truth else op.orelse)
        else:
            where = f"the `if` at {env.module.facts.source.path}:{op.line}"
            returning, breaking = [], []  # the branches that may have left the function, or the loop pass
            for branch, says in ((op.body, "is true"), (op.orelse, "is false")):  # both, each saying so
                self.uncertain.append(f"{where} {says}")
                leaves = self.leaves
                try:
                    self.exec_body(_Env(env.module, env.locals, env.global_names, False, env.missing), branch)
                except SimCrash as crash:
                    if crash.circular:
                        raise
                    # a `raise` (or `break`) taken in one branch only: the run goes on as the other
                    # branch would take it (the branch is left where it raised)
                except _Break as left:
                    self.unsure[-1] = True
                    breaking.append(says)
                    if self.breaks and not left.proceed:  # (the loop's `else:` needs the other branch)
                        self.breaks[-1] = f"{where} {_OTHER_BRANCH[says]}"
                finally:
                    self.uncertain.pop()
                if self.leaves != leaves:
                    returning.append(says)
            # what follows in the function (or the loop pass) runs only if the branch that left was not taken
            for left, hedges in ((returning, self.hedges), (breaking, self.pass_hedges)):
                if len(left) == 1 and hedges:
                    hedges[-1].append(f"{where} {_OTHER_BRANCH[left[0]]}")

    def _class_flag(self, env: _Env, test: str) -> Optional[bool]:
        """`pflag\0config_class\0KEY` (see parsing's config_test): the truth of KEY in a Flask config filled
        by `from_object(config_class)`, with the class the running call gave that parameter."""
        _, name, key, default, *rest = test.split("\0")
        if env.locals is None or name in env.global_names:
            return None
        cls = env.locals.get(name)
        if isinstance(cls, ClassRef) and "." not in cls.qualname:
            path = f"{cls.module.facts.source.module}.{cls.qualname}"
        elif env.locals.get(_DEFAULTED + name) and default:
            path = default  # (the default class, of a module not replayed here: its path)
        else:
            return None
        return self._flag_of("flag:" + path + "." + key + "".join("\0" + part for part in rest))

    def _keyed_flag(self, env: _Env, test: str) -> Optional[bool]:
        """`tflag\0config_name\0KEY\0app.config.config` (see parsing's table_class): the truth of KEY in a
        Flask config filled by `from_object(config[config_name])`, with the string the running call gave
        that parameter (the class that key names exports it under `config[key].KEY`)."""
        _, name, key, table, *rest = test.split("\0")
        given = self._local(env, name)
        if not isinstance(given, Text) or TABLE_KEY.match(given.value) is None:
            return None
        return self._flag_of("flag:" + f"{table}[{given.value}].{key}" + "".join("\0" + part for part in rest))

    def _exported(self, path: str) -> Tuple[Optional[m.ModuleFacts], str]:
        """The facts of the module a dotted path `module.NAME` names (None: not a module of the project),
        and NAME. Reading what the module exports under NAME is noted: its facts (a change to them runs
        this start again) and the name (an edit that changes only what it exports does, see _flipped_flags)."""
        module, _, name = path.rpartition(".")
        if module not in self.facts and "." in module:
            # `app.config.Config.DEBUG`: an attribute of a class of the module (see parsing._class_settings),
            # from `if Config.DEBUG:` or a Flask config filled by `from_object(Config)`
            module, _, cls = module.rpartition(".")
            name = f"{cls}.{name}"
        facts = self.facts.get(module)
        if facts is not None:
            self._consult(module)
            self.unbound.add((module, ("flag", name)))
        return facts, name

    def _exported_errors(self, path: str) -> Optional[Tuple[str, ...]]:
        """`app.compat.ERRORS`: the exception classes of the tuple the module exports under that name
        (see m.ModuleFacts.exported_errors), None when it exports none."""
        facts, name = self._exported(path)
        return dict(facts.exported_errors).get(name) if facts is not None else None

    def _flag_of(self, test: str) -> Optional[bool]:
        """`flag:app.settings.ENABLE_ADMIN`: the truth of the value the module exports for the name (see
        m.ModuleFacts.exported_flags), None when it exports none; `flag:app.config.ENV\0in\0dev\0test`:
        whether that value is one of the strings (`not-in`: is none of them), None when not a string."""
        path, *compared = test.partition(":")[2].split("\0")
        facts, name = self._exported(path)
        flags = dict(facts.exported_flags) if facts is not None else {}
        value = flags.get(name)
        if compared == ["else-false"]:  # a Flask config key from_object(Class) copies, when the class has it
            compared = []
            marker = name.rpartition(".")[0] + ".*"
            if value is None and name not in flags and "." in name and flags.get(marker):
                self.unbound.add((facts.source.module, ("flag", marker)))  # type: ignore[union-attr]
                return False  # (the class does not bind it: the config keeps its false default)
        if type(value) is tuple and value[:1] == (m.HELPER_CALL,):  # `env_bool("USE_CELERY", False)`, imported
            value = self._helper_flag(value)
        if value is None:
            return None
        state = self._mod_get(facts.source.module)  # type: ignore[union-attr]
        if state is not None and self._get(state, name) is PATCHED:
            return None  # (set from outside since: `conf.FLAG = True`)
        if not compared:
            return bool(value)
        if not isinstance(value, str):
            return None
        return (value in compared[1:]) == (compared[0] == "in")

    def _helper_flag(self, call: tuple) -> object:
        """The value of a settings flag computed by a helper of another module (see m.ModuleFacts.exported_flags),
        as that module's env_helpers give it; None when it is not one of them, or not known."""
        _, module, name, args, keywords = call
        self._consult(module)
        self.unbound.add((module, ("def", name)))  # (as a call of it would: a change of its body runs this again)
        facts = self.facts.get(module)
        source = dict(facts.env_helpers).get(name) if facts is not None else None
        if source is None:
            return None
        value = helper_call_value(source, name, args, keywords)
        return None if value is UNSET_VALUE else value if isinstance(value, str) else bool(value)

    def _exported_string(self, env: _Env, dotted: str, line: int) -> Optional[str]:
        """`config.RESULTS_BACKEND`, config a module of the project: the string constant it exports under
        that name (see m.ModuleFacts.exported_flags), read of it as Python would (a partial module that
        has not bound it yet: an AttributeError); None when not known."""
        base, *attrs = dotted.split(".")
        owner = self.resolve_chain(env, base, tuple(attrs[:-1]), line, strict=False) if attrs else None
        if not isinstance(owner, ModState):
            return None
        value = self.read_attr(env, owner, attrs[-1], line, dotted, from_import=False)  # (the read itself)
        facts, name = self._exported(f"{owner.name}.{attrs[-1]}")
        exported = dict(facts.exported_flags).get(name) if facts is not None else None
        return exported if isinstance(exported, str) and value is not PATCHED else None

    @staticmethod
    def _local(env: _Env, name: str) -> object:
        """The value of a local name of the function running now (None when it is not one)."""
        if env.locals is None or name in env.global_names:
            return None
        return env.locals.get(name)

    def _hasattr(self, env: _Env, test: str) -> Optional[bool]:
        """`hasattr(x.y, "n")` when x.y is a project module: is `n` bound in it now?"""
        _, dotted, attr = test.split(":")
        name, *attrs = dotted.split(".")
        value = self.resolve_chain(env, name, tuple(attrs), 0, strict=False)
        if (not isinstance(value, ModState) or self._flag_get(value, "open")
                or self._get(value, "__getattr__") is not _MISSING):
            return None
        if self._get(value, attr) is not _MISSING:
            return True
        return None if self._flag_get(value, "done") else False

    def op_Loop(self, env: _Env, op: m.Loop) -> None:
        over = self.lookup(env, op.over) if op.over else None
        items = self._get(over.module, _LIST + over.name, ()) if isinstance(over, ListRef) else (
            over.items if isinstance(over, Texts) else ())
        self.breaks.append(None)
        try:
            for item in items or _ONCE:  # (a followed list: a pass per element, its target bound to it)
                if item is not _MISSING_ITEM:
                    self.store(env, op.target, item)
                self.pass_hedges.append([])
                try:
                    self.exec_body(env, op.body if item is _MISSING_ITEM else op.body[1:])
                except _Break as left:
                    if not left.proceed:
                        return
                finally:
                    self.pass_hedges.pop()
        finally:
            broke = self.breaks.pop()
        if broke is None or not op.orelse:
            self.exec_body(env, op.orelse)
            return
        self.uncertain.append(broke)  # (said in a crash there: it happens only if no pass broke out)
        try:
            self.exec_body(env, op.orelse)
        finally:
            self.uncertain.pop()

    def op_Break(self, env: _Env, op: m.Break) -> None:
        raise _Break(op.proceed)

    def op_Try(self, env: _Env, op: m.Try) -> None:
        hedged = len(self.uncertain)
        self.optional.append(any(_catches(caught, _MISSING_LIBRARY) for caught, _, _ in op.handlers))
        names = sorted({name for caught, _, _ in op.handlers for name in caught or ()
                        if name not in _BUILTINS and name[:1] != "="})
        said = f"the `try` at {env.module.facts.source.path}:{op.line} raises no {' or '.join(names)}" if names else None
        self.catching.append(said)
        try:
            try:
                self.exec_body(env, op.body)
            except BaseException:
                del self.uncertain[hedged:]  # (the libraries its body imported, its library calls: see op_Call)
                raise
            finally:
                self.optional.pop()
                self.catching.pop()
        except SimCrash as crash:
            for caught, _, handler in op.handlers:
                if caught and caught[0][:1] == "=":
                    caught = self._exported_errors(caught[0][1:]) or caught
                if _catches(caught, crash):
                    self.handling.append(crash)
                    try:
                        self.exec_body(env, handler)
                    except _Reraised:  # a bare `raise`: the crash goes on, after the `finally:` block
                        self.exec_body(env, op.finalbody)
                        raise crash
                    except (SimCrash, _Break, _Return):
                        self.exec_body(env, op.finalbody)
                        raise
                    finally:
                        self.handling.pop()
                    break
            else:
                self.exec_body(env, op.finalbody)
                raise
        except (_Break, _Return):  # (leaving the block: the `finally:` block runs on the way)
            self.exec_body(env, op.finalbody)
            raise
        else:
            # The `else:` runs only where the body raised nothing: not where an optional library it imported
            # is missing, nor where a library call it made raised what a handler catches by a name of its own
            # (`except PackageNotFoundError:` around `version("app")`): still said (see op_Call, op_ImportOp)
            if said is not None and said not in self.uncertain[hedged:] and op.orelse:
                self.uncertain.append(said)
            try:
                self.exec_body(env, op.orelse)
            finally:
                del self.uncertain[hedged:]
        self.exec_body(env, op.finalbody)

    def op_Reraise(self, env: _Env, op: m.Reraise) -> None:
        if self.handling:  # (a handler of a crash runs now; any other exception is not followed)
            raise _Reraised()

    def op_Raise(self, env: _Env, op: m.Raise) -> None:
        if self.unsure[-1]:  # (the flow may not reach this statement: an undecided branch was left)
            return
        handled = self.handling[-1] if self.handling else None
        if handled is not None and handled.circular:
            # `raise Other(...) (from e)` while handling a circular crash: the process still fails from the
            # cycle (the circular error is the context of the new one), unless a handler catches Other
            crash = handled.crash and replace(  # (what the process dies with: the new exception, the cycle its cause)
                handled.crash, exception=f"{op.family[0]} (raised while handling {handled.crash.exception})")
            raise SimCrash(op.family[0], handled.message, True, crash, handled.depth, op.family)
        raise SimCrash(op.family[0], f"{op.family[0]} raised at {env.module.facts.source.path}:{op.line}",
                       circular=False, family=op.family)

    def op_With(self, env: _Env, op: m.With) -> None:
        try:
            self.exec_body(env, op.body)
        except SimCrash as crash:
            if not _catches(self._swallows(env, op), crash):
                raise

    def _swallows(self, env: _Env, op: m.With) -> Optional[Tuple[str, ...]]:
        """The exceptions the context manager of a `with` swallows (see m.Function.swallows)."""
        made = op.attrs[-1:] == ("()",)
        value = self.resolve_chain(env, op.name, op.attrs[:-1] if made else op.attrs, op.line, strict=False)
        if isinstance(value, (Instance, ClassRef)) and made == isinstance(value, ClassRef):
            cls = value.cls if isinstance(value, Instance) else value
            value = self.class_attribute(cls, "__exit__")
            if isinstance(value, FuncRef) and _defined(value) is None:
                value = self.class_attribute(cls, "__aexit__")  # (`async with`)
        elif not made:
            return ()
        if not isinstance(value, FuncRef):
            return ()
        self.unbound.add((value.module.name, ("def", value.qualname)))
        function = _defined(value)
        return function.swallows if function is not None else ()

    def op_ClassBody(self, env: _Env, op: m.ClassBody) -> None:
        self.exec_body(_Env(env.module, {}, (), missing=env.missing), op.body)

    def op_Return(self, env: _Env, op: m.Return) -> None:
        if env.is_function:
            raise _Return(self.resolve_chain(env, op.name, op.attrs, op.line, strict=False) if op.name else OPAQUE)
        if self.unsure:  # (in an undecided branch: the function may have returned here, or gone on)
            self.unsure[-1] = True
            self.leaves += 1

    def op_DynamicImport(self, env: _Env, op: m.DynamicImport) -> None:
        name = self._dynamic_name(env, op.target)
        if name is None:
            return  # (a name the running call does not give: the import is not followed)
        statement = env.module.facts.imports[op.index].statement
        if "{=" in name:  # in a loop over a list another module exports: each of its strings, in order
            names, owner = expand_exported(name, self.facts, self.exported)  # type: ignore[arg-type]
            if owner is not None:
                self._consult(owner)
            for each in names:
                self._import_object(env, each.replace(":", "."), op, statement)
            return
        self._import_object(env, name, op, statement)

    def _import_object(self, env: _Env, name: str, op: m.DynamicImport, statement: str) -> None:
        try:
            module = self._import_at(env, name, op.line, statement)
            if module is not None and op.attribute:  # `import_module(name).bp`
                self.read_attr(env, module, op.attribute, op.line, statement, from_import=False)
            if module is None and op.object_path and "." in name:
                # import_string: no module of that name (its parents were imported), so the object is read
                # from its module, and an AttributeError comes out as an ImportError (op.missing)
                owner = self._mod_get(name.rpartition(".")[0])
                if owner is not None:
                    self.read_attr(env, owner, name.rpartition(".")[2], op.line, statement, from_import=False,
                                   exc_type=op.missing)
        except SimCrash as crash:
            if op.reraises == m.IMPORT_STRING and "ImportError" in crash.family:
                crash.family = (m.IMPORT_STRING,) + crash.family  # (caught by `except ImportStringError:` too)
            elif op.reraises == m.CELERY_CONFIG and "AttributeError" in crash.family:
                crash.exc_type, crash.family = m.CELERY_CONFIG, _FAMILIES[m.CELERY_CONFIG]
                if crash.crash is not None and crash.crash.exception.startswith("AttributeError"):
                    crash.crash = replace(crash.crash, exception=m.CELERY_CONFIG + crash.crash.exception[14:])
            elif op.reraises.startswith("ValueError:"):  # (dictConfig: `raise ValueError(...) from e`, any e)
                crash.exc_type, crash.family = "ValueError", ("ValueError", "Exception", "BaseException")
                if crash.crash is not None:
                    crash.crash = replace(crash.crash, exception=f"{op.reraises} (raised from {crash.crash.exception})")
            raise

    def op_ExecFile(self, env: _Env, op: m.ExecFile) -> None:
        facts = self.facts.get(op.target)
        self._consult(op.target)
        if facts is None or any(raw.level for raw in facts.imports):
            return  # (not a file of the project; relative imports, which fail in a module of no package)
        self._frame(env, op.line, env.module.facts.imports[op.index].statement)
        try:
            state = ModState("config", facts, len(self.frames), self.bound_names(op.target))
            state.born = len(self.journal)
            self.log.append((_NEW, state))  # (made here: a recorded import that replays restores its names)
            self.exec_body(_Env(state, missing={}), facts.body)
        finally:
            self.frames.pop()

    def op_PackageWalk(self, env: _Env, op: m.PackageWalk, name: Optional[str] = None) -> None:
        name = self._dynamic_name(env, op.package) if name is None else name
        if name is None:
            return
        self._consult(name)  # (its submodules)
        if op.found:  # (werkzeug's find_modules imports the package first)
            self._import_at(env, name, op.line, f"find_modules({name!r})")
        for child in self.children.get(name, ()):
            short = child.rpartition(".")[2]
            if short in op.exclude or child in op.exclude or (op.only is not None and short not in op.only
                                                                and child not in op.only):
                continue
            package = self.facts[child].source.is_package
            if op.packages or not package:
                self._import_at(env, child, op.line, f"importlib.import_module({child!r})  # pkgutil walk")
            if op.recursive and package:
                self.op_PackageWalk(env, op, child)  # (walk_packages then lists the package's own modules)

    # -- results -----------------------------------------------------------------------
    def _outcome(self, start: str, crash: m.Crash, depth: int) -> Outcome:
        crash = replace(crash, start=start)
        ring: List[m.TraceStep] = list(crash.trace[depth:])
        modules: List[str] = []
        edges: List[m.ImportSite] = []
        for step in ring:
            if not modules or modules[-1] != step.module:
                modules.append(step.module)
        for i, step in enumerate(ring[:-1]):
            nxt = ring[i + 1].module
            if nxt != step.module:
                edges.append(m.ImportSite(importer=step.module, imported=nxt, path=step.path, line=step.line, col=0,
                                          statement=step.statement, scope=m.MODULE))
        edges.append(crash.failing)
        return Outcome(start, crash, tuple(modules), tuple(edges))


# What a call also runs, by the name of the method called, when that method is the library's (the callee is
# no project function): (the Simulator's handler, whether a project function with no `def` counts as the
# library's too: a project class's own `as_view` runs as written, an inherited one is Flask's)
_AFTER_CALL: Dict[str, Tuple[Callable[[Simulator, _Env, m.Call], None], bool]] = {
    "register_blueprint": (Simulator._register_blueprint, False),
    "from_object": (Simulator._config_properties, False),
    "connect": (Simulator._signal, False),
    "send": (Simulator._signal, False),
    "as_view": (Simulator._view_instance, True),
    "append": (Simulator._appended, False),
    **{method: (Simulator._context_pushed, False) for *_, method in _CONTEXT_PUSHES},
    **{method: (Simulator._context_popped, False) for *_, method in _CONTEXT_POPS},
    "teardown_appcontext": (Simulator._teardown_added, False),
    **{name: (Simulator._template_helper, False) for name in _JINJA_USERS},
}


def runtime_reachers(graph, facts: Sequence[m.ModuleFacts]) -> List[str]:
    """Modules whose fresh import can run into a cycle: they are the starts worth simulating.

    Over-approximates what runs at import: module-level and function-level edges
    (a module-level call may run a function body; package walks are edges too) plus
    module -> parent package.

    A module reaches a cycle exactly when it is left once the modules that reach none are peeled
    off: those with no edge out, then those whose every edge leads to a peeled one, and so on
    (one that reaches a cycle always keeps an edge to another that does, or to itself).
    """
    successors: Dict[str, Set[str]] = {node: set() for node in graph.nodes}
    for u, v, scope in graph.edges(data="scope"):
        if scope != m.TYPE_CHECKING:
            successors[u].add(v)
    for fact in facts:
        module = fact.source.module
        for parent in ancestors(module):  # importing it runs its packages first
            if parent in successors:
                successors.setdefault(module, set()).add(parent)
    predecessors: Dict[str, List[str]] = {node: [] for node in successors}
    for u, targets in successors.items():
        for v in targets:
            predecessors[v].append(u)
    left = {node: len(targets) for node, targets in successors.items()}
    peeled = [node for node, count in left.items() if count == 0]
    for node in peeled:  # (the list grows as it is walked)
        for pred in predecessors[node]:
            left[pred] -= 1
            if left[pred] == 0:
                peeled.append(pred)
    gone = set(peeled)
    return sorted(node for node in successors if node not in gone)


_WORKER: Optional[Simulator] = None


def _run_chunk(starts: Sequence[str]) -> Tuple[Dict[str, Outcome], Dict[str, int]]:
    outcomes = _WORKER.run_many(starts)
    return outcomes, {start: (_WORKER.consulted_by[start], _WORKER.unbound_by[start], _WORKER.steps_by[start])
                      for start in outcomes}


def run_many_parallel(simulator: Simulator, starts: Sequence[str], jobs: Optional[int],
                      meanwhile: Optional[Callable[[], None]] = None) -> Dict[str, Outcome]:
    """`simulator.run_many(starts)` spread over worker processes (forked: they share the facts).

    Starts are split into contiguous runs of the sorted list so that modules of one
    package stay together and keep sharing their parents' imports. The result is the
    same as the serial run; any failure of the pool falls back to it. `meanwhile` is
    called in this process while the workers run (only then: not by a serial run).
    """
    import gc

    collecting = gc.isenabled()
    gc.disable()  # the simulation makes millions of small objects and no garbage worth collecting
    try:
        return _run_many_parallel(simulator, sorted(starts), jobs, meanwhile)
    finally:
        if collecting:
            gc.enable()


def _run_many_parallel(simulator: Simulator, starts: List[str], jobs: Optional[int],
                       meanwhile: Optional[Callable[[], None]]) -> Dict[str, Outcome]:
    import os

    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(starts) < 200 or not hasattr(os, "fork"):
        return simulator.run_many(starts)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _WORKER
    # Pieces differ in cost (a package's first modules pay for importing what the rest reuse): with 8 per
    # worker, handed out as workers free up, they finish at about the same time (2 per worker: up to 40%
    # later on superset, django and indico), while each keeps enough neighbours together to reuse its memo.
    pieces = jobs * 8
    size = -(-len(starts) // pieces)
    chunks = [starts[i: i + size] for i in range(0, len(starts), size)]
    _WORKER = simulator
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            results: Dict[str, Outcome] = {}
            parts = pool.map(_run_chunk, chunks)  # every worker is forked by now
            if meanwhile is not None:
                try:
                    meanwhile()
                except Exception:  # its own business: never the simulation's
                    pass
            for part, runs in parts:
                results.update(part)
                for start, (consulted, unbound, steps) in runs.items():
                    simulator.consulted_by[start] = consulted
                    simulator.unbound_by[start] = unbound
                    simulator.steps_by[start] = steps
        return results
    except Exception:  # no fork, no semaphores, a worker killed: do it here instead
        return simulator.run_many(starts)
    finally:
        _WORKER = None


def run_many_reusing(simulator: Simulator, starts: Sequence[str], jobs: Optional[int],
                     signatures: Dict[str, object], stored, previous=None,
                     meanwhile: Optional[Callable[[], None]] = None) -> Tuple[Dict[str, Outcome], tuple]:
    """`run_many_parallel`, reusing the outcomes of an earlier call (`stored`, what this returned
    then) for the starts whose run consulted no module that changed since; and what to store now.

    `signatures` describes each module as the simulator sees it (its facts' digest, its source, whether
    it is simulated, its submodules; None: not known, never the same). A run reads nothing of the
    project but the modules it consulted (`Simulator.number`), so with the same signatures for them
    it takes the same course again (a module added since could have been consulted: then nothing is
    reused). A run that ran out of steps is reused too (with the same reads it runs out again, and more
    steps cannot make it finish); one that ran out of Python's stack is not (how deep the stack already
    was can matter).

    `previous(name)`, when given, is (digest, facts) of a module as it was before this run: when its new
    facts only add definitions of functions or plain assignments of new names at its end (see
    `appended_definitions`), a run that read none of those names from it and did not list its names takes
    the same course again too (they bind names nobody looks up), provided the extra steps cannot exhaust
    the budget. When they only moved its statements to other lines and changed the bodies of some of its
    functions (see `moved_lines`), a run that looked none of those functions up takes the same course
    too: its outcome is kept, at the new lines. When inert statements were inserted among its others
    (see `inserted_definitions`: both at once), a run must pass both tests, and it now reads what
    they read.
    """
    reused: Dict[str, Outcome] = {}
    kept: Dict[str, tuple] = {}
    names = simulator.names

    def outside(raw: m.RawImport) -> bool:  # (an absolute import: see inserted_definitions)
        return not any(name in simulator.facts for name in ancestors(raw.target) + [raw.target])

    usable = _usable(stored)
    reads = _Reads(stored[3] if usable else ())
    if usable and set(names) <= set(stored[0]):
        old_names, old_signatures, old_runs = stored[:3]
        changed = appended = moved = 0
        additions = []  # (bit, module, its new names, ops added to its body, the length of its body before)
        # (bit, module, its path, where its lines went, the functions whose bodies changed, those that grew)
        moves = []
        reading = []  # (bit, the (module, name) reads its inserted statements add to a run, see inserted_definitions)
        flipped = []  # (bit, the reads of its flags that changed, see _flipped_flags)
        for i, (name, old) in enumerate(zip(old_names, old_signatures)):
            new = signatures.get(name)
            if old is None or new is None or old != new:
                found = lines = inserted = None
                if previous is not None and old is not None and new is not None and old[1:] == new[1:]:
                    before = previous(name)
                    if before is not None and before[0] == old[0]:
                        if before[1].body:
                            found = appended_definitions(before[1], simulator.facts[name])
                        children = [child.rpartition(".")[2] for child in simulator.children.get(name, ())]
                        if found is None:
                            lines = moved_lines(before[1], simulator.facts[name], children)
                        if found is None and lines is None:
                            inserted = inserted_definitions(before[1], simulator.facts[name], children, outside)
                            if inserted is not None:
                                found, lines = inserted[:2], (inserted[2], inserted[3], inserted[5])
                if found is not None and any(f"{name}.{new_name}" in simulator.facts for new_name in found[0]):
                    changed |= 1 << i  # it binds a submodule's name: reads of those are not noted (see bound_names)
                    continue
                if found is not None:
                    appended |= 1 << i
                    additions.append((1 << i, name, found[0], found[1], len(before[1].body)))
                if lines is not None:
                    moved |= 1 << i
                    moves.append((1 << i, name, simulator.facts[name].source.path, lines[0], lines[1], lines[2]))
                if inserted is not None and inserted[4]:
                    reading.append((1 << i, frozenset((name, read) for read in inserted[4])))
                if found is not None or lines is not None:
                    flips = _flipped_flags(before[1], simulator.facts[name])
                    if flips:
                        flipped.append((1 << i, flips))
                if found is None and lines is None:
                    changed |= 1 << i
        for start in starts:
            run = old_runs.get(start)
            if run is None or run[0] & changed:
                continue
            if any(run[0] & bit and any(reads.has(run[2], pair) for pair in pairs) for bit, pairs in flipped):
                continue
            encoded = run[1] if not run[0] & moved else _moved_run(run, moves, reads.has)
            if encoded is _STALE:
                continue
            steps = run[3]
            grew = _grown_steps(run, moves, reads.has) if run[0] & moved else (0, ())
            if steps + grew[0] > simulator.max_steps and encoded != UNDECIDED:
                continue  # (the ops a called function grew could exhaust the budget)
            steps += grew[0]
            if run[0] & appended:
                extra: Optional[int] = 0  # (an undecided run stays so with more steps: steps > max_steps)
                for bit, name, new_names, added, length in additions:
                    if run[0] & bit:
                        if reads.has(run[2], (name, None)) or any(reads.has(run[2], (name, new)) for new in new_names):
                            extra = None  # it read one of the new names, or all the module's names
                            break
                        extra += added * (steps // length)  # its body ran at most steps // length times
                if extra is None or (steps + extra > simulator.max_steps and encoded != UNDECIDED):
                    continue
                steps += extra
            try:
                reused[start] = _decode(start, encoded)
            except (TypeError, ValueError):  # a damaged entry: run it again
                continue
            read = run[2]
            for bit, added_reads in reading:
                if run[0] & bit:
                    read |= reads.mask(added_reads)
            if grew[1]:
                read |= reads.mask(grew[1])
            kept[start] = (run[0], encoded, read, steps)  # (the steps: an upper bound)
        if len(reused) < len(starts):
            simulator.number(old_names)  # the stored runs' numbering: the consulted bits stay comparable
        names = old_names
    fresh = run_many_parallel(simulator, [start for start in starts if start not in reused], jobs, meanwhile)
    runs = {}
    for start in sorted(starts):
        if start in kept:
            runs[start] = kept[start]
            continue
        outcome = fresh[start]
        if outcome.internal_error is None and not outcome.deep:
            runs[start] = (simulator.consulted_by[start], _encode(outcome), reads.mask(simulator.unbound_by[start]),
                           simulator.steps_by[start])
    outcomes = {start: reused.get(start) or fresh[start] for start in sorted(starts)}
    table = reads.compacted(runs)
    return outcomes, (tuple(names), tuple(signatures.get(name) for name in names), runs, table)


class _Reads:
    """The reads of stored runs ((module, name) pairs, see Simulator.unbound) as bit masks over one
    table of the pairs: the runs of a large component read mostly the same few thousand pairs (sympy:
    556 per run, 2183 in all), so masks are a tenth of the stored bytes of sets, and quicker to load."""

    def __init__(self, table: Sequence[tuple] = ()):
        self.table: List[tuple] = list(table)
        self.index: Dict[tuple, int] = {pair: i for i, pair in enumerate(self.table)}

    def has(self, mask: int, pair: tuple) -> bool:
        i = self.index.get(pair)
        return i is not None and bool(mask >> i & 1)

    def mask(self, pairs: Iterable[tuple]) -> int:
        mask = 0
        for pair in pairs:
            i = self.index.get(pair)
            if i is None:
                i = self.index[pair] = len(self.table)
                self.table.append(pair)
            mask |= 1 << i
        return mask

    def compacted(self, runs: Dict[str, tuple]) -> Tuple[tuple, ...]:
        """The table to store with `runs`; when more than half of it is no longer read by any run,
        a new one of the pairs read, every run's mask redone in place."""
        used = 0
        for run in runs.values():
            used |= run[2]
        if len(self.table) <= 64 or 2 * bin(used).count("1") >= len(self.table):
            return tuple(self.table)
        fresh = _Reads()
        for start, run in runs.items():
            pairs = [self.table[i] for i in range(run[2].bit_length()) if run[2] >> i & 1]
            runs[start] = run[:2] + (fresh.mask(pairs),) + run[3:]
        return tuple(fresh.table)


def _binds_a_name(body: tuple) -> bool:
    """Whether a module-level op of `body` binds a name (then one more definition goes no deeper in
    the stack than what ran there before)."""
    return any(type(op) in (m.Define, m.BindResult, m.BindModule, m.BindValue, m.BindTruth)
               or (type(op) is m.Bind and op.names)
               for op in body)


def appended_definitions(old: m.ModuleFacts, new: m.ModuleFacts) -> Optional[Tuple[frozenset, int]]:
    """When `new` is `old` with plain function definitions (`def f(...):`, no decorator, nothing run
    at import but the binding) or plain assignments (`NAME = 1`: a Bind op, nothing else) of names
    `old` never binds appended at its end, and nothing else changed: those names and how many ops they
    add to the module's body; else None."""
    if (old.error is not None or new.error is not None or old.imports != new.imports
            or old.open_namespace != new.open_namespace or not _same_outside(old, new)
            or old.worker_imports != new.worker_imports):
        return None
    length = len(old.body)
    added = new.body[length:]
    if not added or new.body[:length] != old.body or not _binds_a_name(old.body):
        return None  # (an op that binds a name ran there before: one more definition goes no deeper in the stack)
    bound = {name for name, _ in old.first_bound}
    names: Set[str] = set()
    for op in added:
        if type(op) is m.Define and op.kind == "function":
            binds: Tuple[str, ...] = (op.name,)
        elif type(op) is m.Bind:  # `NAME = <a literal, or nothing the model follows>`
            binds = op.names
        else:
            return None
        for name in binds:
            if name in bound or name in names:
                return None
            names.add(name)
    if (tuple(pair for pair in new.first_bound if pair[0] not in names) != old.first_bound
            or len(new.first_bound) != len(old.first_bound) + len(names)):  # (the names are sorted in it)
        return None
    count = len(old.functions)
    if tuple(new.functions[:count]) != tuple(old.functions) or any(
            function.qualname.partition(".")[0] not in names for function in new.functions[count:]):
        return None
    return frozenset(names), len(added)


def moved_lines(old: m.ModuleFacts, new: m.ModuleFacts, submodules: Iterable[str] = ()
                ) -> Optional[Tuple[Dict[int, int], frozenset, Dict[str, tuple]]]:
    """When `new` is `old` with its statements on other lines (lines added or removed where nothing
    the model sees runs: comments, blank lines, a docstring, lines inside a function's body) and with
    the bodies of some functions changed, and nothing else: where each line of `old` the facts mention
    went, the qualnames of the functions whose bodies changed, and those whose bodies only had inert
    ops inserted (see _grown: qualname -> (ops added, ops before, names read)); else None.

    A run that never looked any of the changed functions up (see `Simulator.call`) takes the same course
    through the new facts, its outcome at the new lines (run_many_reusing); so does one that called a
    grown function, when it has the steps to spare.  `submodules`: the names of the module's submodules."""
    if (old.error is not None or new.error is not None or old.source != new.source
            or old.open_namespace != new.open_namespace or not _same_outside(old, new)
            or len(old.imports) != len(new.imports) or len(old.functions) != len(new.functions)):
        return None
    lines: Dict[int, int] = {}
    if not (_same_moved(old.imports, new.imports, lines) and _same_moved(old.body, new.body, lines)
            and _pairs_moved(old.first_bound, new.first_bound, lines)
            and _pairs_moved(old.worker_imports, new.worker_imports, lines)):
        return None
    refused = ({name for name, _ in old.first_bound} | {name for name, _ in new.first_bound} | set(submodules)
               | {name for function in new.functions for name in function.global_names})
    star = any(name == "*" for raw in new.imports for name, _ in raw.names)  # (it could bind any name)
    return _moved_functions(old.functions, new.functions, lines, refused=None if star else refused)


def _moved_functions(old: Sequence[m.Function], new: Sequence[m.Function], lines: Dict[int, int],
                     numbers: Optional[Dict[int, int]] = None, refused: Optional[Set[str]] = None
                     ) -> Optional[Tuple[Dict[int, int], frozenset, Dict[str, tuple]]]:
    """Pairs the functions of two versions of a module, in order: `lines` with where each unchanged
    function's lines went, the qualnames of those whose bodies changed, and (with `refused`, the names
    an inserted op may not read: see _grown) those whose bodies only grew inert ops; None when the two
    lists do not name the same functions at consistent lines."""
    changed = set()
    grown: Dict[str, tuple] = {}
    for before, after in zip(old, new):
        if before.qualname != after.qualname:
            return None
        if lines.setdefault(before.line, after.line) != after.line:
            return None
        trial = dict(lines)  # (a changed body's lines are left out: nothing may be mapped through them)
        if before.global_names == after.global_names and _same_moved(before.body, after.body, trial, numbers):
            lines = trial
            continue
        found = _grown(before, after, dict(lines), numbers, refused) if refused is not None else None
        if found is None:
            changed.add(before.qualname)
        else:
            lines, grown[before.qualname] = found[0], found[1:]
    return lines, frozenset(changed), grown


def _grown(before: m.Function, after: m.Function, lines: Dict[int, int], numbers: Optional[Dict[int, int]],
           refused: Set[str]) -> Optional[Tuple[Dict[int, int], int, int, frozenset]]:
    """When the body of `after` is that of `before` with inert ops inserted among its own (not inside
    its blocks): (`lines` with where its lines went, how many ops, how long its body was, the names the
    new ops read); else None.

    An op is inert here as at module level (see inserted_definitions: the binding of a name, the call
    or read of a name, in a body that resolves a name already), when the names it binds are new to
    the function (not its parameters, not its globals, nowhere in its ops: they stay local, and nothing
    reads them) and the name it reads is none of the function's names nor one of `refused` (the
    module's bound names, its functions' globals, its submodules) nor a dunder name: that name is
    opaque to the simulation wherever the function runs, so calling or reading it runs nothing."""
    if (before.global_names != after.global_names or before.params != after.params
            or before.positional != after.positional or len(after.body) <= len(before.body)):
        return None
    text = repr(before.body)
    local = set(before.params) | set(before.global_names)

    def known(name: str) -> bool:  # (a name the function has: in its ops, every name is a quoted string)
        return name in local or repr(name) in text

    # Each new op resolves a name (op -> resolve_chain -> lookup) or binds a local one (op -> store), then
    # returns (calling an opaque value runs nothing): no deeper in Python's stack than an op of the body
    # that resolves a name already went, so a run that had the stack for the body has it for them too.
    if not any(type(op) in (m.Call, m.BindResult, m.BindValue, m.Access) or (type(op) is m.Return and op.name)
               for op in before.body):
        return None
    names: Set[str] = set()
    reads: Set[str] = set()
    paired = _paired_ops(before.body, after.body, lines, numbers)
    if paired is None:
        return None
    lines, inserted = paired
    for op in inserted:
        kind = type(op)
        if kind not in _INERT_OPS or kind is m.Define:
            return None
        binds = getattr(op, "names", ())
        if any(known(name) or name in names or name.startswith("__") for name in binds):
            return None
        names.update(binds)
        if _INERT_OPS[kind]:
            if known(op.name) or op.name in names or not _opaque_read(op.name, refused):
                return None
            reads.add(op.name)
    if not inserted:
        return None
    return lines, len(inserted), len(before.body), frozenset(reads)


# What an inserted statement may run (see inserted_definitions): (type, whether it reads a name)
_INERT_OPS = {m.Bind: False, m.Define: False, m.Call: True, m.BindResult: True, m.BindValue: True, m.Access: True}


def inserted_definitions(old: m.ModuleFacts, new: m.ModuleFacts, submodules: Iterable[str] = (),
                         outside: Optional[Callable[[m.RawImport], bool]] = None
                         ) -> Optional[Tuple[frozenset, int, Dict[int, int], frozenset, frozenset, Dict[str, tuple]]]:
    """When `new` is `old` with inert module-level statements inserted anywhere (not only at its end,
    see appended_definitions), its other statements on other lines and the bodies of some functions
    changed (see moved_lines), and nothing else: (the names the inserted statements bind, how many
    ops they add, where each line of `old` the facts mention went, the functions whose bodies
    changed, the names the inserted statements read, the functions whose bodies grew inert ops: see
    moved_lines); else None.

    An inserted statement is inert when it binds only names `old` never binds and reads only names
    that neither version binds (nor a submodule, a dunder name, a `global` of a function, a star
    import): a plain function definition, `NAME = <literal>`, `NAME = len(...)`, `print(...)`. Such a
    name is opaque to the simulation at every point of every run (nothing but its own binding puts a
    followed value in a module's namespace: an attribute set from outside is opaque too), so calling
    or reading it runs nothing. A run that read none of the new names, looked up none of the changed
    functions, and has the steps to spare takes the same course; it now also reads those names.

    With `outside` (whether an import statement names only modules outside the project), a plain
    `import x` / `from x import a` of such modules is inert too: the simulation imports nothing of the
    project for it and binds opaque values to new names. So is `import pkg` (`as name`) of a package
    the module is in, with or without `outside`: a module runs after its packages were imported, so
    the statement finds pkg in sys.modules and binds it. The statements after it are numbered one up in
    the module's imports; their ops are compared through that renumbering."""
    if (old.error is not None or new.error is not None or old.source != new.source or old.open_namespace
            or new.open_namespace or not _same_outside(old, new) or len(new.body) <= len(old.body)
            or any(name == "*" for raw in new.imports for name, _ in raw.names)):
        return None
    lines: Dict[int, int] = {}
    module = new.source.module

    def inert_import(raw: m.RawImport) -> bool:
        # `import pkg` of a package of the module itself: pkg was imported (maybe partially) before the
        # module started, so the statement only binds the name; else a library's (see `outside`)
        return (raw.kind == "import" and module.startswith(raw.target + ".")) or (outside is not None and outside(raw))

    numbers = _imports_inserted(old.imports, new.imports, lines, inert_import)
    if numbers is None:
        return None
    added_imports = set(range(len(new.imports))) - set(numbers.values())
    before = {name for name, _ in old.first_bound}
    after = {name for name, _ in new.first_bound}
    functions = set(new.functions.qualnames)
    global_names = {name for function in new.functions for name in function.global_names}
    children = set(submodules)
    refused = before | after | global_names | children
    names: Set[str] = set()
    reads: Set[str] = set()
    # one more op of a kind that ran there goes no deeper in the stack (binding: as appended_definitions asks)
    kinds = {type(op) for op in old.body}
    if _binds_a_name(old.body):
        kinds.update((m.Bind, m.Define))
        if kinds & {m.Call, m.BindResult, m.BindValue}:
            # `NAME = f(...)` and `NAME = a.b` resolve a name as a call does (the same frames, strict=False),
            # then store as a binding does: where both ran, so could they
            kinds.update((m.BindResult, m.BindValue))
    paired = _paired_ops(old.body, new.body, lines, numbers)
    if paired is None:
        return None
    lines, inserted = paired
    for op in inserted:
        kind = type(op)
        if kind is m.ImportOp and op.index in added_imports and kind in kinds:
            raw = new.imports[op.index]
            binds = tuple(asname or name for name, asname in raw.names) if raw.kind == "from" else (
                raw.names[0][1] or raw.target.partition(".")[0],)
            if any(name in before or name in names or name in global_names or name in children or name.startswith("__")
                   for name in binds):
                return None
            names.update(binds)
            continue
        if kind not in _INERT_OPS or kind not in kinds or (
                kind is m.Define and (op.kind != "function" or op.qualname not in functions)):
            return None
        binds = (op.name,) if kind is m.Define else getattr(op, "names", ())
        if any(name in before or name in names for name in binds):
            return None
        names.update(binds)
        if _INERT_OPS[kind]:
            if not _opaque_read(op.name, refused):
                return None
            reads.add(op.name)
    if not inserted:
        return None
    if (len(new.first_bound) != len(old.first_bound) + len(names)
            or not _pairs_moved(old.first_bound, tuple(p for p in new.first_bound if p[0] not in names), lines)
            or not _pairs_moved(old.worker_imports, new.worker_imports, lines)):
        return None
    kept = [function for function in new.functions if function.qualname.partition(".")[0] not in names]
    paired = (_moved_functions(old.functions, kept, lines, numbers, refused | names)
              if len(kept) == len(old.functions) else None)
    if paired is None:
        return None
    return frozenset(names), len(inserted), paired[0], paired[1], frozenset(reads), paired[2]


def _same_outside(old: m.ModuleFacts, new: m.ModuleFacts) -> bool:
    """Whether two versions of a module agree on what other modules or its compilation read of it besides
    its statements: its literal `__all__`, the lists it exports, its `from __future__ import annotations`,
    its blueprints' callbacks (its flags are read by name: see _flipped_flags)."""
    return (old.all_names == new.all_names and old.all_stages == new.all_stages
            and old.exported_lists == new.exported_lists and old.future_annotations == new.future_annotations
            and old.record_callbacks == new.record_callbacks)


def _flipped_flags(old: m.ModuleFacts, new: m.ModuleFacts) -> frozenset:
    """The (module, ("flag", name)) reads (see Simulator._flag_of) of the flags and exception tuples two
    versions of a module do not export alike: a run that made one of them does not take the same course
    again."""
    before = {**dict(old.exported_flags), **dict(old.exported_errors)}
    after = {**dict(new.exported_flags), **dict(new.exported_errors)}
    module = new.source.module
    return frozenset((module, ("flag", name)) for name in before.keys() | after.keys()
                     if before.get(name, _flipped_flags) != after.get(name, _flipped_flags))  # (None is a value)


def _opaque_read(name: str, refused: Set[str]) -> bool:
    """Whether an inserted op's read of `name` finds a value the simulation does not follow: not one of
    `refused` (the names the module binds, its functions' globals, its submodules), `super()` or a
    dunder name."""
    return name not in refused and name != "super()" and not (name.startswith("__") and name.endswith("__"))


def _paired_ops(old: tuple, new: tuple, lines: Dict[int, int], numbers: Optional[Dict[int, int]]
                ) -> Optional[Tuple[Dict[int, int], List[object]]]:
    """Pairs each op of `old` with the next equal op of `new` (but for lines and import numbers, see
    _same_moved): `lines` with where their lines went and the ops of `new` left in between (inserted),
    in order; None when not every op of `old` finds one."""
    inserted: List[object] = []
    j = 0
    for op in new:
        if j < len(old):
            trial = dict(lines)
            if _same_moved(old[j], op, trial, numbers):
                lines, j = trial, j + 1
                continue
        inserted.append(op)
    return (lines, inserted) if j == len(old) else None


def _imports_inserted(old: Sequence[m.RawImport], new: Sequence[m.RawImport], lines: Dict[int, int],
                      outside: Optional[Callable[[m.RawImport], bool]]) -> Optional[Dict[int, int]]:
    """Pairs the import statements of two versions of a module, in order, allowing plain imports of
    modules outside the project (`outside`) in between: the new number of each old statement (noting in
    `lines` where their lines went); None when they do not pair up that way."""
    numbers: Dict[int, int] = {}
    i = 0
    for j, raw in enumerate(new):
        if i < len(old):
            trial = dict(lines)
            if _same_moved(old[i], raw, trial):
                lines.update(trial)
                numbers[i] = j
                i += 1
                continue
        if (outside is None or raw.kind not in ("import", "from") or raw.level or raw.target == "__future__"
                or raw.scope != m.MODULE or raw.guarded or not outside(raw)):
            return None
    return numbers if i == len(old) else None


_LINE_FIELDS = frozenset({"line", "suppressed_line"})
_FIELDS: Dict[type, Tuple[str, ...]] = {}


def _same_moved(old: object, new: object, lines: Dict[int, int], numbers: Optional[Dict[int, int]] = None) -> bool:
    """Whether `old` and `new` (facts: ops, imports, tuples of them) are equal but for their lines,
    each old line going to one new line (noted in `lines`), and, with `numbers`, but for the numbers of
    the import statements their ops run (old number -> new number, see _imports_inserted)."""
    kind = type(old)
    if kind is not type(new):
        return False
    if kind is tuple:
        return len(old) == len(new) and all(_same_moved(a, b, lines, numbers) for a, b in zip(old, new))  # type: ignore
    names = _FIELDS.get(kind)
    if names is None:
        if not hasattr(kind, "__dataclass_fields__"):
            return old == new
        names = _FIELDS[kind] = tuple(field.name for field in fields(kind))
    for name in names:
        a, b = getattr(old, name), getattr(new, name)
        if name in _LINE_FIELDS:
            if lines.setdefault(a, b) != b:
                return False
        elif numbers is not None and name == "index" and kind in _NUMBERED:
            if numbers.get(a, -1) != b:
                return False
        elif not _same_moved(a, b, lines, numbers):
            return False
    return True


_NUMBERED = (m.ImportOp, m.DynamicImport, m.ExecFile)  # ops whose `index` is the number of a statement in the module's imports


def _pairs_moved(old: Tuple[Tuple[str, int], ...], new: Tuple[Tuple[str, int], ...], lines: Dict[int, int]) -> bool:
    """`_same_moved` for (name, line) pairs."""
    return len(old) == len(new) and all(
        a[0] == b[0] and lines.setdefault(a[1], b[1]) == b[1] for a, b in zip(old, new))


_STALE = object()  # a stored outcome that does not stand


def _grown_steps(run: tuple, moves: Sequence[tuple], has: Callable[[int, tuple], bool]) -> Tuple[int, Tuple[tuple, ...]]:
    """For a stored run through modules some of whose functions grew inert ops (`moves`, see
    moved_lines): at most how many more steps it takes now, and the (module, name) reads it adds
    (those of the new ops of the functions it looked up). A body of n ops ran at most steps // n
    times: each time it is entered, its length is counted."""
    consulted, _, read, steps = run[:4]
    extra = 0
    added_reads: List[tuple] = []
    for bit, name, _, _, _, grown in moves:
        if consulted & bit:
            for qualname, (added, length, names) in grown.items():
                if has(read, (name, ("def", qualname))):
                    extra += added * (steps // max(length, 1))
                    added_reads.extend((name, new) for new in sorted(names))
    return extra, tuple(added_reads)


def _moved_run(run: tuple, moves: Sequence[tuple], has: Callable[[int, tuple], bool]) -> object:
    """The encoded outcome of a stored run (see run_many_reusing) through modules whose lines moved
    (`moves`), at their new lines; _STALE when the run looked up a function whose body changed (`has`:
    whether its reads hold a pair, see _Reads), or when its outcome mentions a line that is not known
    to have moved."""
    consulted, encoded, read = run[:3]
    for bit, name, path, lines, functions, _ in moves:
        if consulted & bit:
            if any(has(read, (name, ("def", qualname))) for qualname in functions):
                return _STALE
            encoded = _moved_outcome(encoded, path, lines)
            if encoded is _STALE:
                return _STALE
    return encoded


def _moved_outcome(encoded: Optional[tuple], path: str, lines: Dict[int, int]) -> object:
    """An encoded outcome (see `_encode`) with the lines of file `path` moved as `lines` says; _STALE
    when it mentions a line of that file that `lines` does not know (or one inside a message)."""
    if encoded is None or encoded == UNDECIDED:
        return encoded
    (exception, trace, failing, missing, bound_at, uncertain), cycle, edges = encoded
    if any(f"{path}:" in condition for condition in uncertain):
        return _STALE

    def line(where: str, number: int) -> int:
        if where != path:
            return number
        return lines[number]  # (KeyError: not known)

    def site(fields: tuple) -> tuple:  # (importer, imported, path, line, ...: see _SITE)
        return fields[:3] + (line(fields[2], fields[3]),) + fields[4:]

    try:
        trace = tuple(step[:2] + (line(step[1], step[2]),) + step[3:] for step in trace)  # (module, path, line, ...)
        failing, edges = site(failing), tuple(map(site, edges))
        if bound_at is not None:
            bound_at = (bound_at[0], line(bound_at[0], bound_at[1]))
    except (KeyError, TypeError, IndexError):  # (a damaged entry too)
        return _STALE
    return (exception, trace, failing, missing, bound_at, uncertain), cycle, edges


def _usable(stored) -> bool:
    """Whether `stored` has the shape of `run_many_reusing`'s second result (a cache file is untrusted;
    `_decode` rejects what does not fit)."""
    if not (isinstance(stored, tuple) and len(stored) == 4 and isinstance(stored[0], tuple)
            and isinstance(stored[1], tuple) and isinstance(stored[2], dict) and len(stored[0]) == len(stored[1])
            and isinstance(stored[3], tuple)):
        return False
    table = stored[3]
    return (all(type(pair) is tuple and len(pair) == 2 and type(pair[0]) is str
                and (pair[1] is None or type(pair[1]) is str or (type(pair[1]) is tuple and all(
                    type(part) is str for part in pair[1]))) for pair in table)
            and len(set(table)) == len(table)
            and all(isinstance(run, tuple) and len(run) == 4 and isinstance(run[0], int) and type(run[2]) is int
                    and 0 <= run[2] and run[2].bit_length() <= len(table) and isinstance(run[3], int)
                    for run in stored[2].values()))


_SITE = attrgetter(*(field.name for field in fields(m.ImportSite)))
_STEP = attrgetter(*(field.name for field in fields(m.TraceStep)))


UNDECIDED = "undecided"  # an outcome that ran out of steps, encoded


def _encode(outcome: Outcome) -> Optional[object]:
    """An outcome as plain tuples (ten times quicker to store and load than the dataclasses)."""
    if outcome.undecided:
        return UNDECIDED
    crash = outcome.crash
    if crash is None:
        return None
    return ((crash.exception, tuple(map(_STEP, crash.trace)), _SITE(crash.failing), crash.missing_name,
             crash.bound_at, crash.uncertain), outcome.cycle, tuple(map(_SITE, outcome.cycle_edges)))


def _decode(start: str, encoded: Optional[object]) -> Outcome:
    if encoded is None:
        return Outcome(start, None)
    if encoded == UNDECIDED:
        return Outcome(start, None, undecided=True)
    (exception, trace, failing, missing, bound_at, uncertain), cycle, edges = encoded
    crash = m.Crash(start, exception, tuple(m.TraceStep(*step) for step in trace), m.ImportSite(*failing), missing,
                    bound_at, uncertain)
    return Outcome(start, crash, cycle, tuple(m.ImportSite(*edge) for edge in edges))
