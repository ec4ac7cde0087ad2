"""What to report of the findings: inline suppressions, severity overrides, ignored cycles,
the baseline and changed-files mode. `apply()` runs once, after findings are built.

* `# cyclecheck: ignore` on an import statement drops the edge from the graph (graph.py);
  `# cyclecheck: ignore[CC001,CC002]` keeps it and drops findings of those codes through it.
  A suppression that no longer matches anything is itself a finding, CC010.
* A finding's fingerprint is a hash of its code, its cycle's modules (sorted) and the text
  of its import statements: it survives line shifts and unrelated new files.
"""

from __future__ import annotations

import dataclasses
import json
import os
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

from . import model as m
from .config import Config, ConfigError
from .findings import CRASH, sort_findings
from .parsing import SUPPRESSION

UNUSED = "CC010"
UNUSED_KIND = "unused-suppression"
BASELINE_VERSION = 1

Where = Tuple[str, int]  # (path, line) of an import statement


def fingerprint(finding: m.Finding) -> str:
    """A stable hex id: code + sorted cycle modules + statement texts, never a line number.

    Suppression comments are left out of the statements, so adding one elsewhere changes nothing."""
    statements = sorted({" ".join(SUPPRESSION.sub("", site.statement).split()) for site in _sites(finding)})
    parts = [finding.code, sorted(set(finding.cycle)), statements]
    if not finding.cycle:  # not about a cycle (CC010): its message names the module and statement
        parts.append(finding.message)
    import hashlib  # (here: loading OpenSSL's hashes costs an unchanged run several milliseconds)

    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:32]


def _sites(finding: m.Finding) -> List[m.ImportSite]:
    sites = list(finding.edges)
    if finding.crash is not None:
        sites.append(finding.crash.failing)
    return sites


def _suppressions(facts: Sequence[m.ModuleFacts]) -> Dict[Where, Tuple[m.RawImport, m.SourceFile]]:
    table = {}
    for fact in facts:
        for raw in fact.imports:
            if raw.suppressed is not None:
                table[(fact.source.path, raw.line)] = (raw, fact.source)
    return table


def _covers(raw: m.RawImport, code: str) -> bool:
    return raw.suppressed == () or code in (raw.suppressed or ())


def _on_a_cycle(graph, suppressed: Sequence[m.ImportSite], wanted: Set[Where]) -> Set[Where]:
    """Which of the `wanted` statements are on a cycle of the graph with the suppressed edges put back."""
    import networkx as nx

    full = graph.copy()
    full.add_edges_from((s.importer, s.imported) for s in suppressed)
    component = {}
    for index, members in enumerate(nx.strongly_connected_components(full)):
        for module in members:
            component[module] = index
    sites = list(suppressed) + [s for _, _, edge_sites in graph.edges(data="sites") for s in edge_sites or ()]
    return {(s.path, s.line) for s in sites if (s.path, s.line) in wanted
            and s.importer in component and component[s.importer] == component.get(s.imported)}


def _unused(table: Dict[Where, Tuple[m.RawImport, m.SourceFile]], used: Set[Where]) -> List[m.Finding]:
    findings = []
    for where, (raw, source) in sorted(table.items()):
        if where in used:
            continue
        comment = "# cyclecheck: ignore" + (f"[{','.join(raw.suppressed)}]" if raw.suppressed else "")
        message = (f"unused suppression `{comment}`: `{raw.statement}` in {source.module} is on no "
                   "reported cycle" + (" of " + ", ".join(raw.suppressed) if raw.suppressed else ""))
        findings.append(m.Finding(
            code=UNUSED, severity=m.WARNING, kind=UNUSED_KIND, message=message, cycle=(), edges=(),
            location=(source.path, raw.suppressed_line or raw.line),
        ))
    return findings


def _touches(finding: m.Finding, changed: Set[str]) -> bool:
    paths = {site.path for site in _sites(finding)}
    if finding.crash is not None:
        paths.update(step.path for step in finding.crash.trace)
    if finding.location is not None:
        paths.add(finding.location[0])
    return any(os.path.realpath(p) in changed for p in paths)


