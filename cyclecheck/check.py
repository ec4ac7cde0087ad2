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
    from .findings import crash_findings, cycle_findings, sort_findings
    from .graph import build_graph
    from .simulate import Simulator, runtime_reachers

    found = discover(paths, config.exclude)
    facts = parse_all(found.files)
    errors = list(found.errors) + [f.error for f in facts if f.error is not None]
    graph = build_graph(facts)
    components = find_components(graph.graph, config.max_cycles)

    entry_order = {name: i for i, name in enumerate(config.entries)}
    crashing: List[m.Finding] = []
    if config.simulate:
        simulator = Simulator(facts)
        outcomes = [simulator.run(start) for start in runtime_reachers(graph.graph, facts)]
        crashing = crash_findings(outcomes, entry_order)
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
