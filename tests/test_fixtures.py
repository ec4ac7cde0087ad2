"""Every fixture project: the static graph's cycles, and cyclecheck's crash prediction vs. the truth.

Each `fixtures/<name>/expected.toml` states the strongly connected components of the
whole graph (`cycles`), of the import-time graph (`import_time_cycles`) and, for every
module, whether a fresh `import M` is `ok` or `circular` (`[truth]`, itself verified
against the real interpreter by test_fixture_truth.py).
"""

import json

import networkx as nx
import pytest
from click.testing import CliRunner

from conftest import fixture_dirs, load_expected, skip_before_min_python
from cyclecheck import model as m
from cyclecheck.check import parse_all
from cyclecheck.cli import main
from cyclecheck.discovery import discover
from cyclecheck.graph import build_graph

FIXTURES = fixture_dirs()


def components(graph) -> list:
    return sorted(sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1)


def graph_of(fixture):
    found = discover([str(fixture)])
    return build_graph(parse_all(found.files)).graph


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_cycles(fixture):
    expected = load_expected(fixture)
    graph = graph_of(fixture)
    runtime = graph.edge_subgraph([(u, v) for u, v, d in graph.edges(data=True) if d["scope"] == m.MODULE])
    assert components(graph) == expected.get("cycles", [])
    assert components(runtime) == expected.get("import_time_cycles", [])


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_crash_prediction_matches_the_interpreter(fixture):
    expected = load_expected(fixture)
    truth = expected.get("truth")
    if truth is None:
        pytest.skip("no [truth] table")
    skip_before_min_python(expected)
    result = CliRunner().invoke(main, [str(fixture), "--format", "json", "--show-deferred"])
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.output)
    predicted = {mod for f in report["findings"] for mod in f["crashes_when_first_imported"]}
    circular = {mod for mod, outcome in truth.items() if outcome == "circular"}
    assert sorted(predicted) == sorted(circular)
    assert result.exit_code == (1 if circular else 0)
