"""The pipeline: paths -> files -> module facts -> graph -> cycles and crashes -> findings.

`check()` prints nothing and returns a `Report`; reporters turn it into text.
"""

from __future__ import annotations

from collections import Counter
from typing import List, Sequence

from . import model as m
from .config import Config
from .discovery import discover
from .parsing import parse_file


def parse_all(files: Sequence[m.SourceFile]) -> List[m.ModuleFacts]:
    return [parse_file(source) for source in files]


def check(paths: Sequence[str], config: Config = Config()) -> m.Report:
    from .cycles import find_components
    from .entries import find_entries, worker_modules
    from .findings import crash_findings, cycle_findings, sort_findings
    from .graph import build_graph
    from .simulate import Simulator, runtime_reachers

    found = discover(paths, config.exclude)
    facts = parse_all(found.files)
    errors = list(found.errors) + [f.error for f in facts if f.error is not None]
    graph = build_graph(facts)
    components = find_components(graph.graph, config.max_cycles)

    entries = find_entries(found.roots, facts, config.entries)
    entry_order: dict = {}
    for entry in entries:
        entry_order.setdefault(entry.module, len(entry_order))
    crashing: List[m.Finding] = []
    if config.simulate:
        simulator = Simulator(facts)
        starts = sorted(set(runtime_reachers(graph.graph, facts)) | {e.module for e in entries})
        outcomes = {start: simulator.run(start) for start in starts}
        tasks = worker_modules(facts)
        entry_runs = []
        for entry in entries:
            if entry.as_script:
                entry_runs.append((entry, simulator.run(entry.module, as_main=True)))
            elif entry.worker and tasks:
                entry_runs.append((entry, simulator.run(entry.module, then=tasks)))
            else:
                entry_runs.append((entry, outcomes[entry.module]))
        crashing = crash_findings(outcomes.values(), entry_runs, entry_order)
    findings = sort_findings(crashing + cycle_findings(components, crashing), entry_order)

    shown = [f for f in findings if f.severity != m.INFO or config.show_deferred]
    kinds = Counter(f.kind for f in findings)
    stats = m.Stats(
        files=len(found.files),
        modules=graph.graph.number_of_nodes(),
        edges=graph.graph.number_of_edges(),
        external_imports=graph.external_imports,
        components=len(components),
        cycles_by_kind=tuple(sorted(kinds.items())),
    )
    return m.Report(
        roots=found.roots,
        stats=stats,
        findings=tuple(shown),
        errors=tuple(sorted(errors, key=lambda e: (e.path, e.line, e.message))),
        hidden=len(findings) - len(shown),
        modules=tuple(sorted((f.source.module, f.source.path) for f in facts)),
    )
