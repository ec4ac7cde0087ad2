"""--format sarif|github|dot|mermaid, --output, and colour: what CI systems and people read."""

import dataclasses
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, ROOT
from cyclecheck.check import check
from cyclecheck.cli import main, use_color
from cyclecheck.reporters import REPORTERS, escape_data, escape_property

CLASSIC = "fixtures/celery-in-create-app"
SARIF_SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "sarif-schema-2.1.0.json"


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # paths in the reports are relative to the working directory


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def sarif_of(*args):
    result = run(*args, "--format", "sarif")
    return result.exit_code, json.loads(result.stdout)


def test_formats_are_the_registry():
    assert sorted(REPORTERS) == ["dot", "github", "json", "mermaid", "sarif", "text"]


# --- SARIF ------------------------------------------------------------------------------

@pytest.mark.parametrize("fixture", ["celery-in-create-app", "two-cycles", "function-level-import-cycle",
                                     "flask-docs-bottom-import"])
def test_sarif_validates_against_the_official_schema(fixture):
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"the SARIF 2.1.0 schema is not at {SARIF_SCHEMA}")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    _, document = sarif_of(f"fixtures/{fixture}", "--show-deferred")
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert errors == []
    assert document["runs"][0]["results"]


def test_sarif_with_unused_suppressions_and_unreadable_files_validates(tmp_path):
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"the SARIF 2.1.0 schema is not at {SARIF_SCHEMA}")
    jsonschema = pytest.importorskip("jsonschema")
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "celery-in-create-app", project)
    (project / "manage.py").write_text("import config  # cyclecheck: ignore\n")
    (project / "broken.py").write_text("def broken(:\n")
    _, document = sarif_of(project)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(document)
    run_ = document["runs"][0]
    assert sorted(r["ruleId"] for r in run_["results"]) == ["CC001", "CC010"]
    [notification] = run_["invocations"][0]["toolExecutionNotifications"]
    assert "syntax error" in notification["message"]["text"]
    assert notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("broken.py")


def test_sarif_one_rule_per_code_and_one_result_per_finding():
    code, document = sarif_of(CLASSIC)
    assert code == 1
    run_ = document["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert ids == sorted(set(ids)) and {"CC001", "CC002", "CC003", "CC010"} <= set(ids)
    assert all(rule["help"]["text"] and rule["shortDescription"]["text"] for rule in rules)
    assert rules[0]["help"]["markdown"].startswith("# CC001 import-time-crash")  # the --explain docs
    [result] = run_["results"]
    assert result["ruleId"] == "CC001" and result["level"] == "error"
    assert ids[result["ruleIndex"]] == "CC001"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == f"{CLASSIC}/app/tasks/email.py"  # `from app import celery`
    assert location["region"]["startLine"] == 3
    related = [r["physicalLocation"]["artifactLocation"]["uri"] for r in result["relatedLocations"]]
    assert related == [f"{CLASSIC}/app/__init__.py", f"{CLASSIC}/app/views/account.py"]


def test_sarif_levels_follow_severity():
    _, document = sarif_of("fixtures/function-level-import-cycle", "--show-deferred")
    assert {r["ruleId"]: r["level"] for r in document["runs"][0]["results"]} == {"CC003": "note"}


def fingerprints(project):
    _, document = sarif_of(project)
    return sorted(r["partialFingerprints"]["cyclecheck/v1"] for r in document["runs"][0]["results"])


def test_sarif_fingerprints_survive_line_shifts_and_new_files(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "celery-in-create-app", project)
    before = fingerprints(project)
    for path in project.rglob("*.py"):
        path.write_text("# a new header\n\n" + path.read_text())
    (project / "app" / "unrelated.py").write_text("import os\n")
    after = fingerprints(project)
    assert before == after and len(before) == 1


# --- GitHub workflow commands -------------------------------------------------------------

def test_github_annotations():
    result = run(CLASSIC, "--format", "github")
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"::error file={CLASSIC}/app/tasks/email.py,line=3,col=1,title=CC001::importing ")
    assert "%0Acycle: app -> app.views.account -> app.tasks.email -> app%0A" in first
    assert result.stdout.splitlines()[-1].startswith("cyclecheck: 9 modules")


def test_github_lower_severities_are_warnings_and_notices():
    result = run("fixtures/function-level-import-cycle", "--format", "github", "--show-deferred")
    assert result.stdout.startswith("::notice file=")
    result = run("fixtures/flask-docs-bottom-import", "--format", "github")
    assert result.stdout.startswith("::warning file=") and ",title=CC002::" in result.stdout


