"""The analysis begun while the simulation runs (roles.Ahead): whatever it guessed, the knowledge and
the recorded reads are those of an analysis done afterwards, and so is the report."""

import textwrap

import pytest

from cyclecheck import parsing
from cyclecheck import roles as r
from cyclecheck.check import check, parse_all
from cyclecheck.config import Config
from cyclecheck.discovery import discover

FILES = {
    "shop/__init__.py": "from flask import Flask\n\nfrom shop import views\n\napp = Flask(__name__)\n",
    "shop/views.py": "from shop import app\n\n\n@app.route('/')\ndef index():\n    return 'hi'\n",
    "shop/models.py": "from shop.extensions import db\n\n\nclass User(db.Model):\n    pass\n",
    "shop/extensions.py": "from flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\n",
    "shop/plain.py": "from shop import models\n\nX = 1\n",
    "wsgi.py": "from shop import app\n",
}


def project(tmp_path, files=FILES):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return parse_all(discover([str(tmp_path)]).files)


def analysed(facts, interest, ahead=None):
    """(knowledge, sorted paths read) of analyse() or of ahead.result()."""
    with parsing.recording_reads() as reads:
        knowledge = ahead.result(interest) if ahead is not None else r.analyse(facts, interest)
    return knowledge, sorted(set(reads))


@pytest.mark.parametrize("guess", [("shop", "shop.views"), ("shop.plain",), (), ("nowhere",)])
def test_any_guess_gives_the_knowledge_and_reads_of_a_later_analysis(tmp_path, guess):
    facts = project(tmp_path)
    interest = {"shop", "shop.views", "nowhere"}  # a module of no file is no module of interest
    expected = analysed(facts, interest)
    ahead = r.Ahead(facts, guess)
    with parsing.recording_reads() as outside:
        ahead.run()
    assert outside == []  # what it read counts only once its analysis is taken
    assert analysed(facts, interest, ahead) == expected
    assert expected[0].role_names("shop") == ("flask-app",)


def test_a_right_guess_is_not_analysed_again(tmp_path, monkeypatch):
    facts = project(tmp_path)
    expected = analysed(facts, {"shop.views", "shop"})
    ahead = r.Ahead(facts, ["shop", "shop.views", "nowhere"])
    ahead.run()

    def again(*args, **kwargs):
        raise AssertionError("analysed again")

    monkeypatch.setattr(r, "analyse", again)
    assert analysed(facts, {"shop.views", "shop"}, ahead) == expected


def test_trees_parsed_ahead_are_taken_only_when_their_text_is_unchanged(tmp_path):
    facts = project(tmp_path)
    ahead = r.Ahead(facts, None, likely=("shop", "shop.views", "shop.plain"))
    ahead.run()
    ready = ahead.ready
    assert {"shop", "shop.views", "shop.plain", "wsgi", "shop.extensions"} <= set(ready)
    assert analysed(facts, {"shop", "shop.views"}, ahead) == analysed(facts, {"shop", "shop.views"})
    assert set(ready) == {"shop.plain"}  # the others were taken; this one is no longer of interest

    ahead = r.Ahead(facts, None, likely=("shop", "shop.views"))
    ahead.run()
    (tmp_path / "shop" / "views.py").write_text("from flask import Blueprint\n\nbp = Blueprint('b', __name__)\n")
    knowledge, reads = analysed(facts, {"shop", "shop.views"}, ahead)
    assert (knowledge, reads) == analysed(facts, {"shop", "shop.views"})
    assert "blueprint" in knowledge.role_names("shop.views")  # of the text as it is now


def _cycle_of(tmp_path, n=210):
    """A package whose modules form one import-time cycle: enough starts for the simulation's workers."""
    pkg = tmp_path / "big" / "pkg"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("from flask import Flask\n\napp = Flask(__name__)\n\nfrom pkg import m0\n")
    for i in range(n):
        (pkg / f"m{i}.py").write_text(f"from pkg import m{(i + 1) % n}\nX{i} = {i}\n")
    return str(tmp_path / "big")


def test_a_run_with_the_simulation_in_workers_reports_as_a_serial_run_whatever_the_guess(tmp_path, monkeypatch):
    from cyclecheck import cache as cache_mod
    from cyclecheck import check as check_mod

    root = _cycle_of(tmp_path)
    runs, analyses = [], []
    real_run, real_analyse = r.Ahead.run, r.analyse

    def run(self):
        runs.append(self.guess)
        real_run(self)

    def analyse(*args, **kwargs):
        analyses.append(args[1])
        return real_analyse(*args, **kwargs)

    monkeypatch.setattr(r.Ahead, "run", run)
    monkeypatch.setattr(r, "analyse", analyse)
    cached = Config(jobs=2, use_cache=True, cache_dir=str(tmp_path / "c"))

    def checked():
        expected = check([root], Config(jobs=1, use_cache=False))  # (its analysis is not counted)
        runs.clear()
        analyses.clear()
        return check([root], cached) == expected

    assert checked()
    assert runs == [None] and len(analyses) == 1  # no guess yet: only trees parsed ahead
    init = tmp_path / "big" / "pkg" / "__init__.py"
    init.write_text(init.read_text() + "\nEDIT = Flask('x')\n")  # a call of a name it binds: every start runs again
    assert checked()
    assert len(runs) == 1 and "pkg.m0" in runs[0] and len(analyses) == 1  # the last run's modules: analysed ahead

    # a wrong guess (planted in the cache) is analysed again
    found = discover([root])
    cache = cache_mod.FactsCache(str(tmp_path / "c"))
    question = check_mod._run_inputs([cache.key(s) for s in found.files], [root], cached, found)[0]
    cache.put_result(cache.result_keys("guesses", question, ()), ("pkg.m7",))
    init.write_text(init.read_text() + "\nEDIT2 = Flask('y')\n")
    assert checked()
    assert runs == [{"pkg.m7"}] and len(analyses) == 2
