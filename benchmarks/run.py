#!/usr/bin/env python3
"""Benchmark cyclecheck on real projects against other import-graph tools, and on generated ones.

    python benchmarks/run.py                       # every corpus, anchors, growth series, tangle
    python benchmarks/run.py --corpus django --rounds 3
    python benchmarks/run.py --no-corpora --growth-sizes 1000,10000 --tangle 500
    python benchmarks/run.py --quick               # a smoke run: tiny generated projects only

Real corpora are the published wheels of a few large projects (`pip download --no-deps`),
unpacked under the work directory (default `~/.cache/cyclecheck-bench`, `--work DIR`).
The anchors (pylint, pydeps, grimp, ruff) live in a virtualenv of their own there.

For each corpus and round the tools run one after the other, alternating cyclecheck
and an anchor (A B A B ...), so slow drift of the machine hits both sides of a pair:
cyclecheck cold (empty cache directory), warm (second run on that cache), after a
one-file edit (a comment appended to the package's `__init__.py`), after a code edit
(a function appended to it), after an edit in its middle (a statement that calls
something, inserted before its middle statement: the lines below it shift), and each
anchor. Then sampled one-file edits: a few files of the package, each given a comment
line near its top, a statement in a function body, an import of a library added before its
first import, and an import of the project's top package there instead (code that runs at
import time: the starts whose run went through the file run again), each timed on its own.
The tables give medians over rounds, the
peak RSS of each process tree, the paired ratios cyclecheck-cold / anchor and
cyclecheck-warm / anchor (medians of the per-round ratios) and cyclecheck's findings
by severity. Nothing here asserts a time; it prints Markdown tables.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from typing import Callable, Dict, List, Optional, Sequence, Tuple

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# name -> (pip requirement, the top-level package analysed)
CORPORA: Dict[str, Tuple[str, str]] = {
    "django": ("django==5.2.19", "django"),
    "superset": ("apache-superset==6.1.0", "superset"),
    "airflow-core": ("apache-airflow-core==3.3.2", "airflow"),
    "indico": ("indico==3.2.9", "indico"),
    "sympy": ("sympy==1.14.0", "sympy"),
}
ANCHORS = ("ruff", "grimp", "pydeps", "pylint")
ANCHOR_PACKAGES = ("pylint", "pydeps", "grimp", "ruff")
SEVERITY_OF_KIND = {"import-time-crash": "error", "import-time-cycle": "warning", "deferred-cycle": "info"}

GRIMP_SCRIPT = r'''
import sys
import grimp

root, package = sys.argv[1], sys.argv[2]
sys.path.insert(0, root)
graph = grimp.build_graph(package, cache_dir=None)
nodes = sorted(graph.modules)
succ = {n: sorted(graph.find_modules_directly_imported_by(n)) for n in nodes}
index, low, on, stack, sccs, counter = {}, {}, set(), [], [], [0]
for start in nodes:  # iterative Tarjan
    if start in index:
        continue
    work = [(start, 0)]
    while work:
        node, i = work.pop()
        if i == 0:
            index[node] = low[node] = counter[0]
            counter[0] += 1
            stack.append(node)
            on.add(node)
        recurse = False
        for j in range(i, len(succ[node])):
            nxt = succ[node][j]
            if nxt not in index:
                work.append((node, j + 1))
                work.append((nxt, 0))
                recurse = True
                break
            if nxt in on:
                low[node] = min(low[node], index[nxt])
        if recurse:
            continue
        if low[node] == index[node]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == node:
                    break
            if len(comp) > 1:
                sccs.append(comp)
        if work:
            parent = work[-1][0]
            low[parent] = min(low[parent], low[node])
print(f"{len(nodes)} modules, {len(sccs)} cyclic components, largest {max(map(len, sccs), default=0)}")
'''


def log(*args) -> None:
    print(*args, file=sys.stderr, flush=True)


# -- running one command --------------------------------------------------------------------

class Result:
    def __init__(self, seconds: float, rss_kb: int, code: int, stdout_path: Optional[str] = None,
                 cpu: float = 0.0):
        self.seconds = seconds
        self.cpu = cpu  # user + system seconds of the whole process tree: robust on a busy machine
        self.rss_kb = rss_kb
        self.code = code
        self.stdout_path = stdout_path
        self.stages: Dict[str, float] = {}  # cyclecheck's own wall time per stage (CYCLECHECK_TIMINGS)

    def beyond_parsing(self) -> Optional[float]:
        """Seconds cyclecheck spent after reading and parsing the files (None: not known)."""
        if "parse" not in self.stages:
            return None
        return sum(v for k, v in self.stages.items() if k not in ("discover", "parse"))


def measure(cmd: Sequence[str], cwd: str, env: Optional[dict] = None, stdout_path: Optional[str] = None,
            timeout: Optional[float] = None) -> Result:
    """Wall time and peak RSS (of the whole process tree) of one run."""
    env = dict(os.environ if env is None else env)
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    err = tempfile.TemporaryFile()
    time_v = shutil.which("time", path="/usr/bin")
    rss_file = None
    full = list(cmd)
    if time_v:
        fd, rss_file = tempfile.mkstemp(prefix="bench-time-")
        os.close(fd)
        full = [time_v, "-v", "-o", rss_file] + full
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(full, cwd=cwd, env=env, stdout=out, stderr=err)
        deadline = None if timeout is None else start + timeout
        while True:  # os.wait4 gives the child's rusage when /usr/bin/time is missing
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.perf_counter() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                return Result(float("inf"), 0, -9, stdout_path)
            time.sleep(0.005)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        rss = usage.ru_maxrss
        cpu = usage.ru_utime + usage.ru_stime  # includes the children it reaped (workers, time's child)
        code = proc.returncode
        if rss_file:
            with open(rss_file) as handle:
                for line in handle:
                    line = line.strip()
                    if line.startswith("Maximum resident set size"):
                        rss = int(line.rsplit(":", 1)[1])
                    elif line.startswith("Exit status:"):
                        code = int(line.rsplit(":", 1)[1])
        result = Result(seconds, rss, code, stdout_path, cpu)
        err.seek(0)
        for line in err.read(1 << 20).decode("utf-8", "replace").splitlines():
            if line.startswith("cyclecheck timings (s):"):
                for item in line.split(":", 1)[1].split():
                    stage, _, value = item.partition("=")
                    result.stages[stage] = float(value)
        return result
    finally:
        err.close()
        if stdout_path:
            out.close()
        if rss_file:
            os.unlink(rss_file)


CODE = {"path": REPO}  # where the cyclecheck package that is timed lives (a snapshot, see main)


def snapshot_code(work: str) -> str:
    """Copy the package once, so that edits to the checkout during a long run do not mix versions."""
    target = tempfile.mkdtemp(prefix="snapshot-", dir=work)
    shutil.copytree(os.path.join(REPO, "cyclecheck"), os.path.join(target, "cyclecheck"),
                    ignore=shutil.ignore_patterns("__pycache__", ".cyclecheck_cache"))
    # an installed package comes with bytecode: time that, not compiling cyclecheck on every start
    import compileall

    compileall.compile_dir(os.path.join(target, "cyclecheck"), quiet=1)
    CODE["path"] = target
    return target


def code_version() -> str:
    try:
        head = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", REPO, "status", "--porcelain", "--", "cyclecheck"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"
    return head + (" + uncommitted changes" if dirty else "")


def cyclecheck_env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = CODE["path"] + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["CYCLECHECK_TIMINGS"] = "1"  # one line on stderr: wall time per stage
    return env


def cyclecheck_cmd(target: str, *extra: str) -> List[str]:
    return [sys.executable, "-m", "cyclecheck", target, "--format", "json", *extra]


def severity_counts(json_path: str) -> Dict[str, int]:
    try:
        with open(json_path) as handle:
            report = json.load(handle)
    except (OSError, ValueError):
        return {}
    by_kind = report.get("stats", {}).get("findings_by_kind")
    if by_kind:
        counts: Counter = Counter()
        for kind, n in by_kind.items():
            counts[SEVERITY_OF_KIND.get(kind, kind)] += n
        return dict(counts)
    counts = Counter(f.get("severity") for f in report.get("findings", []))
    counts["info"] += report.get("stats", {}).get("hidden", 0)
    return dict(counts)


# -- corpora and anchors --------------------------------------------------------------------

def fetch_corpus(work: str, name: str) -> str:
    """The unpacked wheel's directory (downloaded once into work/wheels)."""
    requirement, package = CORPORA[name]
    wheels = os.path.join(work, "wheels")
    os.makedirs(wheels, exist_ok=True)
    dist, _, version = requirement.partition("==")
    stem = f"{dist.replace('-', '_')}-{version}-"
    found = [w for w in os.listdir(wheels) if w.lower().startswith(stem.lower()) and w.endswith(".whl")]
    if not found:
        log(f"downloading {requirement}")
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary=:none:",
                        "-d", wheels, requirement], check=True)
        found = [w for w in os.listdir(wheels) if w.lower().startswith(stem.lower()) and w.endswith(".whl")]
    if not found:
        raise SystemExit(f"pip download {requirement} gave no wheel in {wheels}")
    wheel = os.path.join(wheels, sorted(found)[0])
    target = os.path.join(work, "src", os.path.basename(wheel)[:-4])
    if not os.path.isdir(os.path.join(target, package)):
        log(f"unpacking {os.path.basename(wheel)}")
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(target)
    return target


