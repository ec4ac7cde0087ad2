"""Paths on the command line -> the Python files to check, each with its dotted module name.

Import roots are found the way Python would see them: the parent of the outermost
regular package (a directory with `__init__.py`; the directory itself when that file is a
stray one among flat modules, see _stray_init), a `src/` directory of a project root,
and the project root itself. Directories without `__init__.py` below a root are
namespace packages.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import re
import sys
from stat import S_ISREG
from dataclasses import dataclass, field
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from .model import KNOWN_LIBRARIES, ParseError, SourceFile

SKIP_DIRS = frozenset(
    {".git", ".hg", ".svn", "__pycache__", "node_modules", "build", "dist", ".tox", ".nox",
     ".eggs", "site-packages", ".venv", "venv", ".mypy_cache", ".pytest_cache", ".ruff_cache",
     ".cyclecheck_cache"}
)


@dataclass(frozen=True)
class Discovery:
    files: Tuple[SourceFile, ...]
    roots: Tuple[str, ...]
    errors: Tuple[ParseError, ...]
    # per file, what os.stat said while walking (None when it failed): the cache trusts a file's
    # stored key while these are unchanged instead of reading and hashing every file again
    stats: Tuple[Optional[os.stat_result], ...] = ()


def _below(absolute: str, directory: str) -> Optional[str]:
    """`absolute` relative to `directory` when it lies below it (a string test: no relpath per file)."""
    prefix = directory if directory.endswith(os.sep) else directory + os.sep
    return absolute[len(prefix):] if absolute.startswith(prefix) else None


def display_path(path: str) -> str:
    """A path relative to the working directory when it lies below it, else absolute."""
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    if absolute == cwd:
        return "."
    return _below(absolute, cwd) or absolute


def _is_package(directory: str) -> bool:
    return os.path.isfile(os.path.join(directory, "__init__.py"))


def package_root(directory: str) -> str:
    """The sys.path entry for `directory`: the parent of its outermost regular package (that package
    itself when its `__init__.py` is a stray one, see _stray_init)."""
    directory = os.path.abspath(directory)
    while _is_package(directory):
        parent = os.path.dirname(directory)
        if parent == directory:
            break
        if not _is_package(parent) and _stray_init(directory):
            break
        directory = parent
    return directory


_IMPORT_LINE = re.compile(r"^[ \t]*(?:from[ \t]+(\.*)([\w.]*)[ \t]+import\b|import[ \t]+([\w.]+))", re.MULTILINE)
_STRAY_SCAN_FILES = 200  # files of the directory read to decide (see _stray_init)
_STRAY_SCAN_BYTES = 256 * 1024


def _import_lines(path: str) -> Optional[List[Tuple[str, str, str]]]:
    """The import lines of a module file's first bytes (see _IMPORT_LINE: the dots of a relative import, the
    module, the name); None when it is not a regular file (a FIFO named like a module would block) or cannot
    be read."""
    try:
        if not os.path.isfile(path):
            return None
        with open(path, "rb") as handle:
            text = handle.read(_STRAY_SCAN_BYTES).decode("utf-8", "replace")
    except OSError:
        return None
    return _IMPORT_LINE.findall(text)


def _walked_imports(directory: str) -> Iterator[List[Tuple[str, str, str]]]:
    """The import lines (see _import_lines) of the module files in `directory` and below, one file at a
    time: the first _STRAY_SCAN_FILES // 4 of them, in sorted order, folders starting with a dot and
    SKIP_DIRS left out."""
    read = 0
    for base, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for file in sorted(f for f in files if f.endswith(".py")):
            if read >= _STRAY_SCAN_FILES // 4:
                return
            read += 1
            lines = _import_lines(os.path.join(base, file))
            if lines is not None:
                yield lines


@functools.lru_cache(maxsize=64)
def _stray_init(directory: str) -> bool:
    """Whether the `__init__.py` of a directory is a stray one: the directory is a project root of flat
    modules that import each other by their bare names (`from models import User` beside models.py), as
    `python -c "import models"` run there imports them, and not a package. So it is when no module of the
    directory (but `__init__.py`) imports relatively or through the directory's own name, and one imports a
    sibling module by its bare name, one that no library or standard module has (`from celery import
    Celery` beside a celery.py is the library's)."""
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError:
        return False
    own = os.path.basename(directory)
    siblings = {entry.name[:-3] for entry in entries if entry.name.endswith(".py") and entry.name != "__init__.py"}
    siblings |= {entry.name for entry in entries if entry.is_dir() and _is_package(entry.path)}
    siblings -= KNOWN_LIBRARIES | frozenset(getattr(sys, "stdlib_module_names", ()))
    bare = False
    modules = [e for e in entries if e.name.endswith(".py") and e.name != "__init__.py" and e.is_file()]
    for entry in modules[:_STRAY_SCAN_FILES]:
        lines = _import_lines(entry.path)
        if lines is None:
            return False
        for dots, module, name in lines:
            top = (module or name).partition(".")[0]
            if dots or top == own:
                return False  # (`from . import views`, `from shop.models import User`: a package's modules)
            bare = bare or (top in siblings and top != entry.name[:-3])
    return bare


def _siblings(root: str, tops: set, exclude: Sequence[str]) -> List[str]:
    """The module files directly in import root `root` (beside a package given on the command line, whose
    top package names are `tops`) that import one of those packages, or a module found so: Python finds
    them on the same path, so an import of theirs that the package makes runs them (pgadmin4's
    `config.py` beside `pgadmin/`, a `wsgi.py` or `celery_worker.py` beside `app/`). A module beside
    them that imports none of them cannot be on a cycle of theirs: it stays outside, as a library."""
    try:
        with os.scandir(root) as entries:
            candidates = sorted(entry.path for entry in entries if entry.name.endswith(".py")
                                and entry.name[:-3].isidentifier() and entry.name != "__init__.py"
                                and entry.name[:-3] not in tops and entry.is_file()
                                and not (exclude and _excluded(entry.name, exclude)))
    except OSError:
        return []
    imports: Dict[str, set] = {}
    for path in candidates[:_STRAY_SCAN_FILES]:
        lines = _import_lines(path)
        if lines is not None:
            imports[path] = {(module or name).partition(".")[0] for dots, module, name in lines if not dots}
    names, pulled = set(tops), []
    while True:
        more = [path for path in sorted(imports) if imports[path] & names]
        if not more:
            return sorted(pulled)
        for path in more:
            pulled.append(path)
            names.add(os.path.basename(path)[:-3])
            del imports[path]


def _has_python(directory: str) -> bool:
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                if entry.name.endswith(".py") or (entry.is_dir() and _is_package(entry.path)):
                    return True
    except OSError:
        return False
    return False


_PROJECT_FILES = frozenset({"pyproject.toml", "setup.py", "setup.cfg", "tox.ini", ".git", "src",
                            "requirements.txt"})


@functools.lru_cache(maxsize=64)
def _namespace_portion(directory: str) -> bool:
    """Whether a directory without `__init__.py` given on the command line is a namespace package (PEP 420:
    ckan's `ckanext/`, holding only packages that import each other as `ckanext.datastore...`), whose import
    root is its parent, rather than a project root. So it is when it holds nothing that marks a project
    (pyproject.toml, setup.py, .git, src/...), has no entry of its own name (`app/app/` makes `import
    app.x` the inner package's), and a module in it or below imports through its name."""
    own = os.path.basename(directory)
    if not own.isidentifier() or _is_package(directory):
        return False
    try:
        with os.scandir(directory) as entries:
            names = [entry.name for entry in entries]
    except OSError:
        return False
    if any(name in _PROJECT_FILES or name == own or name == own + ".py" for name in names):
        return False
    return any(not dots and (module or imported).partition(".")[0] == own
               for lines in _walked_imports(directory) for dots, module, imported in lines)


@functools.lru_cache(maxsize=64)
def _enclosing_root(root: str, directory: str) -> str:
    """`root` (the parent of the outermost regular package holding `directory`), or a folder up to three
    levels above it, when `root` is a namespace package itself: a folder named like a package, with no
    mark of a project root, inside a regular package (`airflow/providers/celery`: providers/ is a namespace
    package inside airflow, whose parent is the import root), or whose modules below `directory` import
    themselves through the names of the folders between (`top/ns/pkg` importing `top.ns.pkg.a`)."""
    top = (_below(directory, root) or "").split(os.sep)[0]
    if not top or not os.path.basename(root).isidentifier():
        return root
    try:
        if any(os.path.exists(os.path.join(root, name)) for name in _PROJECT_FILES):
            return root
    except OSError:
        return root
    up = root
    for _ in range(3):  # (a folder without __init__.py inside a regular package: a namespace subpackage of it)
        parent = os.path.dirname(up)
        if parent == up or not os.path.basename(up).isidentifier():
            break
        if _is_package(parent):
            return package_root(parent)
        up = parent
    imported = {module or name for lines in _walked_imports(directory) for dots, module, name in lines if not dots}
    prefix: List[str] = []
    candidate = root
    for _ in range(3):
        parent = os.path.dirname(candidate)
        prefix.insert(0, os.path.basename(candidate))
        if parent == candidate or not prefix[0].isidentifier():
            return root
        dotted = ".".join(prefix + [top])
        if any(name == dotted or name.startswith(dotted + ".") for name in imported):
            return parent
        candidate = parent
    return root


def roots_for(directory: str) -> List[str]:
    """Import roots under a directory given on the command line (deepest first)."""
    directory = os.path.abspath(directory)
    if _is_package(directory) and package_root(directory) != directory:
        return [_enclosing_root(package_root(directory), directory)]
    if _namespace_portion(directory):
        return [os.path.dirname(directory)]
    roots = [directory]
    src = os.path.join(directory, "src")
    if os.path.isdir(src) and not _is_package(src) and _has_python(src):
        roots.insert(0, src)
    return roots


def module_name(path: str, root: str) -> Tuple[str, bool]:
    """`root/app/views/__init__.py` -> ("app.views", True)."""
    return _module_name(os.path.abspath(path), root)


def _module_name(path: str, root: str) -> Tuple[str, bool]:
    rel = _below(path, root) or os.path.relpath(path, root)
    parts = rel.replace(os.sep, "/").split("/")
    stem = parts[-1][:-3] if parts[-1].endswith(".py") else parts[-1]
    if stem == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts[:-1] + [stem]), False


