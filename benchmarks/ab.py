"""Two versions of cyclecheck side by side on the same one-file edits: is a change faster, and
does it print the same?

    python benchmarks/ab.py 21c80c9 --corpus sympy --corpus superset
    python benchmarks/ab.py 21c80c9 HEAD --edit-sample 6
    python benchmarks/ab.py /path/to/other/checkout --generated 1000

Each side is a version of the package: a git revision of this repository (exported with
`git archive`) or a directory holding a `cyclecheck/` package; the second side defaults to this
checkout as it is. Both are byte-compiled. Each side gets its own copy of the project and its own
cache, warmed up first; then every sampled file gets seven edits in turn (a comment line near
the top, a statement at the top of a function's body, a function appended, run.py's middle
edit: `_benchmark_middle_0 = len("0")` before the middle top-level statement, and run.py's
import edits: `import os as _benchmark_import` before the first import, the same of the
project's top package instead of `os`, and of another module of it (run.other_module); `--edit
KIND` picks some),
applied to both
copies and timed on both, the side that runs first alternating edit by edit, and the file put
back and both caches brought up to date (untimed) after each. The two JSON reports of every edit
must be byte-identical: the script says so, and exits 1 when they are not.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from typing import Dict, List, Optional, Sequence, Tuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as bench  # noqa: E402  (the corpora, the sampled files and their edits)

EDITS = ("comment line", "function body", "appended function", "middle statement", "library import",
         "package import", "module import")


def appended_edit(text: bytes) -> bytes:
    return text.rstrip(b"\n") + b"\n\n\ndef _benchmark_appended():\n    return 1\n"


def edited(kind: str, text: bytes, top: Optional[str] = None, package_dir: Optional[str] = None) -> Optional[bytes]:
    """`text` given the edit `kind`; `top`: the project's top package (see run.top_package), in
    `package_dir`."""
    if kind == "comment line":
        return bench.comment_edit(text)
    if kind == "function body":
        return bench.body_edit(text)
    if kind == "library import":
        return bench.import_edit(text)
    if kind == "package import":
        return None if top is None else bench.import_edit(text, top)
    if kind == "module import":
        other = None if top is None or package_dir is None else bench.other_module(package_dir, top)
        return None if other is None else bench.import_edit(text, other)
    if kind == "middle statement":  # run.py's middle edit: `_benchmark_middle_0 = len("0")` before it
        try:
            return bench.middle_edit(text, 0)
        except (SyntaxError, ValueError):  # a file that does not parse has no middle statement
            return None
    return appended_edit(text)


def export(side: str, work: str) -> str:
    """A directory with the `cyclecheck` package of `side` (a directory, or a git revision), compiled."""
    if side == ".":
        source = bench.REPO
    elif os.path.isdir(os.path.join(side, "cyclecheck")):
        source = os.path.abspath(side)
    else:
        source = None
    target = tempfile.mkdtemp(prefix="side-", dir=work)
    if source is not None:
        shutil.copytree(os.path.join(source, "cyclecheck"), os.path.join(target, "cyclecheck"),
                        ignore=shutil.ignore_patterns("__pycache__", ".cyclecheck_cache"))
    else:
        archive = os.path.join(target, "code.tar")
        subprocess.run(["git", "-C", bench.REPO, "archive", "--format=tar", "-o", archive, side, "cyclecheck"],
                       check=True)
        with tarfile.open(archive) as tar:
            if hasattr(tarfile, "data_filter"):
                tar.extractall(target, filter="data")
            else:  # (a Python without extraction filters)
                tar.extractall(target)
        os.unlink(archive)
    import compileall

    compileall.compile_dir(os.path.join(target, "cyclecheck"), quiet=1)
    return target


class Side:
    def __init__(self, label: str, code: str, project: str, package: str):
        self.label, self.code, self.project, self.package = label, code, project, package

    def run(self, timeout: float) -> Tuple[float, bytes]:
        env = dict(os.environ, PYTHONPATH=self.code, PYTHONDONTWRITEBYTECODE="1")
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "cyclecheck", self.package, "--cache-dir", "cache",
                               "--format", "json"], cwd=self.project, env=env, capture_output=True,
                              timeout=timeout)
        elapsed = time.perf_counter() - start
        if done.returncode not in (0, 1):
            raise SystemExit(f"{self.label} failed on {self.project}:\n{done.stderr.decode(errors='replace')}")
        return elapsed, done.stdout


def compare(name: str, source: str, package: str, codes: Sequence[Tuple[str, str]], work: str, count: int,
            timeout: float, edits: Sequence[str] = EDITS) -> Tuple[List[str], bool]:
    """Rows of the table for one project, and whether every pair of reports was identical."""
    sides = []
    for label, code in codes:
        project = tempfile.mkdtemp(prefix=f"{name}-", dir=work)
        shutil.copytree(os.path.join(source, package), os.path.join(project, package))
        sides.append(Side(label, code, project, package))
    for side in sides:
        side.run(timeout)  # cold
        side.run(timeout)  # warm
    times: Dict[str, List[Tuple[float, float]]] = {kind: [] for kind in edits}
    same = True
    turn = 0
    for relative in bench.sampled_files(os.path.join(source, package), count):
        original = open(os.path.join(source, package, relative), "rb").read()
        for kind in edits:
            text = edited(kind, original, bench.top_package(os.path.join(source, package)), os.path.join(source, package))
            if text is None or text == original:
                continue
            for side in sides:
                with open(os.path.join(side.project, package, relative), "wb") as handle:
                    handle.write(text)
            order = sides if turn % 2 == 0 else sides[::-1]
            turn += 1
            results = {side.label: side.run(timeout) for side in order}
            (a, out_a), (b, out_b) = results[sides[0].label], results[sides[1].label]
            times[kind].append((a, b))
            if out_a != out_b:
                same = False
                bench.log(f"{name}: the reports differ after the {kind} edit of {relative}")
            for side in sides:
                with open(os.path.join(side.project, package, relative), "wb") as handle:
                    handle.write(original)
                side.run(timeout)  # the cache brought up to date, untimed
    rows = []
    for kind in edits:
        pairs = times[kind]
        if not pairs:
            continue
        a = statistics.median(p[0] for p in pairs)
        b = statistics.median(p[1] for p in pairs)
        ratio = statistics.median(p[1] / p[0] for p in pairs)
        rows.append(f"| {name} | {kind} | {len(pairs)} | {a:.2f} s | {b:.2f} s | {ratio:.2f}x | "
                    f"{max(p[0] for p in pairs):.2f} / {max(p[1] for p in pairs):.2f} s |")
    for side in sides:
        shutil.rmtree(side.project, ignore_errors=True)
    return rows, same


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="a git revision or a directory holding cyclecheck/")
    parser.add_argument("new", nargs="?", default=".", help="the same (default: this checkout as it is)")
    parser.add_argument("--corpus", action="append", choices=sorted(bench.CORPORA),
                        help="corpus to run (repeatable; default sympy and superset)")
    parser.add_argument("--generated", type=int, default=0, metavar="N",
                        help="a generated project of about N modules instead of the corpora")
    parser.add_argument("--edit-sample", type=int, default=4, help="files edited per project (default 4)")
    parser.add_argument("--edit", action="append", choices=EDITS, help="edit kind (repeatable; default all)")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--work", default=os.path.expanduser("~/.cache/cyclecheck-bench"))
    args = parser.parse_args(argv)
    os.makedirs(args.work, exist_ok=True)
    scratch = tempfile.mkdtemp(prefix="ab-", dir=args.work)
    try:
        codes = [(args.base, export(args.base, scratch)), (args.new, export(args.new, scratch))]
        projects = []
        if args.generated:
            generated = os.path.join(scratch, "generated")
            bench.generate_growth(generated, args.generated)
            projects.append((f"growth {args.generated}", generated, "proj"))
        else:
            for name in args.corpus or ["sympy", "superset"]:
                source = bench.fetch_corpus(args.work, name)
                projects.append((name, source, bench.CORPORA[name][1]))
        print(f"cyclecheck {args.base} (A) against {args.new} (B), {bench.machine()}\n")
        print("| project | edit | edits | A median | B median | B / A (median of pairs) | slowest A / B |")
        print("|---|---|---:|---:|---:|---:|---:|")
        identical = True
        for name, source, package in projects:
            rows, same = compare(name, source, package, codes, scratch, args.edit_sample, args.timeout,
                                 [k for k in EDITS if k in (args.edit or EDITS)])
            identical &= same
            print("\n".join(rows), flush=True)
        print("\nreports: " + ("byte-identical on every edit" if identical else "DIFFERENT (see above)"))
        return 0 if identical else 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
