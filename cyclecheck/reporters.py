"""Report -> text on a stream. A reporter is a function `(report, out, color) -> None`.

Formats: text (for people), json (for programs), sarif (GitHub code scanning),
github (workflow-command annotations), dot and mermaid (the graph of the reported cycles).
"""

from __future__ import annotations

import json
import os
import re
from typing import Callable, Dict, Optional, TextIO, Tuple

from . import __version__
from . import model as m
from .findings import CRASH, KINDS, SEVERITY
from .suppress import UNUSED, UNUSED_KIND, fingerprint

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
        notes.append("guarded: an ImportError here is caught")  # (`try`/`except ImportError`, `suppress(ImportError)`)
    suffix = f"  [{'; '.join(notes)}]" if notes else ""
    return f"{site.path}:{site.line}  {site.statement}{suffix}"


def text(report: m.Report, out: TextIO, color: bool = False) -> None:
    roles = dict(report.roles)
    for finding in report.findings:
        path, line = finding.location or ("", 0)
        head = f"{path}:{line}: " + _paint(f"{finding.severity} {finding.code}", finding.severity, color)
        out.write(f"{head} {finding.message}\n")
        for sentence in finding.entry_points:
            out.write(f"  {_paint(sentence, 'bold', color)}\n")
        if finding.cycle:
            out.write("  cycle: " + " -> ".join(finding.cycle + finding.cycle[:1]) + "\n")
            if any(module in roles for module in finding.cycle):  # the same chain, with each module's roles
                out.write("  roles: " + " -> ".join(
                    module + (f" [{', '.join(roles[module])}]" if roles.get(module) else "")
                    for module in finding.cycle) + f" -> {finding.cycle[0]}\n")
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
            for label, snippet in (("before", s.before), ("after", s.after)):
                if snippet:
                    out.write(f"    {label}:\n")
                    out.writelines(f"      {line}\n".rstrip(" ") if line else "\n" for line in snippet.splitlines())
        out.write("\n")
    for error in report.errors:
        where = f"{error.path}:{error.line}" if error.line else error.path
        out.write(f"{where}: {_paint('error', m.ERROR, color)} could not analyse: {error.message}\n")
    out.write(summary(report) + "\n")


def summary(report: m.Report) -> str:
    counts = dict(report.stats.findings_by_kind)
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
            "findings_by_kind": dict(stats.findings_by_kind), "hidden": report.hidden,
        },
        "findings": [finding_dict(f) for f in report.findings],
        "errors": [{"file": e.path, "line": e.line, "message": e.message} for e in report.errors],
        "roles": {module: list(roles) for module, roles in report.roles},
    }


def json_report(report: m.Report, out: TextIO, color: bool = False) -> None:
    json.dump(report_dict(report), out, indent=2, sort_keys=True)
    out.write("\n")


# --- SARIF 2.1.0 (GitHub code scanning) ----------------------------------------------------

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {m.ERROR: "error", m.WARNING: "warning", m.INFO: "note"}
# One-line rule titles; the full help of every code is its `--explain` text (advice.EXPLANATIONS).
RULE_TITLES: Dict[str, str] = {
    CRASH: "An import cycle crashes at import time",
    "CC002": "An import-time cycle that works only because of the import order",
    "CC003": "A cycle only through deferred imports",
    UNUSED: "A `# cyclecheck: ignore` comment that matches nothing",
}
_RULE_SEVERITY = dict(SEVERITY, **{UNUSED: m.WARNING})
_RULE_KIND = dict(KINDS, **{UNUSED: UNUSED_KIND})
_HEADING = re.compile(r"\A# (CC\d+) (\S+)(?: \((error|warning|info)\b)?")
_WHAT = re.compile(r"^## What it does\n(.*?)(?:\n\n|\Z)", re.S | re.M)


def _documented() -> Dict[str, Tuple[str, Optional[str], str, str]]:
    """code -> (kind, severity or None, what it does, markdown), from the `--explain` docs."""
    from .advice import EXPLANATIONS

    docs = {}
    for code, markdown in EXPLANATIONS.items():
        heading, what = _HEADING.match(markdown), _WHAT.search(markdown)
        if heading is not None:
            docs[code] = (heading.group(2), heading.group(3), " ".join(what.group(1).split()) if what else "",
                          markdown)
    return docs


