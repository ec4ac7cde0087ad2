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
from dataclasses import dataclass, replace
from typing import Dict, List, Optional, Sequence, Set, Tuple

from . import model as m
from .graph import absolute_target, ancestors, fill_template

MAX_CALL_DEPTH = 40
MAX_STEPS = 200_000


class _Opaque:
    __slots__ = ()

    def __repr__(self):
        return "<opaque>"


OPAQUE = _Opaque()
_MISSING = object()


@dataclass(frozen=True)
class FuncRef:
    module: "ModState"
    qualname: str


@dataclass(frozen=True)
class ClassRef:
    module: "ModState"
    qualname: str


@dataclass(frozen=True)
class Instance:
    """An object of a project class: calling its methods runs their bodies."""

    cls: ClassRef


class ModState:
    """A module object of the simulated interpreter."""

    __slots__ = ("name", "facts", "ns", "done", "open", "depth", "functions", "born")

    def __init__(self, name: str, facts: m.ModuleFacts, depth: int):
        self.name = name
        self.facts = facts
        self.ns: Dict[str, object] = {}
        self.done = False
        self.open = facts.open_namespace
        self.depth = depth  # len(frames) when its body started: where its part of the trace begins
        self.functions = None
        self.born = 0  # length of the simulator's journal when it was created

    def function(self, qualname: str) -> Optional[m.Function]:
        if self.functions is None:
            self.functions = {f.qualname: f for f in self.facts.functions}
        return self.functions.get(qualname)

    def __repr__(self):
        return f"<module {self.name}{'' if self.done else ' (partial)'}>"


@dataclass
class _Frame:
    module: str  # the module whose code holds the statement
    path: str
    line: int
    statement: str


class SimCrash(Exception):
    def __init__(self, exc_type: str, message: str, circular: bool, crash: Optional[m.Crash] = None,
                 depth: int = 0):
        super().__init__(message)
        self.depth = depth
        self.exc_type = exc_type
        self.message = message
        self.circular = circular
        self.crash = crash


class _Return(Exception):
    def __init__(self, value: object = None):
        super().__init__()
        self.value = value


class _OutOfSteps(Exception):
    pass


class _Env:
    __slots__ = ("module", "locals", "global_names", "is_function")

    def __init__(self, module: ModState, local_ns: Optional[Dict[str, object]] = None,
                 global_names: Tuple[str, ...] = (), is_function: bool = False):
        self.module = module
        self.locals = local_ns
        self.global_names = global_names
        self.is_function = is_function


@dataclass(frozen=True)
class Outcome:
    start: str
    crash: Optional[m.Crash]
    cycle: Tuple[str, ...] = ()  # the modules in progress between the partial module and the failure
    cycle_edges: Tuple[m.ImportSite, ...] = ()
    undecided: bool = False  # the step budget ran out
    internal_error: Optional[str] = None  # cyclecheck's own failure while simulating


def _catches(caught: Optional[Tuple[str, ...]], exc_type: str) -> bool:
    if caught is None:
        return True
    family = {"ImportError": {"ImportError", "Exception", "BaseException"},
              "AttributeError": {"AttributeError", "Exception", "BaseException"}}
    return bool(family.get(exc_type, {"Exception", "BaseException"}).intersection(caught))


