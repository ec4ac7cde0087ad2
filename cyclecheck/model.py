"""Plain data shared by every stage: files -> module facts -> graph -> cycles -> findings.

Everything here is a frozen dataclass (or a tuple of them), so a stage can never
change what an earlier stage produced, and facts can be cached as they are.
This module imports nothing from the package.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple, Union

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


@dataclass(frozen=True)
class SourceFile:
    """One Python file and the dotted module name Python would give it."""

    path: str  # as displayed to the user (relative to the working directory when possible)
    module: str
    root: str  # the import root (a sys.path entry) it was found under
    is_package: bool  # an `__init__.py`


@dataclass(frozen=True)
class RawImport:
    """One import statement (or literal dynamic import) exactly as written."""

    kind: str  # "import" | "from" | "dynamic" | "walk" (a pkgutil.iter_modules loop importing submodules)
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


@dataclass(frozen=True)
class ImportSite:
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


@dataclass(frozen=True)
class Bind:
    """Names bound to some value we do not follow (assignment, for target, with-as...)."""

    names: Tuple[str, ...]
    line: int


@dataclass(frozen=True)
class BindModule:
    """`name = importlib.import_module("x")`: binds the module object (maybe still partial)."""

    names: Tuple[str, ...]
    target: str  # as in DynamicImport
    line: int


@dataclass(frozen=True)
class BindResult:
    """`names = callee(...)`: an instance when the callee is a project class, else some value."""

    names: Tuple[str, ...]
    name: str
    attrs: Tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Unbind:
    names: Tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Define:
    """`def name` / `class name`: binds name to a function or class of this module."""

    name: str
    kind: str  # "function" | "class"
    line: int
    qualname: str = ""  # the Function (or class) it defines, "" when it is not followed


@dataclass(frozen=True)
class ImportOp:
    """Runs import statement number `index` of the module's `imports`."""

    index: int


@dataclass(frozen=True)
class DynamicImport:
    """`importlib.import_module(...)` / `__import__(...)` with a resolvable name."""

    target: str  # absolute dotted name, with "{__name__}" standing for the running module's name
    line: int
    index: int  # the matching RawImport


@dataclass(frozen=True)
class PackageWalk:
    """A loop over `pkgutil.iter_modules(...)` importing every submodule of `package`."""

    package: str  # "{__name__}" or "{__package__}" or a dotted name
    line: int


@dataclass(frozen=True)
class Access:
    """Reads `name.attrs[0].attrs[1]...` at run time (AttributeError on a partial module)."""

    name: str
    attrs: Tuple[str, ...]
    line: int


@dataclass(frozen=True)
class SetAttr:
    """`name.a.b = ...`: binds the last attribute on whatever `name.a` is."""

    name: str
    attrs: Tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Call:
    """Calls `name.attrs...(...)`; a project function or class there is followed."""

    name: str
    attrs: Tuple[str, ...]
    line: int
    call_result: bool = False  # `@factory(...)`: then call what the call returned (the decorator)


@dataclass(frozen=True)
class If:
    test: str  # "true" | "false" | "main" (`__name__ == "__main__"`) | "not-main" | "unknown"
    body: tuple
    orelse: tuple
    line: int


@dataclass(frozen=True)
class Loop:
    body: tuple
    orelse: tuple
    line: int


@dataclass(frozen=True)
class Try:
    body: tuple
    handlers: Tuple[Tuple[Optional[Tuple[str, ...]], Optional[str], tuple], ...]  # (caught, as-name, body)
    orelse: tuple
    finalbody: tuple
    line: int


@dataclass(frozen=True)
class ClassBody:
    """A class body: runs now, in a namespace of its own."""

    body: tuple
    line: int


@dataclass(frozen=True)
class Return:
    line: int
    name: str = ""  # `return name.attrs`: the value, when it is a plain name or attribute chain
    attrs: Tuple[str, ...] = ()


Op = Union[
    Bind, BindModule, BindResult, Unbind, Define, ImportOp, DynamicImport, PackageWalk, Access, SetAttr, Call, If,
    Loop, Try, ClassBody, Return,
]


@dataclass(frozen=True)
class Function:
    """A module-level function (or a method of a module-level class) that may be called at import."""

    qualname: str
    line: int
    body: tuple
    global_names: Tuple[str, ...] = ()


@dataclass(frozen=True)
class ParseError:
    path: str
    line: int
    message: str


@dataclass(frozen=True)
class ModuleFacts:
    """Everything one pass over a file learns; no other stage reads the file again."""

    source: SourceFile
    imports: Tuple[RawImport, ...] = ()
    body: tuple = ()  # the module-level program (ops)
    functions: Tuple[Function, ...] = ()
    first_bound: Tuple[Tuple[str, int], ...] = ()  # name -> first module-level line that binds it
    open_namespace: bool = False  # globals()/exec/module __getattr__: any name may be bound
    all_names: Optional[Tuple[str, ...]] = None  # a literal __all__
    future_annotations: bool = False
    worker_imports: Tuple[Tuple[str, int], ...] = ()  # Celery include=/imports=/autodiscover_tasks
    error: Optional[ParseError] = None


@dataclass(frozen=True)
class Cycle:
    """A cycle of the graph, rotated to start at its smallest module."""

    modules: Tuple[str, ...]
    edges: Tuple[ImportSite, ...]  # edges[i] goes modules[i] -> modules[i+1 mod n]
    kind: str  # "import-time" | "deferred"
    component: int  # index of its strongly connected component


@dataclass(frozen=True)
class TraceStep:
    module: str
    path: str
    line: int
    statement: str


@dataclass(frozen=True)
class Crash:
    """What a fresh `import start` raises, and how it gets there."""

    start: str
    exception: str  # e.g. "ImportError: cannot import name 'celery' from partially initialized module 'app' ..."
    trace: Tuple[TraceStep, ...]  # from the start module to the failing statement
    failing: ImportSite  # the failing statement, as an edge importer -> partial module
    missing_name: str
    bound_at: Optional[Tuple[str, int]] = None  # (path, line) where the missing name gets bound later
    uncertain: Tuple[str, ...] = ()  # conditions we could not decide that the crash depends on


@dataclass(frozen=True)
class Suggestion:
    code: str
    summary: str
    path: str
    line: int
    before: str
    after: str


@dataclass(frozen=True)
class Finding:
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


@dataclass(frozen=True)
class Stats:
    files: int
    modules: int
    edges: int
    external_imports: int
    components: int
    findings_by_kind: Tuple[Tuple[str, int], ...]


@dataclass(frozen=True)
class Report:
    roots: Tuple[str, ...]
    stats: Stats
    findings: Tuple[Finding, ...]
    errors: Tuple[ParseError, ...]
    roles: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()
    hidden: int = 0  # findings below the display threshold
