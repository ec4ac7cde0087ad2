"""[tool.cyclecheck] in pyproject.toml: every key, command-line precedence, and clear errors."""

import json
import shutil

import pytest
from click.testing import CliRunner

from conftest import FIXTURES
from cyclecheck.cli import main
from cyclecheck.config import Config, ConfigError, find_config, load_config, make_config

FRAGILE = FIXTURES / "flask-docs-bottom-import"  # two import-time cycles that never crash: CC002 warnings
CLASSIC = FIXTURES / "celery-in-create-app"  # CC001


def project(tmp_path, fixture=FRAGILE, config=None, name="project"):
    root = tmp_path / name
    shutil.copytree(fixture, root, ignore=shutil.ignore_patterns(".cyclecheck_cache"))
    if config is not None:
        (root / "pyproject.toml").write_text(config)
    return root


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def codes(*args):
    result = run(*args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, [(f["code"], f["severity"], f["cycle"]) for f in json.loads(result.stdout)["findings"]]


def test_no_configuration(tmp_path):
    assert codes(project(tmp_path)) == (0, [("CC002", "warning", ["app", "app.errors"]),
                                            ("CC002", "warning", ["app", "app.views"])])


def test_fail_on_from_pyproject_and_the_command_line_wins(tmp_path):
    root = project(tmp_path, config='[tool.cyclecheck]\nfail-on = "warning"\n')
    assert run(root).exit_code == 1
    assert run(root, "--fail-on", "error").exit_code == 0


def test_configuration_found_walking_up_from_the_first_path(tmp_path):
    root = project(tmp_path, config='[tool.cyclecheck]\nfail-on = "warning"\n')
    assert run(root / "app").exit_code == 1


def test_a_pyproject_without_the_table_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.cyclecheck]\nfail-on = "warning"\n')
    root = project(tmp_path, config='[project]\nname = "x"\n')
    assert find_config(str(root)) == str(tmp_path / "pyproject.toml")
    assert run(root).exit_code == 1


def test_severity_override(tmp_path):
    root = project(tmp_path, config='[tool.cyclecheck]\nseverity = {CC002 = "error"}\n')
    exit_code, found = codes(root)
    assert exit_code == 1 and {severity for _, severity, _ in found} == {"error"}


def test_ignore_cycles_by_their_modules(tmp_path):
    root = project(tmp_path, config='[tool.cyclecheck]\nignore = [["app.views", "app"]]\n')
    assert codes(root) == (0, [("CC002", "warning", ["app", "app.errors"])])


def test_show_deferred_and_max_cycles(tmp_path):
    root = project(tmp_path, FIXTURES / "function-level-import-cycle", "[tool.cyclecheck]\nshow-deferred = true\n")
    assert [c for c, _, _ in codes(root)[1]] == ["CC003"]
    assert codes(root, "--hide-deferred")[1] == []
    root = project(tmp_path, config="[tool.cyclecheck]\nmax-cycles = 1\n", name="capped")
    assert len(codes(root)[1]) == 1


def test_exclude_and_entry(tmp_path):
    root = project(tmp_path, CLASSIC, '[tool.cyclecheck]\nexclude = ["app/tasks"]\n')
    assert codes(root) == (0, [])
    assert codes(root, "--exclude", "nothing")[0] == 1  # the command line replaces the file's list
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.cyclecheck]\nentry = ["wsgi", "celery_worker"]\n')
    assert make_config(load_config(str(path)), {"entries": None}).entries == ("wsgi", "celery_worker")


def test_src_roots(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(FRAGILE / "app", root / "lib" / "app")
    assert codes(root) == (0, [])  # `lib.app` never imports itself as `app`
    (root / "pyproject.toml").write_text('[tool.cyclecheck]\nsrc = ["lib"]\n')
    assert len(codes(root)[1]) == 2


def test_explicit_config_file(tmp_path):
    root = project(tmp_path)
    config = tmp_path / "cyclecheck.toml"
    config.write_text('fail-on = "warning"\n')
    assert run(root, "--config", config).exit_code == 1
    config.write_text('[tool.cyclecheck]\nfail_on = "warning"\n')  # underscores work too
    assert run(root, "--config", config).exit_code == 1


@pytest.mark.parametrize("body, named", [
    ("colour = true", "'colour'"),
    ('fail-on = "fatal"', "'fail-on'"),
    ("max-cycles = 0", "'max-cycles'"),
    ("max-cycles = true", "'max-cycles'"),
    ('exclude = "build"', "'exclude'"),
    ("entry = [1]", "'entry'"),
    ('severity = {CC002 = "fatal"}', "'severity'"),
    ('severity = {E501 = "error"}', "'severity'"),
    ('ignore = ["app"]', "'ignore'"),
    ("show-deferred = 1", "'show-deferred'"),
    ('roots = "src"', "'roots'"),
])
def test_configuration_errors_exit_2_with_one_line(tmp_path, body, named):
    root = project(tmp_path, config=f"[tool.cyclecheck]\n{body}\n")
    result = run(root)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("cyclecheck: error: ") and "pyproject.toml" in line and named in line
    assert result.stdout == ""


def test_invalid_toml_exits_2(tmp_path):
    root = project(tmp_path, config="[tool.cyclecheck\n")
    result = run(root)
    assert result.exit_code == 2 and "invalid TOML" in result.stderr


def test_missing_config_file_is_a_usage_error(tmp_path):
    assert run(project(tmp_path), "--config", tmp_path / "nope.toml").exit_code == 2


def test_precedence_defaults_file_command_line(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.cyclecheck]\nmax-cycles = 7\nfail-on = "info"\nsrc = ["src", "lib"]\n')
    options = load_config(str(path))
    assert options["roots"] == (str(tmp_path / "src"), str(tmp_path / "lib"))
    config = make_config(options, {"max_cycles": None, "fail_on": "error", "exclude": None})
    assert (config.max_cycles, config.fail_on, config.exclude) == (7, "error", Config().exclude)


def test_unknown_key_message(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.cyclecheck]\nmax_cycle = 3\n")
    with pytest.raises(ConfigError, match="unknown key 'max_cycle'"):
        load_config(str(path))
