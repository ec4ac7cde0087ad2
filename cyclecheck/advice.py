"""A concrete fix for every finding, in the user's own names, and the docs of every code.

`attach()` gives each finding a `Suggestion` with a stable code and a before/after
snippet built from the project's modules, variables and statements:

* CC101 the Celery app is created inside the app factory / `make_celery(app)` / a worker
  script, and task modules import it from there;
* CC102 task, model or other modules import an extension object (`db`, `celery`, ...)
  from the app package (or module) instead of an extensions module;
* CC104 views or models import a task module at import time, and the task module imports
  them (or the app) back;
* CC103 a module (typically a package `__init__`) imports views/models before binding the
  name they import back from it;
* CC105 anything else: the one import edge whose removal breaks the most cycles of the
  strongly connected component (a greedy minimum-feedback-edge-set step).

`shadow_findings()` produces CC106 errors of their own: a project module at an import
root that shadows a library it means to import (`celery.py`, `flask.py`, `logging.py`, ...).

`EXPLANATIONS` holds the long documentation `cyclecheck --explain CODE` prints.
"""

from __future__ import annotations

import ast
import re
import sys
import textwrap
from bisect import bisect_left
from collections import deque
from dataclasses import replace
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

from . import model as m
from .graph import OWNED, absolute_target, interpreter_owned
from .parsing import walk_ops
from .roles import ENTRY_FILES, Knowledge

CC101 = "CC101"
CC102 = "CC102"
CC103 = "CC103"
CC104 = "CC104"
CC105 = "CC105"
CC106 = "CC106"
SHADOWED = "shadowed-library"

MAX_SNIPPET_LINES = 8

EXPLANATIONS: Dict[str, str] = {
    "CC001": """\
# CC001 import-time-crash (error)

## What it does
Replays a fresh `import M` for every module that reaches an import cycle, the way
CPython executes it (parents first, names bound in statement order, module-level calls
followed), and reports the cycles where some first import raises the circular
`ImportError: cannot import name 'x' from partially initialized module 'pkg'` or
`AttributeError: partially initialized module 'pkg' has no attribute 'x'`.

## Why is this bad?
The process that imports that module first dies at start-up. Which module comes first
depends on the entry point: `flask run`, `gunicorn wsgi:app`, `celery -A celery_worker
worker` and the test runner each import a different module first, so the crash often
shows up only in one of them (typically the Celery worker).

## Example
```python
# app/__init__.py
from app.views.account import account_bp   # runs views -> tasks -> `from app import celery`
celery = make_celery(create_app())          # ... bound only here
```

## Use instead
Follow the suggestion attached to the finding (CC101-CC105): bind the name before the
import that needs it, move shared objects to a module without project imports
(`extensions.py`), or defer the import into the function that uses it.
""",
    "CC002": """\
# CC002 import-time-cycle (warning)

## What it does
Reports an import cycle whose imports all run at import time but which no first import
crashes today: every name is bound before it is read back.

## Why is this bad?
It works only because of the order of the statements. Moving an import to the top
(as isort or ruff do), adding a `from x import y`, or reading a name at module level
turns it into a CC001 crash.

## Example
```python
# app/__init__.py
app = Flask(__name__)
from app import views   # views.py does `from app import app`: fine, app is bound above
```

## Use instead
Keep the cycle out of import time: create the app in a factory and import/register the
blueprints inside it, keep shared objects in an extensions module.
""",
    "CC003": """\
# CC003 deferred-cycle (info, shown with --show-deferred)

## What it does
Reports a cycle that exists only through imports inside functions or under
`if TYPE_CHECKING:`.

## Why is this bad?
It cannot crash at import time; it is listed so the architecture stays visible. A
function-level import that is moved to the top later becomes a CC001/CC002.

## Example
```python
def create_app():
    from app.views import bp   # deferred: runs when create_app() is called
```

## Use instead
Nothing is required. Keep such imports inside the function, or break the dependency
as the attached suggestion says.
""",
    "CC004": """\
# CC004 entry-point-crash (error)

## What it does
Like CC001, but for the way a real process starts: a script run as `python wsgi.py`
(as `__main__`), or a Celery worker entry (`celery -A celery_worker worker`) that then
imports its task modules. The finding names the entry point and the command.

## Why is this bad?
That process dies at start-up with the circular `ImportError`/`AttributeError`, even when
importing the same modules in another order works.

## Example
```python
# celery_worker.py
from newsroom import create_app, tasks   # tasks.py: from celery_worker import celery
celery = Celery(...)
```

## Use instead
Apply the suggestion attached to the finding (CC101-CC105).
""",
    "CC010": """\
# CC010 unused-suppression (warning)

## What it does
Reports a `# cyclecheck: ignore` (or `ignore[CODES]`) comment on an import that is on no
reported cycle (of those codes).

## Why is this bad?
A stale suppression hides nothing today and would silently hide a new cycle through the
same import tomorrow.

## Example
```python
from app.models import User  # cyclecheck: ignore
```

## Use instead
Remove the comment:
```python
from app.models import User
```
""",
    CC101: """\
# CC101 celery-created-in-factory

## What it does
Fires when task modules import the Celery app from a module that creates it inside the
app factory, inside `make_celery(app)`, or from the app in a worker script
(`celery = Celery(app.import_name)` after `app = create_app()`).

## Why is this bad?
The Celery instance exists only after the Flask app has been created, but the task
modules need it at import time for `@celery.task`. The app package imports views,
views import tasks, tasks import `celery` back from the half-initialised package:
`ImportError: cannot import name 'celery' from partially initialized module 'app'`
(usually only when the worker starts: `celery -A celery_worker.celery worker`).

## Example
```python
# app/__init__.py
def make_celery(app):
    celery = Celery(app.import_name, broker=app.config["CELERY_BROKER_URL"])
    ...
celery = make_celery(create_app())

# app/tasks/email.py
from app import celery
```

## Use instead
Create the Celery app once, at module level, in a module with no project imports, and
configure it in the factory:
```python
# app/extensions.py
from celery import Celery
celery = Celery("app")

# app/__init__.py
from app.extensions import celery
def create_app():
    app = Flask(__name__)
    celery.conf.update(app.config)
    return app

# app/tasks/email.py
from app.extensions import celery

# celery_worker.py   (celery -A celery_worker.celery worker)
from app import create_app
from app.extensions import celery
app = create_app()
app.app_context().push()
```
Or follow the Flask documentation: declare tasks with `@shared_task` (they import no
Celery object at all) and create the Celery app in `celery_init_app(app)` called from
`create_app()`.
""",
    CC102: """\
# CC102 extension-imported-from-app-package

## What it does
Fires when a module on an import cycle imports an extension object (`db = SQLAlchemy()`,
`celery = Celery(...)`, `login_manager = LoginManager()`, ...) from the app package or
app module, which itself imports that module (directly or through views/blueprints).

## Why is this bad?
The package binds `db` only after its imports have run, so `from app import db` in
the models (or `app.db.Model` at class level) meets a partially initialised package:
`ImportError: cannot import name 'db' from partially initialized module 'app'`.
Even when the order happens to work, any reordering of imports breaks it.

## Example
```python
# inventory/__init__.py
from inventory.models import Item
db = SQLAlchemy()

# inventory/models.py
from inventory import db
```

## Use instead
Create the extension objects in an extensions module that imports nothing from the
project, and bind them to the app in the factory with `init_app`:
```python
# inventory/extensions.py
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()

# inventory/models.py
from inventory.extensions import db

# inventory/__init__.py
from inventory.extensions import db
def create_app():
    app = Flask(__name__)
    db.init_app(app)
    return app
```
""",
    CC103: """\
# CC103 import-before-binding

## What it does
Fires when a module (typically a package `__init__.py` or the module creating the Flask
app) imports views, models or other submodules before it binds the name those modules
import back from it.

## Why is this bad?
The imported module runs while the importer is only half executed, and the name it
needs does not exist yet: `ImportError: cannot import name 'app' from partially
initialized module 'app'`, or `AttributeError` for `pkg.name` reads.

## Example
```python
# app/__init__.py
from app import views          # views.py: from app import app
app = Flask(__name__)
```

## Use instead
Bind the name first and import the modules that use it afterwards (the layout of the
Flask documentation), or better, import and register the blueprints inside the app
factory:
```python
# app/__init__.py
app = Flask(__name__)
from app import views  # noqa: E402

# or
def create_app():
    app = Flask(__name__)
    from app.views import bp
    app.register_blueprint(bp)
    return app
```
""",
    CC104: """\
# CC104 views-import-tasks

## What it does
Fires when views (or models) import a task module at import time and the task module
imports them, the app or the app package back.

## Why is this bad?
Starting the worker imports the task module first; it imports the models/app, which
import the task module that is still half initialised:
`ImportError: cannot import name 'send_reminder' from partially initialized module
'clinic.tasks.reminders'`. Importing the task "at the bottom" only moves the crash to
another entry point.

## Example
```python
# clinic/models.py
class Appointment(db.Model):
    def schedule_reminder(self):
        send_reminder.apply_async(args=[self.id])

from clinic.tasks.reminders import send_reminder
```

## Use instead
Import the task inside the function that sends it, let the task use `current_app`
instead of importing the app, or send the task by name without importing its module:
```python
    def schedule_reminder(self):
        from clinic.tasks.reminders import send_reminder
        send_reminder.apply_async(args=[self.id])

# or
celery.send_task("clinic.send_reminder", args=[self.id])
```
""",
    CC105: """\
# CC105 break-the-cycle-here

## What it does
For cycles that match no Flask/Celery pattern, names the single import edge whose removal
breaks the most cycles of the strongly connected component (a greedy step of a minimum
feedback edge set, computed with networkx), with who imports what through it.

## Why is this bad?
Every cycle is an ordering constraint on start-up; a component with many cycles is
fragile. Removing the edge shared by most cycles is the cheapest way out.

## Example
```python
# quantities.py
from units import Unit     # on 3 of the 3 cycles of {conversions, quantities, units}
```

## Use instead
Defer that import into the function that uses it, import the module instead of the
name (`import units` and `units.Unit` at call time), or move what both modules need into
a third module that imports neither.
```python
def convert(value):
    from units import Unit
    ...
```
""",
    CC106: """\
# CC106 shadowed-library (error)

## What it does
Fires for a project module at an import root whose name is the name of a library it (or
the project) means to import: `celery.py` doing `from celery import Celery`, a local
`flask.py`, or a standard-library name such as `logging.py`, `email.py`, `json.py`.

## Why is this bad?
The import root comes first on `sys.path`, so `import celery` imports the project's own
file: `from celery import Celery` inside `celery.py` imports the file itself and fails
with `ImportError: cannot import name 'Celery' from partially initialized module
'celery'`; a local `logging.py` breaks every library that logs
(`AttributeError: module 'logging' has no attribute 'getLogger'`).

## Example
```python
# celery.py   (run as: celery -A celery worker)
from celery import Celery
app = Celery("proj")
```

## Use instead
Rename the file (`celery_app.py`, `app_logging.py`, `mail.py`, ...) and update the
imports and the `-A` option:
```python
# celery_app.py   (run as: celery -A celery_app worker)
from celery import Celery
app = Celery("proj")
```
""",
}

