"""Roles of modules (cyclecheck.roles), found by astroid inference on small projects written to tmp_path.

None of these projects can be imported for real (their libraries are fakes or their modules
have side effects): roles come from static inference only.
"""

import sys
import textwrap

from cyclecheck import roles as r
from cyclecheck.check import check, parse_all
from cyclecheck.config import Config
from cyclecheck.discovery import discover


def project(tmp_path, files):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return parse_all(discover([str(tmp_path)]).files)


def roles_of(tmp_path, files, interest=()):
    found = r.find_roles(project(tmp_path, files), interest)
    return {module: {(role.name, role.line) for role in module_roles} for module, module_roles in found.items()}, found


def names(found, module):
    return {role.name for role in found.get(module, ())}


def test_flask_through_an_alias(tmp_path):
    by_line, found = roles_of(tmp_path, {"shop/__init__.py": """\
        from flask import Flask as F

        application = F(__name__)
        """})
    assert ("flask-app", 3) in by_line["shop"]
    [role] = found["shop"]
    assert isinstance(role, r.Role) and "application" in role.detail and "flask.Flask" in role.detail


def test_flask_subclass_defined_in_another_module(tmp_path):
    by_line, found = roles_of(tmp_path, {
        "shop/__init__.py": "from shop.base import ShopFlask\n\nweb = ShopFlask(__name__)\n",
        "shop/base.py": "import flask\n\n\nclass ShopFlask(flask.Flask):\n    pass\n",
    })
    assert ("flask-app", 3) in by_line["shop"]
    assert "subclasses flask.Flask" in found["shop"][0].detail


def test_app_factory_with_celery_inside_and_where_it_is_called(tmp_path):
    by_line, found = roles_of(tmp_path, {
        "proj/__init__.py": """\
            from celery import Celery
            from flask import Flask


            def create_app():
                app = Flask(__name__)
                celery = Celery(app.import_name)
                app.extensions["celery"] = celery
                return app
            """,
        "wsgi.py": "from proj import create_app\n\napp = create_app()\n",
    })
    assert {"app-factory", "celery-instance"} <= names(found, "proj")
    assert ("app-factory", 5) in by_line["proj"] and ("celery-instance", 7) in by_line["proj"]
    factory = next(role for role in found["proj"] if role.name == "app-factory")
    assert "create_app()" in factory.detail and "wsgi (line 3)" in factory.detail
    celery = next(role for role in found["proj"] if role.name == "celery-instance")
    assert "inside create_app()" in celery.detail
    assert names(found, "wsgi") == {"entry-point", "flask-app"}


def test_make_celery_bound_at_module_level(tmp_path):
    knowledge = r.analyse(project(tmp_path, {"app/__init__.py": """\
        from celery import Celery as C


        def make_celery(app):
            worker = C(app.import_name)
            return worker


        celery = make_celery(None)
        """}), ())
    obj = knowledge.objects[("app", "celery")]
    assert obj.kind == "celery" and obj.created_in == "make_celery()" and obj.line == 9
    assert ("app", "make_celery()") in knowledge.objects


def test_tasks_shared_task_app_task_and_task_subclass(tmp_path):
    knowledge = r.analyse(project(tmp_path, {
        "proj/celery_app.py": "from celery import Celery\n\nworker = Celery('proj')\n",
        "proj/jobs.py": """\
            from celery import Task, shared_task

            from proj.celery_app import worker


            @shared_task
            def plain():
                pass


            @worker.task(name="proj.named")
            def named():
                pass


            class Base(Task):
                pass
            """,
    }), ())
    tasks = {t.function: t for t in knowledge.tasks["proj.jobs"]}
    assert set(tasks) == {"plain", "named", "Base"}
    assert tasks["plain"].via == "@shared_task" and tasks["plain"].celery == ""
    assert tasks["named"].task_name == "proj.named" and tasks["named"].celery == "proj.celery_app.worker"
    assert knowledge.role_names("proj.jobs") == ("tasks",)
    assert knowledge.role_names("proj.celery_app") == ("celery-instance",)