def anchor_venv(work: str) -> str:
    venv = os.path.join(work, "anchors")
    python = os.path.join(venv, "bin", "python")
    if not all(os.path.exists(os.path.join(venv, "bin", tool)) for tool in ("ruff", "pylint", "pydeps")) or \
            subprocess.run([python, "-c", "import grimp"], capture_output=True).returncode != 0:
        log("creating the anchors' virtualenv")
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([python, "-m", "pip", "install", "--quiet", *ANCHOR_PACKAGES], check=True)
    with open(os.path.join(venv, "grimp_scc.py"), "w") as handle:
        handle.write(GRIMP_SCRIPT)
    return venv


def anchor_versions(venv: str) -> str:
    code = ("import importlib.metadata as m;print(', '.join(f'{p} {m.version(p)}' for p in "
            f"{ANCHOR_PACKAGES!r}))")
    try:
        return subprocess.run([os.path.join(venv, "bin", "python"), "-c", code], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def anchor_cmd(venv: str, tool: str, root: str, package: str) -> List[str]:
    bin_dir = os.path.join(venv, "bin")
    if tool == "ruff":
        return [os.path.join(bin_dir, "ruff"), "analyze", "graph", package]
    if tool == "grimp":
        return [os.path.join(bin_dir, "python"), os.path.join(venv, "grimp_scc.py"), root, package]
    if tool == "pydeps":
        return [os.path.join(bin_dir, "pydeps"), "--show-cycles", "--no-output", package]
    if tool == "pylint":
        return [os.path.join(bin_dir, "pylint"), "--disable=all", "--enable=cyclic-import", "-j", "1", package]
    raise ValueError(tool)


def bench_corpus(work: str, name: str, rounds: int, anchors: Sequence[str], venv: Optional[str],
                 slow_rounds: int, timeout: float, edit_sample: int = 0) -> dict:
    root = fetch_corpus(work, name)
    package = CORPORA[name][1]
    env = cyclecheck_env()
    cache_dir = os.path.join(work, "cyclecheck-cache", name)
    out_dir = os.path.join(work, "out")
    os.makedirs(out_dir, exist_ok=True)
    edited = os.path.join(root, package, "__init__.py")
    with open(edited, "rb") as handle:
        original = handle.read()
    times: Dict[str, List[Result]] = {}
    ratios: Dict[str, List[float]] = {}
    warm_ratios: Dict[str, List[float]] = {}
    counts: Dict[str, int] = {}
    files = sum(1 for _, _, fs in os.walk(os.path.join(root, package)) for f in fs if f.endswith(".py"))
    try:
        for r in range(rounds):
            log(f"{name}: round {r + 1}/{rounds}")
            # cold: an empty cache directory, so the run pays for parsing and for writing the cache
            shutil.rmtree(cache_dir, ignore_errors=True)
            json_path = os.path.join(out_dir, f"{name}-cold.json")
            cold = measure(cyclecheck_cmd(package, "--cache-dir", cache_dir), root, env, json_path, timeout)
            times.setdefault("cyclecheck cold", []).append(cold)
            counts = severity_counts(json_path) or counts
            pending = [a for a in anchors if a not in ("pylint", "pydeps") or r < slow_rounds]
            results = [cold]
            this_round: Dict[str, Result] = {}
            # warm: nothing changed; then a comment appended to one file (its facts stay the same),
            # then a function appended to it (new facts: the import analysis runs again)
            # then a statement inserted before its middle statement (lines shift, the module runs a call)
            steps = [("cyclecheck warm", ()), ("cyclecheck one-file edit (comment)", ("comment",)),
                     ("cyclecheck one-file edit (code)", ("code",)), ("cyclecheck one-file edit (middle)", ("middle",))]
            # A B A B: cyclecheck, anchor, cyclecheck, anchor, ...
            for i in range(max(len(pending), len(steps))):
                if i < len(pending) and venv:
                    tool = pending[i]
                    res = measure(anchor_cmd(venv, tool, root, package), root, None, None, timeout)
                    times.setdefault(tool, []).append(res)
                    if cold.seconds and res.seconds and res.code != -9:
                        this_round[tool] = res
                        ratios.setdefault(tool, []).append(cold.seconds / res.seconds)
                if i < len(steps):
                    label, flags = steps[i]
                    if "middle" in flags:
                        with open(edited, "rb") as handle:
                            text = handle.read()
                        with open(edited, "wb") as handle:
                            handle.write(middle_edit(text, r))
                    elif flags:
                        with open(edited, "ab") as handle:
                            handle.write(f"\n# benchmark edit {r}\n".encode() if "comment" in flags else
                                         f"\n\ndef _benchmark_edit_{r}():\n    return {r}\n".encode())
                    res = measure(cyclecheck_cmd(package, "--cache-dir", cache_dir), root, env,
                                  os.path.join(out_dir, f"{name}-{i}.json"), timeout)
                    times.setdefault(label, []).append(res)
                    results.append(res)
            warm = times["cyclecheck warm"][-1] if "cyclecheck warm" in times else None
            for tool, res in this_round.items():  # warm / anchor, both of this round
                if warm is not None and warm.seconds:
                    warm_ratios.setdefault(tool, []).append(warm.seconds / res.seconds)
            with open(edited, "wb") as handle:
                handle.write(original)
        nocache = measure(cyclecheck_cmd(package, "--no-cache"), root, env, None, timeout)
        times.setdefault("cyclecheck --no-cache", []).append(nocache)
        with open(edited, "wb") as handle:
            handle.write(original)
        if edit_sample:
            log(f"{name}: sampled edits of {edit_sample} files")
            times.update(sampled_edits(root, os.path.join(root, package), package, cache_dir, edit_sample, timeout))
    finally:
        with open(edited, "wb") as handle:
            handle.write(original)
    return {"name": name, "requirement": CORPORA[name][0], "files": files, "times": times, "ratios": ratios,
            "warm_ratios": warm_ratios, "counts": counts}


def middle_edit(text: bytes, r: int) -> bytes:
    """`text` with `_benchmark_middle_R = len("R")` inserted before its middle top-level statement."""
    import ast

    body = ast.parse(text).body
    lines = text.splitlines(keepends=True)
    statement = f'_benchmark_middle_{r} = len("{r}")\n'.encode()
    if not body:
        return text + b"\n" + statement
    middle = body[len(body) // 2]
    first = min([middle.lineno] + [d.lineno for d in getattr(middle, "decorator_list", [])])
    return b"".join(lines[:first - 1] + [statement] + lines[first - 1:])


def sampled_files(package_dir: str, count: int) -> List[str]:
    """`count` of the package's .py files, evenly spaced in sorted order (the same ones every time)."""
    files = sorted(os.path.relpath(os.path.join(d, f), package_dir)
                   for d, _, fs in os.walk(package_dir) for f in fs if f.endswith(".py"))
    if count <= 0 or not files:
        return []
    step = len(files) / min(count, len(files))
    return [files[int(i * step + step / 2)] for i in range(min(count, len(files)))]


def comment_edit(text: bytes) -> bytes:
    """`text` with a comment line inserted after its leading comment lines (the licence header, a
    coding line): every statement moves one line down."""
    lines = text.splitlines(keepends=True)
    first = next((i for i, line in enumerate(lines) if not line.startswith(b"#")), len(lines))
    return b"".join(lines[:first] + [b"# benchmark sampled edit\n"] + lines[first:])


def body_edit(text: bytes) -> Optional[bytes]:
    """`text` with `_benchmark_body = len("b")` made the first statement of its middle function (after
    a docstring); None when it has no function whose body starts on a line of its own."""
    import ast

    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return None
    functions = sorted((node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))),
                       key=lambda node: node.lineno)
    for function in functions[len(functions) // 2:] + functions[:len(functions) // 2]:
        body = function.body
        first = body[1] if (len(body) > 1 and isinstance(body[0], ast.Expr)
                            and isinstance(body[0].value, ast.Constant)) else body[0]
        if first.lineno <= function.lineno or first.col_offset <= function.col_offset:
            continue
        lines = text.splitlines(keepends=True)
        prefix = lines[first.lineno - 1][:first.col_offset]
        if prefix.strip():  # (a statement after a semicolon)
            continue
        edited = b"".join(lines[:first.lineno - 1] + [prefix + b'_benchmark_body = len("b")\n']
                          + lines[first.lineno - 1:])
        try:
            ast.parse(edited)
        except (SyntaxError, ValueError):
            continue
        return edited
    return None


def import_edit(text: bytes, module: str = "os") -> Optional[bytes]:
    """`text` with `import MODULE as _benchmark_import` inserted before its first top-level import (or
    its first statement after a docstring): code that runs at import time. None when the file does not
    parse. Of a library (the default, `os`), the edit is inert to the simulation and the roles analysis
    (they keep the last run's results); so is one of the project's own top package, found imported
    when the file runs (in a module of it); one of another module of the project (see other_module)
    runs that module's code: every start whose run went through the file runs again."""
    import ast

    try:
        body = ast.parse(text).body
    except (SyntaxError, ValueError):
        return None
    statements = [node for node in body if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
                  and not (isinstance(node, ast.ImportFrom) and node.module == "__future__")]
    first = next((node for node in statements if isinstance(node, (ast.Import, ast.ImportFrom))),
                 statements[0] if statements else None)
    lines = text.splitlines(keepends=True)
    statement = f"import {module} as _benchmark_import\n".encode()
    if first is None:
        return text.rstrip(b"\n") + b"\n" + statement
    at = min([first.lineno] + [d.lineno for d in getattr(first, "decorator_list", [])]) - 1
    return b"".join(lines[:at] + [statement] + lines[at:])


def top_package(package_dir: str) -> Optional[str]:
    """The name of the package `package_dir` is, or else of the first package in it."""
    if os.path.isfile(os.path.join(package_dir, "__init__.py")):
        return os.path.basename(os.path.abspath(package_dir))
    return next((name for name in sorted(os.listdir(package_dir))
                 if os.path.isfile(os.path.join(package_dir, name, "__init__.py"))), None)


def other_module(package_dir: str, top: str) -> Optional[str]:
    """A module of the top package for the module-import edit: the first (by name) of its own files that
    is not `__init__`, `__main__`, private or a test (superset.app, sympy.abc, ...), else its first
    subpackage (indico.cli)."""
    directory = package_dir if os.path.basename(os.path.abspath(package_dir)) == top else os.path.join(package_dir, top)
    entries = sorted(os.listdir(directory))
    names = [name[:-3] for name in entries if name.endswith(".py") and not name.startswith(("_", "test"))
             and name != "conftest.py"]
    names = names or [name for name in entries if not name.startswith(("_", ".", "test"))
                      and os.path.isfile(os.path.join(directory, name, "__init__.py"))]
    return f"{top}.{names[0]}" if names else None


def sampled_edit_kinds(package_dir: str) -> List[Tuple[str, Callable[[bytes], Optional[bytes]]]]:
    """The sampled edits, by name (see sampled_edits)."""
    top = top_package(package_dir)
    kinds = [("comment line", comment_edit), ("function body", body_edit), ("library import", import_edit)]
    if top is not None:
        kinds.append(("package import", lambda text: import_edit(text, top)))
        other = other_module(package_dir, top)
        if other is not None:
            kinds.append(("module import", lambda text: import_edit(text, other)))
    return kinds


def sampled_edits(run_root: str, package_dir: str, target: str, cache_dir: str, count: int,
                  timeout: float) -> Dict[str, List[Result]]:
    """One-file edits of `count` sampled files of the package, each timed on its own on a cache that
    has seen everything else: a comment line inserted near the top (the lines move), a statement
    added to the body of a function, and an import of a library, then of the project's top package,
    added before the first import (see import_edit). The file is put back and the cache brought up to date (untimed)
    between edits."""
    env = cyclecheck_env()
    times: Dict[str, List[Result]] = {}
    measure(cyclecheck_cmd(target, "--cache-dir", cache_dir), run_root, env, None, timeout)
    for name in sampled_files(package_dir, count):
        path = os.path.join(package_dir, name)
        with open(path, "rb") as handle:
            original = handle.read()
        try:
            for kind, edit in sampled_edit_kinds(package_dir):
                label = f"cyclecheck sampled edit ({kind})"
                edited = edit(original)
                if edited is None or edited == original:
                    continue
                with open(path, "wb") as handle:
                    handle.write(edited)
                times.setdefault(label, []).append(
                    measure(cyclecheck_cmd(target, "--cache-dir", cache_dir), run_root, env, None, timeout))
                with open(path, "wb") as handle:
                    handle.write(original)
                measure(cyclecheck_cmd(target, "--cache-dir", cache_dir), run_root, env, None, timeout)
        finally:
            with open(path, "wb") as handle:
                handle.write(original)
    return times


# -- generated projects ---------------------------------------------------------------------

MODULE_TEMPLATE = '''"""Generated module {name}."""
import logging
import os
{imports}

log = logging.getLogger(__name__)
CONSTANT_{i} = {i}


class Model{i}({base}):
    """A model."""

    table = "t{i}"

    def save(self, value: int = CONSTANT_{i}) -> int:
        {lazy}
        log.debug("saving %s", value)
        return value * 2

    @property
    def name(self) -> str:
        return os.path.join("x", str(self.table))


def helper_{i}(a, b=None, *args, **kwargs):
    if a:
        return [x for x in range(a) if x % 2]
    try:
        return dict(b or {{}})
    except (TypeError, ValueError):
        return {{}}
'''


def generate_growth(directory: str, n: int, seed: int = 1) -> None:
    """`n` modules in apps of 100: each imports two earlier modules of its app and one of a shared
    core app at module level, one module lazily; every app has one module-level cycle of two."""
    rng = random.Random(seed)
    if os.path.isdir(directory):
        shutil.rmtree(directory)
    apps = max(1, (n + 99) // 100)
    made = 0
    for a in range(apps):
        pkg = os.path.join(directory, "proj", f"app{a}")
        os.makedirs(pkg)
        size = min(100, n - made)
        with open(os.path.join(pkg, "__init__.py"), "w") as handle:
            handle.write(f'"""App {a}."""\n')
        for i in range(size):
            name = f"proj.app{a}.m{i}"
            lines = []
            base = "object"
            if i >= 1:
                earlier = [0] if i == 2 else range(i)  # m2 only closes the m1 <-> m2 cycle below
                for j in sorted(set(rng.choice(earlier) for _ in range(2))):
                    lines.append(f"from proj.app{a}.m{j} import helper_{j}")
                base_j = rng.choice(earlier)
                lines.append(f"from proj.app{a} import m{base_j}")
                base = f"m{base_j}.Model{base_j}"
            if a > 0:
                c = rng.randrange(0, min(100, n))
                lines.append(f"from proj.app0.m{c} import CONSTANT_{c}")
            if i == 1:
                lines.append(f"from proj.app{a}.m2 import CONSTANT_2  # a module-level cycle m1 <-> m2")
            if i == 2:
                lines.append(f"from proj.app{a} import m1")
            lazy_j = rng.randrange(0, size)
            lazy = f"from proj.app{a}.m{lazy_j} import helper_{lazy_j}  # noqa"
            with open(os.path.join(pkg, f"m{i}.py"), "w") as handle:
                handle.write(MODULE_TEMPLATE.format(name=name, i=i, imports="\n".join(lines), base=base,
                                                    lazy=lazy))
        made += size
    with open(os.path.join(directory, "proj", "__init__.py"), "w") as handle:
        handle.write('"""Generated project."""\n')


def generate_tangle(directory: str, n: int, fanout: int = 5, seed: int = 2) -> None:
    """`n` modules, each importing `fanout` others at module level: one big tangle."""
    rng = random.Random(seed)
    if os.path.isdir(directory):
        shutil.rmtree(directory)
    pkg = os.path.join(directory, "tangle")
    os.makedirs(pkg)
    with open(os.path.join(pkg, "__init__.py"), "w") as handle:
        handle.write("")
    for i in range(n):
        others = rng.sample([j for j in range(n) if j != i], min(fanout, n - 1))
        lines = [f"from tangle import m{j}" for j in sorted(others)]
        lines.append(f"VALUE_{i} = {i}")
        lines.append(f"def use_{i}():\n    return m{others[0]}.VALUE_{others[0]}")
        with open(os.path.join(pkg, f"m{i}.py"), "w") as handle:
            handle.write("\n".join(lines) + "\n")


def bench_generated(work: str, label: str, directory: str, modules: int, rounds: int, timeout: float,
                    cold_only: bool = False, edit_sample: int = 0) -> dict:
    env = cyclecheck_env()
    out = os.path.join(work, "out")
    os.makedirs(out, exist_ok=True)
    cache_dir = os.path.join(work, "cyclecheck-cache", os.path.basename(directory))
    times: Dict[str, List[Result]] = {}
    counts: Dict[str, int] = {}
    for r in range(rounds):
        log(f"{label}: round {r + 1}/{rounds}")
        json_path = os.path.join(out, f"{os.path.basename(directory)}.json")
        res = measure(cyclecheck_cmd(directory, "--no-cache"), directory, env, json_path, timeout)
        times.setdefault("cold", []).append(res)
        counts = severity_counts(json_path) or counts
        if cold_only:
            continue
        shutil.rmtree(cache_dir, ignore_errors=True)
        measure(cyclecheck_cmd(directory, "--cache-dir", cache_dir), directory, env, None, timeout)
        times.setdefault("warm", []).append(
            measure(cyclecheck_cmd(directory, "--cache-dir", cache_dir), directory, env, None, timeout))
    if edit_sample and not cold_only:
        log(f"{label}: sampled edits of {edit_sample} files")
        edits = sampled_edits(directory, directory, directory, cache_dir, edit_sample, timeout)
        times.update((kind[len("cyclecheck "):], runs) for kind, runs in edits.items())
    shutil.rmtree(cache_dir, ignore_errors=True)
    return {"name": label, "modules": modules, "times": times, "counts": counts}


# -- tables ---------------------------------------------------------------------------------

def median(results: Sequence[Result]) -> float:
    return statistics.median(r.seconds for r in results)


def median_cpu(results: Sequence[Result]) -> float:
    return statistics.median(r.cpu for r in results)


def fmt_s(seconds: float) -> str:
    if seconds == float("inf"):
        return "timeout"
    return f"{seconds:.2f} s" if seconds >= 0.1 else f"{seconds * 1000:.0f} ms"


def fmt_rss(results: Sequence[Result]) -> str:
    peak = max(r.rss_kb for r in results)
    return f"{peak / 1024:.0f} MiB" if peak else "?"


def fmt_counts(counts: Dict[str, int]) -> str:
    return " / ".join(str(counts.get(s, 0)) for s in ("error", "warning", "info")) if counts else "?"


def corpus_table(results: Sequence[dict]) -> str:
    rows = ["| corpus | files | tool | runs | median wall | median CPU | peak RSS | "
            "cyclecheck-cold / tool | cyclecheck-warm / tool |",
            "|---|---:|---|---:|---:|---:|---:|---:|---:|"]
    for res in results:
        for tool, runs in res["times"].items():
            cells = []
            for key in ("ratios", "warm_ratios"):
                ratio = res.get(key, {}).get(tool)
                cells.append(f"{statistics.median(ratio):.2f}x" if ratio else "")
            rows.append(f"| {res['name']} | {res['files']} | {tool} | {len(runs)} | {fmt_s(median(runs))} | "
                        f"{fmt_s(median_cpu(runs))} | {fmt_rss(runs)} | {cells[0]} | {cells[1]} |")
    rows.append("")
    rows.append("| corpus | cyclecheck findings error / warning / info |")
    rows.append("|---|---|")
    for res in results:
        rows.append(f"| {res['name']} ({res['requirement']}) | {fmt_counts(res['counts'])} |")
    stages = ("discover", "parse", "graph", "simulate", "advise", "report")
    rows += ["", "| corpus | run | " + " | ".join(stages) + " |", "|---|---|" + "---:|" * len(stages)]
    for res in results:
        for label, runs in res["times"].items():
            timed = [r for r in runs if r.stages]
            if not timed or not label.startswith("cyclecheck"):
                continue
            cells = [fmt_s(statistics.median(r.stages.get(stage, 0.0) for r in timed)) for stage in stages]
            rows.append(f"| {res['name']} | {label[len('cyclecheck '):]} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def generated_table(results: Sequence[dict]) -> str:
    rows = ["| project | modules | cold median | cold CPU | cold per module | beyond parsing | warm median | "
            "peak RSS | findings error / warning / info |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for res in results:
        cold = res["times"]["cold"]
        warm = res["times"].get("warm", [])
        per = median(cold) / max(1, res["modules"])
        beyond = [b for b in (r.beyond_parsing() for r in cold) if b is not None]
        rows.append(f"| {res['name']} | {res['modules']} | {fmt_s(median(cold))} | {fmt_s(median_cpu(cold))} | "
                    f"{per * 1000:.2f} ms | {fmt_s(statistics.median(beyond)) if beyond else '?'} | "
                    f"{fmt_s(median(warm)) if warm else 'not run'} | {fmt_rss(cold + warm)} | "
                    f"{fmt_counts(res['counts'])} |")
    return "\n".join(rows)


def sampled_table(results: Sequence[dict]) -> str:
    """Sampled one-file edits (see sampled_edits): median and slowest run per project and kind."""
    rows = ["| project | edit | files | median | slowest | peak RSS |", "|---|---|---:|---:|---:|---:|"]
    for res in results:
        for label, runs in res["times"].items():
            if "sampled edit" in label:
                kind = label[label.index("(") + 1:-1]
                rows.append(f"| {res['name']} | {kind} | {len(runs)} | {fmt_s(median(runs))} | "
                            f"{fmt_s(max(r.seconds for r in runs))} | {fmt_rss(runs)} |")
    return "\n".join(rows) if len(rows) > 2 else ""


def machine() -> str:
    try:
        load = " load %.1f %.1f %.1f" % os.getloadavg()
    except OSError:
        load = ""
    return (f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {platform.platform()}; "
            f"{os.cpu_count()} CPUs; Python {platform.python_version()};{load}")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", choices=sorted(CORPORA), help="corpus to run (repeatable; "
                        "default all)")
    parser.add_argument("--no-corpora", action="store_true", help="skip the real projects (no download)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--slow-rounds", type=int, default=1, help="rounds for pylint and pydeps (default 1)")
    parser.add_argument("--anchors", default=",".join(ANCHORS), help="comma-separated subset of "
                        f"{','.join(ANCHORS)}")
    parser.add_argument("--no-anchors", action="store_true", help="run cyclecheck only (no virtualenv)")
    parser.add_argument("--growth-sizes", default="1000,10000,50000", help="module counts of generated "
                        "projects ('' for none)")
    parser.add_argument("--tangle", type=int, default=500, help="modules of the dense tangle (0: none)")
    parser.add_argument("--growth-rounds", type=int, default=1)
    parser.add_argument("--cold-only", action="store_true", help="generated projects: skip the warm runs")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before one run is killed")
    parser.add_argument("--edit-sample", type=int, default=10, help="files per project given sampled one-file "
                        "edits (a comment line near the top, a statement in a function body, a library import, an "
                        "import of the top package, an import of another module of it; 0: none)")
    parser.add_argument("--work", default=os.path.join(os.environ.get("XDG_CACHE_HOME") or
                                                       os.path.expanduser("~/.cache"), "cyclecheck-bench"))
    parser.add_argument("--quick", action="store_true", help="smoke mode: tiny generated projects, 1 round, no "
                        "downloads, no anchors")
    args = parser.parse_args(argv)
    if args.quick:
        args.no_corpora = args.no_corpora or not args.corpus
        args.no_anchors = True
        args.rounds = args.growth_rounds = 1
        args.growth_sizes = "50"
        args.tangle = min(args.tangle, 30)
        args.edit_sample = min(args.edit_sample, 2)
    os.makedirs(args.work, exist_ok=True)
    anchors = [] if args.no_anchors else [a for a in args.anchors.split(",") if a]
    print(f"# cyclecheck benchmark\n\n{machine()}; cyclecheck {code_version()}\n")
    snapshot = snapshot_code(args.work)
    try:
        return run_all(args, anchors)
    finally:
        shutil.rmtree(snapshot, ignore_errors=True)


def run_all(args, anchors: Sequence[str]) -> int:
    corpora = [] if args.no_corpora else (args.corpus or sorted(CORPORA))
    if corpora:
        venv = anchor_venv(args.work) if anchors else None
        if venv:
            print(f"anchors: {anchor_versions(venv)}\n")
        results = [bench_corpus(args.work, name, args.rounds, anchors, venv, args.slow_rounds, args.timeout,
                                args.edit_sample) for name in corpora]
        print("## Real projects\n")
        print(corpus_table(results))
        print()
        if sampled_table(results):
            print("### Sampled one-file edits\n")
            print(sampled_table(results))
            print()
    generated = []
    sizes = [int(s) for s in args.growth_sizes.split(",") if s.strip()]
    gen_dir = os.path.join(args.work, "gen")
    for n in sizes:
        directory = os.path.join(gen_dir, f"growth-{n}")
        log(f"generating {n} modules")
        generate_growth(directory, n)
        generated.append(bench_generated(args.work, f"growth {n}", directory, n + (n + 99) // 100 + 1,
                                         args.growth_rounds, args.timeout, args.cold_only, args.edit_sample))
        shutil.rmtree(directory, ignore_errors=True)
    if args.tangle:
        directory = os.path.join(gen_dir, f"tangle-{args.tangle}")
        generate_tangle(directory, args.tangle)
        generated.append(bench_generated(args.work, f"tangle {args.tangle}x5", directory, args.tangle + 1,
                                         args.growth_rounds, args.timeout, args.cold_only))
        shutil.rmtree(directory, ignore_errors=True)
    if generated:
        print("## Generated projects\n")
        print(generated_table(generated))
        print()
        if sampled_table(generated):
            print("### Sampled one-file edits of generated projects\n")
            print(sampled_table(generated))
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