class Simulator:
    """Runs fresh imports over module facts; one instance per project."""

    def __init__(self, facts: Sequence[m.ModuleFacts], max_steps: int = MAX_STEPS,
                 may_reach_cycle: Optional[Set[str]] = None):
        """`may_reach_cycle`: the modules whose import can run into a cycle (see `runtime_reachers`).

        Any other module can neither crash circularly nor observe a partial module, so
        it is loaded as a finished module with an open namespace, without running it.
        """
        self.facts: Dict[str, m.ModuleFacts] = {f.source.module: f for f in facts if f.error is None}
        for fact in list(self.facts.values()):  # namespace packages: directories without __init__.py
            for parent in ancestors(fact.source.module):
                if parent not in self.facts:
                    directory = fact.source.path
                    for _ in range(fact.source.module.count(".") - parent.count(".") + fact.source.is_package):
                        directory = os.path.dirname(directory)
                    self.facts[parent] = m.ModuleFacts(source=m.SourceFile(directory, parent, fact.source.root, True))
        self.may_reach_cycle = may_reach_cycle
        self.dispatch = {getattr(m, name[3:]): getattr(self, name) for name in dir(self) if name.startswith("op_")}
        self.children: Dict[str, List[str]] = {}
        for name in sorted(self.facts):
            parent = name.rpartition(".")[0]
            if parent:
                self.children.setdefault(parent, []).append(name)
        self.max_steps = max_steps

    # -- public ------------------------------------------------------------------------
    def run(self, start: str, as_main: bool = False, then: Sequence[str] = ()) -> Outcome:
        """Import `start` in a fresh interpreter (or run its file as `__main__`), then `then`."""
        self._reset()

        def body() -> None:
            if as_main:
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
        results: Dict[str, Outcome] = {}
        loaded: List[Tuple[str, int, Optional[Outcome]]] = []  # parents imported now: (name, mark, failure)
        for start in sorted(starts):
            chain = ancestors(start)
            while loaded and loaded[-1][0] not in chain:
                self.rollback(loaded.pop()[1])
            failed = next((o for _, _, o in loaded if o is not None), None)
            for parent in chain[len(loaded):]:
                if failed is not None:
                    break
                mark = self.last_mark = len(self.journal)
                outcome = self._attempt(parent)
                failed = outcome if (outcome.crash is not None or outcome.undecided) else None
                loaded.append((parent, mark, failed))
            if failed is not None:
                crash = failed.crash
                if crash is not None:
                    crash = replace(crash, start=start)
                results[start] = Outcome(start, crash, failed.cycle, failed.cycle_edges, failed.undecided)
                continue
            mark = self.last_mark = len(self.journal)
            results[start] = self._attempt(start)
            self.rollback(mark)
        self.rollback(0)
        return results

    def _attempt(self, name: str, body=None) -> Outcome:
        """Run `import name` (or `body`) from the current state; a circular crash is the outcome."""
        self.frames, self.uncertain, self.calls, self.steps = [], [], [], 0
        try:
            if body is None:
                self.import_module(name)
            else:
                body()
        except SimCrash as crash:
            if crash.circular and crash.crash is not None:
                return self._outcome(name, crash.crash, crash.depth)
        except (_OutOfSteps, RecursionError):
            return Outcome(name, None, undecided=True)
        except Exception as exc:  # a bug of ours must not cost the user the rest of the report
            return Outcome(name, None, undecided=True, internal_error=f"{type(exc).__name__}: {exc}")
        return Outcome(name, None)

    def _reset(self) -> None:
        self.modules: Dict[str, ModState] = {}
        self.journal: List[tuple] = []
        self.last_mark = 0
        self.frames: List[_Frame] = []
        self.uncertain: List[str] = []
        self.steps = 0
        self.calls: List[Tuple[int, str]] = []

    # -- the journal: every change to module state, so that it can be undone ------------
    def _set(self, mapping: dict, key: str, value: object) -> None:
        self.journal.append((mapping, key, mapping.get(key, _MISSING)))
        mapping[key] = value

    def _pop(self, mapping: dict, key: str) -> None:
        if key in mapping:
            self.journal.append((mapping, key, mapping[key]))
            del mapping[key]

    def _flag(self, state: "ModState", attr: str, value: bool) -> None:
        if state.born < self.last_mark:
            self.journal.append((state, attr, getattr(state, attr)))
        setattr(state, attr, value)

    def _ns_set(self, state: "ModState", key: str, value: object) -> None:
        """Bind a module's name; only modules older than the last mark need undoing later
        (a rollback drops younger ones whole)."""
        if state.born < self.last_mark:
            self._set(state.ns, key, value)
        else:
            state.ns[key] = value

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
        state = ModState("__main__", facts, 0)
        self._set(self.modules, "__main__", state)
        self.exec_body(_Env(state), facts.body)
        self._flag(state, "done", True)

    def import_module(self, name: str) -> Optional[ModState]:
        """`importlib.import_module(name)`; None for modules outside the project."""
        existing = self.modules.get(name)
        if existing is not None:
            return existing
        if name not in self.facts:
            return None
        parent_name = name.rpartition(".")[0]
        parent = None
        if parent_name:
            parent = self.import_module(parent_name)
            existing = self.modules.get(name)
            if existing is not None:
                return existing
            if parent is not None and not parent.facts.source.is_package:
                return None  # ModuleNotFoundError: not a package; nothing circular
        facts = self.facts[name]
        state = ModState(name, facts, len(self.frames))
        state.born = len(self.journal)
        self._set(self.modules, name, state)
        if self.may_reach_cycle is not None and name not in self.may_reach_cycle:
            # a new object: nothing to journal. Its names are the ones bound anywhere at module level.
            state.ns = dict.fromkeys((name for name, _ in facts.first_bound), OPAQUE)
            state.done = True
            state.open = facts.open_namespace or any(
                raw.scope == m.MODULE and any(n == "*" for n, _ in raw.names) for raw in facts.imports)
        else:
            try:
                self.exec_body(_Env(state), facts.body)
            except SimCrash:
                self._pop(self.modules, name)
                raise
            self._flag(state, "done", True)
        if parent is not None:
            self._ns_set(parent, name.rpartition(".")[2], state)
        return state

    def _import_at(self, env: _Env, name: str, line: int, statement: str) -> Optional[ModState]:
        self.frames.append(_Frame(env.module.facts.source.module if env.module.name != "__main__" else "__main__",
                                  env.module.facts.source.path, line, statement))
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
        return env.module.ns.get(name, OPAQUE)

    def op_Bind(self, env: _Env, op: m.Bind) -> None:
        for name in op.names:
            self.store(env, name, OPAQUE)

    def op_BindModule(self, env: _Env, op: m.BindModule) -> None:
        value = self.modules.get(self._dynamic_name(env, op.target), OPAQUE)
        for name in op.names:
            self.store(env, name, value)

    def _dynamic_name(self, env: _Env, template: str) -> str:
        source = env.module.facts.source
        return fill_template(template, env.module.name, source.module, source.is_package)

    def op_BindResult(self, env: _Env, op: m.BindResult) -> None:
        callee = self.resolve_chain(env, op.name, op.attrs, op.line, strict=False)
        value = Instance(callee) if isinstance(callee, ClassRef) else OPAQUE
        for name in op.names:
            self.store(env, name, value)

    def op_Unbind(self, env: _Env, op: m.Unbind) -> None:
        for name in op.names:
            if env.locals is not None and name not in env.global_names:
                env.locals.pop(name, None)
            else:
                if env.module.born < self.last_mark:
                    self._pop(env.module.ns, name)
                else:
                    env.module.ns.pop(name, None)

    def op_Define(self, env: _Env, op: m.Define) -> None:
        ref = FuncRef if op.kind == "function" else ClassRef
        self.store(env, op.name, ref(env.module, op.qualname) if op.qualname else OPAQUE)

    def op_ImportOp(self, env: _Env, op: m.ImportOp) -> None:
        facts = env.module.facts
        raw = facts.imports[op.index]
        target = absolute_target(raw, facts.source.module, facts.source.is_package)
        if target is None:
            return
        if raw.kind == "import":
            self._import_at(env, target, raw.line, raw.statement)
            name, asname = raw.names[0]
            if asname:  # `import a.b.c as n` walks a -> b -> c as IMPORT_FROM does (3.7+)
                value: object = self.modules.get(target.partition(".")[0], OPAQUE)
                for part in target.split(".")[1:]:
                    if not isinstance(value, ModState):
                        value = self.modules.get(target, OPAQUE)
                        break
                    value = self.read_attr(env, value, part, raw.line, raw.statement, from_import=True)
                self.store(env, asname, value)
            else:
                top = target.partition(".")[0]
                self.store(env, top, self.modules.get(top, OPAQUE))
            return
        module = self._import_at(env, target, raw.line, raw.statement)
        if module is None:
            for name, asname in raw.names:
                if name == "*":
                    if env.locals is None:
                        self._flag(env.module, "open", True)
                else:
                    self.store(env, asname or name, OPAQUE)
            return
        names = [n for n, _ in raw.names]
        if module.facts.source.is_package:  # importlib._bootstrap._handle_fromlist
            wanted = list(names)
            if "*" in names and "__all__" in module.ns and module.facts.all_names:
                wanted = [n for n in wanted if n != "*"] + list(module.facts.all_names)
            for name in wanted:
                sub = f"{module.name}.{name}"
                if name != "*" and name not in module.ns and sub in self.facts:
                    self._import_at(env, sub, raw.line, raw.statement)
        suppressed = raw.suppressed is not None and (not raw.suppressed or "CC001" in raw.suppressed)
        for name, asname in raw.names:
            if name == "*":
                self.star(env, module, raw)
                continue
            if suppressed:  # `# cyclecheck: ignore`: the user vouches for this statement
                value = module.ns.get(name, self.modules.get(f"{module.name}.{name}", OPAQUE))
            else:
                value = self.read_attr(env, module, name, raw.line, raw.statement, from_import=True)
            self.store(env, asname or name, value)

    def star(self, env: _Env, module: ModState, raw: m.RawImport) -> None:
        if module.open and env.locals is None:
            self._flag(env.module, "open", True)
        if "__all__" in module.ns and module.facts.all_names is not None:
            for name in module.facts.all_names:
                self.store(env, name, self.read_attr(env, module, name, raw.line, raw.statement, from_import=False))
        else:
            for name, value in list(module.ns.items()):
                if not name.startswith("_"):
                    self.store(env, name, value)

    def read_attr(self, env: _Env, module: ModState, name: str, line: int, statement: str,
                  from_import: bool) -> object:
        """`getattr(module, name)` as IMPORT_FROM (`from_import`) or an attribute read performs it."""
        if name in module.ns:
            return module.ns[name]
        sub = self.modules.get(f"{module.name}.{name}")
        if from_import and sub is not None:
            return sub  # CPython 3.7+ falls back to sys.modules
        if module.open or "__getattr__" in module.ns:  # PEP 562: the module answers for itself
            return OPAQUE
        if module.done:
            if sub is not None and sys.version_info >= (3, 11):  # bpo-44717
                self.fail(env, module, name, line, statement, "AttributeError",
                          f"cannot access submodule '{name}' of module '{module.name}' "
                          "(most likely due to a circular import)", depth=sub.depth)
            return OPAQUE  # bound in a way the facts do not show; not our business
        if from_import:
            self.fail(env, module, name, line, statement, "ImportError",
                      f"cannot import name '{name}' from partially initialized module '{module.name}' "
                      "(most likely due to a circular import)")
        self.fail(env, module, name, line, statement, "AttributeError",
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
        site = m.ImportSite(importer=failing_module, imported=module.name, path=source.path, line=line, col=0,
                            statement=statement, scope=m.MODULE, names=(name,))
        crash = m.Crash(
            start="", exception=f"{exc_type}: {message}", trace=tuple(frames), failing=site, missing_name=name,
            bound_at=(module.facts.source.path, bound) if bound is not None else None,
            uncertain=tuple(dict.fromkeys(self.uncertain)),
        )
        raise SimCrash(exc_type, message, circular=True, crash=crash,
                       depth=module.depth if depth is None else depth)

    def resolve_chain(self, env: _Env, name: str, attrs: Tuple[str, ...], line: int, strict: bool) -> object:
        value = self.lookup(env, name)
        for i, attr in enumerate(attrs):
            if isinstance(value, ModState):
                if strict:
                    value = self.read_attr(env, value, attr, line, ".".join((name,) + attrs[: i + 1]),
                                           from_import=False)
                else:
                    value = value.ns.get(attr, OPAQUE)
            elif isinstance(value, ClassRef):
                value = FuncRef(value.module, f"{value.qualname}.{attr}")
            elif isinstance(value, Instance):
                value = FuncRef(value.cls.module, f"{value.cls.qualname}.{attr}")
            else:
                return OPAQUE
        return value

    def op_Access(self, env: _Env, op: m.Access) -> None:
        if op.attrs:
            self.resolve_chain(env, op.name, op.attrs, op.line, strict=True)

    def op_SetAttr(self, env: _Env, op: m.SetAttr) -> None:
        owner = self.resolve_chain(env, op.name, op.attrs[:-1], op.line, strict=False)
        if isinstance(owner, ModState):
            self._ns_set(owner, op.attrs[-1], OPAQUE)

    def op_Call(self, env: _Env, op: m.Call) -> None:
        callee = self.resolve_chain(env, op.name, op.attrs, op.line, strict=False)
        result = self.call(env, callee, op)
        if op.call_result:
            self.call(env, result, op)

    def call(self, env: _Env, callee: object, op: m.Call) -> object:
        """Run a project function (or a class's __init__) called at import time; its return value."""
        if isinstance(callee, ClassRef):
            callee = FuncRef(callee.module, f"{callee.qualname}.__init__")
        if not isinstance(callee, FuncRef):
            return OPAQUE
        function = callee.module.function(callee.qualname)
        key = (id(callee.module), callee.qualname)
        if function is None or len(self.calls) >= MAX_CALL_DEPTH:
            return OPAQUE  # (re-entering a function is allowed: the depth bound stops a recursion)
        statement = ".".join((op.name,) + op.attrs) + "()"
        self.frames.append(_Frame(env.module.facts.source.module if env.module.name != "__main__" else "__main__",
                                  env.module.facts.source.path, op.line, f"{statement}  # runs "
                                  f"{callee.module.facts.source.module}.{callee.qualname}()"))
        self.calls.append(key)
        try:
            self.exec_body(_Env(callee.module, {}, function.global_names, is_function=True), function.body)
        except _Return as returned:
            return returned.value
        finally:
            self.calls.pop()
            self.frames.pop()
        return OPAQUE

    def op_If(self, env: _Env, op: m.If) -> None:
        if op.test == "true":
            self.exec_body(env, op.body)
        elif op.test == "false":
            self.exec_body(env, op.orelse)
        elif op.test in ("main", "not-main"):
            is_main = env.module.name == "__main__"
            self.exec_body(env, op.body if is_main == (op.test == "main") else op.orelse)
        elif op.test.startswith(("hasattr:", "not-hasattr:")) and self._hasattr(env, op.test) is not None:
            found = self._hasattr(env, op.test)
            self.exec_body(env, op.body if found == op.test.startswith("hasattr:") else op.orelse)
        else:
            self.uncertain.append(f"the `if` at {env.module.facts.source.path}:{op.line} takes either branch")
            try:
                self.exec_body(_Env(env.module, env.locals, env.global_names, False), op.body)
                self.exec_body(_Env(env.module, env.locals, env.global_names, False), op.orelse)
            finally:
                self.uncertain.pop()

    def _hasattr(self, env: _Env, test: str) -> Optional[bool]:
        """`hasattr(x.y, "n")` when x.y is a project module: is `n` bound in it now?"""
        _, dotted, attr = test.split(":")
        name, *attrs = dotted.split(".")
        value = self.resolve_chain(env, name, tuple(attrs), 0, strict=False)
        if not isinstance(value, ModState) or value.open or "__getattr__" in value.ns:
            return None
        if attr in value.ns:
            return True
        return None if value.done else False

    def op_Loop(self, env: _Env, op: m.Loop) -> None:
        self.exec_body(env, op.body)
        self.exec_body(env, op.orelse)

    def op_Try(self, env: _Env, op: m.Try) -> None:
        try:
            self.exec_body(env, op.body)
        except SimCrash as crash:
            for caught, _, handler in op.handlers:
                if _catches(caught, crash.exc_type):
                    self.exec_body(env, handler)
                    break
            else:
                self.exec_body(env, op.finalbody)
                raise
        else:
            self.exec_body(env, op.orelse)
        self.exec_body(env, op.finalbody)

    def op_ClassBody(self, env: _Env, op: m.ClassBody) -> None:
        self.exec_body(_Env(env.module, {}, ()), op.body)

    def op_Return(self, env: _Env, op: m.Return) -> None:
        if env.is_function:
            raise _Return(self.resolve_chain(env, op.name, op.attrs, op.line, strict=False) if op.name else OPAQUE)

    def op_DynamicImport(self, env: _Env, op: m.DynamicImport) -> None:
        name = self._dynamic_name(env, op.target)
        self._import_at(env, name, op.line, env.module.facts.imports[op.index].statement)

    def op_PackageWalk(self, env: _Env, op: m.PackageWalk) -> None:
        name = self._dynamic_name(env, op.package)
        for child in self.children.get(name, ()):
            self._import_at(env, child, op.line, f"importlib.import_module({child!r})  # pkgutil walk")

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


def runtime_reachers(graph, facts: Sequence[m.ModuleFacts]) -> List[str]:
    """Modules whose fresh import can run into a cycle: they are the starts worth simulating.

    Over-approximates what runs at import: module-level and function-level edges
    (a module-level call may run a function body; package walks are edges too) plus
    module -> parent package.
    """
    import networkx as nx

    runtime = nx.DiGraph()
    runtime.add_nodes_from(graph.nodes)
    for u, v, data in graph.edges(data=True):
        if data["scope"] != m.TYPE_CHECKING:
            runtime.add_edge(u, v)
    names = set(graph.nodes)
    for fact in facts:
        for parent in ancestors(fact.source.module):  # importing it runs its packages first
            if parent in names:
                runtime.add_edge(fact.source.module, parent)
    cyclic: Set[str] = set()
    for component in nx.strongly_connected_components(runtime):
        if len(component) > 1 or any(runtime.has_edge(n, n) for n in component):
            cyclic.update(component)
    if not cyclic:
        return []
    reachers = set(cyclic)
    frontier = list(cyclic)
    while frontier:  # everything with a path into a cycle: one walk backwards from all of them
        node = frontier.pop()
        for pred in runtime.predecessors(node):
            if pred not in reachers:
                reachers.add(pred)
                frontier.append(pred)
    return sorted(reachers)


_WORKER: Optional[Simulator] = None


def _run_chunk(starts: Sequence[str]) -> Dict[str, Outcome]:
    return _WORKER.run_many(starts)


def run_many_parallel(simulator: Simulator, starts: Sequence[str], jobs: Optional[int]) -> Dict[str, Outcome]:
    """`simulator.run_many(starts)` spread over worker processes (forked: they share the facts).

    Starts are split into contiguous runs of the sorted list so that modules of one
    package stay together and keep sharing their parents' imports. The result is the
    same as the serial run; any failure of the pool falls back to it.
    """
    import os

    import gc

    collecting = gc.isenabled()
    gc.disable()  # the simulation makes millions of small objects and no garbage worth collecting
    try:
        return _run_many_parallel(simulator, sorted(starts), jobs)
    finally:
        if collecting:
            gc.enable()


def _run_many_parallel(simulator: Simulator, starts: List[str], jobs: Optional[int]) -> Dict[str, Outcome]:
    import os

    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(starts) < 200 or not hasattr(os, "fork"):
        return simulator.run_many(starts)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _WORKER
    pieces = jobs * 2
    size = -(-len(starts) // pieces)
    chunks = [starts[i: i + size] for i in range(0, len(starts), size)]
    _WORKER = simulator
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            results: Dict[str, Outcome] = {}
            for part in pool.map(_run_chunk, chunks):
                results.update(part)
        return results
    except Exception:  # no fork, no semaphores, a worker killed: do it here instead
        return simulator.run_many(starts)
    finally:
        _WORKER = None
