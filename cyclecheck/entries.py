"""Entry points: the modules that real processes import first, and how they start.

Found in the project's own files, without running anything: well-known file names at
an import root (`wsgi.py`, `manage.py`, `celery_worker.py`, ...), command lines in a
`Procfile`, `docker-compose*.yml`, `Makefile`, shell scripts, supervisord and systemd
files (`celery -A X worker`, `gunicorn X:app`, `python X.py`, `flask --app X`),
`FLASK_APP` in `.flaskenv`/`.env`, `[project.scripts]` in `pyproject.toml`, and
`--entry MODULE` given by the user.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from . import model as m
from .discovery import display_path

WELL_KNOWN = {
    "wsgi": "gunicorn {module}:app",
    "asgi": "uvicorn {module}:app",
    "app": "python {path}",
    "manage": "python {path}",
    "run": "python {path}",
    "celery_worker": "celery -A {module} worker",
    "worker": "celery -A {module} worker",
}
COMMAND_FILES = re.compile(r"^(Procfile.*|docker-compose.*\.ya?ml|compose.*\.ya?ml|Makefile|.*\.sh|"
                           r"supervisord.*\.conf|.*\.ini|.*\.service|\.flaskenv|\.env|Dockerfile.*|tox\.ini)$")
CELERY = re.compile(r"\bcelery\b[^\n]*?(?:-A|--app)[ =]+([\w.:]+)[^\n]*?\b(worker|beat|flower)\b")
CELERY_SHORT = re.compile(r"\bcelery\b\s+(?:-A|--app)[ =]+([\w.:]+)(?:\s+([a-z_]+))?")
# what a worker or beat imports at start (include=, imports=, autodiscover); other subcommands only load the app
CELERY_STARTS_TASKS = frozenset({"worker", "beat"})
GUNICORN = re.compile(r"\b(?:gunicorn|uvicorn|waitress-serve|hypercorn)\b[^\n]*?\s([A-Za-z_][\w.]*):[\w()]+")
PYTHON_SCRIPT = re.compile(r"\bpython[0-9.]*\s+(?:-[A-Za-z]+\s+)*([\w./-]+\.py)\b")
PYTHON_MODULE = re.compile(r"\bpython[0-9.]*\s+-m\s+([\w.]+)")
FLASK_APP = re.compile(r"(?:FLASK_APP\s*[=:]\s*[\"']?|flask\s+--app[ =]+)([\w.]+(?::[\w()]+)?)")
UWSGI = re.compile(r"--module[ =]+([\w.]+)")


@dataclass(frozen=True)
class Entry:
    module: str
    command: str  # how a real process starts it, e.g. "celery -A celery_worker.celery worker"
    declared_at: str  # file[:line] that says so, or "--entry"
    as_script: bool = False  # the file runs as __main__
    worker: bool = False  # a Celery worker: imports the configured task modules after loading
    as_module: bool = False  # `python -m`: its packages are imported first, then it runs as __main__


def _module_for(dotted: str, modules: Sequence[str]) -> Optional[str]:
    """The longest project module that `pkg.mod:attr` / `pkg.mod.attr` names."""
    parts = re.split(r"[.:]", dotted)
    known = set(modules)
    for i in range(len(parts), 0, -1):
        candidate = ".".join(parts[:i])
        if candidate in known:
            return candidate
    return None


def _script_module(script: str, base: str, by_path: Dict[str, str]) -> Optional[str]:
    path = os.path.normpath(os.path.join(base, script))
    return by_path.get(path)


def command_files(roots: Iterable[str]) -> List[str]:
    """Files that may hold command lines: in each root, its parent, and their script folders."""
    seen: List[str] = []
    for root in roots:
        for base in (root, os.path.dirname(os.path.abspath(root))):
            for directory in [base] + [os.path.join(base, sub) for sub in ("scripts", "bin", "deploy", "docker")]:
                try:
                    names = sorted(os.listdir(directory))
                except OSError:
                    continue
                for name in names:
                    path = os.path.join(directory, name)
                    if COMMAND_FILES.match(name) and os.path.isfile(path) and path not in seen:
                        seen.append(path)
    return seen


def find_entries(roots: Sequence[str], facts: Sequence[m.ModuleFacts], given: Sequence[str] = ()) -> List[Entry]:
    modules = sorted(f.source.module for f in facts)
    facts_by_name = {f.source.module: f for f in facts}
    by_path = {os.path.normpath(os.path.abspath(f.source.path)): f.source.module for f in facts}
    entries: Dict[Tuple[str, bool, bool], Entry] = {}

    def add(entry: Entry) -> None:
        entries.setdefault((entry.module, entry.as_script, entry.worker), entry)

    for name in given:
        module = _module_for(name, modules)
        if module:
            add(Entry(module, f"import {module}", "--entry"))
    for path in command_files(roots):
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                text = handle.read(256 * 1024)
        except OSError:
            continue
        base = os.path.dirname(path)
        for lineno, line in enumerate(text.splitlines(), 1):
            where = f"{display_path(path)}:{lineno}"
            # (a compose `command: ["gunicorn", "app:app"]` list, quoted arguments: a plain command line)
            line = " ".join(re.sub(r"[\[\]\"',]", " ", line).split())
            for match in CELERY.finditer(line):
                module = _celery_module(match.group(1), modules, facts_by_name)
                if module:
                    add(Entry(module, f"celery -A {match.group(1)} {match.group(2)}", where, worker=True))
            if not CELERY.search(line):
                for match in CELERY_SHORT.finditer(line):
                    module = _celery_module(match.group(1), modules, facts_by_name)
                    sub = match.group(2) or ""
                    if module:
                        add(Entry(module, f"celery -A {match.group(1)}" + (f" {sub}" if sub else ""), where,
                                  worker=not sub or sub in CELERY_STARTS_TASKS))
            for match in PYTHON_MODULE.finditer(line):  # runpy: the packages, then the module as __main__
                module = match.group(1)
                if module in facts_by_name and facts_by_name[module].source.is_package:
                    module = f"{module}.__main__"
                if module in facts_by_name:
                    add(Entry(module, f"python -m {match.group(1)}", where, as_script=True, as_module=True))
            for pattern, template in ((GUNICORN, "{cmd}"), (FLASK_APP, "flask --app {arg} run"),
                                      (UWSGI, "uwsgi --module {arg}")):
                for match in pattern.finditer(line):
                    module = _module_for(match.group(1), modules)
                    if module:
                        command = match.group(0).strip() if template == "{cmd}" else template.format(arg=match.group(1))
                        add(Entry(module, command, where))
            for match in PYTHON_SCRIPT.finditer(line):
                module = _script_module(match.group(1), base, by_path)
                if module:
                    add(Entry(module, f"python {match.group(1)}", where, as_script=True))
    root_set = {os.path.normpath(os.path.abspath(r)) for r in roots}
    for fact in sorted(facts, key=lambda f: f.source.module):
        source = fact.source
        if "." in source.module or source.module not in WELL_KNOWN:
            continue
        if os.path.normpath(os.path.abspath(os.path.dirname(source.path))) not in root_set:
            continue
        command = WELL_KNOWN[source.module].format(module=source.module, path=os.path.basename(source.path))
        if command.startswith("celery ") and source.module == "worker" and not _mentions_celery(fact):
            command = f"python {os.path.basename(source.path)}"  # a worker.py of another kind: a script
        if command.startswith("celery ") and "celery" in dict(fact.first_bound):
            command = command.replace(f"-A {source.module} ", f"-A {source.module}.celery ")
        if command.startswith("gunicorn ") and "application" in dict(fact.first_bound) and \
                "app" not in dict(fact.first_bound):
            command = f"gunicorn {source.module}:application"  # (what Django's and many wsgi.py bind)
        as_script = command.startswith("python ")
        if as_script and not _has_main_block(fact):
            as_script, command = False, f"import {source.module}"
        add(Entry(source.module, command, source.path, as_script=as_script, worker=command.startswith("celery")))
        if source.module == "app" and _imports(fact, "flask"):
            add(Entry(source.module, "flask run", source.path))  # (with no --app, Flask imports app.py)
    for fact in sorted(facts, key=lambda f: f.source.module):
        # Celery's own layout: proj/celery.py makes the app, and `celery -A proj worker` starts it
        package, _, last = fact.source.module.partition(".")
        if last != "celery" or package not in facts_by_name or not _imports(fact, "celery"):
            continue
        if os.path.normpath(os.path.abspath(os.path.dirname(os.path.dirname(fact.source.path)))) in root_set:
            add(Entry(_celery_module(package, modules, facts_by_name) or package, f"celery -A {package} worker",
                      fact.source.path, worker=True))
    for script, target, where in _pyproject_scripts(roots):
        module = _module_for(target.split(":")[0], modules)
        if module:
            add(Entry(module, script, where))
    return sorted(entries.values(), key=lambda e: (e.declared_at == "--entry" and 0 or 1, e.module, e.command))


def _mentions_celery(fact: m.ModuleFacts) -> bool:
    """Whether a module imports Celery or names a Celery app: else a `worker.py` is no Celery worker."""
    return bool(fact.worker_imports) or "celery" in dict(fact.first_bound) or any(
        raw.target.partition(".")[0] == "celery" or any("celery" in name.lower() for name, _ in raw.names)
        for raw in fact.imports)


def _imports(fact: m.ModuleFacts, library: str) -> bool:
    """Whether a module imports a library (or a module of it) by an absolute import."""
    return any(raw.level == 0 and raw.target.partition(".")[0] == library for raw in fact.imports)


def _celery_module(app: str, modules: Sequence[str], facts: Dict[str, m.ModuleFacts]) -> Optional[str]:
    """The module `celery -A app` imports: `app`'s module; for a package that binds no `app` or `celery`,
    its `celery` submodule, which Celery imports next when it finds no app in the package."""
    module = _module_for(app, modules)
    fact = facts.get(module) if module else None
    if fact is not None and fact.source.is_package and ":" not in app and app == module \
            and f"{module}.celery" in facts and not {"app", "celery"} & set(dict(fact.first_bound)):
        return f"{module}.celery"
    return module


def _has_main_block(fact: m.ModuleFacts) -> bool:
    return any(isinstance(op, m.If) and op.test in ("main", "not-main") for op in fact.body)


def pyproject_files(roots: Sequence[str]) -> List[str]:
    """The `pyproject.toml` files whose `[project.scripts]` name entry points: in each root and its parent."""
    found: List[str] = []
    for root in roots:
        for directory in (root, os.path.dirname(os.path.abspath(root))):
            path = os.path.join(directory, "pyproject.toml")
            if os.path.isfile(path) and path not in found:
                found.append(path)
    return found


def _pyproject_scripts(roots: Sequence[str]) -> List[Tuple[str, str, str]]:
    found = []
    for path in pyproject_files(roots):
        try:
            data = _load_toml(path)
        except Exception:  # a broken pyproject is not ours to report here
            continue
        scripts = data.get("project", {}).get("scripts", {})
        if isinstance(scripts, dict):
            for name, target in sorted(scripts.items()):
                if isinstance(target, str):
                    found.append((name, target, display_path(path)))
    return found


def _load_toml(path: str) -> dict:
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        import tomli as tomllib
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def worker_modules(facts: Sequence[m.ModuleFacts], declared_in: Optional[set] = None) -> List[str]:
    """Task modules a Celery worker imports at start (include=, imports=, autodiscover_tasks), as declared
    in the modules `declared_in` (those the worker's own start imports; all modules when None)."""
    names = {f.source.module for f in facts}
    found = []
    for fact in sorted(facts, key=lambda f: f.source.module):
        if declared_in is not None and fact.source.module not in declared_in:
            continue
        for target, _ in fact.worker_imports:
            if target in names and target not in found:
                found.append(target)
    return found