CODES = tuple(EXPLANATIONS)


def explain(code: str) -> Optional[str]:
    return EXPLANATIONS.get(code.strip().upper())


# --- project access ------------------------------------------------------------------------------------

class _Project:
    def __init__(self, facts: Sequence[m.ModuleFacts], graph, knowledge: Knowledge, components=(),
                 memo: Optional[Dict[tuple, object]] = None):
        self.facts = {f.source.module: f for f in facts}
        self.graph = graph  # networkx.DiGraph or None
        self.k = knowledge
        self.components = components
        self._trees: Dict[str, Optional[ast.Module]] = {}
        self._uses: Dict[str, Optional[tuple]] = {}
        self._running: Dict[str, Set[str]] = {}  # module -> its functions that run at import
        self._member_sets: Optional[list] = None
        self._through: Dict[int, Dict[Tuple[str, str], int]] = {}
        # answers that are pure functions of their key (a text's digest, a graph's), kept by the last run
        self.memo_in: Dict[tuple, object] = dict(memo or {})
        self.memo_out: Dict[tuple, object] = {}
        self._digests: Dict[str, str] = {}
        self._scores: Dict[Tuple[int, bool, Tuple[str, str]], Tuple[int, int]] = {}
        self._parts: Dict[Tuple[int, bool], "_CyclicParts"] = {}

    def path(self, module: str) -> str:
        fact = self.facts.get(module)
        return fact.source.path if fact else module.replace(".", "/") + ".py"

    def text(self, module: str) -> str:
        if module not in self.k.texts:
            from .parsing import read_source

            fact = self.facts.get(module)
            text = read_source(fact.source.path)[0] if fact else None
            self.k.texts[module] = text or ""
        return self.k.texts[module]

    def tree(self, module: str) -> Optional[ast.Module]:
        if module not in self._trees:
            try:
                self._trees[module] = ast.parse(self.text(module))
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                self._trees[module] = None
        return self._trees[module]

    def remembered(self, key: tuple, compute):
        """`compute()`, or what it gave the last run for the same key."""
        if key in self.memo_out:
            return self.memo_out[key]
        value = self.memo_in[key] if key in self.memo_in else compute()
        self.memo_out[key] = value
        return value

    def run_at_import(self, module: str) -> Set[str]:
        """The names of the module's functions that run while it is imported (see _run_at_import)."""
        if module not in self._running:
            self._running[module] = _run_at_import(self.tree(module))
        return self._running[module]

    def text_digest(self, module: str) -> str:
        if module not in self._digests:
            from .cache import bytes_digest

            self._digests[module] = bytes_digest(self.text(module).encode("utf-8", "surrogatepass"))
        return self._digests[module]

    def uses(self, module: str) -> Optional[Tuple[list, Dict[str, List[Tuple[int, int]]]]]:
        """The module's functions in `ast.walk` order, each with the text range it spans (decorators
        included) and where its body starts, and the sorted positions where each name is read; one
        walk of the tree per module."""
        if module not in self._uses:
            tree = self.tree(module)
            if tree is None:
                self._uses[module] = None
                return None
            functions, loads = [], {}
            for node in ast.walk(tree):
                if isinstance(node, ast.Name):
                    if isinstance(node.ctx, ast.Load):
                        loads.setdefault(node.id, []).append((node.lineno, node.col_offset))
                elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    start = min([(node.lineno, node.col_offset)] +
                                [(d.lineno, d.col_offset) for d in node.decorator_list])
                    functions.append((node, start, (node.end_lineno, node.end_col_offset),
                                      (node.body[0].lineno, node.body[0].col_offset)))
            for spots in loads.values():
                spots.sort()
            self._uses[module] = (functions, loads)
        return self._uses[module]

    def component_of(self, cycle: Sequence[str]) -> Tuple[Optional[object], Dict[Tuple[str, str], int]]:
        """The first component holding every module of `cycle`, and how many of its cycles pass
        through each edge (None and {} when none holds it)."""
        if self._member_sets is None:
            self._member_sets = [(set(c.modules), c) for c in self.components]
        members = set(cycle)
        for modules, component in self._member_sets:
            if members <= modules:
                if component.index not in self._through:
                    through: Dict[Tuple[str, str], int] = {}
                    for ring in component.cycles:
                        for pair in _ring_edges(ring.modules):
                            through[pair] = through.get(pair, 0) + 1
                    self._through[component.index] = through
                return component, self._through[component.index]
        return None, {}

    def is_package(self, module: str) -> bool:
        fact = self.facts.get(module)
        return bool(fact and fact.source.is_package)

    def package(self, module: str) -> str:
        return module if self.is_package(module) else module.rpartition(".")[0]

    def statement(self, module: str, line: int, innermost: bool = False) -> Tuple[int, int, str]:
        """(first line, last line, source) of the module-level (or innermost) statement at `line`."""
        return self.remembered(("statement", self.text_digest(module), line, innermost),
                               lambda: self._statement(module, line, innermost))

    def _statement(self, module: str, line: int, innermost: bool) -> Tuple[int, int, str]:
        tree = self.tree(module)
        lines = self.text(module).splitlines()
        best = None
        if tree is not None:
            candidates = tree.body if not innermost else _statements_around(tree, line)
            for node in candidates:
                start, end = _span(node)
                if start <= line <= end and (best is None or end - start < best[1] - best[0]):
                    best = (start, end)
        if best is None:
            best = (line, line)
        return best[0], best[1], _dedent(lines[best[0] - 1: best[1]])

    def role(self, module: str, *names: str) -> bool:
        return self.k.has(module, *names)

    def extensions_module(self, near: str, avoid: str) -> str:
        """An existing extensions module of the same top package, else `<package>.extensions`."""
        top = near.partition(".")[0]
        for module in sorted(self.k.roles):
            if module == avoid or module.partition(".")[0] != top:
                continue
            if module.rpartition(".")[2] in ("extensions", "ext", "celery_app") and \
                    self.role(module, "extensions", "celery-instance"):
                return module
        for module in sorted(self.facts):
            if module.partition(".")[0] == top and module.rpartition(".")[2] == "extensions" and module != avoid:
                return module
        if self.is_package(top):  # the usual place: app/extensions.py beside the app package's __init__
            return f"{top}.extensions"
        package = self.package(avoid) if "." in avoid or self.is_package(avoid) else (
            self.package(near) if "." in near else "")
        if package and package.partition(".")[0] != top:
            package = ""
        return f"{package}.extensions" if package else "extensions"

    def factory_name(self, near: str) -> str:
        top = near.partition(".")[0]
        names = sorted(name for (module, name) in self.k.factories if module.partition(".")[0] == top)
        names = names or sorted(name for (_, name) in self.k.factories)
        return names[0] if names else "create_app"

    def worker_entry(self) -> str:
        for module in sorted(self.facts):
            if "." not in module and module in ENTRY_FILES and ("worker" in module or "celery" in module):
                return module
        return "celery_worker"


def _span(node: ast.stmt) -> Tuple[int, int]:
    """(first line, last line) of a statement, its decorators included."""
    start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
    end = getattr(node, "end_lineno", node.lineno) or node.lineno
    return start, end


def _statements_around(tree: ast.AST, line: int) -> Iterator[ast.stmt]:
    """The statements of a tree in `ast.walk` order, without looking inside the statements that do not
    span `line` (the statements nested in them do not either) nor inside expressions (they hold none)."""
    pending = deque([tree])
    while pending:
        node = pending.popleft()
        if isinstance(node, ast.stmt):
            yield node
            start, end = _span(node)
            if not start <= line <= end:
                continue
        elif isinstance(node, ast.expr):
            continue
        pending.extend(ast.iter_child_nodes(node))


def _dedent(lines: Sequence[str]) -> str:
    if not lines:
        return ""
    indent = min((len(x) - len(x.lstrip()) for x in lines if x.strip()), default=0)
    out = [x[indent:] for x in lines]
    if len(out) > MAX_SNIPPET_LINES:
        out = out[: MAX_SNIPPET_LINES - 1] + ["..."]
    return "\n".join(out).rstrip()


def _block(path: str, body: str) -> str:
    return f"# {path}\n{body}".rstrip()


def _module_path(project: _Project, module: str) -> str:
    if module in project.facts:
        return project.path(module)
    # a module to create: next to its package's __init__.py
    package = module.rpartition(".")[0]
    if package in project.facts:
        return project.path(package).rpartition("/")[0] + "/" + module.rpartition(".")[2] + ".py"
    roots = sorted({fact.source.root for fact in project.facts.values()})  # (a top-level module: at the root)
    relative = module.replace(".", "/") + ".py"
    return f"{roots[0].rstrip('/')}/{relative}" if roots and roots[0] not in ("", ".") else relative


# --- which edges of a finding carry names back into a module -----------------------------------------

def _back_edges(finding: m.Finding) -> List[Tuple[m.ImportSite, Tuple[str, ...]]]:
    """(edge, names it needs from the imported module): the failing one first for a crash."""
    out: List[Tuple[m.ImportSite, Tuple[str, ...]]] = []
    if finding.crash is not None:
        out.append((finding.crash.failing, (finding.crash.missing_name,)))
    for site in finding.edges:
        if not site.implicit:
            out.append((site, tuple(site.names)))
    return out


def _moved_import(site: m.ImportSite, new_module: str, names: Sequence[str], project: _Project) -> str:
    """The import of `names` from their new module, after what is left of the original statement when it
    imports other names too (`from app import db, mail` -> `from app import db` + `from app.extensions
    import mail`)."""
    new = _import_line(site, new_module, names, project)
    try:
        node = ast.parse(site.statement.strip()).body[0]
    except (SyntaxError, IndexError, ValueError):
        return new
    if not isinstance(node, ast.ImportFrom):
        return new
    kept = [alias for alias in node.names if (alias.asname or alias.name) not in names and alias.name not in names]
    if not kept or len(kept) == len(node.names):
        return new
    node.names = kept
    return f"{ast.unparse(node)}\n{new}"


def _import_line(site: m.ImportSite, new_module: str, names: Sequence[str], project: _Project) -> str:
    """`from <new_module> import names`, relative when the original statement was."""
    listed = ", ".join(dict.fromkeys(names))
    if site.statement.startswith("from ."):
        importer_package = project.package(site.importer)
        if new_module.rpartition(".")[0] == importer_package:
            return f"from .{new_module.rpartition('.')[2]} import {listed}"
        if importer_package.rpartition(".")[0] == new_module.rpartition(".")[0]:
            return f"from ..{new_module.rpartition('.')[2]} import {listed}"
    return f"from {new_module} import {listed}"


# --- the rules ------------------------------------------------------------------------------------------

