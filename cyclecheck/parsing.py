"""One pass over a file: its import statements with their scope, and the program it runs at import.

The pass reads the file once, parses it with the standard library's parser (the
same one astroid builds on) and records:

* every import statement (`RawImport`) with its scope: `module` when it runs at
  import time, `function` inside a def/lambda, `type-checking` under
  `if TYPE_CHECKING:`, and whether a `try` that catches ImportError guards it;
* the module-level program: the order in which names get bound, imports run,
  module attributes are read and functions are called (`model.Op`), which
  `simulate` executes to predict crashes;
* the bodies of module-level functions and methods, in case they are called at
  import time.

Nothing here imports or executes the file.
"""

from __future__ import annotations

import ast
import builtins
import copy
import functools
import io
import os
import platform
import re
import stat
import sys
import threading
import tokenize
from contextlib import contextmanager
from dataclasses import replace
from typing import Callable, Container, Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

from . import model as m
from .graph import PARAMETER_METHODS, TABLE_KEY, absolute_name, fill_parameters, lookup_entries

MAX_BYTES = 20 * 1024 * 1024
IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})
DYNAMIC_IMPORTERS = frozenset({"import_module", "__import__"})
# The methods of the object being made that a library class's __init__ calls (on a subclass of the
# project, its own): Flask's make_config and make_aborter, Celery's on_init; a Flask extension's
# init_app when it is given the app (`hook?app@0`: by keyword app=, or as the first positional argument, a
# value other than None; `&` would join what a hook needs. Flask-Migrate, which calls init_app only given
# the app and the db, is left out: a subclass forwarding `super().__init__(app, db)` hands on a db not known)
_GIVEN_APP = ("init_app?app@0",)
LIBRARY_HOOKS = {"flask.Flask": ("make_config", "make_aborter"), "flask.app.Flask": ("make_config", "make_aborter"),
                 "celery.Celery": ("on_init",), "celery.app.Celery": ("on_init",),
                 "celery.app.base.Celery": ("on_init",),
                 **{path: _GIVEN_APP for path in (
                     "flask_sqlalchemy.SQLAlchemy", "flask_login.LoginManager", "flask_mail.Mail", "flask_caching.Cache",
                     "flask_restx.Api", "flask_restful.Api", "flask_cors.CORS", "flask_jwt_extended.JWTManager",
                     "flask_babel.Babel", "flask_socketio.SocketIO", "flask_wtf.CSRFProtect",
                     "flask_wtf.csrf.CSRFProtect", "flask_marshmallow.Marshmallow", "flask_bcrypt.Bcrypt")},
                 "flask_limiter.Limiter": ("init_app?app",)}
_HOOKED_CLASSES = frozenset(path.rpartition(".")[2] for path in LIBRARY_HOOKS)
# The classes a library base's __init__ makes from class attributes the subclass may set (Flask's
# config_class: made by its make_config when the subclass does not override that), in that order, each
# after the hook (of LIBRARY_HOOKS) that makes it, "" for none
_MADE_CLASSES = {"make_config": ("config_class",), "make_aborter": ("aborter_class",),
                 "": ("json_provider_class", "url_map_class")}
# Flask's methods that use what they are given at once (see _Extractor.call)
_GIVEN_INSTANCES = frozenset({"from_object", "register_blueprint"})
# Test runners, not imported in a fresh interpreter: `if "pytest" in sys.modules:` is false there
TEST_RUNNERS = frozenset({"pytest", "_pytest", "nose", "nose2"})
# imports by a string naming a module, or an object in one: werkzeug's and Django's `import_string("a.b:C")`,
# and Flask's `app.config.from_object("a.settings")`, which calls it (an object given instead is not imported)
STRING_IMPORTERS = frozenset({"import_string", "from_object"})
# the same, "a.b:C" or "a.b.C" read as import_string does, by their full paths
_RESOLVERS = frozenset({"pkgutil.resolve_name", "celery.utils.imports.symbol_by_name", "celery.utils.symbol_by_name",
                        "kombu.utils.imports.symbol_by_name", "kombu.utils.symbol_by_name"})
_RESOLVER_NAMES = frozenset(path.rpartition(".")[2] for path in _RESOLVERS)
# SQLAlchemy's mapper configuration: the events whose listeners run when it configures the mappers (the
# simulation's library signal MAPPERS_CONFIGURED), the functions that register them, and what configures:
# a mapper's attributes read (`inspect(Order).relationships`), configure_mappers(), and the class statement
# of a marshmallow-sqlalchemy schema given a model (`class Meta: model = Order`; SQLAlchemySchema only
# with auto_field()s), whose metaclass reads the model's attributes
_MAPPER_EVENTS = frozenset({"after_configured", "before_configured", "mapper_configured",
                            "before_mapper_configured"})
_EVENT_LISTENERS = frozenset({"sqlalchemy.event.listens_for", "sqlalchemy.event.api.listens_for",
                              "sqlalchemy.event.listen", "sqlalchemy.event.api.listen"})
_CONFIGURING_ATTRIBUTES = frozenset({"attrs", "relationships", "all_orm_descriptors", "synonyms", "column_attrs",
                                     "composites", "iterate_properties", "get_property", "get_property_by_column"})
_EVENT_LISTENER_NAMES = frozenset(path.rpartition(".")[2] for path in _EVENT_LISTENERS)
_CONFIGURERS = frozenset({"sqlalchemy.orm.configure_mappers", "sqlalchemy.orm.mapper.configure_mappers"})
_AUTO_SCHEMAS = frozenset({"SQLAlchemyAutoSchema", "ModelSchema"})
_INSPECTORS = frozenset({"sqlalchemy.inspect", "sqlalchemy.inspection.inspect"})
# Flask extensions that load the app's config from elsewhere (the environment, files) as they are made
_CONFIG_LOADERS = frozenset({"flask_appconfig", "flask_environments", "flask_dotenv", "flask_env", "flask_config"})
# celery.Celery by the paths a module may import it from
_CELERY_PATHS = frozenset({"celery.Celery", "celery.app.Celery", "celery.app.base.Celery"})
# Functions that import the package they are given by name to find its files (find_spec: the parent
# packages of the module it is given; Jinja's PackageLoader: its templates), by their full path
_RESOURCE_READERS = frozenset(
    [f"{base}.{name}" for base in ("importlib.resources", "importlib_resources") for name in (
        "files", "read_text", "read_binary", "open_text", "open_binary", "path", "contents", "is_resource")]
    + ["pkgutil.get_data", "importlib.util.find_spec", "jinja2.PackageLoader", "jinja2.loaders.PackageLoader"]
    + [f"pkg_resources.{name}" for name in ("resource_filename", "resource_string", "resource_stream",
                                            "resource_exists", "resource_listdir", "resource_isdir")])
_RESOURCE_NAMES = frozenset(path.rpartition(".")[2] for path in _RESOURCE_READERS)
# `# cyclecheck: ignore` or `# cyclecheck: ignore[CC001, CC002]` on a line of an import statement
SUPPRESSION = re.compile(r"#\s*cyclecheck:\s*ignore\b(?:\[([^\]]*)\])?")


# The stages after parsing read some files' text (roles, advice snippets): a stored report is
# only as good as those texts, so check.py records which files they read (per thread).
_RECORDING = threading.local()


@contextmanager
def recording_reads() -> Iterator[List[str]]:
    """Within the block, every path read_source reads in this thread is appended to the list."""
    previous = getattr(_RECORDING, "paths", None)
    _RECORDING.paths = paths = []
    try:
        yield paths
    finally:
        _RECORDING.paths = previous


def record_reads(paths: Sequence[str]) -> None:
    """Count these paths as read in this thread (their text was read elsewhere for this thread's work)."""
    recording = getattr(_RECORDING, "paths", None)
    if recording is not None:
        recording.extend(paths)


class Unreadable(Exception):
    """A file read_bytes will not read: not a regular file, or too large."""


def read_bytes(path: str) -> bytes:
    """The bytes of a regular file of at most MAX_BYTES; Unreadable (or OSError) for anything else.
    Opened without blocking, so that a FIFO named like a module cannot stall the run."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise Unreadable("not a regular file")
        if status.st_size > MAX_BYTES:
            raise Unreadable(f"file too large to analyse ({status.st_size} bytes)")
        return handle.read(MAX_BYTES + 1)


def read_source(path: str) -> Tuple[Optional[str], Optional[m.ParseError]]:
    """The file's text, decoded as Python would (PEP 263), or a diagnostic."""
    recording = getattr(_RECORDING, "paths", None)
    if recording is not None:
        recording.append(path)
    try:
        data = read_bytes(path)
    except Unreadable as exc:
        return None, m.ParseError(path, 0, str(exc))
    except OSError as exc:
        return None, m.ParseError(path, 0, f"cannot read file: {exc.strerror or exc}")
    if len(data) > MAX_BYTES:  # (it grew since it was opened)
        return None, m.ParseError(path, 0, f"file too large to analyse (over {MAX_BYTES} bytes)")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        text = data.decode(encoding)
    except (SyntaxError, LookupError) as exc:
        return None, m.ParseError(path, 1, f"cannot decode file: {exc}")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, m.ParseError(path, line, f"cannot decode file as {exc.encoding}: not a text Python file")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, None


def parse_file(source: m.SourceFile) -> m.ModuleFacts:
    text, error = read_source(source.path)
    if error is not None:
        return m.ModuleFacts(source=source, error=error)
    return parse_text(text, source)


def parse_text(text: str, source: m.SourceFile) -> m.ModuleFacts:
    """Facts of one module given its text; syntax errors become a `ParseError`."""
    if "\0" in text:
        line = text[: text.index("\0")].count("\n") + 1
        return m.ModuleFacts(source=source, error=m.ParseError(source.path, line, "file contains a null byte"))
    try:
        tree = ast.parse(text, filename=source.path)
    except SyntaxError as exc:
        message = f"syntax error: {exc.msg}"
        return m.ModuleFacts(source=source, error=m.ParseError(source.path, exc.lineno or 0, message))
    except (RecursionError, MemoryError):
        return m.ModuleFacts(source=source, error=m.ParseError(source.path, 0, "too deeply nested to parse"))
    except ValueError as exc:
        return m.ModuleFacts(source=source, error=m.ParseError(source.path, 0, f"cannot parse: {exc}"))
    try:
        return _Extractor(text, source).run(tree)
    except RecursionError:
        return m.ModuleFacts(source=source, error=m.ParseError(source.path, 0, "too deeply nested to analyse"))
    except Exception as exc:  # a bug of ours on some construct: this file is left out, the run goes on
        return m.ModuleFacts(source=source, error=m.ParseError(
            source.path, 0, f"internal error while reading its imports ({type(exc).__name__}: {exc}); "
                            f"the file is left out of the analysis"))


_LEAF_EXPRS = frozenset({type(None), ast.Name, ast.Constant})
# builtins that run a generator given to them through (`any`/`all` may stop early: at least once)
# builtins and itertools functions that only wrap the iterables they are given: a generator handed to one
# runs nothing until what it returns is iterated (see _Extractor.wrapped)
_WRAPPERS = frozenset({"map", "filter", "zip", "enumerate", "iter"})
_ITERTOOLS_WRAPPERS = frozenset({"chain", "chain.from_iterable", "islice", "cycle", "tee", "starmap", "compress",
                                 "dropwhile", "takewhile", "zip_longest", "groupby", "accumulate", "pairwise",
                                 "filterfalse"})
_LIBRARY_SIGNAL_NAMES = frozenset(path.rpartition(".")[2] for path in m.LIBRARY_SIGNALS)
_WRAPPER_NAMES = _WRAPPERS | _ITERTOOLS_WRAPPERS | {"from_iterable"}  # (what a call of one may be named)
_CONSUMERS = frozenset({"list", "tuple", "set", "frozenset", "dict", "sorted", "sum", "min", "max", "any", "all"})
# Expressions whose ops are their children's, in the order of their fields (as ast.iter_child_nodes
# gives them): every field holds expressions, lists of expressions (a dict's keys may hold None) or
# nothing an expression runs (ctx, operators).
_PLAIN_FIELDS = {
    kind: tuple(name for name in kind._fields if name not in ("ctx", "op", "ops", "conversion"))
    for kind in (ast.BinOp, ast.UnaryOp, ast.Compare, ast.Subscript, ast.Slice, ast.Tuple, ast.List, ast.Set,
                 ast.Dict, ast.Starred, ast.JoinedStr, ast.FormattedValue, ast.Await, ast.Yield, ast.YieldFrom)
}


def _chain(node: ast.AST) -> Optional[Tuple[str, Tuple[str, ...]]]:
    """`a.b.c` -> ("a", ("b", "c")); None when the base is not a plain name."""
    kind = type(node)
    if kind is ast.Name:  # (the parser makes no subclasses of its node classes)
        return node.id, ()  # type: ignore[attr-defined]
    attrs: List[str] = []
    while kind is ast.Attribute:
        attrs.append(node.attr)  # type: ignore[attr-defined]
        node = node.value  # type: ignore[attr-defined]
        kind = type(node)
    if kind is ast.Name:
        return node.id, tuple(reversed(attrs))  # type: ignore[attr-defined]
    return None


def _target_names(node: ast.AST) -> List[str]:
    if isinstance(node, ast.Name):
        return [node.id]
    if isinstance(node, (ast.Tuple, ast.List)):
        return [n for elt in node.elts for n in _target_names(elt)]
    if isinstance(node, ast.Starred):
        return _target_names(node.value)
    return []


# the enum classes whose subclasses' members are made with the subclass's own __init__
_ENUM_CLASSES = frozenset({"enum.Enum", "enum.IntEnum", "enum.StrEnum", "enum.Flag", "enum.IntFlag"})
_ENUM_NAMES = frozenset(path.rpartition(".")[2] for path in _ENUM_CLASSES)


def _enum_members(node: ast.ClassDef) -> bool:
    """Whether a class body defines `__init__` and binds a member (a plain name, not `_sunder_`)."""
    return any(type(statement) in (ast.FunctionDef, ast.AsyncFunctionDef) and statement.name == "__init__"
               for statement in node.body) and any(
        type(statement) is ast.Assign and len(statement.targets) == 1 and type(statement.targets[0]) is ast.Name
        and not statement.targets[0].id.startswith("_") for statement in node.body)


class _Substituted(ast.NodeTransformer):
    """An expression with some names replaced by the expressions they stand for (see table_aliases)."""

    def __init__(self, names: Dict[str, ast.expr]) -> None:
        self.names = names

    def visit_Name(self, node: ast.Name) -> ast.expr:
        return self.names.get(node.id, node) if type(node.ctx) is ast.Load else node


def _shown_call(node: ast.expr) -> str:
    """How a trace quotes `node` (`import_module('feeds.worker')`): its text as Python writes it back
    (ast.unparse costs what the node holds, where the source segment would split the whole text)."""
    try:
        return ast.unparse(node).replace("\0", "")
    except (ValueError, RecursionError):
        return "..."


def _modules_entry(node: ast.AST, constant: Callable[[str], Optional[ast.expr]]) -> Optional[str]:
    """`sys.modules[__package__]`, `sys.modules["app.extensions"]`: the name of the module looked up (a
    template, see _template), which the lookup does not import; None for another expression, and for
    `sys.modules[__name__]` (the running module: see _own_module)."""
    if not (type(node) is ast.Subscript and type(node.ctx) is ast.Load  # type: ignore[attr-defined]
            and _chain(node.value) == ("sys", ("modules",)) and not _own_module(node)):  # type: ignore[attr-defined]
        return None
    return _template(node.slice, None, constant)  # type: ignore[attr-defined]


def _own_module(node: ast.AST) -> bool:
    """`sys.modules[__name__]`: the running module itself."""
    return (isinstance(node, ast.Subscript) and _chain(node.value) == ("sys", ("modules",))
            and isinstance(node.slice, ast.Name) and node.slice.id == "__name__")


# `from typing import TYPE_CHECKING as TYPING`: the names the flag is bound to in the module being read
_TYPE_CHECKING_ALIAS = re.compile(r"\bTYPE_CHECKING\s+as\s+(\w+)")


def _is_type_checking(test: ast.AST) -> bool:
    chain = _chain(test)
    return chain is not None and (chain[1][-1:] == ("TYPE_CHECKING",) or chain == ("TYPE_CHECKING", ()) or (
        not chain[1] and chain[0] in getattr(_WRITTEN, "type_checking", ())))


def _is_main_test(test: ast.AST) -> Optional[bool]:
    """True for `__name__ == "__main__"`, False for `!=`, None for anything else. `__name__ in ("__main__",
    "__mp_main__")` is the same test (multiprocessing's spawned children run the main script as __mp_main__)."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and len(test.comparators) == 1):
        return None
    if (type(test.ops[0]) in (ast.In, ast.NotIn) and type(test.left) is ast.Name and test.left.id == "__name__"
            and type(test.comparators[0]) in (ast.Tuple, ast.List, ast.Set)
            and "__main__" in (_literal_strings(test.comparators[0]) or ())
            and set(_literal_strings(test.comparators[0]) or ()) <= {"__main__", "__mp_main__"}):
        return type(test.ops[0]) is ast.In
    sides = [test.left, test.comparators[0]]
    names = [s for s in sides if isinstance(s, ast.Name) and s.id == "__name__"]
    consts = [s for s in sides if isinstance(s, ast.Constant) and s.value == "__main__"]
    if len(names) == 1 and len(consts) == 1:
        if isinstance(test.ops[0], (ast.Eq, ast.Is)):
            return True
        if isinstance(test.ops[0], (ast.NotEq, ast.IsNot)):
            return False
    return None


class _Undecided(Exception):
    pass


_ARGV_METHODS = frozenset({"startswith", "endswith", "lower", "upper", "strip", "split", "count"})
_ARGV_COMPARISONS = {ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b, ast.Eq: lambda a, b: a == b,
                     ast.NotEq: lambda a, b: a != b, ast.Lt: lambda a, b: a < b, ast.LtE: lambda a, b: a <= b,
                     ast.Gt: lambda a, b: a > b, ast.GtE: lambda a, b: a >= b}


def _argv_truth(test: ast.AST, path_of: Callable[[ast.AST], Optional[str]]) -> Optional[bool]:
    """The truth of a test that reads `sys.argv` in `python -c "import M"`, where it is `["-c"]`:
    `"worker" in sys.argv`, `len(sys.argv) > 1`, `sys.argv[1:]`, `sys.argv[0].endswith("celery")`,
    `os.path.basename(sys.argv[0]) in ("celery", ...)`, and `and`/`or`/`not` of such; None for any other
    test, or one that raises there (`sys.argv[1]`)."""
    found = []

    def value(node: ast.AST) -> object:
        kind = type(node)
        if kind is ast.Constant:
            return node.value  # type: ignore[attr-defined]
        if kind is ast.Tuple or kind is ast.List:  # (`in ("celery", "celery.exe")`)
            return [value(element) for element in node.elts]  # type: ignore[attr-defined]
        if (kind is ast.Name and node.id == "argv" or kind is ast.Attribute  # type: ignore[attr-defined]
                and node.attr == "argv") and path_of(node) == "sys.argv":  # type: ignore[attr-defined]
            found.append(node)
            return ["-c"]
        if kind is ast.Subscript:
            base, index = value(node.value), node.slice  # type: ignore[attr-defined]
            if type(index) is ast.Slice:
                if index.step is not None:
                    raise _Undecided
                return base[slice(None if index.lower is None else value(index.lower),  # type: ignore[index]
                                  None if index.upper is None else value(index.upper))]
            return base[value(index)]  # type: ignore[index]
        if kind is ast.Call and not node.keywords:  # type: ignore[attr-defined]
            func = node.func  # type: ignore[attr-defined]
            args = [value(arg) for arg in node.args]  # type: ignore[attr-defined]
            if type(func) is ast.Name and func.id == "len" and len(args) == 1:
                return len(args[0])  # type: ignore[arg-type]
            if (type(func) is ast.Attribute and func.attr == "basename" and len(args) == 1 and type(args[0]) is str
                    and path_of(func) == "os.path.basename"):  # `os.path.basename(sys.argv[0])`
                return os.path.basename(args[0])
            if type(func) is ast.Attribute and func.attr in _ARGV_METHODS:
                owner = value(func.value)
                if type(owner) is str:
                    return getattr(owner, func.attr)(*args)
        if kind is ast.Compare and len(node.ops) == 1 and type(node.ops[0]) in _ARGV_COMPARISONS:  # type: ignore
            return _ARGV_COMPARISONS[type(node.ops[0])](value(node.left),  # type: ignore[attr-defined]
                                                        value(node.comparators[0]))  # type: ignore[attr-defined]
        if kind is ast.UnaryOp and type(node.op) is ast.Not:  # type: ignore[attr-defined]
            return not value(node.operand)  # type: ignore[attr-defined]
        if kind is ast.BoolOp:
            values = [value(part) for part in node.values]  # type: ignore[attr-defined]
            return all(values) if type(node.op) is ast.And else any(values)  # type: ignore[attr-defined]
        raise _Undecided

    try:
        truth = bool(value(test))
    except Exception:  # (_Undecided, or what the test raises there: an IndexError, a TypeError...)
        return None
    return truth if found else None


# what a freezer (PyInstaller, cx_Freeze, py2exe) sets on the sys module of the program it builds: absent in an
# interpreter that runs the source
FREEZER_ATTRIBUTES = frozenset({"frozen", "_MEIPASS"})


def _frozen_test(test: ast.Call) -> Optional[bool]:
    """`getattr(sys, "frozen", False)` (a literal default: its truth), `hasattr(sys, "_MEIPASS")` (False);
    None for another call."""
    args = test.args
    if (type(test.func) is not ast.Name or test.func.id not in ("getattr", "hasattr") or test.keywords  # type: ignore
            or len(args) < 2 or _chain(args[0]) != ("sys", ()) or type(args[1]) is not ast.Constant
            or args[1].value not in FREEZER_ATTRIBUTES):  # type: ignore[attr-defined]
        return None
    if test.func.id == "hasattr":  # type: ignore[attr-defined]
        return False if len(args) == 2 else None
    return bool(args[2].value) if len(args) == 3 and type(args[2]) is ast.Constant else None  # type: ignore


def _static_truth(test: ast.AST) -> Optional[bool]:
    """Decide a module-level `if` test when it does not depend on the program's state."""
    if type(test) is ast.NamedExpr:  # `if (dsn := os.environ.get("DSN")):` tests the value it binds
        return _static_truth(test.value)
    if isinstance(test, ast.Constant):
        return bool(test.value)
    if isinstance(test, ast.Name) and test.id == "__debug__":
        return True  # (False only under `python -O`)
    six = _SIX_FLAGS.get(_chain(test)) if isinstance(test, ast.Attribute) else None  # type: ignore[arg-type]
    if six is not None:
        return six  # (`six.PY2`: the library's, on Python 3)
    if _is_type_checking(test):
        return False
    frozen = _frozen_test(test) if type(test) is ast.Call else None
    if frozen is not None:  # `getattr(sys, "frozen", False)`: a PyInstaller or cx_Freeze build only
        return frozen
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = _static_truth(test.operand)
        return None if inner is None else not inner
    platform = _platform_value(test.func.value) if (
        isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute) and test.func.attr == "startswith"
        and len(test.args) == 1 and not test.keywords) else None
    if platform is not None:  # `sys.platform.startswith("win")`
        arg = test.args[0]
        prefixes = (arg.value,) if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else \
            _literal_strings(arg)
        return platform.startswith(tuple(prefixes)) if prefixes is not None else None
    compared = _compared_strings(test, platform=True)
    if compared is not None:  # `os.name == "nt"`, `sys.platform in ("win32", "cygwin")`: as here
        value = _platform_value(test.left if not isinstance(test.left, ast.Constant) else test.comparators[0])
        return None if value is None else (value in compared[1]) == compared[2]
    environment = _environment_test(test)
    if environment is not None:
        return environment
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.In, ast.NotIn)) \
            and isinstance(test.left, ast.Constant) and test.left.value in TEST_RUNNERS \
            and _chain(test.comparators[0]) == ("sys", ("modules",)):
        return isinstance(test.ops[0], ast.NotIn)  # `"pytest" in sys.modules`: not in `python -c "import M"`
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        left, other = _version_value(test.left), _int_literal(test.comparators[0])
        name = _COMPARISONS.get(type(test.ops[0]))
        if left is not None and other is not None and name is not None:
            # what the running interpreter answers (the one the checked code is meant to run on)
            result = getattr(left, name)(other)
            return None if result is NotImplemented else bool(result)
    return None


# six's version flags, as the library binds them on any Python 3
_SIX_FLAGS = {("six", ("PY2",)): False, ("six", ("PY3",)): True, ("six", ("PY34",)): True}

_COMPARISONS = {ast.Lt: "__lt__", ast.LtE: "__le__", ast.Gt: "__gt__", ast.GtE: "__ge__", ast.Eq: "__eq__",
                ast.NotEq: "__ne__"}


# Flask attributes that read the app's config, and the keys its default config holds (Flask 2 and 3)
_FLASK_ATTRIBUTE_KEYS = {"debug": "DEBUG", "testing": "TESTING", "secret_key": "SECRET_KEY"}
_FLASK_DEFAULT_KEYS = frozenset({
    "DEBUG", "TESTING", "PROPAGATE_EXCEPTIONS", "SECRET_KEY", "SECRET_KEY_FALLBACKS", "PERMANENT_SESSION_LIFETIME",
    "USE_X_SENDFILE", "TRUSTED_HOSTS", "SERVER_NAME", "APPLICATION_ROOT", "SESSION_COOKIE_NAME",
    "SESSION_COOKIE_DOMAIN", "SESSION_COOKIE_PATH", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_PARTITIONED", "SESSION_COOKIE_SAMESITE", "SESSION_REFRESH_EACH_REQUEST", "MAX_CONTENT_LENGTH",
    "MAX_FORM_MEMORY_SIZE", "MAX_FORM_PARTS", "SEND_FILE_MAX_AGE_DEFAULT", "TRAP_BAD_REQUEST_ERRORS",
    "TRAP_HTTP_EXCEPTIONS", "EXPLAIN_TEMPLATE_LOADING", "PREFERRED_URL_SCHEME", "TEMPLATES_AUTO_RELOAD",
    "MAX_COOKIE_SIZE", "PROVIDE_AUTOMATIC_OPTIONS", "ENV", "JSON_AS_ASCII", "JSON_SORT_KEYS",
    "JSONIFY_PRETTYPRINT_REGULAR", "JSONIFY_MIMETYPE", "PRESERVE_CONTEXT_ON_EXCEPTION"})

# what may bind a name in a function's text (a superset: the walk decides): the name before a lone `=`
# on its line (an assignment, augmented, annotated, unpacked, a walrus; also a keyword argument), or after
# `for`, `as`, `del`, `global`, `nonlocal`, `import`, `lambda` or `case` (see _Extractor.default_kept)
_REBINDING = (r"\b{0}\b[^\n]*?(?<![=!<>])=(?!=)"
              r"|\b(?:for|as|del|global|nonlocal|import|lambda|case)\b[^\n]*\b{0}\b")

_UNSET = object()  # what _environment_value gives for an expression that is not a read of the environment
UNSET_VALUE = _UNSET  # (what helper_call_value gives for a call it cannot decide)


# the environment variables the module being read sets itself (see _environment_writes), for this thread
_WRITTEN = threading.local()


def _literal_str(node: Optional[ast.AST]) -> Optional[str]:
    """The string a literal string is; None for any other node."""
    return node.value if type(node) is ast.Constant and type(node.value) is str else None  # type: ignore


def _update_entries(node: ast.Call) -> List[Tuple[str, Optional[str]]]:
    """The keys a mapping's `update(...)` sets (`os.environ.update(...)`, `globals().update(...)`), each with
    its literal string value or None: by keyword, or the entries of a dict written out; ("", None) for what
    sets keys not known here."""
    found: List[Tuple[str, Optional[str]]] = []
    for given in node.args:
        if type(given) is not ast.Dict:
            return found + [("", None)]
        for key, value in zip(given.keys, given.values):
            if _literal_str(key) is None:
                return found + [("", None)]
            found.append((key.value, _literal_str(value)))  # type: ignore[union-attr]
    for keyword in node.keywords:
        if keyword.arg is None:
            return found + [("", None)]
        found.append((keyword.arg, _literal_str(keyword.value)))
    return found


def _environment_writes(tree: ast.Module, text: str) -> Dict[str, object]:
    """The environment variables a module sets itself: `os.environ.setdefault("X", "v")`,
    `os.environ["X"] = "v"` and `os.environ.update(X="v")` as statements of its top level give "v" (unset in
    a fresh interpreter, so set to it); another such write of X (of another value, `del`), or one nested in
    a statement of the module's level (an `if`, a loop: it may not run, or run again), gives _UNSET, and one
    of a variable not named by a literal (or `.pop`, `.clear`) gives "" -> _UNSET. Writes in functions are
    taken not to have run, as in the fresh interpreter the reads are decided for."""
    if "environ" not in text or not any(word in text for word in (
            "environ[", "environ.setdefault", "environ.update", "environ.pop", "environ.clear")):
        return {}
    found: Dict[str, object] = {}
    top_statements = {id(node) for node in tree.body}
    top_calls = {id(node.value) for node in tree.body if type(node) is ast.Expr}

    def note(key: Optional[str], value: object, top: bool) -> None:
        if key is None:
            found[""] = _UNSET  # (a variable not known: any may be set)
            return
        given = value if top else _UNSET  # (nested: it may not have run, or run more than once)
        found[key] = given if found.get(key, given) == given else _UNSET

    def literal(node: Optional[ast.AST]) -> object:
        value = _literal_str(node)
        return _UNSET if value is None else value

    # (a function's body is not walked: taken not to have run, but for a module-level function the module
    # calls by its name, `_load_dotenv()`, whose writes count as nested ones)
    module_level: List[ast.AST] = list(tree.body)
    functions = {node.name: node for node in tree.body if type(node) in (ast.FunctionDef, ast.AsyncFunctionDef)}
    while module_level:
        node = module_level.pop()
        kind = type(node)
        if kind is ast.FunctionDef or kind is ast.AsyncFunctionDef or kind is ast.Lambda:
            continue
        if kind is ast.Call and type(node.func) is ast.Name and node.func.id in functions:  # type: ignore
            module_level.extend(functions.pop(node.func.id).body)  # type: ignore[attr-defined]
        module_level.extend(ast.iter_child_nodes(node))
        if kind is ast.Assign or kind is ast.Delete or kind is ast.AugAssign:
            for target in (node.targets if kind is not ast.AugAssign else [node.target]):  # type: ignore
                if type(target) is ast.Subscript and _chain(target.value) == ("os", ("environ",)):
                    note(_literal_str(target.slice), literal(node.value) if kind is ast.Assign  # type: ignore
                         else _UNSET, id(node) in top_statements)
        elif kind is ast.Call:
            chain = _chain(node.func)  # type: ignore[attr-defined]
            if chain == ("os", ("environ", "setdefault")) and len(node.args) == 2:  # type: ignore[attr-defined]
                note(_literal_str(node.args[0]), literal(node.args[1]), id(node) in top_calls)  # type: ignore
            elif chain == ("os", ("environ", "update")):
                for key, value in _update_entries(node):  # type: ignore[arg-type]
                    note(key or None, value if value is not None else _UNSET, id(node) in top_calls)
            elif chain in (("os", ("environ", "pop")), ("os", ("environ", "clear"))):
                found[""] = _UNSET
    return found


# variables every process started the usual way has (a shell, cron, a container, CI), with a value not
# known here: a read of one is not known, a test of whether it is set is decided (set)
ALWAYS_SET = frozenset({"PATH", "HOME"} if os.name == "posix" else {"PATH", "SYSTEMROOT", "USERPROFILE"})


def _always_set(node: ast.AST) -> bool:
    """Whether `node` is the name of a variable of ALWAYS_SET, as a literal string."""
    return type(node) is ast.Constant and type(node.value) is str and (  # type: ignore[attr-defined]
        node.value if os.name == "posix" else node.value.upper()) in ALWAYS_SET  # type: ignore[attr-defined]


# the calls that read an environment variable: `os.environ.get("X")`, `os.getenv("X")`
_ENVIRONMENT_READERS = (("os", ("environ", "get")), ("os", ("getenv",)))


# the string methods a test may call on what it reads from the environment (`.lower() == "true"`)
_ENVIRONMENT_METHODS = frozenset({"lower", "upper", "strip", "casefold", "title", "capitalize"})
_TRUE_WORDS = ("y", "yes", "t", "true", "on", "1")
_FALSE_WORDS = ("n", "no", "f", "false", "off", "0")


def _strtobool(text: object) -> int:
    """distutils.util.strtobool (celery.utils.serialization's too): 1 or 0, or a ValueError."""
    word = text.lower() if type(text) is str else None
    if word in _TRUE_WORDS:
        return 1
    if word in _FALSE_WORDS:
        return 0
    raise ValueError(text)


# conversions of what a settings module reads from the environment (`bool(os.environ.get("X"))`,
# `strtobool(os.getenv("X", "false"))`), as the unset variable's value goes through them
_ENVIRONMENT_CONVERSIONS: Dict[str, Callable[[object], object]] = {"bool": bool, "int": int, "strtobool": _strtobool}


def _or_default(node: ast.AST) -> ast.AST:
    """`os.getenv("X") or "dev"` as the read it stands for, `os.getenv("X", "dev")` (the same but for a
    variable set to ""); any other node as it is."""
    if type(node) is ast.BoolOp and type(node.op) is ast.Or and len(node.values) == 2:  # type: ignore
        read, default = node.values  # type: ignore[attr-defined]
        if (type(read) is ast.Call and len(read.args) == 1 and not read.keywords and type(default) is ast.Constant
                and type(default.value) is str and _chain(read.func) in _ENVIRONMENT_READERS):
            return ast.Call(read.func, [read.args[0], default], [])
    return node


def _environment_method(node: ast.AST) -> Optional[Tuple[ast.Call, str]]:
    """(the read, the methods in the order they apply, joined by ".") for `os.environ.get("X",
    "false").lower()`, `os.getenv("X", "On").strip().lower()` and the like; else None."""
    methods: List[str] = []
    while (type(node) is ast.Call and type(node.func) is ast.Attribute and not node.args and not node.keywords
           and node.func.attr in _ENVIRONMENT_METHODS):
        methods.insert(0, node.func.attr)
        node = node.func.value
    if methods and type(node) is ast.Call and _chain(node.func) in _ENVIRONMENT_READERS:
        return node, ".".join(methods)
    return None


def apply_string_methods(value: str, methods: str) -> str:
    """`value` with the string methods `methods` (see _environment_method) applied in turn."""
    for method in methods.split("."):
        value = getattr(value, method)()
    return value


def _environment_value(node: ast.AST) -> object:
    """The value of `os.environ.get("X")` / `os.getenv("X", "d")` in a fresh interpreter with no
    configuration, where the variable is unset: None, or the literal default; _UNSET for any other
    expression (or a default that is not a literal string), and for a variable of ALWAYS_SET. A variable
    the module sets itself (see _environment_writes) has the value it sets, or is not known. A string
    method called on the read (`.lower()`, see _ENVIRONMENT_METHODS) applies to a string value."""
    node = _or_default(node)
    func = node.func if type(node) is ast.Call else None  # type: ignore[attr-defined]
    converted = func.id if type(func) is ast.Name else func.attr if type(func) is ast.Attribute else None
    if converted in _ENVIRONMENT_CONVERSIONS and len(node.args) == 1 and not node.keywords:  # type: ignore
        inner = _environment_value(node.args[0])  # type: ignore[attr-defined]
        if inner is _UNSET:
            return _UNSET
        try:  # (`int(None)`, `strtobool("maybe")`: not known)
            return _ENVIRONMENT_CONVERSIONS[converted](inner)  # type: ignore[index]
        except (TypeError, ValueError):
            return _UNSET
    method = _environment_method(node)
    if method is not None:
        value = _environment_value(method[0])
        return apply_string_methods(value, method[1]) if isinstance(value, str) else _UNSET
    if not (isinstance(node, ast.Call) and _chain(node.func) in _ENVIRONMENT_READERS
            and 1 <= len(node.args) <= 2 and not node.keywords):
        return _UNSET
    written = getattr(_WRITTEN, "names", None)
    if written:
        name = node.args[0].value if type(node.args[0]) is ast.Constant else None
        if "" in written or name is None:
            return _UNSET  # (a variable set that is not named, or a read of one not named: not known)
        if name in written:
            return written[name]
    if _always_set(node.args[0]):
        return _UNSET
    if len(node.args) == 1:
        return None
    default = node.args[1]  # (`os.environ.get("USE_CELERY", False)`: that constant, a bool or a number too)
    if isinstance(default, ast.Constant) and (default.value is None or type(default.value) in (str, bool, int, float)):
        return default.value
    return _UNSET


def _environment_test(test: ast.AST) -> Optional[bool]:
    """`if os.environ.get("SENTRY_DSN"):`, `os.getenv("X") == "1"`, `os.getenv("X") is None`,
    `"X" in os.environ`: decided as in a fresh interpreter where the variable is unset."""
    value = _environment_value(test)
    if value is not _UNSET:
        return bool(value)
    if _always_present(test):
        return True  # (a variable of ALWAYS_SET: a non-empty path)
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return None
    op, left, right = test.ops[0], test.left, test.comparators[0]
    if isinstance(op, (ast.In, ast.NotIn)) and _chain(right) == ("os", ("environ",)) and isinstance(
            left, ast.Constant) and isinstance(left.value, str):
        written = getattr(_WRITTEN, "names", None) or {}
        if "" in written or written.get(left.value, None) is _UNSET:
            return None
        return (left.value in written or _always_set(left)) == isinstance(op, ast.In)
    if isinstance(left, ast.Constant):
        left, right = right, left
    value = _environment_value(left)
    if value is _UNSET:
        if _always_present(left) and isinstance(op, (ast.Is, ast.IsNot)) and isinstance(
                right, ast.Constant) and right.value is None:
            return isinstance(op, ast.IsNot)
        return None
    if isinstance(op, (ast.Is, ast.IsNot)) and isinstance(right, ast.Constant) and right.value is None:
        return (value is None) == isinstance(op, ast.Is)
    if isinstance(op, (ast.Eq, ast.NotEq)) and isinstance(right, ast.Constant) and isinstance(right.value, str):
        return (value == right.value) == isinstance(op, ast.Eq)
    strings = _literal_strings(right) if isinstance(op, (ast.In, ast.NotIn)) else None
    if strings is not None:
        return (value in strings) == isinstance(op, ast.In)
    return None


def _environment_kind(test: ast.AST) -> Optional[str]:
    """An `if` test of one environment variable that _environment_test decides as unset, for the simulation
    to decide from what the run set in the environment before it (m.SetEnv: a wsgi.py that does
    `os.environ.setdefault("APP_ENV", "production")` before importing the package that tests it), else as
    unset: "env\0" + ("not" or "") + "\0" + the variable + "\0" + how it is tested (`value`: the value's
    truth, `present`: `"X" in os.environ`, `none`: `is None`, `eq`: `== "s"`, `in`: `in ("a", "b")`) and
    its arguments, a default first ("\1": None). None for any other test, and for a variable the module
    sets itself at its top level (decided here, see _environment_writes)."""
    negated = type(test) is ast.UnaryOp and type(test.op) is ast.Not  # type: ignore[attr-defined]
    inner = test.operand if negated else test  # type: ignore[attr-defined]
    if _environment_test(inner) is None:
        return None
    form: List[str] = []
    read = inner
    if type(inner) is ast.Compare:
        op, left, right = inner.ops[0], inner.left, inner.comparators[0]  # type: ignore[attr-defined]
        if type(op) in (ast.In, ast.NotIn) and _chain(right) == ("os", ("environ",)):
            negated, read, form = negated != (type(op) is ast.NotIn), None, ["present"]
            name = left.value if type(left) is ast.Constant else None  # type: ignore[attr-defined]
        else:
            if type(left) is ast.Constant:
                left, right = right, left
            read = left
            if type(op) in (ast.Is, ast.IsNot):
                negated, form = negated != (type(op) is ast.IsNot), ["none"]
            elif type(op) in (ast.Eq, ast.NotEq):
                negated, form = negated != (type(op) is ast.NotEq), ["eq", getattr(right, "value", None)]
            else:
                negated, form = negated != (type(op) is ast.NotIn), ["in"] + list(_literal_strings(right) or ())
    method = ""
    if read is not None:
        read = _or_default(read)
        found = _environment_method(read)
        if found is not None:  # (`.lower()` of the read: the form says it, "eq|lower")
            read, method = found
        if not (type(read) is ast.Call and _chain(read.func) in _ENVIRONMENT_READERS):  # type: ignore[attr-defined]
            return None
        given = read.args  # type: ignore[attr-defined]
        name = given[0].value if type(given[0]) is ast.Constant else None
        if len(given) > 1 and type(given[1]) is not ast.Constant:
            return None
        default = given[1].value if len(given) > 1 else None
        if type(default) in (bool, int, float) and not method:  # (a constant that is not a string: its truth)
            default = "\2T" if default else "\2F"
        if not (default is None or (type(default) is str and "\0" not in default and "\1" not in default)):
            return None
        form = [(form[0] if form else "value") + ("|" + method if method else ""),
                "\1" if default is None else default] + form[1:]
    written = getattr(_WRITTEN, "names", None) or {}
    if not all(type(part) is str and "\0" not in part for part in [name] + form) or name in written or (
            "" in written or (name if os.name == "posix" else name.upper()) in ALWAYS_SET):
        return None
    return "\0".join(["env", "not" if negated else "", name] + form)  # type: ignore[list-item]


def _always_present(node: ast.AST) -> bool:
    """Whether `node` reads a variable of ALWAYS_SET that the module does not write itself:
    `os.environ.get("HOME")`, `os.getenv("PATH", ...)`."""
    if not (type(node) is ast.Call and node.args and _always_set(node.args[0])  # type: ignore[attr-defined]
            and _chain(node.func) in _ENVIRONMENT_READERS):  # type: ignore[attr-defined]
        return False
    written = getattr(_WRITTEN, "names", None) or {}
    return "" not in written and node.args[0].value not in written  # type: ignore[attr-defined]


def _case_matches(pattern: ast.AST, value: object) -> Optional[bool]:
    """Whether a `case` pattern matches a known string (or None) value: literals, `|`, `_` and capture
    patterns; None for another pattern."""
    if isinstance(pattern, ast.MatchValue) and isinstance(pattern.value, ast.Constant):
        return pattern.value.value == value
    if isinstance(pattern, ast.MatchSingleton):
        return pattern.value is value
    if isinstance(pattern, ast.MatchAs):
        return True if pattern.pattern is None else _case_matches(pattern.pattern, value)
    if isinstance(pattern, ast.MatchOr):
        verdicts = [_case_matches(each, value) for each in pattern.patterns]
        return True if True in verdicts else None if None in verdicts else False
    return None


def _platform_value(node: ast.AST) -> Optional[str]:
    """The value of `sys.platform` or `os.name` here (the interpreter the checked code is meant to
    run on); None for any other expression."""
    chain = _chain(node)
    if chain == ("sys", ("platform",)):
        return sys.platform
    if chain == ("os", ("name",)):
        return os.name
    if type(node) is ast.Call and not node.args and not node.keywords and _chain(  # type: ignore[attr-defined]
            node.func) == ("platform", ("system",)):  # type: ignore[attr-defined]
        return platform.system()  # (`platform.system() == "Darwin"`)
    return None


def _version_value(node: ast.AST) -> Optional[object]:
    """The value of `sys.version_info`, `sys.version_info[:2]`, `sys.version_info[0]` or
    `sys.version_info.major` (and the like) here; None for any other expression."""
    if _chain(node) == ("sys", ("version_info",)):
        return tuple(sys.version_info)
    if isinstance(node, ast.Attribute) and _chain(node.value) == ("sys", ("version_info",)) and node.attr in (
            "major", "minor", "micro"):
        return getattr(sys.version_info, node.attr)
    if isinstance(node, ast.Subscript) and _chain(node.value) == ("sys", ("version_info",)):
        index = node.slice
        if isinstance(index, ast.Constant) and isinstance(index.value, int) and -5 <= index.value < 5:
            return tuple(sys.version_info)[index.value]
        if isinstance(index, ast.Slice) and index.step is None and all(
                bound is None or (isinstance(bound, ast.Constant) and isinstance(bound.value, int))
                for bound in (index.lower, index.upper)):
            lower = index.lower.value if index.lower is not None else None
            upper = index.upper.value if index.upper is not None else None
            return tuple(sys.version_info)[lower:upper]
    return None


def _int_literal(node: ast.AST) -> Optional[object]:
    """An int, or a tuple of ints, written as a literal."""
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.Tuple) and all(isinstance(e, ast.Constant) and type(e.value) is int for e in node.elts):
        return tuple(e.value for e in node.elts)
    return None


def _caught(handler: ast.ExceptHandler) -> Optional[Tuple[str, ...]]:
    """Exception names an `except` clause catches; None for a bare `except:`."""
    if handler.type is None:
        return None
    elts = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    names = []
    for elt in elts:
        chain = _chain(elt)
        if chain:
            names.append(_last_name(chain))
    return tuple(names)


_KEY_ERRORS = frozenset({"KeyError", "LookupError", "Exception", "BaseException"})
# what runs a coroutine handed to it (`asyncio.run(main())`, `loop.run_until_complete(main())`, ...)
_COROUTINE_RUNNERS = frozenset({"run", "run_until_complete", "gather", "create_task", "ensure_future", "wait_for",
                                "shield", "run_coroutine_threadsafe"})


def _awaited(ops: List[m.Op]) -> List[m.Op]:
    """The ops of `await f()` (or of `f()` handed to asyncio.run): the last one, the call, awaited."""
    if ops and type(ops[-1]) is m.Call:
        call = ops[-1]
        ops[-1] = m.Call(call.name, call.attrs, call.line, call.call_result, call.args, True,  # type: ignore
                         call.bare)  # type: ignore
    return ops


# what a module-level `x = ...(...)` calls to make a signal the simulation follows (see simulate.SignalRef)
SIGNAL_MAKERS = frozenset({"signal", "Signal"})
# the builtins' names (see _Extractor.leaves_config)
_BUILTIN_NAMES = frozenset(vars(builtins))
# the builtin exception classes, each with the classes it derives from (its MRO but `object`)
BUILTIN_EXCEPTIONS: Dict[str, Tuple[str, ...]] = {
    name: tuple(k.__name__ for k in value.__mro__[:-1]) for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)}


def _swallowed(node, qualname: str) -> Optional[Tuple[str, ...]]:
    """What a function swallows from a `with` body when used as a context manager (see m.Function):
    an `__exit__` that may return something true swallows every exception; a generator decorated with
    @contextmanager, what the handlers of a `try` around its `yield` catch, unless they raise."""
    if qualname.rpartition(".")[2] in ("__exit__", "__aexit__"):
        found = _exit_swallows(node.body, None)
        return None if found is None else tuple(sorted(found))
    chains = (_chain(d) for d in node.decorator_list)
    if not any(c and _last_name(c) in ("contextmanager", "asynccontextmanager") for c in chains):
        return ()
    caught: Set[str] = set()
    for inner in _own_nodes(node.body):
        if not isinstance(inner, ast.Try) or not any(
                isinstance(n, (ast.Yield, ast.YieldFrom)) for n in _own_nodes(inner.body)):
            continue
        for handler in inner.handlers:
            if any(isinstance(n, ast.Raise) for n in _own_nodes(handler.body)):
                continue
            names = _caught(handler)
            if names is None:
                return None
            caught.update(names)
    return tuple(sorted(caught))


def _generates_init(decorator: ast.expr) -> bool:
    """`@dataclass`, `@dataclasses.dataclass(...)`, attrs' `@define`, `@attr.s`...: a class decorator
    that writes an `__init__` calling the class's post-init hook (not with `init=False`)."""
    chain = _chain(decorator.func if isinstance(decorator, ast.Call) else decorator)
    last = _last_name(chain) if chain else ""
    if last not in ("dataclass", "define", "frozen", "mutable", "attrs", "s"):
        return False
    return not (isinstance(decorator, ast.Call) and any(
        k.arg == "init" and isinstance(k.value, ast.Constant) and k.value.value is False for k in decorator.keywords))


def _lazy_property(node: ast.FunctionDef, qualname: str, body: tuple) -> bool:
    """A method decorated with @property (or functools' @cached_property) that imports something, or reads
    an attribute of its instance (another such property, `self.root`): what reading the attribute on an
    instance runs (see m.Function.is_property)."""
    if qualname.count(".") != 1 or not any(
            _chain(d) is not None and _last_name(_chain(d)) in ("property", "cached_property")  # type: ignore[arg-type]
            for d in node.decorator_list):
        return False
    own = node.args.args[0].arg if node.args.args else None
    return any(type(op) in (m.ImportOp, m.DynamicImport) or (type(op) is m.Access and op.name == own and op.attrs)
               for op in walk_ops((body,)))


def _is_declared_attr(decorator: ast.expr) -> bool:
    """SQLAlchemy's `@declared_attr` (also `.cascading`, `.directive`, `sqlalchemy.orm.declared_attr`)."""
    chain = _chain(decorator.func if isinstance(decorator, ast.Call) else decorator)
    return chain is not None and "declared_attr" in (chain[0],) + chain[1]


# the name of the test `_generated_init` writes for "the call gave no value to this field" (m.If's
# "missing\0field"), and of the parameter that says the simulation to note what the call gave (see
# Simulator._run): names no source can spell
_MISSING_TEST = "\0missing"
GIVEN_PARAMETER = "\0given"


def _generated_init(node: ast.ClassDef) -> Optional[ast.FunctionDef]:
    """The part of a dataclass's generated `__init__` that runs project code, when some of its fields
    have a `default_factory` (and it defines no `__init__`): a call of each factory in the order of the
    fields (a lambda: its body), each only when the call gives that field no value, then of
    `self.__post_init__()` when the class defines it."""
    if any(isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == "__init__" for s in node.body):
        return None
    body: List[ast.stmt] = []
    fields: List[str] = []  # (the parameters, in order: the fields annotated in the class body)
    for statement in node.body:
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            annotation = _chain(statement.annotation) or ("", ())
            if not (annotation[1][-1:] == ("ClassVar",) or annotation[0] == "ClassVar"):
                fields.append(statement.target.id)
        value = statement.value if isinstance(statement, (ast.AnnAssign, ast.Assign)) else None
        if not (isinstance(value, ast.Call) and _call_name(value) in ("field", "Field", "attrib", "ib")):
            continue
        factory = next((k.value for k in value.keywords if k.arg in ("default_factory", "factory")), None)
        if isinstance(factory, ast.Lambda) and not factory.args.args:
            made: ast.expr = factory.body
        elif isinstance(factory, (ast.Name, ast.Attribute)):
            made = ast.copy_location(ast.Call(factory, [], []), factory)
        else:
            continue
        run: ast.stmt = ast.Expr(made)
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            missing = ast.Call(ast.Name(_MISSING_TEST, ast.Load()), [ast.Constant(statement.target.id)], [])
            run = ast.If(missing, [ast.copy_location(run, statement)], [])
        body.append(ast.copy_location(run, statement))
    if not body:
        return None
    hook = next((s.name for s in node.body if isinstance(s, ast.FunctionDef) and s.name in (
        "__post_init__", "__attrs_post_init__")), None)
    if hook is not None:
        call = ast.Call(ast.Attribute(ast.Name("self", ast.Load()), hook, ast.Load()), [], [])
        body.append(ast.copy_location(ast.Expr(call), body[-1]))
    arguments = ast.arguments(posonlyargs=[], args=[ast.arg(arg=name) for name in ["self"] + fields], vararg=None,
                              kwonlyargs=[ast.arg(arg=GIVEN_PARAMETER)], kw_defaults=[None], kwarg=None, defaults=[])
    init = ast.FunctionDef(name="__init__", args=arguments, body=body, decorator_list=[], returns=None,
                           type_comment=None)
    ast.fix_missing_locations(ast.copy_location(init, body[0]))
    return init


def _exception_like(node: ast.AST) -> bool:
    """A name or attribute chain that names an exception class by its look (`ImportError`,
    `errors.ConfigError`): `ERR = ImportError` binds an alias `except ERR:` may use."""
    chain = _chain(node)
    last = _last_name(chain) if chain else ""
    return last in BUILTIN_EXCEPTIONS or last.endswith(("Error", "Exception"))


def _exit_swallows(stmts: Sequence[ast.stmt], guard: Optional[Set[str]]) -> Optional[Set[str]]:
    """The exceptions an `__exit__` body swallows: those its `return` of something true tests for
    (`return exc_type is KeyError`, `if issubclass(exc_type, KeyError): return True`), or None (every
    one) for a true `return` under no such test. `guard`: the classes the enclosing `if` tests for."""
    found: Set[str] = set()
    for stmt in stmts:
        if isinstance(stmt, ast.Return):
            if stmt.value is not None and _static_truth(stmt.value) is not False:
                names = _type_test(stmt.value) or guard
                if names is None:
                    return None
                found |= names
            continue
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        inner_guard = (_type_test(stmt.test) or guard) if isinstance(stmt, ast.If) else guard
        for field in ("body", "orelse", "finalbody", "handlers"):
            block = getattr(stmt, field, None)
            if not isinstance(block, list):
                continue
            if field == "handlers":
                block = [s for handler in block for s in handler.body]
            inner = _exit_swallows(block, inner_guard if field == "body" else guard)
            if inner is None:
                return None
            found |= inner
    return found


def _type_test(test: ast.AST) -> Optional[Set[str]]:
    """The exception classes a test of the exception's type accepts (`et is KeyError`, `et == E`,
    `issubclass(et, (A, B))`, `isinstance(exc, A)`, joined by `or`); None for another test."""
    if isinstance(test, ast.BoolOp):
        parts = [_type_test(value) for value in test.values]
        if isinstance(test.op, ast.And):  # (`et is not None and issubclass(et, KeyError)`: true only for those)
            known = [part for part in parts if part is not None]
            return set.intersection(*known) if known else None
        return None if any(part is None for part in parts) else set().union(*parts)  # type: ignore[arg-type]
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.Is, ast.Eq)):
        classes = [test.comparators[0]]
    elif (isinstance(test, ast.Call) and _call_name(test) in ("issubclass", "isinstance") and len(test.args) == 2
          and not test.keywords):
        second = test.args[1]
        classes = list(second.elts) if isinstance(second, ast.Tuple) else [second]
    else:
        return None
    chains = [_chain(node) for node in classes]
    if not all(chains):
        return None
    return {_last_name(chain) for chain in chains}  # type: ignore[arg-type]


def _own_nodes(stmts: Sequence[ast.stmt]) -> Iterator[ast.AST]:
    """The nodes of statements, not those of the functions, lambdas and classes they define."""
    pending: List[ast.AST] = list(stmts)
    while pending:
        node = pending.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                pending.append(child)


_NESTED = {m.If: ("body", "orelse"), m.Loop: ("body", "orelse"), m.Try: ("body", "orelse", "finalbody"),
           m.ClassBody: ("body",), m.With: ("body",), m.Discover: ("body",)}
_LEAVES = frozenset({m.Bind, m.BindList, m.BindTable, m.BindModule, m.BindResult, m.BindValue, m.BindProxy, m.BindTruth,
                     m.Unbind, m.Define, m.ImportOp, m.DynamicImport, m.ExecFile, m.PackageWalk, m.Access,
                     m.SetAttr, m.Return, m.Reraise, m.Raise, m.Break, m.Iterate, m.OpenNamespace, m.CeleryApp,
                     m.CeleryConfigure, m.CeleryRead, m.TaskProxy, m.SetEnv})


_MAKE_CALL = getattr(m, "make_Call", m.Call)  # (positional: sets the slots directly)


def _lambda_def(name: str, node: ast.Lambda) -> ast.FunctionDef:
    """`name = lambda args: body` as the `def name(args): return body` it behaves as when called."""
    made = ast.FunctionDef(name=name, args=node.args, body=[ast.Return(node.body)], decorator_list=[], returns=None,
                           type_comment=None, **({"type_params": []} if sys.version_info >= (3, 12) else {}))
    for made_node in (made, made.body[0]):
        ast.copy_location(made_node, node)
    return made


def _flask_here(tree: Optional[ast.Module]) -> bool:
    """Whether the module makes a Flask app, and every one it makes is `Flask(__name__, ...)`, its root
    path this module's folder (no `root_path=`, no `instance_relative_config=`)."""
    made = [node for node in ast.walk(tree) if type(node) is ast.Call and _call_name(node) == "Flask"] if tree else []
    return bool(made) and all(
        node.args and type(node.args[0]) is ast.Name and node.args[0].id == "__name__"  # type: ignore[attr-defined]
        and not any(keyword.arg in ("root_path", "instance_relative_config", "import_name") or keyword.arg is None
                    for keyword in node.keywords) for node in made)


def _beside_this_file(node: ast.expr) -> Optional[str]:
    """`os.path.join(os.path.dirname(__file__), "..", "settings.py")` (`abspath(__file__)` too) as the
    path from the module's directory, "../settings.py"; None for anything else."""
    if type(node) is not ast.Call or _chain(node.func) != ("os", ("path", "join")) or not node.args or node.keywords:
        return None
    first = node.args[0]
    if type(first) is not ast.Call or _chain(first.func) != ("os", ("path", "dirname")) or len(first.args) != 1:
        return None
    inner = first.args[0]
    if type(inner) is ast.Call and _chain(inner.func) in (("os", ("path", "abspath")), ("os", ("path", "realpath"))):
        inner = inner.args[0] if len(inner.args) == 1 else None  # type: ignore[assignment]
    if type(inner) is not ast.Name or inner.id != "__file__":
        return None
    parts = [arg.value for arg in node.args[1:] if type(arg) is ast.Constant and type(arg.value) is str]
    return "/".join(parts) if len(parts) == len(node.args) - 1 and parts else None


def _silenced(op: m.Op, line: int) -> m.Try:
    """`op` in a `try` whose handler catches ImportError and AttributeError: what import_string's
    `silent=True`, symbol_by_name's `default=` and Celery's silent configuration do with a failure."""
    return m.Try((op,), ((("ImportError", "AttributeError"), None, ()),), (), (), line)


def _hasattr_test(test: ast.expr) -> Optional[str]:
    """`hasattr(x.y, "n")` as a test the simulation decides (`hasattr:x.y:n`, see Simulator._hasattr),
    `not hasattr(...)` as `not-hasattr:...`; None for anything else."""
    negated = type(test) is ast.UnaryOp and type(test.op) is ast.Not  # type: ignore[attr-defined]
    call = test.operand if negated else test  # type: ignore[attr-defined]
    if (type(call) is ast.Call and _call_name(call) == "hasattr" and len(call.args) == 2 and not call.keywords
            and type(call.args[1]) is ast.Constant and type(call.args[1].value) is str):
        chain = _chain(call.args[0])
        if chain:
            return ("not-hasattr:" if negated else "hasattr:") + ".".join((chain[0],) + chain[1]) + \
                ":" + call.args[1].value
    return None


def _stored(call: m.Call) -> m.Call:
    """The call with `stored` set: a copy made field by field (dataclasses.replace costs three times as
    much, and every statement-level call gets one)."""
    return _MAKE_CALL(call.name, call.attrs, call.line, call.call_result, call.args, call.awaited, call.bare, True,
                      call.keywords)


def _calls_init_app(*blocks) -> bool:
    """Whether programs (or blocks of them, at any depth) call `x.init_app(...)` (roles.py reads it
    to choose the modules it analyses: kept in the facts, an edit never walks all of them again)."""
    return _some_call(blocks, lambda op: op.attrs[-1:] == ("init_app",))


def _calls_parameters(body: tuple, params: Sequence[str]) -> bool:
    """Whether a function's program calls one of its parameters (`func()`) or hands one on (`run(func)`)."""
    names = set(params)
    return bool(names) and _some_call((body,), lambda op: (not op.attrs and op.name in names) or any(
        name in names and not attrs for name, attrs in op.args))


def _some_call(blocks, wanted: Callable[[m.Call], bool]) -> bool:
    """Whether programs (or blocks of them, at any depth) hold a call that is `wanted`."""
    return any(type(op) is m.Call and wanted(op) for op in walk_ops(blocks))


def walk_ops(blocks: Iterable[tuple]) -> Iterator[m.Op]:
    """Every op of programs (or blocks of them), at any depth: the blocks of an if, a loop, a try (its
    handlers too) and a class body; not the bodies of functions, which are not ops of the program."""
    pending = list(blocks)
    while pending:
        for op in pending.pop():
            yield op
            kind = type(op)
            if kind is m.Call or kind in _LEAVES:
                continue
            for attr in _NESTED.get(kind, ("body", "orelse", "finalbody")):
                inner = getattr(op, attr, None)
                if isinstance(inner, tuple):
                    pending.append(inner)
            if kind is m.Try:
                pending.extend(handler[2] for handler in op.handlers)


class _Extractor:
    def __init__(self, text: str, source: m.SourceFile):
        self.text = text
        self.lines = text.splitlines()
        self.source = source
        self.imports: List[m.RawImport] = []
        self.functions: List[m.Function] = []
        self.first_bound: Dict[str, int] = {}
        self.bindings: Dict[str, int] = {}  # module-level name -> how many statements bind it (see note_bound)
        self.open_namespace = False
        self.getattr_answers: Optional[Tuple[str, ...]] = None
        self.all_names: Optional[Tuple[str, ...]] = None
        self.all_stages: List[Tuple[str, ...]] = []  # see all_stage
        self.dispatchers: Set[str] = set()  # the module's top-level singledispatch functions
        self.reads_argv = "argv" in text  # (its `if` tests may read sys.argv: see _argv_truth)
        # the dynamic imports whose module getattr() reads an attribute from: the name of the local holding it
        self.looked_up: Dict[int, str] = {}
        # (function, local) -> (parameter, keys): a local bound to the module of a table's entry (see stmt_Assign)
        self.table_modules: Dict[Tuple[int, str], Tuple[str, Tuple[str, ...]]] = {}
        self.all_unsure = False
        self.future_annotations = False
        self.mapped = "Mapped[" in text  # (SQLAlchemy 2.0's annotations: see _mapped_column_reads)
        self.worker_imports: List[Tuple[str, int]] = []
        # where we are: scope, guarded-by-try, whether names bind at module level
        self.scope = m.MODULE
        self.guarded = False
        self.module_level = True
        self.global_names: set = set()  # `global` names of the function being read
        self.enclosing: Optional[str] = None  # qualname of the function being read
        self.loop_values: Dict[str, Tuple[str, ...]] = {}  # loop variables over literal strings
        # those of them read by `getattr(x, name)` on every turn: not under an `if` in the loop (or a
        # comprehension's filter), where a `hasattr` test may guard the read
        self.read_values: Dict[str, Tuple[str, ...]] = {}
        # loop variables over a name bound by an import (a list another module may export): their iterable
        # loop variable -> its iterable (an ast.expr), its path, or (an ast.expr, a column) for a list of rows
        self.loop_external: Dict[str, object] = {}
        # the module-level lists the simulation follows (m.BindList), the variables of the top-level loops over
        # them being read (-> the list), and the dynamic imports those loops make (their target,
        # "api.{!name}") -> (the variable, the list) (see list_targets)
        self.followed_lists: Set[str] = set()
        self.list_loops: Dict[str, str] = {}
        self.list_imports: Dict[str, Tuple[str, str]] = {}
        self.appended: Optional[Set[str]] = None
        self.name_tuples: Optional[Dict[str, Optional[ast.expr]]] = None  # see _name_tuples, by name asked
        self.imported: Optional[Dict[str, str]] = None  # see _imported_paths
        self.exported: Optional[Tuple[Tuple[str, Tuple[str, ...]], ...]] = None  # see _exported_lists
        self.tables: Optional[Dict[str, Dict[str, str]]] = None  # see _class_tables
        self.touched: Set[str] = set()  # see _touched
        self.top_classes: Set[str] = set()  # the names top-level classes and imports bind
        self.top_imports: Set[str] = set()
        self.top_from_names: Set[str] = set()  # the names top-level `from` imports bind
        # the function being read and its parameters' defaults that are names or attribute chains
        self.defaults: Tuple[Optional[ast.AST], Dict[str, Tuple[str, Tuple[str, ...]]]] = (None, {})
        self.tree: Optional[ast.Module] = None
        self.calls_parameters = False  # see m.ModuleFacts
        self.candidates: Dict[str, tuple] = {}  # see _constant_candidates
        self.constants: Optional[Tuple[Dict[str, Tuple[str, ...]], Dict[str, bool], int]] = None
        self.classes: Optional[Dict[str, Optional[ast.ClassDef]]] = None  # see class_nodes
        self.shadowed: Dict[str, bool] = {}  # see exception_family
        self.handled: List[Optional[str]] = []  # the `as` names of the `except` blocks being read
        self.dataclass = False  # reading the body of a class decorated with @dataclass (attrs' too)
        self.keys_caught = False  # in the body of a `try` (of this function) whose handler catches KeyError
        self.errors: Optional[Dict[str, Tuple[str, ...]]] = None  # see error_tuples
        self.yields = False  # a `yield` met in the body of the function being read
        self.blueprints: Set[str] = set()  # top-level names bound to a `Blueprint(...)`
        self.truth_names: Set[str] = set()  # names bound outside functions to a `hasattr` test (m.BindTruth)
        # Celery apps made in a function here (see celery_reads; one made at module level is an m.CeleryApp, which
        # the simulation follows), by (the function, or None for a class body, their name):
        # what they import lazily, "task_cls" (a "module:Class" string), "config" (config_source=) and
        # "include" (a literal include= list, which loader.import_default_modules() imports), and
        # "autofinalize" (False: register_task fails first)
        self.celery_apps: Dict[Tuple[Optional[str], str], Dict[str, object]] = {}
        self.sets_environment = False  # an m.SetEnv anywhere in the module: see m.ModuleFacts.patches
        self.replaces_itself = False  # see m.ModuleAlias
        self.environment_bindings: Optional[Dict[str, ast.expr]] = None  # see environment_read
        self.has_walrus = ":=" in text  # (a test may bind a name: see walrus_test)
        self.has_shared_task = "shared_task" in text  # (a decorator may be Celery's: see stmt_FunctionDef)
        self.aliases: Dict[int, tuple] = {}  # id(function) -> (the function, its table_aliases)
        # the Celery apps made at module level here (see celery_app_op), by name: their include= modules
        self.module_apps: Dict[str, Tuple[str, ...]] = {}
        # the module-level classes deriving from celery.Celery (or from one of these), by name: the qualname
        # of the on_configure method they define or inherit here, "" for none (see m.CeleryApp.configure)
        self.celery_classes: Dict[str, str] = {}
        # by (the function or None, the app's name): the configuration source config_from_object gave there
        # ("config"), and whether it said silent=True ("silent"; see celery_reads)
        self.celery_config: Dict[Tuple[Optional[str], str], Dict[str, object]] = {}
        self.statement: Optional[ast.stmt] = None  # see stmt
        self.record_callbacks: Dict[str, List[str]] = {}  # see m.ModuleFacts.record_callbacks
        # dynamic imports in a top-level function named by its parameters (`from_object(config_object)`):
        # (the function, its positional parameters, the target with `{!name}` for each, the RawImport's
        # number), and this module's calls of its top-level functions with literal strings among their
        # positional arguments (the function -> each call's argument chains): see parameter_edges
        self.parameter_imports: List[Tuple[str, Tuple[str, ...], str, int, Tuple[Tuple[str, str], ...]]] = []
        self.text_calls: Dict[str, List[Tuple[Tuple[str, Tuple[str, ...]], ...]]] = {}
        self.rebound: Dict[int, Tuple[ast.AST, Set[str]]] = {}  # see default_kept
        self.unchanged: Optional[Dict[str, Tuple[str, ...]]] = None  # see string_list
        self.listed: Set[str] = set()  # the module-level names bound to a literal list or tuple (see string_list)
        # the variables of loops over a parameter being read (`for name in names:`) -> the parameter
        self.loop_parameters: Dict[str, str] = {}

    # -- entry -------------------------------------------------------------------------
    def run(self, tree: ast.Module) -> m.ModuleFacts:
        for node in tree.body:
            if (isinstance(node, ast.ImportFrom) and node.module == "__future__"
                    and any(a.name == "annotations" for a in node.names)):
                self.future_annotations = True
        self.tree = tree
        self.top_statements = {id(node) for node in tree.body}
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                self.top_classes.add(node.name)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                self.top_imports.update((alias.asname or alias.name).partition(".")[0] for alias in node.names)
                if isinstance(node, ast.ImportFrom):
                    self.top_from_names.update(alias.asname or alias.name for alias in node.names)
        _WRITTEN.names = _environment_writes(tree, self.text)
        _WRITTEN.type_checking = frozenset(_TYPE_CHECKING_ALIAS.findall(self.text)) \
            if "TYPE_CHECKING as" in self.text else ()
        try:
            self.candidates = _constant_candidates(tree)
            self.listed = {name for name, candidate in self.candidates.items() if type(candidate[0]) in (
                ast.List, ast.Tuple)}
            body = self.body(tree.body)
            self.parameter_edges()
            self.list_edges(body)
            exported_flags = self.exported_flags()
        finally:
            _WRITTEN.names = None
            _WRITTEN.type_checking = ()
        return m.ModuleFacts(
            source=self.source,
            imports=tuple(self.imports),
            body=body,
            functions=m.Functions(tuple(self.functions)),
            first_bound=tuple(sorted(self.first_bound.items())),
            open_namespace=self.open_namespace,
            replaces_itself=self.replaces_itself,
            all_names=self.all_names,
            all_stages=() if self.all_names is None or self.all_unsure else tuple(self.all_stages),
            future_annotations=self.future_annotations,
            worker_imports=tuple(self.worker_imports),
            getattr_answers=self.getattr_answers,
            calls_init_app=_calls_init_app(body, *(fn.body for fn in self.functions)),
            calls_parameters=self.calls_parameters,
            swallows=any(function.swallows != () for function in self.functions),
            patches=self.sets_environment or any(
                type(op) is m.SetAttr and op.name in self.top_imports for op in walk_ops((body,))),
            exported_lists=self.exported_lists(),
            exported_flags=exported_flags,
            env_helpers=_env_helpers(tree, self.text, self.bindings, self.functions),
            exported_errors=tuple(sorted(self.error_tuples().items())),
            record_callbacks=tuple((name, tuple(dict.fromkeys(functions)))
                                   for name, functions in sorted(self.record_callbacks.items())),
        )

    # -- helpers -----------------------------------------------------------------------
    def constant(self, name: str, want_list: bool):
        """The literal list of strings (`want_list`) or the truth a module-level constant `name` is
        bound to (see _module_constants), or None. The walk of the whole module that rules out other
        bindings runs only when a test or a loop names a candidate: most modules never do."""
        if name not in self.candidates:
            return None
        if self.constants is None:
            self.constants = _module_constants(self.tree, self.candidates)
        writes_from = self.constants[2]
        if writes_from and (self.enclosing is not None or self.statement is None
                            or self.statement.lineno >= writes_from):
            return None  # (read where the module may have written its namespace: not known)
        return self.constants[0 if want_list else 1].get(name)

    def literal_of(self, name: str) -> Optional[ast.expr]:
        """The literal collection a module-level constant `name` is bound to (see constant)."""
        return self.constant(name, True)

    def string_list(self, node: ast.expr) -> Optional[Tuple[str, ...]]:
        """The strings of a literal list or tuple of strings handed to a call, or of a module-level name
        bound once to one and never changed (see _unchanged_lists); None for anything else."""
        if type(node) is ast.Name:
            function = self.defaults[0]
            if node.id not in self.listed or (function is not None and (
                    self.parameter_of(node.id) is not None or self.rebinds(function, node.id))):
                return None  # (a parameter or a local of the function being read)
            if self.unchanged is None:
                self.unchanged = _unchanged_lists(self.tree, self.candidates) if self.tree is not None else {}
            return self.unchanged.get(node.id)
        return _string_list(node)

    def named_loop(self, node: ast.For) -> Optional[ast.For]:
        """`for module in INSTALLED_MODULES:` where that is a module-level name bound once to a literal tuple or
        list of names (`INSTALLED_MODULES = (accounts, billing)`, see _name_tuples), not a local of the
        function being read: the loop over that literal, as _unrolled may take it pass by pass; else None."""
        if type(node.iter) is not ast.Name or type(node.target) is not ast.Name or self.tree is None:
            return None
        if self.name_tuples is None:
            self.name_tuples = {}
        if node.iter.id not in self.name_tuples:
            self.name_tuples[node.iter.id] = _name_tuples(self.tree, node.iter.id).get(node.iter.id)
        literal = self.name_tuples[node.iter.id]
        function = self.defaults[0]
        if literal is None or (function is not None and (self.is_parameter(node.iter.id)
                                                         or self.rebinds(function, node.iter.id))):
            return None
        loop = copy.copy(node)
        loop.iter = literal
        return loop

    def appends_strings(self, name: str) -> bool:
        """Whether module-level list `name` is one of _appended_lists (worked out once per module, and only
        when the text appends a string literal to that name)."""
        if f'{name}.append("' not in self.text and f"{name}.append('" not in self.text:
            return False
        if self.appended is None:
            self.appended = _appended_lists(self.tree, self.candidates) if self.tree is not None else set()
        return name in self.appended

    def parameter_of(self, name: str, kept: bool = True) -> Optional[str]:
        """For a dynamic import's name (see _template): `{!name}` when `name` is a parameter of the
        function being read that keeps its value there (the simulation puts in the string the call gave
        it, or its literal default), or the variable of a loop over such a parameter (each string of the
        list the call gave it); "" (not known) for one bound again; None for any other name."""
        function = self.defaults[0]
        if function is None:
            return None
        if name in self.loop_parameters:
            return "{!%s}" % name if self.default_kept(self.loop_parameters[name]) else ""
        if not self.is_parameter(name):
            return None
        return "{!%s}" % name if not kept or self.default_kept(name) else ""

    def is_parameter(self, name: str) -> bool:
        """Whether `name` is a parameter of the function being read (but `*args`, `**kwargs`)."""
        function = self.defaults[0]
        if function is None:
            return False
        arguments = function.args  # type: ignore[attr-defined]
        return any(arg.arg == name for arg in arguments.posonlyargs + arguments.args + arguments.kwonlyargs)

    def statement_text(self, node: ast.AST) -> str:
        start = node.lineno - 1
        end = getattr(node, "end_lineno", node.lineno) or node.lineno
        text = " ".join(line.strip() for line in self.lines[start:end])
        if isinstance(node, ast.expr) and end == node.lineno and start < len(self.lines):
            # ast offsets count UTF-8 bytes, not characters
            text = self.lines[start].encode()[node.col_offset: node.end_col_offset].decode(errors="replace")
        text = " ".join(text.split())
        return text if len(text) <= 160 else text[:157] + "..."

    def bind(self, names: Sequence[str], line: int) -> List[m.Op]:
        names = tuple(n for n in names if n)
        if not names:
            return []
        self.note_bound(names, line)
        return [m.Bind(names, line)]

    def note_bound(self, names: Sequence[str], line: int) -> None:
        """Remember where a module-level name is first bound (to tell the user what to reorder)."""
        if self.binds_globals():
            for name in names:
                self.first_bound.setdefault(name, line)
                self.bindings[name] = self.bindings.get(name, 0) + 1

    @contextmanager
    def nested(self, *, scope: Optional[str] = None, guarded: Optional[bool] = None,
               module_level: Optional[bool] = None):
        saved = (self.scope, self.guarded, self.module_level)
        if scope is not None:
            self.scope = scope
        if guarded is not None:
            self.guarded = guarded
        if module_level is not None:
            self.module_level = module_level
        try:
            yield
        finally:
            self.scope, self.guarded, self.module_level = saved

    def weaker(self, scope: str) -> str:
        """Combine the current scope with a nested one: the weakest wins."""
        order = {m.MODULE: 0, m.FUNCTION: 1, m.TYPE_CHECKING: 2}
        return scope if order[scope] > order[self.scope] else self.scope

    def add_import(self, kind: str, target: str, level: int, names, node: ast.AST, statement=None) -> int:
        self.imports.append(m.RawImport(
            kind=kind, target=target, level=level, names=tuple(names), line=node.lineno,
            col=node.col_offset, statement=statement or self.statement_text(node), scope=self.scope,
            guarded=self.guarded, **self.suppression(node),
        ))
        return len(self.imports) - 1

    def suppression(self, node: ast.AST) -> dict:
        """`suppressed` codes (() = all) and `suppressed_line` of ignore comments on the node's lines."""
        codes: Optional[set] = None
        line = 0
        end = getattr(node, "end_lineno", None) or node.lineno
        for number in range(node.lineno, end + 1):
            text = self.lines[number - 1] if number <= len(self.lines) else ""
            match = SUPPRESSION.search(text) if "cyclecheck" in text else None
            if match is None:
                continue
            line = line or number
            listed = {c.strip().upper() for c in (match.group(1) or "").split(",") if c.strip()}
            codes = set() if codes == set() or not listed else (codes or set()) | listed
        return {} if codes is None else {"suppressed": tuple(sorted(codes)), "suppressed_line": line}

    # -- statements --------------------------------------------------------------------
    def body(self, stmts: Sequence[ast.stmt]) -> tuple:
        ops: List[m.Op] = []
        for stmt in stmts:
            ops.extend(self.stmt(stmt))
        return tuple(ops)

    def stmt(self, node: ast.stmt) -> List[m.Op]:
        self.statement = node  # (the statement whose expressions are read now: see celery_reads)
        method = _STATEMENTS.get(type(node))
        if method is not None:
            return method(self, node)
        ops: List[m.Op] = []
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                ops.extend(self.expr(child))
        return ops

    def stmt_Import(self, node: ast.Import) -> List[m.Op]:
        ops: List[m.Op] = []
        for alias in node.names:
            index = self.add_import("import", alias.name, 0, [(alias.name, alias.asname)], node)
            ops.append(m.ImportOp(index))
            self.note_bound([alias.asname or alias.name.partition(".")[0]], node.lineno)
        return ops

    def stmt_ImportFrom(self, node: ast.ImportFrom) -> List[m.Op]:
        names = [(a.name, a.asname) for a in node.names]
        index = self.add_import("from", node.module or "", node.level or 0, names, node)
        ops: List[m.Op] = [m.ImportOp(index)]
        self.note_bound([asname or name for name, asname in names if name != "*"], node.lineno)
        return ops

    def function(self, node, qualname: Optional[str]) -> List[m.Op]:
        ops: List[m.Op] = []
        if qualname == "__getattr__":
            self.getattr_answers = _answered_names(node)
        for decorator in node.decorator_list:
            ops.extend(self.decorator_expr(decorator))
        args = node.args
        for default in list(args.defaults) + [d for d in args.kw_defaults if d is not None]:
            ops.extend(self.expr(default))
        # (annotations are evaluated now, unless they are lazy; `@to_json.register` of a singledispatch
        # function evaluates them all the same: typing.get_type_hints)
        if ((not self.future_annotations and sys.version_info < (3, 14))
                or any(map(self.dispatches, node.decorator_list))):
            for arg in args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]:
                if arg is not None and arg.annotation is not None:
                    ops.extend(self.expr(arg.annotation))
            if node.returns is not None:
                ops.extend(self.expr(node.returns))
        if qualname is not None and "." not in qualname and any(
                _last_name(_chain(d) or ("", ())) == "singledispatch" for d in node.decorator_list):
            self.dispatchers.add(qualname)
        elif any(_last_name(_chain(d) or ("", ())) == "singledispatchmethod" for d in node.decorator_list):
            self.dispatchers.add(node.name)  # (`@dump.register` in the same class body registers through it)
        if qualname is None and self.enclosing is not None:
            qualname = f"{self.enclosing}.<locals>.{node.name}"
        outer_globals, self.global_names = self.global_names, set()
        outer, self.enclosing = self.enclosing, qualname
        chains = _chain_defaults(args)
        outer_defaults, self.defaults = self.defaults, (node, chains)
        outer_keys, self.keys_caught = self.keys_caught, False
        outer_yields, self.yields = self.yields, False
        with self.nested(scope=self.weaker(m.FUNCTION), guarded=False, module_level=False):
            body = self.body(node.body)
        self.keys_caught = outer_keys
        is_generator, self.yields = self.yields, outer_yields
        global_names, self.global_names = self.global_names, outer_globals
        self.enclosing, self.defaults = outer, outer_defaults
        if qualname is not None:
            params = tuple(arg.arg for arg in args.posonlyargs + args.args + [args.vararg] + args.kwonlyargs
                           + [args.kwarg] if arg is not None)
            # (followed only when it makes an instance, `cls(...)`: sympy's classmethods call each other
            # through `cls.` at length)
            is_classmethod = "." in qualname and bool(params) and any(
                _chain(d) == ("classmethod", ()) for d in node.decorator_list) and _some_call(
                (body,), lambda op: op.name == params[0] and op.attrs[:1] in ((), ("()",)))
            post_init = self.dataclass and qualname.count(".") == 1 and node.name in (
                "__post_init__", "__attrs_post_init__")
            self.functions.append(m.Function(qualname, node.lineno, body, tuple(sorted(global_names)), params,
                                             len(args.posonlyargs) + len(args.args), _swallowed(node, qualname),
                                             is_classmethod, post_init, isinstance(node, ast.AsyncFunctionDef),
                                             _text_defaults(args), _lazy_property(node, qualname, body), is_generator,
                                             _const_defaults(args) if args.defaults or args.kw_defaults else (),
                                             self.kept_chain_defaults(chains, node)))
            if "." not in qualname and _calls_parameters(body, params):
                self.calls_parameters = True
        ops.extend(self.decorate(node, qualname or ""))
        ops.append(m.Define(node.name, "function", node.lineno, qualname or ""))
        if qualname and "." not in qualname:  # `@celery.task`, `@celery.task(bind=True)`: a Celery task proxy
            for decorator in node.decorator_list:
                chain = _chain(decorator.func if type(decorator) is ast.Call else decorator)  # type: ignore
                if chain is None:
                    continue
                keywords = {k.arg: k.value for k in decorator.keywords} if type(decorator) is ast.Call else {}
                based = "base" in keywords
                base = _chain(keywords["base"]) if based else None  # (its __init__ runs when the task is made)
                given = (base[0],) + base[1] if base is not None else ()
                eager = type(keywords.get("lazy")) is ast.Constant and keywords["lazy"].value is False  # type: ignore
                if chain[1] and chain[1][-1] == "task":
                    ops.append(m.TaskProxy(node.name, chain[0], chain[1][:-1], node.lineno, based, given, eager))
                elif self.has_shared_task and (chain[1], self.import_paths().get(chain[0])) in (
                        ((), "celery.shared_task"), (("shared_task",), "celery")):
                    # (for the app current when used)
                    ops.append(m.TaskProxy(node.name, "", (), node.lineno, based, given, eager))
        self.note_bound([node.name], node.lineno)
        return ops

    def binds_globals(self) -> bool:
        """Whether a binding here lands in the module namespace when the module runs."""
        return self.module_level and self.scope == m.MODULE

    def decorator_expr(self, decorator: ast.expr) -> List[m.Op]:
        """Evaluating `@factory(args)` before the def: the factory itself is called when applied."""
        if isinstance(decorator, ast.Call) and _chain(decorator.func) is not None:
            name, attrs = _chain(decorator.func)
            ops: List[m.Op] = [m.Access(name, attrs, decorator.lineno)] if attrs else []
            for arg in decorator.args:
                ops.extend(self.expr(arg))
            for keyword in decorator.keywords:
                ops.extend(self.expr(keyword.value))
            return ops
        return self.expr(decorator)

    def dispatches(self, decorator: ast.expr) -> bool:
        """`@f.register` (plain) of a singledispatch function f: defined so in this module, or a name a
        top-level `from` import binds (not a module's `register`, `@atexit.register`)."""
        return (type(decorator) is ast.Attribute and decorator.attr == "register" and type(decorator.value) is ast.Name
                and (decorator.value.id in self.dispatchers or decorator.value.id in self.top_from_names))

    def decorate(self, node, qualname: str = "") -> List[m.Op]:
        """Applying a decorator calls it (its body may import); `@f(...)` calls f, then its result. The
        first one applied (the last written), when plain, is given the function (see m.Call.args)."""
        ops: List[m.Op] = []
        for position, decorator in enumerate(reversed(node.decorator_list)):
            is_call = isinstance(decorator, ast.Call)
            chain = _chain(decorator.func if is_call else decorator)
            if chain and not is_call:
                self.recorded(chain, qualname)
            if chain:
                # `@appcontext_pushed.connect`, or `@appcontext_pushed.connect_via(app)` (Flask sends it with the
                # app pushed): a signal of Flask's; `@event.listens_for(Mapper, "after_configured")`: SQLAlchemy's
                # (see Simulator._signal). Each is given the function, as a plain decorator is.
                signal = m.LIBRARY_SIGNALS.get(self.import_paths().get(chain[0], "")) if (
                    chain[0] in _LIBRARY_SIGNAL_NAMES and chain[1] == (("connect_via",) if is_call else ("connect",))
                ) else None
                if signal is not None:
                    chain, is_call = (m.LIBRARY_SIGNAL, (signal, "connect")), False
                elif is_call and self.mapper_event(decorator, 1):
                    chain, is_call = (m.LIBRARY_SIGNAL, (m.MAPPERS_CONFIGURED, "connect")), False
                given = ((m.DEFINED, (qualname,)),) if (qualname and "." not in qualname and not is_call
                                                     and position == 0) else ()
                ops.append(m.Call(chain[0], chain[1], decorator.lineno, is_call, given))
        return ops

    def stmt_FunctionDef(self, node) -> List[m.Op]:
        top = self.module_level and self.scope != m.FUNCTION
        return self.function(node, node.name if top else None)

    stmt_AsyncFunctionDef = stmt_FunctionDef

    def stmt_ClassDef(self, node: ast.ClassDef) -> List[m.Op]:
        ops: List[m.Op] = []
        for decorator in node.decorator_list:
            ops.extend(self.decorator_expr(decorator))
        for base in node.bases:
            ops.extend(self.expr(base))
        for keyword in node.keywords:
            ops.extend(self.expr(keyword.value))
        top = self.module_level and self.scope != m.FUNCTION
        outer_dataclass, self.dataclass = self.dataclass, top and any(map(_generates_init, node.decorator_list))
        generated = _generated_init(node) if top and self.dataclass else None
        with self.nested(module_level=False):
            body_ops: List[m.Op] = []
            for stmt in node.body + ([generated] if generated is not None else []):
                if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    body_ops.extend(self.function(stmt, f"{node.name}.{stmt.name}" if top else None))
                else:
                    body_ops.extend(self.stmt(stmt))
        self.dataclass = outer_dataclass
        ops.append(m.ClassBody(tuple(body_ops), node.lineno))
        if top and node.bases and self.mapped:  # (its annotations that SQLAlchemy evaluates now)
            ops.extend(_mapped_column_reads(node, self.future_annotations))
        if top and _enum_members(node) and any(_last_name(_chain(base) or ("", ())) in _ENUM_NAMES
                                               and self.imported_path(base) in _ENUM_CLASSES for base in node.bases):
            # Enum makes the members as it makes the class, calling the class's own __init__ with each value
            ops.append(m.Call(m.DEFINED, (f"{node.name}.__init__",), node.lineno))
        ops.extend(self.decorate(node))
        bases = tuple(_chain(base) or ("", ()) for base in node.bases) if top else ()
        hooks = tuple(hook for base, chain in zip(node.bases, bases) if _last_name(chain) in _HOOKED_CLASSES
                      for hook in LIBRARY_HOOKS.get(self.imported_path(base) or "", ()))
        if top and self.enclosing is None and ("on_init" in hooks or any(
                chain[0] in self.celery_classes and not chain[1] for chain in bases)):
            own = any(type(stmt) is ast.FunctionDef and stmt.name == "on_configure" for stmt in node.body)
            inherited = (self.celery_classes[chain[0]] for chain in bases
                         if not chain[1] and self.celery_classes.get(chain[0]))
            self.celery_classes[node.name] = f"{node.name}.on_configure" if own else next(inherited, "")
        if hooks:
            hooks = _made_hooks(hooks, node)
        elif bases:
            hooks = _view_hooks(node)
        declared = tuple(stmt.name for stmt in node.body if isinstance(stmt, ast.FunctionDef)
                         and any(map(_is_declared_attr, stmt.decorator_list))) if top else ()
        keywords = tuple((k.arg, _keyword_value(k.value)) for k in node.keywords if k.arg not in (None, "metaclass"))
        attributes = tuple(target.id for stmt in node.body if type(stmt) is ast.Assign for target in stmt.targets
                           if type(target) is ast.Name and target.id.isupper()) if bases else ()
        ops.append(m.Define(node.name, "class", node.lineno, node.name if top else "", bases, hooks, declared,
                            keywords if not any(k.arg is None for k in node.keywords) else (("**", None),),
                            attributes))
        if bases and _configuring_schema(node):  # (its metaclass reads the model's attributes, before the name is bound)
            ops.insert(len(ops) - 1, _configure_mappers(node.lineno))
        self.note_bound([node.name], node.lineno)
        return ops

    def assign_target(self, target: ast.AST, line: int) -> List[m.Op]:
        if isinstance(target, ast.Attribute) and self.module_level and _own_module(target.value):
            if target.attr == "__class__":  # (a ModuleType subclass: its __getattr__ may give any name)
                self.open_namespace = True
                return []
            return self.bind([target.attr], line)  # `sys.modules[__name__].X = ...` binds a global
        if isinstance(target, ast.Attribute):
            chain = _chain(target)
            if chain:
                ops: List[m.Op] = []
                if len(chain[1]) > 1:
                    ops.append(m.Access(chain[0], chain[1][:-1], line))
                ops.append(m.SetAttr(chain[0], chain[1], line))
                return ops
            return self.expr(target.value)
        if isinstance(target, ast.Subscript):
            if self.module_level and _chain(target.value) == ("sys", ("modules",)) and type(
                    target.slice) is ast.Name and target.slice.id == "__name__":
                self.open_namespace = True  # `sys.modules[__name__] = obj`: importers read obj's attributes
            key = _globals_key(target) if self.module_level else None
            if key is not None:  # `globals()["beta"] = ...` binds one global
                return self.bind([key], line)
            if (self.module_level and type(target.slice) is ast.Name and target.slice.id in self.loop_values
                    and _is_globals_call(target.value)):
                # `for name in ("alpha", "beta"): globals()[name] = import_module(...)`: binds those
                return self.bind(list(self.loop_values[target.slice.id]), line)
            if self.module_level and self.enclosing is None and _is_globals_call(target.value):
                # `for name in dir(env): globals()[name] = getattr(env, name)`: any name, from here on
                return self.expr(target.slice) + [m.OpenNamespace(line)]
            return self.expr(target.value) + self.expr(target.slice)
        if isinstance(target, (ast.Tuple, ast.List)):
            return [op for elt in target.elts for op in self.assign_target(elt, line)]
        if isinstance(target, ast.Starred):
            return self.assign_target(target.value, line)
        return self.bind(_target_names(target), line)

    def stmt_Assign(self, node: ast.Assign) -> List[m.Op]:
        if (self.source.is_package and self.enclosing is None and len(node.targets) == 1
                and type(node.targets[0]) is ast.Name and node.targets[0].id == "__path__"
                and _call_name(node.value) != "extend_path"):  # (extend_path appends: the own folder stays first)
            first = node.value.elts[0] if type(node.value) is ast.List and node.value.elts else node.value
            return (self.expr(node.value) + self.path_change(first, True, node.lineno)
                    + self.bind(["__path__"], node.lineno))
        if (type(node.value) is ast.Lambda and self.enclosing is None and len(node.targets) == 1
                and type(node.targets[0]) is ast.Name and not node.targets[0].id.startswith("__")):
            return self.stmt_FunctionDef(_lambda_def(node.targets[0].id, node.value))  # `loader = lambda: ...`
        if (self.module_level and self.enclosing is None and len(node.targets) == 1
                and type(node.targets[0]) is ast.Name and type(node.value) is ast.List and self.binds_globals()):
            # `HOOKS = []` (not `__all__`: all_stage), or `ROUTE_MODULES = ["health"]` then `if ...:
            # ROUTE_MODULES.append("auth")` (see _appended_lists): strings appended, loops over it may import them
            name = node.targets[0].id
            appended = self.appends_strings(name)
            if appended or (not node.value.elts and not name.startswith("__")):
                self.note_bound([name], node.lineno)
                if appended:
                    self.followed_lists.add(name)
                return [m.BindList(name, node.lineno, _string_list(node.value) or ())]
        table = _table_entries(node) if self.module_level and self.enclosing is None else None
        if table and self.binds_globals():  # `config = {"development": DevConfig, ...}`
            self.note_bound([node.targets[0].id], node.lineno)  # type: ignore[attr-defined]
            return self.expr(node.value) + [m.BindTable(node.targets[0].id, table, node.lineno)]  # type: ignore
        if (self.module_level and self.enclosing is None and len(node.targets) == 1
                and _own_module(node.targets[0]) and type(node.targets[0]) is ast.Subscript
                and _chain(node.value) is not None):
            # `sys.modules[__name__] = _jobs` (an old module handing its name over to another): see m.ModuleAlias
            self.replaces_itself = True
            name, attrs = _chain(node.value)  # type: ignore[misc]
            return self.expr(node.value) + [m.ModuleAlias(name, attrs, node.lineno)]
        if (self.enclosing is None and self.module_level and len(node.targets) == 1
                and type(node.targets[0]) is ast.Name and type(node.value) is ast.Call
                and _call_name(node.value) == "LocalProxy" and len(node.value.args) == 1 and not node.value.keywords
                and _chain(node.value.args[0]) is not None):
            # `celery = LocalProxy(get_celery)`: the function runs at each attribute read of the proxy
            self.note_bound([node.targets[0].id], node.lineno)
            name, attrs = _chain(node.value.args[0])  # type: ignore[misc]
            return self.expr(node.value) + [m.BindProxy((node.targets[0].id,), name, attrs, node.lineno)]
        ops = self.wrapped(node.value) or self.expr(node.value)
        for target in node.targets:  # `os.environ["APP_ENV"] = "production"` (`os.environ[key] = ...`: "", any)
            if type(target) is ast.Subscript and _chain(target.value) == ("os", ("environ",)):
                key = _literal_str(target.slice)
                ops.append(m.SetEnv(key or "", _literal_str(node.value) if key is not None else None, False,
                                    node.lineno))
                self.sets_environment = True
        tabled = _table_imports(ops) if (ops and type(ops[-1]) is m.If and self.defaults[0] is not None
                                         and len(node.targets) == 1 and type(node.targets[0]) is ast.Name) else None
        if tabled is not None:
            # `mod = importlib.import_module(_LAZY[name])` (see table_lookup): bound to the module of the key the
            # name holds, for `getattr(mod, name)`
            name = node.targets[0].id  # type: ignore[attr-defined]
            self.note_bound([name], node.lineno)
            variable, keys = tabled
            self.table_modules[(id(self.defaults[0]), name)] = (variable, keys)
            cut = len(ops) - len(keys)
            return ops[:cut] + [m.Bind((name,), node.lineno)] + [
                replace(op, body=op.body + (m.BindModule((name,), op.body[0].target, node.lineno),))
                for op in ops[cut:]]
        looked_up = _modules_entry(node.value, self.literal_of)
        if looked_up is not None and all(type(t) is ast.Name for t in node.targets):
            names = tuple(t.id for t in node.targets)  # type: ignore[attr-defined]
            self.note_bound(names, node.lineno)  # `_pkg = sys.modules[__package__]`: that module, if loaded
            return ops + [m.BindModule(names, looked_up, node.lineno)]
        # (`module = import_string("app.views")`: the call of werkzeug's function comes after its import)
        last = ops[-1] if ops else None
        dynamic = last if isinstance(last, m.DynamicImport) else ops[-2] if (  # type: ignore[union-attr]
            type(last) is m.Call and (last.attrs[-1] if last.attrs else last.name) == "import_string"
            and len(ops) > 1 and type(ops[-2]) is m.DynamicImport and ops[-2].line == last.line) else None
        if (dynamic is not None and all(isinstance(t, ast.Name) for t in node.targets)
                and isinstance(node.value, ast.Call)):
            target = dynamic.target
            call = node.value
            if (_call_name(call) == "__import__" and len(call.args) < 4
                    and not any(k.arg == "fromlist" for k in call.keywords)):
                target = target.partition(".")[0]  # __import__("a.b") returns the package a
            names = tuple(t.id for t in node.targets)
            self.note_bound(names, node.lineno)
            if target.startswith("{!") and "|" in target and self.defaults[0] is not None and len(names) == 1:
                # `module = import_module(_EXPORTS[name], __name__)`: which key's module, for `getattr(module, name)`
                variable, _, entries = target[2:].partition("}")[0].partition("|")
                self.table_modules[(id(self.defaults[0]), names[0])] = (variable, tuple(lookup_entries(entries)))
            return ops + [m.BindModule(names, target, node.lineno)]
        truth = _hasattr_test(node.value) if self.enclosing is None else None
        if truth is not None and all(isinstance(t, ast.Name) for t in node.targets):
            names = tuple(t.id for t in node.targets)  # `READY = hasattr(app_pkg, "celery")`
            self.note_bound(names, node.lineno)
            self.truth_names.update(names)
            return ops + [m.BindTruth(names, truth, node.lineno)]
        if (type(node.value) is ast.Call and type(node.value.func) is ast.Attribute
                and node.value.func.attr in SIGNAL_MAKERS and type(node.value.func.value) is ast.Call
                and not node.value.func.value.args and _chain(node.value.func.value.func) is not None
                and all(type(t) is ast.Name for t in node.targets) and self.enclosing is None):
            # `plugin_loaded = Namespace().signal("plugin-loaded")`: a signal, as through a bound Namespace
            name, attrs = _chain(node.value.func.value.func)  # type: ignore[misc]
            names = tuple(t.id for t in node.targets)  # type: ignore[attr-defined]
            self.note_bound(names, node.lineno)
            return ops + [m.BindResult(names, name, attrs + ("()", node.value.func.attr), node.lineno)]
        if (isinstance(node.value, ast.Call) and _chain(node.value.func) is not None
                and all(isinstance(t, ast.Name) for t in node.targets)):
            name, attrs = _chain(node.value.func)
            names = tuple(t.id for t in node.targets)
            self.note_bound(names, node.lineno)
            # a generator function's body runs when its generator is iterated, not when it is called and bound
            # (`gen = produce(3)`); `PLUGINS = discover()` at module level (no arguments), when PLUGINS is
            # iterated there (m.Iterate)
            last = ops[-1] if ops else None
            stored = type(last) is m.Call and (last.name, last.attrs) == (name, attrs) and not last.call_result
            lazy = stored and self.enclosing is None and last.bare  # type: ignore[union-attr]
            if stored:
                ops[-1] = _stored(last)  # type: ignore[arg-type]
            maker = _last_name((name, attrs))
            if self.binds_globals() and self.enclosing is None and maker == "Blueprint":
                self.blueprints.update(names)
            made = None
            if (maker == "Celery" and self.imported_path(node.value.func) == "celery.Celery") or (
                    not attrs and name in self.celery_classes):  # (or `class CeleryApp(Celery):` of this module)
                if self.binds_globals() and self.enclosing is None:
                    made = self.celery_app_op(names, node.value, self.celery_classes.get(name, "") if not attrs else "")
                else:
                    self.celery_made(names, node.value)
            # (Celery's Signal.send logs what a receiver raises and goes on; blinker's and Django's do not)
            swallows = maker == "Signal" and (self.imported_path(node.value.func) or "").startswith("celery.")
            return ops + [m.BindResult(names, name, attrs, node.lineno, lazy, swallows)] + ([made] if made else [])
        if (isinstance(node.value, (ast.Name, ast.Attribute)) and _chain(node.value) is not None
                and all(isinstance(t, ast.Name) and t.id != "__all__" for t in node.targets)):
            name, attrs = _chain(node.value)  # `task = send_email`, `celery = ext.celery`: an alias
            names = tuple(t.id for t in node.targets)
            self.note_bound(names, node.lineno)
            return ops + [m.BindValue(names, name, attrs, node.lineno)]
        stage = False
        for target in node.targets:
            if self.module_level and isinstance(target, ast.Name) and target.id == "__all__":
                self.all_names = _literal_strings(node.value)
                stage = True
            ops.extend(self.assign_target(target, node.lineno))
        return ops + self.all_stage(node.lineno) if stage else ops

    def all_stage(self, line: int) -> List[m.Op]:
        """After a statement of the module that binds or changes `__all__`: when it is known, the op binding
        `_\0allN` (m.ModuleFacts.all_stages[N] is its value then), so that a star import of the module
        while it runs takes the names listed so far; when it is not, none will be taken."""
        if self.all_names is None:
            self.all_unsure = True
            return []
        self.all_stages.append(self.all_names)
        return [m.Bind((m.ALL_STAGE + str(len(self.all_stages) - 1),), line)]

    def wrapped(self, value: ast.expr) -> Optional[List[m.Op]]:
        """The ops of a statement's whole value when it is a call of a wrapper (`itertools.chain(...)`,
        `map(f, ...)`, see _WRAPPERS) that nothing iterates here: those of its arguments' calls marked
        `stored` (a generator function called there waits to be iterated, see Simulator._run); else None."""
        if type(value) is not ast.Call or not value.args:
            return None
        func = value.func  # (the names first: most calls are not of a wrapper, and _chain is not free)
        if not ((type(func) is ast.Name and func.id in _WRAPPER_NAMES) or (
                type(func) is ast.Attribute and func.attr in _WRAPPER_NAMES)):
            return None
        chain = _chain(value.func)
        if chain is None:
            return None
        if not (chain[0] in _WRAPPERS and not chain[1]):
            names = (chain[0],) + chain[1]
            tail = ".".join(names[-2:] if names[-1] == "from_iterable" else names[-1:])
            if tail not in _ITERTOOLS_WRAPPERS or not (self.imported_path(value.func) or "").startswith("itertools."):
                return None  # (imported_path is asked last: its first answer in a module walks the module)
        ops = self.expr(value)
        inner = [_chain(arg.func) for arg in value.args if type(arg) is ast.Call]
        return [_stored(op) if type(op) is m.Call and (op.name, op.attrs) in inner and not op.call_result
                else op for op in ops]

    def stmt_Expr(self, node: ast.Expr) -> List[m.Op]:
        wrapped = self.wrapped(node.value)
        if wrapped is not None:
            return wrapped
        if self.module_level and isinstance(node.value, ast.Call):
            chain = _chain(node.value.func)
            if chain is not None and chain[0] == "__all__" and len(chain[1]) == 1 and self.all_names is not None:
                self.all_mutation(node, node.value)
                return self.expr(node.value) + self.all_stage(node.lineno)
        ops = self.expr(node.value)
        last = ops[-1] if ops else None
        if type(last) is m.Call and not last.call_result and type(node.value) is ast.Call and (  # type: ignore
                last.name, last.attrs) == (_chain(node.value.func) or (None, None)):  # type: ignore[union-attr]
            ops[-1] = _stored(last)  # (`produce(3)` alone: a generator's body never runs)
        return ops

    def all_mutation(self, node: ast.Expr, call: ast.Call) -> None:
        """`__all__.append("x")` and `__all__.extend(["x", "y"])` as statements of the module's own body
        add to the literal `__all__`; any other method that changes it, or one of these under an `if`, a loop
        or a `try`, leaves it unknown (a star import then takes the public names, see Simulator.star)."""
        chain = _chain(call.func)
        if chain is None or chain[0] != "__all__" or len(chain[1]) != 1 or self.all_names is None:
            return
        method, extra = chain[1][0], None
        if method in ("sort", "copy", "index", "count"):
            return  # (the same names)
        if id(node) in self.top_statements and len(call.args) == 1 and not call.keywords:
            arg = call.args[0]
            if method == "append" and isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                extra = (arg.value,)
            elif method == "extend":
                extra = _literal_strings(arg)
        self.all_names = None if extra is None else self.all_names + extra

    def stmt_AugAssign(self, node: ast.AugAssign) -> List[m.Op]:
        ops = self.expr(node.value)
        if isinstance(node.target, ast.Name) and node.target.id == "__all__" and self.module_level:
            extra = _literal_strings(node.value)
            if self.all_names is not None and extra is not None:
                self.all_names = self.all_names + extra
            else:
                self.all_names = None
            return ops + self.assign_target(node.target, node.lineno) + self.all_stage(node.lineno)
        chain = _chain(node.target) if isinstance(node.target, ast.Attribute) else None
        if chain:  # `a.n += 1` reads a.n first
            ops.append(m.Access(chain[0], chain[1], node.lineno))
        return ops + self.assign_target(node.target, node.lineno)

    def stmt_AnnAssign(self, node: ast.AnnAssign) -> List[m.Op]:
        ops: List[m.Op] = []
        if node.value is not None:
            ops.extend(self.expr(node.value))
        if self.scope != m.FUNCTION and not self.future_annotations and sys.version_info < (3, 14):
            ops.extend(self.expr(node.annotation))  # module and class bodies evaluate annotations
        if node.value is not None:
            ops.extend(self.assign_target(node.target, node.lineno))
        return ops

    def bool_op(self, node: ast.BoolOp) -> List[m.Op]:
        """`and` runs its operands up to a false one, `or` up to a true one: up to one decided so here
        (see truth), the later ones as an undecided `if` from the first that is not decided."""
        stop = isinstance(node.op, ast.Or)
        ops: List[m.Op] = []
        for index, value in enumerate(node.values):
            ops.extend(self.expr(value))
            if index == len(node.values) - 1:
                break
            truth = self.truth(value)
            if truth is None:
                rest = [op for later in node.values[index + 1:] for op in self.expr(later)]
                # (`app = app or create_app()`: decided by what the running call gave the parameter)
                parameter = self.parameter_test(value) if self.enclosing is not None else None
                test = "unknown" if parameter is None else ("not-" if stop else "") + "\0".join(parameter)
                if rest:
                    ops.append(m.If(test, tuple(rest), (), node.lineno))
                break
            if truth == stop:
                break
        return ops

    def stmt_If(self, node: ast.If) -> List[m.Op]:
        if _is_type_checking(node.test):
            with self.nested(scope=m.TYPE_CHECKING):
                body = self.body(node.body)
            return [m.If("false", body, self.body(node.orelse), node.lineno)]
        ops: List[m.Op] = []
        # (`app.config[...]`, `.get(...)`, `app.debug`, ...)
        body = self.block_of(node) if _may_read_config(node.test) else None
        test = self.config_test(node, body) if body is not None else None
        if test is None:
            test = self.test_kind(node.test, ops)
        saved, self.read_values = self.read_values, {}
        try:
            ops.append(m.If(test, self.body(node.body), self.body(node.orelse), node.lineno))
        finally:
            self.read_values = saved
        return ops

    def block_of(self, node: ast.stmt) -> Optional[Sequence[ast.stmt]]:
        """The statements `node` is one of when it is a top-level statement of the module or one directly
        in the body of the function being read; else None."""
        if self.module_level and id(node) in self.top_statements and self.tree:
            return self.tree.body
        function = self.defaults[0]
        if function is not None and self.enclosing is not None and any(
                statement is node for statement in function.body):  # type: ignore[attr-defined]
            return function.body  # type: ignore[attr-defined]
        return None

    def config_block(self, node: ast.stmt) -> Optional[Sequence[ast.stmt]]:
        """block_of, or for a statement directly in a `with app.app_context():` (or `test_request_context()`)
        that is one of those statements, the statements before that `with` followed by the ones in its body:
        what runs before `node`, as config_value reads them (pushing a context leaves the config alone)."""
        found = self.block_of(node)
        if found is not None or self.tree is None:
            return found
        function = self.defaults[0]
        outer = self.tree.body if self.enclosing is None else function.body if (  # type: ignore[attr-defined]
            function is not None) else ()
        for index, statement in enumerate(outer):
            if type(statement) is ast.With and any(inner is node for inner in statement.body) and all(
                    type(item.context_expr) is ast.Call and type(item.context_expr.func) is ast.Attribute
                    and item.context_expr.func.attr in ("app_context", "test_request_context")
                    and item.optional_vars is None for item in statement.items):
                return list(outer[:index]) + list(statement.body)
        return None

    def config_test(self, node: ast.If, body: Sequence[ast.stmt]) -> Optional[str]:
        """A top-level `if app.config["FLAG"]:` (`app.config.get("FLAG")`, `not ...`), or one in the body of
        a function (`body`: the statements it is one of), decided by what the module (or function) put in
        the config of the Flask app it made: `app = Flask(...)`, then up to the `if` only
        `app.config["FLAG"] = <constant>`, `app.config.update(FLAG=<constant>)` and one
        `app.config.from_object(Config)` (a class of this module or imported, or its path as a string, or
        in a function its parameter, `def create_app(config_class=Config)`), among definitions,
        constants and `@app.route` views. Its value then: "true"/"false", "flag:module.Config.FLAG",
        decided by what that class binds (see _class_settings), or "pflag\0config_class\0FLAG", by what
        the class given to the parameter binds; else None. `a and not b` (`not app.debug and not
        app.testing`) when each part is decided here."""
        return self.config_read(node.test, node, body)

    def config_read(self, test: ast.expr, node: ast.If, body: Sequence[ast.stmt]) -> Optional[str]:
        """See config_test: the test `test` (the `if` node's, or a part of it)."""
        negated = isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)
        read = test.operand if negated else test
        if type(read) is ast.BoolOp and not negated:  # `a and b`: decided where each part is
            parts = [self.config_read(value, node, body) for value in read.values]
            if None in parts:
                return None
            stop = "true" if type(read.op) is ast.Or else "false"  # (the value that ends it)
            if stop in parts:
                return stop
            if all(part in ("true", "false") for part in parts):
                return "false" if stop == "true" else "true"
            return ("any\1" if stop == "true" else "all\1") + "\1".join(  # type: ignore[arg-type]
                part for part in parts if part not in ("true", "false"))
        found = _config_key(read)
        if found is None and type(read) is ast.Attribute and read.attr in _FLASK_ATTRIBUTE_KEYS and type(
                read.value) is ast.Name:
            found = (_FLASK_ATTRIBUTE_KEYS[read.attr], read.value.id, False)  # `app.debug`: app.config["DEBUG"]
        if found is None or self.tree is None:
            return None
        key, app, got = found
        value = self.config_value(app, key, node, body)
        # (a key no statement set: Flask's own default, DEBUG's from FLASK_DEBUG, unset in a fresh
        # interpreter; a key Flask does not define is missing, unless an extension's `init_app(app)` ran,
        # which may set its own keys with `setdefault`: the value[-1] "extended")
        missing_false = key in ("DEBUG", "TESTING") or (
            got and key not in _FLASK_DEFAULT_KEYS and value is not None and value[-1] != "extended")
        if value is not None and value[0] == "unset":
            value = ("const", False) if missing_false else ("const", True) if (
                _true_default(read) and key not in _FLASK_DEFAULT_KEYS and value[-1] != "extended") else None
        if value is None:
            return None
        if value[0] == "const":
            return "true" if bool(value[1]) != negated else "false"
        # ("\0else-false": a class that is known not to bind the key leaves Flask's false default, or None)
        default = "\0else-false" if missing_false else ""
        if value[0] == "keyed":  # (the table's key given by the call)
            return ("not-tflag\0" if negated else "tflag\0") + "\0".join((value[1], key, value[3])) + default
        if value[0] == "parameter":  # (with the path of the parameter's default class, "" when not known)
            path = self.class_path(self.defaults[1].get(value[1])) or ""
            return ("not-pflag\0" if negated else "pflag\0") + "\0".join((value[1], key, path)) + default
        return ("not-flag:" if negated else "flag:") + value[1] + "." + key + default

    def config_value(self, app: str, key: str, node: ast.stmt, body: Sequence[ast.stmt]) -> Optional[tuple]:
        """What `key` of the config of the Flask app `app` holds when statement `node` of `body` runs (see
        config_test): ("const", value), ("class", "module.Class") its from_object class's, ("parameter",
        name), ("unset",) (plus "extended" after an extension's init_app); None when not known."""
        value: Optional[tuple] = None
        for statement in body:
            if statement is node:
                break
            if (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                    and isinstance(statement.targets[0], ast.Name) and statement.targets[0].id == app):
                made = _chain(statement.value.func) if isinstance(statement.value, ast.Call) else None
                value = ("unset",) if made is not None and _last_name(made) == "Flask" else None
                continue
            if value is None:
                continue
            value = self.config_write(statement, app, key, value)
        return value

    def table_class(self, node: ast.Subscript) -> Optional[tuple]:
        """What config_value makes of `from_object(config[key])`, `config` a module-level dict (this module's
        or imported: its module exports what each of its classes binds under `config[key].NAME`, see
        _class_tables): ("class", "app.config.config[default]") for a literal key; ("keyed", parameter,
        its literal default or "", "app.config.config") for a parameter the function keeps (decided by the
        string the call gives it); None for another."""
        chain, key = _chain(node.value), node.slice
        if chain is None or chain[1]:
            return None
        table = self.import_paths().get(chain[0]) or (
            f"{self.source.module}.{chain[0]}" if type(self.literal_of(chain[0])) is ast.Dict else None)
        if table is None or "." not in table:
            return None
        if type(key) is ast.Constant and type(key.value) is str and TABLE_KEY.match(key.value):
            return ("class", f"{table}[{key.value}]")
        environment = _environment_value(key) if type(key) is ast.Call else None
        if isinstance(environment, str) and TABLE_KEY.match(environment):
            # `config[os.getenv("FLASK_ENV", "production")]`: unset in a fresh interpreter, the default (as _template);
            # a loop over its list asks the simulation, where an entry script may have set it (see config_loop)
            variable = _environment_name(key)
            return ("class", f"{table}[{environment}]") + ((("env", variable, environment),) if variable else ())
        if type(key) is ast.Name and self.parameter_of(key.id) and self.defaults[0] is not None:
            default = dict(_text_defaults(self.defaults[0].args)).get(key.id, "")  # type: ignore[attr-defined]
            return ("keyed", key.id, default if TABLE_KEY.match(default) else "", table)
        return None

    def config_loop(self, node: ast.For, read: Optional[ast.expr] = None
                    ) -> Tuple[Optional[Tuple[str, ...]], Optional[str]]:
        """For `for name in app.config["BLUEPRINTS"]:` (or `.get("BLUEPRINTS")`), at the top level or directly
        in a function (or in a `with app.app_context():` there, see config_block): the literal list or tuple of
        strings the same body set that key to (`app.config["ROUTE_MODULES"] = ("health", "auth")`, see
        config_value); or else, after `app.config.from_object(Config)` (see config_test; of a parameter: its
        default class, as the call without it), the path of the class attribute it iterates
        (`config.Config.BLUEPRINTS`, a list that module may export). (None, None) when neither is known."""
        read = node.iter if read is None else read  # (`read`: the config read a dict view is of)
        found = _config_key(read) if not (type(read) is ast.Call and len(read.args) != 1) else None
        if found is None or self.tree is None:
            return None, None
        key, app, _ = found
        body = self.config_block(node)
        value = self.config_value(app, key, node, body) if body is not None else None
        if value is not None and value[0] == "const":
            return (value[1], None) if type(value[1]) is tuple else (None, None)
        caller = False
        if value is None and body is not None and self.enclosing is not None and self.is_parameter(app):
            value = self.caller_config(app, key, node, body)  # `def register_blueprints(app):`
            caller = True
        if value is not None and value[0] == "parameter":  # (`def create_app(config_class=Config)`: its
            path = self.class_path(self.defaults[1].get(value[1]))  # default, as for `config.BLUEPRINTS`)
            return None, None if path is None else f"{path}.{key}"
        if value is not None and value[0] == "keyed":  # (`def create_app(config_name="default")`: the key the
            # call gives, or else the default, filled in by the simulation; the graph takes every key of the
            # table: see graph.expand_exported. In a helper the factory calls, where that parameter is not
            # known, the default)
            if caller:
                return None, f"{value[3]}[{value[2]}].{key}" if value[2] else None
            return None, f"{value[3]}[{{!{value[1]}}}].{key}"
        if value is not None and value[0] == "class" and len(value) > 2 and type(value[2]) is tuple:
            _, variable, default = value[2]  # (the variable's value when the loop runs: see Simulator._dynamic_name)
            return None, f"{value[1].rpartition('[')[0]}[{{!${variable}={default}}}].{key}"
        return None, f"{value[1]}.{key}" if value is not None and value[0] == "class" else None

    def caller_config(self, app: str, key: str, node: ast.stmt, body: Sequence[ast.stmt]) -> Optional[tuple]:
        """What config_value gives for `key` of the config of the Flask app a top-level function of the module
        was given as its parameter `app` (`register_blueprints(app)`), at statement `node` of its `body`: as
        the one statement of the module that calls it, `register_blueprints(app)` in the factory or at the
        top level, has it (a class, or a table's key: see table_class), unchanged by the function's
        statements before `node`; None when not known, or when two calls differ."""
        function = self.defaults[0]
        if self.tree is None or function is None or self.enclosing != getattr(function, "name", None):
            return None
        params = [arg.arg for arg in function.args.posonlyargs + function.args.args]  # type: ignore[attr-defined]
        if app not in params or self.rebinds(function, app):
            return None
        position = params.index(app)
        found: List[tuple] = []
        saved = self.defaults
        try:
            for scope in [self.tree] + [n for n in self.tree.body if type(n) in (ast.FunctionDef, ast.AsyncFunctionDef)]:
                self.defaults = (scope, _chain_defaults(scope.args)) if scope is not self.tree else (None, {})
                for statement in scope.body:  # type: ignore[attr-defined]
                    call = statement.value if type(statement) is ast.Expr else None  # type: ignore[attr-defined]
                    if not (type(call) is ast.Call and type(call.func) is ast.Name and call.func.id == self.enclosing
                            and len(call.args) > position and type(call.args[position]) is ast.Name):
                        continue
                    given = self.config_value(call.args[position].id, key, statement, scope.body)  # type: ignore
                    found.append(given if given is not None and given[0] in ("class", "keyed") else ("",))
        finally:
            self.defaults = saved
        if len(set(found)) != 1 or found[0] == ("",):
            return None
        value: Optional[tuple] = found[0]
        for statement in body:  # (what the function does to the config before the loop)
            if statement is node or value is None:
                break
            value = self.config_write(statement, app, key, value)
        return value

    def config_write(self, statement: ast.stmt, app: str, key: str, value: tuple) -> Optional[tuple]:
        """What `key` of app's config holds after a top-level statement (see config_test): `value` when the
        statement leaves it alone, None when the statement is not one that config_test follows."""
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            ok = all((_chain(d.func if isinstance(d, ast.Call) else d) or ("",))[0] == app
                     for d in statement.decorator_list)  # (`@app.route("/")`: registers the view)
            return value if ok else None
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            return value  # (a docstring)
        if isinstance(statement, (ast.Import, ast.ImportFrom)) and self.defaults[0] is not None:
            return value  # (`from werkzeug.utils import import_string` in the factory: no module reaches its app)
        # (`app.config["ENABLE_ADMIN"] = os.environ.get("ENABLE_ADMIN") == "1"`: a test decided here, as unset)
        truth = _static_truth(statement.value) if isinstance(statement, ast.Assign) and isinstance(
            statement.value, ast.Compare) else None
        # (`app.config["ROUTE_MODULES"] = ("health", "auth")`: the strings, which a loop over the key goes over)
        strings = _literal_strings(statement.value) if isinstance(statement, ast.Assign) and type(
            statement.value) in (ast.List, ast.Tuple) else None
        if isinstance(statement, ast.Assign) and (isinstance(statement.value, ast.Constant) or truth is not None
                                                  or strings is not None):
            target = statement.targets[0] if len(statement.targets) == 1 else None
            if isinstance(target, ast.Name) and target.id != app:
                return value
            if (isinstance(target, ast.Subscript) and _chain(target.value) == (app, ("config",))
                    and isinstance(target.slice, ast.Constant) and isinstance(target.slice.value, str)):
                given = truth if truth is not None else strings if strings is not None else \
                    statement.value.value  # type: ignore[attr-defined]
                return ("const", given) if target.slice.value == key else value
            return None
        if self.leaves_config(statement, app):
            return value  # (`db = object()`, `logging.basicConfig(...)`: nothing that can reach app)
        if self.made_extension(statement, app):  # `db = SQLAlchemy(app)`: as `db.init_app(app)`, below
            return value if value[0] == "const" or value[-1] == "extended" else value + ("extended",)
        if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)):
            return None
        call = statement.value
        chain = _chain(call.func)
        hook = call.func.value if type(call.func) is ast.Attribute and call.func.attr == "init_app" else None
        if call.args and _chain(call.args[0]) == (app, ()) and (
                (chain is not None and chain[1][-1:] == ("init_app",) and chain[0] != app)
                or (type(hook) is ast.Subscript and type(hook.value) is ast.Name)):
            # `db.init_app(app)`: an extension sets its own keys with setdefault (a key set stays set); and
            # Flasky's `config[config_name].init_app(app)`, the config class's own hook
            return value if value[0] == "const" or value[-1] == "extended" else value + ("extended",)
        if chain == (app, ("config", "from_envvar")) and not (getattr(_WRITTEN, "names", None) or {}) and any(
                type(given) is ast.Constant and given.value is True
                for given in call.args[1:2] + [k.value for k in call.keywords if k.arg == "silent"]):
            # `app.config.from_envvar("APP_SETTINGS", silent=True)`: with the variable unset, as in a fresh
            # interpreter where the module sets none, it loads nothing (not silent, it raises RuntimeError,
            # which is not followed). (Not `from_prefixed_env()`: an entry script may set FLASK_X first.)
            return value
        if chain == (app, ("config", "update")) and not call.args and all(
                k.arg is not None and isinstance(k.value, ast.Constant) for k in call.keywords):
            found = next((k.value.value for k in call.keywords if k.arg == key), _UNSET)  # type: ignore[attr-defined]
            return value if found is _UNSET else ("const", found)
        if chain == (app, ("config", "from_object")) and len(call.args) == 1 and not call.keywords and value == ("unset",):
            # (after a constant or another class: this class may or may not bind the key, overriding it or not)
            source = call.args[0]
            chain = _chain(source)
            if chain is not None and self.tree is not None and _may_change(self.tree, chain, key, call):
                return None  # (`Config.ENABLE_ADMIN = True` here: not what the class binds)
            if type(source) is ast.Name and self.parameter_of(source.id):
                return ("parameter", source.id)  # (`def create_app(config_class=Config)`: what the call gives)
            if type(source) is ast.Subscript:  # `from_object(config[config_name])`, the Flasky layout
                return self.table_class(source)
            if isinstance(source, ast.Constant) and isinstance(source.value, str) and source.value and not (
                    source.value.startswith((".", ":"))):  # (an object path: a class, or a module, `"config"`)
                return ("class", source.value.replace(":", "."))
            path = self.class_path(chain)
            return None if path is None else ("class", path)
        return None

    def imported_attribute(self, node: ast.Attribute) -> List[m.Op]:
        """`import_module("feeds.worker").celery` (`.a.b`): the import, then the attribute read of the module
        it returns (an AttributeError on a partial one), through a name no code reads; [] for another."""
        attrs: List[str] = []
        base: ast.expr = node
        while type(base) is ast.Attribute:
            attrs.insert(0, base.attr)  # type: ignore[attr-defined]
            base = base.value  # type: ignore[attr-defined]
        looked_up = _modules_entry(base, self.literal_of)
        if looked_up is not None:  # `sys.modules[__package__].__version__`
            name = IMPORTED + "\0" + _shown_call(base)
            return [m.BindModule((name,), looked_up, node.lineno), m.Access(name, tuple(attrs), node.lineno)]
        if type(base) is not ast.Call or _call_name(base) not in DYNAMIC_IMPORTERS:
            return []
        ops = self.call(base)  # type: ignore[arg-type]
        imports = [op for op in ops if type(op) is m.DynamicImport]
        if imports and _call_name(base) != "__import__" and not any(op.object_path for op in imports) and (
                len(imports) > 1 or "{=" in imports[0].target):
            # (`for name in BLUEPRINTS: import_module(name).bp`: each module's attribute read after its import)
            return [replace(op, attribute=attrs[0]) if type(op) is m.DynamicImport else op for op in ops]
        if len(imports) != 1 or imports[0].object_path or "{=" in imports[0].target:
            return ops
        target = imports[0].target
        if _call_name(base) == "__import__":
            target = target.partition(".")[0]  # (__import__("a.b") returns the package a)
        name = IMPORTED + "\0" + _shown_call(base)
        return ops + [m.BindModule((name,), target, node.lineno), m.Access(name, tuple(attrs), node.lineno)]

    def path_change(self, folder: ast.expr, package: bool, line: int, position: Optional[ast.expr] = None
                    ) -> List[m.Op]:
        """The m.PathChange of putting `folder` first on sys.path (on the package's `__path__`), unless it is
        the import root (the package's own folder) or goes after it (`insert(1, ...)`)."""
        if position is not None and type(position) is ast.Constant and type(position.value) is int \
                and position.value >= 1:
            return []
        file = os.path.abspath(self.source.path)
        named = _path_of(folder, file)
        own = os.path.dirname(file) if package else os.path.abspath(self.source.root)
        if named is not None and os.path.normpath(named) == os.path.normpath(own):
            return []
        relative = os.path.relpath(named, os.path.abspath(self.source.root)) if named is not None else ""
        return [m.PathChange(package, line, relative)]

    def mapper_event(self, node: ast.Call, count: int) -> bool:
        """Whether `node` is SQLAlchemy's `event.listens_for(target, "after_configured")` (count 1: a decorator
        factory) or `event.listen(target, "after_configured", fn)` (2), for an event of the mappers'
        configuration (_MAPPER_EVENTS)."""
        # (the function's name and the module's text tell SQLAlchemy's: no need for imported_path's walk)
        return (len(node.args) == count + 1 and _literal_str(node.args[1]) in _MAPPER_EVENTS
                and _call_name(node) in _EVENT_LISTENER_NAMES and "sqlalchemy" in self.text)

    def made_extension(self, statement: ast.stmt, app: str) -> bool:
        """Whether a statement makes a Flask extension with the app (`db = SQLAlchemy(app)`,
        `CORS(app, resources=...)`, `limiter = Limiter(key, app=app)`): a class imported from a `flask_`
        package, given the app by name and otherwise what leaves the config alone (see leaves_config);
        its __init__ runs init_app, which sets the extension's own keys with setdefault."""
        if type(statement) is ast.Assign and all(type(target) is ast.Name and target.id != app
                                                 for target in statement.targets):
            call = statement.value
        elif type(statement) is ast.Expr:
            call = statement.value
        else:
            return False
        path = self.imported_path(call.func) if type(call) is ast.Call else None
        if path is None or not path.startswith("flask_") or path.partition(".")[0] in _CONFIG_LOADERS:
            return False
        given = list(call.args) + [keyword.value for keyword in call.keywords]
        if not any(type(arg) is ast.Name and arg.id == app for arg in given):
            return False
        rest = [arg for arg in given if not (type(arg) is ast.Name and arg.id == app)]
        return all(self.leaves_config(ast.Expr(arg), app) for arg in rest)

    def leaves_config(self, statement: ast.stmt, app: str) -> bool:
        """Whether a statement between the Flask app's creation and a test of its config cannot change that
        config: an assignment to plain names or an expression that never names the app and calls only
        builtins and imported names (not a function of the module, which may read the app as a global)."""
        if not (type(statement) is ast.Expr or type(statement) is ast.Assign and all(
                type(target) is ast.Name and target.id != app for target in statement.targets)):
            return False
        for node in ast.walk(statement):
            kind = type(node)
            if kind is ast.Name and node.id == app:  # type: ignore[attr-defined]
                return False
            if kind is ast.Call:
                chain = _chain(node.func)  # type: ignore[attr-defined]
                if chain is None or not (chain[0] in self.top_imports or chain[0] in self.top_from_names or (
                        not chain[1] and chain[0] in _BUILTIN_NAMES and chain[0] not in ("exec", "eval",
                                                                                       "globals", "setattr"))):
                    return False
            elif kind in (ast.Lambda, ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr):
                return False
        return True

    def class_path(self, chain: Optional[Tuple[str, Tuple[str, ...]]]) -> Optional[str]:
        """The dotted path of the class a name or attribute chain stands for: a top-level class of this
        module (`Config`), or one it imports (`from app.config import Config`, `config.Config`; a class
        handed to from_object is only read: not `touched`, see imported_path); None for another."""
        if chain is None:
            return None
        if not chain[1] and chain[0] in self.top_classes:
            return f"{self.source.module}.{chain[0]}"
        base = self.import_paths().get(chain[0])
        if base is None or not chain[1] and "." not in base:
            return None
        return ".".join((base,) + chain[1])

    def truth(self, test: ast.expr) -> Optional[bool]:
        """The truth of an expression when it is decided here: see _static_truth, and module-level
        flags (`PY2 = sys.version_info[0] == 2` ... `if PY2:`, `DEBUG = False` ... `DEBUG and ...`)."""
        if isinstance(test, ast.BoolOp):  # `a and b`: false when one is; true when all are (`or`: inverted)
            truths = [self.truth(value) for value in test.values]
            stop = isinstance(test.op, ast.Or)
            return stop if stop in truths else (not stop if all(t is not None for t in truths) else None)
        truth = _static_truth(test)
        if truth is None:
            negated = isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)
            name = test.operand if negated else test
            flag = self.constant(name.id, False) if isinstance(name, ast.Name) else None
            if flag is not None:
                truth = flag != negated
            compared = _compared_strings(name)
            value = self.string_constant(compared[0]) if compared is not None else None
            if value is not None:  # `MODE == "full"`, `MODE in ("a", "b")` with `MODE = "light"` bound once
                truth = ((value in compared[1]) == compared[2]) != negated  # type: ignore[index]
        return truth

    def spelled_out(self, test: ast.expr) -> ast.expr:
        """`name in TABLE` with TABLE a module-level constant bound to a literal collection of strings
        (see literal_of) as `name in (...)` of its strings (a dict's keys); any other test as it is."""
        if (type(test) is ast.Compare and len(test.ops) == 1 and type(test.ops[0]) in (ast.In, ast.NotIn)
                and type(test.comparators[0]) is ast.Name):
            table = self.literal_of(test.comparators[0].id)
            keys = table.keys if type(table) is ast.Dict else table.elts if type(table) in (  # type: ignore
                ast.List, ast.Tuple, ast.Set) else None
            if keys is not None:
                return ast.Compare(test.left, test.ops, [ast.Tuple(list(keys), ast.Load())])
        return test

    def test_kind(self, test: ast.expr, ops: List[m.Op]) -> str:
        """How the simulator decides an `if` test; appends the ops evaluating it when it must run."""
        main = _is_main_test(test)
        if main is not None:
            return "main" if main else "not-main"
        if (type(test) is ast.Call and type(test.func) is ast.Name and test.func.id == _MISSING_TEST
                and test.args and type(test.args[0]) is ast.Constant):  # (see _generated_init)
            return "missing\0" + test.args[0].value  # type: ignore[attr-defined]
        # (`if (url := os.environ.get("REDIS_URL")):` binds url whether or not the test is decided here)
        walrus = self.has_walrus and self.walrus_test(test)
        if walrus:
            ops.extend(self.expr(test))
        environment = _environment_kind(self.environment_read(test))
        if environment is not None:  # (decided as unset, unless the run set the variable before)
            return environment
        truth = self.truth(test)
        if truth is not None:
            return "true" if truth else "false"
        if not walrus:
            ops.extend(self.expr(test))
        negated = isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)
        call = test.operand if negated else test
        argv = _argv_truth(call, self.imported_path) if self.reads_argv else None
        if argv is not None:  # `if "worker" in sys.argv:`: false in `python -c "import M"`
            return "argv\0" + ("true" if argv != negated else "false")
        if (type(call) is ast.Compare and len(call.ops) == 1 and type(call.ops[0]) in (ast.In, ast.NotIn)
                and type(call.left) is ast.Constant and type(call.left.value) is str
                and _chain(call.comparators[0]) == ("sys", ("modules",))):
            # `if "app.tasks" in sys.modules:`: decided by the simulation for a module of the project
            positive = (type(call.ops[0]) is ast.In) != negated
            return ("" if positive else "not-") + "in-modules\0" + call.left.value
        # (`name in TABLE` decides only where `name` is a local the simulation may know: in a function)
        compared = _compared_strings(self.spelled_out(call) if self.enclosing is not None else call)
        name = call if compared is None else call.left  # type: ignore[attr-defined]
        base = name
        while isinstance(base, ast.Attribute):  # (`settings.USE_CACHE`, the module imported here)
            base = base.value
        if isinstance(base, ast.Name) and (base.id in self.top_imports if base is not name else
                                           base.id in self.top_from_names) and self.enclosing is None:
            # (outside functions: in one, a parameter or a local may have the name)
            path = self.imported_path(name)
            if path is not None and "." in path:  # decided by the flags the module it names exports
                return ("not-flag:" if negated else "flag:") + path + ("" if compared is None else "\0".join(
                    ["", "in" if compared[2] else "not-in"] + compared[1]))
        if compared is not None:  # decided when the name holds a string the simulation knows (see Simulator.op_If)
            name, values, positive = compared
            return "\0".join(["is" if positive != negated else "not-is", name] + values)
        parameter = self.parameter_test(call)
        if parameter is not None:  # `if testing:`, `if test_config is None:` on a parameter: by the call
            kind, name = parameter
            return ("not-" if negated else "") + kind + "\0" + name
        found = _hasattr_test(test)  # decided at run time: is the attribute bound yet?
        if found is not None:
            return found
        if type(call) is ast.Name and call.id in self.truth_names and self.enclosing is None:
            # `if READY:` after `READY = hasattr(...)`: the value bound then, read when the test runs
            return ("not-" if negated else "") + "bound-truth\0" + call.id
        return "unknown"

    def stmt_For(self, node) -> List[m.Op]:
        spelled_out = _mapped_imports(node)
        if spelled_out is not None:  # `for module in map(import_module, NAMES):`
            return self.stmt_For(spelled_out)
        named = self.named_loop(node)
        if named is not None:  # `for module in INSTALLED_MODULES: module.init_app(app)`, a tuple of names
            return self.expr(node.iter) + self.stmt_For(named)
        ops = self.expr(node.iter)
        ops.extend(self.iterated(node.iter))
        if _loop_elements(node.iter, self.literal_of) == ():
            # `for x in []:` never runs its body, and always its `else:` (an `if False:` with that `else:`)
            ops.append(m.If("false", self.body(node.body), self.body(node.orelse), node.lineno))
            return ops
        body: List[m.Op] = self.callbacks(node.iter) if self.enclosing is None and type(node.iter) is ast.Call else []
        unrolled = _unrolled(node)
        if unrolled is None:
            body.extend(self.assign_target(node.target, node.lineno))  # (`for x in map(f, ...)`: f runs first)
        else:
            self.note_bound([node.target.id], node.lineno)  # type: ignore[attr-defined]
        walk = self.package_walk(node)
        if walk is not None:
            body.append(walk)
        saved = (dict(self.loop_values), dict(self.loop_external), dict(self.read_values), dict(self.loop_parameters),
                 dict(self.list_loops))
        if (self.enclosing is None and type(node.iter) is ast.Name and type(node.target) is ast.Name
                and node.iter.id in self.followed_lists):
            # `for name in ROUTE_MODULES: import_module(f"api.{name}")`: each string the list holds then
            self.list_loops[node.target.id] = node.iter.id
        if (type(node.iter) is ast.Name and type(node.target) is ast.Name and self.enclosing is not None
                and self.is_parameter(node.iter.id)):
            # `def register(app, names): for name in names: import_module(name)`: each string of a list
            # argument (m.LIST_ARGUMENT), the loop variable taking them in turn (see Simulator.op_Loop), as
            # long as the function keeps that parameter (asked only when an import names the variable)
            self.loop_parameters[node.target.id] = node.iter.id
        # `for name in ["auth", "admin"]: import_module(f"app.{name}")` imports each; so do
        # `for name, prefix in [("app.auth", "/auth")]` and loops over a literal dict's items
        elements = _loop_elements(node.iter, self.literal_of)
        # `for path, prefix in app.config["BLUEPRINTS"]:`, a list of rows: each variable a column (see _columns)
        columns = _column_targets(node.target) if elements is None else None
        viewed = _viewed_columns(node.iter, node.target) if elements is None and type(node.iter) is ast.Call else None
        if viewed is not None:  # `for name, path in app.config["BLUEPRINTS"].items():` of a dict (see _literal_rows)
            read, columns = viewed  # (no literal strings set in the body: only a class's dict is followed)
            strings_set, listed = None, self.config_loop(node, read)[1] if _may_read_config(read) else None
        else:
            strings_set, listed = self.config_loop(node) if (
                elements is None and (type(node.target) is ast.Name or columns) and _may_read_config(node.iter)) \
                else (None, None)
        if strings_set is not None and not columns:  # `app.config["ROUTE_MODULES"] = ("health", "auth")` above
            elements = tuple(ast.Constant(value) for value in strings_set)
        chain = _chain(node.iter) if elements is None and viewed is None and (
            isinstance(node.target, ast.Name) or columns) else None
        if chain is not None and chain[1] and chain[0] in self.defaults[1] and self.default_kept(chain[0]):
            # `def create_app(config=Config): for name in config.BLUEPRINTS:` taken as the default's
            default = self.defaults[1][chain[0]]
            chain = (default[0], default[1] + chain[1])
            node_iter = _chain_node(chain)
        else:
            node_iter = node.iter
        if chain is not None and chain[1] and chain[0] in self.top_classes:
            # `for name in Config.BLUEPRINTS:`, the class being this module's
            path = ".".join((chain[0],) + chain[1])
            if columns:
                exported = dict(self.exported_lists())
                for column, variable in columns:
                    values = exported.get(f"{path}#{column}")
                    if values is not None:
                        self.loop_values[variable] = self.read_values[variable] = values
                chain = None
            else:
                values = dict(self.exported_lists()).get(path)
                if values is not None:
                    elements, chain = tuple(ast.Constant(value) for value in values), None
        strings = _loop_strings(node.target, elements)
        self.loop_values.update(strings)
        self.read_values.update(strings)
        if not columns:
            self.read_values.update(_listed_names(node.target, chain))
        if chain is not None and chain[0] in self.top_imports:
            # `from app.settings import BLUEPRINTS` ... `for name in BLUEPRINTS:`: looked into only by a
            # dynamic import in the loop (see dynamic_targets, graph.expand_exported)
            if columns:  # (each a column of the list: its path worked out when an import asks, see external_targets)
                for column, variable in columns:
                    self.loop_elsewhere(variable, (node_iter, column))
            else:
                self.loop_elsewhere(node.target.id, node_iter)  # type: ignore[attr-defined]
        elif elements is None and chain is None and listed is not None:
            # `for name in app.config["BLUEPRINTS"]:` after from_object(Config)
            for column, variable in columns or ((None, node.target.id),):  # type: ignore[attr-defined]
                self.loop_elsewhere(variable, listed if column is None else f"{listed}#{column}")
        try:
            inner = self.body(node.body)
        finally:
            self.loop_values, self.loop_external, self.read_values, self.loop_parameters, self.list_loops = saved
        if unrolled is None:
            body.extend(inner)
        else:  # `for hook in (setup_views, setup_tasks): hook()`: each pass with its function
            for name, attrs in unrolled:
                body.append(m.BindValue((node.target.id,), name, attrs, node.lineno))  # type: ignore[attr-defined]
                body.extend(inner)
        over = node.iter.id if (  # type: ignore[attr-defined]
            type(node.iter) is ast.Name and type(node.target) is ast.Name and unrolled is None
            and body[:1] == [m.Bind((node.target.id,), node.lineno)]) else ""  # type: ignore[attr-defined]
        ops.append(m.Loop(tuple(body), self.body(node.orelse), node.lineno, over,
                          node.target.id if over else ""))  # type: ignore[attr-defined]
        return ops

    stmt_AsyncFor = stmt_For

    def stmt_While(self, node: ast.While) -> List[m.Op]:
        if _static_truth(node.test) is False:  # `while False:` never runs its body; its `else:` runs
            return [m.If("false", self.body(node.body), self.body(node.orelse), node.lineno)]
        ops = self.expr(node.test)
        ops.append(m.Loop(self.body(node.body), self.body(node.orelse), node.lineno))
        return ops

    def stmt_With(self, node) -> List[m.Op]:
        ops: List[m.Op] = []
        caught: List[str] = []
        exits: List[m.Op] = []
        managers: List[Tuple[str, Tuple[str, ...]]] = []
        for item in node.items:
            ops.extend(self.expr(item.context_expr))
            context = item.context_expr
            # the context manager's __enter__ runs now and its __exit__ after the body (a project class's)
            chain = _chain(context.func) if isinstance(context, ast.Call) else _chain(context)
            if chain is not None and not (isinstance(context, ast.Call) and _call_name(context) == "suppress"):
                made = chain[1] + ("()",) if isinstance(context, ast.Call) else chain[1]
                ops.append(m.Call(chain[0], made + ("__enter__",), node.lineno))
                exits.insert(0, m.Call(chain[0], made + ("__exit__",), node.lineno))
                managers.append((chain[0], made))
            if item.optional_vars is not None:
                ops.extend(self.assign_target(item.optional_vars, node.lineno))
            if isinstance(context, ast.Call) and _call_name(context) == "suppress":  # contextlib.suppress
                for arg in context.args:
                    chain = _chain(arg)
                    if chain:
                        caught.append(_last_name(chain))
        if caught:  # `with suppress(E): body` behaves as `try: body / except E: pass`
            guarded = self.guarded or bool(IMPORT_ERRORS.intersection(caught))
            with self.nested(guarded=guarded):
                body = self.body(node.body)
            return ops + [m.Try(self.managed(managers, body, node.lineno), ((tuple(caught), None, ()),), (), (),
                                node.lineno)] + exits
        return ops + list(self.managed(managers, self.body(node.body), node.lineno)) + exits

    @staticmethod
    def managed(managers: Sequence[Tuple[str, Tuple[str, ...]]], body: tuple, line: int) -> tuple:
        """A `with` body inside its context managers (see m.With), the first one outermost."""
        for name, attrs in reversed(managers):
            body = (m.With(name, attrs, body, line),)
        return body

    stmt_AsyncWith = stmt_With

    def stmt_Try(self, node) -> List[m.Op]:
        catches = [self.caught(h) for h in node.handlers]
        guarded = self.guarded or any(c is None or IMPORT_ERRORS.intersection(c) for c in catches)
        outer_keys = self.keys_caught
        self.keys_caught = outer_keys or any(c is None or _KEY_ERRORS.intersection(c) for c in catches)
        try:
            with self.nested(guarded=guarded):
                body = self.body(node.body)
        finally:
            self.keys_caught = outer_keys
        handlers = []
        for handler, caught in zip(node.handlers, catches):
            handler_ops = list(self.bind([handler.name], handler.lineno)) if handler.name else []
            self.handled.append(handler.name)
            try:
                handler_ops.extend(self.body(handler.body))
            finally:
                self.handled.pop()
            if handler.name:
                handler_ops.append(m.Unbind((handler.name,), handler.lineno))
            handlers.append((caught, handler.name, tuple(handler_ops)))
        return [m.Try(body, tuple(handlers), self.body(node.orelse), self.body(node.finalbody), node.lineno)]

    stmt_TryStar = stmt_Try

    def stmt_Raise(self, node: ast.Raise) -> List[m.Op]:
        ops = self.generic(node)
        if node.exc is None or (isinstance(node.exc, ast.Name) and node.exc.id in self.handled):
            return ops + [m.Reraise(node.lineno)]  # (`raise` or `raise err` in `except E as err:`)
        target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        family = self.exception_family(target.id, ()) if isinstance(target, ast.Name) else None
        chain = _chain(target)
        if family is None and chain is not None:
            # a class of another module (`errors.ConfigError`) or one it does not place: taken as derived
            # from Exception, as exception classes are
            family = (_last_name(chain), "Exception", "BaseException")
        return ops + [m.Raise(family, node.lineno)] if family else ops  # (`raise f()`: not followed)

    def exception_family(self, name: str, seen: Tuple[str, ...]) -> Optional[Tuple[str, ...]]:
        """The exception class `name` (a top-level class of this module or a builtin exception) and the
        classes it derives from, when all of them are known; else None."""
        if name in self.top_classes:
            node = self.class_nodes().get(name)
            if node is None or name in seen or not node.bases:
                return None
            family = ["." + name if name in BUILTIN_EXCEPTIONS else name]  # (see caught: not the builtin)
            for base in node.bases:
                found = self.exception_family(base.id, seen + (name,)) if isinstance(base, ast.Name) else None
                if found is None:
                    return None
                family.extend(n for n in found if n not in family)
            return tuple(family)
        if name not in BUILTIN_EXCEPTIONS or name in self.top_imports:
            return None
        if name not in self.shadowed:  # (the name may be bound to something else here)
            self.shadowed[name] = re.search(rf"{name}\s*(?::[^=\n]*)?=(?!=)", self.text) is not None
        return None if self.shadowed[name] else BUILTIN_EXCEPTIONS[name]

    def class_nodes(self) -> Dict[str, Optional[ast.ClassDef]]:
        """The top-level classes by name (None for a name two of them bind)."""
        if self.classes is None:
            self.classes = {}
            for node in self.tree.body if self.tree is not None else ():
                if isinstance(node, ast.ClassDef):
                    self.classes[node.name] = None if node.name in self.classes else node
        return self.classes

    def caught(self, handler: ast.ExceptHandler) -> Optional[Tuple[str, ...]]:
        """What an `except` clause catches (see _caught), `except ERRORS:` too where the module binds
        `ERRORS = (ImportError, AttributeError)` once, at the top level; where a top-level `from`
        import binds an upper-case ERRORS, "=" and its absolute path, for the simulation to look up in
        the tuples that module exports (see m.ModuleFacts.exported_errors)."""
        if isinstance(handler.type, ast.Name):
            found = self.error_tuples().get(handler.type.id)
            if found is not None:
                return found
            if handler.type.id in self.top_from_names and handler.type.id.isupper():
                path = self.imported_path(handler.type)
                if path is not None and "." in path:
                    return ("=" + path,)
        caught = _caught(handler)
        if caught is not None and self.top_classes.intersection(caught):
            # `class LookupError(Exception)` here: `except LookupError:` names it, not the builtin
            caught = tuple("." + name if name in self.top_classes and name in BUILTIN_EXCEPTIONS else name
                           for name in caught)
        return caught

    def error_tuples(self) -> Dict[str, Tuple[str, ...]]:
        """The module's top-level names bound once, to a tuple of exception classes (their last names)."""
        if self.errors is None:
            self.errors = {}
            for node in self.tree.body if self.tree is not None else ():
                if (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                        and (isinstance(node.value, ast.Tuple) or _exception_like(node.value))):
                    elts = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
                    chains = [_chain(elt) for elt in elts]
                    name = node.targets[0].id
                    if all(chains) and len(re.findall(rf"{name}\s*\W?=(?!=)", self.text)) == 1:
                        self.errors[name] = tuple(_last_name(c) for c in chains)  # type: ignore[arg-type]
        return self.errors

    def stmt_Break(self, node: ast.Break) -> List[m.Op]:
        return [m.Break(node.lineno)]

    def stmt_Continue(self, node: ast.Continue) -> List[m.Op]:
        return [m.Break(node.lineno, True)]

    def stmt_Global(self, node: ast.Global) -> List[m.Op]:
        self.global_names.update(node.names)
        return []

    def stmt_Delete(self, node: ast.Delete) -> List[m.Op]:
        names = tuple(n for t in node.targets for n in _target_names(t))
        ops: List[m.Op] = []
        for target in node.targets:
            if not isinstance(target, (ast.Name, ast.Tuple, ast.List)):
                ops.extend(self.expr(target))
        if names:
            ops.append(m.Unbind(names, node.lineno))
        return ops

    def stmt_Return(self, node: ast.Return) -> List[m.Op]:
        ops = self.expr(node.value) if node.value is not None else []
        chain = _chain(node.value) if node.value is not None else None
        return ops + [m.Return(node.lineno, *chain) if chain else m.Return(node.lineno)]

    def stmt_Match(self, node) -> List[m.Op]:
        ops = self.expr(node.subject)
        subject = self.known_string(node.subject)  # (`match os.name:`: the cases are decided in order)
        for case in node.cases:
            # (a capture pattern binds its name when the case matches: `case Point(x=px)`, `case [*rest]`)
            names = [name for part in ast.walk(case.pattern) for name in _bound_names(part)]
            binds = tuple(self.bind(names, case.pattern.lineno))
            verdict = _case_matches(case.pattern, subject) if subject is not _UNSET and case.guard is None else None
            if verdict is None:
                subject = _UNSET  # (from here on, as for any subject)
            ops.append(m.If("unknown" if verdict is None else "true" if verdict else "false",
                            binds + self.body(case.body), (), case.pattern.lineno))
            if verdict:
                break  # (the cases after the one taken never run)
        return ops

    def known_string(self, node: ast.expr) -> object:
        """The value of `os.name`, `sys.platform`, `os.environ.get(...)` (see _environment_value) or a
        module-level string constant here; _UNSET for another expression."""
        value: object = _platform_value(node)
        if value is None:
            value = _environment_value(node)
        if value is _UNSET and isinstance(node, ast.Name) and self.string_constant(node.id) is not None:
            value = self.string_constant(node.id)
        return value

    def literal_string(self, name: str) -> Optional[str]:
        """The string a module-level candidate constant `name` is bound to (see _constant_candidates),
        whether or not it is bound again elsewhere; None when it is not bound to a string."""
        literal = self.candidates.get(name, (None,))[0]
        return literal.value if isinstance(literal, ast.Constant) and isinstance(literal.value, str) else None

    def walrus_test(self, test: ast.expr) -> bool:
        """Whether `test` holds a `:=` (it binds a name however it is decided)."""
        return any(":=" in line for line in self.lines[test.lineno - 1: test.end_lineno or test.lineno]) and any(
            type(node) is ast.NamedExpr for node in ast.walk(test))

    def environment_read(self, test: ast.expr) -> ast.expr:
        """`test` with a module-level constant bound once to a read of the environment (`ENV =
        os.environ.get("APP_ENV", "development")` ... `if ENV == "production":`) replaced by that read, so
        that _environment_kind decides it as the test of the variable it is; else `test` as it is."""
        if not self.candidates:
            return test
        negated = type(test) is ast.UnaryOp and type(test.op) is ast.Not  # type: ignore[attr-defined]
        inner = test.operand if negated else test  # type: ignore[attr-defined]
        sides = [inner.left] + inner.comparators if type(inner) is ast.Compare else [inner]  # type: ignore
        names = [side for side in sides if type(side) is ast.Name]
        if len(names) != 1 or self.tree is None or names[0].id not in self.candidates:  # type: ignore[attr-defined]
            return test
        name = names[0].id  # type: ignore[attr-defined]
        function = self.defaults[0]
        if self.constant(name, False) is None or (function is not None and self.rebinds(function, name)):
            return test  # (bound more than once, or a local of the function being read)
        if self.environment_bindings is None:
            self.environment_bindings = {
                node.targets[0].id: node.value for node in self.tree.body  # type: ignore[attr-defined]
                if type(node) is ast.Assign and len(node.targets) == 1 and type(node.targets[0]) is ast.Name
                and _environment_value(node.value) is not _UNSET}
        read = self.environment_bindings.get(name)
        if read is None:
            return test
        if type(inner) is ast.Compare:
            inner = ast.Compare(read if inner.left is names[0] else inner.left, inner.ops,  # type: ignore
                                [read if side is names[0] else side for side in inner.comparators])  # type: ignore
        else:
            inner = read
        return ast.UnaryOp(ast.Not(), inner) if negated else inner

    def string_constant(self, name: str) -> Optional[str]:
        """The string a module-level constant `name` is bound to, once (see constant); else None."""
        value = self.literal_string(name)
        return value if value is not None and self.constant(name, False) is not None else None

    def package_walk(self, node) -> Optional[m.PackageWalk]:
        """`for ... in pkgutil.iter_modules(__path__): import_module(...)` imports every submodule;
        `pkgutil.walk_packages(__path__, __name__ + ".")` every module below, each package before its own."""
        it = node.iter
        if type(it) is ast.Call and _chain(it.func) == ("sorted", ()) and len(it.args) == 1:
            it = it.args[0]  # (`sorted(os.listdir(...))`)
        if not isinstance(it, ast.Call):
            return None
        chain = _chain(it.func)
        if chain is not None and _last_name(chain) == "find_modules":
            return self.found_modules(node, it)
        listing = chain in (("os", ("listdir",)), ("os", ("scandir",)))  # (file names: `x.py`, filtered)
        listed = _path_listing(it) if not chain else None  # (`Path(__file__).parent.glob("*.py")`)
        if listed is None and (not chain or _last_name(chain) not in ("iter_modules", "walk_packages") and not listing):
            return None
        if not any(isinstance(n, ast.Call) and (_call_name(n) in DYNAMIC_IMPORTERS)
                   and n.args and not isinstance(n.args[0], ast.Constant) for n in ast.walk(node)):
            return None
        package = "{__name__}" if self.source.is_package else "{__package__}"
        if listed is not None:
            package += "".join("." + part for part in listed)
        elif listing:  # `os.listdir(os.path.dirname(__file__))`, or a folder of it: `os.path.join(..., "tasks")`
            where = it.args[0] if len(it.args) == 1 else None
            if type(where) is ast.Name and self.tree is not None:  # (`TASKS_DIR = os.path.join(...)`, bound once)
                bound = [s.value for s in self.tree.body if type(s) is ast.Assign and len(s.targets) == 1
                         and type(s.targets[0]) is ast.Name and s.targets[0].id == where.id]
                where = bound[0] if len(bound) == 1 and self.text.count(where.id + " =") == 1 else None
            folder = _own_folder(where) if where is not None else None
            if folder is None:
                return None
            package += "".join("." + part for part in folder)
        elif it.args:
            first = it.args[0]
            src = ast.unparse(first)
            if "__path__" in src and _chain(first) != ("__path__", ()):
                base = _chain(first)
                if base and base[1][-1:] == ("__path__",):
                    # (`tasks.__path__`, tasks imported here: the package it names)
                    imported = self.import_paths().get(base[0])
                    if imported is None and self.defaults[0] is not None:  # (`from app import plugins` in the function)
                        imported = _local_import_path(self.defaults[0], base[0], self.source)
                    package = ".".join(((imported or base[0]),) + base[1][:-1])
                else:
                    return None
            elif "__file__" not in src and "__path__" not in src:
                return None
        recursive = chain is not None and _last_name(chain) == "walk_packages"  # (every module below, packages first)
        self.add_import("walk-all" if recursive else "walk", package, 0, [], node, statement=self.statement_text(it))
        only, exclude = _walk_filter(node)
        return m.PackageWalk(package, node.lineno, recursive, only, exclude)

    def found_modules(self, node: ast.For, it: ast.Call) -> Optional[m.PackageWalk]:
        """`for name in find_modules("app.views"): import_string(name)`: werkzeug's find_modules imports the
        package, then lists its modules (its packages too with include_packages=True; with recursive=True,
        the modules below them), each imported by the loop."""
        if (self.imported_path(it.func) != "werkzeug.utils.find_modules" or not it.args
                or type(it.args[0]) is not ast.Constant or type(it.args[0].value) is not str
                or not it.args[0].value or it.args[0].value.startswith(".")):
            return None
        if not any(isinstance(n, ast.Call) and (_call_name(n) in DYNAMIC_IMPORTERS or _call_name(n) in STRING_IMPORTERS)
                   and n.args and not isinstance(n.args[0], ast.Constant) for n in ast.walk(node)):
            return None
        flags = {"include_packages": False, "recursive": False}
        for position, arg in enumerate(it.args[1:3]):
            flags[("include_packages", "recursive")[position]] = type(arg) is ast.Constant and arg.value is True
        for keyword in it.keywords:
            if keyword.arg in flags:
                flags[keyword.arg] = type(keyword.value) is ast.Constant and keyword.value.value is True
        package = it.args[0].value
        self.add_import("walk-all" if flags["recursive"] else "walk", package, 0, [], node,
                        statement=self.statement_text(it))
        only, exclude = _walk_filter(node)
        return m.PackageWalk(package, node.lineno, flags["recursive"], only, exclude, True, flags["include_packages"])

    # -- expressions -------------------------------------------------------------------
    def expr(self, node: Optional[ast.AST]) -> List[m.Op]:
        """Ops an expression performs when evaluated, in evaluation order."""
        kind = type(node)
        if kind in _LEAF_EXPRS:
            return []
        if kind is ast.Attribute:
            chain = _chain(node)
            if chain:
                if self.celery_apps and chain[1]:
                    return self.celery_reads(chain, node) + [m.Access(chain[0], chain[1], node.lineno)]
                return [m.Access(chain[0], chain[1], node.lineno)]
            if (type(node.value) is ast.Call and node.attr in _CONFIGURING_ATTRIBUTES  # type: ignore[attr-defined]
                    and self.imported_path(node.value.func) in _INSPECTORS):  # type: ignore[attr-defined]
                # `inspect(Order).relationships`: the mappers are configured first
                return self.expr(node.value) + [_configure_mappers(node.lineno)]  # type: ignore[attr-defined]
            return self.imported_attribute(node) or self.expr(node.value)  # type: ignore[arg-type]
        if kind is ast.Call:
            return self.call(node)  # type: ignore[arg-type]
        if (kind is ast.Subscript and type(node.ctx) is ast.Load  # type: ignore[attr-defined]
                and type(node.value) is ast.Attribute and node.value.attr == "conf"):  # type: ignore[attr-defined]
            chain = _chain(node.value)  # type: ignore[attr-defined]
            if chain is not None and len(chain[1]) == 1:  # `celery.conf["task_default_queue"]`
                if self.celery_apps and self.celery_app(chain[0]) is not None:  # (made in a function)
                    return self.celery_reads((chain[0], ("conf", "[]")), node) + self.expr(node.slice)  # type: ignore
                return (self.expr(node.value) + [m.CeleryRead(chain[0], (), node.lineno)]  # type: ignore
                        + self.expr(node.slice))  # type: ignore[attr-defined]
        if kind is ast.Starred and type(node.value) is ast.GeneratorExp and self.enclosing is None:  # type: ignore
            return self.comprehension(node.value)  # type: ignore[attr-defined]  # `[*(f(m) for m in MODS)]` runs it
        if kind is ast.Await:  # `await f()`: the coroutine runs
            return _awaited(self.expr(node.value))  # type: ignore[attr-defined]
        if (kind is ast.Subscript and self.keys_caught and _chain(node.value) == ("os", ("environ",))  # type: ignore
                and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str)  # type: ignore
                and not _always_set(node.slice)):  # type: ignore[attr-defined]
            # `os.environ["SENTRY_DSN"]` in a fresh interpreter with no configuration: a KeyError (followed
            # where a handler around it catches one, as `try: dsn = os.environ["X"] / except KeyError:`)
            return [m.Raise(BUILTIN_EXCEPTIONS["KeyError"], node.lineno)]
        if (kind is ast.Subscript and type(node.slice) is ast.Name  # type: ignore[attr-defined]
                and node.slice.id == "__name__" and _own_module(node)):  # type: ignore[attr-defined]
            return [m.OpenNamespace(node.lineno)]  # `sys.modules[__name__]` read: see m.OpenNamespace
        fields = _PLAIN_FIELDS.get(kind)
        if fields is not None:  # (most of what is left: operators, subscripts, literals, f-strings)
            if kind is ast.Yield or kind is ast.YieldFrom:
                self.yields = True
            ops: List[m.Op] = []
            for name in fields:
                value = getattr(node, name)
                if type(value) is list:
                    for item in value:
                        if item is not None and type(item) not in _LEAF_EXPRS:
                            ops.extend(self.expr(item))
                elif value is not None and type(value) not in _LEAF_EXPRS:
                    ops.extend(self.expr(value))
            return ops
        if isinstance(node, ast.Lambda):
            outer_yields = self.yields  # (`lambda: (yield)` makes the lambda a generator, not its function)
            with self.nested(scope=self.weaker(m.FUNCTION), module_level=False):
                self.expr(node.body)  # records dynamic imports inside, which run later
            self.yields = outer_yields
            return [op for d in node.args.defaults + [k for k in node.args.kw_defaults if k] for op in self.expr(d)]
        if isinstance(node, ast.NamedExpr):
            return self.expr(node.value) + self.bind(_target_names(node.target), node.lineno)
        if isinstance(node, ast.IfExp):
            ops = []
            test = self.test_kind(node.test, ops)
            return ops + [m.If(test, tuple(self.expr(node.body)), tuple(self.expr(node.orelse)), node.lineno)]
        if isinstance(node, ast.GeneratorExp):  # only the first iterable runs when it is created
            return self.expr(node.generators[0].iter)
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp)):
            return self.comprehension(node)
        if isinstance(node, ast.BoolOp):  # `a and b.x`: later operands run only sometimes
            return self.bool_op(node)
        ops = []
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.expr, ast.comprehension, ast.keyword)):
                ops.extend(self.expr(child) if isinstance(child, ast.expr) else self.generic(child))
        return ops

    def iterated(self, node: ast.expr) -> List[m.Op]:
        """An Iterate op for a name or attribute chain iterated at module level (a generator bound there
        runs then, see m.BindResult.lazy); none elsewhere."""
        if self.enclosing is not None or type(node) not in (ast.Name, ast.Attribute):
            return []
        chain = _chain(node)
        return [] if chain is None else [m.Iterate(chain[0], chain[1], node.lineno)]

    def loop_elsewhere(self, variable: str, iterable: object) -> None:
        """A loop variable over a list bound elsewhere (`iterable`: an expression naming an imported list,
        or the path of a class attribute): it has no literal strings here; a dynamic import in the loop
        names each string of that list (see dynamic_targets, graph.expand_exported)."""
        self.loop_values.pop(variable, None)
        self.loop_external[variable] = iterable

    def comprehension(self, node) -> List[m.Op]:
        """Ops of a comprehension that runs now (or a generator consumed now, see `call`): the first
        iterable runs here; the rest in the comprehension's own scope, where its targets are local names
        (`[app.name for app in apps]` never reads a module-level `app`)."""
        first = node.generators[0]
        elements = _loop_elements(first.iter, self.literal_of)
        if elements == ():
            return self.expr(first.iter)  # (over nothing: its element never runs)
        saved = dict(self.loop_values), dict(self.read_values), dict(self.loop_external)
        strings = _loop_strings(first.target, elements)
        self.loop_values.update(strings)
        if not any(generator.ifs for generator in node.generators):  # (`getattr(m, name)` for each)
            self.read_values.update(strings)
            if elements is None and type(first.target) is ast.Name:
                self.read_values.update(_listed_names(first.target, _chain(first.iter)))
        chain = _chain(first.iter) if elements is None and type(first.target) is ast.Name else None
        if chain is not None and chain[0] in self.top_imports:
            # `[import_module(m) for m in MODULES]`, `from app.settings import MODULES`: as in a `for` loop
            self.loop_elsewhere(first.target.id, first.iter)  # type: ignore[attr-defined]
        local = {name for generator in node.generators for name in _target_names(generator.target)}
        try:
            inner: List[m.Op] = []
            tests: List[Tuple[str, int]] = []  # the filters: the element runs only where they all hold
            for number, generator in enumerate(node.generators):
                if number:
                    inner += self.expr(generator.iter)
                for test in generator.ifs:
                    kind = self.test_kind(test, inner)
                    if kind != "unknown" and any(type(name) is ast.Name and name.id in local for name in ast.walk(test)):
                        kind = "unknown"  # (a test of the element's own names: not decided here)
                    tests.append((kind, test.lineno))
            element: List[m.Op] = []
            for part in ((node.key, node.value) if isinstance(node, ast.DictComp) else (node.elt,)):
                element += self.expr(part)
            for test, line in reversed(tests):
                element = [m.If(test, tuple(element), (), line)]
            inner += element
        finally:
            self.loop_values, self.read_values, self.loop_external = saved
        # (`[n for n in filter(enabled, NAMES)]` outside functions: consumed, filter calls enabled, see callbacks)
        called = self.callbacks(first.iter) if self.enclosing is None and type(first.iter) is ast.Call else []
        return self.expr(first.iter) + called + self.iterated(first.iter) + _without_names(inner, local)

    def generic(self, node: ast.AST) -> List[m.Op]:
        ops: List[m.Op] = []
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                ops.extend(self.expr(child))
        return ops

    def call(self, node: ast.Call) -> List[m.Op]:
        if (type(node.func) is ast.Attribute and node.func.attr == "config_from_envvar" and node.args
                and _literal_str(node.args[0]) is not None):
            # Celery's `app.config_from_envvar("CELERY_CONFIG_MODULE")` is config_from_object(os.environ[...]),
            # the same arguments after it: read so where this module sets the variable to a literal itself
            # (unset, it raises ImproperlyConfigured, or returns with silent=True: nothing imported)
            value = (getattr(_WRITTEN, "names", None) or {}).get(node.args[0].value)  # type: ignore[attr-defined]
            if type(value) is str and value:
                func = ast.copy_location(ast.Attribute(node.func.value, "config_from_object", ast.Load()), node.func)
                given = ast.copy_location(ast.Constant(value), node.args[0])
                return self.call(ast.copy_location(ast.Call(func, [given] + node.args[1:], node.keywords), node))
        if (self.module_level and type(node.func) is ast.Attribute and node.func.attr == "update"
                and _is_globals_call(node.func.value)):
            keys = [key for key, _ in _update_entries(node)]
            if "" not in keys:  # `globals().update({"DEBUG": True}, X=1)`: binds those globals, then
                values = [value for given in node.args for value in given.values] + [  # type: ignore[attr-defined]
                    keyword.value for keyword in node.keywords]
                return [op for value in values for op in self.expr(value)] + self.bind(keys, node.lineno)
            if self.enclosing is None:  # `globals().update({k: getattr(env, k) for k in dir(env)})`: any name
                given = list(node.args) + [keyword.value for keyword in node.keywords]  # may be bound from here on
                return [op for value in given for op in self.expr(value)] + [m.OpenNamespace(node.lineno)]
        if (type(node.func) is ast.Name and node.func.id in _COPIERS and len(node.args) == 1 and not node.keywords
                and _mapped_names(node.args[0]) is not None):
            # `list(map(import_module, NAMES))` imports every name at once: as the loop `for _ in map(...)`
            loop = ast.For(ast.Name("_cyclecheck_mapped_value", ast.Store()), node.args[0], [], [])
            for made in (loop, loop.target):
                ast.copy_location(made, node)
            return self.stmt_For(loop)
        ops: List[m.Op] = []
        func_chain = _chain(node.func) or _lookup_chain(node.func)
        name = None if func_chain is None else (func_chain[1] or (func_chain[0],))[-1]  # (as _call_name)
        if func_chain is not None:
            if func_chain[1] and self.celery_apps:
                ops.extend(self.celery_reads(func_chain, node))
            if func_chain[1]:
                ops.append(m.Access(func_chain[0], func_chain[1], node.lineno))
        elif (isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Call)
              and _chain(node.func.value.func) == ("super", ())):
            func_chain = ("super()", (node.func.attr,))  # `super().__init__(...)`: see Simulator.op_Call
        elif (isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Call)
              and _chain(node.func.value.func) is not None):
            # `Factory(...).build()`: the inner call runs first, then a method of what it made ("()")
            ops.extend(self.expr(node.func.value))
            inner = _chain(node.func.value.func)
            func_chain = (inner[0], inner[1] + ("()", node.func.attr))
        else:
            ops.extend(self.expr(node.func))
        # a generator handed to a builtin that consumes it (`dict(... for ...)`, `", ".join(...)`) runs now;
        # followed outside functions only (in sympy's functions, the calls they would run add up to 80x
        # the steps of a start, past the budget)
        if (name == "getattr" and len(node.args) == 2 and type(node.args[0]) is ast.Call
                and type(node.args[1]) is ast.Name and node.args[0].args
                and (type(node.args[0].args[0]) is ast.Subscript and type(node.args[0].args[0].slice) is ast.Name
                     and node.args[0].args[0].slice.id == node.args[1].id or type(node.args[0].args[0]) is ast.Name)):
            self.looked_up[id(node.args[0])] = node.args[1].id  # (see table_lookup)
        consumed = self.enclosing is None and (
            (name in _CONSUMERS and func_chain is not None and not func_chain[1])
            or (isinstance(node.func, ast.Attribute) and node.func.attr == "join"
                and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)))
        runs = name in _COROUTINE_RUNNERS
        for arg in node.args:
            arg_ops = self.comprehension(arg) if consumed and type(arg) is ast.GeneratorExp else self.expr(arg)
            ops.extend(_awaited(arg_ops) if runs and type(arg) is ast.Call else arg_ops)
            if consumed:
                ops.extend(self.iterated(arg))  # `list(PLUGINS)`
            if consumed and type(arg) is ast.Call:  # `list(map(load, NAMES))` calls load
                ops.extend(self.callbacks(arg))
        for keyword in node.keywords:
            ops.extend(self.expr(keyword.value))
        if self.enclosing is None and name in ("sorted", "min", "max", "sort"):
            ops.extend(self.callbacks(node))  # `sorted(names, key=rank)` calls rank
        if name in DYNAMIC_IMPORTERS:
            table = self.table_lookup(node)
            targets = self.dynamic_targets(node) if not table else []
            for target in targets:
                index = self.add_dynamic(target, node)
                ops.append(m.DynamicImport(target, node.lineno, index))
            if targets:
                return ops
            if table:  # `import_module(_LAZY[name])`: the import of the value of the key the name holds
                variable, entries = table
                for key, target, attribute in entries:
                    index = self.add_dynamic(target, node)
                    # (`getattr(import_module(_LAZY[name]), name)`, `getattr(import_module(module), attr)`: and
                    # reads the object)
                    imported = m.DynamicImport(f"{target}.{attribute}", node.lineno, index, True, "AttributeError") \
                        if attribute else m.DynamicImport(target, node.lineno, index)
                    ops.append(m.If("\0".join(("is", variable, key)), (imported,), (), node.lineno))
                return ops
        if name in _CONF_CONSUMERS and node.args and type(node.args[0]) is ast.Attribute and node.args[0].attr == "conf":
            chain = _chain(node.args[0])  # `len(celery.conf)`, `getattr(celery.conf, "task_default_queue")`
            if chain is not None and chain[1] == ("conf",):
                if self.celery_apps and self.celery_app(chain[0]) is not None:  # (made in a function)
                    ops.extend(self.celery_reads((chain[0], ("conf", "()")), node))
                else:
                    ops.append(m.CeleryRead(chain[0], (), node.lineno))
        executed = self.executed_file(node, func_chain) if name == "from_pyfile" else self.run_file(node, name) if (
            name in ("run_path", "exec")) else None
        if executed is not None:
            ops.append(m.ExecFile(executed, node.lineno, self.add_import("dynamic", executed, 0, [], node)))
        for target in self.resource_imports(node, name):
            index = self.add_import("dynamic", target, 0, [], node, statement=self.statement_text(node))
            ops.append(m.DynamicImport(target, node.lineno, index))
        if name in _ROOTED_NAMES and not any(keyword.arg == "root_path" for keyword in node.keywords):
            target = self.root_path_import(node, name)
            if target is not None:  # (Flask's get_root_path swallows an ImportError or a ValueError)
                op = m.DynamicImport(target, node.lineno, self.add_dynamic(target, node))
                ops.append(m.Try((op,), ((("ImportError", "ValueError"), None, ()),), (), (), node.lineno))
        if name is not None and (name in self.celery_classes or (
                name == "Celery" and self.imported_path(node.func) in _CELERY_PATHS)):
            # Celery.__init__ imports each of its `fixups=["a.b:fixup"]` at once (kombu's symbol_by_name: the
            # object read with getattr) and calls it with the app (what that call does is not followed)
            fixups = next((self.literal_strings(keyword.value) for keyword in node.keywords
                           if keyword.arg == "fixups"), None)
            for target in fixups or ():
                module = target.partition(":")[0] if ":" in target else target.rpartition(".")[0]
                if module and all(part.isidentifier() for part in target.replace(":", ".").split(".")):
                    ops.append(m.DynamicImport(target.replace(":", "."), node.lineno, self.add_dynamic(module, node),
                                               True, "AttributeError"))
        if name == "dictConfig" and node.args and self.imported_path(node.func) == "logging.config.dictConfig":
            for target, raised in self.logging_imports(node.args[0]):
                ops.append(m.DynamicImport(target, node.lineno, self.add_dynamic(target, node), True, "ImportError",
                                           raised))
        # werkzeug's `import_string(name, silent=True)` returns None where the import raises ImportError or
        # AttributeError: a `try` catching them
        silent = name == "import_string" and any(keyword.arg == "silent" and type(keyword.value) is ast.Constant
                                                 and keyword.value.value is True for keyword in node.keywords)
        # (kombu's symbol_by_name returns its default= instead: the same)
        silent = silent or (name == "symbol_by_name" and any(keyword.arg == "default" and not (
            type(keyword.value) is ast.Constant and keyword.value.value is None) for keyword in node.keywords))
        # (and Celery's loader forgives a forced config_from_object's source, silent=True, the same way)
        silent = silent or (name == "config_from_object" and _silent_config(node))
        imported: List[m.Op] = []
        for target, path in self.string_imports(node, name):
            # (`a.b.C` imports a and a.b, then finds no module a.b.C and reads C from a.b: import_string)
            with self.nested(guarded=self.guarded or silent):
                index = self.add_dynamic(target, node)
            # (pkgutil.resolve_name and kombu's symbol_by_name read the object with getattr(); werkzeug's
            # import_string raises what fails as an ImportStringError)
            resolver = name in _RESOLVER_NAMES or name == "config_from_object"  # (Celery's loader: symbol_by_name)
            op: m.Op = m.DynamicImport(path, node.lineno, index, True, "AttributeError" if resolver else "ImportError",
                                       "" if resolver or name not in STRING_IMPORTERS else m.IMPORT_STRING
                                       ) if path else m.DynamicImport(target, node.lineno, index)
            imported.append(_silenced(op, node.lineno) if silent else op)
        if imported:
            ops.extend([m.Discover(tuple(imported), node.lineno)] if name == "autodiscover_tasks" else imported)
        if func_chain == ("os", ("environ", "setdefault")) and len(node.args) == 2:
            key = _literal_str(node.args[0])  # `os.environ.setdefault("APP_ENV", "production")` (not known: "")
            ops.append(m.SetEnv(key or "", _literal_str(node.args[1]) if key is not None else None, True,
                                node.lineno))
            self.sets_environment = True
        elif func_chain == ("os", ("environ", "update")):  # `os.environ.update(APP_ENV="testing")`, or a dict
            ops.extend(m.SetEnv(key, value, False, node.lineno) for key, value in _update_entries(node))
            self.sets_environment = True
        if (name == "config_from_object" and func_chain is not None and func_chain[1] and node.args
                and not (self.celery_apps and self.celery_app(func_chain[0]) is not None)):
            ops.append(self.celery_configure(node, func_chain))  # (an app the simulation follows, if any)
        if (name == "import_default_modules" and func_chain is not None and func_chain[1] == ("loader", name)
                and func_chain[0] in self.module_apps):  # (the graph's edges to what it imports, see _celery_attribute)
            for target in self.module_apps[func_chain[0]]:
                self.add_dynamic(target, node)
        if (name == "getattr" and len(node.args) == 2 and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str) and _chain(node.args[0]) is not None):
            base, attrs = _chain(node.args[0])  # getattr(x, "n") without a default reads x.n
            ops.append(m.Access(base, attrs + (node.args[1].value,), node.lineno))
        elif (name == "getattr" and len(node.args) == 2 and type(node.args[0]) is ast.Name
              and type(node.args[1]) is ast.Name and self.defaults[0] is not None
              and self.table_modules.get((id(self.defaults[0]), node.args[0].id), ("",))[0] == node.args[1].id
              and self.default_kept(node.args[1].id) and _stores(self.defaults[0], node.args[0].id) == 1):
            # `module = import_module(_EXPORTS[name])` ... `getattr(module, name)`: reads the key's name of its module
            variable, keys = self.table_modules[(id(self.defaults[0]), node.args[0].id)]
            ops.extend(m.If("\0".join(("is", variable, key)), (m.Access(node.args[0].id, (key,), node.lineno),), (),
                            node.lineno) for key in keys)
        elif (name == "getattr" and len(node.args) == 2 and isinstance(node.args[1], ast.Name)
              and node.args[1].id in self.read_values and _chain(node.args[0]) is not None):
            base, attrs = _chain(node.args[0])  # `for name in ("a", "b"): getattr(x, name)` reads x.a, x.b
            values = self.read_values[node.args[1].id]
            if values[:1] == (_LISTED + ".".join((base,) + attrs),):  # `for name in x.__all__: getattr(x, name)`
                ops.append(m.AccessListed(base, attrs, node.lineno))
            elif not (values and values[0].startswith(_LISTED)):
                ops.extend(m.Access(base, attrs + (value,), node.lineno) for value in values)
        if name == "insert" and len(node.args) == 2 and (func_chain == ("sys", ("path", "insert")) or (
                func_chain == ("__path__", ("insert",)) and self.source.is_package)):
            ops.extend(self.path_change(node.args[1], func_chain[0] == "__path__", node.lineno, node.args[0]))
        if self.module_level and (name in ("globals", "locals", "exec") or (name == "vars" and not node.args)):
            self.open_namespace = True  # (`vars(obj)` is obj's namespace, not the module's)
        if self.module_level and name == "setattr" and len(node.args) == 3 and _own_module(node.args[0]):
            ops = [op for op in ops if type(op) is not m.OpenNamespace]  # (it sets one name: see below)
            if isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str):
                ops.extend(self.bind([node.args[1].value], node.lineno))  # binds a global of this module
            else:
                self.open_namespace = True
        elif (name == "setattr" and type(node.func) is ast.Name and len(node.args) == 3
              and type(node.args[1]) is ast.Constant and type(node.args[1].value) is str  # type: ignore
              and _chain(node.args[0]) is not None):  # `setattr(other, "X", v)`: as `other.X = v`
            base, attrs = _chain(node.args[0])  # type: ignore[misc]
            ops.append(m.SetAttr(base, attrs + (node.args[1].value,), node.lineno))  # type: ignore[attr-defined]
        self.celery_imports(node, name)
        if func_chain is not None and len(node.args) == 1 and type(node.args[0]) is ast.Name:
            self.recorded(func_chain, node.args[0].id)  # `bp.record(setup)`
        if func_chain is not None:
            chains = _argument_chains(node.args, self.string_list, self.listed) if node.args else ()
            if name in _GIVEN_INSTANCES and node.args and type(node.args[0]) is ast.Call and not (
                    name == "from_object" and (node.args[0].args or node.args[0].keywords)) and _chain(
                    node.args[0].func) is not None:
                # `from_object(Config())`, `register_blueprint(ApiBlueprint("api", __name__))`: the instance
                # made (see Simulator._config_properties and _register_blueprint)
                made = _chain(node.args[0].func)
                chains = ((made[0], made[1] + ("()",)),) + chains[1:]  # type: ignore[index]
            if chains and not func_chain[1] and any(chain[0] in _LITERAL_ARGUMENTS or self.exported_argument(chain)
                                                    for chain in chains):
                self.text_calls.setdefault(func_chain[0], []).append(chains)  # `load("app.plugin")`
            keywords = () if not node.keywords or any(k.arg is None for k in node.keywords) or any(
                type(arg) is ast.Starred for arg in node.args) else tuple(
                (k.arg, _keyword_value(k.value)) for k in node.keywords)
            if keywords and len(chains) < len(node.args):  # (every positional argument, for the defaults left)
                chains = chains + (("", ()),) * (len(node.args) - len(chains))
            if name == "connect" and any(k.arg == "weak" and type(k.value) is ast.Constant and k.value.value is False
                                         for k in node.keywords):  # `sig.connect(f, weak=False)`: see Simulator._signal
                keywords = keywords or (("weak", (False,)),)
            signal = m.LIBRARY_SIGNALS.get(self.import_paths().get(func_chain[0], "")) if (
                func_chain[1] == ("connect",) and func_chain[0] in _LIBRARY_SIGNAL_NAMES) else None
            if signal is not None:  # `appcontext_pushed.connect(f)`: a signal of Flask's (see Simulator._signal)
                func_chain = (m.LIBRARY_SIGNAL, (signal, "connect"))
            if name == "listen" and len(node.args) >= 3 and self.mapper_event(node, 2):
                # `event.listen(Mapper, "after_configured", fn)`: fn connected to the mappers' configuration
                func_chain, chains = (m.LIBRARY_SIGNAL, (m.MAPPERS_CONFIGURED, "connect")), chains[2:3]
                keywords = ()
            elif name in _CONFIGURE_NAMES and self.imported_path(node.func) in _CONFIGURERS:
                ops.append(_configure_mappers(node.lineno))
            ops.append(m.Call(func_chain[0], func_chain[1], node.lineno, False, chains,
                              bare=not node.args and not node.keywords, keywords=keywords))
        return ops

    def table_lookup(self, node: ast.Call) -> Optional[Tuple[str, List[Tuple[str, str, str]]]]:
        """For a dynamic import of `TABLE[name]` in a function (a module's `__getattr__`, say), TABLE a
        module-level constant bound to a literal dict of strings (see literal_of) and `name` a local, or of
        a local unpacked from it (`module, attr = TABLE[name]`, a dict of tuples of strings): `name`, with
        the (key, module, the attribute `getattr(import_module(...), ...)` reads of it or "") of each entry
        (the import runs when `name` holds that key); else None."""
        arg = node.args[0] if len(node.args) == 1 and not node.keywords else None
        if self.enclosing is None or arg is None:
            return None
        read = self.looked_up.get(id(node))
        position = attribute = None
        if type(arg) is ast.Name:  # `module_name, attr = _DEPRECATED[name]` ... `import_module(module_name)`
            unpacked = _unpacked_lookup(self.defaults[0], arg.id)  # type: ignore[arg-type]
            if unpacked is None:
                return None
            lookup, names = unpacked
            position = names.index(arg.id)
            attribute = names.index(read) if read in names else None
            read, arg = None, lookup
        elif read is not None and (type(arg) is not ast.Subscript or type(arg.slice) is not ast.Name
                                   or read != arg.slice.id):
            read = None
        if type(arg) is not ast.Subscript or type(arg.value) is not ast.Name or type(arg.slice) is not ast.Name:
            return None
        table = self.literal_of(arg.value.id)
        if type(table) is not ast.Dict:
            return None
        entries = []
        for key, value in zip(table.keys, table.values):
            if type(key) is not ast.Constant or type(key.value) is not str or "\0" in key.value:
                continue
            if position is None:
                target = value.value if type(value) is ast.Constant else None  # type: ignore[attr-defined]
                name = key.value if read is not None else ""
            else:
                parts = value.elts if type(value) is ast.Tuple else ()  # type: ignore[attr-defined]
                target = _literal_str(parts[position]) if position < len(parts) else None
                name = (_literal_str(parts[attribute]) if attribute < len(parts) else None) \
                    if attribute is not None else ""
            if type(target) is str and target and not target.startswith(".") and name is not None:
                entries.append((key.value, target, name))
        return (arg.slice.id, entries) if entries else None

    def add_dynamic(self, target: str, node: ast.Call) -> int:
        """Add the RawImport of a dynamic import of `target`; its number. A target named by parameters
        of the function being read (`{!name}`, see parameter_of) is the graph's edge to what their literal
        string defaults make of it, or no edge when one has none (parameter_edges adds those the module's
        own calls of the function give)."""
        if "{!" not in target:
            return self.add_import("dynamic", target, 0, [], node, statement=self.statement_text(node))
        function = self.defaults[0]
        texts = dict(_text_defaults(function.args)) if function is not None else {}  # type: ignore[union-attr]
        index = self.add_import("dynamic", fill_parameters(target, texts.get) or target, 0, [], node,
                                statement=self.statement_text(node))
        if self.enclosing is not None and "." not in self.enclosing:
            positional = tuple(arg.arg for arg in function.args.posonlyargs + function.args.args)  # type: ignore
            looping = tuple((variable, param) for variable, param in sorted(self.loop_parameters.items())
                            if "{!%s" % variable in target)
            self.parameter_imports.append((self.enclosing, positional, target, index, looping))
        return index

    def parameter_edges(self) -> None:
        """The graph's edges for the dynamic imports a top-level function makes of its parameters when
        this module calls it with literal strings (`def load(name): import_module(name)`, then
        `load("app.plugin")`): one RawImport per target those calls make, not run by any op (the
        simulation fills the names in from the arguments it follows, see Simulator._dynamic_name)."""
        for function, positional, target, index, looping in self.parameter_imports:
            raw = self.imports[index]
            made = {raw.target}
            for chains in self.text_calls.get(function, ()):
                # `import_runners(settings.RUNNERS)`, a list another module may export: an edge to each of its
                # strings (see graph.expand_exported; the simulation gives the list, Simulator._argument), as the
                # module binds it (handed to the function, which might change it: not what imported_path follows)
                chains = tuple((m.LIST_ARGUMENT, ("{=%s.%s}" % (self.import_paths()[chain[0]], chain[1][0]),))
                               if self.exported_argument(chain) and chain[0] in self.import_paths() else chain
                               for chain in chains)
                texts = {param: chain[1][0] for param, chain in zip(positional, chains)
                         if chain[0] == m.TEXT_ARGUMENT}
                lists = {param: chain[1] for param, chain in zip(positional, chains) if chain[0] == m.LIST_ARGUMENT}
                passes: List[Dict[str, str]] = [texts]
                for variable, param in looping:  # (a loop over a list argument: one target per string)
                    passes = [dict(given, **{variable: value}) for given in passes for value in lists.get(param, ())]
                for given in passes:
                    filled = fill_parameters(target, given.get)
                    if filled is not None and filled not in made:
                        made.add(filled)
                        self.imports.append(replace(raw, target=filled))

    def exported_argument(self, chain: Tuple[str, Tuple[str, ...]]) -> bool:
        """Whether an argument (see _argument_chains) is an upper-case attribute of a name this module imports
        (`settings.RUNNERS`): a list another module may export."""
        return len(chain[1]) == 1 and chain[0] in self.top_imports and chain[1][0].isupper()

    def recorded(self, chain: Tuple[str, Tuple[str, ...]], function: str) -> None:
        """Note a module-level function given, at module level, to `record`/`record_once` of a top-level
        blueprint (`chain` is `bp.record_once`; see m.ModuleFacts.record_callbacks)."""
        if (chain[1] in (("record",), ("record_once",)) and self.enclosing is None and self.module_level
                and chain[0] in self.blueprints and function and "." not in function):
            self.record_callbacks.setdefault(chain[0], []).append(function)

    def callbacks(self, node: ast.Call) -> List[m.Op]:
        """The calls a builtin makes at once of a function it is given: `map(f, ...)` and `filter(f, ...)`
        (once consumed) call f, `sorted(..., key=f)` (`min`, `max`, `x.sort`) call f (a lambda: its body
        runs, without reading its parameters); nothing when the function is another expression, or the
        collection is known to be empty."""
        name = _call_name(node)
        if name in ("map", "filter") and len(node.args) > 1 and not node.keywords:
            function: Optional[ast.expr] = node.args[0]
            items = node.args[1:]
        else:
            function = next((k.value for k in node.keywords if k.arg == "key"), None) if name in (
                "sorted", "min", "max", "sort") else None
            items = node.args[:1]
        if function is None or any(_loop_elements(item, self.literal_of) == () for item in items):
            return []
        if isinstance(function, ast.Lambda):  # `key=lambda n: tasks.PRIORITY[n]`: its body runs now
            args = function.args
            params = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg] if a}
            return _without_names(self.expr(function.body), params)
        chain = _chain(function)
        return [] if chain is None else [m.Call(chain[0], chain[1], node.lineno)]

    def dynamic_targets(self, node: ast.Call) -> List[str]:
        """Modules a dynamic import names: one, or one per value of a loop over literal strings, or one
        standing for each value of a list another module exports (see graph.expand_exported)."""
        return (self.loop_targets(lambda loop: self.dynamic_target(node, loop)) or self.external_targets(node)
                or self.list_targets(node))

    def list_targets(self, node: ast.Call) -> List[str]:
        """The name a dynamic import makes of the variable of a top-level loop over a list the simulation
        follows (`import_module(f"api.{name}")`, see m.BindList): with `{!name}`, filled in with the string
        the variable holds when it runs (see Simulator._dynamic_name); [] when it names none."""
        for variable, listed in self.list_loops.items():
            placeholder = "{!%s}" % variable
            target = self.dynamic_target(node, (variable, placeholder))
            if target is not None and target.count(placeholder) == 1 and target.count("{") == 1:
                self.list_imports[target] = (variable, listed)
                return [target]
        return []

    def list_edges(self, body: tuple) -> None:
        """The graph's edges for the imports of list_targets: one RawImport per string the list may hold (its
        own, and those the module's program may append: not in the branch of an `if` decided against it),
        not run by any op."""
        if not self.list_imports:
            return
        held: Dict[str, List[str]] = {}
        pending = [body]
        while pending:
            for op in pending.pop():
                kind = type(op)
                if kind is m.BindList:
                    held.setdefault(op.name, []).extend(op.items)
                elif kind is m.Call and op.attrs == ("append",) and op.args[:1] and op.args[0][0] == m.TEXT_ARGUMENT:
                    held.setdefault(op.name, []).extend(op.args[0][1][:1])
                elif kind is m.If:
                    pending.extend(block for block, dead in ((op.body, "false"), (op.orelse, "true"))
                                   if op.test != dead)
                elif kind is m.Try:
                    pending.extend([op.body, op.orelse, op.finalbody] + [handler[2] for handler in op.handlers])
                elif kind is m.With:
                    pending.append(op.body)
        for raw in list(self.imports):
            found = self.list_imports.get(raw.target) if raw.kind == "dynamic" else None
            if found is None:
                continue
            variable, listed = found
            made = {raw.target}
            for value in held.get(listed, ()):
                filled = raw.target.replace("{!%s}" % variable, value)
                if filled not in made:
                    made.add(filled)
                    self.imports.append(replace(raw, target=filled))

    def external_targets(self, node: ast.Call, target_of=None) -> List[str]:
        """The name a call imports (its first argument, or `target_of(node, loop)`) in a loop over a list
        bound elsewhere (see loop_elsewhere), standing for each of its strings: `[]` when it names none."""
        for variable, iterable in self.loop_external.items():
            column = None
            if type(iterable) is tuple:  # (a column of an imported list of rows: see stmt_For)
                iterable, column = iterable  # type: ignore[misc]
            path = iterable if type(iterable) is str else self.imported_path(iterable)  # type: ignore[arg-type]
            if path is None:
                continue
            if column is not None:
                path = f"{path}#{column}"
            placeholder = "{=%s}" % path
            loop = (variable, placeholder)
            target = self.dynamic_target(node, loop) if target_of is None else target_of(node, loop)
            if target is not None and placeholder in target:
                return [target]
        return []

    def parameter_test(self, test: ast.expr) -> Optional[Tuple[str, str]]:
        """("truth", NAME) for a test of a parameter of the function being read that keeps its value there,
        `if NAME:`; ("none", NAME) for `NAME is None` and ("not-none", NAME) for `NAME is not None`; else
        None (see Simulator.op_If)."""
        kind = "truth"
        if (type(test) is ast.Compare and len(test.ops) == 1 and type(test.ops[0]) in (ast.Is, ast.IsNot)
                and type(test.comparators[0]) is ast.Constant and test.comparators[0].value is None):
            kind, test = ("none" if type(test.ops[0]) is ast.Is else "not-none"), test.left
        # (not asked whether the body binds it again: the simulation reads the value the local has when
        # the test runs, which a binding before it replaced)
        if type(test) is not ast.Name or self.parameter_of(test.id, kept=False) != "{!%s}" % test.id:
            return None
        return kind, test.id

    def default_kept(self, name: str) -> bool:
        """Whether parameter `name` of the function being read keeps its value there (never bound, deleted
        or declared global or nonlocal in its body)."""
        function = self.defaults[0]
        return function is not None and not self.rebinds(function, name)

    def kept_chain_defaults(self, chains: Dict[str, Tuple[str, Tuple[str, ...]]], function: ast.AST
                            ) -> Tuple[Tuple[str, str, Tuple[str, ...]], ...]:
        """A function's parameters whose default is a name or an attribute chain (`config_class=Config`,
        `chains`: see _chain_defaults) and that it never binds again, with that chain: (parameter, name,
        attrs)."""
        return tuple((param, chain[0], chain[1]) for param, chain in sorted(chains.items())
                     if not self.rebinds(function, param)) if chains else ()

    def table_aliases(self, function: ast.AST) -> Dict[str, ast.Subscript]:
        """The local names of a function bound once, to `TABLE[parameter]` (a module-level literal dict
        looked up by one of its parameters, which it keeps): `module_name = _EXPORTS[name]` in a PEP 562
        `__getattr__(name)`. Worked out once per function."""
        found = self.aliases.get(id(function))
        if found is not None and found[0] is function:
            return found[1]
        stores: Dict[str, int] = {}
        candidates: Dict[str, ast.Subscript] = {}
        for statement in function.body:  # type: ignore[attr-defined]
            for inner in ast.walk(statement):
                if type(inner) is ast.Name and type(inner.ctx) is not ast.Load:
                    stores[inner.id] = stores.get(inner.id, 0) + 1
                elif type(inner) is not ast.arg and type(inner) is not ast.Name:
                    for name in _bound_names(inner):
                        stores[name] = stores.get(name, 0) + 1
                if (type(inner) is ast.Assign and len(inner.targets) == 1 and type(inner.targets[0]) is ast.Name
                        and type(inner.value) is ast.Subscript and type(inner.value.value) is ast.Name
                        and type(inner.value.slice) is ast.Name
                        and type(self.literal_of(inner.value.value.id)) is ast.Dict
                        and self.parameter_of(inner.value.slice.id) == "{!%s}" % inner.value.slice.id):
                    candidates[inner.targets[0].id] = inner.value
        aliases = {name: value for name, value in candidates.items() if stores.get(name) == 1}
        self.aliases[id(function)] = (function, aliases)
        return aliases

    def rebinds(self, function: ast.AST, name: str) -> bool:
        """Whether a function's body binds `name` (assigns, deletes, imports it, declares it global...)."""
        body = function.body  # type: ignore[attr-defined]
        text = "\n".join(self.lines[body[0].lineno - 1:getattr(function, "end_lineno", None) or len(self.lines)])
        if name not in text or not re.search(_REBINDING.format(re.escape(name)), text):
            return False  # (the body's text binds no such name: the walk below is not needed)
        rebound = self.rebound.get(id(function))
        if rebound is None or rebound[0] is not function:  # (one walk of a function's body, when first asked)
            names: Set[str] = set()
            for statement in body:
                for inner in ast.walk(statement):
                    if type(inner) is ast.Name:
                        if type(inner.ctx) is not ast.Load:
                            names.add(inner.id)
                    elif type(inner) is not ast.arg:
                        names.update(_bound_names(inner))
            rebound = self.rebound[id(function)] = (function, names)
        return name in rebound[1]

    def exported_flags(self) -> Tuple[Tuple[str, object], ...]:
        """See m.ModuleFacts.exported_flags: the module's flags (see constant) when it was walked for
        them, else those whose name the text holds only where they are bound."""
        def value(name: str, truth: bool) -> object:  # (a string constant: the string, for `==` and `in`)
            string = self.literal_string(name)
            return truth if string is None else string

        if self.constants is None and self.tree is not None and any(
                isinstance(node, ast.Assign) and not isinstance(node.value, ast.Constant) and self.candidates.get(
                    getattr(node.targets[0], "id", ""), (None, None))[1] is not None
                for node in self.tree.body):
            # a flag computed by a test (`PY2 = sys.version_info[0] == 2`, then `PY3 = not PY2`): rare
            # enough to walk the module for (see constant), where a plain `DEBUG = False` is not
            self.constants = _module_constants(self.tree, self.candidates)
        if self.constants is not None and self.constants[2]:
            flags = ()  # (read from another module, after the module wrote its namespace)
        elif self.constants is not None:
            flags = tuple(sorted((name, value(name, truth)) for name, truth in self.constants[1].items()))
        else:
            flags = tuple(sorted((name, value(name, truth)) for name, (_, truth, _) in self.candidates.items()
                                 if truth is not None and self.text.count(name) == 1))
            if flags and _WRITERS_TEXT.search(self.text):
                flags = ()
        settings = _class_settings(self.tree, self.text) if self.tree is not None else ()
        if settings:
            settings += _table_aliases(self.class_tables(), settings)
        flags += self.helper_flags(dict(flags))
        return tuple(sorted(flags + settings)) if settings else tuple(sorted(flags))

    def helper_flags(self, known: Dict[str, object]) -> Tuple[Tuple[str, object], ...]:
        """The module-level upper-case names bound to a call of a helper imported by name from another
        module (`USE_CELERY = env_bool("USE_CELERY", False)`, see _imported_helper_call), that the text
        holds only where they are bound, in a module that writes no namespace: as the call, for the
        simulation to decide (see m.ModuleFacts.exported_flags)."""
        if self.tree is None or "from " not in self.text or _WRITERS_TEXT.search(self.text):
            return ()
        imported = None
        found = []
        for node in self.tree.body:
            if not (type(node) is ast.Assign and len(node.targets) == 1 and type(node.targets[0]) is ast.Name
                    and node.targets[0].id.isupper() and node.targets[0].id not in known
                    and type(node.value) is ast.Call and type(node.value.func) is ast.Name):
                continue
            if imported is None:
                imported = _imported_names(self.tree)
            call = _imported_helper_call(node.value, imported)
            name = node.targets[0].id  # (read nowhere: the text has it once, but in strings, `env_bool("NAME")`)
            if call is not _UNSET and len(re.findall(r"(?<![\w'\"])%s(?![\w'\"])" % name, self.text)) == 1:
                found.append((name, call))
        return tuple(found)

    def exported_lists(self) -> Tuple[Tuple[str, Tuple[str, ...]], ...]:
        if self.exported is None:
            self.exported = _exported_lists(self.tree, self.text) if self.tree is not None else ()
            if self.exported:
                self.exported = tuple(sorted(self.exported + _table_aliases(self.class_tables(), self.exported)))
        return self.exported

    def class_tables(self) -> Dict[str, Dict[str, str]]:
        """See _class_tables (worked out once)."""
        if self.tables is None:
            self.tables = _class_tables(self.tree, self.text) if self.tree is not None else {}
        return self.tables

    def imported_path(self, node: ast.AST) -> Optional[str]:
        """The absolute dotted path of `NAME` or `NAME.attr...` when NAME is bound in this module only
        by one top-level import statement (see _imported_paths), else None."""
        chain = _chain(node)
        if chain is None:
            return None
        base = self.import_paths().get(chain[0])
        if base is None or ".".join((chain[0],) + chain[1]) in self.touched:
            return None  # (`BLUEPRINTS.append(...)` here: the list is not the one its module binds)
        return ".".join((base,) + chain[1])

    def import_paths(self) -> Dict[str, str]:
        """See _imported_paths (worked out once, with `touched`)."""
        if self.imported is None:
            self.imported = _imported_paths(self.tree, self.source)
            self.touched = _touched(self.tree) if self.imported and self.tree is not None else set()
        return self.imported

    def loop_targets(self, target_of: Callable[[Optional[Tuple[str, str]]], Optional[str]]) -> List[str]:
        """`[target_of(None)]`, or else `target_of((variable, value))` for each value of the variable of
        an enclosing loop over literal strings that it needs; [] when neither names anything."""
        target = target_of(None)
        if target is not None:
            return [target]
        for variable, values in self.loop_values.items():
            targets = [target_of((variable, value)) for value in values]
            if targets and all(t is not None for t in targets):
                return targets  # type: ignore[return-value]
        return []

    def dynamic_target(self, node: ast.Call, loop: Optional[Tuple[str, str]] = None) -> Optional[str]:
        """The absolute module a dynamic import names, with `{__name__}` for the running module."""
        if not node.args:
            return None
        target = _template(node.args[0], loop, self.literal_of, self.parameter_of)
        if target is None and self.defaults[0] is not None and type(node.args[0]) in (ast.Name, ast.JoinedStr,
                                                                                     ast.BinOp):
            aliases = self.table_aliases(self.defaults[0])  # `module_name = _EXPORTS[name]` ... `f".{module_name}"`
            if aliases:
                target = _template(_Substituted(aliases).visit(copy.deepcopy(node.args[0])), loop, self.literal_of,
                                   self.parameter_of)
        if target is None:
            return None
        head, _, field = target.partition("{!")
        variable, _, entries = field[:-1].partition("|") if not head and field.endswith("}") and "{" not in field \
            else ("", "", "")
        table = lookup_entries(entries) if entries else {}
        if any(value.startswith(".") for value in table.values()):
            # `import_module(_EXPORTS[name], __name__)`, the table's modules relative to the package: each made absolute
            resolved = {key: self.absolute(value, node) for key, value in table.items()}
            if None in resolved.values():
                return None
            return "{!" + variable + "|" + ";".join(f"{key}={value}" for key, value in resolved.items()) + "}"
        return self.absolute(target, node)

    def absolute(self, target: str, node: ast.Call) -> Optional[str]:
        """`target` of the dynamic import `node` made absolute: a relative name (`import_module(".views",
        __name__)`) by the package the call gives; None when that is not known."""
        if not target.startswith("."):
            return target
        package = None
        if len(node.args) > 1:
            package = _template(node.args[1])
        for keyword in node.keywords:
            if keyword.arg == "package":
                package = _template(keyword.value)
        if not package:
            return None
        if "{__package__}" in package or "{__name__}" in package:  # (this module's: known here)
            own = self.source.module.rpartition(".")[0] if not self.source.is_package else self.source.module
            package = package.replace("{__package__}", own).replace("{__name__}", self.source.module)
        level = len(target) - len(target.lstrip("."))
        base = package.split(".")
        if level > 1:
            base = base[: -(level - 1)] if len(base) >= level else []
            if not base:
                return None
        rest = target[level:]
        return ".".join(base) + ("." + rest if rest else "")

    def executed_file(self, node: ast.Call, chain: Optional[Tuple[str, Tuple[str, ...]]]) -> Optional[str]:
        """The module whose file `app.config.from_pyfile("settings.py")` runs: Flask joins the name to the
        app's root path, the directory of the module that made it with `Flask(__name__)`, taken to be this
        one (None when this module makes no Flask app, or an instance-relative one, or the name is not a
        literal .py path)."""
        if chain is None or chain[1][-2:] != ("config", "from_pyfile") or not node.args or not _flask_here(self.tree):
            return None
        filename = _template(node.args[0], None, self.literal_of) or _beside_this_file(node.args[0])
        if not filename or "{" in filename or not filename.endswith(".py") or filename.startswith(("/", "\\")):
            return None
        package = self.source.module if self.source.is_package else self.source.module.rpartition(".")[0]
        names = package.split(".") if package else []
        for part in filename[:-3].replace("\\", "/").split("/"):
            if part == "..":
                if not names:
                    return None
                names.pop()
            elif part and part != ".":
                names.append(part)
        return ".".join(names) or None

    def run_file(self, node: ast.Call, name: Optional[str]) -> Optional[str]:
        """The module of the project whose file `runpy.run_path(path)` or `exec(compile(open(path).read(),
        path, "exec"))` (`exec(open(path).read())`) runs, the path worked out from `__file__` (see _path_of,
        also through a module-level name bound once to it); None for another call."""
        if not node.args:
            return None
        if name == "run_path":
            if self.imported_path(node.func) != "runpy.run_path":
                return None
            path = node.args[0]
        else:
            code = node.args[0]
            if type(code) is ast.Call and _call_name(code) == "compile" and len(code.args) >= 2:
                path = code.args[1]
            elif (type(code) is ast.Call and type(code.func) is ast.Attribute and code.func.attr == "read"
                  and type(code.func.value) is ast.Call and _call_name(code.func.value) == "open"
                  and code.func.value.args):
                path = code.func.value.args[0]
            else:
                return None
        if type(path) is ast.Name and self.tree is not None:  # (`_local = os.path.join(...)` bound once before)
            bound = [n.value for n in self.tree.body if type(n) is ast.Assign and len(n.targets) == 1
                     and type(n.targets[0]) is ast.Name and n.targets[0].id == path.id]
            path = bound[0] if len(bound) == 1 else path
        named = _path_of(path, os.path.abspath(self.source.path))
        if named is None or not named.endswith(".py"):
            return None
        relative = os.path.relpath(named, os.path.abspath(self.source.root))
        if relative.startswith(".."):
            return None
        parts = relative[:-3].split(os.sep)
        if parts[-1] == "__init__":
            parts.pop()
        return ".".join(parts) if parts and all(part.isidentifier() for part in parts) else None

    def resource_imports(self, node: ast.Call, name: Optional[str]) -> List[str]:
        """The package a call that reads its files imports first: `importlib.resources.files("pkg")`,
        `pkgutil.get_data("pkg", ...)`, `pkg_resources.resource_filename("pkg", ...)`; the parents of
        the module `importlib.util.find_spec("pkg.sub")` looks for (see _RESOURCE_READERS)."""
        if name not in _RESOURCE_NAMES or not node.args:
            return []
        target = _template(node.args[0], None, self.literal_of)
        if not target or target.startswith(".") or self.imported_path(node.func) not in _RESOURCE_READERS:
            return []
        if name == "find_spec":
            target = target.rpartition(".")[0]  # (it imports the parents, and only finds the module)
        return [target] if target else []

    def root_path_import(self, node: ast.Call, name: str) -> Optional[str]:
        """The package `Blueprint("admin", "app.admin.views")` (or `Flask("app.web")`) imports: made without
        root_path= and named by a literal other than this module's name, Flask's get_root_path asks
        importlib.util.find_spec for it, which imports its parent package; None for any other call."""
        position = _ROOTED_NAMES[name]
        given = _literal_str(node.args[position] if len(node.args) > position else next(
            (keyword.value for keyword in node.keywords if keyword.arg == "import_name"), None))
        if given is None or "." not in given or given == self.source.module or self.imported_path(
                node.func) not in _ROOTED:
            return None
        parent = given.rpartition(".")[0]
        return parent if all(part.isidentifier() for part in parent.split(".")) else None

    def logging_imports(self, given: ast.expr) -> List[Tuple[str, str]]:
        """The objects `logging.config.dictConfig(given)` imports by their dotted paths, in its order, each
        with what it raises when that import fails (see m.DynamicImport.reraises): the `()` factory or the
        `class` of every formatter, filter and handler (sections in that order, entries sorted by name), then
        the entry's `ext://` values. `given` is a literal dict, or a module-level name bound once to one."""
        if type(given) is ast.Name and self.tree is not None:
            bound = [statement.value for statement in self.tree.body if type(statement) is ast.Assign
                     and any(type(target) is ast.Name and target.id == given.id for target in statement.targets)]
            given = bound[0] if len(bound) == 1 else given
        found: List[Tuple[str, str]] = []
        for section, kind in (("formatters", "formatter"), ("filters", "filter"), ("handlers", "handler")):
            entries = _literal_dict(given).get(section) if type(given) is ast.Dict else None
            if type(entries) is not ast.Dict:
                continue
            for entry_name, entry in sorted(_literal_dict(entries).items()):
                if type(entry) is not ast.Dict:
                    continue
                values = _literal_dict(entry)
                raised = f"ValueError: Unable to configure {kind} {entry_name!r}"
                made = _literal_str(values.get("()", values.get("class")))
                paths = [made] if made is not None else []
                paths += [text[6:] for key, text in ((key, _literal_str(value)) for key, value in values.items())
                          if key not in ("()", "class") and text is not None and text.startswith("ext://")]
                found.extend((path, raised) for path in paths if path and all(
                    part.isidentifier() for part in path.split(".")))
        return found

    def celery_made(self, names: Tuple[str, ...], node: ast.Call) -> None:
        """Note a Celery app made by `node` in a function and bound to `names` (see celery_apps)."""
        made = self.celery_options(node)
        for name in names:
            self.celery_apps[(self.enclosing, name)] = dict(made)
            self.celery_config[(self.enclosing, name)] = {"config": made.get("config"), "silent": made.get("silent")}

    def celery_app_op(self, names: Tuple[str, ...], node: ast.Call, configure: str = "") -> m.CeleryApp:
        """The CeleryApp op of a module-level `names = Celery(...)` (or of a subclass whose on_configure is
        `configure`); the graph's edges to the modules it imports later, when it is used (as from a function:
        not at import)."""
        made = self.celery_options(node)
        for name in names:
            self.module_apps[name] = tuple(made.get("include") or ())  # type: ignore[arg-type]
        with self.nested(scope=self.weaker(m.FUNCTION)):
            for key in ("config", "task_cls", "loader"):
                if made.get(key):
                    self.add_dynamic(str(made[key]).partition(":")[0], node)
            for target in made.get("include") or ():  # (`app.loader.import_default_modules()`, from any module)
                self.add_dynamic(str(target), node)
        return m.CeleryApp(names, node.lineno, str(made.get("config") or ""), bool(made.get("silent")),
                           str(made.get("task_cls") or ""), tuple(made.get("include") or ()),  # type: ignore
                           bool(made.get("autofinalize", True)), configure, str(made.get("loader") or ""))

    def celery_options(self, node: ast.Call) -> Dict[str, object]:
        """What `Celery(...)` is given that makes it import later: config_source= ("config") and whether
        config_source_silent= ("silent"), task_cls=, loader=, include= and autofinalize=."""
        made: Dict[str, object] = {}
        for keyword in node.keywords:
            if keyword.arg in ("task_cls", "config_source", "loader"):
                target = _template(keyword.value, None, self.literal_of)
                # (a loader named without a dot may be an alias of Celery's: "app", "default")
                if target and not target.startswith((".", ":")) and (keyword.arg != "loader" or (
                        "." in target or ":" in target)):
                    made["config" if keyword.arg == "config_source" else keyword.arg] = target
            elif keyword.arg == "include":
                made["include"] = self.literal_strings(keyword.value) or ()
            elif keyword.arg == "autofinalize":  # (False: register_task fails before it reads the configuration)
                made["autofinalize"] = not (type(keyword.value) is ast.Constant and keyword.value.value is False)
            elif keyword.arg == "config_source_silent":
                made["silent"] = not (type(keyword.value) is ast.Constant and keyword.value.value is False)
        return made

    def celery_configure(self, node: ast.Call, chain: Tuple[str, Tuple[str, ...]]) -> m.CeleryConfigure:
        """The CeleryConfigure op of `chain(...)`, a `config_from_object` of an app made elsewhere (at module
        level here or in another module: see celery_app_op); the graph's edge to the source it names, as
        from a function (it is imported when the configuration is read, if at all), unless forced (then
        string_imports made that edge, at once)."""
        target = _template(node.args[0], None, self.literal_of, self.parameter_of)  # (`{!name}`: a parameter's)
        source = target if target and not target.startswith((".", ":")) else ""
        forced = _forced(node)
        if source and not forced:
            with self.nested(scope=self.weaker(m.FUNCTION)):
                self.add_dynamic(source.partition(":")[0], node)
        return m.CeleryConfigure(chain[0], chain[1][:-1], node.lineno, source, _silent_config(node), forced)

    def celery_app(self, name: str) -> Optional[Dict[str, object]]:
        """What celery_apps notes of the Celery app `name` is here: one made in the function being read,
        or at module level (not hidden by a local of that name)."""
        found = self.celery_apps.get((self.enclosing, name))
        function = self.defaults[0]
        if found is None and self.enclosing is not None and function is not None and not self.rebinds(function, name):
            found = self.celery_apps.get((None, name))
        return found

    def celery_reads(self, chain: Tuple[str, Tuple[str, ...]], node: ast.AST) -> List[m.Op]:
        """The imports Celery makes when `chain` is read of an app made here (see celery_apps): the first
        read of its configuration (`celery.conf.task_always_eager`, `conf.get(...)`, `register_task(...)`,
        `loader.import_default_modules()`, CONF_READERS; `("conf", "[]")` and `("conf", "()")` for
        `conf["k"]` and a builtin given it; not LAZY_CONF) imports the module config_from_object named,
        and a config_from_object after such a read imports it at once; `celery.Task` imports the task_cls
        class's module; and import_default_modules() then the include= modules."""
        app = self.celery_app(chain[0])
        if app is None:
            return []
        # (the source config_from_object gave in the function, or the module body, being read; in a function
        # that gives none, the module body's as the function is defined: it runs later, if at all)
        config = self.celery_config.get((self.enclosing, chain[0]))
        if config is None:
            config = self.celery_config.get((None, chain[0]), {}) if self.enclosing is not None else {}
            config = self.celery_config[(self.enclosing, chain[0])] = dict(config, configured=False)
        attrs = chain[1]
        # (a statement every run of the body reaches: not under an `if`, a loop, a `try`)
        always = self.statement is not None and self.block_of(self.statement) is not None
        if attrs[0] == "config_from_object" and isinstance(node, ast.Call) and node.args and not _forced(node):
            target = _template(node.args[0], None, self.literal_of)
            made = target if target and not target.startswith((".", ":")) and always else None
            config.update(config=made, silent=_silent_config(node))
            if not (made and config.get("configured")):
                return []
            # (the configuration was read before: Celery's loader reads the new source at once, whose
            # errors come out as they are)
            attrs, loading = ("conf", ""), "AttributeError"
        else:
            loading = m.CELERY_CONFIG
        targets: List[Tuple[str, str]] = []  # (the object path, what a missing object raises)
        if (reads_configuration(attrs) or (attrs[0] in TASK_READERS and app.get("autofinalize", True))
                or attrs[:2] == ("loader", "import_default_modules")):
            if always:
                config["configured"] = True
            if app.get("loader"):  # (the loader first, then the source it reads)
                targets.append((app["loader"], m.CELERY_CONFIG))  # type: ignore[arg-type]
            if config.get("config"):
                targets.append((config["config"], loading))  # type: ignore[arg-type]
        if attrs[0] == "Task" and app.get("task_cls"):
            targets.append((app["task_cls"], "AttributeError"))  # type: ignore[arg-type]
        if attrs[:2] == ("loader", "import_default_modules"):
            targets.extend((target, "AttributeError") for target in app.get("include") or ())  # type: ignore
        ops: List[m.Op] = []
        for target, missing in targets:
            index = self.add_dynamic(target.partition(":")[0], node)  # type: ignore[arg-type]
            # (kombu's symbol_by_name reads the object with getattr(); an AttributeError out of Celery's
            # configuration load is raised again as a ModuleNotFoundError)
            op: m.Op = m.DynamicImport(target.replace(":", "."), node.lineno, index, True, missing,
                                       m.CELERY_CONFIG if missing == m.CELERY_CONFIG else "")
            ops.append(_silenced(op, node.lineno) if target == config.get("config") and config.get("silent") else op)
        return ops

    def string_imports(self, node: ast.Call, name: Optional[str]) -> List[Tuple[str, str]]:
        """What a call imports right away by the name in a string, as (the module named, the object
        path or ""): `import_string("a.b:C")` and `from_object("a.b.C")` (see STRING_IMPORTERS: an object
        path), and `autodiscover_tasks(["a"], force=True)`, which imports a and a.tasks at once (without
        force, only a worker starting does: celery_imports)."""
        if node.args and (name in STRING_IMPORTERS or (name == "config_from_object" and _forced(node)) or (
                name in _RESOLVER_NAMES and self.imported_path(node.func) in _RESOLVERS)):
            # (Celery's `config_from_object("a.celeryconfig")` imports it when the configuration is first
            # read, see celery_reads; with force=True, at once, as import_string does)
            targets = self.loop_targets(lambda loop: _template(node.args[0], loop, self.literal_of,
                                                               self.parameter_of)) or self.external_targets(
                node, lambda call, loop: _template(call.args[0], loop, self.literal_of, self.parameter_of))
            return [(target.partition(":")[0], target.replace(":", ".")) for target in targets
                    if target and not target.startswith((".", ":"))]
        given = None if name != "autodiscover_tasks" else node.args[0] if node.args else next(
            (keyword.value for keyword in node.keywords if keyword.arg == "packages"), None)
        if given is not None and _forced(node):
            related = _related_name(node)
            packages = self.literal_strings(given)
            if packages is None:  # `lambda: Config.INSTALLED_MODULES`: a list another module exports
                listed = given.body if type(given) is ast.Lambda else given
                path = self.imported_path(listed) if _chain(listed) is not None else None
                packages = ("{=%s}" % path,) if path is not None and "." in path else ()
            return [(target, "") for package in packages for target in (package, f"{package}.{related}")]
        return []

    def literal_strings(self, node: ast.expr) -> Optional[Tuple[str, ...]]:
        """The strings of a literal list, tuple or set, or of a module-level constant bound to one
        (`TASK_PACKAGES = ["app.orders"]`, see literal_of; or one handed on that nothing changes, see
        string_list), or what a lambda without parameters returns (Celery's
        `autodiscover_tasks(lambda: ["app.orders"])` calls it)."""
        if type(node) is ast.Lambda and not (node.args.args or node.args.posonlyargs or node.args.vararg):
            node = node.body
        if type(node) is ast.Name:
            found = self.literal_of(node.id)
            if found is None:  # (a list bound once and never changed, handed on: see string_list)
                return self.string_list(node)
            node = found
        return _literal_strings(node) if node is not None else None

    def celery_imports(self, node: ast.Call, name: Optional[str]) -> None:
        """Modules a Celery worker imports at start: include=/imports= and autodiscover_tasks."""
        for keyword in node.keywords:
            if keyword.arg in ("include", "imports"):
                for target in self.literal_strings(keyword.value) or ():
                    self.worker_imports.append((target, node.lineno))
        if name == "autodiscover_tasks" and node.args:
            related = _related_name(node)
            for package in self.literal_strings(node.args[0]) or ():
                self.worker_imports.append((f"{package}.{related}", node.lineno))


# the statement readers of _Extractor by node class (`stmt_If` reads ast.If)
_STATEMENTS = {getattr(ast, name[5:]): function for name, function in vars(_Extractor).items()
               if name.startswith("stmt_") and hasattr(ast, name[5:])}


def _made_hooks(hooks: Tuple[str, ...], node: ast.ClassDef) -> Tuple[str, ...]:
    """`hooks` (see m.Define.hooks) with the classes the library's __init__ makes from the attributes
    this class body sets to a name or a chain (`config_class = AppConfig`, see _MADE_CLASSES) after the
    hook that makes each: `make_config>AppConfig`, or `>JSONProvider` for one no hook makes."""
    if not any(hook in _MADE_CLASSES for hook in hooks):
        return hooks
    assigned: Dict[str, str] = {}
    for stmt in node.body:
        if (type(stmt) is ast.Assign and len(stmt.targets) == 1 and type(stmt.targets[0]) is ast.Name
                and _chain(stmt.value) is not None):
            name, attrs = _chain(stmt.value)  # type: ignore[misc]
            assigned[stmt.targets[0].id] = ".".join((name,) + attrs)
    made: List[str] = []
    for hook in hooks + ("",):
        classes = [assigned[attr] for attr in _MADE_CLASSES.get(hook, ()) if attr in assigned]
        if hook:
            made.append(f"{hook}>{classes[0]}" if classes else hook)
        else:
            made.extend(f">{chain}" for chain in classes)
    return tuple(made)


def _view_hooks(node: ast.ClassDef) -> Tuple[str, ...]:
    """m.Define.hooks of a class body that sets Flask's `init_every_request` (a class-based view): with
    False, `as_view()` makes the view's one instance at once (m.VIEW_MADE); with True, once per request,
    later (m.VIEW_PER_REQUEST, which stops a base's m.VIEW_MADE from being inherited)."""
    for stmt in node.body:
        if (type(stmt) is ast.Assign and len(stmt.targets) == 1 and type(stmt.targets[0]) is ast.Name
                and stmt.targets[0].id == "init_every_request" and type(stmt.value) is ast.Constant
                and type(stmt.value.value) is bool):
            return (m.VIEW_PER_REQUEST,) if stmt.value.value else (m.VIEW_MADE,)
    return ()


_CONFIGURE_NAMES = frozenset(path.rpartition(".")[2] for path in _CONFIGURERS)


def _unpacked_lookup(function: Optional[ast.AST], name: str) -> Optional[Tuple[ast.Subscript, List[str]]]:
    """In `function`, the one binding of local `name`, when it unpacks a table lookup: `module, attr =
    TABLE[key]` gives (`TABLE[key]`, ["module", "attr"]); else None."""
    if function is None:
        return None
    bindings = 0
    unpacked = None
    for node in ast.walk(function):
        if type(node) is ast.Name and node.id == name and type(node.ctx) is ast.Store:
            bindings += 1
        elif (type(node) is ast.Assign and len(node.targets) == 1 and type(node.targets[0]) is ast.Tuple
              and type(node.value) is ast.Subscript and all(type(target) is ast.Name for target in node.targets[0].elts)
              and any(target.id == name for target in node.targets[0].elts)):  # type: ignore[attr-defined]
            unpacked = node.value, [target.id for target in node.targets[0].elts]  # type: ignore[attr-defined]
    return unpacked if bindings == 1 else None  # (bound twice: not known which value it holds)


def _configure_mappers(line: int) -> m.Call:
    """The op of SQLAlchemy configuring its mappers: it runs the listeners of the configuration's events
    (see Simulator._signal)."""
    return m.Call(m.LIBRARY_SIGNAL, (m.MAPPERS_CONFIGURED, "send"), line, True)


_MAPPED_ANNOTATION_ERROR = ("MappedAnnotationError", "ArgumentError", "SQLAlchemyError", "Exception", "BaseException")


def _mapped_column_reads(node: ast.ClassDef, future_annotations: bool) -> List[m.Op]:
    """SQLAlchemy 2.0's declarative classes evaluate, as the class is made, the type in each column's
    `Mapped[...]` annotation (`role: Mapped[user.Role]`, with no value or `= mapped_column(...)`; not a
    `relationship()`'s, which waits for the mappers' configuration) where Python left it a string: under
    `from __future__ import annotations`, or written as one (`Mapped["user.Role"]`). Its attribute reads
    (`user.Role` of a module still running: an AttributeError), which SQLAlchemy raises again as its
    MappedAnnotationError; or as a NameError, for a string argument of a generic type of a column with
    no value (`Mapped[Optional["user.Role"]]`), which it evaluates first, as it collects the annotations.
    A name alone is this module's or imported by name: read before already."""
    eager: List[m.Op] = []
    scanned: List[m.Op] = []
    for statement in node.body:
        if type(statement) is not ast.AnnAssign or type(statement.target) is not ast.Name or not (
                statement.value is None or (type(statement.value) is ast.Call
                                            and _call_name(statement.value) == "mapped_column")):
            continue
        annotation, stringed = statement.annotation, future_annotations
        if type(annotation) is ast.Constant:
            annotation, stringed = _parsed_annotation(annotation.value), True
        chain = _chain(annotation.value) if type(annotation) is ast.Subscript else None  # type: ignore[union-attr]
        if chain is None or _last_name(chain) != "Mapped":
            continue
        inner = annotation.slice  # type: ignore[union-attr]
        if stringed:
            scanned.extend(_chain_reads([inner], statement.lineno))
            continue
        strings = [part for part in ast.walk(inner) if type(part) is ast.Constant and type(part.value) is str]
        arguments = (inner.slice.elts if type(inner.slice) is ast.Tuple else [inner.slice]) if (  # type: ignore
            type(inner) is ast.Subscript and statement.value is None) else []
        first = [part for part in strings if any(part is argument for argument in arguments)]
        eager.extend(_chain_reads([_parsed_annotation(part.value) for part in first], statement.lineno))
        scanned.extend(_chain_reads([_parsed_annotation(part.value) for part in strings if part not in first],
                                    statement.lineno))
    return [m.Try(tuple(reads), ((("Exception",), None, (m.Raise(family, node.lineno),)),), (), (), node.lineno)
            for reads, family in ((eager, ("NameError", "Exception", "BaseException")),
                                  (scanned, _MAPPED_ANNOTATION_ERROR)) if reads]


def _chain_reads(expressions: Sequence[Optional[ast.expr]], line: int) -> List[m.Op]:
    """The attribute reads of evaluating each expression: its longest attribute chains (`user.Role`)."""
    chains = {found for expression in expressions if expression is not None for attribute in ast.walk(expression)
              if type(attribute) is ast.Attribute for found in [_chain(attribute)] if found is not None}
    return [m.Access(name, attrs, line) for name, attrs in sorted(chains)
            if not any(other[0] == name and other[1][:len(attrs)] == attrs and other[1] != attrs for other in chains)]


def _parsed_annotation(text: object) -> Optional[ast.expr]:
    """The expression a string annotation holds; None for one that is not an expression."""
    if type(text) is not str or len(text) > 200:
        return None
    try:
        return ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError):
        return None


def _configuring_schema(node: ast.ClassDef) -> bool:
    """Whether a class statement makes a marshmallow-sqlalchemy schema whose metaclass reads its model's
    attributes, configuring the mappers: an SQLAlchemyAutoSchema (or the older ModelSchema) or an
    SQLAlchemySchema with auto_field()s, its `class Meta` giving `model =`."""
    names = {_last_name(chain) for chain in map(_chain, node.bases) if chain is not None}
    if not names & (_AUTO_SCHEMAS | {"SQLAlchemySchema"}):
        return False
    meta = next((stmt for stmt in node.body if type(stmt) is ast.ClassDef and stmt.name == "Meta"), None)
    if meta is None or not any(type(stmt) is ast.Assign and any(type(t) is ast.Name and t.id == "model"
                                                                  for t in stmt.targets) for stmt in meta.body):
        return False
    return bool(names & _AUTO_SCHEMAS) or any(
        type(stmt) is ast.Assign and type(stmt.value) is ast.Call and _call_name(stmt.value) == "auto_field"
        for stmt in node.body)


def _forced(node: ast.Call) -> bool:
    """Whether a call says `force=True`, or gives True as its third argument (`autodiscover_tasks(packages,
    related_name, force)`, `config_from_object(obj, silent, force)`)."""
    return any(keyword.arg == "force" and isinstance(keyword.value, ast.Constant) and keyword.value.value is True
               for keyword in node.keywords) or (
        len(node.args) > 2 and type(node.args[2]) is ast.Constant and node.args[2].value is True)


def _silent_config(node: ast.Call) -> bool:
    """Whether `config_from_object(obj, silent, force)` may be silent (by keyword or position): its
    loader then returns where importing the source raises ImportError or AttributeError."""
    given = node.args[1] if len(node.args) > 1 else next(
        (keyword.value for keyword in node.keywords if keyword.arg == "silent"), None)
    return given is not None and not (type(given) is ast.Constant and not given.value)


def _related_name(node: ast.Call) -> str:
    """The module `autodiscover_tasks(packages, related_name=...)` looks for in each package."""
    related = "tasks"
    if len(node.args) > 1 and type(node.args[1]) is ast.Constant and type(node.args[1].value) is str:
        related = node.args[1].value
    for keyword in node.keywords:
        if keyword.arg == "related_name" and isinstance(keyword.value, ast.Constant):
            related = str(keyword.value.value)
    return related


_LITERAL_ARGUMENTS = (m.TEXT_ARGUMENT, m.LIST_ARGUMENT)


def _argument_chains(args: Sequence[ast.expr], strings: Callable[[ast.expr], Optional[Tuple[str, ...]]] = None,
                     lists: Container[str] = ()) -> Tuple[Tuple[str, Tuple[str, ...]], ...]:
    """A call's positional arguments as m.Call.args holds them (up to the first `*args`); `strings`:
    the strings of a list argument (see _Extractor.string_list), a literal one or a name of `lists`."""
    chains = []
    for arg in args:
        kind = type(arg)
        if kind is ast.Name:  # (the most frequent: a name, or one bound to a list of strings)
            listed = strings(arg) if arg.id in lists and strings is not None else None  # type: ignore[attr-defined]
            chains.append((arg.id, ()) if listed is None else (m.LIST_ARGUMENT, listed))  # type: ignore
            continue
        if kind is ast.Starred:
            break
        text = _text_value(arg)
        if text is not None:
            read = _environment_name(arg) if kind is not ast.Constant else None  # (`os.getenv("X") or "dev"`)
            chains.append((m.TEXT_ARGUMENT, (text,) if read is None else (text, read)))  # `create_app("testing")`
            continue
        listed = strings(arg) if strings is not None and (kind is ast.List or kind is ast.Tuple) and (
            arg.elts and type(arg.elts[0]) is ast.Constant and type(arg.elts[0].value) is str) else None  # type: ignore
        if listed is not None:
            chains.append((m.LIST_ARGUMENT, listed))  # `register_blueprints(app, BLUEPRINTS)`
            continue
        chains.append(_chain(arg) or ("", ()))
    while chains and chains[-1] == ("", ()):
        chains.pop()  # (nothing to pass on: the parameter is unknown either way)
    return tuple(chains)


def _mapped_imports(node: ast.For) -> Optional[ast.For]:
    """`for module in map(import_module, NAMES): body` spelled out as the loop it runs,
    `for _name in NAMES: module = import_module(_name); body`; None for any other loop."""
    mapped = node.iter
    if _mapped_names(mapped) is None:
        return None
    assert isinstance(mapped, ast.Call)
    name = "_cyclecheck_mapped_name"
    call = ast.Call(mapped.args[0], [ast.Name(name, ast.Load())], [])
    body = [ast.Assign([node.target], call)] + list(node.body)
    loop = ast.For(ast.Name(name, ast.Store()), mapped.args[1], body, node.orelse)
    for made in (loop, loop.target, body[0], call, call.args[0]):
        ast.copy_location(made, node)
    return loop


def _mapped_names(node: ast.expr) -> Optional[ast.expr]:
    """NAMES in `map(import_module, NAMES)` (or `__import__`); None for any other expression."""
    if not (isinstance(node, ast.Call) and len(node.args) == 2 and not node.keywords
            and isinstance(node.args[0], (ast.Name, ast.Attribute)) and _call_name(node) == "map"):
        return None
    chain = _chain(node.args[0])
    return node.args[1] if chain is not None and _last_name(chain) in DYNAMIC_IMPORTERS else None


def _call_name(node: ast.Call) -> Optional[str]:
    chain = _chain(node.func)
    return None if chain is None else _last_name(chain)


def _last_name(chain: Tuple[str, Tuple[str, ...]]) -> str:
    """The last name of a chain: `c` for `a.b.c`, `a` for `a`."""
    return (chain[1] or (chain[0],))[-1]


def _template(node: ast.AST, loop: Optional[Tuple[str, str]] = None,
              constant: Optional[Callable[[str], Optional[ast.expr]]] = None,
              parameter: Optional[Callable[[str], Optional[str]]] = None) -> Optional[str]:
    """A string expression made of literals, `__name__`, `__package__`, the parameters of the function
    it is in (`parameter`: see _Extractor.parameter_of), module-level string constants (`constant`: the
    literal a name is bound to, see _Extractor.literal_of) and, inside `for name in ["a", "b"]:`, the
    loop variable (`loop` = (name, value)): joined with `+`, an f-string, `"%s" % ...` or
    `"{}".format(...)`."""
    def part(inner: ast.AST) -> Optional[str]:
        return _template(inner, loop, constant, parameter)

    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name) and node.id in ("__name__", "__package__"):
        return "{%s}" % node.id
    if isinstance(node, ast.Name) and loop is not None and node.id == loop[0]:
        return loop[1]
    if isinstance(node, ast.Name) and parameter is not None:
        placeholder = parameter(node.id)
        if placeholder is not None:  # (a parameter hides the module's constant of that name)
            return placeholder or None
    if (type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr in PARAMETER_METHODS
            and not node.args and not node.keywords):
        placeholder = parameter(node.func.value.id) if (
            parameter is not None and type(node.func.value) is ast.Name) else None
        if placeholder is not None:  # `config_name.title()`
            return placeholder[:-1] + "." + node.func.attr + "}" if placeholder else None
        inner = part(node.func.value)  # `ENV.capitalize()` of a module-level string constant
        return getattr(inner, node.func.attr)() if inner is not None and "{" not in inner else None
    if isinstance(node, ast.Name) and constant is not None:
        value = constant(node.id)
        return value.value if isinstance(value, ast.Constant) and isinstance(value.value, str) else None
    if type(node) is ast.Call:
        environment = _environment_value(node)  # `os.getenv("APP_SETTINGS", "config.Dev")`: unset, the default
        if isinstance(environment, str):
            return environment
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = part(node.left), part(node.right)
        return None if left is None or right is None else left + right
    if type(node) is ast.Subscript and type(node.value) is ast.Name and constant is not None:
        return _table_entry(node, constant(node.value.id), part)  # `MODULES["slack"]`, `EXPORTS[name]`
    if (type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "join"
            and type(node.func.value) is ast.Constant and type(node.func.value.value) is str
            and len(node.args) == 1 and not node.keywords and type(node.args[0]) in (ast.Tuple, ast.List)):
        pieces = [part(element) for element in node.args[0].elts]  # `".".join((__name__, name))`
        return None if None in pieces else node.func.value.value.join(pieces)  # type: ignore[arg-type]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):  # `"app.%s" % name`
        if not (isinstance(node.left, ast.Constant) and isinstance(node.left.value, str)):
            return None
        pieces = re.split(r"(%.)", node.left.value)
        values = [part(v) for v in (node.right.elts if isinstance(node.right, ast.Tuple) else [node.right])]
        if any(v is None for v in values) or any(p.startswith("%") and p not in ("%s", "%%") for p in pieces[1::2]):
            return None
        if len(values) != pieces[1::2].count("%s"):
            return None
        given = iter(values)
        return "".join(next(given) if p == "%s" else "%" if p == "%%" else p  # type: ignore[misc]
                       for i, p in enumerate(pieces) if p or i % 2)
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"
            and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)
            and not node.keywords and not any(isinstance(a, ast.Starred) for a in node.args)):
        import string

        values = [part(a) for a in node.args]
        if any(v is None for v in values):
            return None
        out, automatic = [], 0
        try:
            fields = list(string.Formatter().parse(node.func.value.value))
        except ValueError:
            return None
        for text, field, spec, conversion in fields:
            out.append(text)
            if field is None:
                continue
            if spec or conversion or not (field == "" or field.isdigit()):
                return None
            index = automatic if field == "" else int(field)
            automatic += field == ""
            if index >= len(values):
                return None
            out.append(values[index])  # type: ignore[arg-type]
        return "".join(out)
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                inner = part(value.value)
                if inner is None or value.format_spec is not None:
                    return None
                parts.append(inner)
            else:
                piece = part(value)
                if piece is None:
                    return None
                parts.append(piece)
        return "".join(parts)
    return None


_LISTED = "\0all:"  # a loop variable over `x.__all__` (see _listed_names)
# + "\0" + the call's text: the module `import_module(...).attr` reads from (see _Extractor.imported_attribute)
IMPORTED = "_\0imported"


def _listed_names(target: ast.AST, chain: Optional[Tuple[str, Tuple[str, ...]]]) -> Dict[str, Tuple[str, ...]]:
    """For a loop over `x.__all__` (`chain`), its variable (`target`) as the names x lists, for a
    `getattr(x, name)` in it (see m.AccessListed); else nothing."""
    if type(target) is not ast.Name or chain is None or chain[1][-1:] != ("__all__",):
        return {}
    return {target.id: (_LISTED + ".".join((chain[0],) + chain[1][:-1]),)}  # type: ignore[attr-defined]


def _stores(function: ast.AST, name: str) -> int:
    """How many times the body of `function` binds or deletes the local `name` (or declares it global)."""
    return sum(1 for node in ast.walk(function)
               if (type(node) is ast.Name and node.id == name and type(node.ctx) is not ast.Load)  # type: ignore
               or (type(node) in (ast.Global, ast.Nonlocal) and name in node.names))  # type: ignore[attr-defined]


def _table_entry(node: ast.Subscript, table: Optional[ast.expr], part: Callable[[ast.AST], Optional[str]]
                 ) -> Optional[str]:
    """`TABLE[key]` of a module-level literal dict of strings bound once and never changed (`table`, see
    _Extractor.literal_of): the string the key maps to; with a parameter for the key (`EXPORTS[name]` in a
    module's `__getattr__(name)`), `{!name|key=value;...}`, which the simulation fills in with the entry
    of the string the call gave (see graph.fill_parameters). None when not known, or not there (KeyError)."""
    if type(table) is not ast.Dict:
        return None
    entries = {}
    for key, value in zip(table.keys, table.values):
        if not (type(key) is ast.Constant and type(key.value) is str and type(value) is ast.Constant
                and type(value.value) is str):
            return None
        entries[key.value] = value.value
    key = part(node.slice)
    if key is None:
        return None
    if "{" not in key:
        return entries.get(key)
    if not (key.startswith("{!") and key.endswith("}") and key.count("{") == 1 and "." not in key
            and all(re.fullmatch(r"[\w.]+", text) for pair in entries.items() for text in pair)):
        return None
    return key[:-1] + "|" + ";".join(f"{name}={value}" for name, value in entries.items()) + "}"


def _without_names(ops: List[m.Op], names: Set[str]) -> List[m.Op]:
    """`ops` without those that read one of `names` (local names of a comprehension)."""
    kept: List[m.Op] = []
    for op in ops:
        if type(op) is m.If:
            op = m.If(op.test, tuple(_without_names(list(op.body), names)), tuple(_without_names(list(op.orelse), names)),
                      op.line)
        elif getattr(op, "name", None) in names and type(op) in (m.Access, m.Call, m.SetAttr, m.BindResult,
                                                                                    m.BindValue):
            continue
        kept.append(op)
    return kept


def _path_listing(node: ast.Call) -> Optional[Tuple[str, ...]]:
    """The folder below the running module's own that `Path(__file__).parent.glob("*.py")` (or
    `.iterdir()`, of `Path(__file__).resolve().parent / "tasks"`, ...) lists; None for anything else."""
    func = node.func
    if type(func) is not ast.Attribute or node.keywords or not (
            (func.attr == "iterdir" and not node.args) or (func.attr == "glob" and len(node.args) == 1 and type(
                node.args[0]) is ast.Constant and node.args[0].value in ("*.py", "*"))):
        return None
    return _own_path(func.value)


def _own_path(node: ast.AST) -> Optional[Tuple[str, ...]]:
    """For a pathlib path below the running module's folder (`Path(__file__).parent`, `.resolve()` first,
    `/ "tasks"` or `.joinpath("tasks")` after): that folder's parts; None for anything else."""
    kind = type(node)
    if kind is ast.BinOp and type(node.op) is ast.Div and type(node.right) is ast.Constant and type(  # type: ignore
            node.right.value) is str and node.right.value.isidentifier():  # type: ignore[attr-defined]
        base = _own_path(node.left)  # type: ignore[attr-defined]
        return None if base is None else base + (node.right.value,)  # type: ignore[attr-defined]
    if kind is ast.Attribute and node.attr == "parent" and _file_path(node.value):  # type: ignore[attr-defined]
        return ()
    if (kind is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "joinpath"  # type: ignore
            and len(node.args) == 1 and type(node.args[0]) is ast.Constant  # type: ignore[attr-defined]
            and type(node.args[0].value) is str and node.args[0].value.isidentifier()):  # type: ignore[attr-defined]
        base = _own_path(node.func.value)  # type: ignore[attr-defined]
        return None if base is None else base + (node.args[0].value,)  # type: ignore[attr-defined]
    return None


def _file_path(node: ast.AST) -> bool:
    """`Path(__file__)` (pathlib's), also `.resolve()` or `.absolute()` of it."""
    if type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr in ("resolve", "absolute"):
        return _file_path(node.func.value)
    return (type(node) is ast.Call and _last_name(_chain(node.func) or ("", ())) == "Path" and len(node.args) == 1
            and type(node.args[0]) is ast.Name and node.args[0].id == "__file__")


def _own_folder(node: ast.AST) -> Optional[Tuple[str, ...]]:
    """The folder a path names below the running module's own (`os.path.dirname(__file__)`, also of
    `os.path.abspath(__file__)`: (); `os.path.join(that, "tasks")`: ("tasks",)); None for another."""
    if type(node) is not ast.Call or node.keywords:
        return None
    chain = _chain(node.func)
    if chain == ("os", ("path", "dirname")) and len(node.args) == 1:
        inner = node.args[0]
        if type(inner) is ast.Call and _chain(inner.func) in (("os", ("path", "abspath")), ("os", ("path", "realpath"))) \
                and len(inner.args) == 1:
            inner = inner.args[0]
        return () if type(inner) is ast.Name and inner.id == "__file__" else None
    if chain == ("os", ("path", "join")) and node.args:
        base = _own_folder(node.args[0])
        rest = node.args[1:]
        if base is None or not all(type(a) is ast.Constant and type(a.value) is str and a.value.isidentifier()
                                   for a in rest):
            return None
        return base + tuple(a.value for a in rest)  # type: ignore[attr-defined]
    return None


def _path_of(node: ast.AST, file: str) -> Optional[str]:
    """The folder or file a path expression names, for the module at `file` (an absolute path):
    `__file__`, `os.path.dirname/abspath/realpath/normpath(...)`, `os.path.join(..., "literal")`, `str(...)`,
    pathlib's `Path(...)`, `.parent`, `.resolve()`, `.absolute()` and `/ "literal"`; None for another."""
    kind = type(node)
    if kind is ast.Name and node.id == "__file__":  # type: ignore[attr-defined]
        return file
    if kind is ast.Attribute and node.attr == "parent":  # type: ignore[attr-defined]
        inner = _path_of(node.value, file)  # type: ignore[attr-defined]
        return os.path.dirname(inner) if inner else None
    if kind is ast.BinOp and type(node.op) is ast.Div and type(node.right) is ast.Constant \
            and type(node.right.value) is str:  # type: ignore[attr-defined]
        inner = _path_of(node.left, file)  # type: ignore[attr-defined]
        return os.path.normpath(os.path.join(inner, node.right.value)) if inner else None  # type: ignore
    if kind is not ast.Call or node.keywords:  # type: ignore[attr-defined]
        return None
    args = node.args  # type: ignore[attr-defined]
    if type(node.func) is ast.Attribute and node.func.attr in ("resolve", "absolute") and not args:  # type: ignore
        return _path_of(node.func.value, file)  # type: ignore[attr-defined]
    chain = _chain(node.func)  # type: ignore[attr-defined]
    if chain is None or not args:
        return None
    inner = _path_of(args[0], file)
    if inner is None:
        return None
    if chain == ("os", ("path", "dirname")) and len(args) == 1:
        return os.path.dirname(inner)
    if chain in (("os", ("path", "abspath")), ("os", ("path", "realpath")), ("os", ("path", "normpath")),
                 ("str", ())) or (_last_name(chain) == "Path" and len(args) == 1):
        return inner if len(args) == 1 else None
    if chain == ("os", ("path", "join")) and all(type(a) is ast.Constant and type(a.value) is str for a in args[1:]):
        return os.path.normpath(os.path.join(inner, *(a.value for a in args[1:])))  # type: ignore[attr-defined]
    return None


def _walk_filter(loop: ast.For) -> Tuple[Optional[Tuple[str, ...]], Tuple[str, ...]]:
    """The names a package walk's loop imports only (None: any) and the ones it skips, from a test of
    the module's name at the top of its body: `if info.name != "tasks": import_module(...)`, or
    `if name in ("tasks", "tests"): continue` before it."""
    only: Optional[Tuple[str, ...]] = None
    exclude: Tuple[str, ...] = ()
    for statement in loop.body:
        if not isinstance(statement, ast.If):
            continue
        skips = len(statement.body) == 1 and isinstance(statement.body[0], ast.Continue)
        imports = any(isinstance(n, ast.Call) and _call_name(n) in DYNAMIC_IMPORTERS
                      for part in statement.body for n in ast.walk(part))
        if not (skips or imports):
            continue
        # an import under `a and b` needs each of them (a skip under `a or b`, either): the tests of the
        # name among them narrow what is imported; any other (`not info.name.startswith("_")`) is left out
        test = statement.test
        joined = ast.And if imports else ast.Or
        parts = test.values if isinstance(test, ast.BoolOp) and isinstance(test.op, joined) else [test]
        for part in parts:
            compared = _compared_strings(part, attribute="name")
            if compared is None:
                continue
            _, values, positive = compared
            if positive == imports:  # `== "x": import`, `!= "x": continue`: only those
                only = tuple(values) if only is None else tuple(v for v in only if v in values)
            else:
                exclude += tuple(values)
    return only, exclude


def _compared_strings(test: ast.expr, attribute: str = "", either_side: bool = False, platform: bool = False
                      ) -> Optional[Tuple[str, List[str], bool]]:
    """`name == "x"`, `name != "x"`, `name in ("x", "y")` (a tuple, list or set), `name not in (...)`:
    (name, the strings, whether the test holds when the name is one of them); None for any other test.
    `attribute`: `info.name == "x"` gives `info`; `either_side`: `"x" == name` too; `platform`: the
    name is `sys.platform` or `os.name` (on either side of == or !=) instead."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return None
    op, left, right = test.ops[0], test.left, test.comparators[0]
    if either_side and isinstance(op, ast.Eq) and isinstance(right, ast.Name):
        left, right = right, left
    if platform and isinstance(op, (ast.Eq, ast.NotEq)) and isinstance(left, ast.Constant):
        left, right = right, left
    if attribute and isinstance(left, ast.Attribute) and left.attr == attribute:
        left = left.value  # (`info.name == "x"`: the test of a loop over pkgutil's module infos)
    if platform:
        if _platform_value(left) is None:
            return None
    elif not isinstance(left, ast.Name):
        return None
    if isinstance(op, (ast.Eq, ast.NotEq)) and isinstance(right, ast.Constant) and isinstance(right.value, str):
        values = [right.value]
    elif isinstance(op, (ast.In, ast.NotIn)) and _literal_strings(right) is not None:
        values = list(_literal_strings(right))
    else:
        return None
    if any("\0" in value for value in values):
        return None  # (no name has one; an `if` test's encoding joins its parts with it)
    return getattr(left, "id", ""), values, isinstance(op, (ast.Eq, ast.In))


def _answered_names(function: ast.FunctionDef) -> Optional[Tuple[str, ...]]:
    """The names a module's `__getattr__(name)` answers when its body is made of `if name == "x":` (or
    `name in ("x", "y")`) blocks, with their `elif`s, then `raise AttributeError(...)`: every other name
    raises AttributeError, as if the module had no `__getattr__`. None for any other body."""
    args = function.args
    if len(args.posonlyargs + args.args) != 1 or isinstance(function, ast.AsyncFunctionDef):
        return None
    param = (args.posonlyargs + args.args)[0].arg
    body = list(function.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # (a docstring)
    if not body or not isinstance(body[-1], ast.Raise) or body[-1].exc is None:
        return None
    raised = body[-1].exc.func if isinstance(body[-1].exc, ast.Call) else body[-1].exc
    if _chain(raised) != ("AttributeError", ()):
        return None
    names: List[str] = []
    pending = body[:-1]
    while pending:
        statement = pending.pop(0)
        if not isinstance(statement, ast.If):
            return None
        compared = _compared_strings(statement.test, either_side=True)
        if compared is None or compared[0] != param or not compared[2]:
            return None  # (not `name == "x"` or `name in (...)`)
        names.extend(compared[1])
        pending[:0] = statement.orelse  # (an `elif` is an `if` in the `else:`)
    return tuple(sorted(set(names)))


# calls that can bind a module's names without naming them
_NAMESPACE_WRITERS = frozenset({"globals", "vars", "locals", "exec", "eval", "setattr"})
# what only reads the mapping `globals()` returns, given it or called on it
_NAMESPACE_READERS = frozenset({"list", "sorted", "set", "tuple", "len", "dict", "iter"})
_MAPPING_READERS = frozenset({"get", "keys", "items", "values", "copy"})


MAX_LISTED = 64  # the strings of a list argument followed (as the simulation follows a list's elements)


# Flask's classes that find their root path from their import_name (by its position) when not given one
_ROOTED = {"flask.Blueprint": 1, "flask.blueprints.Blueprint": 1, "flask.Flask": 0, "flask.app.Flask": 0}
_ROOTED_NAMES = {path.rpartition(".")[2]: position for path, position in _ROOTED.items()}


def _literal_dict(node: ast.Dict) -> Dict[str, ast.expr]:
    """The entries of a dict display under string keys (the last one of a repeated key, as Python keeps)."""
    return {key.value: value for key, value in zip(node.keys, node.values)
            if type(key) is ast.Constant and type(key.value) is str}


def _string_list(node: Optional[ast.AST]) -> Optional[Tuple[str, ...]]:
    """The strings of a literal list or tuple of up to MAX_LISTED strings (a loop takes them in order)."""
    if type(node) in (ast.List, ast.Tuple) and 0 < len(node.elts) <= MAX_LISTED:  # type: ignore[union-attr]
        return _literal_strings(node)  # type: ignore[arg-type]
    return None


def _unchanged_lists(tree: ast.Module, candidates: Dict[str, tuple]) -> Dict[str, Tuple[str, ...]]:
    """The module-level names bound once, at the top level, to a literal list or tuple of strings (see
    _constant_candidates) that nothing in the module changes (see _never_changed)."""
    lists = {name: strings for name, (values, _, _) in candidates.items()
             for strings in [_string_list(values)] if strings is not None}
    kept = _never_changed(tree, set(lists)) if lists else set()
    return {name: strings for name, strings in lists.items() if name in kept}


def _never_changed(tree: ast.Module, names: Set[str], allowed: Optional[Set[int]] = None) -> Set[str]:
    """Those of `names` the module binds exactly once and never changes otherwise: never declares global
    or nonlocal, never an attribute's owner (`NAMES.append`), a subscript's target or an augmented
    assignment's. `allowed`: the ids of the attribute nodes (and the names in them) that may change
    them all the same (see _appended_lists); given, a name read anywhere but there or as what a loop
    iterates spoils it too (handed on, it could be changed)."""
    names = set(names)
    strict = allowed is not None
    allowed = set(allowed or ())
    bindings: Dict[str, int] = {}
    for node in ast.walk(tree):  # (parents before children)
        kind = type(node)
        if strict and kind in (ast.For, ast.AsyncFor, ast.comprehension):
            allowed.add(id(node.iter))  # type: ignore[attr-defined]
        elif kind is ast.Name and node.id in names:  # type: ignore[attr-defined]
            if type(node.ctx) is not ast.Load:  # type: ignore[attr-defined]
                bindings[node.id] = bindings.get(node.id, 0) + 1  # type: ignore[attr-defined]
            elif strict and id(node) not in allowed:
                names.discard(node.id)  # type: ignore[attr-defined]
        elif kind is ast.Attribute and type(node.value) is ast.Name and id(node) not in allowed:  # type: ignore
            names.discard(node.value.id)  # type: ignore[attr-defined]
        elif kind is ast.Subscript and type(node.ctx) is not ast.Load and type(node.value) is ast.Name:  # type: ignore
            names.discard(node.value.id)  # type: ignore[attr-defined]
        elif kind in (ast.Global, ast.Nonlocal):
            names.difference_update(node.names)  # type: ignore[attr-defined]
        elif kind is ast.AugAssign and type(node.target) is ast.Name:  # type: ignore[attr-defined]
            names.discard(node.target.id)  # type: ignore[attr-defined]
    return {name for name in names if bindings.get(name) == 1}


def _name_tuples(tree: ast.Module, only: Optional[str] = None) -> Dict[str, ast.expr]:
    """The module-level names bound once, at the top level, to a literal tuple or list of a few names or
    attribute chains (`INSTALLED_MODULES = (accounts, billing)`) that nothing changes (see _never_changed).
    Each with its literal. `only`: that name, if it is one."""
    found: Dict[str, ast.expr] = {}
    for node in tree.body:
        if (type(node) is ast.Assign and len(node.targets) == 1 and type(node.targets[0]) is ast.Name
                and (only is None or node.targets[0].id == only)
                and type(node.value) in (ast.Tuple, ast.List) and 0 < len(node.value.elts) <= MAX_UNROLLED  # type: ignore
                and all(_chain(element) is not None for element in node.value.elts)):  # type: ignore[attr-defined]
            found[node.targets[0].id] = node.value  # type: ignore[attr-defined]
    kept = _never_changed(tree, set(found)) if found else set()
    return {name: literal for name, literal in found.items() if name in kept}


def _appended_lists(tree: ast.Module, candidates: Dict[str, tuple]) -> Set[str]:
    """The module-level names bound once, at the top level, to a literal list of strings (or `[]`) that
    the module changes only by appending a literal string to them in statements at its top level (in an
    `if` there too), `ROUTE_MODULES = ["health"]` then `ROUTE_MODULES.append("auth")`, and otherwise only
    loops over."""
    lists = {name for name, (values, _, _) in candidates.items()
             if type(values) is ast.List and (not values.elts or _string_list(values) is not None)}
    if not lists:
        return set()
    allowed: Set[int] = set()
    appended: Set[str] = set()
    pending = list(tree.body)
    while pending:  # (the top-level statements, and those of their `if`, `with` and `try` blocks)
        statement = pending.pop()
        if type(statement) is ast.Expr:
            call = statement.value  # type: ignore[attr-defined]
            if (type(call) is ast.Call and type(call.func) is ast.Attribute and call.func.attr == "append"
                    and type(call.func.value) is ast.Name and call.func.value.id in lists and not call.keywords
                    and len(call.args) == 1 and _literal_str(call.args[0]) is not None):
                allowed.update((id(call.func), id(call.func.value)))
                appended.add(call.func.value.id)
        elif type(statement) in (ast.If, ast.With, ast.Try):
            for block in ("body", "orelse", "finalbody"):
                pending.extend(getattr(statement, block, ()))
            for handler in getattr(statement, "handlers", ()):
                pending.extend(handler.body)
    return _never_changed(tree, lists & appended, allowed) if appended else set()


def _environment_parts(node: ast.AST) -> Optional[List[str]]:
    """The parts of `os.environ.get("X", "a,b").split(",")` (or `.split()`) in a fresh interpreter, where X
    is unset: the default split, empty parts included; None for anything else."""
    if not (type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "split"  # type: ignore
            and not node.keywords and len(node.args) <= 1):  # type: ignore[attr-defined]
        return None
    default = _environment_value(node.func.value)  # type: ignore[attr-defined]
    separator = node.args[0] if node.args else None  # type: ignore[attr-defined]
    if not isinstance(default, str) or not (separator is None or (
            type(separator) is ast.Constant and type(separator.value) is str and separator.value)):
        return None
    return default.split(separator.value if separator is not None else None)  # type: ignore[attr-defined]


def _environment_list(node: ast.AST) -> Optional[List[str]]:
    """The strings of `os.environ.get("X", "a,b").split(",")` (see _environment_parts); None for anything
    else, or when a part is empty."""
    parts = _environment_parts(node)
    return parts if parts and all(parts) else None


def _base_chain(cls: str, bases: Dict[str, Optional[str]]) -> List[str]:
    """The classes of the module `cls` derives from through one base each (see _inherited_lists)."""
    found: List[str] = []
    base = bases.get(cls)
    while base is not None and base in bases and base not in found and base != cls:
        found.append(base)
        base = bases[base]
    return found


def _class_body_names(node: ast.ClassDef) -> Set[str]:
    """The names a class body binds as attributes: its own statements' targets, definitions and imports
    (a method's locals are not), and any name stored in a compound statement there."""
    names: Set[str] = set()
    for child in node.body:
        kind = type(child)
        if kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
            names.add(child.name)  # type: ignore[attr-defined]
            continue
        pending: List[ast.AST] = [child]
        while pending:
            sub = pending.pop()
            if type(sub) is ast.Name and type(sub.ctx) is not ast.Load:  # type: ignore[attr-defined]
                names.add(sub.id)  # type: ignore[attr-defined]
                continue
            names.update(_bound_names(sub))
            if type(sub) not in (ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
                pending.extend(ast.iter_child_nodes(sub))  # (nothing inside those binds a class attribute)
    return names


def _comprehended_list(node: ast.AST) -> Optional[List[str]]:
    """The strings of `[p.strip() for p in os.environ.get("X", "a,b").split(",") if p.strip()]`, over the parts
    of an environment variable's default (unset, as in a fresh interpreter) or a literal list of strings: its
    element the variable or string methods of it (see _ENVIRONMENT_METHODS), its filters their truth;
    None for any other expression."""
    if type(node) is not ast.ListComp or len(node.generators) != 1:
        return None
    loop = node.generators[0]
    if type(loop.target) is not ast.Name or loop.is_async:
        return None
    source = _environment_parts(loop.iter)
    if source is None:
        literal = _literal_strings(loop.iter)
        source = list(literal) if literal is not None else None
    if source is None:
        return None
    name = loop.target.id

    def value_of(expr: ast.AST, item: str) -> Optional[str]:
        if type(expr) is ast.Name and expr.id == name:
            return item
        if (type(expr) is ast.Call and type(expr.func) is ast.Attribute and not expr.args and not expr.keywords
                and expr.func.attr in _ENVIRONMENT_METHODS):
            inner = value_of(expr.func.value, item)
            return None if inner is None else apply_string_methods(inner, expr.func.attr)
        return None

    made = []
    for item in source:
        truths = [value_of(test, item) for test in loop.ifs]
        element = value_of(node.elt, item)
        if element is None or None in truths:
            return None
        if all(truths):
            made.append(element)
    return made


def _in_top_if(tree: ast.Module, name: str) -> bool:
    """Whether a top-level `if` of the module names `name` in one of its branches."""
    return any(type(node) is ast.If and any(type(inner) is ast.Name and inner.id == name
                                            for branch in (node.body, node.orelse) for statement in branch
                                            for inner in ast.walk(statement)) for node in tree.body)


def _untaken(tree: ast.Module) -> Set[int]:
    """The nodes of the top-level `if` branches a fresh interpreter never runs, its test decided here
    (`if os.environ.get("X"):` where X is unset): what they would do to a module-level list never happens."""
    skipped: Set[int] = set()
    for statement in tree.body:
        if type(statement) is not ast.If:
            continue
        truth = _static_truth(statement.test)  # (environment tests too, see _environment_test)
        if truth is None:
            continue
        for branch in (statement.orelse if truth else statement.body):
            skipped.update(id(node) for node in ast.walk(branch))
    return skipped


class _Unknown(Exception):
    """A helper's value depends on something _helper_value does not follow."""


_HELPER_STATEMENTS = 12  # statements a helper may run (no loops: a short, straight function)


class _Helpers:
    """What a settings assignment that calls one of the module's functions gets, `USE_CELERY =
    env_bool("USE_CELERY", False)` (see _helper_value), for a function that reads the environment
    (`os.environ.get`, `os.getenv`): the module is walked, to make sure nothing binds that name again,
    only when such a call is met."""

    def __init__(self, tree: ast.Module):
        self.tree = tree
        self.functions: Optional[Dict[str, ast.FunctionDef]] = None
        self.runnable: Optional[Dict[str, ast.FunctionDef]] = None  # see _module_helpers

    def value(self, node: ast.AST) -> object:
        """The value of the call `node` (_UNSET when it is not such a call, or not known)."""
        if not (type(node) is ast.Call and type(node.func) is ast.Name):  # type: ignore[attr-defined]
            return _UNSET
        if self.functions is None:
            self.functions = {n.name: n for n in self.tree.body if type(n) is ast.FunctionDef}
        function = self.functions.get(node.func.id)  # type: ignore[attr-defined]
        if function is None or not _reads_environment(function):
            return _UNSET
        if self.runnable is None:
            self.runnable = _module_helpers(self.tree)
        return _helper_value(node, self.runnable)


def _module_helpers(tree: ast.Module) -> Dict[str, ast.FunctionDef]:
    """The module's top-level plain functions (no decorator), each defined once and its name never bound
    otherwise: what _helper_value may run."""
    defined: Dict[str, Optional[ast.FunctionDef]] = {}
    for node in tree.body:
        if type(node) is ast.FunctionDef:
            defined[node.name] = None if node.name in defined or node.decorator_list else node
        elif type(node) in (ast.AsyncFunctionDef, ast.ClassDef):
            defined[node.name] = None
    helpers = {name: node for name, node in defined.items() if node is not None}
    if helpers:
        for node in ast.walk(tree):
            if type(node) is ast.Name and type(node.ctx) is not ast.Load:  # type: ignore[attr-defined]
                helpers.pop(node.id, None)  # type: ignore[attr-defined]
            elif type(node) in (ast.Import, ast.ImportFrom):
                for alias in node.names:  # type: ignore[attr-defined]
                    helpers.pop((alias.asname or alias.name).partition(".")[0], None)
    return helpers


def _helper_value(node: ast.AST, helpers: Dict[str, ast.FunctionDef]) -> object:
    """The value of `env_bool("USE_CELERY", False)`, a call of one of the module's helpers (see
    _module_helpers) with literal arguments, in a fresh interpreter: the helper's few statements run with
    the environment as _environment_value reads it (`value = os.environ.get(name)`, `if value is None:
    return default`, `return value.lower() in ("1", "true")`); _UNSET when it does anything else."""
    if not (type(node) is ast.Call and type(node.func) is ast.Name and node.func.id in helpers):  # type: ignore
        return _UNSET
    function = helpers[node.func.id]  # type: ignore[attr-defined]
    arguments = function.args
    if arguments.posonlyargs or arguments.vararg or arguments.kwonlyargs or arguments.kwarg:
        return _UNSET
    try:
        given = [_helper_expr(arg, {}) for arg in node.args]  # type: ignore[attr-defined]
        named = {k.arg: _helper_expr(k.value, {}) for k in node.keywords}  # type: ignore[attr-defined]
        params = [arg.arg for arg in arguments.args]
        if len(given) > len(params) or None in named or any(name not in params for name in named):
            return _UNSET
        local = dict(zip(params, given))
        defaults = dict(zip(params[len(params) - len(arguments.defaults):], arguments.defaults))
        for name in params[len(given):]:
            if name in named:
                local[name] = named[name]
            elif name in defaults:
                local[name] = _helper_expr(defaults[name], {})
            else:
                return _UNSET
        value = _helper_body(function.body, local, [_HELPER_STATEMENTS])
        return None if value is _NO_RETURN else value
    except _Unknown:
        return _UNSET


_NO_RETURN = object()  # (a block that ran to its end)


def _helper_body(body: Sequence[ast.stmt], local: Dict[str, object], budget: List[int]) -> object:
    for statement in body:
        budget[0] -= 1
        if budget[0] < 0:
            raise _Unknown()
        kind = type(statement)
        if kind is ast.Return:
            return None if statement.value is None else _helper_expr(statement.value, local)  # type: ignore
        if kind is ast.Assign and len(statement.targets) == 1 and type(statement.targets[0]) is ast.Name:  # type: ignore
            local[statement.targets[0].id] = _helper_expr(statement.value, local)  # type: ignore[attr-defined]
        elif kind is ast.If:
            branch = statement.body if _helper_expr(statement.test, local) else statement.orelse  # type: ignore
            value = _helper_body(branch, local, budget)
            if value is not _NO_RETURN:
                return value
        elif not (kind is ast.Expr and type(statement.value) is ast.Constant) and kind is not ast.Pass:  # type: ignore
            raise _Unknown()
    return _NO_RETURN


_HELPER_METHODS = {"lower": str.lower, "upper": str.upper, "strip": str.strip, "casefold": str.casefold}
_HELPER_BUILTINS = {"str": str, "bool": bool}


def _helper_expr(node: ast.AST, local: Dict[str, object]) -> object:
    kind = type(node)
    if kind is ast.Constant:
        return node.value  # type: ignore[attr-defined]
    if kind is ast.Name:
        if node.id not in local:  # type: ignore[attr-defined]
            raise _Unknown()
        return local[node.id]  # type: ignore[attr-defined]
    if kind in (ast.Tuple, ast.List, ast.Set):
        return tuple(_helper_expr(element, local) for element in node.elts)  # type: ignore[attr-defined]
    if kind is ast.UnaryOp and type(node.op) is ast.Not:  # type: ignore[attr-defined]
        return not _helper_expr(node.operand, local)  # type: ignore[attr-defined]
    if kind is ast.BoolOp:
        value: object = None
        for part in node.values:  # type: ignore[attr-defined]
            value = _helper_expr(part, local)
            if bool(value) == (type(node.op) is ast.Or):  # type: ignore[attr-defined]
                return value
        return value
    if kind is ast.IfExp:
        return _helper_expr(node.body if _helper_expr(node.test, local) else node.orelse, local)  # type: ignore
    if kind is ast.Compare and len(node.ops) == 1:  # type: ignore[attr-defined]
        left, right = _helper_expr(node.left, local), _helper_expr(node.comparators[0], local)  # type: ignore
        op = type(node.ops[0])  # type: ignore[attr-defined]
        if op in (ast.In, ast.NotIn) and type(right) is tuple and all(type(x) is str for x in right) \
                or op in (ast.In, ast.NotIn) and type(right) is str and type(left) is str:
            return (left in right) == (op is ast.In)  # type: ignore[operator]
        if op in (ast.Is, ast.IsNot) and (left is None or right is None or type(left) is bool or type(right) is bool):
            return (left is right) == (op is ast.Is)
        if op in (ast.Eq, ast.NotEq) and type(left) in (str, bool, int, type(None)) and type(right) in (
                str, bool, int, type(None)):
            return (left == right) == (op is ast.Eq)
        raise _Unknown()
    if kind is ast.Call and not node.keywords:  # type: ignore[attr-defined]
        func = node.func  # type: ignore[attr-defined]
        args = [_helper_expr(arg, local) for arg in node.args]  # type: ignore[attr-defined]
        if _chain(func) in _ENVIRONMENT_READERS and 1 <= len(args) <= 2 and type(args[0]) is str:
            value = _environment_value(ast.Call(func, [ast.Constant(args[0])], []))  # (None: unset)
            if value is _UNSET:
                raise _Unknown()
            return args[1] if value is None and len(args) == 2 else value
        if type(func) is ast.Attribute and func.attr in _HELPER_METHODS and not args:
            owner = _helper_expr(func.value, local)
            if type(owner) is str:
                return _HELPER_METHODS[func.attr](owner)
        if type(func) is ast.Name and func.id in _HELPER_BUILTINS and func.id not in local and len(args) == 1 \
                and type(args[0]) in (str, bool, int, type(None)):
            return _HELPER_BUILTINS[func.id](args[0])
    raise _Unknown()


def _constant_candidates(tree: ast.Module) -> Dict[str, tuple]:
    """The module-level names that _module_constants may find constant: name -> (the literal collection
    (see _is_literal_collection) or None, the truth or None, the target node), from one look at the
    top-level statements."""
    candidates = {}
    helpers = _Helpers(tree)
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                and not node.targets[0].id.startswith("__")):
            values = node.value if _is_literal_collection(node.value) else None
            default = _environment_value(node.value)
            if isinstance(default, str):  # `MODE = os.environ.get("MODE", "dev")`: the string "dev"
                values = ast.Constant(default)
            listed = _environment_list(node.value)
            if listed is None:  # `[p.strip() for p in os.environ.get("PLUGINS", "stats").split(",") if p.strip()]`
                listed = _comprehended_list(node.value)
            if listed is not None:  # `RUNNERS = os.environ.get("RUNNERS", "a.pg,a.mysql").split(",")`
                values = ast.List([ast.Constant(part) for part in listed], ast.Load())
            truth = _static_truth(node.value) if not _is_type_checking(node.value) else None
            value = helpers.value(node.value) if truth is None else _UNSET  # `USE_CELERY = env_bool("USE_CELERY")`
            if value is not _UNSET:
                truth = bool(value)
                values = ast.Constant(value) if isinstance(value, str) and values is None else values
            if values is not None or truth is not None:
                candidates[node.targets[0].id] = (values, truth, node.targets[0])
    return candidates


def _table_imports(ops: List[m.Op]) -> Optional[Tuple[str, Tuple[str, ...]]]:
    """(the variable, its keys) when `ops` end with the imports table_lookup makes of `import_module(TABLE[name])`:
    an `if name == key:` around the import of each entry's module; else None."""
    keys: List[str] = []
    variable = None
    for op in reversed(ops):
        if not (type(op) is m.If and op.test.startswith("is\0") and not op.orelse and len(op.body) == 1
                and type(op.body[0]) is m.DynamicImport and not op.body[0].object_path):
            break
        parts = op.test.split("\0")
        if len(parts) != 3 or (variable is not None and parts[1] != variable):
            return None
        variable = parts[1]
        keys.insert(0, parts[2])
    return (variable, tuple(keys)) if variable is not None else None


def _getattr_caches(tree: ast.Module) -> Set[int]:
    """The `globals()` calls of `globals()[name] = value` in a module-level `def __getattr__(name)`, the
    usual cache of a lazy attribute: Python calls it only for a name the module does not have, so that
    write binds no name the module's code reads as its own (not a writer of the namespace)."""
    found: Set[int] = set()
    for function in tree.body:
        if type(function) is not ast.FunctionDef or function.name != "__getattr__" or len(function.args.args) != 1:
            continue
        parameter = function.args.args[0].arg
        for node in ast.walk(function):
            if type(node) is ast.Assign and len(node.targets) == 1 and type(node.targets[0]) is ast.Subscript:
                target = node.targets[0]
                if (type(target.value) is ast.Call and _call_name(target.value) == "globals"  # type: ignore[arg-type]
                        and not target.value.args and type(target.slice) is ast.Name and target.slice.id == parameter):
                    found.add(id(target.value))
    return found


def _module_constants(tree: ast.Module, candidates: Dict[str, tuple]
                      ) -> Tuple[Dict[str, Tuple[str, ...]], Dict[str, bool], int]:
    """Module-level names bound once, at the top level, and never bound again anywhere in the module:
    to a literal collection of strings, and only ever read as what a `for` loop iterates over
    (`BLUEPRINTS = ["app.auth", ...]` ... `for name in BLUEPRINTS: import_module(name)`, or over
    `MODULES.items()` of a literal dict: nothing can change or hand the collection on); or to a value decided here, such as a constant or a version test
    (`PY2 = sys.version_info[0] == 2`), with its truth. `candidates`: from _constant_candidates. Third, the
    line from which they may no longer hold, 0 for never: that of the first top-level statement that writes
    the namespace (`for name in dir(env): globals()[name] = ...` in a settings package), those before it
    being the module's own code that runs first; a function that writes it makes none constant."""
    flags = {name: truth for name, (_, truth, _) in candidates.items() if truth is not None}
    iterated = set()  # (ast.walk yields a loop before its children: its iterable is noted before it is met)
    spoiled = set()
    # `STATICA_HACK = True` then `globals()["kcah_acitats"[::-1].upper()] = False` (airflow, celery): the
    # flag is the value of that second binding, a statement of the module's own body, for every read after it
    rebound: Dict[str, Tuple[bool, int]] = {}
    keyed = set()  # the `globals()` calls of such statements (no other use of the namespace)
    for node in tree.body:
        key = _globals_key(node.targets[0]) if isinstance(node, ast.Assign) and len(node.targets) == 1 else None
        if key is not None and key in flags and isinstance(node.value, ast.Constant) and key not in rebound:
            rebound[key] = (bool(node.value.value), node.lineno)
            keyed.add(id(node.targets[0].value))  # type: ignore[attr-defined]
    keyed.update(_getattr_caches(tree))
    read_before = set()
    looked_up = set()  # (`TABLE[key]`, `key in TABLE`: reads that cannot change the collection)
    writes_from = 0
    reading = set()  # the `globals()` calls only read (`list(globals())`, `"x" in globals()`): no writer
    for node in ast.walk(tree):
        kind = type(node)
        if kind is ast.Call and type(node.func) is ast.Name and node.func.id in _NAMESPACE_READERS and node.args:
            reading.add(id(node.args[0]))
            looked_up.update(id(arg) for arg in node.args)  # (`sorted(_EXPORTS)` copies, changes nothing)
        elif kind is ast.Attribute and node.attr in _MAPPING_READERS:
            reading.add(id(node.value))
        if kind is ast.Subscript and type(node.ctx) is ast.Load:
            looked_up.add(id(node.value))
        elif kind is ast.Compare and len(node.ops) == 1 and type(node.ops[0]) in (ast.In, ast.NotIn):
            looked_up.add(id(node.comparators[0]))
            reading.add(id(node.comparators[0]))
        if kind is ast.For or kind is ast.AsyncFor or kind is ast.comprehension:
            iterated.add(id(node.iter))
            iterated.add(id(_copied(node.iter)))  # (`for cb in list(PENDING):`)
            mapped = _mapped_names(node.iter)  # (`for m in map(import_module, NAMES):`, see _mapped_imports)
            if mapped is not None:
                iterated.add(id(mapped))
            view = _dict_view(node.iter)
            if view is not None:
                iterated.add(id(view[0]))
        elif kind is ast.Call and _call_name(node) in _NAMESPACE_WRITERS and id(node) not in keyed and not (
                id(node) in reading and _call_name(node) == "globals" and not node.args):
            line = _top_level_line(tree, node)  # (`globals()[name] = False`: any name could be bound again)
            if line is None:
                return {}, {}, 0
            writes_from = line if not writes_from else min(writes_from, line)
        elif kind is ast.Call and len(node.args) == 1 and type(node.func) is ast.Name and node.func.id in _COPIERS:
            mapped = _mapped_names(node.args[0])  # (`list(map(import_module, NAMES))`: see call())
            if mapped is not None:
                iterated.add(id(mapped))
        elif kind is ast.Call and _call_name(node) in _LIST_READERS or kind is ast.keyword and node.arg in (
                "include", "imports"):
            # Celery only reads the list it is given (`autodiscover_tasks(TASK_PACKAGES)`, `include=MODULES`)
            iterated.add(id(node.args[0]) if kind is ast.Call and node.args else id(getattr(node, "value", node)))
        if kind is ast.Name:
            if node.id in candidates:
                if type(node.ctx) is not ast.Load:
                    if node is not candidates[node.id][2]:
                        spoiled.add(node.id)
                elif id(node) not in iterated and id(node) not in looked_up and node.id not in flags:
                    spoiled.add(node.id)  # (a list handed on could be changed; a flag's value cannot)
                elif node.id in rebound and node.lineno <= rebound[node.id][1]:
                    read_before.add(node.id)
        else:
            spoiled.update(_bound_names(node))
    lists = {name: values for name, (values, _, _) in candidates.items()
             if values is not None and name not in spoiled and name not in rebound}
    flags.update((name, truth) for name, (truth, _) in rebound.items())
    return lists, {name: truth for name, truth in flags.items() if name not in spoiled and name not in read_before}, \
        writes_from


def _top_level_line(tree: ast.Module, node: ast.AST) -> Optional[int]:
    """The line of the top-level statement that runs `node` as the module runs; None when `node` is in a
    function or a class body (which may run at any time), or in a statement that defines one."""
    for statement in tree.body:
        if statement.lineno <= node.lineno <= (statement.end_lineno or statement.lineno):  # type: ignore[attr-defined]
            if any(type(inner) in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
                   for inner in ast.walk(statement)):
                return None
            return statement.lineno
    return None


def _class_settings(tree: ast.Module, text: str) -> Tuple[Tuple[str, object], ...]:
    """The upper-case attributes of the module's top-level classes bound in their bodies to a constant, as
    `Class.NAME` -> the constant's truth (a string: the string), with those a class inherits from a base
    class of the module (one base): what Flask's `config.from_object(Class)` copies into a config (see
    _Extractor.config_test). Only names the text never assigns as an attribute (`Config.DEBUG = True`),
    and none in a module that writes namespaces (`setattr`, ...)."""
    if "class" not in text or _WRITERS_TEXT.search(text):
        return ()
    classes: Dict[str, Dict[str, object]] = {}
    helpers = _Helpers(tree)
    imported = _imported_names(tree)
    closed: Set[str] = set()  # the classes whose every upper-case attribute is among theirs (see below)
    bound: Set[str] = set()  # the attributes bound so
    for node in tree.body:
        if not isinstance(node, ast.ClassDef) or node.decorator_list or node.keywords:
            continue
        bases = [_chain(base) for base in node.bases]
        if any(chain is None for chain in bases) or len(bases) > 1:
            continue
        base = bases[0] if bases else ("object", ())
        if base != ("object", ()) and (base[1] or base[0] not in classes):
            continue  # (a base of another module: what it binds is not known here)
        own: Dict[str, object] = dict(classes.get(base[0], {}))
        shut = base == ("object", ()) or base[0] in closed
        for statement in node.body:
            if not (type(statement) is ast.Assign and all(type(t) is ast.Name for t in statement.targets)
                    or type(statement) in (ast.FunctionDef, ast.AsyncFunctionDef) and not statement.name.isupper()
                    or type(statement) is ast.Pass
                    or type(statement) is ast.Expr and type(statement.value) is ast.Constant):
                shut = False  # (a statement that may bind another upper-case name: `A, B = ...`, `for`, ...)
            if (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                    and isinstance(statement.targets[0], ast.Name) and statement.targets[0].id.isupper()):
                # a constant, or the environment read in a fresh interpreter (`os.environ.get("DSN")`: None)
                constant = statement.value.value if isinstance(statement.value, ast.Constant) else \
                    _environment_value(statement.value)
                if constant is _UNSET:  # `USE_CELERY = env_bool("USE_CELERY", False)`
                    constant = helpers.value(statement.value)
                if constant is _UNSET:  # the same of a helper imported from another module: decided by it
                    constant = _imported_helper_call(statement.value, imported) if imported else _UNSET
                if constant is _UNSET and type(statement.value) in (ast.Compare, ast.UnaryOp):  # (`os.getenv("X") == "1"`)
                    truth = _static_truth(statement.value)
                    constant = _UNSET if truth is None else truth
                name = statement.targets[0].id
                # (not known: None, which decides nothing, in place of what a base bound under that name)
                own[name] = None if constant is _UNSET else constant if isinstance(constant, (str, tuple)) else \
                    bool(constant)
                bound.add(name)
            elif type(statement) is ast.Assign:
                own.update((t.id, None) for t in statement.targets  # (`A = B = f()`, `A, B = ...`)
                           for t in ([t] if type(t) is ast.Name else getattr(t, "elts", ()))
                           if type(t) is ast.Name and t.id.isupper())
        classes[node.name] = own
        if shut:
            closed.add(node.name)
    written = {name for name in bound if re.search(r"\.\s*%s\s*(?:[-+*/%%&|^@]|//|\*\*|<<|>>)?=(?!=)" % name, text)}
    # every upper-case attribute of a closed class is listed (None: not known), and `Class.*` says so: one
    # it does not list is not there (Flask's from_object(Class) leaves that key of the config alone)
    return tuple((f"{cls}.{name}", None if name in written else value) for cls, attributes in classes.items()
                 for name, value in attributes.items()) + tuple((f"{cls}.*", True) for cls in sorted(closed))


def _imported_names(tree: ast.Module) -> Dict[str, Tuple[str, str]]:
    """The names the module's top-level `from a.b import f` statements bind (absolute ones): name -> (module,
    the name imported)."""
    return {alias.asname or alias.name: (node.module, alias.name) for node in tree.body
            if type(node) is ast.ImportFrom and not node.level and node.module for alias in node.names
            if alias.name != "*"}


def _imported_helper_call(node: ast.expr, imported: Dict[str, Tuple[str, str]]) -> object:
    """`env_bool("USE_CELERY", False)` of a function imported by name from another module, with literal
    arguments: (m.HELPER_CALL, its module, its name, the arguments, the keywords), for the simulation to
    decide by that module's env_helpers; _UNSET for anything else."""
    if not (type(node) is ast.Call and type(node.func) is ast.Name and node.func.id in imported):
        return _UNSET
    literal = (str, bool, int, float, type(None))
    if not all(type(arg) is ast.Constant and type(arg.value) in literal for arg in node.args) or not all(
            k.arg is not None and type(k.value) is ast.Constant and type(k.value.value) in literal
            for k in node.keywords):
        return _UNSET
    module, name = imported[node.func.id]
    return (m.HELPER_CALL, module, name, tuple(arg.value for arg in node.args),  # type: ignore[attr-defined]
            tuple((k.arg, k.value.value) for k in node.keywords))  # type: ignore[attr-defined]


def _env_helpers(tree: Optional[ast.Module], text: str, bindings: Dict[str, int], functions: Iterable[m.Function]
                 ) -> Tuple[Tuple[str, str], ...]:
    """See m.ModuleFacts.env_helpers: the module's short top-level functions that read the environment, with
    their source; each undecorated, bound by its `def` only (`bindings`, see _Extractor.note_bound) and
    declared global by none of the module's `functions`. Looked for only in a module whose text reads it."""
    if tree is None or ("environ" not in text and "getenv" not in text) or "\ndef " not in "\n" + text:
        return ()
    lines = text.splitlines()
    sources = {node.name: "\n".join(lines[node.lineno - 1:node.end_lineno]) for node in tree.body
               if type(node) is ast.FunctionDef and not node.decorator_list
               and (node.end_lineno or node.lineno) - node.lineno < _HELPER_LINES}
    sources = {name: source for name, source in sources.items() if "environ" in source or "getenv" in source}
    if not sources:
        return ()
    declared = {name for function in functions for name in function.global_names}
    defined = {node.name: node for node in tree.body if type(node) is ast.FunctionDef and node.name in sources}
    return tuple((name, source) for name, source in sources.items() if bindings.get(name) == 1
                 and name not in declared and _reads_environment(defined[name]))


def _reads_environment(function: ast.FunctionDef) -> bool:
    """Whether a function calls `os.environ.get` or `os.getenv` (see _Helpers, _env_helpers)."""
    return any(type(inner) is ast.Call and _chain(inner.func) in _ENVIRONMENT_READERS for inner in ast.walk(function))


_HELPER_LINES = 20  # the longest function env_helpers exports (a helper that reads a flag is a few lines)


def helper_call_value(source: str, name: str, args: tuple, keywords: tuple) -> object:
    """What a call of the helper `source` defines (see m.ModuleFacts.env_helpers) with these literal
    arguments gets in a fresh interpreter (see _helper_value): its value, or UNSET_VALUE when not known."""
    function = _parsed_helper(source)
    if function is None or function.name != name:
        return _UNSET
    call = ast.Call(ast.Name(name, ast.Load()), [ast.Constant(arg) for arg in args],
                    [ast.keyword(key, ast.Constant(value)) for key, value in keywords])
    return _helper_value(call, {name: function})


@functools.lru_cache(maxsize=256)
def _parsed_helper(source: str) -> Optional[ast.FunctionDef]:
    """The function an env_helpers source defines, parsed once (a flag test may ask at every start)."""
    try:
        function = ast.parse(source).body[0]
    except (SyntaxError, ValueError, RecursionError, IndexError):
        return None
    return function if type(function) is ast.FunctionDef else None


def _may_change(tree: ast.Module, owner: Tuple[str, Tuple[str, ...]], key: str, reader: ast.Call) -> bool:
    """Whether a module may change attribute `key` of `owner` (a class given to Flask's `from_object` by
    `reader`): it binds or deletes `owner.key` anywhere, or hands `owner` to another call."""
    for node in ast.walk(tree):
        kind = type(node)
        if kind is ast.Attribute and type(node.ctx) is not ast.Load and node.attr == key and _chain(node.value) == owner:
            return True
        if kind is ast.Call and node is not reader and any(
                _chain(arg) == owner for arg in list(node.args) + [k.value for k in node.keywords]):
            return True
    return False


def _is_globals_call(node: ast.expr) -> bool:
    """`globals()`."""
    return isinstance(node, ast.Call) and _chain(node.func) == ("globals", ()) and not node.args


def _globals_key(target: ast.expr) -> Optional[str]:
    """NAME in a target `globals()[KEY]`, KEY a string written out or folded from one by `[::-1]`,
    `.upper()` and `.lower()`; None for any other target."""
    if not (isinstance(target, ast.Subscript) and _is_globals_call(target.value)):
        return None
    return _folded_string(target.slice)


def _folded_string(node: ast.expr) -> Optional[str]:
    """A string literal, reversed by `[::-1]` or cased by `.upper()`/`.lower()` (`"kcah_acitats"[::-1].upper()`)."""
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else None
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice) and node.slice.lower is None \
            and node.slice.upper is None and isinstance(node.slice.step, ast.UnaryOp) \
            and isinstance(node.slice.step.op, ast.USub) and isinstance(node.slice.step.operand, ast.Constant) \
            and node.slice.step.operand.value == 1:
        inner = _folded_string(node.value)
        return None if inner is None else inner[::-1]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("upper", "lower") \
            and not node.args and not node.keywords:
        inner = _folded_string(node.func.value)
        return None if inner is None else getattr(inner, node.func.attr)()
    return None


def _is_literal_collection(node: ast.AST) -> bool:
    """A list, tuple, set or dict literal made of string constants and such literals only."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return all(_is_literal_collection(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and _is_literal_collection(k) for k in node.keys) and \
            all(_is_literal_collection(v) for v in node.values)
    return False


def _dict_view(node: ast.AST) -> Optional[Tuple[ast.expr, str]]:
    """`x.items()`, `x.keys()`, `x.values()`: (x, the method)."""
    if (isinstance(node, ast.Call) and not node.args and not node.keywords and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("items", "keys", "values")):
        return node.func.value, node.func.attr
    return None


MAX_UNROLLED = 8  # the most elements a loop over a literal tuple of names is spelled out for (see _unrolled)


def _unrolled(node: ast.For) -> Optional[List[Tuple[str, Tuple[str, ...]]]]:
    """The elements of `for x in (a, b.c): body`, a literal list or tuple of names or attribute chains (a few),
    when x is a plain name the body calls, calls a method of or hands to a call (`x()`, `x.init_app(app)`,
    `app.register_blueprint(x)`) and the body has no `continue`: each pass binds x to its element; else None."""
    if not (type(node.target) is ast.Name and type(node.iter) in (ast.Tuple, ast.List)
            and 0 < len(node.iter.elts) <= MAX_UNROLLED):  # type: ignore[attr-defined]
        return None
    chains = [_chain(element) for element in node.iter.elts]  # type: ignore[attr-defined]
    if any(chain is None for chain in chains):
        return None
    inner = [child for statement in node.body for child in ast.walk(statement)]
    if any(type(child) is ast.Continue for child in inner):
        return None  # (a `continue` would skip the passes after its own)
    target = node.target.id
    if not any(type(child) is ast.Call and (
            (_chain(child.func) or ("",))[0] == target
            or any(type(arg) is ast.Name and arg.id == target for arg in child.args)) for child in inner):
        return None
    return chains  # type: ignore[return-value]


_COPIERS = frozenset({"list", "tuple", "sorted", "set", "frozenset", "reversed"})


def _copied(node: ast.AST) -> ast.AST:
    """What `list(x)`, `tuple(x)`, `sorted(x)` ... (no keywords) copy, for a loop over it: x; else node
    itself."""
    if (type(node) is ast.Call and type(node.func) is ast.Name and node.func.id in _COPIERS  # type: ignore
            and len(node.args) == 1 and not node.keywords and type(node.args[0]) is not ast.Starred):  # type: ignore
        return node.args[0]  # type: ignore[attr-defined]
    return node


def _loop_elements(node: ast.AST, literal_of: Callable[[str], Optional[ast.expr]]) -> Optional[tuple]:
    """The elements a `for` loop over `node` takes, in order, as expressions, when `node` is a list,
    tuple, set or dict display, a module-level constant bound to a literal collection, or the items(),
    keys() or values() of either dict (an item as a 2-tuple); else None."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range"
            and not node.keywords and 1 <= len(node.args) <= 3
            and all(isinstance(a, ast.Constant) and type(a.value) is int for a in node.args)):
        try:  # `range(0)`: nothing (another range: not taken apart)
            return () if len(range(*(a.value for a in node.args))) == 0 else None
        except (ValueError, OverflowError):
            return None
    inner = _copied(node)
    if inner is not node and node.func.id not in ("list", "tuple"):  # type: ignore[attr-defined]
        # (`sorted(x)`, `set(x)`: the same elements in another order; taken apart only when there are none)
        return () if _loop_elements(inner, literal_of) == () else None
    node = inner
    method = None
    view = _dict_view(node)
    if view is not None:
        node, method = view
    if isinstance(node, ast.Name):
        node = literal_of(node.id)
    if isinstance(node, ast.Dict) and all(key is not None for key in node.keys):  # (no `**other`)
        if method == "items":
            return tuple(ast.Tuple(elts=[k, v], ctx=ast.Load()) for k, v in zip(node.keys, node.values))
        return tuple(node.values if method == "values" else node.keys)
    if method is None and isinstance(node, (ast.List, ast.Tuple, ast.Set)) and not any(
            isinstance(e, ast.Starred) for e in node.elts):
        return tuple(node.elts)
    return None


def _viewed_columns(iterable: ast.expr, target: ast.AST) -> Optional[Tuple[ast.expr, Tuple[Tuple[int, str], ...]]]:
    """`X.items()` looped with two names, or `X.values()` with one: (X, each variable with its column of the
    dict's rows, keys 0 and values 1: see _literal_rows); else None."""
    view = _dict_view(iterable)
    if view is None or view[1] == "keys":
        return None
    if view[1] == "values":
        return (view[0], ((1, target.id),)) if type(target) is ast.Name else None  # type: ignore[attr-defined]
    columns = _column_targets(target)
    return (view[0], columns) if columns is not None and len(columns) == 2 else None


def _column_targets(target: ast.AST) -> Optional[Tuple[Tuple[int, str], ...]]:
    """The variables of a flat tuple target (`for path, prefix in ...:`), each with its position; None for
    any other target (a name, a nested tuple, a starred name)."""
    if type(target) not in (ast.Tuple, ast.List):
        return None
    if not all(type(e) is ast.Name for e in target.elts):  # type: ignore[attr-defined]
        return None
    return tuple((column, element.id) for column, element in enumerate(target.elts))  # type: ignore[attr-defined]


def _loop_strings(target: ast.AST, elements: Optional[tuple]) -> Dict[str, Tuple[str, ...]]:
    """The loop variables that take a string on every turn, with those strings in order: the target
    itself, or the names of a tuple target unpacking elements of its length."""
    if not elements:
        return {}
    if isinstance(target, ast.Name):
        if all(isinstance(e, ast.Constant) for e in elements):
            return {target.id: tuple(e.value for e in elements)}
        return {}
    if not isinstance(target, (ast.Tuple, ast.List)):
        return {}
    width = len(target.elts)
    if not all(isinstance(e, (ast.Tuple, ast.List)) and len(e.elts) == width for e in elements):
        return {}
    found = {}
    for position, part in enumerate(target.elts):
        found.update(_loop_strings(part, tuple(e.elts[position] for e in elements)))
    return found


def _literal_strings(node: ast.AST) -> Optional[Tuple[str, ...]]:
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        if all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
            return tuple(e.value for e in node.elts)
    return None


_WRITERS_TEXT = re.compile(r"(?<!\w)(?:%s)(?!\w)" % "|".join(sorted(_NAMESPACE_WRITERS)))


_TABLE_READS = frozenset({"get", "keys", "values", "items", "copy", "__getitem__", "__contains__"})


def _class_tables(tree: ast.Module, text: str) -> Dict[str, Dict[str, str]]:
    """The module's top-level dicts of its own classes by literal keys, each bound once and never changed
    (`config = {"development": DevelopmentConfig, "default": DevelopmentConfig}`, the Flasky layout): name ->
    {key: class}. Another module's `app.config.from_object(config[config_name])` copies the class a key
    names: what that class exports is exported under `config[default].NAME` too (see _table_aliases)."""
    classes = {node.name for node in tree.body if type(node) is ast.ClassDef}
    found: Dict[str, Optional[Dict[str, str]]] = {}
    for node in tree.body:
        if (classes and type(node) is ast.Assign and len(node.targets) == 1 and type(node.targets[0]) is ast.Name
                and type(node.value) is ast.Dict and node.value.keys
                and all(type(key) is ast.Constant and type(key.value) is str and TABLE_KEY.match(key.value)
                        for key in node.value.keys)
                and all(type(value) is ast.Name and value.id in classes for value in node.value.values)):
            name = node.targets[0].id
            found[name] = None if name in found else {
                key.value: value.id for key, value in zip(node.value.keys, node.value.values)}  # type: ignore
    tables = {name: table for name, table in found.items() if table is not None}
    if not tables or _WRITERS_TEXT.search(text):
        return {}
    stores: Dict[str, int] = {}
    changed: Set[str] = set()
    for node in ast.walk(tree):
        kind = type(node)
        if kind is ast.Name and node.id in tables and type(node.ctx) is not ast.Load:  # type: ignore[attr-defined]
            stores[node.id] = stores.get(node.id, 0) + 1  # type: ignore[attr-defined]
        elif kind is ast.Subscript and type(node.ctx) is not ast.Load and type(node.value) is ast.Name:  # type: ignore
            changed.add(node.value.id)  # type: ignore[attr-defined]  # (`config["x"] = ...`, `del config["x"]`)
        elif kind is ast.Attribute and type(node.value) is ast.Name and node.attr not in _TABLE_READS:  # type: ignore
            changed.add(node.value.id)  # type: ignore[attr-defined]  # (`config.update(...)`)
        elif kind in (ast.Global, ast.Nonlocal):
            changed.update(node.names)  # type: ignore[attr-defined]
    return {name: table for name, table in tables.items() if stores.get(name) == 1 and name not in changed}


def _table_aliases(tables: Dict[str, Dict[str, str]], exported: Tuple[Tuple[str, object], ...]
                   ) -> Tuple[Tuple[str, object], ...]:
    """What the module exports under `Class.NAME` (a flag, a list, `Class.*`) again as `table[key].NAME`
    for each key of each of its tables of classes (see _class_tables) that names Class."""
    if not tables:
        return ()
    by_class: Dict[str, List[str]] = {}
    for table, entries in sorted(tables.items()):
        for key, cls in sorted(entries.items()):
            by_class.setdefault(cls, []).append(f"{table}[{key}]")
    return tuple((f"{alias}.{name}", value) for path, value in exported if "." in path
                 for cls, _, name in (path.partition("."),) for alias in by_class.get(cls, ()))


def _exported_lists(tree: ast.Module, text: str = "") -> Tuple[Tuple[str, Tuple[str, ...]], ...]:
    """See m.ModuleFacts.exported_lists. A quick look at the top-level statements first, then at the
    text (`text`: the module's): the walk of the whole module that rules out other bindings and uses
    runs only when the name of such a list is found more than once in it."""
    candidates: Dict[str, Tuple[str, ...]] = {}
    derived: Dict[str, Set[str]] = {}  # a list made by adding others (`Config.BLUEPRINTS + [...]`) -> those
    classes: Dict[str, int] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            classes[node.name] = classes.get(node.name, 0) + 1
            statements = [(node.name + ".", child) for child in node.body]
        else:
            statements = [("", node)]
        for prefix, statement in statements:
            if (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                    and isinstance(statement.targets[0], ast.Name)):
                values = _literal_strings(statement.value)
                if values is None and type(statement.value) in (ast.List, ast.Tuple):
                    values = _literal_rows(statement.value)  # `[("app.main:main", None), ...]`: see _columns
                elif type(statement.value) is ast.Dict:  # `{"contact": "views.contact:bp"}`, for .items() / .values()
                    values = _dict_rows(statement.value)
                if values is None and type(statement.value) in (ast.ListComp, ast.Call):
                    computed = _environment_list(statement.value) or _comprehended_list(statement.value)
                    values = tuple(computed) if computed else None
                key = prefix + statement.targets[0].id
                if values is None and type(statement.value) is ast.BinOp:  # `Config.BLUEPRINTS + ["app.admin"]`
                    found = _added_lists(statement.value, candidates)
                    if found is not None:
                        values, derived[key] = found
                if values is not None and not key.startswith("__"):
                    candidates[key] = values if key not in candidates else None  # type: ignore[assignment]
    candidates = {key: values for key, values in candidates.items() if values is not None}
    if any("." in key for key in candidates) and _hooks_write_config(tree):
        # (Flasky's `config[config_name].init_app(app)` may set app.config["BLUEPRINTS"] anew: no class list)
        candidates = {key: values for key, values in candidates.items() if "." not in key}
    if not candidates:
        return ()
    branches = any(type(node) is ast.If for node in tree.body)
    if text:  # a name written only where it is bound is never bound again nor touched: no walk needed
        if _WRITERS_TEXT.search(text):
            return ()
        once = {key for key in candidates if text.count(key.rpartition(".")[2]) == 1}  # (at least once: bound)
        # (a module-level name written elsewhere too is let go: a class attribute is usually read through
        # its class in the same module, `Settings.BLUEPRINTS`, and is walked for; so is a name the text
        # writes again inside a top-level `if`, which may be a branch never taken, see _untaken)
        candidates = {key: values for key, values in candidates.items() if key in once or "." in key or (
            branches and _in_top_if(tree, key))}
        if all(key in once for key in candidates):
            return _columns(_inherited_lists(tree, text, candidates))
    names = {key.rpartition(".")[2] for key in candidates} | {key.partition(".")[0] for key in candidates if "." in key}
    stores: Dict[str, int] = {}
    # (a class attribute of the same name bound in the body of another top-level class, `TASK_PACKAGES =
    # Config.TASK_PACKAGES + [...]` in a subclass, is another attribute: it binds no key of this class)
    in_class = {id(target): node.name for node in tree.body if type(node) is ast.ClassDef for child in node.body
                if type(child) is ast.Assign for target in child.targets if type(target) is ast.Name}
    class_stores: Dict[Tuple[str, str], int] = {}
    spoiled: Set[str] = set()  # names bound otherwise too
    spoiled_keys: Set[str] = set()
    untaken = _untaken(tree) if branches else set()
    for node in ast.walk(tree):
        kind = type(node)
        if untaken and id(node) in untaken:
            continue  # (`if os.environ.get("X"): PLUGINS.append(...)`, X unset: never runs)
        if kind is ast.Name and node.id in names and type(node.ctx) is not ast.Load:
            stores[node.id] = stores.get(node.id, 0) + 1
            if id(node) in in_class:
                owner_key = (in_class[id(node)], node.id)
                class_stores[owner_key] = class_stores.get(owner_key, 0) + 1
        elif kind is ast.Attribute:
            owner = _chain(node.value)
            if owner is not None:
                key = ".".join((owner[0],) + owner[1])
                if key in candidates:  # `BLUEPRINTS.append(...)`: the list itself may change
                    spoiled_keys.add(key)
                elif type(node.ctx) is not ast.Load and f"{key}.{node.attr}" in candidates:
                    spoiled_keys.add(f"{key}.{node.attr}")  # `Config.BLUEPRINTS = [...]` elsewhere
        elif kind is ast.Call and _call_name(node) in _NAMESPACE_WRITERS:
            return ()
        elif kind is ast.Call:
            spoiled_keys.update(_handed_on(node))  # `register(BLUEPRINTS)` could change it
        elif kind is not ast.ClassDef or classes.get(node.name, 0) != 1:  # (a class bound once is the one)
            spoiled.update(_bound_names(node))
    kept: List[Tuple[str, Tuple[str, ...]]] = []
    for key, values in sorted(candidates.items()):
        parts = key.split(".")
        elsewhere = sum(count for (owner, name), count in class_stores.items()
                        if name == parts[-1] and owner != parts[0]) if len(parts) == 2 else 0
        if key in spoiled_keys or any(part in spoiled for part in parts) or stores.get(parts[-1], 0) - elsewhere != 1:
            continue
        kept.append((key, values))
    left = dict(kept)
    while any(not sources <= set(left) for key, sources in derived.items() if key in left):
        left = {key: values for key, values in left.items() if derived.get(key, set()) <= set(left)}
    return _columns(_inherited_lists(tree, text, left))


def _hooks_write_config(tree: ast.Module) -> bool:
    """Whether a top-level class of the module has an `init_app` method that writes to a Flask config
    (`app.config["BLUEPRINTS"] = [...]`, `app.config.update(...)`, `app.config["X"].append(...)`)."""
    for node in tree.body:
        if type(node) is not ast.ClassDef:
            continue
        for method in node.body:
            if type(method) not in (ast.FunctionDef, ast.AsyncFunctionDef) or method.name != "init_app":
                continue
            for inner in ast.walk(method):
                if type(inner) is ast.Subscript and type(inner.ctx) is not ast.Load and type(
                        inner.value) is ast.Attribute and inner.value.attr == "config":
                    return True
                if type(inner) is ast.Call and type(inner.func) is ast.Attribute and inner.func.attr not in (
                        "get", "keys", "items", "values", "copy", "get_namespace") and (
                        (type(inner.func.value) is ast.Attribute and inner.func.value.attr == "config")
                        or (type(inner.func.value) is ast.Subscript and type(inner.func.value.value) is ast.Attribute
                            and inner.func.value.value.attr == "config")):
                    return True
    return False


def _added_lists(node: ast.BinOp, lists: Dict[str, Tuple[str, ...]]) -> Optional[Tuple[Tuple[str, ...], Set[str]]]:
    """The strings of `A + [...]`, `Base.NAME + [...]` (lists `lists` has, bound above) and literal lists of
    strings added together, or of rows of one width (see _literal_rows), with the keys of the lists it adds;
    None for anything else."""
    parts: List[ast.expr] = []
    pending: List[ast.expr] = [node]
    while pending:
        part = pending.pop()
        if type(part) is ast.BinOp and type(part.op) is ast.Add:  # type: ignore[attr-defined]
            pending += [part.right, part.left]  # type: ignore[attr-defined]
        else:
            parts.append(part)
    values: List[str] = []
    sources: Set[str] = set()
    kinds = set()  # (lists of strings, or of rows of one width: see _literal_rows; not both)
    for part in parts:
        strings = None
        if type(part) in (ast.List, ast.Tuple):
            strings = _literal_strings(part)  # (`[]` too: it adds nothing)
            strings = _literal_rows(part) if strings is None else strings
        if strings is None:
            chain = _chain(part)
            key = ".".join((chain[0],) + chain[1]) if chain is not None else None
            strings = lists.get(key) if key is not None else None  # type: ignore[arg-type]
            if strings is None:
                return None
            sources.add(key)  # type: ignore[arg-type]
        kinds.update(value.count(_ROW) if value.startswith(_ROW) else 0 for value in strings)
        values.extend(strings)
    return (tuple(values), sources) if sources and len(kinds) <= 1 else None


_ROW = "\x1f"  # (see _literal_rows)


_DOTTED_PATH = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*(?::[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)?\Z")


def _literal_rows(node: ast.AST) -> Optional[Tuple[str, ...]]:
    """A literal list or tuple of tuples of one width, some column of which holds only dotted paths
    (`BLUEPRINTS = [("app.main:main", None), ("app.account:account", "/account")]`): each row as a string
    (_ROW before each cell; NUL for a cell of any other column), for _columns to split; else None. (Rows
    of plain words, Django's `choices`, are not looked at: many modules have them, and a walk each.)"""
    rows = node.elts  # type: ignore[attr-defined]
    if not rows or not all(type(row) in (ast.Tuple, ast.List) for row in rows):
        return None
    return _encoded_rows([row.elts for row in rows])


def _dict_rows(node: ast.Dict) -> Optional[Tuple[str, ...]]:
    """A literal dict of string keys whose values are all dotted paths, as rows (key, value) (see _literal_rows);
    else None (the values are asked first: most dicts fail there at once)."""
    if not node.values or not all(_dotted(value) for value in node.values) or not all(
            type(key) is ast.Constant and type(key.value) is str for key in node.keys):
        return None
    return _encoded_rows(list(zip(node.keys, node.values)))


def _dotted(node: Optional[ast.expr]) -> bool:
    """Whether `node` is a string constant with a dot or a colon in it (a candidate path: see _is_path)."""
    return type(node) is ast.Constant and type(node.value) is str and ("." in node.value or ":" in node.value)


def _is_path(node: ast.expr) -> bool:
    """Whether `node` is a string constant naming a module or an object in one (`app.main`, `app.main:bp`)."""
    return _dotted(node) and _DOTTED_PATH.match(node.value) is not None  # type: ignore[attr-defined]


def _encoded_rows(rows: Sequence[Sequence[ast.expr]]) -> Optional[Tuple[str, ...]]:
    """Rows of one width, some column of which holds only dotted paths, each as a string (see _literal_rows);
    else None."""
    width = len(rows[0]) if rows else 0
    if not width or any(len(row) != width for row in rows):
        return None
    paths = [all(_is_path(row[column]) for row in rows) for column in range(width)]
    if not any(paths):
        return None
    return tuple("".join(_ROW + (element.value if paths[column] else "\0")  # type: ignore[attr-defined]
                         for column, element in enumerate(row)) for row in rows)


def _columns(lists: Tuple[Tuple[str, Tuple[str, ...]], ...]) -> Tuple[Tuple[str, Tuple[str, ...]], ...]:
    """`lists` with each list of rows (see _literal_rows) given as its columns of strings instead, under
    `NAME#0`, `NAME#1`...: `for path, prefix in app.config["BLUEPRINTS"]:` takes `path` from
    `Config.BLUEPRINTS#0` (a loop over the rows themselves takes tuples, no strings: not exported)."""
    if not any(values and values[0].startswith(_ROW) for _, values in lists):
        return lists
    found = []
    for key, values in lists:
        if not (values and values[0].startswith(_ROW)):
            found.append((key, values))
            continue
        rows = [value[1:].split(_ROW) for value in values]
        for column in range(len(rows[0])):
            strings = tuple(row[column] for row in rows)
            if "\0" not in strings:
                found.append((f"{key}#{column}", strings))
    return tuple(sorted(found))


def _inherited_lists(tree: ast.Module, text: str, lists: Dict[str, Tuple[str, ...]]
                     ) -> Tuple[Tuple[str, Tuple[str, ...]], ...]:
    """`lists` (see _exported_lists), and the class attribute lists a top-level class of the module inherits
    from its one base, a class of the module (`class DevelopmentConfig(Config):` without a BLUEPRINTS of its
    own has Config's, which Flask's `from_object(DevelopmentConfig)` copies too). Not for a class bound twice,
    decorated or given keywords (a metaclass), nor for an attribute the text writes through it
    (`DevelopmentConfig.BLUEPRINTS = [...]`, `.append`)."""
    if not any("." in key for key in lists):
        return tuple(sorted(lists.items()))
    bases: Dict[str, Optional[str]] = {}
    bound: Dict[str, Set[str]] = {}
    for node in tree.body:
        if type(node) is not ast.ClassDef:
            continue
        simple = (len(node.bases) == 1 and type(node.bases[0]) is ast.Name and not node.keywords
                  and not node.decorator_list and node.name not in bases)
        bases[node.name] = node.bases[0].id if simple else None  # type: ignore[attr-defined]
    owners = {key.partition(".")[0] for key in lists if "." in key}
    inherited = dict(lists)
    for cls in bases:
        if not any(base in owners for base in _base_chain(cls, bases)):
            continue  # (no class it derives from here owns a list)
        for node in tree.body:
            if type(node) is ast.ClassDef and node.name in bases and node.name not in bound:
                bound[node.name] = _class_body_names(node)
        seen = {cls}
        base = bases[cls]
        while base is not None and base in bases and base not in seen:
            for key, values in lists.items():
                owner, _, name = key.partition(".")
                if (owner == base and not any(name in bound.get(c, ()) for c in seen)
                        and f"{cls}.{name}" not in inherited
                        and not re.search(r"\b%s\s*\.\s*%s\b" % (cls, name), text)):
                    inherited[f"{cls}.{name}"] = values
            seen.add(base)
            base = bases[base]
    return tuple(sorted(inherited.items()))


def _defaults(args: ast.arguments) -> List[Tuple[ast.arg, ast.expr]]:
    """A function's parameters that have a default, each with it."""
    positional = args.posonlyargs + args.args
    pairs = list(zip(positional[len(positional) - len(args.defaults):], args.defaults))
    return pairs + [(arg, default) for arg, default in zip(args.kwonlyargs, args.kw_defaults) if default is not None]


def _text_defaults(args: ast.arguments) -> Tuple[Tuple[str, str], ...]:
    """A function's parameters whose default is a literal string, and that string."""
    return tuple((arg.arg, default.value) for arg, default in _defaults(args)
                 if isinstance(default, ast.Constant) and isinstance(default.value, str) and "\0" not in default.value)


def _const_defaults(args: ast.arguments) -> Tuple[Tuple[str, object], ...]:
    """A function's parameters whose default is None, True or False, and that value."""
    return tuple((arg.arg, default.value) for arg, default in _defaults(args)
                 if type(default) is ast.Constant and (default.value is None or type(default.value) is bool))


def _config_key(read: ast.expr) -> Optional[Tuple[str, str, bool]]:
    """(key, app, got) for a read of a Flask app's config: `app.config["KEY"]`, or `app.config.get("KEY")`
    (`got`: a false value when the config has no such key; also `.get("KEY", False)`); else None."""
    if type(read) is ast.Subscript and type(read.slice) is ast.Constant:
        key, chain = read.slice.value, _chain(read.value)
        found = chain is not None and chain[1] == ("config",)
        got = False
    elif (type(read) is ast.Call and not read.keywords and 1 <= len(read.args) <= 2
          and type(read.args[0]) is ast.Constant):
        key, chain = read.args[0].value, _chain(read.func)
        found = chain is not None and chain[1] == ("config", "get")
        got = len(read.args) == 1 or type(read.args[1]) is ast.Constant and not read.args[1].value
    else:
        return None
    return (key, chain[0], got) if found and isinstance(key, str) else None  # type: ignore[index]


def _true_default(read: ast.expr) -> bool:
    """Whether a config read is `app.config.get("KEY", <a true constant>)`: true when the config has no KEY."""
    return (type(read) is ast.Call and len(read.args) == 2 and type(read.args[1]) is ast.Constant  # type: ignore
            and bool(read.args[1].value))  # type: ignore[attr-defined]


def _may_read_config(test: ast.expr) -> bool:
    """Whether an `if` test may read a Flask app's config (see _Extractor.config_test): a quick look."""
    while type(test) is ast.UnaryOp:
        test = test.operand  # type: ignore[attr-defined]
    if type(test) is ast.BoolOp:
        return any(_may_read_config(value) for value in test.values)  # type: ignore[attr-defined]
    if type(test) is ast.Subscript:
        test = test.value  # type: ignore[attr-defined]
    elif type(test) is ast.Call:
        test = test.func  # type: ignore[attr-defined]
        test = test.value if type(test) is ast.Attribute else test  # type: ignore[attr-defined]
    return type(test) is ast.Attribute and (test.attr == "config" or test.attr in _FLASK_ATTRIBUTE_KEYS)  # type: ignore


def _table_entries(node: ast.Assign) -> Optional[Tuple[Tuple[str, str, Tuple[str, ...]], ...]]:
    """m.BindTable.entries of `NAME = {"key": Chain, ...}` (string keys, name or attribute chain values,
    a few); else None."""
    value = node.value
    if not (len(node.targets) == 1 and type(node.targets[0]) is ast.Name and type(value) is ast.Dict
            and 0 < len(value.keys) <= 16 and not node.targets[0].id.startswith("__")):
        return None
    entries = []
    for key, item in zip(value.keys, value.values):
        chain = _chain(item)
        if type(key) is not ast.Constant or type(key.value) is not str or chain is None or "\0" in key.value:
            return None
        entries.append((key.value, chain[0], chain[1]))
    return tuple(entries)


def _lookup_chain(node: ast.expr) -> Optional[Tuple[str, Tuple[str, ...]]]:
    """`config[config_name].init_app` (a method of what a key of a table holds, the key a literal string
    or a plain name, or an attribute of another module, `=config.KEY`) as a chain: ("config", (LOOKUP +
    "!config_name", "init_app")); `FACTORIES["redis"]`
    (called: what the key holds) as ("FACTORIES", (LOOKUP + '"redis',)); else None."""
    if type(node) is ast.Subscript and type(node.ctx) is ast.Load:  # type: ignore[attr-defined]
        looked_up = _lookup_chain(ast.Attribute(node, "", ast.Load()))
        return (looked_up[0], looked_up[1][:1]) if looked_up is not None else None
    if type(node) is not ast.Attribute or type(node.value) is not ast.Subscript:
        return None
    table, key = node.value.value, node.value.slice
    if type(table) is not ast.Name:
        return None
    if type(key) is ast.Constant and type(key.value) is str and "\0" not in key.value:
        spec = '"' + key.value
    elif type(key) is ast.Name:
        spec = "!" + key.id
    elif type(key) is ast.Attribute and _chain(key) is not None:  # `[config.RESULTS_BACKEND]`: what it exports
        spec = "=" + ".".join((_chain(key)[0],) + _chain(key)[1])  # type: ignore[index]
    else:
        return None
    return table.id, (m.LOOKUP + spec, node.attr)


def _text_value(node: ast.expr) -> Optional[str]:
    """The string an argument is: a literal one, or one read from the environment as a fresh interpreter
    with no configuration has it (`os.environ.get("APP_ENV", "production")`, `os.getenv("X") or "dev"`:
    see _environment_value); else None."""
    kind = type(node)
    if kind is ast.Constant:
        value = node.value  # type: ignore[attr-defined]
        return value if type(value) is str and "\0" not in value else None
    if kind is ast.BoolOp and type(node.op) is ast.Or and len(node.values) == 2:  # type: ignore[attr-defined]
        first = _environment_value(node.values[0])  # type: ignore[attr-defined]
        if first is None or first == "":  # (unset: the `or` gives its other side)
            return _text_value(node.values[1])  # type: ignore[attr-defined]
        return first if type(first) is str and "\0" not in first else None
    if kind is not ast.Call or type(node.func) is not ast.Attribute or node.func.attr not in (  # type: ignore
            "get", "getenv"):
        return None  # (not an environment lookup: asked first, as most arguments are not)
    value = _environment_value(node)
    return value if type(value) is str and "\0" not in value else None


def _environment_name(node: ast.expr) -> Optional[str]:
    """The variable a string argument reads (`os.getenv("X") or "dev"`, `os.environ.get("X", "dev")`: "X"),
    for the simulation to give it the value a run set (see _text_value); None for any other expression."""
    if type(node) is ast.BoolOp:
        node = node.values[0]  # type: ignore[attr-defined]
    if (type(node) is ast.Call and _chain(node.func) in _ENVIRONMENT_READERS and node.args  # type: ignore
            and type(node.args[0]) is ast.Constant and type(node.args[0].value) is str):  # type: ignore[attr-defined]
        return node.args[0].value  # type: ignore[attr-defined]
    return None


def _keyword_value(node: ast.expr) -> object:
    """What m.Call.keywords holds for a keyword argument: a literal string (or one read from the
    environment, see _text_value), `(value,)` for None, True or False, None for anything else."""
    text = _text_value(node)
    if text is not None:
        return text
    if type(node) is ast.Constant and (node.value is None or type(node.value) is bool):
        return (node.value,)
    return None


def _chain_defaults(args: ast.arguments) -> Dict[str, Tuple[str, Tuple[str, ...]]]:
    """A function's parameters whose default is a name or an attribute chain, and that chain."""
    found = {}
    for arg, default in _defaults(args):
        chain = _chain(default)
        if chain is not None:
            found[arg.arg] = chain
    return found


def _chain_node(chain: Tuple[str, Tuple[str, ...]]) -> ast.expr:
    """`name.attr...` as an expression."""
    node: ast.expr = ast.Name(id=chain[0], ctx=ast.Load())
    for attr in chain[1]:
        node = ast.Attribute(value=node, attr=attr, ctx=ast.Load())
    return node


def _bound_names(node: ast.AST) -> Tuple[str, ...]:
    """The names a node binds other than as an assignment's target: a function or class, an argument,
    `except ... as`, an import, `global`/`nonlocal`, a `match` capture."""
    kind = type(node)
    if kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
        return (node.name,)  # type: ignore[attr-defined]
    if kind is ast.arg:
        return (node.arg,)  # type: ignore[attr-defined]
    if kind is ast.ExceptHandler:
        return (node.name,) if node.name else ()  # type: ignore[attr-defined]
    if kind in (ast.Import, ast.ImportFrom):
        return tuple((alias.asname or alias.name).partition(".")[0] for alias in node.names)  # type: ignore
    if kind in (ast.Global, ast.Nonlocal):
        return tuple(node.names)  # type: ignore[attr-defined]
    if kind in _CAPTURES and node.name:  # type: ignore[attr-defined]
        return (node.name,)  # type: ignore[attr-defined]
    if kind in _MAPPINGS and node.rest:  # `case {"k": v, **rest}`  # type: ignore[attr-defined]
        return (node.rest,)  # type: ignore[attr-defined]
    return ()


_CAPTURES = tuple(getattr(ast, name) for name in ("MatchAs", "MatchStar") if hasattr(ast, name))  # (3.10+)
_MAPPINGS = tuple(getattr(ast, name) for name in ("MatchMapping",) if hasattr(ast, name))


def _handed_on(call: ast.Call) -> List[str]:
    """The dotted names (`X`, `Config.X`) a call is given as arguments."""
    found = []
    for arg in list(call.args) + [keyword.value for keyword in call.keywords]:
        if isinstance(arg, ast.Starred):
            arg = arg.value
        chain = _chain(arg)
        if chain is not None:
            found.append(".".join((chain[0],) + chain[1]))
    return found


# what else of a Celery app reads its configuration (`celery.now()`, `celery.finalize()`), and what does
# unless autofinalize=False (then they fail first: they make tasks, which needs a finalized app)
CONF_READERS = frozenset({"timezone", "now", "finalize", "backend", "control", "log", "pool", "producer_pool",
                          "annotations", "uses_utc_timezone", "connection", "broker_connection",
                          "connection_for_read", "connection_for_write"})
# the attributes of an app's `amqp` whose read reads the configuration (`app.amqp` itself does not)
_AMQP_READERS = frozenset({"queues", "router", "default_queue", "producer_pool", "utc"})


def reads_configuration(attrs: Tuple[str, ...]) -> bool:
    """Whether reading `app.<attrs>` of a Celery app reads its configuration (which imports the source
    config_from_object named): `app.conf.k` (not LAZY_CONF), CONF_READERS (`app.backend`, `app.control`,
    `app.log`, `app.pool`, `app.connection_for_write()`, ...), `app.amqp.queues` (see _AMQP_READERS)."""
    first = attrs[0]
    if first == "conf":
        return len(attrs) > 1 and attrs[1] not in LAZY_CONF
    return first in CONF_READERS or (first == "amqp" and len(attrs) > 1 and attrs[1] in _AMQP_READERS)


TASK_READERS = frozenset({"tasks", "register_task"})
# the builtins that read the configuration they are given (`len(celery.conf)`, `getattr(celery.conf, "k")`)
_CONF_CONSUMERS = frozenset({"getattr", "len", "bool", "repr", "str", "dict", "list", "tuple", "sorted", "set", "iter"})
# what a Celery app's configuration does without reading it (before config_from_object's module is imported);
# from Python 3.12, UserDict.get asks `key in conf` first, which looks only at the keys set before it is read
# (keys(), values() and items() are views: reading them is not reading the configuration; iterating is)
LAZY_CONF = frozenset({"update", "setdefault", "clear", "keys", "values", "items"}
                      | ({"get"} if sys.version_info >= (3, 12) else set()))
# library calls known to leave the lists they are given as they are (see _touched)
_LIST_READERS = frozenset({"autodiscover_tasks"})


def _touched(tree: ast.Module) -> Set[str]:
    """The dotted names (`X`, `Config.X`) a module takes an attribute of, binds, deletes or hands on to a
    call: what it may change, if they are lists."""
    found: Set[str] = set()
    for node in ast.walk(tree):
        kind = type(node)
        if kind is ast.Attribute:
            owner = _chain(node.value)
            if owner is not None:
                found.add(".".join((owner[0],) + owner[1]))
            if type(node.ctx) is not ast.Load:
                chain = _chain(node)
                if chain is not None:
                    found.add(".".join((chain[0],) + chain[1]))
        elif kind is ast.Name and type(node.ctx) is not ast.Load:
            found.add(node.id)
        elif kind is ast.Call and _call_name(node) not in _LIST_READERS:
            found.update(_handed_on(node))
    return found


def _local_import_path(function: ast.AST, name: str, source: m.SourceFile) -> Optional[str]:
    """What `name` stands for in `function` when one import statement of its own body binds it and nothing
    else there does (see _imported_paths): `from app import plugins` -> app.plugins."""
    args = function.args  # type: ignore[attr-defined]
    if any(arg is not None and arg.arg == name
           for arg in args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]):
        return None
    paths = []
    for node in _own_nodes(function.body):  # type: ignore[attr-defined]
        if type(node) is ast.ImportFrom:
            base = absolute_name(node.module or "", node.level, source.module, source.is_package)  # type: ignore
            paths.extend(f"{base}.{alias.name}" if base else alias.name for alias in node.names  # type: ignore
                         if (alias.asname or alias.name) == name)
        elif type(node) is ast.Import:
            paths.extend(alias.name if alias.asname else name for alias in node.names  # type: ignore[attr-defined]
                         if (alias.asname or alias.name.partition(".")[0]) == name)
        elif name in _bound_names(node) or (type(node) is ast.Name and type(node.ctx) is not ast.Load  # type: ignore
                                             and node.id == name):  # type: ignore[attr-defined]
            return None  # (bound otherwise too)
    return paths[0] if len(paths) == 1 and paths[0] else None


def _imported_paths(tree: Optional[ast.Module], source: m.SourceFile) -> Dict[str, str]:
    """Names bound in the module only by one top-level import statement, and what they stand for as
    an absolute dotted path: `from app.settings import BLUEPRINTS as B` -> B: app.settings.BLUEPRINTS
    (a name or a submodule: graph.expand_exported tells which), `import app.settings` -> app: app."""
    if tree is None:
        return {}
    found: Dict[str, str] = {}
    again: Dict[str, int] = {}  # `import a` then `import a.b`: both bind a to the same module
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and not any(alias.name == "*" for alias in node.names):
            base = absolute_name(node.module or "", node.level, source.module, source.is_package)
            if base is None:
                continue
            for alias in node.names:
                name = alias.asname or alias.name
                found[name] = None if name in found else f"{base}.{alias.name}" if base else alias.name  # type: ignore
        elif isinstance(node, ast.Import):
            for alias in node.names:
                name = alias.asname or alias.name.partition(".")[0]
                if alias.asname is None and found.get(name) == name:
                    again[name] = again.get(name, 0) + 1
                    continue
                found[name] = None if name in found else (alias.name if alias.asname else name)  # type: ignore
    found = {name: path for name, path in found.items() if path is not None}
    if not found:
        return {}
    counts: Dict[str, int] = {}
    for node in ast.walk(tree):
        kind = type(node)
        if kind is ast.Call and _call_name(node) in _NAMESPACE_WRITERS:
            return {}
        bound = (node.id,) if kind is ast.Name and type(node.ctx) is not ast.Load else _bound_names(node)
        for name in bound:
            if name in found:
                counts[name] = counts.get(name, 0) + 1
    return {name: path for name, path in found.items() if counts.get(name) == 1 + again.get(name, 0)}
