"""The pipeline: paths -> files -> module facts -> graph -> cycles and crashes -> findings.

`check()` prints nothing and returns a `Report`; reporters turn it into text.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import List, Optional, Sequence

from . import model as m
from .config import Config
from .discovery import discover, import_roots
from .parsing import parse_file

PARALLEL_MIN_FILES = 64  # below this many files to parse, worker start-up costs more than it saves


def _parse_chunk(chunk: Sequence[m.SourceFile]) -> List[bytes]:
    import gc
    import pickle

    gc.disable()  # a worker only parses (see parse_all); forked workers inherit this anyway
    # Each file's facts pickled on their own, as the cache stores them: the parent keeps these bytes
    # as they are, and their digest is the same as a serial run's (see FactsCache.digests).
    return [pickle.dumps(parse_file(source), protocol=pickle.HIGHEST_PROTOCOL) for source in chunk]


def _parse_parallel(files: Sequence[m.SourceFile], jobs: int, sizes: Sequence[int]) -> List[tuple]:
    """Parse in `jobs` worker processes: (facts, the same pickled) per file, in the order of `files`.

    Chunks of about equal bytes, the largest files first, so that no worker is left with a long
    last chunk while the others wait; each chunk is unpickled here as soon as it arrives, while
    the workers parse the next ones (unpickling all at the end would make everyone wait: a
    second on sympy)."""
    import pickle
    from concurrent.futures import ProcessPoolExecutor

    order = sorted(range(len(files)), key=lambda i: (-sizes[i], i))
    budget = max(1, sum(sizes) // (jobs * 12))
    chunks: List[List[int]] = [[]]
    weight = 0
    for i in order:
        if chunks[-1] and (weight >= budget or len(chunks[-1]) >= 256):
            chunks.append([])
            weight = 0
        chunks[-1].append(i)
        weight += sizes[i]
    parsed: List[Optional[tuple]] = [None] * len(files)
    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks))) as pool:
        pending = pool.map(_parse_chunk, [[files[i] for i in chunk] for chunk in chunks])
        _load_analysis_modules()  # this process would only wait for the first chunk: import meanwhile
        for chunk, payloads in zip(chunks, pending):  # our own workers' bytes: plain pickle is safe here
            for i, payload in zip(chunk, payloads):
                parsed[i] = (pickle.loads(payload), payload)
    return parsed  # type: ignore[return-value]


def _size(source: m.SourceFile, stat) -> int:
    """The file's size, from its stat when discovery took one."""
    if stat is not None:
        return stat.st_size
    try:
        return os.stat(source.path).st_size
    except OSError:
        return 0


def _load_analysis_modules() -> None:
    """Import what the stages after parsing need (networkx alone takes a tenth of a second)."""
    try:
        import networkx  # noqa: F401

        from . import advice, graph, simulate  # noqa: F401
    except ImportError:  # pragma: no cover - reported where it is really imported
        pass


def parse_all(files: Sequence[m.SourceFile], jobs: Optional[int] = 1, cache=None,
              keys: Optional[Sequence[Optional[str]]] = None, stats: Sequence = ()) -> List[m.ModuleFacts]:
    """Facts of every file, in the order given: from `cache` (a `cache.FactsCache`) when the
    file is unchanged, else parsed, in parallel worker processes when there are many to parse.
    `keys` are the files' cache keys and `stats` their `os.stat` (from discovery) when the caller
    has them already."""
    import gc

    # Parsing and unpickling make millions of small objects that all stay alive: the cyclic
    # collector would re-scan them again and again (up to 5x slower) while finding nothing.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _parse_all(files, jobs, cache, keys, stats)
    finally:
        if paused:
            gc.enable()


def _parse_all(files: Sequence[m.SourceFile], jobs: Optional[int], cache, known_keys,
               stats: Sequence) -> List[m.ModuleFacts]:
    facts: List[Optional[m.ModuleFacts]] = [None] * len(files)
    keys: List[Optional[str]] = list(known_keys) if known_keys is not None else [None] * len(files)
    if cache is not None:
        for i, source in enumerate(files):
            if known_keys is None:
                keys[i] = cache.key(source)
            facts[i] = cache.get(source, keys[i])
    todo = [i for i, f in enumerate(facts) if f is None]
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    parsed: Optional[List[tuple]] = None  # (facts, the same pickled, or None) per file to parse
    if jobs > 1 and len(todo) > PARALLEL_MIN_FILES:
        try:
            sizes = [_size(files[i], stats[i] if len(stats) == len(files) else None) for i in todo]
            parsed = _parse_parallel([files[i] for i in todo], jobs, sizes)
        except Exception:  # no processes, a broken pool, a pickling problem: parse here instead
            parsed = None
    if parsed is None:
        parsed = [(parse_file(files[i]), None) for i in todo]
    for i, (result, payload) in zip(todo, parsed):
        facts[i] = result
        if cache is not None:
            cache.put(files[i], keys[i], result, payload)
    if cache is not None:
        cache.flush()
    return facts  # type: ignore[return-value]