def _cc101(finding: m.Finding, project: _Project) -> Optional[m.Suggestion]:
    for site, names in _back_edges(finding):
        owner = site.imported
        for name in names:
            obj = project.k.objects.get((owner, name))
            made_inside = obj is not None and obj.kind == "celery" and (
                obj.created_in is not None or (project.role(owner, "entry-point") and _names_an_app(project, obj)))
            if obj is None and "celery" in name.lower():
                inside = [o for (mod, _), o in project.k.objects.items()
                          if mod == owner and o.kind == "celery" and o.created_in]
                if inside:
                    obj, made_inside = inside[0], True
            if not made_inside:
                continue
            return _celery_fix(finding, project, site, name, obj)
    return None


_CELERY_SETTINGS = {"broker": "broker_url", "backend": "result_backend", "include": "include"}


def _celery_settings(statements: Iterable[str]) -> str:
    """The settings a `Celery(..., broker=..., backend=...)` call passed, as `conf.update()` keywords
    (`broker_url=...`): a Celery app made bare at module level needs them given again."""
    found: Dict[str, str] = {}
    for statement in statements:
        try:
            tree = ast.parse(textwrap.dedent(statement or ""))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            for keyword in call.keywords:
                setting = _CELERY_SETTINGS.get(keyword.arg or "")
                if setting and setting not in found:
                    found[setting] = ast.get_source_segment(textwrap.dedent(statement), keyword.value) or \
                        ast.unparse(keyword.value)
    return ", ".join(f"{key}={value}" for key, value in found.items())


def _worker_imports(project: _Project, worker: str, name: str) -> str:
    """The worker entry's module-level imports of project modules (they register the tasks), without the
    Celery app's name, each on a line of its own; "" when there is no such module."""
    fact = project.facts.get(worker)
    if fact is None:
        return ""
    lines = []
    for raw in fact.imports:
        if raw.scope != m.MODULE or raw.kind not in ("import", "from") or raw.level:
            continue
        if raw.target.partition(".")[0] not in {f.partition(".")[0] for f in project.facts if f != worker}:
            continue
        try:
            node = ast.parse(raw.statement.strip()).body[0]
        except (SyntaxError, IndexError, ValueError):
            continue
        if isinstance(node, ast.ImportFrom):
            node.names = [alias for alias in node.names if (alias.asname or alias.name) != name]
            if not node.names:
                continue
        lines.append(ast.unparse(node))
    return "".join(f"{line}\n" for line in dict.fromkeys(lines))


def _names_an_app(project: _Project, obj) -> bool:
    """Whether the statement that makes `obj` uses a Flask app of its module (`Celery(app.name, ...)`)."""
    apps = {o.name for o in project.k.objects.values() if o.module == obj.module and o.kind == "flask-app"}
    return bool(apps & _reads_when_run(obj.statement)) if obj.statement else False


def _module_level_app(project: _Project, prefer: str):
    """The Flask app a project without a factory makes at module level (in `prefer` first), or None."""
    if project.k.factories:
        return None
    apps = sorted((o.module != prefer, o.module, o.line, o.name) for o in project.k.objects.values()
                  if o.kind == "flask-app" and o.created_in is None)
    return project.k.objects.get((apps[0][1], apps[0][3])) if apps else None


def _celery_fix(finding, project: _Project, site: m.ImportSite, name: str, obj) -> m.Suggestion:
    owner = site.imported
    near = site.importer if owner.partition(".")[0] != site.importer.partition(".")[0] else owner
    extensions = project.extensions_module(near, owner)
    top = extensions.rpartition(".")[0] or near.partition(".")[0]
    factory = project.factory_name(near)
    worker = project.worker_entry()
    factory_module = next((mod for (mod, fn) in sorted(project.k.factories) if fn == factory), top)
    creation = [o for (mod, _), o in project.k.objects.items() if mod == owner and o.kind == "celery"]
    before_parts = []
    seen_lines: Set[int] = set()
    for o in sorted(creation, key=lambda o: o.line):
        start, end, text = project.statement(owner, o.line, innermost=o.created_in is not None and o.name.endswith("()"))
        if start in seen_lines:
            continue
        seen_lines.add(start)
        if o.created_in and o.name.endswith("()"):
            fstart, _, ftext = project.statement(owner, o.line)
            text = "\n".join(ftext.splitlines()[:1] + ["    " + line for line in text.splitlines()] + ["    ..."])
        before_parts.append(text)
    before = _block(project.path(owner), "\n...\n".join(before_parts) or f"{name} = ...") + "\n\n" + \
        _block(site.path, _source_line(project, site))
    flask_app = _module_level_app(project, owner)
    settings = _celery_settings(o.statement for o in sorted(creation, key=lambda o: o.line))
    kept = _worker_imports(project, worker, name)  # (what the worker imported to register the tasks stays)
    if flask_app is not None:  # no factory: configure it where the app is made, and import that app
        made = (flask_app.statement or f"{flask_app.name} = Flask(__name__)").splitlines()[0]
        configure = _block(project.path(flask_app.module), f"from {extensions} import {name}\n...\n{made}\n"
                                                           f"{name}.conf.update({flask_app.name}.config)" +
                           (f"\n{name}.conf.update({settings})" if settings else ""))
        app_import = "" if re.search(rf"\bimport .*\b{re.escape(flask_app.name)}\b", kept) else \
            f"from {flask_app.module} import {flask_app.name}\n"
        worker_text = (f"# celery -A {worker}.{name} worker\n{app_import}{kept}from {extensions} import {name}  "
                       f"# noqa: F401\n\n{flask_app.name}.app_context().push()")
    else:
        given = "" if settings else "its broker_url and result_backend (conf.update(app.config) does not set " \
            "broker_url from CELERY_BROKER_URL), "
        later = f"    # and what {obj.created_in} set up on it besides: {given}a Task class pushing an app context, ...\n" \
            if obj.created_in else ""
        configure = _block(project.path(factory_module) if factory_module in project.facts else
                           _module_path(project, top),
                           f"from {extensions} import {name}\n\n\ndef {factory}(...):\n    app = Flask(__name__)\n"
                           f"    ...\n    {name}.conf.update(app.config)\n" +
                           (f"    {name}.conf.update({settings})\n" if settings else "") + f"{later}    return app")
        factory_import = "" if re.search(rf"\b{re.escape(factory)}\b", kept) else \
            f"from {top if top in project.facts else factory_module} import {factory}\n"
        worker_text = (f"# celery -A {worker}.{name} worker\n{factory_import}{kept}from {extensions} import {name}  "
                       f"# noqa: F401\n\napp = {factory}()\napp.app_context().push()")
    after = "\n\n".join([
        _block(_module_path(project, extensions), f'from celery import Celery\n\n{name} = Celery("{top}")'),
        configure,
        _block(site.path, _moved_import(site, extensions, [name], project)),
        _block(_module_path(project, worker), worker_text),
        "# or, as the Flask docs do: declare the tasks with @shared_task (no Celery import at all)\n"
        f"# and create the Celery app in celery_init_app(app), called from {factory}()",
    ])
    where = f"inside {obj.created_in}" if obj.created_in else f"in {owner} from the Flask app"
    summary = (f"the Celery app `{name}` is created {where}, and {site.importer} imports it from {owner}: "
               f"create it at module level in {extensions}, configure it with {name}.conf.update(app.config) "
               f"in {factory}(), import it from {extensions} in the task modules, and push an app context in "
               f"{worker}.py (or use @shared_task + celery_init_app(app))")
    line = obj.line if obj.module == owner else (finding.location or (site.path, site.line))[1]
    return m.Suggestion(CC101, summary, project.path(owner), line, before, after)


def _cc102(finding: m.Finding, project: _Project) -> Optional[m.Suggestion]:
    for site, names in _back_edges(finding):
        owner = site.imported
        for name in names:
            obj = project.k.objects.get((owner, name))
            if obj is None or obj.kind not in ("extension", "celery") or (
                    obj.created_in is not None and (obj.kind != "extension" or obj.name != name)):
                continue  # (an extension a function binds to the global `name`, `global db`, moves too)
            if owner.rpartition(".")[2] in ("extensions", "ext"):
                continue
            unbound = finding.crash is not None and finding.crash.missing_name == name and \
                finding.crash.bound_at is None  # (bound above, yet not bound when it was read)
            return _extension_fix(project, site, name, obj, finding.cycle, unbound)
    return None


