"""cyclecheck: find the import cycles of a Flask/Celery project that crash, before anyone runs it."""

__version__ = "0.1.0"

__all__ = ["__version__", "check", "Config"]


def __getattr__(name):
    # Keep `import cyclecheck` light: the pipeline (and networkx) load on first use.
    if name == "check":
        from .check import check

        return check
    if name == "Config":
        from .config import Config

        return Config
    raise AttributeError(name)
