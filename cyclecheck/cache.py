"""A per-file cache of `ModuleFacts`, so a second run only parses the files that changed,
and a cache of whole reports, so a run on an unchanged project does no analysis at all.

Layout: `.cyclecheck_cache/` next to the first import root (or `--cache-dir DIR`),
holding `CACHEDIR.TAG`, a `.gitignore` of `*`, and `facts.pack`: one file with an
entry per module of the last run (creating a thousand small files costs more than
parsing on some disks). An entry is named after the module's name and absolute path
and holds its key and its pickled facts (the bodies of the module's functions inside
them pickled once more, read only when used: `model.Functions`), and a digest of those. When a run
parsed anything or dropped a module, what changed is written atomically to `facts.delta`, a
file of the entries that differ from the pack's (and the names of those gone), made for that pack
(a random token the pack holds); once those are more than a tenth of the pack, the pack is written
again, whole, and the delta goes. So an edit of one file writes a small file, and entries of deleted
files do not pile up. The key is a hash of the file's bytes, the module name, whether
it is a package, cyclecheck's version, the Python version (the parser's grammar and
`sys.version_info` tests depend on it), the platform (`sys.platform` and `os.name` tests) and `SCHEMA`.

Reading and hashing every file on every run would cost more than the rest of an
unchanged run, so `stat.index` maps each file to the `os.stat` it had when its key was
computed (device, inode, size, mtime, ctime); while those are unchanged, the key is
taken from there (see `FactsCache.keys`). In the same way, `dirs.index` keeps the
listing of every directory walked, reused while the directory's stat is unchanged.

A report is stored under `reports/`, one file per *question* (the absolute paths
checked, the working directory, every option that shapes the report, cyclecheck's
code, the Python version and the installed astroid's) and holds the key of the *inputs* it was computed from:
the content key of every discovered file, the discovery errors, and the bytes of
every other file the analysis reads (command files such as `Procfile`, the
`pyproject.toml` files near the roots, the baseline). Same question and same inputs
give the same report, so it is returned as it was stored; any change is a miss.
The simulation's findings are stored the same way under `simulation/`, keyed by the
digest of every file's stored facts instead of its bytes: the simulation reads
nothing else, so an edit that leaves the facts alone (a comment, a changed literal)
reuses them. Under `analysis/`, the report is stored with the same key plus the
files whose text the analysis read after parsing (roles, snippets) and their keys:
when those are unchanged too, the report stands without building a graph.
Under `starts/`, one file per question whatever the inputs: the outcome of every start of
the last simulation, with the modules its run consulted and what they were then (and the
names it read, as bit masks over one table: `simulate._Reads`); a start
none of whose modules changed is not simulated again, nor one that never read the name of
a function or plain assignment appended to a module, nor one that never called a function
whose body changed in a module whose statements otherwise only moved to other lines (its
outcome is kept at the new lines), nor one that read none of the names bound by inert
statements inserted among a module's others, imports of libraries among them
(`simulate.inserted_definitions`). See
`simulate.run_many_reusing`: the facts the pack held before are kept for the modules whose
files changed, `FactsCache.previous`.
Under `graph/`, one file per question whatever the inputs: what each module's imports resolved
to (`graph.Resolved`), under the digest of the facts it came from and the module's path, for
the project's modules of the time (`graph.world_key`): an edit resolves only the edited
modules' imports again, unless a module came or went or a literal `__all__` changed.
Under `guesses/`, one file per question holds the last run's modules of interest (those
the analysis of roles starts from): the next run guesses them to begin that analysis while
the simulation runs, and uses it only if the guess proves right (roles.Ahead).
Under `roles/`, one file per question holds the last analysis of roles (`roles.analyse`), with
what it was computed from: the project's module names and paths, the modules it chose to
analyse, astroid's version, and the digest of every module's text it built a tree of; under
`roletexts/`, beside it, those texts themselves. An edit to any other file (most of a large
project's), one that only appends inert statements to those (see `roles._appended`), or one
that only adds or removes their comment and blank lines (see `roles._shifted`, which compares
with the text kept) keeps it, so the analysis is not run again.
Under `advice/`, one file per question holds the answers the suggestions were built from that
are pure functions of what they are keyed by (`advice._Project.remembered`): the snippet that
defers an import, by the digest of its module's text, and how a component's cyclic part splits
without an edge, by the digest of that part's edges. Only the last run's answers are kept.

Everything here is best effort: a missing, corrupt, truncated, foreign or unreadable
entry is a miss, and a directory that cannot be created or written turns the cache
off for the run. Nothing in here ever makes a run fail.

Loading uses an unpickler that only builds the classes of `cyclecheck.model` (and
the plain tuples, strings and numbers they hold), so a planted cache file cannot
make cyclecheck run code: it is still true that cyclecheck never runs anything.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import os
import pickle
import sys
from typing import Dict, List, Optional, Sequence, Tuple

from . import __version__
from . import model as m
from .parsing import Unreadable, read_bytes

try:  # the hash itself, without hashlib loading OpenSSL's (several milliseconds of an unchanged run)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - another Python implementation
    from hashlib import blake2b

SCHEMA = 161  # bump when ModuleFacts or what parsing.py records changes
DIRNAME = ".cyclecheck_cache"
HEADER = b"cyclecheck-facts-pack\n"
PACK = "facts.pack"
DELTA = "facts.delta"
DELTA_SHARE = 0.1  # the most a delta may hold, as a share of the pack's bytes (and of its entries)
INDEX = "stat.index"
DIRS = "dirs.index"
RACY_SECONDS = 2.0  # files changed more recently than this before a run are always read (see keys)
RESULT_HEADER = b"cyclecheck-result\n"
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by cyclecheck.\n"
    "# For information about cache directory tags, see:\n"
    "#\thttps://bford.info/cachedir/\n"
)
# Errors that depend on the machine or the moment rather than on the file's bytes: never cached.
_UNSTABLE_ERRORS = ("cannot read file", "file too large", "too deeply nested")
_ModelUnpickler = m.ModelUnpickler  # builds only cyclecheck.model's classes: data, never code


def default_dir(roots: Sequence[str]) -> Optional[str]:
    """`.cyclecheck_cache` next to (inside) the first import root."""
    return os.path.join(roots[0], DIRNAME) if roots else None


@functools.lru_cache(maxsize=None)
def _code_digest(names: Sequence[str] = ("model.py", "parsing.py")) -> bytes:
    """A digest of the code that decides what facts (or, given every module, reports) look like,
    so that a changed cyclecheck never reads what an older one wrote (even at the same version)."""
    digest = blake2b()
    here = os.path.dirname(os.path.abspath(__file__))
    for name in names:
        try:
            with open(os.path.join(here, name), "rb") as handle:
                digest.update(handle.read())
        except OSError:
            digest.update(name.encode())
    return digest.hexdigest()[:16].encode()


@functools.lru_cache(maxsize=None)
def astroid_version() -> Optional[str]:
    """The text of the installed astroid's version file, read without importing astroid (that takes a
    tenth of a second); None when it cannot be found. The stored analyses of roles, and the reports
    made with them, are astroid's answers: it is part of their keys."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("astroid")
        origin = spec.origin if spec is not None else None
        if origin is None:
            return None
        with open(os.path.join(os.path.dirname(origin), "__pkginfo__.py"), "rb") as handle:
            return handle.read().decode("utf-8", "replace")
    except (OSError, ImportError, ValueError):
        return None