def _extension_fix(project: _Project, site: m.ImportSite, name: str, obj, cycle: Sequence[str] = (),
                   unbound: bool = False) -> m.Suggestion:
    owner = site.imported
    extensions = project.extensions_module(site.importer, owner)
    factory = project.factory_name(owner)
    _, _, creation = project.statement(owner, obj.line, innermost=obj.created_in is not None)
    class_import = obj.class_import or ("from celery import Celery" if obj.kind == "celery" else "")
    local_class = obj.cls.rpartition(".")[2] if obj.cls.rpartition(".")[0] in (owner, "") else ""
    class_line = dict(project.facts[owner].first_bound).get(local_class) if owner in project.facts else None
    if not obj.class_import and class_line:  # the owner defines the class itself: it moves too
        class_import = project.statement(owner, class_line)[2]
    attribute_style = not site.statement.startswith(("from ", "import "))
    new_import = _moved_import(site, extensions, [name], project)
    source_line = _source_line(project, site)
    back = _back_site(project, owner, cycle)
    back_after = back is not None and back.line > obj.line  # (the order that keeps it working today)
    back_text = project.statement(owner, back.line)[2] if back is not None else ""
    shown = creation if obj.created_in is None else \
        f"def {obj.created_in}(...):\n    global {name}\n    ...\n" + textwrap.indent(creation, "    ")
    in_order = [shown, back_text] if back_after else [back_text, shown]
    # `import app as pkg` ... `pkg.celery`: the import as written, the name it reads through, and whether
    # the module reads anything else through it (then that import stays)
    prefix = site.statement[:-len(name) - 1] if attribute_style and site.statement.endswith(f".{name}") else owner
    module_import = _module_import(project, site.importer, owner, prefix) if attribute_style else ""
    before = "\n\n".join([
        _block(project.path(owner), "\n...\n".join(part for part in in_order if part)),
        _block(site.path, source_line if not attribute_style else f"{module_import}\n...\n{source_line}"),
    ])
    leaving = {bound for bound, _ in project.facts[owner].first_bound if bound != local_class} \
        if owner in project.facts else set()
    if obj.created_in is not None:  # (and the names of the function that made it: `db = SQLAlchemy(app)`)
        leaving |= _names_bound_in(project.statement(owner, obj.line)[2])
    creation = _without_local_arguments(creation, leaving)
    # (`Celery(__name__)` moved to the extensions module would take that module's name: it keeps its own)
    creation = re.sub(r"(?<![\w.])__name__(?!\w)", f'"{owner}"', creation)
    binding = f"    {name}.init_app(app)" if obj.kind == "extension" else f"    {name}.conf.update(app.config)"
    factory_module = next((mod for (mod, fn) in sorted(project.k.factories) if fn == factory), owner)
    factory_part = (f"from {extensions} import {name}\n\n\ndef {factory}(...):\n"
                    f"    app = Flask(__name__)\n{binding}\n    ...\n    return app")
    flask_app = _module_level_app(project, owner)
    if flask_app is None and not project.k.factories:  # no Flask app to bind it to: the import alone
        factory_part = f"from {extensions} import {name}"
    elif flask_app is not None:  # no factory: the app is made at module level, bind it there
        factory_module = flask_app.module
        made = (flask_app.statement or f"{flask_app.name} = Flask(__name__)").splitlines()[0]
        factory_part = f"from {extensions} import {name}\n...\n{made}\n...\n" + binding.strip().replace(
            "(app)", f"({flask_app.name})").replace("(app.config)", f"({flask_app.name}.config)") + \
            f"  # at line {obj.line}, where {name} was made (after the app's configuration)"
    parts = [_block(_module_path(project, extensions), f"{class_import}\n\n{creation}".strip())]
    if factory_module != owner and factory_module in project.facts:  # the factory lives elsewhere
        parts.append(_block(project.path(owner), f"from {extensions} import {name}  # noqa: F401 (re-export)"))
        parts.append(_block(project.path(factory_module), factory_part))
    else:
        parts.append(_block(project.path(owner), factory_part))
    if attribute_style:
        kept = module_import + "\n" if _reads_other_attributes(project, site.importer, prefix, name, module_import) else ""
        new_import = f"{kept}{new_import}\n...\n" + re.sub(rf"(?<![\w.]){re.escape(prefix)}\.{re.escape(name)}\b",
                                                         name, source_line)
    parts.append(_block(site.path, new_import))
    after = "\n\n".join(parts)
    what = "the Celery app" if obj.kind == "celery" else f"the extension `{name}`"
    bound = f"`{obj.statement.splitlines()[0] if obj.statement else name}`"
    back_to = site.importer if back is None or back.imported == site.importer else \
        f"{back.imported} (and through it {site.importer})"
    if obj.created_in is not None:
        order = (f"which binds it only inside {obj.created_in}() (`global {name}`): no module-level statement "
                 f"binds it, so the import fails whenever it runs before {obj.created_in}() has")
    elif back is None:
        order = f"and {owner} leads back to {site.importer} from inside a function (a cycle when that function runs)"
    elif unbound:
        order = (f"which imports {back_to} at line {back.line}, where `{name}` (bound at line {obj.line}) is not "
                 f"bound any more")
    elif back_after:
        order = (f"which imports {back_to} at line {back.line}, after binding {bound} at line {obj.line} "
                 f"(it works only while those lines keep that order)")
    else:
        order = f"which imports {back_to} before binding {bound}"
    summary = f"{site.importer} imports {what} from {owner}, {order}: move it to {extensions} and import it from " \
              f"there ({_import_line(site, extensions, [name], project)})"
    return m.Suggestion(CC102, summary, project.path(owner), obj.line, before, after)


def _names_bound_in(source: str) -> Set[str]:
    """The names a statement's source binds anywhere in it (parameters, assignments, imports...)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
    names: Set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).partition(".")[0])
    return names


def _without_local_arguments(creation: str, local_names: Set[str]) -> str:
    """`db = SQLAlchemy(app)` as it reads in a module of its own, where the names of the module it
    leaves are not bound: the arguments that use them (the Flask app, a blueprint, a config class) are
    left out (`db = SQLAlchemy()`; init_app(app) binds it later). Any other statement is returned as it is."""
    if not local_names:
        return creation
    try:
        tree = ast.parse(creation)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return creation
    if len(tree.body) != 1 or not isinstance(getattr(tree.body[0], "value", None), ast.Call):
        return creation
    call = tree.body[0].value

    def uses_local(node: ast.AST) -> bool:
        return any(isinstance(n, ast.Name) and n.id in local_names for n in ast.walk(node))

    kept = [part for part in sorted(call.args + call.keywords, key=lambda n: (n.lineno, n.col_offset))
            if not uses_local(part.value if isinstance(part, ast.keyword) else part)]
    if len(kept) == len(call.args) + len(call.keywords):
        return creation
    starts = [0]  # (the text as written, but for the arguments left out)
    for line in creation.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))

    def offset(line: int, col: int) -> int:  # (ast's columns count UTF-8 bytes)
        text = creation[starts[line - 1]:]
        return starts[line - 1] + len(text.encode("utf-8")[:col].decode("utf-8", "replace"))

    parts = [ast.get_source_segment(creation, part) or ast.unparse(part) for part in kept]
    head = creation[:offset(call.func.end_lineno, call.func.end_col_offset)]
    return f"{head}({', '.join(parts)}){creation[offset(call.end_lineno, call.end_col_offset):]}"


def _module_import(project: _Project, module: str, owner: str, prefix: str) -> str:
    """The statement of `module` that binds `prefix` to module `owner` (`import app as pkg`, `import
    app.worker`), as written; `import owner` when there is none to be found."""
    fact = project.facts.get(module)
    for raw in fact.imports if fact is not None else ():
        if raw.kind == "import" and raw.level == 0 and raw.names:
            asname = raw.names[0][1]
            if (asname == prefix and raw.target == owner) or (asname is None and raw.target == prefix == owner):
                return raw.statement
    for raw in fact.imports if fact is not None and prefix == owner else ():  # (a name a star import brings)
        if raw.kind == "from" and raw.scope == m.MODULE and any(n == "*" for n, _ in raw.names) and \
                absolute_target(raw, module, fact.source.is_package) == owner:
            return raw.statement
    return f"import {owner}"


def _reads_other_attributes(project: _Project, module: str, prefix: str, name: str, statement: str) -> bool:
    """Whether `module` uses `prefix` (a name bound by `statement`, an import) other than as `prefix.name`."""
    if statement.endswith("import *"):
        return True  # (a star import: it may bring any other name the module uses)
    text = project.text(module).replace(statement, "")
    return re.search(rf"(?<![\w.]){re.escape(prefix)}\b(?!\.{re.escape(name)}\b)", text) is not None


def _source_line(project: _Project, site: m.ImportSite) -> str:
    """The source of the statement at an edge's line, as written (the first lines of it)."""
    module = site.importer
    if module not in project.facts:
        return site.statement
    lines = project.text(module).splitlines()
    if not 0 < site.line <= len(lines):
        return site.statement
    if site.statement.startswith(("from ", "import ")):
        return project.statement(module, site.line, innermost=True)[2] or site.statement
    return lines[site.line - 1].strip()


def _back_site(project: _Project, owner: str, cycle: Sequence[str] = ()) -> Optional[m.ImportSite]:
    """The module-level import of `owner` that leads into the cycle: its first of the module after it on
    `cycle` (a ring), else its first of any module of its strongly connected part."""
    if project.graph is None:
        return None
    if owner in cycle:
        after = cycle[(list(cycle).index(owner) + 1) % len(cycle)]
        data = project.graph.get_edge_data(owner, after) or {}
        sites = [s for s in data.get("sites", ()) if s.scope == m.MODULE]
        return min(sites, key=lambda s: s.line) if sites else None  # (it imports it later: no order to tell)
    cycle_modules = set()
    try:
        import networkx as nx

        cycle_modules = set(nx.descendants(project.graph, owner)) & set(nx.ancestors(project.graph, owner))
    except Exception:
        pass
    best = None
    for _, imported, data in project.graph.out_edges(owner, data=True):
        if imported not in cycle_modules:
            continue
        for s in data.get("sites", ()):
            if s.scope == m.MODULE and (best is None or s.line < best.line):
                best = s
    return best


def _cc104(finding: m.Finding, project: _Project) -> Optional[m.Suggestion]:
    candidates = []
    if finding.crash is not None:
        candidates.append(finding.crash.failing)
    candidates += [s for s in finding.edges if not s.implicit]
    for site in candidates:
        if site.scope != m.MODULE:
            continue
        viewer, tasks = site.importer, site.imported
        if not project.role(tasks, "tasks") or project.role(tasks, "views", "blueprint"):
            continue  # (a views module that also defines a task is imported to register its routes)
        if not project.role(viewer, "views", "blueprint", "models"):
            continue
        fix = _defer_task_fix(finding, project, site)
        if fix is not None:
            return fix
    return None


def _defer_task_fix(finding: m.Finding, project: _Project, site: m.ImportSite) -> Optional[m.Suggestion]:
    """CC104's fix at `site`; None when there is nothing to show (no function to move the import into,
    no task of the module to send by name: a module named like a tasks module that defines none)."""
    viewer, tasks = site.importer, site.imported
    names = _bound_names(site)
    deferred = _deferred_snippet(project, viewer, site, names)
    task_defs = [t for t in project.k.tasks.get(tasks, ()) if t.function in names] or \
        list(project.k.tasks.get(tasks, ()))[:1]
    after_parts = []
    star = "*" in names
    if deferred is not None:
        after_parts.append(_block(site.path, deferred[1]))
    elif star:  # (a star import is allowed at module level only: name what is used)
        listed = ", ".join(t.function for t in project.k.tasks.get(tasks, ())[:3]) or "the_task"
        after_parts.append(_block(site.path, f"# a star import cannot go inside a function: import the tasks by name "
                                             f"where they are sent\ndef ...:\n    "
                                             f"{_import_line(site, tasks, [listed], project)}\n    ..."))
    if task_defs:
        task = task_defs[0]
        celery_from = task.celery.rpartition(".")[0]
        celery_name = task.celery.rpartition(".")[2] or "celery"
        source = f"from {celery_from} import {celery_name}\n" if celery_from and celery_from != viewer else ""
        if source and _leads_to(project, celery_from, viewer):  # (importing it would close the cycle again)
            source, celery_name = "from celery import current_app as celery_app  # (the app in use)\n", "celery_app"
        after_parts.append(f"# or send it by name, without importing {tasks}:\n{source}"
                           f'{celery_name}.send_task("{task.task_name}", args=[...])')
    back = "imports it back" if project.role(viewer, "models") else "imports the views or the app back"
    kind = "models" if project.role(viewer, "models") and not project.role(viewer, "views", "blueprint") else "views"
    where = f"inside {deferred[0]}()" if deferred else "inside the function that sends the task"
    if star and deferred is None:
        where += ", naming the tasks (a star import is allowed at module level only),"
    current = ", use current_app in the task instead of importing the app," if kind == "views" else ""
    summary = (f"{kind} module {viewer} imports task module {tasks} at import time (`{_clean(site.statement)}`), "
               f"and {tasks} {back} through the cycle: import it {where}{current} or send the task by name with "
               f"send_task()")
    if not after_parts:
        return None
    before = _block(site.path, _source_line(project, site))
    return m.Suggestion(CC104, summary, site.path, site.line, before, "\n\n".join(after_parts))


def _leads_to(project: _Project, start: str, goal: str) -> bool:
    """Whether importing `start` can come to `goal` through the project's imports."""
    if project.graph is None or start not in project.graph or goal not in project.graph:
        return False
    import networkx as nx

    return nx.has_path(project.graph, start, goal)