def test_a_task_decorator_through_an_alias_of_the_method(tmp_path):
    """`job = celery.task` then `@job(bind=True)`: a task (the decorator is a name, not an attribute)."""
    _, found = roles_of(tmp_path, {
        "proj/__init__.py": "",
        "proj/worker.py": 'from celery import Celery\n\ncelery = Celery("proj")\njob = celery.task\n'
                          "from proj import tasks  # noqa\n",
        "proj/tasks.py": "from proj.worker import job\n\n\n@job(bind=True)\ndef ping(self):\n    return 1\n",
    }, ["proj.tasks", "proj.worker"])
    assert "tasks" in names(found, "proj.tasks")
    report = check([str(tmp_path)], Config())
    assert not any("internal error" in e.message for e in report.errors)


def test_extensions_known_unknown_and_project_classes_with_init_app(tmp_path):
    by_line, found = roles_of(tmp_path, {"proj/extensions.py": """\
        from flask_sqlalchemy import SQLAlchemy as DB
        from flask_widgets import Widgets
        from proj.cache import Cache

        db = DB()
        widgets = Widgets()
        cache = Cache()
        plain = dict()
        """, "proj/cache.py": "class Cache:\n    def init_app(self, app):\n        self.app = app\n"})
    assert {("extensions", 5), ("extensions", 6), ("extensions", 7)} <= by_line["proj.extensions"]
    assert not any(role.line == 8 for role in found["proj.extensions"])


def test_blueprint_views_models_and_config(tmp_path):
    files = {
        "blog/views.py": """\
            from flask import Blueprint
            from flask.views import MethodView

            bp = Blueprint("posts", __name__)


            @bp.route("/")
            def index():
                return "x"


            class PostAPI(MethodView):
                pass


            bp.add_url_rule("/api", view_func=PostAPI.as_view("api"))
            """,
        "blog/models.py": """\
            from blog.ext import db


            class Post(db.Model):
                pass
            """,
        "blog/ext.py": "from flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\n",
        "settings.py": "class ProductionConfig:\n    DEBUG = False\n    SECRET_KEY = 'x'\n",
    }
    by_line, found = roles_of(tmp_path, files, interest=("blog.models", "settings"))
    assert ("blueprint", 4) in by_line["blog.views"]
    assert {("views", 7), ("views", 12), ("views", 16)} <= by_line["blog.views"]
    assert ("models", 4) in by_line["blog.models"]
    assert "db.Model" in next(role.detail for role in found["blog.models"] if role.name == "models")
    assert ("config", 1) in by_line["settings"]


def test_file_names_are_only_a_fallback(tmp_path):
    _, found = roles_of(tmp_path, {
        "proj/models.py": "from proj import thing\n",
        "proj/tasks.py": "from celery import shared_task\n\n\n@shared_task\ndef job():\n    pass\n",
        "proj/__init__.py": "thing = 1\n",
    }, interest=("proj.models",))
    [hint] = found["proj.models"]
    assert hint.name == "models" and "file name" in hint.detail
    assert [role.detail for role in found["proj.tasks"]] == ["job: @shared_task"]


def test_entry_points_at_an_import_root(tmp_path):
    _, found = roles_of(tmp_path, {"manage.py": "import sys\n", "run.py": "print(1)\n",
                                   "tools/manage.py": "import sys\n",
                                   "serve.py": "from flask import Flask\nif __name__ == '__main__':\n    pass\n"})
    assert names(found, "manage") == {"entry-point"} and names(found, "run") == {"entry-point"}
    assert "tools.manage" not in found
    assert ("entry-point", 2) in {(role.name, role.line) for role in found["serve"]}


