"""The simulator's shared-work run (`run_many`: a journal undoes each start) must give
exactly what a fresh interpreter per start (`run`) gives."""

import pytest

from conftest import fixture_dirs
from cyclecheck.check import parse_all
from cyclecheck.discovery import discover
from cyclecheck.graph import build_graph
from cyclecheck.simulate import Simulator, runtime_reachers

FIXTURES = fixture_dirs()


def outcomes(fixture, shared: bool):
    facts = parse_all(discover([str(fixture)]).files)
    reachers = runtime_reachers(build_graph(facts).graph, facts)
    simulator = Simulator(facts, may_reach_cycle=set(reachers))
    if shared:
        return simulator.run_many(reachers)
    return {start: simulator.run(start) for start in reachers}


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_shared_runs_equal_fresh_runs(fixture):
    assert outcomes(fixture, shared=True) == outcomes(fixture, shared=False)


def test_a_crashing_parent_package_crashes_every_module_below_it(tmp_path):
    pkg = tmp_path / "p"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("from p.a import A\nNAME = 1\n")
    (pkg / "a.py").write_text("from p import NAME\nA = 1\n")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "leaf.py").write_text("X = 1\n")
    result = outcomes(tmp_path, shared=True)
    assert {start for start, o in result.items() if o.crash} == {"p", "p.a", "p.sub", "p.sub.leaf"}
    assert result["p.sub.leaf"].crash.start == "p.sub.leaf"
    assert result["p.sub.leaf"].crash.missing_name == "NAME"