def _clean(statement: str) -> str:
    """An import statement without its comments and extra spaces: `from a import b  # noqa` -> `from a import b`."""
    try:
        return ast.unparse(ast.parse(statement.strip()).body[0])
    except (SyntaxError, IndexError, ValueError):
        return statement.split("#")[0].rstrip()


def _bound_names(site: m.ImportSite) -> Tuple[str, ...]:
    """Names an import statement binds in the importer, parsed from its text."""
    try:
        node = ast.parse(site.statement.strip()).body[0]
    except (SyntaxError, IndexError, ValueError):
        return tuple(site.names)
    if isinstance(node, ast.ImportFrom):
        return tuple(a.asname or a.name for a in node.names)
    if isinstance(node, ast.Import):
        return tuple(a.asname or a.name.partition(".")[0] for a in node.names)
    return tuple(site.names)


def _deferred_snippet(project: _Project, module: str, site: m.ImportSite,
                      names: Sequence[str]) -> Optional[Tuple[str, str]]:
    """(function, snippet) moving the import into the first function (in `ast.walk` order) that uses one
    of `names`."""
    key = ("snippet", project.text_digest(module), site.statement) + tuple(names)
    return project.remembered(key, lambda: _find_deferred_snippet(project, module, site, names))


def _find_deferred_snippet(project: _Project, module: str, site: m.ImportSite,
                           names: Sequence[str]) -> Optional[Tuple[str, str]]:
    uses = project.uses(module)
    if uses is None or not names:
        return None
    functions, loads = uses
    positions = [loads[name] for name in set(names) if name in loads]
    if not positions or not _reads_later(project, module, names):  # (not remembered: the snippet is)
        return None  # a name is read when the module runs (a class body, a decorator): it must be bound then
    running = project.run_at_import(module)  # (an import moved into one of those still runs then)
    functions = [entry for entry in functions if entry[0].name not in running]
    wanted = set(names)
    for node, start, end, _ in functions:
        # a function holds a use exactly when one lies in its text: nodes' text ranges nest
        if not any(_within(spots, start, end) for spots in positions):
            continue
        if node.lineno <= site.line <= (node.end_lineno or node.lineno):
            return None  # (the import is in that function already, which runs at import time: a
            # `@declared_attr` SQLAlchemy calls as it makes the class)
        use = next(inner.lineno for inner in ast.walk(node)
                   if isinstance(inner, ast.Name) and inner.id in wanted and isinstance(inner.ctx, ast.Load))
        lines = project.text(module).splitlines()
        body_indent = " " * node.body[0].col_offset
        head_end = node.body[0].lineno - 1
        head = lines[node.lineno - 1: head_end]
        use_line = lines[use - 1] if use - 1 < len(lines) else ""
        # (`...` where the function has lines before or after the use shown: the snippet is an excerpt)
        gap = f"{body_indent}...\n" if use > node.body[0].lineno else ""
        more = f"\n{body_indent}..." if (node.end_lineno or use) > use else ""
        text = "\n".join(head) + f"\n{body_indent}{_clean(site.statement)}\n\n" + gap + use_line + more
        return node.name, _dedent(text.splitlines())
    return None


def _read_later(project: _Project, module: str, names: Sequence[str]) -> bool:
    """Whether the module reads `names` only inside functions that do not run while it is imported (so
    they may be bound later: by an import moved into the function, or read as module.name at call time).
    A function of the module's text: kept by the last run under its digest (it walks the whole tree)."""
    key = ("read later", project.text_digest(module), tuple(sorted(set(names))))
    return project.remembered(key, lambda: _reads_later(project, module, names))


def _reads_later(project: _Project, module: str, names: Sequence[str]) -> bool:
    uses = project.uses(module)
    if uses is None:
        return False
    functions, loads = uses
    running = project.run_at_import(module)
    bodies = [(body, end) for node, _, end, body in functions if node.name not in running]
    return all(any(body <= spot <= end for body, end in bodies)
               for name in set(names) for spot in loads.get(name, ()))


def _run_at_import(tree: Optional[ast.AST]) -> Set[str]:
    """The names of the module's functions that run while it is imported: called by name at module level
    (`HANDLERS = _configure()`) or handed to a call there (a callback), and the ones those call."""
    if tree is None:
        return set()
    defined: Dict[str, List[ast.AST]] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            defined.setdefault(node.name, []).append(node)

    def calls(roots: Iterable[ast.AST]) -> Set[str]:
        found: Set[str] = set()
        pending = list(roots)
        while pending:
            node = pending.pop()
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                pending.extend(getattr(node, "decorator_list", ()))
                pending.append(node.args)
                continue
            if isinstance(node, ast.Call):
                found.update(n.id for n in [node.func] + node.args if isinstance(n, ast.Name))
            pending.extend(ast.iter_child_nodes(node))
        return found

    running = calls([tree]) & set(defined)
    pending = list(running)
    while pending:
        for function in defined[pending.pop()]:
            for name in calls(function.body) & set(defined):
                if name not in running:
                    running.add(name)
                    pending.append(name)
    return running


def _within(spots: Sequence[Tuple[int, int]], start: Tuple[int, int], end: Tuple[int, int]) -> bool:
    """Whether a sorted list of positions holds one in [start, end]."""
    index = bisect_left(spots, start)
    return index < len(spots) and spots[index] <= end


def _cc103(finding: m.Finding, project: _Project) -> Optional[m.Suggestion]:
    crash = finding.crash
    if crash is None or crash.bound_at is None:
        return None
    owner = crash.failing.imported
    step = next((s for s in crash.trace if s.module == owner), None)
    if step is None or crash.bound_at[1] <= step.line:
        return None
    flaskish = (project.is_package(owner) or project.role(owner, "flask-app", "app-factory", "celery-instance",
                                                                 "extensions", "blueprint")
                or project.role(crash.failing.importer, "views", "blueprint", "models", "tasks"))
    if not flaskish:
        return None
    istart, iend, import_text = project.statement(owner, step.line)
    bstart, bend, bind_text = project.statement(owner, crash.bound_at[1])
    if bstart <= iend:
        return None
    first_bound = dict(project.facts[owner].first_bound) if owner in project.facts else {}
    if any(istart <= first_bound.get(name, 0) < bstart for name in _reads_when_run(bind_text)):
        return None  # the binding needs what that import (or a line after it) binds: it cannot go above
    # the other names of the owner that the cycle's modules read while it runs, bound after the import
    # too: each must go up as well (or the next start fails on the next of them)
    moved = [(bstart, crash.missing_name, bind_text)]
    for name in _read_at_import_from(project, owner, [mod for mod in finding.cycle if mod != owner]):
        line = first_bound.get(name, 0)
        if not line and f"{owner}.{name}" not in project.facts and name in (project.facts[owner].all_names or ()):
            return None  # a star import wants a name that only another import binds (or none)
        if istart <= line <= iend:
            return None  # bound by that very import: no order of the lines helps
        if line > iend and name != crash.missing_name:
            start, _, text = project.statement(owner, line)
            if text.startswith(("from ", "import ")):
                return None  # (another import of the cycle: moving it up moves the problem)
            if any(istart <= first_bound.get(read, 0) < start for read in _reads_when_run(text)):
                return None
            if all(start != other for other, _, _ in moved):
                moved.append((start, name, text))
    moved.sort()
    names = [name for _, name, _ in moved]
    bind_text = "\n".join(dict.fromkeys(text for _, _, text in moved))
    path = project.path(owner)
    noqa = "  # noqa: E402" if import_text.startswith(("from ", "import ")) and "\n" not in import_text \
        and "noqa" not in import_text else ""
    before = _block(path, f"{import_text}\n...\n{bind_text}")
    after = _block(path, f"{bind_text}\n...\n{import_text}{noqa}")
    alternative = ""
    imported = step.statement
    factory = [name for (mod, name) in project.k.factories if mod == owner]
    blueprints = [s.imported for s in finding.edges if s.importer == owner and project.role(s.imported, "blueprint")]
    if factory and project.role(owner, "app-factory") and imported.startswith(("from ", "import ")) and blueprints:
        alternative = f", or import and register the blueprints inside {factory[0]}()"
        after += (f"\n\n# or, inside the factory:\ndef {factory[0]}(...):\n    app = Flask(__name__)\n"
                  f"    {_clean(imported)}\n    app.register_blueprint(...)\n    return app")
    listed = " and ".join(f"`{name}`" for name in names)
    also = f"; the cycle reads {listed} from it while it runs" if len(names) > 1 else ""
    summary = (f"{owner} runs `{_clean(imported)}` ({path}:{step.line}) before it binds `{crash.missing_name}` "
               f"(line {crash.bound_at[1]}), which {crash.failing.importer} imports back{also}: bind "
               f"{listed} above that import{alternative}")
    return m.Suggestion(CC103, summary, path, crash.bound_at[1], before, after)


def _dynamic_only(project: _Project, site: m.ImportSite) -> bool:
    """Whether the edge is made by dynamic imports only (`import_module`, `from_object("a.b")`, a walk)."""
    if site.dynamic or project.graph is None:
        return site.dynamic
    sites = (project.graph.get_edge_data(site.importer, site.imported) or {}).get("sites", ())
    return bool(sites) and all(s.dynamic for s in sites)


def _import_statement_site(project: _Project, site: m.ImportSite) -> m.ImportSite:
    """The import statement behind an edge: a crash's edge is where the partial module was read
    (`models.Status`), and that read cannot be dropped; the import that made the edge can."""
    if site.statement.startswith(("from ", "import ")) or site.dynamic or project.graph is None:
        return site
    data = project.graph.get_edge_data(site.importer, site.imported) or {}
    imports = [s for s in data.get("sites", ()) if s.statement.startswith(("from ", "import "))]
    imports.sort(key=lambda s: (s.scope != m.MODULE, s.line))
    return imports[0] if imports else site


def _read_at_import_from(project: _Project, owner: str, modules: Sequence[str]) -> List[str]:
    """The names of `owner` that `modules` read while they are imported: by `from owner import name` at
    module level, or as `owner.name` (through `import owner`) in their module-level program (decorators,
    default values and class bodies included)."""
    names: List[str] = []
    for module in modules:
        fact = project.facts.get(module)
        if fact is None:
            continue
        aliases = set()
        for raw in fact.imports:
            if raw.scope != m.MODULE:
                continue
            if raw.kind == "import" and raw.target == owner:
                aliases.update(asname or name for name, asname in raw.names if asname or "." not in name)
        if project.graph is not None:
            data = project.graph.get_edge_data(module, owner) or {}
            for site in data.get("sites", ()):
                if site.scope == m.MODULE and not site.implicit:  # (a star import reads what __all__ names)
                    names += [name for name in site.names if name != "*"]
                    if "*" in site.names and owner in project.facts:
                        names += list(project.facts[owner].all_names or ())
        names += [op.attrs[0] for op in walk_ops([fact.body])
                  if isinstance(op, (m.Access, m.Call)) and op.name in aliases and op.attrs]
    return list(dict.fromkeys(name for name in names if name != "*"))


