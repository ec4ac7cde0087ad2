"""Differential testing of cyclecheck's crash prediction against the real interpreter.

A seeded generator writes small random projects (a package `p`, maybe subpackages
`p.s` and `p.s.u`, maybe a top-level module `t`) that import each other in every way
the simulator models: plain, aliased, `from`-imports of names and of submodules,
relative imports of any level, star imports with and without `__all__`, attribute
reads after `import`, imports in functions (never called, called at module level,
called from another module, decorators, `__init__` of a class instantiated at module
level), under `if TYPE_CHECKING:`, in `try/except ImportError` (and
`except ModuleNotFoundError`), in class bodies, `importlib.import_module("literal")`,
default values and annotations that read imported modules, and names bound before or
after the imports (also through `global` in a function called at module level).

Every name a module reads is bound somewhere in the module it reads it from, so the
only way an import can fail is circularity. The truth comes from a fresh
`python -c "import M"` per module; the prediction from `cyclecheck.check.check`.

    python tests/differential.py --count 5000 --start 0 --jobs 2 --keep /tmp/mismatches

prints the confusion counts over (project, module) pairs, precision and recall, and
every mismatching seed (written to `--keep DIR/seed-N/` for inspection).

The generator avoids everything that fails for another reason, except one thing it
cannot avoid statically: a module object left behind by an import that failed under
`try/except ImportError` (or, before CPython 3.11, a submodule read through its finished
parent while the submodule is still initialising) raises a plain
`AttributeError: module 'p' has no attribute 'a'` without the circular-import hint. Such
projects are regenerated from the next sub-seed (`Project.rejected` lists the messages).
So are projects where such a failed import dropped the parent of a namespace package
from sys.modules, which makes importlib raise `KeyError: 'p'` for the next import below
the namespace package.

Environment: CYCLECHECK_DIFF_PATH, a directory holding another `cyclecheck/` to test
instead of this checkout's; CYCLECHECK_DIFF_SELF_IMPORTS, the share of imports that
import the module itself (`from p import X` in p/__init__.py; default 0).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Set, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_fixture_truth import run_import as fixture_run_import  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
if os.environ.get("CYCLECHECK_DIFF_PATH"):  # test another checkout of cyclecheck
    sys.path.insert(0, os.environ["CYCLECHECK_DIFF_PATH"])
elif str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MAX_ATTEMPTS = 20
SELF_IMPORT_RATE = float(os.environ.get("CYCLECHECK_DIFF_SELF_IMPORTS", "0"))  # share of imports of the module itself
NAMESPACE_PARENT_GONE = re.compile(r"^KeyError: '([\w.]+)'$")
PLAIN_ATTRIBUTE_ERROR = re.compile(r"^AttributeError: module '([\w.]+)' has no attribute '(\w+)'$")

# --- project layout -----------------------------------------------------------------------


@dataclass
class Mod:
    name: str
    is_pkg: bool
    namespace: bool = False  # a directory without __init__.py: no code, no names of its own

    @property
    def tag(self) -> str:
        return self.name.rpartition(".")[2]

    @property
    def parent(self) -> str:
        return self.name.rpartition(".")[0]

    @property
    def package(self) -> str:
        """The package relative imports resolve against ("" for a top-level module)."""
        return self.name if self.is_pkg else self.parent

    @property
    def path(self) -> str:
        parts = self.name.split(".")
        if self.is_pkg:
            return "/".join(parts + ["__init__.py"])
        return "/".join(parts) + ".py"

    def own_names(self) -> List[str]:
        t = self.tag
        return [f"V_{t}", f"F_{t}", f"C_{t}", f"init_{t}", f"deco_{t}"]


def layout(rng: random.Random) -> List[Mod]:
    total = rng.randint(3, 8)
    mods = [Mod("p", True)]
    packages = ["p"]
    if total >= 3 and rng.random() < 0.6:
        mods.append(Mod("p.s", True))
        packages.append("p.s")
        if total >= 5 and rng.random() < 0.35:
            mods.append(Mod("p.s.u", True))
            packages.append("p.s.u")
    if len(mods) < total - 1 and rng.random() < 0.4:
        mods.append(Mod("t", False))
    letters = list("abcdefgh")
    rng.shuffle(letters)
    while len(mods) < total:
        package = rng.choice(packages)
        mods.append(Mod(f"{package}.{letters.pop()}", False))
    for mod in mods:  # a subpackage with a module of its own may be a namespace package
        if mod.name != "p" and mod.is_pkg and rng.random() < 0.2:
            if any(m.parent == mod.name and not m.is_pkg for m in mods):
                mod.namespace = True
    return sorted(mods, key=lambda mod: mod.name)


# --- one module's source ------------------------------------------------------------------


class Block:
    """A run of module-level lines; `body` (for defs) is filled while generating."""

    def __init__(self, lines: Sequence[str] = (), head: Optional[str] = None, tail: Sequence[str] = ()):
        self.lines = list(lines)
        self.head = head
        self.body: List[str] = []
        self.tail = list(tail)

    def render(self) -> List[str]:
        if self.head is None:
            return self.lines
        body = self.body + self.tail or ["pass"]
        return self.lines + [self.head] + ["    " + line for line in body]


class ClassBlock(Block):
    """`class C_t:` whose `__init__` (run by `C_t()`) may import."""

    def __init__(self, head: str, tail: Sequence[str]):
        super().__init__(head=head, tail=tail)
        self.ctor: List[str] = []

    def render(self) -> List[str]:
        methods = ["def __init__(self):"] + ["    " + line for line in self.ctor + ["return None"]] if self.ctor else []
        return [self.head] + ["    " + line for line in self.body + self.tail + methods]


@dataclass
class Handle:
    """How code after an import reaches what it imported."""

    kind: str  # "module": `expr` is module `target`; "names": plain names bound from `target`
    target: str
    expr: str = ""
    names: Tuple[str, ...] = ()


class ModuleWriter:
    def __init__(self, project: "ProjectWriter", mod: Mod):
        self.project = project
        self.mod = mod
        self.rng = project.rng
        self.blocks: List[Block] = []
        self.header: Set[str] = set()
        self.counter = 0
        t = mod.tag
        self.defs: Dict[str, Block] = {
            f"V_{t}": Block([f"V_{t} = 1"]),
            f"F_{t}": Block(head=f"def F_{t}():", tail=["return None"]),
            f"C_{t}": ClassBlock(f"class C_{t}:", [f"kind = {t!r}"]),
            f"init_{t}": Block(head=f"def init_{t}():", tail=["return None"]),
            f"deco_{t}": Block(head=f"def deco_{t}(func):", tail=["return func"]),
        }
        for block in self.defs.values():
            self.insert(block)
        if self.rng.random() < 0.15:  # V_t bound by a function called at module level (`global`)
            value = self.defs[f"V_{t}"]
            value.lines = [f"def _bind_{t}():", f"    global V_{t}", f"    V_{t} = 1"]
            self.insert(Block([f"_bind_{t}()"]), after=value)

    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}_{self.mod.tag}{self.counter}"

    def insert(self, block: Block, after: Optional[Block] = None) -> Block:
        low = 0 if after is None else self.blocks.index(after) + 1
        self.blocks.insert(self.rng.randint(low, len(self.blocks)), block)
        return block

    # -- import statements ---------------------------------------------------------------
    def names_of(self, target: Mod, allow_submodules: bool = True) -> List[str]:
        """1-2 names to import from `target`: its own names, or submodules of a package."""
        pool = target.own_names()
        if target.is_pkg and allow_submodules:
            # never the importing module itself (`from p import s` inside p.s)
            pool = pool + [m.tag for m in self.project.children(target.name) if m.name != self.mod.name] * 2
        count = 1 if self.rng.random() < 0.75 else 2
        return self.rng.sample(pool, min(count, len(pool)))

    def import_statement(self, target: Mod, where: str, guard: Optional[str]) -> Tuple[List[str], List[Handle], List[str]]:
        """(import lines, handles, names bound) for one import of `target` from this module."""
        rng = self.rng
        mod = self.mod
        forms = ["import", "import_as", "from_names", "from_names"]
        if target.parent:
            forms.append("from_parent")
        if where == "module" and guard is None:
            forms.append("star")
        if where != "typing":
            forms.append("importlib")
        rel = self.relative_forms(target)
        if rel:
            forms += ["relative"] * 3
        form = rng.choice(forms)
        guarded = guard is not None

        def alias(prefix: str, name: str) -> str:
            return self.fresh(("_g" if guarded else prefix) + name.replace("_", ""))

        if form == "import":
            # A failed guarded `import p.a` leaves `p` unbound/unchanged: bind nothing in the handler.
            return [f"import {target.name}"], [Handle("module", target.name, target.name)], []
        if form == "import_as":
            name = alias("x", "")
            return [f"import {target.name} as {name}"], [Handle("module", target.name, name)], [name]
        if form == "importlib":
            self.header.add("import importlib")
            name = alias("m", "")
            return [f"{name} = importlib.import_module({target.name!r})"], [Handle("module", target.name, name)], [name]
        if form == "from_parent":
            base = target.tag
            if guarded:
                name = alias("s", base)
                return [f"from {target.parent} import {base} as {name}"], [], [name]
            return [f"from {target.parent} import {base}"], [Handle("module", target.name, base)], [base]
        if form == "star":
            return [f"from {self.relative_or_absolute(target)} import *"], [], []
        if form == "relative":
            module_text, what = rng.choice(rel)
            if what == "submodule":
                base = target.tag
                if guarded:
                    name = alias("s", base)
                    return [f"from {module_text} import {base} as {name}"], [], [name]
                return [f"from {module_text} import {base}"], [Handle("module", target.name, base)], [base]
            return self.from_names(module_text, target, guarded)
        return self.from_names(target.name, target, guarded)

    def from_names(self, module_text: str, target: Mod, guarded: bool) -> Tuple[List[str], List[Handle], List[str]]:
        names = self.names_of(target)
        parts, handles, bound = [], [], []
        for name in names:
            is_sub = name in {m.tag for m in self.project.children(target.name)}
            if guarded and not name.startswith("V_"):
                local = self.fresh("_g" + name.replace("_", ""))
                parts.append(f"{name} as {local}")
                bound.append(local)
                continue
            parts.append(name)
            bound.append(name)
            if is_sub:
                handles.append(Handle("module", f"{target.name}.{name}", name))
            else:
                handles.append(Handle("names", target.name, names=(name,)))
        return [f"from {module_text} import {', '.join(parts)}"], ([] if guarded else handles), bound

    def relative_forms(self, target: Mod) -> List[Tuple[str, str]]:
        """(module text, "names"|"submodule") for every relative spelling of `target`."""
        package = self.mod.package
        if not package:
            return []
        out: List[Tuple[str, str]] = []
        levels = [(".", package)]
        grand = package.rpartition(".")[0]
        if grand:
            levels.append(("..", grand))
        for dots, base in levels:
            if target.name == base:
                out.append((dots, "names"))
            elif target.name.startswith(base + "."):
                rest = target.name[len(base) + 1:]
                out.append((dots + rest, "names"))
                if target.parent == base:
                    out.append((dots, "submodule"))
        return out

    def relative_or_absolute(self, target: Mod) -> str:
        rel = [text for text, what in self.relative_forms(target) if what == "names"]
        if rel and self.rng.random() < 0.4:
            return self.rng.choice(rel)
        return target.name

    # -- what code after an import does with it -------------------------------------------
    def follow_ups(self, handle: Handle, calls: bool) -> List[List[str]]:
        """Statements (each a list of lines) using `handle`; `calls` allows calling project code."""
        rng = self.rng
        out: List[List[str]] = []
        if handle.kind == "module":
            target = self.project.mods[handle.target]
            # reachable modules: the target, and for `import a.b.c` also a and a.b
            reach = [] if target.namespace else [(handle.expr, target)]
            if handle.expr == handle.target:
                parts = handle.target.split(".")
                for i in range(1, len(parts)):
                    prefix = ".".join(parts[:i])
                    if not self.project.mods[prefix].namespace:
                        reach.append((prefix, self.project.mods[prefix]))
            for _ in range(rng.choice([0, 1, 1, 2]) if reach else 0):
                expr, mod = rng.choice(reach)
                t = mod.tag
                choice = rng.random()
                if calls and choice < 0.2:
                    out.append([f"{expr}.init_{t}()"])
                elif calls and choice < 0.3:
                    out.append([f"@{expr}.deco_{t}", f"def {self.fresh('h')}():", "    pass"])
                elif calls and choice < 0.35:
                    out.append([f"{self.fresh('o')} = {expr}.C_{t}()"])
                elif choice < 0.45:
                    out.append([f"class {self.fresh('K')}({expr}.C_{t}):", "    pass"])
                elif choice < 0.5:
                    name = rng.choice(mod.own_names())
                    out.append([f"def {self.fresh('h')}(arg={expr}.{name}):", "    return arg"])
                elif choice < 0.55:
                    # evaluated at module level and in class bodies, never in a function body
                    name = rng.choice(mod.own_names())
                    if rng.random() < 0.5:
                        out.append([f"{self.fresh('n')}: {expr}.{name} = 1"])
                    else:
                        out.append([f"def {self.fresh('h')}(arg: {expr}.{name}) -> {expr}.V_{t}:", "    return arg"])
                elif choice < 0.75:
                    out.append([f"{self.fresh('y')} = {expr}.{rng.choice(mod.own_names())}"])
                else:
                    out.append([f"{expr}.{rng.choice(mod.own_names())}"])
        else:
            for name in handle.names:
                if rng.random() < 0.4:
                    continue
                if name.startswith("init_") and calls:
                    out.append([f"{name}()"])
                elif name.startswith("deco_") and calls:
                    out.append([f"@{name}", f"def {self.fresh('h')}():", "    pass"])
                elif name.startswith("C_") and calls and rng.random() < 0.3:
                    out.append([f"{self.fresh('o')} = {name}()"])
                elif name.startswith("C_"):
                    out.append([f"class {self.fresh('K')}({name}):", "    pass"])
                elif rng.random() < 0.2:
                    out.append([f"def {self.fresh('h')}(arg={name}):", "    return arg"])
                else:
                    out.append([f"{self.fresh('y')} = {name}"])
        return out

    # -- one import, placed somewhere -----------------------------------------------------
    def add_import(self, target: Mod) -> None:
        rng = self.rng
        where = rng.choices(
            ["module", "function", "setup", "init", "deco", "typing", "class", "ctor"],
            weights=[40, 8, 10, 10, 5, 6, 8, 5],
        )[0]
        guard = None
        if where != "typing" and rng.random() < 0.18:
            guard = "ImportError" if rng.random() < 0.7 else "ModuleNotFoundError"
        lines, handles, bound = self.import_statement(target, where, guard)
        if guard is not None:
            handles = []  # the handler may have bound None: nothing may use what it imported
            handler = [f"    {name} = None" for name in bound] or ["    pass"]
            lines = ["try:"] + ["    " + line for line in lines] + [f"except {guard}:"] + handler
        # calls run project code: only from code that runs once (module level, class body,
        # a local setup function), never from init_/deco_ bodies (no call recursion)
        calls = where in ("module", "class", "setup")
        follow = [] if where == "typing" else [s for h in handles for s in self.follow_ups(h, calls)]
        t = self.mod.tag
        if where == "module":
            block = self.insert(Block(lines))
            for statement in follow:
                self.insert(Block(statement), after=block)
        elif where == "typing":
            self.header.add("from typing import TYPE_CHECKING")
            self.insert(Block(["if TYPE_CHECKING:"] + ["    " + line for line in lines]))
        elif where == "class":
            block = Block(head=f"class {self.fresh('Z')}:")
            block.body = lines + [line for s in follow for line in s]
            self.insert(block)
        elif where == "setup":
            name = self.fresh("_setup")
            block = Block(head=f"def {name}():", tail=["return None"])
            block.body = lines + [line for s in follow for line in s]
            if self.rng.random() < 0.3:  # the import sits in a function nested in the one called
                block.body = ["def load():"] + ["    " + line for line in block.body] + ["load()"]
            self.insert(Block([f"{name}()"]), after=self.insert(block))
        elif where == "ctor":
            self.defs[f"C_{t}"].ctor.extend(lines + [line for s in follow for line in s])
        else:
            owner = {"function": f"F_{t}", "init": f"init_{t}", "deco": f"deco_{t}"}[where]
            self.defs[owner].body.extend(lines + [line for s in follow for line in s])

    def render(self) -> str:
        lines: List[str] = []
        if self.rng.random() < 0.25:
            names = [n for n in self.mod.own_names() if self.rng.random() < 0.7]
            if self.mod.is_pkg and self.rng.random() < 0.3:
                names += [m.tag for m in self.project.children(self.mod.name) if self.rng.random() < 0.5]
            self.insert(Block([f"__all__ = {names!r}"]))
        lines += sorted(self.header, reverse=True)
        for block in self.blocks:
            lines += block.render()
        return "\n".join(lines) + "\n"


class ProjectWriter:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.mods: Dict[str, Mod] = {m.name: m for m in layout(rng)}

    def children(self, package: str) -> List[Mod]:
        return [m for m in self.mods.values() if m.parent == package]

    def write(self) -> Dict[str, str]:
        rng = self.rng
        writers = {name: ModuleWriter(self, mod) for name, mod in self.mods.items() if not mod.namespace}
        names = sorted(writers)
        for name in names:
            writer = writers[name]
            for _ in range(rng.choice([1, 1, 2, 2, 2, 3, 3, 4])):
                if SELF_IMPORT_RATE and rng.random() < SELF_IMPORT_RATE:
                    target = name
                else:
                    target = rng.choice([n for n in names if n != name])
                writer.add_import(self.mods[target])
        return {self.mods[name].path: writers[name].render() for name in names}


# --- truth and prediction -----------------------------------------------------------------


def run_import(directory: Path, module: str) -> str:
    """"ok" | "circular" | "other:<last stderr line>" for a fresh `import module`.

    The same classification as the fixture truth test, so the two can never disagree."""
    outcome, tail = fixture_run_import(directory, module)
    if outcome != "error":
        return outcome
    return "other:" + (tail.splitlines()[-1] if tail else "no output")


def modules_in(directory: Path) -> List[str]:
    out = []
    for path in Path(directory).rglob("*.py"):
        parts = list(path.relative_to(directory).with_suffix("").parts)
        if "__pycache__" in parts:
            continue
        if parts[-1] == "__init__":
            parts.pop()
        out.append(".".join(parts))
    return sorted(out)


_POOL: Optional[ThreadPoolExecutor] = None


def _pool() -> ThreadPoolExecutor:
    global _POOL
    if _POOL is None:
        _POOL = ThreadPoolExecutor(max_workers=8)
    return _POOL


def truth(directory: Path, pool: Optional[ThreadPoolExecutor] = None) -> Dict[str, str]:
    """What a fresh `python -c "import M"` does for every module M under `directory`."""
    modules = modules_in(Path(directory))
    results = (pool or _pool()).map(lambda module: run_import(Path(directory), module), modules)
    return dict(zip(modules, results))


def predict(directory: Path) -> Set[str]:
    """Modules cyclecheck says crash with a circular error when imported first."""
    from cyclecheck.check import check
    from cyclecheck.config import Config

    report = check([str(directory)], Config(show_deferred=True))
    return {module for finding in report.findings for module in finding.crashes_when_first_imported}


# --- generation ---------------------------------------------------------------------------


@dataclass
class Project:
    seed: int
    attempt: int
    files: Dict[str, str]
    truth: Dict[str, str]
    rejected: List[str] = field(default_factory=list)  # plain AttributeErrors of earlier attempts


def write_files(directory: Path, files: Dict[str, str]) -> None:
    directory = Path(directory)
    if directory.exists():
        shutil.rmtree(directory)
    for rel, text in files.items():
        path = directory / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def source_of(seed: int, attempt: int = 0) -> Dict[str, str]:
    rng = random.Random(f"cyclecheck-differential:{seed}:{attempt}")
    return ProjectWriter(rng).write()


def _plain_cycle_error(outcome: str, modules: Sequence[str]) -> bool:
    """A failure caused by circularity that CPython reports without the circular-import hint."""
    if not outcome.startswith("other:"):
        return False
    message = outcome[len("other:"):]
    match = PLAIN_ATTRIBUTE_ERROR.match(message)
    if match:
        return match.group(1) in modules
    # a namespace package whose parent was dropped from sys.modules by a failed import
    # (under try/except ImportError): importing below it raises KeyError in _NamespacePath
    match = NAMESPACE_PARENT_GONE.match(message)
    return bool(match) and any(m == match.group(1) or m.startswith(match.group(1) + ".") for m in modules)


def generate_project(seed: int, directory: Path, pool: Optional[ThreadPoolExecutor] = None) -> Project:
    rejected: List[str] = []
    for attempt in range(MAX_ATTEMPTS):
        files = source_of(seed, attempt)
        write_files(directory, files)
        result = truth(directory, pool)
        plain = [o for o in result.values() if _plain_cycle_error(o, list(result))]
        if plain:
            rejected.append(plain[0])
            continue
        return Project(seed, attempt, files, result, rejected)
    raise RuntimeError(f"seed {seed}: {MAX_ATTEMPTS} attempts all hit plain AttributeErrors: {rejected}")


def generate(seed: int, directory: Path) -> Dict[str, str]:
    """Write the project of `seed` under `directory`; its `{module: "ok"|"circular"}` truth."""
    return generate_project(seed, directory).truth


# --- comparison ---------------------------------------------------------------------------


@dataclass
class Mismatch:
    seed: int
    attempt: int
    files: Dict[str, str]
    truth: Dict[str, str]
    predicted: Set[str]

    @property
    def circular(self) -> Set[str]:
        return {m for m, o in self.truth.items() if o == "circular"}

    @property
    def other(self) -> Dict[str, str]:
        return {m: o for m, o in self.truth.items() if o not in ("ok", "circular")}

    @property
    def false_positives(self) -> Set[str]:
        return self.predicted - self.circular

    @property
    def false_negatives(self) -> Set[str]:
        return self.circular - self.predicted

    def describe(self) -> str:
        out = [f"seed {self.seed} (attempt {self.attempt})"]
        if self.other:
            out.append(f"  GENERATOR BUG, not a circular failure: {self.other}")
        out.append(f"  predicted but ok (false positives): {sorted(self.false_positives)}")
        out.append(f"  circular but not predicted (false negatives): {sorted(self.false_negatives)}")
        for module in sorted(self.truth):
            mark = "*" if module in self.predicted else " "
            out.append(f"    {mark} {module}: {self.truth[module]}")
        for rel, text in sorted(self.files.items()):
            out.append(f"  --- {rel}")
            out.extend("    " + line for line in text.splitlines())
        return "\n".join(out)


@dataclass
class Result:
    project: Project
    predicted: Set[str]

    def confusion(self) -> Tuple[int, int, int, int]:
        tp = fp = fn = tn = 0
        for module, outcome in self.project.truth.items():
            crash = outcome == "circular"
            said = module in self.predicted
            tp += crash and said
            fp += said and not crash
            fn += crash and not said
            tn += not crash and not said
        return tp, fp, fn, tn

    def mismatch(self) -> Optional[Mismatch]:
        circular = {m for m, o in self.project.truth.items() if o == "circular"}
        others = any(o not in ("ok", "circular") for o in self.project.truth.values())
        if circular == self.predicted and not others:
            return None
        p = self.project
        return Mismatch(p.seed, p.attempt, p.files, p.truth, self.predicted)


def run_seed(seed: int, workdir: Path, pool: Optional[ThreadPoolExecutor] = None) -> Result:
    directory = Path(workdir) / f"seed-{seed}"
    try:
        project = generate_project(seed, directory, pool)
        predicted = predict(directory)
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    return Result(project, predicted)


def compare(seed: int, workdir: Path) -> Optional[Mismatch]:
    """Generate the project of `seed` under `workdir`, and how cyclecheck's prediction differs from the truth."""
    return run_seed(seed, workdir).mismatch()


