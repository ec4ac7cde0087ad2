"""The caches: per-file facts and whole reports. Same output warm as cold, never fatal,
re-parse and re-analyse exactly what changed."""

import json
import os
import pickle
import shutil
import tempfile

import pytest
from click.testing import CliRunner

from conftest import FIXTURES
from cyclecheck import cache as cache_mod
from cyclecheck import check as check_mod
from cyclecheck.cli import main
from cyclecheck.discovery import discover

CLASSIC = FIXTURES / "celery-in-create-app"


class Evil:
    """Unpickling this with a plain pickle.load would run a shell command."""

    def __reduce__(self):
        return (os.system, ("echo pwned > pwned.txt",))


@pytest.fixture
def project(tmp_path):
    target = tmp_path / "proj"
    shutil.copytree(CLASSIC, target, ignore=shutil.ignore_patterns(".cyclecheck_cache", "__pycache__"))
    return target


@pytest.fixture
def parsed(monkeypatch):
    """Records the paths parse_file is called on (runs stay in-process: fixtures are small)."""
    calls = []
    real = check_mod.parse_file

    def counting(source):
        calls.append(source.path)
        return real(source)

    monkeypatch.setattr(check_mod, "parse_file", counting)
    return calls


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


def entries(directory):
    """The module entries of the facts pack (a header line, a stamp line, then a pickled (token, dict)),
    with those of its delta (made for that token: (token, changed entries, names gone)) applied."""
    pack = directory / cache_mod.PACK
    if not pack.is_file():
        return []

    def payload(path):
        data = path.read_bytes()
        return pickle.loads(data[data.index(b"\n", data.index(b"\n") + 1) + 1:])

    token, found = payload(pack)
    delta = directory / cache_mod.DELTA
    if delta.is_file():
        made_for, changed, gone = payload(delta)
        if made_for == token:
            found.update(changed)
            for name in gone:
                found.pop(name, None)
    return sorted(found)


def reports(directory):
    return sorted(p for p in (directory / "reports").rglob("*") if p.is_file())


def test_warm_run_is_identical_and_parses_nothing(project, parsed):
    cold = run(project, "--format", "json")
    assert len(parsed) == 9
    cache_dir = project / ".cyclecheck_cache"
    assert len(entries(cache_dir)) == 9
    parsed.clear()
    warm = run(project, "--format", "json")
    assert parsed == []
    assert warm.output == cold.output and warm.exit_code == cold.exit_code == 1
    assert run(project).output == run(project, "--no-cache").output


def test_cache_dir_is_tagged_and_ignored_by_git(project):
    run(project)
    cache_dir = project / ".cyclecheck_cache"
    tag = (cache_dir / "CACHEDIR.TAG").read_text()
    assert tag.startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert "*" in (cache_dir / ".gitignore").read_text().split()
    # the cache is not part of the project it caches
    assert all(".cyclecheck_cache" not in f.path for f in discover([str(project)]).files)


def test_no_cache_writes_nothing(project, parsed):
    run(project, "--no-cache")
    run(project, "--no-cache")
    assert not (project / ".cyclecheck_cache").exists()
    assert len(parsed) == 18


def test_cache_dir_option(project, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    first = run(project, "--cache-dir", elsewhere)
    assert not (project / ".cyclecheck_cache").exists()
    assert (elsewhere / "CACHEDIR.TAG").is_file() and len(entries(elsewhere)) == 9
    assert run(project, "--cache-dir", elsewhere).output == first.output


@pytest.mark.parametrize("garbage", [
    b"",
    b"not a cache file at all\n",
    b"\x80\x05\x95 truncated pickle",
    "truncate",
    "foreign",
    "wrong-type",
])
def test_corrupt_entries_are_ignored_and_replaced(project, parsed, garbage, monkeypatch):
    monkeypatch.chdir(project)
    cold = run(project)
    cache_dir = project / ".cyclecheck_cache"
    assert len(reports(cache_dir)) == 1
    for path in [cache_dir / cache_mod.PACK] + reports(cache_dir):
        data = path.read_bytes()
        if garbage == "truncate":
            path.write_bytes(data[: len(data) // 2])
        elif garbage in ("foreign", "wrong-type"):
            header = data[: data.index(b"\n", data.index(b"\n") + 1) + 1]
            # a valid header with a pickle that would run code, or that is not ModuleFacts
            payload = pickle.dumps(Evil()) if garbage == "foreign" else pickle.dumps((1, 2))
            path.write_bytes(header + payload)
        else:
            path.write_bytes(garbage)
    parsed.clear()
    again = run(project)
    assert again.output == cold.output and not (project / "pwned.txt").exists()
    assert len(parsed) == 9  # every entry (and the report) was a miss ...
    parsed.clear()
    assert run(project).output == cold.output
    assert parsed == []  # ... and was written again


class Smuggled:
    """Pickles as a call of a function that cyclecheck.model has but that is not a maker."""

    def __init__(self, name, args):
        self.name, self.args = name, args

    def __reduce__(self):
        import cyclecheck.model

        return (getattr(cyclecheck.model, self.name), self.args)


def test_the_unpickler_builds_model_objects_and_calls_nothing_else():
    import io
    import sys

    from cyclecheck import model as m

    facts = m.ModuleFacts(m.SourceFile("a.py", "a", ".", False), body=(m.Call("f", ("g",), 3), m.Return(4)))
    loaded = cache_mod._ModelUnpickler(io.BytesIO(pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL))).load()
    assert loaded == facts and hash(loaded) == hash(facts)
    if sys.version_info >= (3, 10):  # slots: no dict per object (see model._fact)
        assert not hasattr(loaded.body[0], "__dict__") and "make_Call" in m.MAKERS
    for name, args in [("attrgetter", ("path",)), ("_fact", (dict,))]:
        with pytest.raises(pickle.UnpicklingError):
            cache_mod._ModelUnpickler(io.BytesIO(pickle.dumps(Smuggled(name, args)))).load()


def _functions_pickle():
    from cyclecheck import model as m

    functions = (m.Function("f", 2, (m.Return(3),)), m.Function("A.__init__", 5, (m.Call("g", (), 6),), params=("self",)))
    facts = m.ModuleFacts(m.SourceFile("a.py", "a", ".", False), functions=m.Functions(functions))
    return functions, facts, pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL)


def test_stored_function_bodies_stay_pickled_until_one_is_looked_up():
    import io

    from cyclecheck import model as m

    functions, facts, data = _functions_pickle()
    assert pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL) == data  # the same bytes every time
    loaded = cache_mod._ModelUnpickler(io.BytesIO(data)).load()
    stored = loaded.functions
    assert stored._items is None and len(stored) == 2 and stored.qualnames == ("f", "A.__init__")
    assert stored.get("B.__init__") is None and stored._items is None  # an absent name decodes nothing
    assert stored.get("A.__init__") == functions[1] and stored._items == functions
    assert loaded == facts and hash(loaded) == hash(facts) and tuple(stored) == functions == stored
    assert stored[1:] == functions[1:] and stored != functions[:1]
    assert pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL) == data  # re-stored as it was read
    assert m.Functions().get("f") is None and len(m.NO_FUNCTIONS) == 0 and tuple(m.NO_FUNCTIONS) == ()


def test_damaged_or_foreign_function_bodies_read_as_none():
    import io

    from cyclecheck import model as m

    functions, _, _ = _functions_pickle()
    blob = pickle.dumps(functions, protocol=pickle.HIGHEST_PROTOCOL)
    names = ("f", "A.__init__")
    for bad in (blob[:-9], blob.replace(b"A.__init__", b"B.__init__"), pickle.dumps(Evil()),
                pickle.dumps(functions[:1]), pickle.dumps(("f", "A.__init__"))):
        stored = m.Functions(blob=bad, qualnames=names)
        assert stored.get("A.__init__") is None and tuple(stored) == () and len(stored) == 0
    assert not os.path.exists("pwned.txt")
    with pytest.raises(pickle.UnpicklingError):  # the maker checks what it is given
        m.make_Functions("not bytes", names)


def test_unusable_cache_dir_does_not_crash(project, tmp_path, parsed):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    cold = run(project, "--no-cache")
    assert run(project, "--cache-dir", blocker / "cache").output == cold.output