def check(paths: Sequence[str], config: Config = Config()) -> m.Report:
    import gc

    try:
        return _check(paths, config)
    finally:
        gc.unfreeze()  # see _check: what was frozen is garbage now, or the caller's own data


class _Timings:
    """Wall time per stage, printed to stderr when CYCLECHECK_TIMINGS is set (for benchmarks/run.py);
    with CYCLECHECK_TIMINGS=rss, also the process's peak resident memory after each stage."""

    def __init__(self) -> None:
        import time

        self.clock = time.perf_counter
        self.last = self.clock()
        self.stages: List[tuple] = []
        self.peaks: List[tuple] = []
        self.rss = os.environ.get("CYCLECHECK_TIMINGS") == "rss"

    def lap(self, stage: str) -> None:
        now = self.clock()
        self.stages.append((stage, now - self.last))
        self.last = now
        if self.rss:
            import resource  # (Unix; ru_maxrss is in KiB on Linux)

            self.peaks.append((stage, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024))

    def report(self) -> None:
        if os.environ.get("CYCLECHECK_TIMINGS"):
            import sys

            laps = " ".join(f"{stage}={seconds:.3f}" for stage, seconds in self.stages)
            print(f"cyclecheck timings (s): {laps}", file=sys.stderr)
            if self.peaks:
                peaks = " ".join(f"{stage}={mib}" for stage, mib in self.peaks)
                print(f"cyclecheck peak RSS (MiB): {peaks}", file=sys.stderr)


