"""Cycles and simulated crashes -> findings, each with a stable code and a place to jump to."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Iterable, List, Sequence, Set, Tuple

from . import model as m
from .cycles import IMPORT_TIME, Component, rotate

if TYPE_CHECKING:  # annotations only: a cached report is printed without loading the simulator
    from .entries import Entry
    from .simulate import Outcome

CRASH = "CC001"
FRAGILE = "CC002"
DEFERRED = "CC003"
ENTRY_CRASH = "CC004"

KINDS = {CRASH: "import-time-crash", FRAGILE: "import-time-cycle", DEFERRED: "deferred-cycle",
         ENTRY_CRASH: "entry-point-crash"}
SEVERITY = {CRASH: m.ERROR, FRAGILE: m.WARNING, DEFERRED: m.INFO, ENTRY_CRASH: m.ERROR}


def _rotated(modules: Sequence[str], edges: Sequence[m.ImportSite]) -> Tuple[Tuple[str, ...], Tuple[m.ImportSite, ...]]:
    start, ring = rotate(modules)
    return ring, tuple(edges[start:]) + tuple(edges[:start])


def crash_findings(outcomes: Iterable[Outcome], entry_runs: Sequence[Tuple["Entry", Outcome]],
                   entry_order: Dict[str, int]) -> List[m.Finding]:
    """One error per distinct cycle that crashes, listing every start that runs into it.

    `entry_runs` are the real processes' starts (a worker, a script run as __main__);
    their crashes are told first, in the finding of the same cycle, or in a finding of
    their own (CC004) when only that way of starting crashes.
    """
    # (the starts whose crash depends on a condition not decided here are told apart from the certain ones:
    # a finding's starts all crash under the conditions its message gives)
    groups: Dict[Tuple[Tuple[str, ...], bool], List[Outcome]] = {}
    for outcome in outcomes:
        if outcome.crash is None or not outcome.cycle:
            continue
        ring, _ = _rotated(outcome.cycle, outcome.cycle_edges)
        groups.setdefault((ring, bool(outcome.crash.uncertain)), []).append(outcome)
    told: Dict[Tuple[str, ...], List[str]] = {}
    own: Dict[Tuple[str, ...], List[Tuple["Entry", Outcome]]] = {}
    for entry, outcome in entry_runs:
        if outcome.crash is None or not outcome.cycle:
            continue
        ring, _ = _rotated(outcome.cycle, outcome.cycle_edges)
        uncertain = outcome.crash.uncertain
        sentence = (f"`{entry.command}` {'may' if uncertain else 'will'} fail at start ({entry.declared_at}): "
                    f"{outcome.crash.exception.split(' (most likely')[0]}"
                    + (" (if " + "; ".join(uncertain) + ")" if uncertain else ""))
        if entry.as_script and any(step.module == entry.module for step in outcome.crash.trace):
            sentence += (f"; the file runs twice, as __main__ and again as `{entry.module}` when a module "
                         f"imports it back")
        told.setdefault(ring, []).append(sentence)
        if (ring, False) not in groups and (ring, True) not in groups:
            own.setdefault(ring, []).append((entry, outcome))
    findings = []
    for (ring, hedged), members in groups.items():
        members.sort(key=lambda o: (entry_order.get(o.start, len(entry_order)), len(o.crash.trace), o.start))
        first = members[0]
        starts = tuple(sorted(o.start for o in members))
        message = f"importing {first.start} first crashes: {first.crash.exception}"
        # (the entry points' sentences go with the certain finding of the ring, or the hedged one alone)
        sentences = told.get(ring, []) if not hedged or (ring, False) not in groups else []
        findings.append(_crash_finding(CRASH, message, first, starts, sentences))
    for ring, runs in own.items():
        entry, first = runs[0]
        message = f"`{entry.command}` crashes: {first.crash.exception}"
        findings.append(_crash_finding(ENTRY_CRASH, message, first, (), told[ring]))
    return findings


def _crash_finding(code: str, message: str, first: Outcome, starts: Tuple[str, ...],
                   sentences: Sequence[str]) -> m.Finding:
    ring, edges = _rotated(first.cycle, first.cycle_edges)
    crash = first.crash
    if crash.uncertain:
        message += " (if " + "; ".join(crash.uncertain) + ")"
    return m.Finding(
        code=code, severity=SEVERITY[code], kind=KINDS[code], message=message, cycle=ring, edges=edges,
        crashes_when_first_imported=starts, crash=crash, entry_points=tuple(dict.fromkeys(sentences)),
        location=(crash.failing.path, crash.failing.line),
    )


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
                           + ": no first import crashes on this cycle today, but that depends on the order names are bound in")
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
        entry = 0 if finding.entry_points else min(
            (entry_order.get(s, len(entry_order)) for s in finding.crashes_when_first_imported),
            default=len(entry_order))
        return (-m.SEVERITY_RANK[finding.severity], entry, finding.location or ("", 0), finding.cycle, finding.code)

    return sorted(findings, key=key)
