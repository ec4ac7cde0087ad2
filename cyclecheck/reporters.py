"""Report -> text on a stream. A reporter is a function `(report, out, color) -> None`."""

from __future__ import annotations

import json
from typing import Callable, Dict, List, TextIO

from . import model as m
from .findings import KINDS

JSON_VERSION = 1

_COLORS = {m.ERROR: "\x1b[31;1m", m.WARNING: "\x1b[33;1m", m.INFO: "\x1b[36m", "dim": "\x1b[2m",
           "bold": "\x1b[1m"}
_RESET = "\x1b[0m"


def _paint(text: str, style: str, color: bool) -> str:
    return f"{_COLORS[style]}{text}{_RESET}" if color else text


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def edge_line(site: m.ImportSite) -> str:
    notes = []
    if site.implicit:
        notes.append(f"implicit: runs package {site.imported} first")
    if site.scope != m.MODULE:
        notes.append(site.scope)
    if site.dynamic:
        notes.append("dynamic")
    if site.guarded:
        notes.append("guarded by try/except ImportError")
    suffix = f"  [{'; '.join(notes)}]" if notes else ""
    return f"{site.path}:{site.line}  {site.statement}{suffix}"


def text(report: m.Report, out: TextIO, color: bool = False) -> None:
    for finding in report.findings:
        path, line = finding.location or ("", 0)
        head = f"{path}:{line}: " + _paint(f"{finding.severity} {finding.code}", finding.severity, color)
        out.write(f"{head} {finding.message}\n")
        for sentence in finding.entry_points:
            out.write(f"  {_paint(sentence, 'bold', color)}\n")
        out.write("  cycle: " + " -> ".join(finding.cycle + finding.cycle[:1]) + "\n")
        for site in finding.edges:
            out.write(f"    {edge_line(site)}\n")
        if finding.crash is not None:
            crash = finding.crash
            out.write("  crashes when first imported: " + ", ".join(finding.crashes_when_first_imported) + "\n")
            out.write(f"  trace of `import {crash.start}`:\n")
            for step in crash.trace:
                out.write(f"    {step.path}:{step.line}  {step.statement}\n")
            out.write(f"    {crash.exception}\n")
            if crash.bound_at is not None:
                out.write(f"  '{crash.missing_name}' is bound only later, at {crash.bound_at[0]}:{crash.bound_at[1]}\n")
            else:
                out.write(f"  '{crash.missing_name}' is never bound at module level in {crash.failing.imported}\n")
        if finding.suggestion is not None:
            s = finding.suggestion
            out.write(f"  fix ({s.code}): {s.summary}\n    at {s.path}:{s.line}\n")
        out.write("\n")
    for error in report.errors:
        where = f"{error.path}:{error.line}" if error.line else error.path
        out.write(f"{where}: {_paint('error', m.ERROR, color)} could not analyse: {error.message}\n")
    out.write(summary(report) + "\n")


def summary(report: m.Report) -> str:
    counts = dict(report.stats.cycles_by_kind)
    parts = [
        _plural(report.stats.modules, "module"),
        _plural(report.stats.edges, "edge"),
        _plural(counts.get(KINDS["CC001"], 0), "crashing cycle"),
        _plural(counts.get(KINDS["CC002"], 0), "import-time cycle") + " without a crash",
        _plural(counts.get(KINDS["CC003"], 0), "deferred cycle"),
        _plural(len({e.path for e in report.errors}), "file") + " with errors",
    ]
    line = "cyclecheck: " + ", ".join(parts)
    if report.hidden:
        line += f" ({report.hidden} info hidden; --show-deferred shows them)"
    return line


def _site(site: m.ImportSite) -> dict:
    return {
        "from": site.importer, "to": site.imported, "file": site.path, "line": site.line, "column": site.col,
        "statement": site.statement, "scope": site.scope, "implicit": site.implicit, "dynamic": site.dynamic,
        "guarded": site.guarded, "names": list(site.names),
    }


def _crash(crash: m.Crash) -> dict:
    return {
        "start": crash.start,
        "exception": crash.exception,
        "trace": [{"module": s.module, "file": s.path, "line": s.line, "statement": s.statement}
                  for s in crash.trace],
        "failing": _site(crash.failing),
        "missing_name": crash.missing_name,
        "bound_at": None if crash.bound_at is None else {"file": crash.bound_at[0], "line": crash.bound_at[1]},
        "uncertain": list(crash.uncertain),
    }


def finding_dict(finding: m.Finding) -> dict:
    s = finding.suggestion
    return {
        "code": finding.code,
        "severity": finding.severity,
        "kind": finding.kind,
        "message": finding.message,
        "file": finding.location[0] if finding.location else None,
        "line": finding.location[1] if finding.location else None,
        "cycle": list(finding.cycle),
        "edges": [_site(e) for e in finding.edges],
        "crashes_when_first_imported": list(finding.crashes_when_first_imported),
        "crash": None if finding.crash is None else _crash(finding.crash),
        "entry_points": list(finding.entry_points),
        "suggestion": None if s is None else {
            "code": s.code, "summary": s.summary, "file": s.path, "line": s.line, "before": s.before,
            "after": s.after},
    }


def report_dict(report: m.Report) -> dict:
    stats = report.stats
    return {
        "version": JSON_VERSION,
        "roots": list(report.roots),
        "stats": {
            "files": stats.files, "modules": stats.modules, "edges": stats.edges,
            "external_imports": stats.external_imports, "components": stats.components,
            "findings_by_kind": dict(stats.cycles_by_kind), "hidden": report.hidden,
        },
        "findings": [finding_dict(f) for f in report.findings],
        "errors": [{"file": e.path, "line": e.line, "message": e.message} for e in report.errors],
        "roles": {module: list(roles) for module, roles in report.roles},
    }


def json_report(report: m.Report, out: TextIO, color: bool = False) -> None:
    json.dump(report_dict(report), out, indent=2, sort_keys=True)
    out.write("\n")


REPORTERS: Dict[str, Callable[[m.Report, TextIO, bool], None]] = {
    "text": text,
    "json": json_report,
}
