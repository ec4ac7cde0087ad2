"""Cycles and simulated crashes -> findings, each with a stable code and a place to jump to."""

from __future__ import annotations

from typing import Dict, Iterable, List, Sequence, Set, Tuple

from . import model as m
from .cycles import IMPORT_TIME, Component, rotate
from .simulate import Outcome

CRASH = "CC001"
FRAGILE = "CC002"
DEFERRED = "CC003"

KINDS = {CRASH: "import-time-crash", FRAGILE: "import-time-cycle", DEFERRED: "deferred-cycle"}
SEVERITY = {CRASH: m.ERROR, FRAGILE: m.WARNING, DEFERRED: m.INFO}


def _rotated(modules: Sequence[str], edges: Sequence[m.ImportSite]) -> Tuple[Tuple[str, ...], Tuple[m.ImportSite, ...]]:
    start, ring = rotate(modules)
    return ring, tuple(edges[start:]) + tuple(edges[:start])


def crash_findings(outcomes: Iterable[Outcome], entry_order: Dict[str, int]) -> List[m.Finding]:
    """One error per distinct cycle that crashes, listing every start that runs into it."""
    groups: Dict[Tuple[str, ...], List[Outcome]] = {}
    for outcome in outcomes:
        if outcome.crash is None or not outcome.cycle:
            continue
        ring, _ = _rotated(outcome.cycle, outcome.cycle_edges)
        groups.setdefault(ring, []).append(outcome)
    findings = []
    for ring, members in groups.items():
        members.sort(key=lambda o: (entry_order.get(o.start, len(entry_order)), len(o.crash.trace), o.start))
        first = members[0]
        _, edges = _rotated(first.cycle, first.cycle_edges)
        crash = first.crash
        starts = tuple(sorted(o.start for o in members))
        message = f"importing {first.start} first crashes: {crash.exception}"
        if crash.uncertain:
            message += " (if " + "; ".join(crash.uncertain) + ")"
        findings.append(m.Finding(
            code=CRASH, severity=SEVERITY[CRASH], kind=KINDS[CRASH], message=message, cycle=ring, edges=edges,
            crashes_when_first_imported=starts, crash=crash,
            location=(crash.failing.path, crash.failing.line),
        ))
    return findings


def cycle_findings(components: Sequence[Component], crashing: Sequence[m.Finding]) -> List[m.Finding]:
    """Static cycles no crash explains: import-time ones are fragile, the others deferred."""
    crash_pairs: Set[Tuple[str, str]] = set()
    for finding in crashing:
        ring = finding.cycle
        crash_pairs.update((ring[i], ring[(i + 1) % len(ring)]) for i in range(len(ring)))
    findings = []
    for component in components:
        for cycle in component.cycles:
            pairs = {(cycle.modules[i], cycle.modules[(i + 1) % len(cycle.modules)])
                     for i in range(len(cycle.modules))}
            if cycle.kind == IMPORT_TIME:
                if pairs <= crash_pairs:
                    continue
                code = FRAGILE
                message = ("import-time cycle " + " -> ".join(cycle.modules + cycle.modules[:1])
                           + ": no first import crashes today, but it depends on import order")
            else:
                code = DEFERRED
                weak = sorted({e.scope for e in cycle.edges if e.scope != m.MODULE})
                message = ("cycle only through " + " and ".join(f"{s}" for s in weak) + " imports: "
                           + " -> ".join(cycle.modules + cycle.modules[:1]))
            closing = cycle.edges[-1]
            findings.append(m.Finding(
                code=code, severity=SEVERITY[code], kind=KINDS[code], message=message, cycle=cycle.modules,
                edges=cycle.edges, location=(closing.path, closing.line),
            ))
    return findings


def sort_findings(findings: Iterable[m.Finding], entry_order: Dict[str, int]) -> List[m.Finding]:
    def key(finding: m.Finding):
        entry = min((entry_order.get(s, len(entry_order)) for s in finding.crashes_when_first_imported),
                    default=len(entry_order))
        return (-m.SEVERITY_RANK[finding.severity], entry, finding.location or ("", 0), finding.cycle, finding.code)

    return sorted(findings, key=key)