def apply(findings: Iterable[m.Finding], config: Config, facts: Sequence[m.ModuleFacts],
          graph=None, entry_order: Optional[Dict[str, int]] = None) -> List[m.Finding]:
    """Findings after suppressions, CC010, `severity`, `ignore`, the baseline and changed files.

    `graph` is graph.py's `ImportGraph` (its `suppressed` sites tell which bare
    `# cyclecheck: ignore` comments still cut a cycle); the result is sorted again.
    """
    table = _suppressions(facts)
    used: Set[Where] = set()
    kept = []
    for finding in findings:
        hits = [(s.path, s.line) for s in _sites(finding)
                if (s.path, s.line) in table and _covers(table[(s.path, s.line)][0], finding.code)]
        used.update(hits)
        if not hits:
            kept.append(finding)
    # The edge of a bare ignore is gone, and the simulator never fails at an ignore[CC001]
    # statement: either counts as used while the statement is on a cycle at all.
    if graph is not None:
        structural = {where for where, (raw, _) in table.items() if _covers(raw, CRASH)}
        if structural - used:
            used |= _on_a_cycle(graph.graph, graph.suppressed, structural - used)
    kept += _unused(table, used)

    overrides = dict(config.severity)
    kept = [dataclasses.replace(f, severity=overrides[f.code]) if f.code in overrides else f for f in kept]
    ignored = {frozenset(cycle) for cycle in config.ignore}
    kept = [f for f in kept if frozenset(f.cycle) not in ignored]
    if config.baseline is not None:
        known = read_baseline(config.baseline)
        kept = [f for f in kept if fingerprint(f) not in known]
    if config.changed is not None:
        changed = {os.path.realpath(p) for p in config.changed}
        kept = [f for f in kept if _touches(f, changed)]
    if entry_order is None:
        entry_order = {name: i for i, name in enumerate(config.entries)}
    return sort_findings(kept, entry_order)


# --- baseline ----------------------------------------------------------------------------

def baseline_dict(findings: Iterable[m.Finding]) -> dict:
    entries = [{"fingerprint": fingerprint(f), "code": f.code, "cycle": list(f.cycle), "message": f.message}
               for f in findings]
    entries.sort(key=lambda e: (e["code"], e["cycle"], e["fingerprint"]))
    return {"tool": "cyclecheck", "version": BASELINE_VERSION, "findings": entries}


def write_baseline(path: str, findings: Iterable[m.Finding]) -> None:
    try:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(baseline_dict(findings), handle, indent=2, sort_keys=True)
            handle.write("\n")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write the baseline: {exc.strerror or exc}") from None


def read_baseline(path: str) -> Set[str]:
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        return {entry["fingerprint"] for entry in document["findings"]}
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError):
        raise ConfigError(f"{path}: not a cyclecheck baseline (write one with --write-baseline)") from None


# --- changed files -----------------------------------------------------------------------

def _git(directory: str, *args: str) -> str:
    import subprocess

    try:
        proc = subprocess.run(["git", "-C", directory, *args], capture_output=True, text=True)
    except OSError as exc:
        raise ConfigError(f"--diff: cannot run git: {exc.strerror or exc}") from None
    if proc.returncode != 0:
        lines = (proc.stderr or proc.stdout).strip().splitlines()
        raise ConfigError(f"--diff: git {' '.join(args)}: {lines[0] if lines else 'failed'}")
    return proc.stdout


def changed_files(rev: str, path: str) -> Tuple[str, ...]:
    """Absolute paths of the files `git diff --name-only REV` lists in the repository holding `path`."""
    directory = path if os.path.isdir(path) else (os.path.dirname(path) or ".")
    top = _git(directory, "rev-parse", "--show-toplevel").strip()
    names = _git(top, "diff", "--name-only", rev, "--").splitlines()
    return tuple(sorted(os.path.join(top, name) for name in names if name))


def project_root(path: str, config_path: Optional[str]) -> str:
    """The project a file belongs to: its configuration's directory, else the closest directory
    up holding `.git`, `pyproject.toml`, `setup.cfg` or `setup.py`, else the working directory when
    the file is below it, else the file's own directory."""
    if config_path is not None:
        return os.path.dirname(os.path.abspath(config_path))
    start = directory = os.path.dirname(os.path.abspath(path))
    while True:
        if any(os.path.exists(os.path.join(directory, marker))
               for marker in (".git", "pyproject.toml", "setup.cfg", "setup.py")):
            return directory
        parent = os.path.dirname(directory)
        if parent == directory:
            cwd = os.getcwd()
            return cwd if start == cwd or start.startswith(cwd.rstrip(os.sep) + os.sep) else start
        directory = parent