class FactsCache:
    """Get and put the facts of one `SourceFile` at a time (then `flush`); every failure is a miss."""

    def __init__(self, directory: str):
        self.directory = directory
        self.pack_path = os.path.join(directory, PACK)
        self.delta_path = os.path.join(directory, DELTA)
        self.index_path = os.path.join(directory, INDEX)
        self.dirs_path = os.path.join(directory, DIRS)
        self.enabled = True
        self.ready = False  # the directory exists with its tag files
        self.stamp = (f"{SCHEMA}\0{__version__}\0{sys.version_info[0]}.{sys.version_info[1]}\0{sys.platform}\0"
                      f"{os.name}\0".encode() + _code_digest())
        self.pack_header = HEADER + self.stamp.hex().encode("ascii") + b"\n"  # a pack of another stamp: a miss
        self.dirs_header = self.pack_header + _code_digest(("discovery.py",)) + b"\n"
        self.hits = 0
        self.misses = 0
        # module -> digest of its stored facts: equal digests, equal facts (given today's path), so the
        # simulation's findings can be reused when no file's facts changed (a comment, a changed literal)
        self.digests: Dict[str, str] = {}
        # the pack as read: entry -> (key, facts pickled, their digest: see bytes_digest)
        self.stored: Optional[Dict[str, Tuple[str, bytes, str]]] = None
        self.entries: Dict[str, Tuple[str, bytes, str]] = {}  # the pack to write: this run's modules
        self.base: Dict[str, Tuple[str, bytes, str]] = {}  # the pack as read, without its delta
        self.base_token: Optional[str] = None  # ... and its token (None: no pack was read)
        self.previous: Dict[str, bytes] = {}  # module -> its stored facts (pickled) when its file changed since
        self.changed = False
        # the stored resolutions taken back (module -> stored entry), and how many the store held
        self._resolutions: Dict[str, tuple] = {}
        self._resolutions_read = -1

    # -- keys --------------------------------------------------------------------------
    def keys(self, files: Sequence[m.SourceFile], stats: Sequence[Optional[os.stat_result]] = ()) -> List[Optional[str]]:
        """The content key of every file (see `key`). A file whose `os.stat` (taken while discovering it)
        equals the one stored with its key in the stat index keeps that key without being read: device,
        inode, size, mtime and ctime all equal. As git does against "racily clean" files, a file changed
        less than `RACY_SECONDS` before this run is read anyway, since a second write within the clock's
        granularity could leave its times unchanged."""
        stats = list(stats) if len(stats) == len(files) else [None] * len(files)
        from .discovery import signature

        index = self._read_index() if self.enabled else {}
        settled = self._settled()
        fresh: Dict[tuple, Tuple[tuple, str]] = {}
        keys: List[Optional[str]] = []
        for source, st in zip(files, stats):
            name = (source.path, source.module, source.is_package)
            sig = None if st is None else signature(st)
            stored = index.get(name)
            if (sig is not None and isinstance(stored, tuple) and len(stored) == 2 and stored[0] == sig
                    and isinstance(stored[1], str)):
                key: Optional[str] = stored[1]
            else:
                key = self.key(source)
            keys.append(key)
            if key is not None and sig is not None and settled(sig):
                fresh[name] = (sig, key)
        if self.enabled and fresh != index and self.prepare():
            self._store(self.index_path, self.pack_header, fresh)
        return keys

    def listings(self):
        """The directory listings stored by the last run, for `discovery.discover` to reuse."""
        from .discovery import Listings

        stored = _load(self.dirs_path, self.dirs_header) if self.enabled else None
        return Listings(stored=stored if isinstance(stored, dict) else {})

    def keep_listings(self, listings) -> None:
        """Store this run's directory listings, but not those of directories changed less than
        `RACY_SECONDS` ago (an entry added within the clock's granularity could leave the times alone)."""
        settled = self._settled()
        fresh = {d: pair for d, pair in listings.seen.items() if settled(pair[0])}
        if self.enabled and fresh != listings.stored and self.prepare():
            self._store(self.dirs_path, self.dirs_header, fresh)

    def _settled(self):
        """A test of a `discovery.signature`: was the file or directory last changed `RACY_SECONDS`
        or more before now (so that a later change cannot leave its times as they are)?"""
        recent = self.now_ns() - int(RACY_SECONDS * 1e9)
        return lambda sig: max(sig[3], sig[4]) < recent

    @staticmethod
    def now_ns() -> int:
        import time

        return time.time_ns()

    def _read_index(self) -> Dict[tuple, Tuple[tuple, str]]:
        index = _load(self.index_path, self.pack_header)
        return index if isinstance(index, dict) else {}

    def key(self, source: m.SourceFile) -> Optional[str]:
        """The content key of a file, or None when it cannot be read (the parser reports that)."""
        try:
            data = read_bytes(source.path)
        except (OSError, ValueError, Unreadable):
            return None
        digest = blake2b(self.stamp, digest_size=20)
        digest.update(f"{source.module}\0{int(source.is_package)}\0".encode("utf-8", "surrogatepass"))
        digest.update(data)
        return digest.hexdigest()

    @staticmethod
    def _entry(source: m.SourceFile) -> str:
        where = f"{source.module}\0{int(source.is_package)}\0{os.path.abspath(source.path)}"
        return blake2b(where.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    # -- reading -----------------------------------------------------------------------
    def get(self, source: m.SourceFile, key: Optional[str]) -> Optional[m.ModuleFacts]:
        if not self.enabled or key is None:
            return None
        if self.stored is None:
            self.stored = self._read_pack()
        name = self._entry(source)
        entry = self.stored.get(name)
        facts = None
        if entry is not None and entry[0] != key:
            self.previous[source.module] = entry[1]
        if entry is not None and entry[0] == key:
            try:
                facts = _ModelUnpickler(io.BytesIO(entry[1])).load()
            except Exception:  # corrupt or foreign (RecursionError and MemoryError too): a miss
                facts = None
        if not isinstance(facts, m.ModuleFacts):
            self.misses += 1
            return None
        self.hits += 1
        self.entries[name] = entry
        self.digests[source.module] = entry[2]
        error = facts.error
        if error is not None:
            error = m.ParseError(source.path, error.line, error.message)
        # The stored facts carry the path and root of the run that wrote them: show today's.
        return dataclasses.replace(facts, source=source, error=error)

    def _read_pack(self) -> Dict[str, Tuple[str, bytes, str]]:
        """The pack's entries with its delta's applied (when the delta was made for this pack)."""
        # (token, a dict of (str, bytes, str) tuples): the restricted unpickler builds no class at all here
        pack = _load(self.pack_path, self.pack_header)
        if not (isinstance(pack, tuple) and len(pack) == 2 and isinstance(pack[0], str) and _are_entries(pack[1])):
            return {}
        self.base_token, self.base = pack
        delta = _load(self.delta_path, self.pack_header)
        if not (isinstance(delta, tuple) and len(delta) == 3 and delta[0] == self.base_token
                and _are_entries(delta[1]) and isinstance(delta[2], tuple)):
            return dict(self.base)
        merged = dict(self.base)
        merged.update(delta[1])
        for name in delta[2]:
            merged.pop(name, None)
        return merged

    # -- whole reports, analyses and the simulation's findings --------------------------
    def result_keys(self, kind: str, question: str, inputs: Sequence[str]) -> Tuple[str, str]:
        """(entry file, inputs key) of one result of a run (`kind`: "reports", "analysis",
        "simulation", "starts", "graph", "guesses", "roles", "roletexts" or "advice"): see the module docstring."""
        head = (self.stamp + b"\0" + _code_digest(_package_modules()) + b"\0"
                + (astroid_version() or "no astroid").encode("utf-8", "surrogatepass"))
        where = blake2b(head + question.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        digest = blake2b(head, digest_size=20)
        for item in inputs:
            digest.update(item.encode("utf-8", "surrogatepass") + b"\0")
        return os.path.join(self.directory, kind, where), digest.hexdigest()

    def get_result(self, keys: Optional[Tuple[str, str]], kind: type):
        """The stored result of these keys when it is an instance of `kind`, else None."""
        if not self.enabled or keys is None:
            return None
        path, key = keys
        result = _load(path, RESULT_HEADER + key.encode("ascii") + b"\n")
        return result if isinstance(result, kind) else None

    def put_result(self, keys: Optional[Tuple[str, str]], result) -> None:
        if not self.enabled or keys is None or not self.prepare():
            return
        path, key = keys
        self._store(path, RESULT_HEADER + key.encode("ascii") + b"\n", result)

    def slot(self, kind: str, question: str) -> "Slot":
        """One stored result of `kind` per question, found by its inputs (see Slot)."""
        return Slot(self, kind, question)

    # -- what each module's imports resolve to (graph.Resolved) ---------------------------
    def resolutions(self, question: str, world: str, facts: Sequence[m.ModuleFacts]) -> Dict[str, tuple]:
        """The stored resolution of every module whose facts and path are those it was stored with,
        when the project's modules are the same (`world`, graph.world_key); see keep_resolutions."""
        self._resolutions, self._resolutions_read = {}, -1
        if not self.enabled:
            return {}
        stored = self.get_result(self.result_keys("graph", question, ()), tuple)
        if stored is None or len(stored) != 2 or stored[0] != world or not isinstance(stored[1], dict):
            return {}
        found: Dict[str, tuple] = {}
        for fact in facts:
            module = fact.source.module
            entry = stored[1].get(module)
            if not (isinstance(entry, tuple) and len(entry) == 3 and entry[0] == self.digests.get(module)
                    and entry[1] == fact.source.path and isinstance(entry[2], bytes)):
                continue
            try:
                resolved = _ModelUnpickler(io.BytesIO(entry[2])).load()
            except Exception:  # (RecursionError and MemoryError too)
                continue
            if _is_resolution(resolved):
                found[module] = resolved
                self._resolutions[module] = entry
        self._resolutions_read = len(stored[1])
        return found

    def keep_resolutions(self, question: str, world: str, facts: Sequence[m.ModuleFacts],
                         resolved: Dict[str, tuple]) -> None:
        """Store this run's resolutions (`resolved`, module -> graph.Resolved), each under the digest
        of the facts it came from, when any differs from what `resolutions` read."""
        if not self.enabled:
            return
        kept = self._resolutions
        entries: Dict[str, tuple] = {}
        for fact in facts:
            module = fact.source.module
            digest = self.digests.get(module)
            if digest is None or module not in resolved:
                continue
            entry = kept.get(module)
            if entry is None:
                try:
                    entry = (digest, fact.source.path, pickle.dumps(resolved[module], protocol=pickle.HIGHEST_PROTOCOL))
                except (pickle.PicklingError, RecursionError, TypeError, ValueError):
                    continue
            entries[module] = entry
        if len(kept) == len(entries) == self._resolutions_read:
            return  # every module's came from the store, and none was dropped
        self.put_result(self.result_keys("graph", question, ()), (world, dict(sorted(entries.items()))))

    # -- writing -----------------------------------------------------------------------
    def put(self, source: m.SourceFile, key: Optional[str], facts: m.ModuleFacts,
            pickled: Optional[bytes] = None) -> None:
        """Keep `facts` for the pack (`pickled`: the same, already pickled by the worker that parsed
        them) and note their digest; `flush` writes the pack."""
        if not self.enabled or key is None:
            return
        if facts.error is not None and facts.error.message.startswith(_UNSTABLE_ERRORS):
            return
        try:
            if pickled is None:
                pickled = pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, RecursionError, TypeError, ValueError):
            return
        digest = self.digests[source.module] = bytes_digest(pickled)
        self.entries[self._entry(source)] = (key, pickled, digest)
        self.changed = True

    def flush(self) -> None:
        """Write the pack of this run's modules, if it differs from the one read; then let go of the
        pickled facts, which only the pack needed (31 MB on sympy, kept alive until the end of the
        run otherwise). A `get` after this is a miss."""
        stored = self.stored if self.stored is not None else {}
        try:
            if not self.enabled or (not self.changed and set(self.entries) == set(stored)):
                return
            if not self.prepare():
                return
            if self._write_delta():
                self.changed = False
            elif self._store(self.pack_path, self.pack_header, (os.urandom(8).hex(), dict(sorted(self.entries.items())))):
                self.changed = False
                if self.base_token is not None:
                    try:  # (made for the pack just replaced: ignored anyway, see _read_pack)
                        os.unlink(self.delta_path)
                    except OSError:
                        pass
        finally:
            self.stored, self.entries, self.base = {}, {}, {}

    def _write_delta(self) -> bool:
        """Write this run's entries as a delta of the pack read, when it stays small (see DELTA_SHARE)."""
        base = self.base
        if self.base_token is None or not base:
            return False
        changed = {name: entry for name, entry in self.entries.items() if base.get(name) != entry}
        gone = tuple(sorted(set(base) - set(self.entries)))
        if (sum(len(entry[1]) for entry in changed.values()) > DELTA_SHARE * sum(len(e[1]) for e in base.values())
                or len(changed) + len(gone) > DELTA_SHARE * len(base)):
            return False
        return self._store(self.delta_path, self.pack_header, (self.base_token, dict(sorted(changed.items())), gone))

    def _store(self, path: str, header: bytes, value) -> bool:
        """Write `header` and `value` pickled, atomically; False when `value` cannot be pickled."""
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, RecursionError, TypeError, ValueError, MemoryError):
            return False
        self._write(path, header + payload)
        return True

    def prepare(self) -> bool:
        """Create the directory with CACHEDIR.TAG and .gitignore; turn the cache off if we cannot."""
        if self.ready or not self.enabled:
            return self.ready
        try:
            os.makedirs(self.directory, exist_ok=True)
            for name, text in (("CACHEDIR.TAG", CACHEDIR_TAG), (".gitignore", "# created by cyclecheck\n*\n")):
                target = os.path.join(self.directory, name)
                if not os.path.isfile(target):
                    self._write(target, text.encode("ascii"), strict=True)
        except OSError:
            self.enabled = False
            return False
        self.ready = True
        return True

    def _write(self, path: str, payload: bytes, strict: bool = False) -> None:
        """Atomically: a temporary file in the same directory, then `os.replace`."""
        tmp = None
        try:
            directory = os.path.dirname(path)
            os.makedirs(directory, exist_ok=True)
            import tempfile  # (here: an unchanged run writes nothing, and tempfile costs it 5 ms)

            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=directory)
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
            os.replace(tmp, path)
            tmp = None
        except OSError:
            if strict:
                raise
            self.enabled = False  # a read-only or full disk: stop trying for this run
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass


@dataclasses.dataclass(frozen=True)
class Slot:
    """Where a stage keeps one result per question (a later one replaces it), for a stage that knows
    its own inputs: a list of strings, as for `FactsCache.result_keys`. The result is plain data
    (tuples, strings, numbers), as everything the restricted unpickler builds."""

    cache: FactsCache
    kind: str
    question: str

    def get(self, inputs: Sequence[str]) -> Optional[tuple]:
        return self.cache.get_result(self.cache.result_keys(self.kind, self.question, inputs), tuple)

    def put(self, inputs: Sequence[str], result: tuple) -> None:
        self.cache.put_result(self.cache.result_keys(self.kind, self.question, inputs), result)

    def beside(self, kind: str) -> "Slot":
        """A slot of another kind for the same question: something kept beside this one's result."""
        return Slot(self.cache, kind, self.question)


def _package_modules() -> Tuple[str, ...]:
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        return tuple(sorted(name for name in os.listdir(here) if name.endswith(".py")))
    except OSError:
        return ("model.py", "parsing.py")


def _load(path: str, header: bytes):
    """What a cache file holds after `header`, built by the restricted unpickler; None when the file
    is missing, unreadable, of another header (key, stamp), truncated, corrupt or foreign."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return None
    if not data.startswith(header):
        return None
    try:
        return _ModelUnpickler(io.BytesIO(data[len(header):])).load()
    except Exception:  # (RecursionError and MemoryError too)
        return None


def _are_entries(value) -> bool:
    """Whether a stored value has the shape of the pack's entries."""
    return isinstance(value, dict) and all(
        isinstance(v, tuple) and len(v) == 3 and isinstance(v[0], str) and isinstance(v[1], bytes)
        and isinstance(v[2], str) for v in value.values())