def test_read_only_cache_dir_does_not_crash(project, tmp_path, monkeypatch):
    cold = run(project, "--no-cache")
    cache_dir = tmp_path / "ro"
    cache_dir.mkdir()
    # root ignores file modes, so also make every write fail the way a read-only disk does
    os.chmod(cache_dir, 0o555)

    def read_only(*args, **kwargs):
        raise PermissionError(30, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    monkeypatch.setattr(cache_mod.os, "makedirs", read_only)
    try:
        assert run(project, "--cache-dir", cache_dir).output == cold.output
        assert run(project, "--cache-dir", cache_dir).output == cold.output
    finally:
        os.chmod(cache_dir, 0o755)


def test_read_only_cache_still_serves_hits(project, tmp_path, monkeypatch, parsed):
    cache_dir = tmp_path / "c"
    cold = run(project, "--cache-dir", cache_dir)
    parsed.clear()
    monkeypatch.setattr(tempfile, "mkstemp", lambda *a, **k: (_ for _ in ()).throw(OSError(30, "ro")))
    assert run(project, "--cache-dir", cache_dir).output == cold.output
    assert parsed == []


def test_edited_file_is_reparsed(project, parsed):
    cold = run(project)
    assert "error CC001" in cold.output
    email = project / "app" / "tasks" / "email.py"

    # a comment: only that file is parsed again, and nothing else changes
    with open(email, "a") as handle:
        handle.write("# touched\n")
    parsed.clear()
    assert run(project).output == cold.output
    assert [os.path.basename(p) for p in parsed] == ["email.py"]

    # a real fix: the crash is gone
    email.write_text("def send_email(to, subject, body):\n    return to\n")
    parsed.clear()
    fixed = run(project)
    assert [os.path.basename(p) for p in parsed] == ["email.py"]
    assert "CC001" not in fixed.output and fixed.exit_code == 0
    assert fixed.output == run(project, "--no-cache").output


def test_paths_follow_the_current_run(project, monkeypatch, parsed):
    """Cached facts show today's display path, not the one of the run that stored them."""
    cache_dir = project.parent / "shared-cache"
    monkeypatch.chdir(project.parent)
    first = run("proj", "--cache-dir", cache_dir)
    assert "proj/app/tasks/email.py:3" in first.output
    monkeypatch.chdir(project)
    parsed.clear()
    second = run(".", "--cache-dir", cache_dir)
    assert parsed == []
    assert second.output == run(".", "--no-cache").output
    assert "\napp/tasks/email.py:3" in "\n" + second.output and "proj/" not in second.output


def test_key_depends_on_version_and_schema(project, monkeypatch, parsed):
    run(project)
    monkeypatch.setattr(cache_mod, "SCHEMA", cache_mod.SCHEMA + 1)
    parsed.clear()
    run(project)
    assert len(parsed) == 9
    monkeypatch.setattr(cache_mod, "__version__", "0.0.0-other")
    parsed.clear()
    run(project)
    assert len(parsed) == 9


def test_stored_reports_and_analyses_are_not_taken_under_another_astroid(project, monkeypatch):
    """What the role analysis found is astroid's answer: a report or analysis stored under one
    astroid is not reused under another (the facts, which astroid does not make, are)."""
    from cyclecheck import advice

    advised = []
    real = advice.advise
    monkeypatch.setattr(advice, "advise", lambda *a, **k: advised.append(1) or real(*a, **k))
    run(project)
    run(project)
    assert len(advised) == 1  # the second run took the stored report
    monkeypatch.setattr(cache_mod, "astroid_version", lambda: "another astroid")
    assert run(project).output == run(project, "--no-cache").output
    assert len(advised) == 3  # (the run under the other astroid, then the --no-cache one)


def test_syntax_errors_are_cached_with_the_current_path(project, parsed):
    (project / "app" / "broken.py").write_text("def broken(:\n")
    cold = run(project)
    parsed.clear()
    assert run(project).output == cold.output and parsed == []
    assert "broken.py:1" in cold.output


# -- parallel parsing ----------------------------------------------------------------------

def _many(tmp_path, n=80):
    pkg = tmp_path / "many" / "pkg"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("from pkg import m0\n")
    for i in range(n):
        padding = "".join(f"def f{j}():\n    return {j}\n" for j in range((i * 7) % 23))  # sizes vary: chunks reorder
        (pkg / f"m{i}.py").write_text(f"from pkg import m{(i + 1) % n}\nX{i} = {i}\n{padding}")
    (pkg / "bad.py").write_text("def broken(:\n")
    return discover([str(tmp_path / "many")]).files


def test_parallel_parse_matches_serial_in_order(tmp_path):
    files = _many(tmp_path)
    assert len(files) > check_mod.PARALLEL_MIN_FILES
    assert check_mod.parse_all(files, jobs=2) == check_mod.parse_all(files, jobs=1)


def test_parallel_parse_falls_back_to_serial(tmp_path, monkeypatch):
    files = _many(tmp_path)

    def broken(*args, **kwargs):
        raise OSError("no processes here")

    monkeypatch.setattr(check_mod, "_parse_parallel", broken)
    assert check_mod.parse_all(files, jobs=2) == check_mod.parse_all(files, jobs=1)


def test_parallel_run_prints_the_same_as_serial(tmp_path):
    _many(tmp_path)
    from cyclecheck.check import check
    from cyclecheck.config import Config

    assert check([str(tmp_path / "many")], Config(jobs=2)) == check([str(tmp_path / "many")], Config(jobs=1))


def test_key_depends_on_the_parser_code(project, monkeypatch, parsed):
    run(project)
    monkeypatch.setattr(cache_mod, "_code_digest", lambda names=(): b"another parser")
    parsed.clear()
    run(project)
    assert len(parsed) == 9


# -- whole reports -------------------------------------------------------------------------

@pytest.fixture
def analysed(monkeypatch):
    """Counts the runs that build an import graph (a report-cache hit builds none)."""
    calls = []
    from cyclecheck import graph

    real = graph.build_graph

    def counting(facts, known=None):
        calls.append(len(facts))
        return real(facts, known)

    monkeypatch.setattr(graph, "build_graph", counting)
    return calls


def test_unchanged_project_reuses_the_report(project, analysed, parsed):
    cold = run(project, "--format", "json")
    assert analysed == [9] and len(reports(project / ".cyclecheck_cache")) == 1
    parsed.clear()
    warm = run(project, "--format", "json")
    assert analysed == [9] and parsed == []  # no parsing, no analysis
    assert (warm.output, warm.exit_code) == (cold.output, cold.exit_code)
    # the report is stored, not its rendering: another format is the same report, printed differently
    assert run(project, "--format", "text").output == run(project, "--no-cache").output
    assert analysed == [9, 9]


@pytest.mark.parametrize("option", [["--show-deferred"], ["--max-cycles", "1"], ["--entry", "app.tasks"],
                                    ["--fail-on", "info"], ["--exclude", "email.py"]])
def test_options_that_shape_the_report_are_part_of_its_key(project, analysed, option):
    run(project)
    fresh = run(project, *option, "--no-cache")
    assert run(project, *option).output == fresh.output
    assert len(analysed) == 3  # a miss: computed again, not the report of the run without the option


def test_a_changed_side_file_changes_the_report(project, analysed):
    """Entry points come from command files: a new Procfile is an input of the report."""
    (project / "app" / "tasks" / "__init__.py").write_text("")
    before = run(project)
    (project / "Procfile").write_text("worker: celery -A app.tasks.email worker\n")
    after = run(project)
    assert len(analysed) == 2
    assert after.output == run(project, "--no-cache").output
    assert "celery -A app.tasks.email worker" in after.output and "Procfile" not in before.output


def test_edited_file_changes_the_report(project, analysed):
    cold = run(project)
    email = project / "app" / "tasks" / "email.py"
    email.write_text("def send_email(to, subject, body):\n    return to\n")
    fixed = run(project)
    assert len(analysed) == 2 and "CC001" not in fixed.output and fixed.output != cold.output
    email.write_text((FIXTURES / "celery-in-create-app" / "app" / "tasks" / "email.py").read_text())
    assert run(project).output == cold.output
    assert len(analysed) == 3  # the old report was replaced, not kept next to the new one
    assert len(reports(project / ".cyclecheck_cache")) == 1


def test_report_key_depends_on_the_working_directory(project, monkeypatch, analysed):
    monkeypatch.chdir(project)
    here = run(".")
    monkeypatch.chdir(project.parent)
    there = run("proj")
    assert "proj/app/tasks/email.py" in there.output and "proj/" not in here.output
    assert len(analysed) == 2


@pytest.fixture
def simulated(monkeypatch):
    """Counts the simulations (a simulation-cache hit runs none)."""
    calls = []
    real = check_mod._simulate

    def counting(facts, *args):
        calls.append(len(facts))
        return real(facts, *args)

    monkeypatch.setattr(check_mod, "_simulate", counting)
    return calls


def test_unchanged_facts_reuse_the_simulation(project, simulated, analysed):
    """A comment or a changed literal leaves every file's facts as they were: the report is built
    again (its inputs changed) but the simulation's findings are reused; a new import is not."""
    cold = run(project)
    email = project / "app" / "tasks" / "email.py"
    original = email.read_text()
    email.write_text(original + "# a comment at the end\n")
    assert run(project).output == cold.output
    assert len(analysed) == 2 and simulated == [9]
    email.write_text(original.replace("def send_email", "import os\ndef send_email", 1))
    moved = run(project)
    assert moved.output == run(project, "--no-cache").output
    assert len(simulated) == 3  # the new facts were simulated (twice: cached run, then --no-cache)


def test_simulation_cache_is_ignored_when_corrupt(project, simulated):
    cold = run(project)
    for path in (project / ".cyclecheck_cache" / "simulation").rglob("*"):
        if path.is_file():
            path.write_bytes(path.read_bytes()[:40])
    email = project / "app" / "tasks" / "email.py"
    email.write_text(email.read_text() + "# touched\n")
    assert run(project).output == cold.output
    assert len(simulated) == 2


def test_facts_parsed_in_workers_have_the_digests_of_a_serial_parse(tmp_path, simulated):
    """Worker processes hand back each file's facts pickled on their own, so the digests (and so the
    simulation cache) do not depend on how many processes parsed the files."""
    from cyclecheck.check import check
    from cyclecheck.config import Config

    _many(tmp_path)
    root = str(tmp_path / "many")
    cold = check([root], Config(jobs=2, use_cache=True, cache_dir=str(tmp_path / "c")))
    edited = tmp_path / "many" / "pkg" / "m3.py"
    edited.write_text(edited.read_text() + "# comment\n")
    warm = check([root], Config(jobs=1, use_cache=True, cache_dir=str(tmp_path / "c")))
    assert warm == cold and len(simulated) == 1


def test_pack_follows_the_project(project, parsed):
    """One pack file holds this run's modules: a deleted file's entry goes, an unchanged run does
    not write the pack again, and an edit rewrites only what it must (one file parsed)."""
    run(project)
    cache_dir = project / ".cyclecheck_cache"
    pack = cache_dir / cache_mod.PACK
    assert len(entries(cache_dir)) == 9 and not (cache_dir / "facts").exists()
    before = pack.stat().st_mtime_ns
    run(project, "--show-deferred")  # another report, same facts: nothing parsed, pack untouched
    assert pack.stat().st_mtime_ns == before
    (project / "app" / "tasks" / "email.py").unlink()
    parsed.clear()
    run(project)
    assert parsed == [] and len(entries(cache_dir)) == 8


def test_an_edit_writes_a_delta_of_the_pack_until_it_grows(project, parsed, monkeypatch):
    """A run that parsed a file writes only what changed (facts.delta, made for the pack it read); the
    next runs read the pack with it; once the delta would hold more than DELTA_SHARE of the pack, the
    pack is written whole and the delta goes."""
    monkeypatch.setattr(cache_mod, "DELTA_SHARE", 0.3)  # (9 modules: a tenth would be less than one)
    cold = run(project, "--format", "json").output
    cache_dir = project / ".cyclecheck_cache"
    pack, delta = cache_dir / cache_mod.PACK, cache_dir / cache_mod.DELTA
    before = pack.read_bytes()
    assert not delta.exists()
    email = project / "app" / "tasks" / "email.py"
    email.write_text(email.read_text() + "\n# edited\n")
    parsed.clear()
    assert run(project, "--format", "json").output == cold and len(parsed) == 1
    assert pack.read_bytes() == before and delta.is_file() and len(entries(cache_dir)) == 9
    parsed.clear()
    assert run(project, "--format", "json", "--show-deferred").output and parsed == []  # (pack and delta: hits)
    (project / "app" / "helpers.py").write_text("X = 1\n")  # one more module, one more changed entry
    assert run(project, "--format", "json").output == _no_cache_json(project)
    assert pack.read_bytes() == before and len(entries(cache_dir)) == 10
    for name in ("config.py", "app/views/account.py"):
        path = project / name
        path.write_text(path.read_text() + "\n# edited\n")
    parsed.clear()
    assert run(project, "--format", "json").output == _no_cache_json(project)
    assert pack.read_bytes() != before and not delta.exists() and len(entries(cache_dir)) == 10
    parsed.clear()
    run(project)
    assert parsed == []


@pytest.mark.parametrize("damage", ["garbage", "other pack"])
def test_a_delta_of_another_pack_or_a_damaged_one_is_ignored(project, parsed, monkeypatch, damage):
    monkeypatch.setattr(cache_mod, "DELTA_SHARE", 0.3)
    run(project)
    cache_dir = project / ".cyclecheck_cache"
    pack, delta = cache_dir / cache_mod.PACK, cache_dir / cache_mod.DELTA
    email = project / "app" / "tasks" / "email.py"
    email.write_text(email.read_text() + "\n# edited\n")
    run(project)
    assert delta.is_file()
    if damage == "garbage":
        delta.write_bytes(delta.read_bytes()[:-20])
    else:  # the pack written again (another token) by another run: the delta was made for the old one
        data = pack.read_bytes()
        header = data[: data.index(b"\n", data.index(b"\n") + 1) + 1]
        token, found = pickle.loads(data[len(header):])
        pack.write_bytes(header + pickle.dumps(("0" * 16, found)))
    parsed.clear()
    result = run(project, "--format", "json", "--show-deferred")  # (another report: the facts are read)
    again = list(parsed)  # (the pack's entry of the edited file is its old one: parsed again)
    assert again == [str(email)]
    assert result.output == run(project, "--no-cache", "--format", "json", "--show-deferred").output


def test_unchanged_facts_and_read_texts_reuse_the_whole_analysis(project, analysed, simulated):
    """An edit that leaves every file's facts alone, in a file whose text the analysis never read
    (roles, snippets), gets the stored report without building a graph; an edit in a file it read
    does not (its snippets could show the edit), but still reuses the simulation."""
    helper = project / "app" / "helpers.py"
    helper.write_text("def slug(text):\n    return text.lower()\n")
    cold = run(project, "--format", "json")
    helper.write_text("def slug(text):\n    return text.lower()\n# a comment at the end\n")
    assert run(project, "--format", "json").output == cold.output
    assert len(analysed) == 1 and len(simulated) == 1
    email = project / "app" / "tasks" / "email.py"
    email.write_text(email.read_text() + "# touched\n")
    assert run(project, "--format", "json").output == cold.output
    assert len(analysed) == 2 and len(simulated) == 1


# --- the stat index: unchanged files are not read again ------------------------------------------

@pytest.fixture
def reads(monkeypatch):
    """Records the files whose bytes FactsCache.key reads."""
    calls = []
    real = cache_mod.FactsCache.key

    def counting(self, source):
        calls.append(source.path)
        return real(self, source)

    monkeypatch.setattr(cache_mod.FactsCache, "key", counting)
    return calls


def later(monkeypatch, seconds=60):
    """Every file of the project looks old enough to be trusted by its stat (see RACY_SECONDS)."""
    real = cache_mod.FactsCache.now_ns
    monkeypatch.setattr(cache_mod.FactsCache, "now_ns", staticmethod(lambda: real() + int(seconds * 1e9)))


def test_unchanged_files_are_not_read_again(project, reads, monkeypatch):
    later(monkeypatch)
    first = run(project)
    assert len(reads) == len(list(project.rglob("*.py")))
    reads.clear()
    second = run(project)
    assert reads == []
    assert second.output == first.output
    assert (project / cache_mod.DIRNAME / cache_mod.INDEX).is_file()


def test_a_rewrite_of_the_same_size_and_mtime_is_still_seen(project, reads, monkeypatch):
    later(monkeypatch)
    run(project)
    target = project / "app" / "tasks" / "email.py"
    text = target.read_text()
    before = os.stat(target)
    edited = text.replace("celery", "CELERY", 1)
    assert len(edited) == len(text) and edited != text
    target.write_text(edited)
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `cp -p` or `rsync -t` would leave it
    assert os.stat(target).st_mtime_ns == before.st_mtime_ns and os.stat(target).st_size == before.st_size
    files, stats = _files_and_stats(project)
    reads.clear()
    keys = cache_mod.FactsCache(str(project / cache_mod.DIRNAME)).keys(files, stats)
    assert [os.path.basename(path) for path in reads] == ["email.py"]  # its ctime moved
    fresh = cache_mod.FactsCache(str(project / cache_mod.DIRNAME))
    assert keys == [fresh.key(source) for source in files]


def test_recently_changed_files_are_always_read(project, reads):
    run(project)  # the files were just copied: all of them changed less than RACY_SECONDS ago
    reads.clear()
    run(project)
    assert len(reads) == len(list(project.rglob("*.py")))


def test_a_corrupt_stat_index_is_ignored(project, reads, monkeypatch):
    later(monkeypatch)
    first = run(project)
    index = project / cache_mod.DIRNAME / cache_mod.INDEX
    data = index.read_bytes()
    index.write_bytes(data[: len(data) // 2])
    reads.clear()
    assert run(project).output == first.output
    assert len(reads) == len(list(project.rglob("*.py")))
    reads.clear()
    run(project)  # and it was written again
    assert reads == []


def _files_and_stats(project):
    found = discover([str(project)])
    return found.files, found.stats


# --- the directory listings: unchanged directories are not read again -----------------------------

@pytest.fixture
def scans(monkeypatch):
    """Records the directories discovery reads with os.scandir."""
    from cyclecheck import discovery as discovery_mod

    calls = []
    real = os.scandir

    def counting(path="."):
        calls.append(os.fspath(path))
        return real(path)

    monkeypatch.setattr(discovery_mod.os, "scandir", counting)
    return calls


def _no_cache_json(project):
    return run(project, "--format", "json", "--no-cache").output


def test_unchanged_directories_are_not_read_again(project, scans, monkeypatch):
    later(monkeypatch)
    first = run(project, "--format", "json")
    assert scans
    run(project, "--format", "json")  # the cache directory was created in the root: read once more
    scans.clear()
    assert run(project, "--format", "json").output == first.output
    assert scans == []


def test_a_file_added_to_a_listed_directory_is_found(project, scans, monkeypatch):
    later(monkeypatch)
    run(project, "--format", "json")
    before = json.loads(run(project, "--format", "json").output)
    (project / "app" / "tasks" / "extra.py").write_text("from app.tasks.email import send_email\n")
    scans.clear()
    warm = run(project, "--format", "json").output
    assert [os.path.basename(d) for d in scans] == ["tasks"]  # only the directory that changed
    assert json.loads(warm)["stats"]["files"] == before["stats"]["files"] + 1
    assert warm == _no_cache_json(project)
    (project / "app" / "tasks" / "extra.py").unlink()
    assert run(project, "--format", "json").output == _no_cache_json(project)


def test_a_corrupt_listing_index_is_ignored(project, scans, monkeypatch):
    later(monkeypatch)
    first = run(project, "--format", "json").output
    index = project / cache_mod.DIRNAME / cache_mod.DIRS
    index.write_bytes(index.read_bytes()[:40] + b"\x00garbage")
    scans.clear()
    assert run(project, "--format", "json").output == first
    assert scans


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()))
def test_import_roots_are_the_roots_discovery_finds(fixture):
    from cyclecheck.discovery import import_roots

    target = FIXTURES / fixture
    assert import_roots([str(target)]) == discover([str(target)]).roots


@pytest.fixture
def resolved(monkeypatch):
    """The modules whose imports each run resolved (rather than took back from the cache)."""
    from cyclecheck import graph

    calls = []
    real = graph.resolve_module

    def recording(fact, *args):
        calls[-1].append(fact.source.module)
        return real(fact, *args)

    real_build = graph.build_graph

    def building(facts, known=None):
        calls.append([])
        return real_build(facts, known)

    monkeypatch.setattr(graph, "resolve_module", recording)
    monkeypatch.setattr(graph, "build_graph", building)
    return calls


def test_an_edit_resolves_again_only_the_imports_of_the_edited_module(project, resolved):
    """Each module's resolved imports are stored under the digest of its facts: an edit resolves only
    the edited module's again, and the report is the one of a fresh run."""
    run(project)
    everything = resolved[-1]
    email = project / "app" / "tasks" / "email.py"
    email.write_text(email.read_text().replace("from app import celery", "import config\nfrom app import celery"))
    assert run(project).output == run(project, "--no-cache").output
    assert resolved[1] == ["app.tasks.email"] and resolved[2] == everything
    (project / "app" / "extra.py").write_text("from . import *\n")  # another module: every import again
    assert run(project).output == run(project, "--no-cache").output
    assert len(resolved[3]) == len(everything) + 1


def test_stored_resolutions_are_ignored_when_corrupt_or_foreign(project, resolved):
    import io

    cold = run(project, "--format", "json")
    [stored] = [p for p in (project / ".cyclecheck_cache" / "graph").rglob("*") if p.is_file()]
    data = stored.read_bytes()
    header = data[:data.index(b"\n", data.index(b"\n") + 1) + 1]  # (the result header and key lines)
    world, entries = cache_mod._ModelUnpickler(io.BytesIO(data[len(header):])).load()
    module = "app.views.account"  # (damaged, while app.tasks.email is the file edited)
    wrong = [(1, (), 0), ((("app", ("not a site",)),), (), 0), pickle.dumps(Evil()), b"garbage"]
    for damage in wrong + [None]:
        if damage is None:
            stored.write_bytes(data[:len(data) // 2])  # the whole file truncated
        else:
            blob = damage if isinstance(damage, bytes) else pickle.dumps(damage)
            changed = dict(entries, **{module: entries[module][:2] + (blob,)})
            stored.write_bytes(header + pickle.dumps((world, changed)))
        email = project / "app" / "tasks" / "email.py"
        email.write_text(email.read_text() + "X = len('x')\n")
        assert run(project, "--format", "json").output == run(project, "--no-cache", "--format", "json").output
        assert (module in resolved[-2]) and (damage is not None or len(resolved[-2]) == len(resolved[0]))
    assert not (project / "pwned.txt").exists() and not os.path.exists("pwned.txt")
    assert cold.output  # (the first run's report was written)


@pytest.fixture
def started(monkeypatch):
    """The starts each simulation ran (rather than reused from the cache)."""
    from cyclecheck.simulate import Simulator

    calls = []
    real = Simulator.run_many

    def recording(self, starts):
        calls.append(sorted(starts))
        return real(self, starts)

    monkeypatch.setattr(Simulator, "run_many", recording)
    return calls


def test_an_edit_runs_again_only_the_starts_that_read_the_edited_module(project, started):
    """Each start's outcome is stored with the modules its run consulted: after an edit, only the
    starts that consulted the edited module run again, and the report is the one of a fresh run."""
    run(project)
    everything = started[-1]
    wsgi = project / "wsgi.py"
    wsgi.write_text(wsgi.read_text() + "\nLATER = create_app()\n")  # (a call of a name it binds: not inert)
    assert run(project).output == run(project, "--no-cache").output
    assert started[1] == ["wsgi"] and started[2] == everything
    email = project / "app" / "tasks" / "email.py"
    email.write_text(email.read_text().replace("from app import celery", "from app import celery, mail"))
    edited = run(project)
    assert edited.output == run(project, "--no-cache").output
    assert started[3] == everything  # (app imports its tasks: every run consults app.tasks.email)


def test_a_new_module_runs_every_start_again(project, started):
    """A module that was not there could have been consulted by any run (an import that found nothing)."""
    run(project)
    (project / "app" / "extra.py").write_text("import app\n")
    assert run(project).output == run(project, "--no-cache").output
    assert started[1] == started[2]


def test_stored_reads_are_masks_over_one_table_that_is_compacted():
    from cyclecheck.simulate import _Reads, _usable

    reads = _Reads()
    a, b = reads.mask({("m", "x"), ("m", None)}), reads.mask({("m", "x"), ("n", ("def", "f"))})
    assert reads.has(a, ("m", None)) and reads.has(b, ("n", ("def", "f"))) and not reads.has(a, ("n", ("def", "f")))
    assert not reads.has(a, ("never", "read")) and len(reads.table) == 3
    runs = {"s": (1, None, a, 5), "t": (1, None, b, 5)}
    assert reads.compacted(runs) == tuple(reads.table)  # (small: kept as it is)
    for i in range(100):
        reads.mask({("gone", str(i))})
    table = reads.compacted(runs)
    assert len(table) == 3 and {table[i] for i in range(3) if runs["s"][2] >> i & 1} == {("m", "x"), ("m", None)}
    assert _usable(((), (), runs, table))
    assert not _usable(((), (), {"s": (1, None, 1 << 3, 5)}, table))  # a bit past the table
    assert not _usable(((), (), runs, table + (["a", "list"],)))  # (unhashable: a foreign table)
    assert not _usable(((), (), {"s": (1, None, frozenset(), 5)}, table))  # the sets of an older format


def test_stored_starts_are_ignored_when_corrupt(project, started):
    cold = run(project)
    for path in (project / ".cyclecheck_cache" / "starts").rglob("*"):
        if path.is_file():
            path.write_bytes(path.read_bytes()[:60])
    wsgi = project / "wsgi.py"
    wsgi.write_text(wsgi.read_text() + "\nX = 1\n")
    assert run(project).output == cold.output
    assert started[1] == started[0]


def test_an_appended_function_runs_again_only_the_starts_that_read_its_name(project, started):
    """A function of a new name defined at the end of a module binds a name, nothing else: the runs that
    never read that name from the module (nor listed all its names) would go exactly as before."""
    email = project / "app" / "tasks" / "email.py"
    email.write_text(email.read_text().replace("from app import celery", "from app import mail, celery"))
    run(project)
    everything = started[-1]
    package = project / "app" / "__init__.py"
    original = package.read_text()
    package.write_text(original + "\n\ndef later():\n    return 1\n")
    assert run(project).output == run(project, "--no-cache").output
    assert started[1] == [] and started[2] == everything
    package.write_text(original)
    run(project)
    package.write_text(original + "\n\ndef mail():\n    return 1\n")  # read by `from app import mail`
    edited = run(project)
    assert edited.output == run(project, "--no-cache").output
    assert "app.tasks.email" in started[4] and started[5] == everything


def test_an_appended_assignment_runs_again_only_the_starts_that_read_its_name(project, started):
    run(project)
    everything = started[-1]
    package = project / "app" / "__init__.py"
    original = package.read_text()
    package.write_text(original + "\n\nLATER = 1\n")
    assert run(project).output == run(project, "--no-cache").output
    assert started[1] == [] and started[2] == everything
    email = project / "app" / "tasks" / "email.py"
    email.write_text(email.read_text().replace("from app import celery", "from app import celery, LATER"))
    run(project)  # (the facts of email.py changed: every start that consulted it runs again)
    package.write_text(original + "\n\nLATER = 1\nSOONER = 2\n")
    assert run(project).output == run(project, "--no-cache").output
    assert started[-2] == []  # nobody reads SOONER
    package.write_text(original + "\n\nLATER = 2\n")  # SOONER gone: not an appended binding
    assert run(project).output == run(project, "--no-cache").output
    assert started[-2] != []


def test_an_appended_binding_of_a_submodule_name_runs_again_every_start_that_consulted_the_package(
        project, started):
    """Reads of a package's submodule names are not noted (a deep chain of imports reads hundreds of
    them, and each import's notes are merged into its importer's): a definition of such a name
    appended to the package counts as a change of the package."""
    run(project)
    everything = started[-1]
    package = project / "app" / "__init__.py"
    original = package.read_text()
    package.write_text(original + "\n\nlater = None\n")  # (a new name, not a submodule's: nothing runs)
    assert run(project).output == run(project, "--no-cache").output
    assert started[1] == []
    package.write_text(original + "\n\nlater = None\ntasks = None\n")  # app.tasks is a subpackage
    assert run(project).output == run(project, "--no-cache").output
    assert started[3] == everything


def test_appended_definitions_are_recognised():
    from cyclecheck import model as m
    from cyclecheck.parsing import parse_file
    from cyclecheck.simulate import appended_definitions

    def facts(tmp, text):
        path = tmp / "mod.py"
        path.write_text(text)
        return parse_file(m.SourceFile(str(path), "mod", str(tmp), False))

    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        base = "import os\nX = os.sep\n\ndef f():\n    return X\n"
        old = facts(tmp, base)
        assert appended_definitions(old, facts(tmp, base + "\ndef g():\n    import json\n    return 1\n")) is None
        assert appended_definitions(old, facts(tmp, base + "\ndef g(a, b=2):\n    return a\n")) == (frozenset({"g"}), 1)
        assert appended_definitions(old, facts(tmp, base + "\ndef g():\n    return 1\n\ndef h():\n    pass\n")) == (
            frozenset({"g", "h"}), 2)
        assert appended_definitions(old, facts(tmp, base + "\ndef f():\n    return 2\n")) is None  # not a new name
        assert appended_definitions(old, facts(tmp, base + "\n@staticmethod\ndef g():\n    pass\n")) is None
        assert appended_definitions(old, facts(tmp, base + "\nclass G:\n    pass\n")) is None
        assert appended_definitions(old, facts(tmp, base + "\nY = 1\nZ, W = 'z', os\n")) == (frozenset({"Y", "Z", "W"}), 3)
        assert appended_definitions(old, facts(tmp, base + "\nX = 1\n")) is None  # bound before: not a new name
        assert appended_definitions(old, facts(tmp, base + "\nY = len('y')\n")) is None  # runs a call
        assert appended_definitions(old, facts(tmp, base + "\nY = os.sep\n")) is None  # reads an attribute
        assert appended_definitions(old, facts(tmp, "def g():\n    pass\n" + base)) is None  # not at the end


def _module_facts(directory, text):
    """The facts of `text` as module `mod` (a file in `directory`)."""
    from cyclecheck import model as m
    from cyclecheck.parsing import parse_file

    path = directory / "mod.py"
    path.write_text(text)
    return parse_file(m.SourceFile(str(path), "mod", str(directory), False))


def test_moved_lines_and_changed_function_bodies_are_recognised(tmp_path):
    from cyclecheck.simulate import moved_lines

    def facts(text):
        return _module_facts(tmp_path, text)

    base = "import os\nX = os.sep\n\n\ndef f():\n    return X\n\n\ndef g():\n    return 1\n\n\nf()\n"
    old = facts(base)
    lines, changed, _ = moved_lines(old, facts("# a comment\n\n" + base))
    assert changed == frozenset() and lines[1] == 3 and lines[13] == 15  # every statement two lines down
    lines, changed, _ = moved_lines(old, facts(base.replace("    return 1", "    os.getcwd()\n    return 1")))
    assert changed == {"g"} and lines[5] == 5 and lines[13] == 14 and 10 not in lines  # (g's own lines)
    lines, changed, _ = moved_lines(old, facts('"""A docstring\nof two lines."""\n' + base))
    assert changed == frozenset() and [lines[n] for n in (1, 2, 5, 6, 9, 10, 13)] == [3, 4, 7, 8, 11, 12, 15]
    assert moved_lines(old, facts(base.replace("X = os.sep", "X = os.name"))) is None  # runs something else
    assert moved_lines(old, facts(base.replace("    return 1", "    import json\n    return 1"))) is None  # an import
    assert moved_lines(old, facts(base + "\ndef h():\n    pass\n")) is None  # a new function
    assert moved_lines(old, facts(base.replace("import os", "import os, sys"))) is None


def test_inert_ops_inserted_in_a_function_body_are_recognised(tmp_path):
    from cyclecheck.simulate import moved_lines

    def facts(text):
        return _module_facts(tmp_path, text)

    base = "import os\nX = os.sep\n\n\ndef f(a):\n    b = os.getcwd()\n    return X\n\n\nf(1)\n"
    old = facts(base)
    lines, changed, grown = moved_lines(old, facts(base.replace("    b = ", "    _c = len('c')\n    b = ")))
    assert changed == frozenset() and grown == {"f": (2, 4, frozenset({"len"}))}  # (a call, then the binding)
    assert lines[6] == 7 and lines[10] == 11
    for statement in ("    _c = X\n", "    a = len('c')\n", "    b = len('c')\n", "    _c = os.sep\n",
                      "    _c = f(1)\n", "    _c = __name__\n", "    import json\n", "    sub.x()\n"):
        found = moved_lines(old, facts(base.replace("    b = ", statement + "    b = ")), ["sub"])
        assert found is None or (found[1] == {"f"} and found[2] == {}), statement  # (an import: not a moved line)
    starred = facts("from os.path import *\n" + base)
    assert moved_lines(starred, facts("from os.path import *\n" + base.replace("    b = ", "    _c = len('c')\n    b = ")))[1] == {"f"}
    bare = "def f():\n    x = 1\n\n\nf()\n"  # (nothing in it resolves a name: a call could go deeper)
    assert moved_lines(facts(bare), facts(bare.replace("    x = 1", "    _c = len('c')\n    x = 1")))[1] == {"f"}
    # `len(a)` reads `len` alone (an argument is read only for a project function): inert
    assert moved_lines(old, facts(base.replace("    b = ", "    _c = len(a)\n    b = ")))[2]["f"][2] == {"len"}


def test_inserted_inert_statements_are_recognised(tmp_path):
    from cyclecheck.simulate import inserted_definitions

    def facts(text):
        return _module_facts(tmp_path, text)

    base = "import os\nX = os.sep\nY = len(X)\n\n\ndef f():\n    return X\n\n\nf()\n"
    old = facts(base)

    def inserted(text, submodules=()):
        return inserted_definitions(old, facts(text), submodules)

    names, added, lines, changed, reads, _ = inserted(base.replace("Y = len(X)\n", "Y = len(X)\nZ = len('z')\n"))
    assert (names, added, changed, reads) == ({"Z"}, 2, frozenset(), {"len"})  # (a call, then the binding)
    assert lines[2] == 2 and lines[6] == 7 and lines[10] == 11  # the statements below moved one line down
    names, added, lines, changed, reads, _ = inserted(base.replace("\n\ndef f", "\nZ = 1\n\ndef g():\n    return 2\n\ndef f"))
    assert (names, added, reads) == ({"Z", "g"}, 2, frozenset()) and lines[6] == 10 and lines[10] == 14
    assert inserted(base.replace("\nf()", "\nprint('x')\nf()"))[0] == frozenset()  # binds nothing, reads print
    assert inserted(base + "\nZ = 1\n") is not None  # (at the end too, though the caller tries that first)
    for text in (
        base.replace("Y = len(X)\n", "Y = len(X)\nX = 1\n"),  # binds a name bound before
        base.replace("Y = len(X)\n", "Y = len(X)\nZ = f()\n"),  # calls a function of the module
        base.replace("Y = len(X)\n", "Y = len(X)\nZ = os.getcwd()\n"),  # reads an imported name
        base.replace("Y = len(X)\n", "Y = len(X)\nZ = __name__.upper()\n"),  # a dunder name
        base.replace("Y = len(X)\n", "Y = len(X)\nclass Z:\n    pass\n"),  # a class body runs
        base.replace("Y = len(X)\n", "Y = len(X)\nimport json\n"),  # an import
        base.replace("Y = len(X)\n", "Y = len(X)\nZ = W = 1\nV = W.real\n"),  # reads a name it binds
        base.replace("X = os.sep", "X = os.name"),  # something else changed
        base.replace("import os", "from os import *\nimport os"),  # a star import could bind any name
    ):
        assert inserted(text) is None, text
    assert inserted(base.replace("Y = len(X)\n", "Y = len(X)\nZ = sub.x\n"), ["sub"]) is None  # a submodule
    assert inserted(base.replace("    return X", "    global Z\n    Z = X\n    return X") + "W = Z.real\n") is None
    assert inserted(base) is None  # nothing inserted
    # `NAME = len(...)` where only plain bindings and calls ran: it resolves as a call, stores as a binding
    plain = "import os\nX = 1\n\n\ndef f():\n    return X\n\n\nf()\n"
    found = inserted_definitions(facts(plain), facts(plain.replace("X = 1\n", "X = 1\nZ = len('z')\n")))
    assert found is not None and found[0] == {"Z"} and found[4] == {"len"}
    calls_only = "import os\nos.getcwd()\n"  # nothing bound at module level: a binding could go deeper
    assert inserted_definitions(facts(calls_only), facts(calls_only + "Z = len('z')\n")) is None


def test_inserted_imports_of_modules_outside_the_project_are_inert(tmp_path):
    """`import json` / `from json import dumps as d` of a library, inserted anywhere: inert when the
    caller says the module is outside the project; the later import statements are numbered one up."""
    from cyclecheck.simulate import inserted_definitions

    def facts(text):
        return _module_facts(tmp_path, text)

    base = ("import os\nX = os.sep\nfrom app import models\n\n\ndef f():\n    from app import views\n    return X\n"
            "\n\nf()\nimportlib.import_module('app.tasks')\n")
    old = facts(base)

    def outside(raw):
        return raw.target.partition(".")[0] != "app"

    def inserted(text):
        return inserted_definitions(old, facts(text), (), outside)

    names, added, lines, changed, reads, _ = inserted("import json\n" + base)
    assert (names, added, changed, reads) == ({"json"}, 1, frozenset(), frozenset())
    assert lines[1] == 2 and lines[3] == 4 and lines[11] == 12  # every statement one line down
    names, added, lines, changed, _, _ = inserted(base.replace("X = os.sep\n", "X = os.sep\nfrom json import dumps as d, loads\n"))
    assert (names, added, changed) == ({"d", "loads"}, 1, frozenset()) and lines[6] == 7
    assert inserted(base.replace("X = os.sep\n", "X = os.sep\nimport xml.dom\n"))[0] == {"xml"}
    assert inserted_definitions(old, facts("import json\n" + base)) is None  # (no `outside`: not known)
    for text in (
        "import app.helpers\n" + base,  # a module of the project
        "from app import helpers\n" + base,
        "from . import helpers\n" + base,  # relative: the project's
        "import os\n" + base,  # binds a name bound before
        "import json as X\n" + base,
        "from json import *\n" + base,  # a star import could bind any name
        "from __future__ import annotations\n" + base,
        "try:\n    import json\nexcept ImportError:\n    json = None\n" + base,  # a try statement runs
        base.replace("    return X", "    import json\n    return X") + "import json\n",  # f changed: kept apart
    ):
        found = inserted(text)
        assert found is None or found[3] == {"f"}, text
    assert inserted(base.replace("    return X", "    import json\n    return X"))is None  # nothing inserted at module level


def test_an_inserted_import_of_a_package_of_the_module_is_inert():
    """`import app` (or `import app.views as v`) in app.views.account: both packages were imported before
    it ran, so the statement binds a name and runs nothing; `from app import x` reads an attribute, and
    `import app.tasks` imports another module: not inert."""
    from cyclecheck import model as m
    from cyclecheck.parsing import parse_text
    from cyclecheck.simulate import inserted_definitions

    source = m.SourceFile("app/views/account.py", "app.views.account", ".", False)
    base = "from app import db\nX = db.Model\n\n\ndef f():\n    return X\n"
    old = parse_text(base, source)

    def inserted(text):
        return inserted_definitions(old, parse_text(text, source))

    found = inserted("import app as _pkg\n" + base)
    assert found is not None and found[0] == {"_pkg"} and found[2][1] == 2
    assert inserted(base.replace("X = ", "import app.views as views_package\nX = "))[0] == {"views_package"}
    for text in ("from app import tasks\n" + base, "import app.tasks as t\n" + base, "import app.views.account as me\n" + base,
                 "import db\n" + base):
        assert inserted(text) is None, text


@pytest.mark.parametrize("inserted,name,not_inert", [
    ("INSERTED = len('x')\n", "INSERTED", "INSERTED = len('x')\nlen = print\n"),  # (len is bound then)
    ("import json as encoder\n", "encoder", "import config as encoder\n"),  # (the project's config module)
])
def test_an_inserted_statement_runs_again_only_the_starts_that_read_its_names(project, started, inserted, name,
                                                                               not_inert):
    """A statement that binds new names and reads only names the module never binds (or imports a
    library), inserted before a module's other statements (every line below it moves, every later
    import statement is numbered one up): the runs that read none of its names keep their outcomes,
    at the new lines, and now read what it reads; a statement that is not inert runs them all again."""
    run(project)
    everything = started[-1]
    package = project / "app" / "__init__.py"
    original = package.read_text()
    first = original.index("from config import")
    package.write_text(original[:first] + inserted + original[first:])
    assert run(project, "--format", "json").output == _no_cache_json(project)
    assert started[-2] == [] and started[-1] == everything
    package.write_text(original[:first] + not_inert + original[first:])
    assert run(project, "--format", "json").output == _no_cache_json(project)
    assert started[-2] == everything
    package.write_text(original)
    run(project)
    email = project / "app" / "tasks" / "email.py"
    email.write_text(email.read_text().replace("from app import celery", f"from app import celery, {name}"))
    run(project)
    package.write_text(original[:first] + inserted + original[first:])
    assert run(project, "--format", "json").output == _no_cache_json(project)
    assert "app.tasks.email" in started[-2]  # it reads the new name from app


@pytest.mark.parametrize("edit", ["middle", "import", "package"])
@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()))
def test_a_statement_inserted_in_the_middle_of_a_module_keeps_the_report_of_a_fresh_run(fixture, edit, tmp_path):
    """In every fixture, `_inserted = len("x")` before the middle statement of the module most others
    import, or `import os as _benchmark_import` before its first import, or the same import of the top
    package the module is in: the cached run (which keeps what it can of the stored runs) reports what
    --no-cache does."""
    import ast

    bench = _benchmark()
    project = tmp_path / fixture
    shutil.copytree(FIXTURES / fixture, project, ignore=shutil.ignore_patterns(".cyclecheck_cache", "__pycache__"))
    files = sorted(project.rglob("*.py"))
    if not files:
        pytest.skip("no Python file")
    counts = {path: sum(path.with_suffix("").name in other.read_text(errors="replace") or
                        path.parent.name in other.read_text(errors="replace") for other in files) for path in files}
    target = max(files, key=lambda path: (counts[path], -len(str(path))))
    original = target.read_bytes()
    try:
        ast.parse(original)
    except (SyntaxError, ValueError):
        pytest.skip("the module does not parse")
    cached = run(project, "--format", "json", "--show-deferred")
    top = target.relative_to(project).parts[0]
    if edit == "package" and not (project / top / "__init__.py").is_file():
        pytest.skip("not in a package")
    target.write_bytes(bench.middle_edit(original, 1) if edit == "middle" else
                       bench.import_edit(original, top if edit == "package" else "os"))
    assert run(project, "--format", "json", "--show-deferred").output == run(
        project, "--format", "json", "--show-deferred", "--no-cache").output
    assert cached.output  # (the stored run the edited one reused)


def test_an_edit_that_moves_lines_or_changes_an_uncalled_function_runs_no_start_again(tmp_path, started):
    """Outcomes are kept at their new lines when the edited module's statements only moved, and when
    the functions whose bodies changed were never looked up by the run; a run that called one runs again."""
    project = tmp_path / "proj"
    shutil.copytree(CLASSIC, project, ignore=shutil.ignore_patterns(".cyclecheck_cache", "__pycache__"))
    (project / "app" / "helpers.py").write_text(
        "def setup():\n    return 1\n\n\ndef unused():\n    return 2\n")
    package = project / "app" / "__init__.py"
    original = package.read_text()
    package.write_text(original.replace("from config import Config\n",
                                        "from config import Config\nfrom app.helpers import setup\n"))
    views = project / "app" / "views" / "account.py"
    views.write_text("from app.helpers import setup\nsetup()\n" + views.read_text())
    run(project)
    everything = started[-1]
    assert run(project, "--format", "json").output == _no_cache_json(project)
    package.write_text("# Moved two lines down.\n\n" + package.read_text())  # (app's lines are on the trace)
    assert run(project, "--format", "json").output == _no_cache_json(project)
    assert started[-1] == everything and started[-2] == []  # (the --no-cache run, then the cached one)
    helpers = project / "app" / "helpers.py"
    helpers.write_text(helpers.read_text().replace("    return 2", "    x = 1\n    return x"))
    assert run(project, "--format", "json").output == _no_cache_json(project)
    assert started[-2] == []  # nobody calls unused()
    helpers.write_text(helpers.read_text().replace("    return 1", "    import json\n    return 1"))
    assert run(project, "--format", "json").output == _no_cache_json(project)
    assert started[-2] != []  # an import: not a moved line
    helpers.write_text(helpers.read_text().replace("    import json\n", ""))
    run(project)
    helpers.write_text(helpers.read_text().replace("    return 1", "    x = 1\n    return x"))
    assert run(project, "--format", "json").output == _no_cache_json(project)
    assert started[-2] == everything  # every run calls setup() (app.views.account does, and every run imports it)


def test_an_inert_statement_inserted_in_a_called_function_runs_no_start_again(tmp_path, started):
    """A function every run calls, given a statement that binds a new local name to a literal or to a
    call of a builtin the module never binds: the runs keep their outcomes (at the new lines); one that
    reads a name the module binds, or that the function has, runs them again."""
    project = tmp_path / "proj"
    shutil.copytree(CLASSIC, project, ignore=shutil.ignore_patterns(".cyclecheck_cache", "__pycache__"))
    helpers = project / "app" / "helpers.py"
    original = "import os\nLIMIT = 3\n\n\ndef setup(count=1):\n    os.getcwd()\n    return count\n"
    helpers.write_text(original)
    views = project / "app" / "views" / "account.py"
    views.write_text("from app.helpers import setup\nsetup()\n" + views.read_text())
    run(project)
    everything = started[-1]
    for statement, again in (("    _checked = len('x')\n", False), ("    print('set up')\n    _n = 2\n", False),
                             ("    _checked = LIMIT\n", True), ("    _checked = len(LIMIT)\n", False),
                             ("    _checked = os.getcwd()\n", True), ("    count = len('x')\n", True),
                             ("    _checked = count\n", True), ("    _checked = setup()\n", True)):
        helpers.write_text(original)
        run(project)
        helpers.write_text(original.replace("    os.getcwd()\n", statement + "    os.getcwd()\n"))
        assert run(project, "--format", "json").output == _no_cache_json(project), statement
        assert started[-2] == (everything if again else []), statement


def _cached_edits(tmp_path, fixture: str, edited: str, texts) -> list:
    """A copy of a fixture run with its cache, then again after each of `texts` is written to the file
    `edited`: the outputs, each the same as a run without the cache."""
    project = tmp_path / "proj"
    shutil.copytree(FIXTURES / fixture, project, ignore=shutil.ignore_patterns(".cyclecheck_cache", "__pycache__"))
    outputs = [run(project, "--format", "json").output]
    assert outputs[0] == _no_cache_json(project)
    for text in texts:
        (project / edited).write_text(text)
        outputs.append(run(project, "--format", "json").output)
        assert outputs[-1] == _no_cache_json(project), text
    return outputs


def test_an_edit_of_a_list_another_module_loops_over_runs_its_starts_again(tmp_path):
    """shop/__init__.py imports each module of shop.settings.BLUEPRINTS: an edit of that list (which no
    op of shop.settings shows) changes the graph and the outcomes, cached or not."""
    texts = ['BLUEPRINTS = ["shop.admin"]\n', '# moved\nBLUEPRINTS = ["shop.admin"]\n',
             'BLUEPRINTS = ["shop.admin", "shop.views"]\n', 'BLUEPRINTS = ["shop.admin"]\nBLUEPRINTS.append("shop.views")\n']
    first, *outputs = _cached_edits(tmp_path, "blueprints-listed-in-settings", "shop/settings.py", texts)
    assert '"shop.views"' in first
    for text, output in zip(texts, outputs):
        assert ("importing shop first crashes" in output) == ("shop.views" in text and "append" not in text), text


def test_an_edit_of_a_file_from_pyfile_runs_runs_its_starts_again(tmp_path):
    """webapp runs webapp/settings.py by path (from_pyfile), never importing it: an edit of that file
    still changes the outcome of every start that ran it, cached or not."""
    texts = ['BABEL_DEFAULT_LOCALE = "en"\n', "from webapp import DEFAULT_LOCALE\n"]
    first, *outputs = _cached_edits(tmp_path, "config-from-pyfile", "webapp/settings.py", texts)
    assert "importing webapp first crashes" in first
    for text, output in zip(texts, outputs):
        assert ("importing webapp first crashes" in output) == ("import" in text), text


def test_a_run_that_ran_out_of_steps_is_stored_and_kept(tmp_path, started):
    """With the same reads, a run out of steps runs out again: an edit of a module it never read,
    or one that only appends a name it never read, keeps it (and its report line)."""
    project = tmp_path / "proj"
    (project / "pkg").mkdir(parents=True)
    (project / "pkg" / "__init__.py").write_text("from pkg import heavy\n")
    calls = "".join(f"def f{i}():\n" + f"    f{i + 1}()\n" * 10 + "    return None\n\n\n" for i in range(5))
    # f0() makes about 10**5 calls, each running a body: far beyond the simulation's step budget
    (project / "pkg" / "heavy.py").write_text("import pkg\n\n\n" + calls + "def f5():\n    return None\n\n\nf0()\nf0()\n")
    (project / "pkg" / "light.py").write_text("import pkg\n")
    first = run(project, "--format", "json").output
    assert "did not finish within" in first and first == _no_cache_json(project)
    everything = started[-2]
    light = project / "pkg" / "light.py"
    light.write_text("import pkg\nX = pkg.heavy\n")
    assert run(project, "--format", "json").output == _no_cache_json(project)
    assert started[-2] == []  # (every start imports pkg first, which runs out of steps: all kept)
    heavy = project / "pkg" / "heavy.py"
    heavy.write_text(heavy.read_text() + "\n\nLATER = 1\n")
    assert run(project, "--format", "json").output == _no_cache_json(project)
    assert started[-2] == []
    heavy.write_text(heavy.read_text().replace("f0()\nf0()\n", "f5()\n"))  # finishes now
    assert run(project, "--format", "json").output == _no_cache_json(project)
    assert started[-2] == everything and "did not finish" not in _no_cache_json(project)


# --- the stored analysis of roles ------------------------------------------------------------------

@pytest.fixture
def sessions(monkeypatch):
    """The astroid sessions the analysis of roles opens (a stored analysis reused opens none)."""
    from cyclecheck import roles

    calls = []
    real = roles._Session.__enter__

    def counting(self):
        calls.append(sorted(self.texts))
        return real(self)

    monkeypatch.setattr(roles._Session, "__enter__", counting)
    return calls


def test_an_edit_outside_the_analysed_modules_reuses_the_stored_roles(project, sessions):
    """A code edit changes the facts, so the simulation and the findings are worked out again; but the
    analysis of roles read no tree of the edited file, so it is taken from the cache. An edit in a file
    it built a tree of analyses again. Each report is the one of a fresh run."""
    helper = project / "app" / "helpers.py"
    helper.write_text("def slug(text):\n    return text.lower()\n")
    run(project)
    assert len(sessions) == 1
    helper.write_text(helper.read_text() + "\n\nLIMIT = 3\n")
    assert run(project, "--format", "json").output == run(project, "--no-cache", "--format", "json").output
    assert len(sessions) == 2  # (that of the --no-cache run)
    package = project / "app" / "__init__.py"
    package.write_text(package.read_text() + "\n\nLATER = Config()\n")  # (a call of a name it binds)
    assert run(project, "--format", "json").output == run(project, "--no-cache", "--format", "json").output
    assert len(sessions) == 4


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()))
def test_a_stored_analysis_of_roles_is_the_analysis(fixture, tmp_path):
    """What roles.analyse stores and takes back is the knowledge it found, dicts in the same order."""
    from cyclecheck import roles
    from cyclecheck.check import parse_all

    facts = parse_all(discover([str(FIXTURES / fixture)]).files)
    interest = {f.source.module for f in facts}
    slot = cache_mod.FactsCache(str(tmp_path / "cache")).slot("roles", "question")
    fresh = roles.analyse(facts, interest, store=slot)
    again = roles.analyse(facts, interest, store=slot)
    assert again == fresh
    for name in ("roles", "objects", "factories", "tasks", "texts"):
        assert list(getattr(again, name).items()) == list(getattr(fresh, name).items())