def _excluded(rel_posix: str, patterns: Sequence[str]) -> bool:
    name = rel_posix.rsplit("/", 1)[-1]
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if (fnmatch.fnmatch(rel_posix, pattern) or fnmatch.fnmatch(name, pattern)
                or fnmatch.fnmatch(rel_posix, pattern + "/*")):
            return True
    return False


def signature(st: os.stat_result) -> Tuple[int, int, int, int, int]:
    """What of a file's or directory's stat says it is unchanged: (device, inode, size, mtime, ctime)."""
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


@dataclass
class Listings:
    """The directory listings of an earlier run (`stored`) and of this one (`seen`), by directory.

    A directory's entries change only with its mtime and ctime (an entry created, removed or renamed in
    it updates both), so while its stat is the same, the stored listing stands and the directory is not
    read again (the cache decides which listings are old enough to be stored, see cache.py)."""

    stored: Dict[str, tuple] = field(default_factory=dict)
    seen: Dict[str, tuple] = field(default_factory=dict)


def _listing(directory: str, listings: Optional[Listings]) -> tuple:
    """(has a pyvenv.cfg entry, its subdirectories and .py entries as sorted (name, is_dir, is_symlink));
    raises OSError when the directory cannot be read."""
    sig = None
    if listings is not None:
        try:
            sig = signature(os.stat(directory))
        except OSError:
            sig = None
        stored = listings.stored.get(directory)
        if sig is not None and isinstance(stored, tuple) and len(stored) == 2 and stored[0] == sig and _valid(stored[1]):
            listings.seen[directory] = stored
            return stored[1]
    with os.scandir(directory) as it:
        entries = sorted(it, key=lambda e: e.name)
    venv = False
    kept = []
    for entry in entries:
        if entry.name == "pyvenv.cfg":
            venv = True  # (whether it exists, when it is a symlink, is asked again on every run)
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir or entry.name.endswith(".py"):
            kept.append((entry.name, is_dir, False if is_dir else entry.is_symlink()))
    listing = (venv, tuple(kept))
    if listings is not None and sig is not None:
        listings.seen[directory] = (sig, listing)
    return listing


