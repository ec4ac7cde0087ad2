"""Import graph -> strongly connected components and a few short cycles covering them.

Enumerating every simple cycle explodes on real applications (millions on sympy),
so each component gets a small deterministic set of short cycles: for every edge
not yet covered, the shortest cycle through it, preferring cycles that run at
import time. At most `max_cycles` per component; the rest is counted, not listed.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Set, Tuple

from . import model as m

IMPORT_TIME = "import-time"
DEFERRED = "deferred"


@dataclass(frozen=True)
class Component:
    index: int
    modules: Tuple[str, ...]
    cycles: Tuple[m.Cycle, ...]
    edges: int
    uncovered_edges: int  # edges no listed cycle passes through (when capped)


def rotate(modules: Sequence[str]) -> Tuple[int, Tuple[str, ...]]:
    start = min(range(len(modules)), key=lambda i: modules[i])
    return start, tuple(modules[start:]) + tuple(modules[:start])


def _shortest_path(adjacency: Dict[str, List[str]], source: str, target: str, allowed: Set[str]) -> Optional[List[str]]:
    if source == target:
        return [source]
    previous = {source: None}
    queue = deque([source])
    while queue:
        node = queue.popleft()
        for nxt in adjacency.get(node, ()):
            if nxt in previous or nxt not in allowed:
                continue
            previous[nxt] = node
            if nxt == target:
                path = [nxt]
                while previous[path[-1]] is not None:
                    path.append(previous[path[-1]])
                return path[::-1]
            queue.append(nxt)
    return None


def find_components(graph, max_cycles: int = 50) -> List[Component]:
    """Every non-trivial strongly connected component, with its covering cycles."""
    import networkx as nx

    components = sorted((tuple(sorted(c)) for c in nx.strongly_connected_components(graph) if len(c) > 1))
    result = []
    for index, members in enumerate(components):
        result.append(_component(graph, index, members, max_cycles))
    return result


def _component(graph, index: int, members: Tuple[str, ...], max_cycles: int) -> Component:
    allowed = set(members)
    full: Dict[str, List[str]] = {}
    runtime: Dict[str, List[str]] = {}
    edges = []
    for u in members:
        for v in sorted(graph.successors(u)):
            if v in allowed:
                full.setdefault(u, []).append(v)
                edges.append((u, v))
                if graph.edges[u, v]["scope"] == m.MODULE:
                    runtime.setdefault(u, []).append(v)
    covered: Set[Tuple[str, str]] = set()
    seen: Set[Tuple[str, ...]] = set()
    cycles: List[m.Cycle] = []
    # import-time edges first, covered by import-time cycles where one exists
    ordered = sorted(edges, key=lambda e: (graph.edges[e]["scope"] != m.MODULE, e))
    for u, v in ordered:
        if len(cycles) >= max_cycles:
            break
        if (u, v) in covered:
            continue
        path = None
        if graph.edges[u, v]["scope"] == m.MODULE:
            path = _shortest_path(runtime, v, u, allowed)
        if path is None:
            path = _shortest_path(full, v, u, allowed)
        if path is None:  # cannot happen inside a strongly connected component
            continue
        ring = [u] + path[:-1]
        start, modules = rotate(ring)
        pairs = [(modules[i], modules[(i + 1) % len(modules)]) for i in range(len(modules))]
        covered.update(pairs)
        if modules in seen:
            continue
        seen.add(modules)
        sites = tuple(graph.edges[p]["sites"][0] for p in pairs)
        kind = IMPORT_TIME if all(graph.edges[p]["scope"] == m.MODULE for p in pairs) else DEFERRED
        cycles.append(m.Cycle(modules=modules, edges=sites, kind=kind, component=index))
    cycles.sort(key=lambda c: (c.kind != IMPORT_TIME, len(c.modules), c.modules))
    return Component(index, members, tuple(cycles), len(edges), len(set(edges) - covered))