def test_a_stored_analysis_is_not_taken_for_changed_texts_or_garbage(tmp_path, sessions):
    from cyclecheck import roles
    from cyclecheck.check import parse_all

    (tmp_path / "proj").mkdir()
    app = tmp_path / "proj" / "app.py"
    app.write_text("from celery import Celery\ncelery = Celery(__name__)\n")

    def analysed():
        return roles.analyse(parse_all(discover([str(tmp_path / "proj")]).files), {"app"}, store=slot)

    slot = cache_mod.FactsCache(str(tmp_path / "cache")).slot("roles", "question")
    assert analysed().role_names("app") == ("entry-point", "celery-instance") and len(sessions) == 1
    assert analysed().role_names("app") == ("entry-point", "celery-instance") and len(sessions) == 1
    app.write_text("from flask import Flask\napp = Flask(__name__)\n")
    assert analysed().role_names("app") == ("entry-point", "flask-app") and len(sessions) == 2
    for path in (tmp_path / "cache" / "roles").rglob("*"):
        path.write_bytes(path.read_bytes()[:40])
    assert analysed().role_names("app") == ("entry-point", "flask-app") and len(sessions) == 3


def _analyses_after(project, sessions, path, original, text):
    """(analyses of roles run, report) when `path` goes from `original` (with a run stored of it) to
    `text`; the report must be a fresh run's."""
    path.write_text(original)
    run(project)  # (the stored analysis is of the original text again)
    path.write_text(text)
    before = len(sessions)
    output = run(project, "--format", "json").output
    assert output == run(project, "--no-cache", "--format", "json").output
    return len(sessions) - before - 1, output  # (less that of the --no-cache run)