def _valid(listing) -> bool:
    return (isinstance(listing, tuple) and len(listing) == 2 and isinstance(listing[0], bool)
            and isinstance(listing[1], tuple) and all(
                isinstance(e, tuple) and len(e) == 3 and isinstance(e[0], str) for e in listing[1]))


def _walk(top: str, base: str, exclude: Sequence[str], errors: List[ParseError],
          listings: Optional[Listings] = None) -> Iterable[str]:
    """Python files below `top`, in sorted order, never following directory symlinks."""
    stack = [top]
    while stack:
        directory = stack.pop()
        try:
            venv, entries = _listing(directory, listings)
        except OSError as exc:
            errors.append(ParseError(display_path(directory), 0, f"cannot read directory: {exc.strerror or exc}"))
            continue
        if venv and directory != top and os.path.exists(os.path.join(directory, "pyvenv.cfg")):
            continue  # a virtualenv inside the project
        subdirs = []
        for name, is_dir, is_symlink in entries:
            path = os.path.join(directory, name)
            if exclude and _excluded(os.path.relpath(path, base).replace(os.sep, "/"), exclude):
                continue
            if is_dir:
                if name in SKIP_DIRS or name.startswith("."):
                    continue
                subdirs.append(path)
            else:
                if is_symlink and not os.path.exists(path):
                    errors.append(ParseError(display_path(path), 0, "broken or looping symlink"))
                    continue
                yield path
        stack.extend(reversed(subdirs))