def _is_resolution(value) -> bool:
    """Whether a stored value has the shape of a graph.Resolved (the cache only checks the outside)."""
    site = m.ImportSite
    return (isinstance(value, tuple) and len(value) == 3 and isinstance(value[0], tuple)
            and isinstance(value[1], tuple) and type(value[2]) is int
            and all(isinstance(edge, tuple) and len(edge) == 2 and isinstance(edge[0], str)
                    and isinstance(edge[1], tuple) and edge[1] and all(type(s) is site for s in edge[1])
                    for edge in value[0])
            and all(type(s) is site for s in value[1]))


def previous_facts(cache: FactsCache, module: str) -> Optional[Tuple[str, m.ModuleFacts]]:
    """(digest, facts) of a module as the pack held them before its file changed, if it did."""
    data = cache.previous.get(module)
    if data is None:
        return None
    try:
        facts = _ModelUnpickler(io.BytesIO(data)).load()
    except Exception:  # (RecursionError and MemoryError too)
        return None
    return (bytes_digest(data), facts) if isinstance(facts, m.ModuleFacts) else None


def bytes_digest(data: bytes) -> str:
    """The digest the cache gives some bytes: stored facts, a side file, a text (roles)."""
    return blake2b(data, digest_size=20).hexdigest()


def file_digest(path: str) -> str:
    """The bytes of a side file the analysis reads (a Procfile, a pyproject.toml...), for report keys."""
    try:
        with open(path, "rb") as handle:
            return bytes_digest(handle.read())
    except (OSError, ValueError):
        return "unreadable"


def open_cache(roots: Sequence[str], cache_dir: Optional[str], use_cache: bool) -> Optional[FactsCache]:
    if not use_cache:
        return None
    directory = cache_dir or default_dir(roots)
    return FactsCache(directory) if directory else None