def test_statements_appended_to_an_analysed_module_keep_the_stored_roles_when_inert(project, sessions):
    """Appending to a file the analysis built a tree of: comments, functions without calls or decorators
    and literal assignments of names no analysed text mentions change nothing it finds; anything else
    (a call, a decorator, a name some module mentions, an edit before the end) analyses again."""
    package = project / "app" / "__init__.py"
    original = package.read_text()
    run(project)
    assert len(sessions) == 1

    def edited(text):
        return _analyses_after(project, sessions, package, original, original + text)[0]

    assert edited("\n# a comment\n") == 0
    assert edited("\n\ndef later(a, b=2):\n    return [a, b]\n\nLIMIT = (1, 'x')\n") == 0
    assert edited("\n\ndef later():\n    return len('x')\n") == 1  # a call
    assert edited("\n\n@property\ndef later():\n    return 1\n") == 1  # a decorator
    assert edited("\n\ndef celery():\n    return 1\n") == 1  # bound before in the module
    assert edited("\n\ndef send_email():\n    return 1\n") == 1  # mentioned in other modules
    assert edited("\n\nLIMIT = TIMEOUT\n") == 1  # not a literal
    assert edited("\n\n__all__ = ('celery',)\n") == 1  # a dunder name
    assert edited("\n\nimport json as encoder\n") == 0  # an import binding a name nobody mentions
    assert edited("\n\nfrom app.tasks.email import send_email\n") == 1  # mentioned in other modules
    package.write_text("# moved down\n" + original)
    assert run(project, "--format", "json").output == run(project, "--no-cache", "--format", "json").output