def _given(given: str) -> Tuple[str, List[str], Optional[ParseError]]:
    """A path of the command line: (absolute, its import roots, why it is skipped)."""
    given_abs = os.path.abspath(given)
    if os.path.isdir(given_abs):
        if os.path.exists(os.path.join(given_abs, "pyvenv.cfg")):
            return given_abs, [], ParseError(display_path(given), 0, "is a virtualenv; skipped")
        return given_abs, roots_for(given_abs), None
    return given_abs, [package_root(os.path.dirname(given_abs))], None


def import_roots(paths: Sequence[str]) -> Tuple[str, ...]:
    """The `roots` that `discover(paths)` finds, without walking any directory (for the cache's place)."""
    roots: List[str] = []
    for given in paths:
        for root in _given(given)[1]:
            if root not in roots:
                roots.append(root)
    return tuple(display_path(r) for r in roots)


def discover(paths: Sequence[str], exclude: Sequence[str] = (), listings: Optional[Listings] = None) -> Discovery:
    """Find every Python file under `paths` and name its module.

    The caller has checked that every path exists. A module reachable twice (a
    package given together with its project root) is listed once. `listings`: the
    directory listings of an earlier run, to reuse (and this run's, recorded).
    """
    errors: List[ParseError] = []
    found = {}
    roots: List[str] = []
    cwd = os.getcwd()
    shown: dict = {}  # root -> its display path

    def show(absolute: str) -> str:  # display_path for a path already absolute and normalised
        return "." if absolute == cwd else (_below(absolute, cwd) or absolute)

    given_packages: Dict[str, set] = {}  # import root -> the top packages given below it (see _siblings)
    walked: List[str] = []
    for given in paths:
        given_abs, candidate_roots, skipped = _given(given)
        if skipped is not None:
            errors.append(skipped)
            continue
        if os.path.isdir(given_abs):
            walked.append(given_abs)
            if candidate_roots and candidate_roots[0] != given_abs and (
                    _is_package(given_abs) or _namespace_portion(given_abs)):
                top = (_below(given_abs, candidate_roots[0]) or "").replace(os.sep, "/").partition("/")[0]
                if top:
                    given_packages.setdefault(candidate_roots[0], set()).add(top)
        files: Iterable[str] = _walk(given_abs, given_abs, exclude, errors, listings) if os.path.isdir(given_abs) \
            else [given_abs]
        for root in candidate_roots:
            if root not in roots:
                roots.append(root)
        prefixes = [(r, r + os.sep) for r in candidate_roots]
        for path in files:  # absolute and normalised: given_abs, or joined below it by scandir
            try:  # the same file reached twice (a symlink, or a package given with its root) is one file
                stat: Optional[os.stat_result] = os.stat(path)
                real = (stat.st_dev, stat.st_ino)
            except OSError:
                stat, real = None, os.path.realpath(path)
            if real in found:
                continue
            if stat is not None and not S_ISREG(stat.st_mode):  # (Python's import system skips it too)
                errors.append(ParseError(show(path), 0, "not a regular file (a FIFO, socket or device); skipped"))
                continue
            root = next((r for r, prefix in prefixes if path.startswith(prefix)), None)
            if root is None:
                root = os.path.dirname(path)
            name, is_package = _module_name(path, root)
            if not name:
                continue
            if root not in shown:
                shown[root] = show(root)
            found[real] = (SourceFile(show(path), name, shown[root], is_package), stat)
    for root, tops in sorted(given_packages.items()):
        if any(root == w or _below(root, w) is not None for w in walked):
            continue  # (the root itself was walked: its modules are all there)
        for path in _siblings(root, tops, exclude):
            try:
                stat = os.stat(path)
            except OSError:
                continue
            if (stat.st_dev, stat.st_ino) not in found and S_ISREG(stat.st_mode):
                shown.setdefault(root, show(root))
                found[(stat.st_dev, stat.st_ino)] = (SourceFile(show(path), _module_name(path, root)[0], shown[root],
                                                                False), stat)
    by_name = {}
    # In one directory a package wins over a module file of the same name, as CPython's path finder
    # decides (`app/__init__.py` is imported, `app.py` beside it never is)
    for source, stat in sorted(found.values(), key=lambda pair: (pair[0].module, pair[0].root,
                                                                 not pair[0].is_package, pair[0].path)):
        if source.module in by_name:
            winner = by_name[source.module][0]
            if winner.is_package and not source.is_package and winner.root == source.root:
                message = (f"module {source.module!r} is never imported: the package at {winner.path} "
                           f"takes its name; skipped")
            else:
                message = f"module {source.module!r} is also found at {winner.path}; skipped"
            errors.append(ParseError(source.path, 0, message))
            continue
        by_name[source.module] = (source, stat)
    return Discovery(
        files=tuple(source for source, _ in by_name.values()),
        roots=tuple(display_path(r) for r in roots),
        errors=tuple(sorted(errors, key=lambda e: (e.path, e.line, e.message))),
        stats=tuple(stat for _, stat in by_name.values()),
    )