def test_the_analysed_code_is_never_imported_and_astroid_is_restored(tmp_path):
    from astroid.manager import AstroidManager

    denylist = AstroidManager.brain["module_denylist"]
    hooks = list(AstroidManager.brain["_failed_import_hooks"])
    marker = tmp_path / "imported"
    _, found = roles_of(tmp_path, {"boom/__init__.py": f"""\
        open({str(marker)!r}, "w").close()
        raise SystemExit("imported!")
        from flask import Flask
        app = Flask(__name__)
        """})
    assert names(found, "boom") == {"flask-app"}
    assert not marker.exists() and "boom" not in sys.modules
    cache = AstroidManager.brain["astroid_cache"]
    assert "boom" not in cache and not any(getattr(mod, "file", "") and "cyclecheck stub" in mod.file
                                            for mod in cache.values())
    assert AstroidManager.brain["module_denylist"] is denylist
    assert AstroidManager.brain["_failed_import_hooks"] == hooks


def test_same_module_names_in_two_projects_do_not_leak(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    _, first = roles_of(one, {"app/__init__.py": "from flask import Flask\napp = Flask(__name__)\n"})
    _, second = roles_of(two, {"app/__init__.py": "from celery import Celery\ncelery = Celery('app')\n"})
    assert names(first, "app") == {"flask-app"} and names(second, "app") == {"celery-instance"}


def test_report_roles_json_and_text(tmp_path):
    project(tmp_path, {
        "app/__init__.py": "from flask import Flask\nfrom app import views\napp = Flask(__name__)\n",
        "app/views.py": "from app import app\n\n\n@app.route('/')\ndef index():\n    return ''\n",
    })
    report = check([str(tmp_path)], Config())
    roles = dict(report.roles)
    assert roles["app"] == ("flask-app",) and roles["app.views"] == ("views",)
    import io

    from cyclecheck.reporters import REPORTERS, report_dict

    assert report_dict(report)["roles"]["app"] == ["flask-app"]
    out = io.StringIO()
    REPORTERS["text"](report, out, False)
    assert "roles: app [flask-app] -> app.views [views] -> app" in out.getvalue()


def test_modules_calling_init_app_at_any_depth_are_mentioned(tmp_path):
    # the cheap pre-filter before reading texts: an init_app call nested in if/try/except/loops/classes
    # of a function or of the module counts; a module without one (nor a Flask/Celery import) does not
    facts = {f.source.module: f for f in project(tmp_path, {
        "proj/__init__.py": "",
        "proj/deep.py": """\
            def setup(thing):
                for _ in range(2):
                    try:
                        pass
                    except ValueError:
                        if thing:
                            thing.init_app(None)
            """,
        "proj/klass.py": "class Holder:\n    if True:\n        ext.init_app(None)\n",
        "proj/plain.py": "def setup(thing):\n    thing.init(None)\n",
    })}
    assert r._mentions(facts["proj.deep"]) and r._mentions(facts["proj.klass"])
    assert not r._mentions(facts["proj.plain"])


def test_astroid_work_is_bounded_by_source_bytes(tmp_path, monkeypatch):
    """Trees cost memory and time in proportion to their text: past MAX_TREE_BYTES of source no more
    trees are built, the modules on findings first (the rest simply get no roles)."""
    files = {"shop/__init__.py": "from flask import Flask\n\napp = Flask(__name__)\n",
             "shop/zfactory.py": "from flask import Flask\n\ndef create_app():\n    return Flask(__name__)\n"}
    full, _ = roles_of(tmp_path / "full", files)
    assert "flask-app" in {n for n, _ in full["shop"]} and "app-factory" in {n for n, _ in full["shop.zfactory"]}
    monkeypatch.setattr(r, "MAX_TREE_BYTES", 1)  # one tree, whichever is asked for first
    bounded, _ = roles_of(tmp_path / "bounded", files, interest=["shop.zfactory"])
    assert "app-factory" in {n for n, _ in bounded["shop.zfactory"]}
    assert "flask-app" not in {n for n, _ in bounded.get("shop", ())}