def test_appended_statements_are_recognised():
    from cyclecheck.roles import _appended, _text_digest

    base = "import os\n\ndef f():\n    return os.sep\n"

    def appended(text, before=base):
        return _appended(text, _text_digest(before), len(before))

    assert appended(base) == set()
    assert appended(base + "# note\n\n") == set()
    assert appended(base + "X = 1\nY = Z = {'a': (1, -2.0)}\n\nasync def g():\n    return X\n") == {"X", "Y", "Z", "g"}
    assert appended(base + "    return 1\n") is None  # part of f's body
    assert appended(base + "X = os.sep\n") is None
    assert appended(base + "def g():\n    def h():\n        pass\n    return h\n") == {"g"}
    assert appended(base + "def g():\n    @wraps\n    def h():\n        pass\n    return h\n") is None
    assert appended(base + "def g():\n    global Y\n    Y = 1\n") is None
    assert appended(base + "def g():\n    class C:\n        pass\n") is None
    assert appended(base + "def f():\n    pass\n") is None  # not a new name
    assert appended(base + "sep = 1\n") is None  # mentioned before
    assert appended(base + "o = 1\nse = 2\n") == {"o", "se"}  # (only as parts of other words)
    assert appended(base + "if X:\n    pass\n") is None
    assert appended("import os\n" + base) is None  # not appended
    assert appended(base + "X = 1\n", before=base[:-1]) is None  # the old text did not end a line
    assert appended(base + "X = (\n") is None  # not Python