def _uri(path: str) -> Dict[str, str]:
    import pathlib

    if os.path.isabs(path):
        return {"uri": pathlib.Path(path).as_uri()}
    return {"uri": pathlib.PurePath(path).as_posix(), "uriBaseId": "%SRCROOT%"}


def _physical(path: str, line: int, col: Optional[int] = None) -> dict:
    region = {"startLine": max(line, 1)}
    if col is not None:
        region["startColumn"] = col + 1
    return {"physicalLocation": {"artifactLocation": _uri(path), "region": region}}


def _located_site(finding: m.Finding) -> Optional[m.ImportSite]:
    """The import at `finding.location`: the statement that fails or closes the cycle."""
    if finding.location is None:
        return None
    candidates = list(finding.edges) + ([finding.crash.failing] if finding.crash else [])
    return next((s for s in candidates if (s.path, s.line) == tuple(finding.location)), None)


def _rule(code: str, kind: str, doc: Optional[Tuple[str, Optional[str], str, str]]) -> dict:
    what = doc[2] if doc and doc[2] else kind
    severity = (doc[1] if doc else None) or _RULE_SEVERITY.get(code, m.WARNING)
    return {
        "id": code,
        "name": "".join(part.capitalize() for part in kind.split("-")),
        "shortDescription": {"text": RULE_TITLES.get(code) or kind.replace("-", " ").capitalize()},
        "fullDescription": {"text": what},
        "help": {"text": doc[3] if doc else what, "markdown": doc[3] if doc else f"**{code} {kind}**: {what}"},
        "defaultConfiguration": {"level": _SARIF_LEVEL[severity]},
        "properties": {"tags": ["import-cycle", "maintainability"]},
    }


def sarif_dict(report: m.Report) -> dict:
    docs = _documented()
    kinds = dict(_RULE_KIND)
    kinds.update({code: doc[0] for code, doc in docs.items() if doc[1] is not None})  # finding codes only
    kinds.update({f.code: f.kind for f in report.findings if f.code not in kinds})
    codes = sorted(kinds)
    index = {code: i for i, code in enumerate(codes)}
    results = []
    for finding in report.findings:
        site = _located_site(finding)
        path, line = finding.location or (site.path if site else "", site.line if site else 1)
        text_lines = [finding.message]
        if finding.cycle:
            text_lines.append("cycle: " + " -> ".join(finding.cycle + finding.cycle[:1]))
        result = {
            "ruleId": finding.code,
            "ruleIndex": index[finding.code],
            "level": _SARIF_LEVEL[finding.severity],
            "message": {"text": "\n".join(text_lines)},
            "locations": [_physical(path, line, site.col if site else None)],
            "partialFingerprints": {"cyclecheck/v1": fingerprint(finding)},
            "properties": {"kind": finding.kind, "cycle": list(finding.cycle)},
        }
        related = [e for e in finding.edges if e is not site and (e.path, e.line) != (path, line)]
        if related:
            result["relatedLocations"] = [
                dict(_physical(e.path, e.line, e.col), id=i, message={"text": f"{e.importer} imports {e.imported}: "
                                                                            f"{e.statement}"})
                for i, e in enumerate(related, start=1)]
        results.append(result)
    notifications = [
        {"level": "error", "message": {"text": f"could not analyse: {e.message}"},
         "locations": [_physical(e.path, e.line)]}
        for e in report.errors]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "cyclecheck", "version": __version__, "semanticVersion": __version__,
                "rules": [_rule(code, kinds[code], docs.get(code)) for code in codes],
            }},
            "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    }


def sarif(report: m.Report, out: TextIO, color: bool = False) -> None:
    json.dump(sarif_dict(report), out, indent=2, sort_keys=True)
    out.write("\n")


# --- GitHub Actions workflow commands --------------------------------------------------------

_GITHUB_COMMAND = {m.ERROR: "error", m.WARNING: "warning", m.INFO: "notice"}