def _reads_when_run(statement: str) -> Set[str]:
    """The names a statement reads when it runs: a class's bases, keywords, decorators and body, a
    function's decorators and defaults (its annotations too, to be safe), an assignment's value; not
    the bodies of functions and lambdas, which run later. All of its names when it does not parse."""
    try:
        tree = ast.parse(textwrap.dedent(statement))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set(re.findall(r"[A-Za-z_]\w*", statement))
    names: Set[str] = set()
    pending: List[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            pending.extend(node.decorator_list)
            pending.append(node.args)
            if node.returns is not None:
                pending.append(node.returns)
            continue
        if isinstance(node, ast.Lambda):
            pending.append(node.args)
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            names.add(node.id)
        pending.extend(ast.iter_child_nodes(node))
    return names


def _cc105(finding: m.Finding, project: _Project) -> m.Suggestion:
    pairs = [(finding.cycle[i], finding.cycle[(i + 1) % len(finding.cycle)]) for i in range(len(finding.cycle))]
    sites = {(s.importer, s.imported): s for s in finding.edges}
    best = None
    for pair in pairs:
        site = sites.get(pair)
        if site is None:
            continue
        on, total, left = _edge_score(project, finding, pair)
        site = _import_statement_site(project, site)
        # among the edges on the most cycles, one whose import can move into the function using it; a
        # dynamic one last (dropping `config.from_object("config.Config")` or a blueprint loop breaks the app)
        movable = site.scope == m.MODULE and _deferred_snippet(project, site.importer, site, _bound_names(site))
        key = (_dynamic_only(project, site), -on, not movable, left, site.implicit, pair)
        if best is None or key < best[0]:
            best = (key, site, on, total)
    if best is None and finding.edges:  # a module importing from itself: the closing edge is the one
        best = (None, finding.edges[-1], 1, 1)
    if best is None:  # no edges recorded: point at the finding itself
        path, line = finding.location or ("", 0)
        return m.Suggestion(CC105, "break the cycle by deferring one of its imports into a function", path, line,
                            "", "")
    _, site, on, total = best
    names = _bound_names(site)
    deferred = _deferred_snippet(project, site.importer, site, names)
    what = ", ".join(site.names) if site.names else site.imported
    if deferred is not None:
        after = _block(site.path, deferred[1])
        how = f"move it into {deferred[0]}()"
    else:
        plain = [n for n in site.names if not site.imported.endswith("." + n)]
        if plain and site.statement.startswith("from ") and _read_later(project, site.importer, names):
            after = _block(site.path, f"import {site.imported}\n...\n# and read {site.imported}.{plain[0]} where it is "
                                      f"used, at call time")
            how = "import the module instead of the names, or move the shared code into a third module"
        else:
            after = _block(site.path, f"# move what {site.importer} and {site.imported} both need into a module "
                                      f"that imports neither, then drop:\n# {_clean(site.statement)}")
            how = "move the shared code into a third module"
    summary = (f"break the cycle at {site.importer} -> {site.imported} (`{_clean(site.statement)}`, "
               f"{site.path}:{site.line}, "
               f"{site.importer} imports {what}): it is on {on} of the {total} cycles found in this component; {how}")
    return m.Suggestion(CC105, summary, site.path, site.line, _block(site.path, _source_line(project, site)), after)


def _edge_score(project: _Project, finding: m.Finding, pair: Tuple[str, str]) -> Tuple[int, int, int]:
    """(cycles through the edge, cycles of the component, size of the largest cyclic part left without it)."""
    component, through = project.component_of(finding.cycle)
    if component is None:
        on, total = int(pair in _ring_edges(finding.cycle)), 1
    else:
        on, total = through.get(pair, 0), len(component.cycles)
    left = 0
    if project.graph is not None and component is not None and len(component.modules) <= 3000:
        key = (component.index, finding.kind == "deferred-cycle", pair)
        if key not in project._scores:
            parts = _cyclic_parts(project, component, finding.kind == "deferred-cycle")
            project._scores[key] = (project.remembered(("left", parts.digest) + pair,
                                                       lambda: _largest_left(parts, pair)), 0)
        left = project._scores[key][0]
    return on, total, left


def _ring_edges(ring: Sequence[str]) -> Set[Tuple[str, str]]:
    return {(ring[i], ring[(i + 1) % len(ring)]) for i in range(len(ring))}


class _CyclicParts:
    """The import graph inside one component (only its module-level edges unless `deferred`), split into
    its strongly connected parts once (when first asked), so that each candidate edge is scored on its
    own part only. `digest` names the graph: equal digests, equal scores."""

    def __init__(self, successors: Dict[str, Set[str]]):
        from .cache import bytes_digest

        self.successors = successors
        self.digest = bytes_digest("\n".join(u + "\0" + "\0".join(sorted(vs))
                                             for u, vs in sorted(successors.items())).encode("utf-8", "surrogatepass"))
        self._part_of: Optional[Dict[str, int]] = None
        self._sizes: List[int] = []

    def _split(self) -> None:
        import networkx as nx

        self._part_of = {}
        graph = nx.DiGraph()
        graph.add_nodes_from(self.successors)
        graph.add_edges_from((u, v) for u, vs in self.successors.items() for v in vs)
        for index, part in enumerate(nx.strongly_connected_components(graph)):
            self._sizes.append(len(part))
            for module in part:
                self._part_of[module] = index

    @property
    def part_of(self) -> Dict[str, int]:
        if self._part_of is None:
            self._split()
        return self._part_of

    @property
    def sizes(self) -> List[int]:
        if self._part_of is None:
            self._split()
        return self._sizes

    def largest(self, skip: int = -1) -> int:
        return max((size for i, size in enumerate(self.sizes) if size > 1 and i != skip), default=0)


def _cyclic_parts(project: _Project, component, deferred: bool) -> _CyclicParts:
    key = (component.index, deferred)
    if key not in project._parts:
        members = set(component.modules) & set(project.graph.nodes)
        successors = {u: {v for v, data in project.graph.succ[u].items()
                          if v in members and (deferred or data.get("scope") == m.MODULE)} for u in sorted(members)}
        project._parts[key] = _CyclicParts(successors)
    return project._parts[key]


def _largest_left(parts: _CyclicParts, pair: Tuple[str, str]) -> int:
    """Size of the largest strongly connected part (of more than one module) once the edge is removed:
    only the part holding both ends can split, and it stays whole when the edge's source still reaches
    its target another way."""
    u, v = pair
    if v not in parts.successors.get(u, ()) or parts.part_of[u] != parts.part_of[v]:
        return parts.largest()
    index = parts.part_of[u]
    reached, pending = {u}, [u]
    while pending:
        module = pending.pop()
        for target in parts.successors[module]:
            if target not in reached and parts.part_of[target] == index and (module, target) != pair:
                if target == v:
                    return parts.largest()
                reached.add(target)
                pending.append(target)
    import networkx as nx

    inside = [module for module, i in parts.part_of.items() if i == index]
    graph = nx.DiGraph()
    graph.add_nodes_from(inside)
    graph.add_edges_from((a, b) for a in inside for b in parts.successors[a]
                         if parts.part_of[b] == index and (a, b) != pair)
    split = [len(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    return max(split + [parts.largest(skip=index)])


RULES = (_cc101, _cc102, _cc104, _cc103)


def suggest(finding: m.Finding, project: _Project) -> m.Suggestion:
    for rule in RULES:
        try:
            suggestion = rule(finding, project)
        except Exception:  # advice must never take the report down
            suggestion = None
        if suggestion is not None:
            return suggestion
    try:
        return _cc105(finding, project)
    except Exception:  # pragma: no cover - a last resort, so that every finding keeps a suggestion
        path, line = finding.location or ("", 0)
        return m.Suggestion(CC105, "break the cycle by moving one of its imports into the function that uses it",
                            path, line, "", "")


def attach(findings: Iterable[m.Finding], facts: Sequence[m.ModuleFacts], graph, knowledge: Knowledge,
           components=(), memo=None) -> List[m.Finding]:
    """Every finding with a suggestion (findings that already have one keep it). `memo`: where the
    answers of the last run are kept (a `cache.Slot`), and this run's go."""
    project = _Project(facts, getattr(graph, "graph", graph), knowledge, components, _memo_table(memo))
    out = []
    for finding in findings:
        if finding.suggestion is None:
            if finding.cycle:
                finding = replace(finding, suggestion=suggest(finding, project))
            elif finding.location is not None:
                try:
                    finding = replace(finding, suggestion=_comment_fix(finding, project))
                except Exception:  # pragma: no cover
                    pass
        out.append(finding)
    if memo is not None and project.memo_out != project.memo_in:
        memo.put((), tuple(sorted(project.memo_out.items(), key=repr)))
    return out


def _memo_table(memo) -> Dict[tuple, object]:
    """The stored answers, when they are what `attach` keeps: else none (a foreign or corrupt store)."""
    stored = memo.get(()) if memo is not None else None
    try:
        return {key: value for key, value in stored if isinstance(key, tuple)} if stored else {}
    except (TypeError, ValueError):
        return {}


def _comment_fix(finding: m.Finding, project: _Project) -> m.Suggestion:
    """A finding about one statement (an unused `# cyclecheck: ignore`): show it without the comment."""
    import re

    path, line = finding.location
    module = next((name for name, f in project.facts.items() if f.source.path == path), None)
    text = project.text(module).splitlines() if module else []
    before = text[line - 1].strip() if 0 < line <= len(text) else ""
    after = re.sub(r"\s*#\s*cyclecheck:\s*ignore(\[[^\]]*\])?", "", before).rstrip()
    summary = "remove the `# cyclecheck: ignore` comment" if after != before else finding.message
    return m.Suggestion(finding.code, summary, path, line, _block(path, before), _block(path, after))


def modules_of_interest(findings: Iterable[m.Finding]) -> Set[str]:
    """The modules whose roles the advice on these findings looks at: their cycles and crash traces."""
    interest: Set[str] = set()
    for finding in findings:
        interest.update(finding.cycle)
        if finding.crash is not None:
            interest.update(step.module for step in finding.crash.trace)
    return interest


def advise(findings: Sequence[m.Finding], facts: Sequence[m.ModuleFacts], graph,
           components=(), ahead=None, memo=None, failures: Optional[List[str]] = None
           ) -> Tuple[List[m.Finding], Tuple[Tuple[str, Tuple[str, ...]], ...]]:
    """Roles of the modules, CC106 findings, and a suggestion on every finding: what check() calls.
    `ahead`: a `roles.Ahead` of the same facts, that may have begun the analysis. When the analysis of
    roles fails (a bug, or an astroid it does not know), the findings keep the fixes that need no roles,
    and what went wrong is appended to `failures`."""
    import gc

    # astroid trees and inference results are a great many small objects that live as long as the analysis
    # (and then all go at once): the cyclic collector would re-scan them again and again (about 2x slower)
    paused = gc.isenabled()
    gc.disable()
    try:
        return _advise(findings, facts, graph, components, ahead, memo, failures)
    finally:
        if paused:
            gc.enable()


def _advise(findings: Sequence[m.Finding], facts: Sequence[m.ModuleFacts], graph,
            components=(), ahead=None, memo=None, failures: Optional[List[str]] = None
            ) -> Tuple[List[m.Finding], Tuple[Tuple[str, Tuple[str, ...]], ...]]:
    from .roles import analyse

    interest = modules_of_interest(findings)
    try:
        knowledge = ahead.result(interest) if ahead is not None else analyse(facts, interest)
    except Exception as error:  # roles are a help: never let them take the report down
        knowledge = Knowledge()
        if failures is not None:
            failures.append(f"{type(error).__name__}: {error}")
    try:
        shadowed = shadow_findings(facts, graph)
    except Exception:  # pragma: no cover
        shadowed = []
    renames = {f.suggestion.path: f.suggestion for f in shadowed if f.suggestion is not None}
    by_module = {fact.source.module: fact.source.path for fact in facts}
    # a cycle of one module that shadows a library (celery.py's `from celery import Celery`): its fix is
    # the rename CC106 gives, not a third module between the file and itself
    findings = [replace(f, suggestion=renames[by_module[f.cycle[0]]]) if len(f.cycle) == 1 and f.suggestion is None
                and by_module.get(f.cycle[0]) in renames else f for f in findings] + shadowed
    return attach(findings, facts, graph, knowledge, components, memo), knowledge.report_roles()


# --- CC106: a project module shadowing a library ------------------------------------------------------

# Standard-library modules that Flask, Werkzeug, Celery and most code import: shadowing one breaks them.
COMMON_STDLIB = frozenset({
    "logging", "json", "email", "random", "datetime", "uuid", "socket", "queue", "signal", "typing", "string",
    "copy", "types", "enum", "secrets", "ssl", "http", "html", "inspect", "functools", "collections",
    "dataclasses", "decimal", "hashlib", "hmac", "base64", "pathlib", "tempfile", "threading", "traceback",
    "warnings", "weakref", "contextlib", "operator", "itertools", "struct", "zlib", "gzip", "mimetypes", "urllib",
    "select", "selectors", "platform", "pickle", "shutil", "subprocess", "textwrap", "numbers", "calendar",
    "locale", "errno", "asyncio", "concurrent", "multiprocessing", "sqlite3", "csv", "re", "glob", "fnmatch",
    "importlib", "pkgutil", "argparse", "configparser", "smtplib", "ipaddress", "heapq", "bisect", "math",
    # and those `import flask, celery` loads on the way (Python 3.11: logging -> traceback -> linecache ->
    # tokenize -> token, inspect -> dis -> opcode, ...), but for the ones some interpreters have loaded before
    # any code runs (copyreg, keyword, reprlib, zipfile... through site and .pth files: a file of that name
    # is then never imported)
    "array", "ast", "contextvars", "ctypes", "difflib", "dis", "fcntl", "gettext", "grp", "linecache", "opcode",
    "pprint", "pwd", "quopri", "resource", "shelve", "socketserver", "sysconfig", "token", "tokenize",
    "unicodedata", "zoneinfo",
})
KNOWN_LIBRARIES = m.KNOWN_LIBRARIES
TYPICAL_ATTRIBUTE = {"logging": "getLogger", "json": "dumps", "email": "utils", "random": "randint",
                     "datetime": "datetime", "time": "time", "uuid": "uuid4", "socket": "socket",
                     "queue": "Queue", "signal": "signal", "typing": "Any", "string": "ascii_letters",
                     "copy": "deepcopy", "types": "ModuleType", "enum": "Enum", "secrets": "token_hex",
                     "select": "select", "ssl": "SSLContext", "http": "HTTPStatus", "html": "escape",
                     # (what a library imported on the way imports from it first: checked with Flask 3.1)
                     "token": "EXACT_TOKEN_TYPES", "opcode": "__all__", "gettext": "gettext", "pprint": "pformat",
                     "contextvars": "ContextVar"}


def shadow_findings(facts: Sequence[m.ModuleFacts], graph=None) -> List[m.Finding]:
    """CC106 errors: project modules at an import root named like a library they mean to import. When
    the module imports itself at module level and reads there what it has not bound yet, importing it
    first crashes, and so does importing first a module that imports it at module level (`graph`)."""
    by_name = {f.source.module: f for f in facts}
    stdlib = (set(getattr(sys, "stdlib_module_names", COMMON_STDLIB)) & COMMON_STDLIB) - OWNED
    findings = []
    for module, fact in sorted(by_name.items()):
        if "." in module or fact.error is not None or interpreter_owned(module):
            continue  # (a file named like a module the interpreter has already: never imported, shadows nothing)
        symptom, line, statement, where = _shadow_symptom(module, fact, by_name, stdlib)
        if symptom is None:
            continue
        path = fact.source.path
        filename = path.rpartition("/")[2]
        new = {"celery": "celery_app", "flask": "flask_app", "logging": "log_setup", "email": "mail",
               "json": "json_utils"}.get(module, f"{module}_app" if module in KNOWN_LIBRARIES else f"app_{module}")
        message = f"{filename} shadows the {'standard library module' if module in stdlib else 'library'} " \
                  f"'{module}': {symptom}"
        is_pkg = fact.source.is_package
        new_path = path[: len(path) - len(filename)] + new + ".py" if not is_pkg else \
            path.replace(f"/{module}/", f"/{new}/")
        if where and where != path:  # the import that means the library is in another file
            before = _block(path, "# (this file)") + "\n\n" + _block(where, statement)
            after = _block(new_path, f"# (renamed from {filename})") + "\n\n" + _block(
                where, f"{statement}  # now the real {module}")
        else:
            before = _block(path, statement or f"import {module}")
            after = _block(new_path, statement or f"import {module}")
        suggestion = m.Suggestion(
            CC106,
            f"rename {'the package ' + module if is_pkg else filename} (e.g. to {new}{'' if is_pkg else '.py'}) and "
            f"update the imports of it" + (f" and `celery -A {new}`" if module == "celery" else ""),
            path, line, before, after,
        )
        crash = _self_import_crash(module, fact) if where == path else None
        starts = _module_level_importers(module, graph) if crash is not None else ()
        if crash is None and module in FLASK_LOADS:  # (token.py doing `from flask import ...`)
            starts, crash = _flask_shadow_crashes(module, fact, by_name, graph)
        findings.append(m.Finding(
            code=CC106, severity=m.ERROR, kind=SHADOWED, message=message, cycle=(), edges=(),
            suggestion=suggestion, location=(path, line), crashes_when_first_imported=starts, crash=crash,
        ))
    return findings


def _early_self_read(module: str, fact: m.ModuleFacts) -> Optional[Tuple[str, int, str, m.RawImport]]:
    """The name a module that shadows a library reads from itself, at module level, before binding it,
    after importing itself there: `from celery import Celery` in celery.py, or `import logging` then
    `logging.getLogger(...)` in logging.py (it gets its own partial module: the read fails). As (the
    name, the line and the text of the read, the import of itself); None when it reads none so, or when
    its namespace is written through `globals()` and the like (the name may be there: see _shadow_symptom)."""
    if fact.source.is_package or fact.open_namespace:
        return None
    bound = dict(fact.first_bound)
    for raw in fact.imports:
        if raw.level != 0 or raw.target != module or raw.scope != m.MODULE or raw.guarded:
            continue
        if raw.kind == "from":
            missing = [n for n, _ in raw.names if n != "*" and bound.get(n, raw.line) >= raw.line]
            if missing:
                return missing[0], raw.line, raw.statement, raw
        if raw.kind == "import":
            read = next((op for op in fact.body if type(op) is m.Access and op.name == module
                         and op.line > raw.line and op.attrs and bound.get(op.attrs[0], op.line) >= op.line), None)
            if read is not None:
                return read.attrs[0], read.line, f"{module}.{read.attrs[0]}", raw
    return None


def _self_import_crash(module: str, fact: m.ModuleFacts) -> Optional[m.Crash]:
    """What importing such a module first raises (see _early_self_read), as a crash of its own."""
    found = _early_self_read(module, fact)
    if found is None:
        return None
    name, line, statement, raw = found
    path = fact.source.path
    if raw.kind == "from":
        exception = (f"ImportError: cannot import name '{name}' from partially initialized module '{module}' "
                     f"(most likely due to a circular import) ({path})")
        trace = (m.TraceStep(module, path, line, statement),)
    else:
        exception = (f"AttributeError: partially initialized module '{module}' has no attribute '{name}' "
                     f"(most likely due to a circular import)")
        trace = (m.TraceStep(module, path, raw.line, raw.statement), m.TraceStep(module, path, line, statement))
    bound = dict(fact.first_bound).get(name)
    site = m.ImportSite(importer=module, imported=module, path=path, line=line, col=0, statement=statement,
                        scope=m.MODULE, names=(name,))
    return m.Crash(start=module, exception=exception, trace=trace, failing=site, missing_name=name,
                   bound_at=(path, bound) if bound is not None else None)


# The standard-library modules `import flask` loads (Flask 3.1 on Python 3.11, in an interpreter that has
# loaded none of them before any code runs), and what the library module that imports each reads from it
# first: a root module of that name doing `from flask import ...` at module level gets imported while
# flask is partial. Left out: those some interpreters load at start-up (through site and .pth files: re,
# functools, collections, enum, typing, random... seen loaded so), where such a file is never imported.
# The value: what that module of flask's chain reads of the partial file right after importing it,
# ("from", name) or ("attr", name); None when it reads nothing then (importing the file first is fine,
# importing flask first is not).
FLASK_LOADS: Dict[str, Optional[Tuple[str, str]]] = {
    "array": None, "ast": ("attr", "NodeVisitor"), "base64": ("from", "b64encode"), "calendar": None,
    "contextvars": ("from", "ContextVar"), "copy": ("from", "deepcopy"), "csv": None,
    "dataclasses": ("from", "dataclass"), "datetime": ("from", "datetime"), "decimal": None, "difflib": None,
    "dis": ("attr", "COMPILER_FLAG_NAMES"), "gettext": ("from", "gettext"), "hashlib": ("from", "sha1"),
    "heapq": ("from", "nlargest"), "hmac": ("from", "compare_digest"), "html": None,
    "inspect": ("from", "cleandoc"), "json": ("attr", "dumps"), "linecache": None, "locale": ("attr", "normalize"),
    "logging": ("attr", "StreamHandler"), "mimetypes": None, "numbers": ("attr", "Number"),
    "opcode": ("from", "__all__"), "pickle": ("attr", "dumps"), "pkgutil": None, "platform": ("attr", "system"),
    "pprint": ("from", "pformat"), "quopri": ("from", "encodestring"), "secrets": None, "select": ("attr", "select"),
    "selectors": ("attr", "SelectSelector"), "socket": ("attr", "AF_INET"), "socketserver": ("attr", "TCPServer"),
    "string": ("from", "ascii_letters"), "textwrap": ("attr", "dedent"), "token": ("from", "EXACT_TOKEN_TYPES"),
    "tokenize": None, "traceback": None, "unicodedata": None, "uuid": ("attr", "UUID"),
}


def _flask_shadow_crashes(module: str, fact: m.ModuleFacts, by_name,
                          graph) -> Tuple[Tuple[str, ...], Optional[m.Crash]]:
    """For a root module named like a standard-library module that `import flask` loads (FLASK_LOADS): the
    project modules whose import crashes through it, and a crash to show. Flask's own import of the
    standard module gets this file, while flask is partial: when the file then asks flask for a name
    (`from flask import current_app`, directly or through the project modules it imports, or a Flask
    extension's import), that fails, so every start that runs flask first crashes; a start that runs the
    file first crashes when it imports flask and flask's module reads from the partial file then (FLASK_LOADS).
    Followed depth first through module-level imports, in order (those in a `try` left out)."""
    path = fact.source.path
    events: Dict[str, List[Tuple[int, str, str]]] = {}  # module -> (line, what runs: module or "" for flask, name)

    def of(importer: str) -> List[Tuple[int, str, str]]:
        found = events.get(importer)
        if found is None:
            found = []
            importer_fact = by_name.get(importer)
            for raw in importer_fact.imports if importer_fact is not None else ():
                top = raw.target.partition(".")[0]
                if (raw.kind in ("import", "from") and raw.level == 0 and raw.scope == m.MODULE and not raw.guarded
                        and (top == "flask" or top.startswith("flask_")) and top not in by_name):
                    # (what it asks of a partial flask: a name, or "" for a module import of flask itself)
                    asks = raw.names[0][0] if raw.kind == "from" and raw.target == "flask" and raw.names and \
                        raw.names[0][0] != "*" else "" if top == "flask" else raw.target
                    found.append((raw.line, "", asks))
            if graph is not None and importer in graph.graph:
                for imported in graph.graph.successors(importer):
                    found.extend((site.line, imported, "") for site in graph.graph.edges[importer, imported]["sites"]
                                 if site.scope == m.MODULE and not site.guarded)
            found.sort()
            events[importer] = found
        return found

    def run(current: str, seen: Set[str], stop_at_module: bool) -> Optional[Tuple[str, str]]:
        """What first runs of flask (("", what it asks)) or of the file ((module, "")) as `current` is
        imported, depth first; None when neither does."""
        if current == module and stop_at_module:
            return module, ""
        if current in seen:
            return None
        seen.add(current)
        for _, imported, asks in of(current):
            outcome = ("", asks) if not imported else run(imported, seen, stop_at_module)
            if outcome is not None:
                return outcome
        return None

    starts: List[str] = []
    shown: Optional[Tuple[str, str, int]] = None  # (the start, what flask is asked, the file's line leading there)
    read = FLASK_LOADS[module]
    for start in sorted(by_name):
        seen: Set[str] = set()
        outcome = None
        for each in [n for n in _ancestors(start) if n in by_name] + [start]:
            outcome = run(each, seen, stop_at_module=True)
            if outcome is not None:
                break
        if outcome is None:
            continue
        if outcome[0] == module:  # the file first: it crashes if it imports flask and flask reads from it
            reached = run(module, set(seen) - {module}, stop_at_module=False)
            if reached is not None and read is not None:
                starts.append(start)
        else:  # flask first: the file runs inside it, and crashes if it (or what it imports) asks flask for a name
            seen.add(module)
            for at, imported, asks in of(module):  # (the file's own imports, in order: which leads there)
                asked = ("", asks) if not imported else run(imported, seen, stop_at_module=False)
                if asked is not None:
                    if asked[1]:
                        starts.append(start)
                        shown = shown or (start, asked[1], at)
                    break
    if not starts:
        return (), None
    at = shown[2] if shown is not None and not (read is not None and module in starts) else 0
    line, statement = next(((raw.line, raw.statement) for raw in sorted(fact.imports, key=lambda raw: raw.line)
                            if raw.scope == m.MODULE and (raw.line == at or not at)), (1, ""))
    step = m.TraceStep("flask", "flask", 0, f"(flask's own import of the standard `{module}`, which gets this file)")
    if read is not None and module in starts:
        kind, attribute = read
        exception = (f"ImportError: cannot import name '{attribute}' from partially initialized module '{module}' "
                     f"(most likely due to a circular import) ({path})" if kind == "from" else
                     f"AttributeError: partially initialized module '{module}' has no attribute '{attribute}' "
                     f"(most likely due to a circular import)")
        start, missing, trace = module, attribute, (m.TraceStep(module, path, line, statement), step)
        bound = dict(fact.first_bound).get(attribute)
        site = m.ImportSite(importer="flask", imported=module, path="flask", line=0, col=0,
                            statement=f"(flask's own import of the standard `{module}`)", scope=m.MODULE,
                            names=(attribute,))
        return tuple(starts), m.Crash(start=start, exception=exception, trace=trace, failing=site, missing_name=missing,
                                      bound_at=(path, bound) if bound is not None else None)
    elif shown is not None:
        start, missing = shown[0], shown[1]
        what = f"cannot import name '{missing}' from partially initialized module 'flask'" if "." not in missing \
            and not missing.startswith("flask_") else f"`{missing}` imports names from the partial flask"
        exception = f"ImportError: {what} (most likely due to a circular import)"
        trace = (step, m.TraceStep(module, path, line, statement))
    else:
        return tuple(starts), None
    site = m.ImportSite(importer=module, imported="flask", path=path, line=line, col=0, statement=statement,
                        scope=m.MODULE, names=(missing,))
    return tuple(starts), m.Crash(start=start, exception=exception, trace=trace, failing=site, missing_name=missing,
                                  bound_at=("flask", 0))  # (flask binds its names after its own imports)


def _ancestors(name: str) -> List[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


_STDLIB_NAMES = frozenset(getattr(sys, "stdlib_module_names", ()))


def _module_level_importers(module: str, graph) -> Tuple[str, ...]:
    """The module and the project modules that import it, directly or not, by module-level imports."""
    found = {module}
    if graph is not None and module in graph.graph:
        pending = [module]
        while pending:
            imported = pending.pop()
            for importer in graph.graph.predecessors(imported):
                if importer not in found and graph.graph.edges[importer, imported]["scope"] == m.MODULE:
                    found.add(importer)
                    pending.append(importer)
    return tuple(sorted(found))


def _is_library(name: str, project_roots: Set[str]) -> bool:
    """A known Flask/Celery-world library, a standard-library module, or something installed outside the
    project (looked up on sys.path with PathFinder: nothing is imported)."""
    import os
    from importlib.machinery import PathFinder

    if name in KNOWN_LIBRARIES or name in getattr(sys, "stdlib_module_names", ()) or name in sys.builtin_module_names:
        return True
    try:
        spec = PathFinder.find_spec(name)
    except (ImportError, ValueError, OSError):
        return False
    origin = (spec.origin or next(iter(spec.submodule_search_locations or []), "")) if spec else ""
    if not origin:
        return False
    origin = os.path.realpath(origin)
    return not any(origin.startswith(os.path.realpath(root) + os.sep) for root in project_roots)


def _shadow_symptom(module: str, fact: m.ModuleFacts, by_name, stdlib) -> Tuple[Optional[str], int, str, str]:
    bound = {name for name, _ in fact.first_bound}
    roots = {f.source.root for f in by_name.values()}
    if not _is_library(module, roots):  # a self-import of a project-only name is a plain cycle, not shadowing
        return None, 0, "", ""
    bound_at = dict(fact.first_bound)
    # 1. the module imports its own name absolutely: it means the library
    for raw in fact.imports:
        if raw.level == 0 and raw.target == module and raw.kind in ("import", "from"):
            if raw.kind == "from":
                missing = [n for n, _ in raw.names if n != "*" and f"{module}.{n}" not in by_name
                           and not (bound_at.get(n, raw.line) < raw.line) and not fact.open_namespace]
                if missing:
                    return (f"`{raw.statement}` imports this file itself: ImportError: cannot import name "
                            f"'{missing[0]}' from partially initialized module '{module}' (most likely due to a "
                            f"circular import)", raw.line, raw.statement, fact.source.path)
            elif not fact.source.is_package:
                read = _early_self_read(module, fact)
                attribute = read[0] if read is not None else TYPICAL_ATTRIBUTE.get(module, "...")
                return (f"`{raw.statement}` imports this file itself, not the library: AttributeError: partially "
                        f"initialized module '{module}' has no attribute '{attribute}' (most likely due to a "
                        f"circular import)", raw.line, raw.statement, fact.source.path)
    # 2. other project modules import names it does not define
    if module in KNOWN_LIBRARIES or module in stdlib:
        for other, ofact in sorted(by_name.items()):
            if other == module:
                continue
            for raw in ofact.imports:
                if raw.kind == "from" and raw.level == 0 and raw.target == module:
                    missing = [n for n, _ in raw.names
                               if n != "*" and n not in bound and f"{module}.{n}" not in by_name
                               and not fact.open_namespace]
                    if missing:
                        return (f"`{raw.statement}` in {ofact.source.path}:{raw.line} gets this file instead of the "
                                f"library: ImportError: cannot import name '{missing[0]}' from '{module}' "
                                f"({fact.source.path})", 1, raw.statement, ofact.source.path)
    # 3. a standard-library name at an import root: every library importing it gets this file
    if module in stdlib:
        attribute = TYPICAL_ATTRIBUTE.get(module)
        if attribute and attribute in bound:
            return None, 0, "", ""
        error = (f"AttributeError: module '{module}' has no attribute '{attribute}'" if attribute
                 else f"ImportError/AttributeError wherever the real '{module}' is used")
        library = next((raw.target.partition(".")[0] for raw in fact.imports if raw.level == 0 and raw.scope == m.MODULE
                        and raw.target.partition(".")[0] in KNOWN_LIBRARIES), None)
        if library is not None and attribute:  # its own import of a library runs into this file, still partial
            error = (f"importing {library} here makes its modules that use the standard '{module}' get this "
                     f"partly initialised file, e.g. ImportError: cannot import name '{attribute}' from partially "
                     f"initialized module '{module}' (most likely due to a circular import)")
        return (f"every `import {module}` (in this project and inside Flask, Werkzeug, Celery, ...) imports this "
                f"file instead of the standard library: {error}", 1, f"import {module}", "")
    return None, 0, "", ""


def complete(findings: Sequence[m.Finding], facts: Sequence[m.ModuleFacts]) -> List[m.Finding]:
    """Suggestions for the findings made after `advise()` (unused suppressions), in the same order."""
    if all(f.suggestion is not None for f in findings):
        return list(findings)
    return attach(findings, facts, None, Knowledge())