def test_an_analysed_module_whose_lines_only_moved_keeps_the_stored_roles_at_its_new_lines(project, sessions):
    """Comment and blank lines added to (or taken from) a file the analysis built a tree of move its
    statements, not what inference finds: the stored analysis is taken, its lines moved. A change of
    code, of a type comment or of a string's text analyses again. Each report is a fresh run's."""
    package = project / "app" / "__init__.py"
    original = package.read_text()
    run(project)
    assert len(sessions) == 1

    def edited(text):
        return _analyses_after(project, sessions, package, original, text)

    lines = original.splitlines(keepends=True)
    assert edited("# moved down\n\n" + original)[0] == 0
    spread = "".join(line + ("\n# between\n" if line.startswith("def ") else "") for line in lines)
    again, output = edited(spread)
    bound = spread.splitlines().index("celery = make_celery(create_app())") + 1
    assert again == 0 and bound == 38 and f'"line": {bound}' in output  # (34 before)
    assert edited(original.replace("# Bound only after", "#"))[0] == 0
    assert edited(original.replace("        app.import_name,\n", "        # the name\n        app.import_name,\n"))[0] == 1
    assert edited(original.replace("def create_app(config_class=Config):\n",
                                   "def create_app(config_class=Config):  # type: (object) -> object\n"))[0] == 1
    assert edited(original.replace("return app\n", "return app  # the app\n"))[0] == 1  # (a code line's text)
    assert edited(original.replace("celery = make_celery", "celery  = make_celery"))[0] == 1