@pytest.mark.parametrize("value, data, prop", [
    ("plain", "plain", "plain"),
    ("100%", "100%25", "100%25"),
    ("a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac"),
    ("a,b:c", "a,b:c", "a%2Cb%3Ac"),
    ("%0A", "%250A", "%250A"),
])
def test_github_escaping(value, data, prop):
    assert escape_data(value) == data
    assert escape_property(value) == prop


# --- dot and mermaid ----------------------------------------------------------------------

def graph_output(fmt, project):
    """The reporter's output without roles (test_graph_labels_carry_roles checks those)."""
    out = io.StringIO()
    REPORTERS[fmt](dataclasses.replace(check([project]), roles=()), out, False)
    return out.getvalue()


def test_dot_of_the_classic_crash():
    assert graph_output("dot", CLASSIC) == f"""\
digraph cyclecheck {{
  rankdir=LR;
  node [shape=box, fontname="Helvetica"];
  edge [fontname="Helvetica", fontsize=10];
  "app" [label="app"];
  "app.tasks.email" [label="app.tasks.email"];
  "app.views.account" [label="app.views.account"];
  "app" -> "app.views.account" [label="{CLASSIC}/app/__init__.py:5", color=red, fontcolor=red, penwidth=2.5, style=bold];
  "app.tasks.email" -> "app" [label="{CLASSIC}/app/tasks/email.py:3", color=red, fontcolor=red, penwidth=2.5, style=bold];
  "app.views.account" -> "app.tasks.email" [label="{CLASSIC}/app/views/account.py:3", color=red, fontcolor=red, penwidth=2.5, style=bold];
}}
"""


def test_mermaid_highlights_only_crashing_edges():
    assert graph_output("mermaid", "fixtures/two-cycles") == """\
flowchart LR
  n0["charts"]
  n1["customers"]
  n2["orders"]
  n3["reports"]
  n0 --> n3
  n1 --> n2
  n2 --> n1
  n3 --> n0
  linkStyle 1,2 stroke:#d00,stroke-width:3px,color:#d00
"""


def test_deferred_edges_are_dashed():
    out = run("fixtures/function-level-import-cycle", "--format", "dot", "--show-deferred").stdout
    assert out.count("style=dashed") == 2 and "color=red" not in out
    assert "-.->" in run("fixtures/function-level-import-cycle", "--format", "mermaid", "--show-deferred").stdout


def test_graph_labels_carry_roles():
    report = check([CLASSIC])
    report = dataclasses.replace(report, roles=(("app", ("flask-app", "celery-app")),))
    out = io.StringIO()
    REPORTERS["dot"](report, out, False)
    assert '"app" [label="app\\n(flask-app, celery-app)"];' in out.getvalue()
    out = io.StringIO()
    REPORTERS["mermaid"](report, out, False)
    assert 'n0["app<br/>(flask-app, celery-app)"]' in out.getvalue()


def test_graph_formats_are_deterministic():
    for fmt in ("dot", "mermaid", "sarif", "github"):
        assert run("fixtures/two-cycles", "--format", fmt).stdout == run("fixtures/two-cycles", "--format", fmt).stdout


def test_empty_graph():
    assert run("fixtures/celery-in-create-app-fixed", "--format", "mermaid").stdout == (
        "flowchart LR\n  %% no cycles reported\n")


# --- --output and colour ------------------------------------------------------------------

def test_output_writes_the_report_to_a_file(tmp_path):
    target = tmp_path / "report.sarif"
    result = run(CLASSIC, "--format", "sarif", "--output", target)
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(target.read_text())["version"] == "2.1.0"


def test_output_text_file_never_has_colour(tmp_path):
    target = tmp_path / "report.txt"
    run(CLASSIC, "--color", "--output", target)
    assert "\x1b[" not in target.read_text() and "error CC001" in target.read_text()


def test_color_flags():
    assert "\x1b[31;1merror CC001" in run(CLASSIC, "--color").stdout
    assert "\x1b[" not in run(CLASSIC, "--no-color").stdout
    assert "\x1b[" not in run(CLASSIC).stdout  # not a terminal
    assert "\x1b[" not in run(CLASSIC, "--color", "--format", "json").stdout


class _Tty(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize("flag, tty, environ, expected", [
    (None, True, {}, True),
    (None, False, {}, False),
    (None, True, {"NO_COLOR": "1"}, False),
    (None, True, {"NO_COLOR": ""}, True),  # https://no-color.org: only a non-empty value counts
    (True, False, {"NO_COLOR": "1"}, True),  # an explicit flag wins
    (False, True, {}, False),
])
def test_use_color(flag, tty, environ, expected):
    stream = _Tty() if tty else io.StringIO()
    assert use_color(flag, stream, environ) is expected