def _check(paths: Sequence[str], config: Config) -> m.Report:
    import gc

    from .cache import open_cache

    timings = _Timings()
    given = tuple(config.roots) + tuple(paths)
    cache = open_cache(import_roots(given), config.cache_dir, config.use_cache)
    listings = cache.listings() if cache is not None else None
    found = discover(given, config.exclude, listings)
    if cache is not None:
        cache.keep_listings(listings)
    keys = cache.keys(found.files, found.stats) if cache is not None else None
    run_inputs = _run_inputs(keys, paths, config, found) if cache is not None else None
    report_keys = _result_keys(cache, "reports", run_inputs, found, keys) if cache is not None else None
    cached = cache.get_result(report_keys, m.Report) if cache is not None else None
    timings.lap("discover")
    if cached is not None:
        timings.report()
        return cached
    # only now: a cached report needs none of these
    from . import advice, parsing, suppress
    from .cycles import IMPORT_TIME, find_components
    from .entries import find_entries
    from .findings import DEFERRED as DEFERRED_CODE
    from .findings import cycle_findings, sort_findings
    from .graph import build_graph, world_key

    # The facts (millions of small tuples) live until the end and hold no cycles: moved out of the
    # cyclic collector's sight as soon as they exist (before it is back on, or its first pass would
    # scan them all), every later stage is cheaper (graph building 2-3x) and no garbage is kept.
    collecting = gc.isenabled()
    gc.disable()
    try:
        facts = parse_all(found.files, config.jobs, cache, keys, found.stats)
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
    timings.lap("parse")
    # Same facts as a stored run, and the same text in every file that run read (for roles and
    # snippets): its report stands. This is how an edited comment or literal skips the analysis.
    digests = [cache.digests.get(s.module) for s in found.files] if cache is not None else []
    analysis_keys = _result_keys(cache, "analysis", run_inputs, found, digests) if cache is not None else None
    by_path = dict(zip((s.path for s in found.files), keys or ()))
    analysed = cache.get_result(analysis_keys, tuple) if cache is not None else None
    if analysed is not None and len(analysed) == 2 and isinstance(analysed[1], m.Report) and all(
            by_path.get(path, ...) == key for path, key in analysed[0]):
        cache.put_result(report_keys, analysed[1])
        timings.lap("report")
        timings.report()
        return analysed[1]
    errors = list(found.errors) + [f.error for f in facts if f.error is not None]
    if cache is not None and run_inputs is not None:  # modules whose facts are unchanged keep their resolution
        world = world_key(facts)
        graph = build_graph(facts, cache.resolutions(run_inputs[0], world, facts))
        cache.keep_resolutions(run_inputs[0], world, facts, graph.resolved)
    else:
        graph = build_graph(facts)
    components = find_components(graph.graph, config.max_cycles)
    timings.lap("graph")

    entries = find_entries(found.roots, facts, config.entries)
    entry_order: dict = {}
    for entry in entries:
        entry_order.setdefault(entry.module, len(entry_order))
    # While the simulation's workers run, this process does what it can of the analysis (roles.Ahead):
    # all of it when it can guess the modules of interest (those of the last run), else astroid's set-up
    from .roles import Ahead

    guess_keys = cache.result_keys("guesses", run_inputs[0], ()) if run_inputs is not None else None
    guess = cache.get_result(guess_keys, tuple) if guess_keys is not None else None
    if guess is not None and not all(isinstance(name, str) for name in guess):
        guess = None
    ahead = Ahead(facts, guess, {name for c in components for cycle in c.cycles if cycle.kind == IMPORT_TIME
                                 for name in cycle.modules},
                  cache.slot("roles", run_inputs[0]) if run_inputs is not None else None)
    crashing: List[m.Finding] = []
    if config.simulate:
        # the simulation reads nothing but the facts (and the entry points, from run_inputs): when no
        # file's facts changed since the last run (an edited comment or literal), its findings stand
        sim_keys = _result_keys(cache, "simulation", run_inputs, found, digests) if cache is not None else None
        stored = cache.get_result(sim_keys, tuple) if cache is not None else None
        if stored is not None:
            crashing, sim_errors = list(stored[0]), list(stored[1])
        else:
            crashing, sim_errors = _simulate(facts, graph, entries, entry_order, config.jobs, cache, run_inputs,
                                              ahead.run)
            if cache is not None:
                cache.put_result(sim_keys, (tuple(crashing), tuple(sim_errors)))
        errors += sim_errors
    findings = sort_findings(crashing + cycle_findings(components, crashing), entry_order)
    timings.lap("simulate")
    # Flask/Celery roles of the modules, CC106 shadowed libraries, and a concrete fix on every finding
    # that will be shown (hidden deferred cycles are counted, not explained: they are most of them)
    hidden = [] if config.show_deferred else [f for f in findings if f.code == DEFERRED_CODE]
    advised = [f for f in findings if f.code != DEFERRED_CODE or config.show_deferred]
    interest = tuple(sorted(advice.modules_of_interest(advised)))
    if cache is not None and interest != guess:
        cache.put_result(guess_keys, interest)  # the next run's guess
    with parsing.recording_reads() as read:  # the files whose text the rest reads: inputs of the analysis cache
        memo = cache.slot("advice", run_inputs[0]) if run_inputs is not None else None
        failures: List[str] = []
        findings, roles = advice.advise(advised, facts, graph, components, ahead, memo, failures)
        errors += [m.ParseError(found.roots[0] if found.roots else ".", 0,
                                f"internal error in the Flask/Celery role analysis ({failure}); the fixes shown "
                                f"are the ones that need no roles") for failure in failures]
        timings.lap("advise")
        findings = suppress.apply(sort_findings(findings + hidden, entry_order), config, facts, graph, entry_order)
        shown = advice.complete([f for f in findings if f.severity != m.INFO or config.show_deferred], facts)
    reads = sorted(set(read))
    kinds = Counter(f.kind for f in findings)
    stats = m.Stats(
        files=len(found.files),
        modules=graph.graph.number_of_nodes(),
        edges=graph.graph.number_of_edges(),
        external_imports=graph.external_imports,
        components=len(components),
        findings_by_kind=tuple(sorted(kinds.items())),
    )
    report = m.Report(
        roots=found.roots,
        stats=stats,
        findings=tuple(shown),
        errors=tuple(sorted(errors, key=lambda e: (e.path, e.line, e.message))),
        hidden=len(findings) - len(shown),
        roles=roles,
    )
    if cache is not None and not failures:  # (a failed role analysis may be a passing state: not kept)
        cache.put_result(report_keys, report)
        if all(path in by_path for path in reads):
            cache.put_result(analysis_keys, (tuple((path, by_path[path]) for path in reads), report))
    timings.lap("report")
    timings.report()
    return report