def test_moved_lines_are_recognised():
    from cyclecheck.roles import _shifted

    base = 'import os\n\n\ndef f(x):\n    """Doc.\n\n    # not a comment\n    """\n    return os.sep\n'
    # (a line of a string that looks like a comment is not one of code: a string's text is in the tree)
    assert _shifted(base, base) == {1: 1, 4: 4, 5: 5, 8: 8, 9: 9}
    assert _shifted(base, "# top\n" + base) == {1: 2, 4: 5, 5: 6, 8: 9, 9: 10}
    assert _shifted(base, base.replace("\n\n\n", "\n")) == {1: 1, 4: 2, 5: 3, 8: 6, 9: 7}
    assert _shifted(base, base.replace("\n", "\r\n")) == {1: 1, 4: 4, 5: 5, 8: 8, 9: 9}
    assert _shifted(base, base.replace("    # not a comment\n", "")) is None  # (a docstring's text)
    assert _shifted(base, base.replace("    # not", "    # really not")) is None
    assert _shifted(base, base.replace("sep", "sep  # the separator")) is None  # (a code line's text)
    assert _shifted(base, base.replace("\n\n\n", "\r\r")) is None  # (line ends the parser reads otherwise)
    assert _shifted(base, base + "x = (\n") is None  # not Python
    ignored = base.replace("return os.sep", "return os.sep  # type: ignore")
    assert _shifted(ignored, "# top\n" + ignored) == {1: 2, 4: 5, 5: 6, 8: 9, 9: 10}


def test_inserted_inert_statements_are_recognised_by_the_roles_analysis():
    from cyclecheck.roles import _inserted

    base = "import os\n\n\ndef f(x):\n    return os.sep\n\n\nY = f(1)\n"
    lines, names = _inserted(base, base.replace("\n\n\ndef f", "\nX = len('x')\n\ndef f"))
    assert names == {"X"} and lines == {1: 1, 4: 4, 5: 5, 8: 8}  # (the blank lines it took are gone)
    lines, names = _inserted(base, base.replace("\nY = f(1)", "print('a', sep='')\nLIMIT = 3\ndef g():\n    return 2\nY = f(1)"))
    assert names == {"LIMIT", "g"} and lines[8] == 11
    lines, names = _inserted(base, "import json as encoder\nfrom xml import dom, sax as s\n" + base)
    assert names == {"encoder", "dom", "s"} and lines == {1: 3, 4: 6, 5: 7, 8: 10}
    for text in (
        "from os import *\n" + base,  # a star import could bind any name
        "from __future__ import annotations\n" + base,
        base.replace("\nY = f(1)", "X = os.sep\nY = f(1)"),  # reads an imported name
        base.replace("\nY = f(1)", "X = f(2)\nY = f(1)"),  # calls project code
        base.replace("\nY = f(1)", "X = len(f)\nY = f(1)"),  # an argument that is not a literal
        base.replace("\nY = f(1)", "exec('x = 1')\nY = f(1)"),  # runs code from a string
        base.replace("\nY = f(1)", "sorted = list\nX = sorted('ba')\nY = f(1)"),  # a builtin it binds
        base.replace("\nY = f(1)", "class C:\n    pass\nY = f(1)"),
        base.replace("\nY = f(1)", "if True:\n    X = 1\nY = f(1)"),
        base.replace("\nY = f(1)", "X = len('x'); Z = f(0)\nY = f(1)"),  # shares a line with code
        base.replace("    return os.sep", "    return os.name"),  # something else changed
        base.replace("import os", "from os import *\nX = len('x')"),  # a star import could bind len
        base,  # nothing inserted
        base + "x = (\n",  # not Python
    ):
        assert _inserted(base, text) is None, text


def test_inert_statements_inserted_in_function_bodies_are_recognised_by_the_roles_analysis():
    from cyclecheck.roles import _inserted

    base = ('import os\n\n\ndef f(x):\n    """doc"""\n    return os.sep\n\n\nclass C:\n    def m(self, x):\n'
            '        if x:\n            return 1\n        return 2\n\n\nY = f(1)\n')
    lines, names = _inserted(base, base.replace("    return os.sep", "    _b = len('b')\n    return os.sep"))
    assert names == {"_b"} and lines[6] == 7 and lines[16] == 17 and lines[5] == 5
    lines, names = _inserted(base, base.replace("            return 1", "            _b = 3\n            print('x')\n"
                                                                     "            return 1"))
    assert names == {"_b"} and lines[12] == 14 and lines[13] == 15
    for text in (
        base.replace("    def m(self", "    _b = 3\n    def m(self"),  # a class attribute
        base.replace('    """doc"""', '    _b = 3\n    """doc"""'),  # the docstring would be one no more
        base.replace("    return os.sep", "    _b = os.sep\n    return os.sep"),  # reads an imported name
        base.replace("    return os.sep", "    import json\n    return os.sep"),
        base.replace("    return os.sep", "    def g():\n        return 1\n    return os.sep"),
        base.replace("    return os.sep", "    _b = len('b')\n    return os.name"),  # something else changed
        base.replace("        if x:", "        if not x:"),
        base.replace("        if x:\n", "        _b = 1\n        if x:\n").replace("return 2", "return 3"),
    ):
        assert _inserted(base, text) is None, text
    # (a new name the texts already mention, as `x` here, is refused by the caller: see _restored)
    assert _inserted(base, base.replace("    return os.sep", "    x = len('b')\n    return os.sep"))[1] == {"x"}