def escape_data(value: str) -> str:
    """A workflow command's message: `%`, CR and LF escaped (GitHub's toolkit rules)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A workflow command's property value: also `:` and `,`."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _command(name: str, message: str, **props) -> str:
    listed = ",".join(f"{key}={escape_property(str(value))}" for key, value in props.items() if value is not None)
    return f"::{name} {listed}::{escape_data(message)}" if listed else f"::{name}::{escape_data(message)}"


def github(report: m.Report, out: TextIO, color: bool = False) -> None:
    for finding in report.findings:
        site = _located_site(finding)
        path, line = finding.location or ("", 0)
        lines = [finding.message]
        if finding.cycle:
            lines.append("cycle: " + " -> ".join(finding.cycle + finding.cycle[:1]))
            lines.extend(f"  {edge_line(e)}" for e in finding.edges)
        out.write(_command(_GITHUB_COMMAND[finding.severity], "\n".join(lines), file=path or None,
                           line=line or None, col=site.col + 1 if site else None,
                           title=finding.code) + "\n")
    for error in report.errors:
        out.write(_command("error", f"could not analyse: {error.message}", file=error.path,
                           line=error.line or None, title="cyclecheck") + "\n")
    out.write(summary(report) + "\n")


# --- the graph of the reported cycles: dot and mermaid -------------------------------------

def _cycle_graph(report: m.Report):
    """Sorted nodes (module, roles) and edges (importer, imported, crashing, first site) of the reported cycles."""
    roles = dict(report.roles)
    edges: Dict[Tuple[str, str], Tuple[bool, m.ImportSite]] = {}
    for finding in report.findings:
        for site in finding.edges:
            key = (site.importer, site.imported)
            crashing = finding.code == CRASH or (key in edges and edges[key][0])
            first = min([site] + ([edges[key][1]] if key in edges else []), key=lambda s: (s.path, s.line, s.col))
            edges[key] = (crashing, first)
    modules = sorted({module for pair in edges for module in pair})
    nodes = [(module, tuple(roles.get(module, ()))) for module in modules]
    return nodes, [(a, b, crashing, site) for (a, b), (crashing, site) in sorted(edges.items())]


def _dot_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def dot(report: m.Report, out: TextIO, color: bool = False) -> None:
    nodes, edges = _cycle_graph(report)
    out.write("digraph cyclecheck {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n"
              "  edge [fontname=\"Helvetica\", fontsize=10];\n")
    for module, roles in nodes:
        label = module + (f"\n({', '.join(roles)})" if roles else "")
        out.write(f"  {_dot_string(module)} [label={_dot_string(label)}];\n")
    for importer, imported, crashing, site in edges:
        attrs = f"label={_dot_string(f'{site.path}:{site.line}')}"
        if crashing:
            attrs += ", color=red, fontcolor=red, penwidth=2.5, style=bold"
        elif site.scope != m.MODULE:
            attrs += ", style=dashed"
        out.write(f"  {_dot_string(importer)} -> {_dot_string(imported)} [{attrs}];\n")
    out.write("}\n")


def _mermaid_label(value: str) -> str:
    return value.replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


def mermaid(report: m.Report, out: TextIO, color: bool = False) -> None:
    nodes, edges = _cycle_graph(report)
    ids = {module: f"n{i}" for i, (module, _) in enumerate(nodes)}
    out.write("flowchart LR\n")
    if not nodes:
        out.write("  %% no cycles reported\n")
    for module, roles in nodes:
        label = _mermaid_label(module) + (f"<br/>({_mermaid_label(', '.join(roles))})" if roles else "")
        out.write(f'  {ids[module]}["{label}"]\n')
    styles = []
    for number, (importer, imported, crashing, site) in enumerate(edges):
        arrow = "-.->" if site.scope != m.MODULE and not crashing else "-->"
        out.write(f"  {ids[importer]} {arrow} {ids[imported]}\n")
        if crashing:
            styles.append(number)
    if styles:
        out.write(f"  linkStyle {','.join(map(str, styles))} stroke:#d00,stroke-width:3px,color:#d00\n")


REPORTERS: Dict[str, Callable[[m.Report, TextIO, bool], None]] = {
    "text": text,
    "json": json_report,
    "sarif": sarif,
    "github": github,
    "dot": dot,
    "mermaid": mermaid,
}