# --- command line -------------------------------------------------------------------------


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2, help="projects in flight at once")
    parser.add_argument("--workers", type=int, default=8, help="import subprocesses in flight at once")
    parser.add_argument("--keep", type=Path, help="write each mismatching project to KEEP/seed-N/")
    parser.add_argument("--show", type=int, default=5, help="mismatches printed in full")
    parser.add_argument("--seeds", type=str, help="comma-separated seeds instead of --start/--count")
    args = parser.parse_args(argv)

    seeds = [int(s) for s in args.seeds.split(",")] if args.seeds else list(range(args.start, args.start + args.count))
    totals = [0, 0, 0, 0]
    mismatches: List[Mismatch] = []
    rejected = 0
    attempts = 0
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="cyclecheck-diff-") as workdir, \
            ThreadPoolExecutor(max_workers=args.workers) as imports, \
            ThreadPoolExecutor(max_workers=args.jobs) as projects:
        futures = [projects.submit(run_seed, seed, Path(workdir), imports) for seed in seeds]
        for done, future in enumerate(futures, 1):
            result = future.result()
            for i, value in enumerate(result.confusion()):
                totals[i] += value
            rejected += len(result.project.rejected)
            attempts += result.project.attempt + 1
            mismatch = result.mismatch()
            if mismatch is not None:
                mismatches.append(mismatch)
                print(f"MISMATCH seed {mismatch.seed}: false positives {sorted(mismatch.false_positives)}, "
                      f"false negatives {sorted(mismatch.false_negatives)}"
                      + (f", generator bug {mismatch.other}" if mismatch.other else ""), flush=True)
                if args.keep:
                    write_files(args.keep / f"seed-{mismatch.seed}", mismatch.files)
                if len(mismatches) <= args.show:
                    print(mismatch.describe(), flush=True)
            if done % 100 == 0 or done == len(futures):
                elapsed = time.monotonic() - started
                print(f"[{done}/{len(futures)}] {elapsed:.0f}s, {len(mismatches)} mismatching projects", flush=True)

    tp, fp, fn, tn = totals
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"projects: {len(seeds)} (regenerated {rejected} times for plain AttributeErrors; {attempts} generated)")
    print(f"(project, module) pairs: {tp + fp + fn + tn}")
    print(f"  true positives  {tp}")
    print(f"  false positives {fp}")
    print(f"  false negatives {fn}")
    print(f"  true negatives  {tn}")
    print(f"precision {precision:.4f}  recall {recall:.4f}")
    print(f"mismatching projects: {len(mismatches)}" + (f" (seeds {', '.join(str(m.seed) for m in mismatches)})"
                                                        if mismatches else ""))
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