@pytest.mark.parametrize("anchor, inert, line, not_inert", [
    # among the module's statements; `send_email`: a new name another analysed text reads
    ("def create_app(", "LIMIT = len('x')\nprint('loaded')\n\n", 37, ("LIMIT = Config()\n\n", "send_email = len('x')\n\n")),
    # at the top of the factory's body
    ("    app = Flask(__name__)", "    _checked = len('x')\n", 35,
     ("    _checked = Config()\n", "    _checked = len(__name__)\n", "    Config = len('x')\n")),
])
def test_an_analysed_module_given_an_inert_statement_keeps_the_stored_roles_at_its_new_lines(project, sessions, anchor,
                                                                                              inert, line, not_inert):
    package = project / "app" / "__init__.py"
    original = package.read_text()
    run(project)
    at = original.index(anchor)
    again, output = _analyses_after(project, sessions, package, original, original[:at] + inert + original[at:])
    assert again == 0 and f'"line": {line}' in output  # (celery's binding, 34 before: see the test above)
    for statement in not_inert:
        assert _analyses_after(project, sessions, package, original, original[:at] + statement + original[at:])[0] == 1, \
            statement


def _commented(text: str) -> str:
    """`text` with a comment line before every third line (not after a backslash continuation)."""
    lines = text.splitlines(keepends=True)
    return "".join(("# moved\n" if i % 3 == 0 and not (i and lines[i - 1].rstrip().endswith("\\")) else "") + line
                   for i, line in enumerate(lines))


def _benchmark():
    """benchmarks/run.py, for its edits."""
    import sys

    sys.path.insert(0, str(FIXTURES.parent / "benchmarks"))
    try:
        import run as bench
    finally:
        sys.path.pop(0)
    return bench


def _assert_stored_analysis_is_fresh_after(fixture, tmp_path, edit):
    """Analyse a fixture's roles (stored), apply `edit` (bytes -> bytes) to every file it leaves
    compiling, then check that what the stored analysis gives back is what a fresh one finds."""
    from cyclecheck import roles
    from cyclecheck.check import parse_all

    root = tmp_path / "proj"
    shutil.copytree(FIXTURES / fixture, root)
    slot = cache_mod.FactsCache(str(tmp_path / "cache")).slot("roles", "question")
    facts = parse_all(discover([str(root)]).files)
    interest = {f.source.module for f in facts}
    roles.analyse(facts, interest, store=slot)
    for path in sorted(root.rglob("*.py")):
        try:
            edited = edit(path.read_bytes())
            compile(edited, str(path), "exec")
        except (UnicodeDecodeError, SyntaxError, ValueError):
            continue
        path.write_bytes(edited)
    facts = parse_all(discover([str(root)]).files)
    stored, fresh = roles.analyse(facts, interest, store=slot), roles.analyse(facts, interest)
    for name in ("roles", "objects", "factories", "tasks", "texts"):
        assert list(getattr(stored, name).items()) == list(getattr(fresh, name).items())


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()))
def test_a_stored_analysis_taken_for_moved_lines_is_the_analysis_of_the_new_text(fixture, tmp_path):
    """Comment lines inserted all through every file of a fixture (inside statements too, and strings):
    whatever the stored analysis gives back is what a fresh analysis of the new texts finds."""
    _assert_stored_analysis_is_fresh_after(fixture, tmp_path, lambda data: _commented(data.decode()).encode())


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()))
def test_a_stored_analysis_taken_for_inserted_statements_is_the_analysis_of_the_new_text(fixture, tmp_path):
    """`_inserted = len("x")` before the middle statement of every file of a fixture: whatever the stored
    analysis gives back is what a fresh analysis of the new texts finds."""
    bench = _benchmark()
    _assert_stored_analysis_is_fresh_after(fixture, tmp_path, lambda data: bench.middle_edit(data, 5))


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()))
def test_a_stored_analysis_taken_for_a_statement_inserted_in_a_function_is_the_analysis_of_the_new_text(
        fixture, tmp_path):
    """The benchmark's function-body edit (`_benchmark_body = len("b")` first in the middle function) of
    every file of a fixture: whatever the stored analysis gives back is what a fresh one finds."""
    bench = _benchmark()
    _assert_stored_analysis_is_fresh_after(fixture, tmp_path, lambda data: bench.body_edit(data) or data)


def test_the_pickled_facts_are_let_go_once_the_pack_is_written(project, tmp_path):
    """The pack's bytes are only needed to write it: a large project's would stay alive all run long."""
    from cyclecheck.check import parse_all

    files = discover([str(project)]).files
    cache = cache_mod.FactsCache(str(tmp_path / "cache"))
    parse_all(files, cache=cache)
    assert cache.entries == {} and cache.stored == {}
    assert len(entries(tmp_path / "cache")) == len(files)  # (written first)
    again = cache_mod.FactsCache(str(tmp_path / "cache"))
    assert parse_all(files, cache=again) == parse_all(files) and again.hits == len(files)


def test_edited_texts_keep_the_stored_roles_while_the_tree_budget_decides_the_same(tmp_path, sessions, monkeypatch):
    """When the budget of tree text decided what was built, a stored analysis stands after an edit only
    if the budget would decide every tree the same: each tree it built still let in (the text built
    before it still under MAX_TREE_BYTES), and a tree it refused still refused."""
    from cyclecheck import roles
    from cyclecheck.check import parse_all

    root = tmp_path / "proj"
    (root / "shop").mkdir(parents=True)
    texts = {"shop/__init__.py": "from flask import Flask\napp = Flask(__name__)\n",
             "shop/a.py": "from flask import Blueprint\nbp = Blueprint('a', __name__)\n",
             "shop/b.py": "from celery import Celery\ncelery = Celery(__name__)\n"}
    for name, text in texts.items():
        (root / name).write_text(text)
    slot = cache_mod.FactsCache(str(tmp_path / "cache")).slot("roles", "question")
    # the three trees are built in the order shop, shop.a, shop.b: the last is let in at 90+ bytes
    monkeypatch.setattr(roles, "MAX_TREE_BYTES", len(texts["shop/__init__.py"]) + len(texts["shop/a.py"]) + 6)
    a, b = root / "shop" / "a.py", root / "shop" / "b.py"
    analyses = 0

    def analysed(rerun: bool):
        nonlocal analyses
        facts = parse_all(discover([str(root)]).files)
        stored, fresh = roles.analyse(facts, {"shop"}, store=slot), roles.analyse(facts, {"shop"})
        analyses += 2 if rerun else 1
        assert stored == fresh and len(sessions) == analyses
        return stored

    assert analysed(rerun=True).has("shop.b", "celery-instance")
    a.write_text(texts["shop/a.py"] + "#c\n")  # 3 bytes: the text before shop.b stays under the budget
    analysed(rerun=False)
    b.write_text(texts["shop/b.py"] + "# a comment far longer than the budget's slack\n")  # (the last one)
    analysed(rerun=False)
    a.write_text(texts["shop/a.py"] + "# a longer comment\n")  # shop.b's tree is refused now
    assert not analysed(rerun=True).has("shop.b", "celery-instance")
    a.write_text(texts["shop/a.py"] + "# another longer one\n")  # refused again
    analysed(rerun=False)
    a.write_text(texts["shop/a.py"])  # shorter: let in again
    assert analysed(rerun=True).has("shop.b", "celery-instance")


# --- the stored answers of the advice ----------------------------------------------------------------

def test_stored_advice_answers_give_a_fresh_runs_report_and_corrupt_ones_are_ignored(tmp_path):
    """An edit that changes the findings' inputs runs the advice again, with the answers the last run
    kept (snippets, statements, scores): its report is a fresh run's; so it is over damaged answers."""
    target = tmp_path / "proj"
    shutil.copytree(FIXTURES / "cycle-length-3", target)
    cache_dir = tmp_path / "cache"
    run(target, "--cache-dir", cache_dir)
    assert sorted(p for p in (cache_dir / "advice").rglob("*") if p.is_file())
    calc = target / "calc.py"
    for number, damage in enumerate([None, lambda data: data[:30], lambda data: data[:-9] + b"\x00" * 9]):
        calc.write_text(calc.read_text() + f"\n\nTRIES_{number} = {number}\n")
        if damage is not None:
            for path in (cache_dir / "advice").rglob("*"):
                path.write_bytes(damage(path.read_bytes()))
        warm = run(target, "--cache-dir", cache_dir, "--format", "json").output
        assert warm == run(target, "--no-cache", "--format", "json").output
        assert "CC105" in warm


def test_an_inert_edit_that_changes_a_flag_another_module_tests_runs_its_readers_again(tmp_path, started):
    """`if ENABLE_ADMIN:` in app/__init__.py is decided by the flag app/settings.py exports. A statement
    inserted in a function of settings.py is inert to every run, but it reads ENABLE_ADMIN there: the
    name is no longer a flag, so the runs that tested it run again (and now take both branches)."""
    project = tmp_path / "proj"
    (project / "app").mkdir(parents=True)
    settings = project / "app" / "settings.py"
    settings.write_text("ENABLE_ADMIN = False\n\n\ndef describe():\n    return 'settings'\n")
    (project / "app" / "__init__.py").write_text(
        "from app.settings import ENABLE_ADMIN\n\nif ENABLE_ADMIN:\n    from app import admin  # noqa\n\nX = 1\n")
    (project / "app" / "admin.py").write_text("from app import X\n")
    first = run(project, "--format", "json")
    assert first.output == _no_cache_json(project) and "CC001" not in first.output
    settings.write_text(settings.read_text().replace("    return 'settings'", "    _n = len(ENABLE_ADMIN)\n"
                                                                               "    return 'settings'"))
    second = run(project, "--format", "json")
    assert second.output == _no_cache_json(project)
    assert "CC001" in second.output and started[-2] != []


def test_an_edit_of_a_settings_helper_decides_the_flags_again(tmp_path):
    """config-flag-imported-helper: settings.py's `USE_CELERY = env_bool("USE_CELERY", False)` is decided by
    envutils' env_bool. An edit of that function's body (now true when the variable is unset) makes shop
    import shop.tasks, which crashes: the cached run is not kept, and equals a run without the cache."""
    project = tmp_path / "proj"
    shutil.copytree(FIXTURES / "config-flag-imported-helper", project,
                    ignore=shutil.ignore_patterns(".cyclecheck_cache", "__pycache__"))
    cold = run(project)
    assert "importing shop" not in cold.output
    helper = project / "envutils.py"
    helper.write_text(helper.read_text().replace("        return default\n", "        return True\n"))
    edited = run(project)
    assert "importing shop first crashes" in edited.output
    assert edited.output == run(project, "--no-cache").output