def _simulate(facts, graph, entries, entry_order, jobs, cache=None, run_inputs=None, meanwhile=None) -> tuple:
    """Crash findings (CC001/CC002/CC004) from simulating every start and entry point, and the
    internal errors met on the way (as ParseErrors). With a cache, a start's outcome stored by an
    earlier run is reused when none of the modules its run consulted has changed since. `meanwhile`:
    see run_many_parallel."""
    from .entries import worker_modules
    from .findings import crash_findings
    import functools

    from .cache import previous_facts
    from .simulate import MAX_STEPS, Simulator, run_many_parallel, run_many_reusing, runtime_reachers

    reachers = runtime_reachers(graph.graph, facts)
    simulator = Simulator(facts, may_reach_cycle=set(reachers))
    starts = sorted(set(reachers) | {e.module for e in entries})
    if cache is not None and run_inputs is not None:
        keys = cache.result_keys("starts", run_inputs[0], [])  # one file per question, whatever the inputs
        signatures = _signatures(simulator, facts, cache.digests)
        outcomes, runs = run_many_reusing(simulator, starts, jobs, signatures, cache.get_result(keys, tuple),
                                          functools.partial(previous_facts, cache), meanwhile)
        cache.put_result(keys, runs)
    else:
        outcomes = run_many_parallel(simulator, starts, jobs, meanwhile)
    entry_runs = []
    for entry in entries:
        # (the task modules of the Celery app this worker starts: declared by what its start imports)
        tasks = worker_modules(facts, _imported_by(graph.graph, entry.module)) if entry.worker else []
        # (an entry point's command line is not `python -c`: a test of sys.argv stays undecided there)
        if entry.as_script:
            entry_runs.append((entry, simulator.run(entry.module, as_main=True, as_module=entry.as_module)))
        else:
            entry_runs.append((entry, simulator.run(entry.module, then=tasks, plain=False)))
    crashing = crash_findings(outcomes.values(), entry_runs, entry_order)
    errors = []
    for outcome in list(outcomes.values()) + [run for _, run in entry_runs]:
        path = graph.paths.get(outcome.start, outcome.start)
        if outcome.internal_error:
            errors.append(m.ParseError(path, 0, f"internal error while simulating `import {outcome.start}` "
                                                f"(please report): {outcome.internal_error}"))
        elif outcome.undecided:
            errors.append(m.ParseError(path, 0, f"simulating `import {outcome.start}` did not finish within "
                                                f"{MAX_STEPS:,} steps: no crash is predicted from it, none ruled out"))
    return crashing, list(dict.fromkeys(errors))  # an entry point's run can be a start's run too


def _imported_by(graph, module: str) -> set:
    """`module`, its packages, and every module their imports can reach (any scope: a factory's
    `Celery(include=...)` runs when it is called)."""
    import networkx as nx

    from .graph import ancestors

    starts = [name for name in [module] + ancestors(module) if name in graph]
    return {module}.union(*(nx.descendants(graph, name) | {name} for name in starts))


def _signatures(simulator, facts, digests) -> dict:
    """What the simulator reads of each module, summed up for `run_many_reusing`: the digest of its facts
    (None when unknown), its source, whether it is simulated and its submodules."""
    counts = Counter(fact.source.module for fact in facts)
    signatures = {}
    for name, fact in simulator.facts.items():
        if name in simulator.synthetic:
            digest = "namespace package"
        else:
            digest = digests.get(name) if counts[name] == 1 else None  # (two files of one name: not known)
        signatures[name] = None if digest is None else (
            digest, fact.source.path, fact.source.root, fact.source.is_package, name in simulator.may_reach_cycle,
            tuple(simulator.children.get(name, ())))
    return signatures


def _run_inputs(keys, paths: Sequence[str], config: Config, found) -> Optional[tuple]:
    """What a run's results are computed from besides the facts: (question, inputs), see cache.py;
    None when some file cannot be read (its error may not be the same next time)."""
    import dataclasses

    from .cache import file_digest
    from .entries import command_files, pyproject_files

    if any(key is None for key in keys):
        return None
    question = repr((os.getcwd(), [os.path.abspath(p) for p in paths],
                     dataclasses.replace(config, jobs=None, use_cache=True, cache_dir=None)))
    inputs = [repr(found.roots), repr(found.errors)]
    side = command_files(found.roots) + pyproject_files(found.roots) + ([config.baseline] if config.baseline else [])
    inputs += [f"{path}\0{file_digest(path)}" for path in side]
    return question, inputs


def _result_keys(cache, kind: str, run_inputs, found, per_file: Sequence[Optional[str]]) -> Optional[tuple]:
    """The cache keys of a result computed from `run_inputs` and one value per file (its bytes' key,
    or its facts' digest); None when some file has none."""
    if run_inputs is None or any(value is None for value in per_file):
        return None
    question, inputs = run_inputs
    files = [f"{s.path}\0{s.module}\0{int(s.is_package)}\0{value}" for s, value in zip(found.files, per_file)]
    return cache.result_keys(kind, question, inputs + files)
