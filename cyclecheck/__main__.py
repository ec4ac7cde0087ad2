import os
import sys

if __name__ == "__main__":
    # `python -m cyclecheck` puts the working directory first on sys.path: a file of the checked project
    # named like a module of the standard library or of a library (queue.py, csv.py) would then be run
    # in its place when cyclecheck (or what it imports) imports that module. cyclecheck never runs the
    # code it checks: the working directory goes, unless cyclecheck itself was found there.
    _here = os.path.abspath(os.getcwd())
    if os.path.dirname(os.path.dirname(os.path.abspath(__file__))) != _here:
        sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _here]

from .cli import entry  # noqa: E402

if __name__ == "__main__":
    entry(prog_name="cyclecheck")
