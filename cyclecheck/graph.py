"""Module facts -> the project's import graph (a networkx.DiGraph, importer -> imported).

Imports are resolved the way CPython resolves them: relative imports against the
importer's package, `from pkg import name` to the submodule `pkg.name` when that
module exists, and `import a.b.c` also to the packages `a` and `a.b` that run first
(edges marked `implicit`). Imports of modules outside the project are counted only.
"""

from __future__ import annotations

import _imp
import re
import sys
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from . import model as m

SCOPE_ORDER = {m.MODULE: 0, m.FUNCTION: 1, m.TYPE_CHECKING: 2}


def package_of(module: str, is_package: bool) -> str:
    return module if is_package else module.rpartition(".")[0]


def fill_template(template: str, name: str, module: str, is_package: bool) -> str:
    """A dynamic import's target with `{__name__}` (the running name: `__main__` for a script)
    and `{__package__}` filled in."""
    return template.replace("{__name__}", name).replace("{__package__}", package_of(module, is_package))


# the string methods a dynamic import's name may call on a parameter (`f"config.{name.title()}Config"`)
PARAMETER_METHODS = frozenset({"lower", "upper", "title", "capitalize", "strip"})


def lookup_entries(entries: str) -> Dict[str, str]:
    """The key=value;... entries of a `{!name|...}` placeholder (see parsing._table_entry), by key."""
    return dict(entry.partition("=")[::2] for entry in entries.split(";"))


def fill_parameters(target: str, value_of: Callable[[str], Optional[str]]) -> Optional[str]:
    """`target` with each parameter it names (`{!name}`, or `{!name.title}` for `name.title()`: see
    parsing's _Extractor.parameter_of; `{!name|key=value;...}`: the value of the key given, see
    parsing._table_entry) replaced by value_of(name); None when that is None for one."""
    pieces = target.split("{!")
    out = [pieces[0]]
    for piece in pieces[1:]:
        field, brace, rest = piece.partition("}")
        field, table, entries = field.partition("|")  # (`{!name|a=app.a;b=app.b}`: `TABLE[name]` of a dict)
        name, _, method = field.partition(".")
        value = value_of(name) if brace else None
        if value is not None and table:
            value = lookup_entries(entries).get(value)
        if value is None or (method and method not in PARAMETER_METHODS):
            return None
        out.append((getattr(value, method)() if method else value) + rest)
    return "".join(out)


# top-level names a project file is never imported by (see interpreter_owned): the built-in and frozen
# modules, and those every start imports before any code runs, frozen or not (encodings: the codecs')
OWNED = frozenset(sys.builtin_module_names) | frozenset(
    name for name in getattr(sys, "stdlib_module_names", ()) if _imp.is_frozen(name)) | frozenset(
    {"encodings", "site", "abc", "codecs", "io", "os", "stat"})


def interpreter_owned(module: str) -> bool:
    """Whether a project file of this dotted name is never the module an import of the name gets: its top
    name is one of the interpreter's built-in or frozen modules, found before sys.path is searched, or one
    every start has imported before any code runs (`io`, `os`, `site`, `encodings`...). A project's io.py
    never runs as `io`; `import io` anywhere gets the standard library's."""
    return module.partition(".")[0] in OWNED


def absolute_target(raw: m.RawImport, module: str, is_package: bool) -> Optional[str]:
    """The absolute dotted name an import statement names (None if it climbs past the top)."""
    if raw.kind in ("dynamic", "walk", "walk-all"):
        return fill_template(raw.target, module, module, is_package)
    return absolute_name(raw.target, raw.level, module, is_package)


def absolute_name(target: str, level: int, module: str, is_package: bool) -> Optional[str]:
    """The absolute dotted name `target` after `level` leading dots names in `module` (None if it
    climbs past the top)."""
    if level == 0:
        return target
    package = package_of(module, is_package)
    parts = package.split(".") if package else []
    if level - 1 > len(parts) or (level - 1 == len(parts) and not target):
        return None
    base = parts[: len(parts) - (level - 1)]
    if not base and not target:
        return None
    return ".".join(base + ([target] if target else []))


TABLE_KEY = re.compile(r"[\w-]+\Z")  # a key of a table of classes (see parsing._class_tables): no dot, bracket or NUL


def expand_exported(target: str, modules: Set[str], exported: Dict[str, Dict[str, Tuple[str, ...]]]
                    ) -> Tuple[List[str], Optional[str]]:
    """A dynamic import's target made in a loop over a list another module exports (parsing puts
    `{=app.settings.BLUEPRINTS}` for the loop variable): one target per string of that list, and the
    module that holds it, whose longest name the path starts with (`app.config.Config.BLUEPRINTS`: the
    class attribute of app.config); no target when no module exports it. Other targets: as they are.

    A table's key still a parameter (`{=app.config.config[{!config_name}].BLUEPRINTS}`, the simulation fills
    it in first) stands for every key of the table: the strings of all their lists, in the order of the keys."""
    start = target.find("{=")
    end = target.find("}", start)
    if start < 0 or end < 0:
        return [target], None
    if "{!" in target[start:end]:  # (the parameter's own braces come first)
        end = target.find("}", end + 1)
        if end < 0:
            return [], None
    parts = target[start + 2:end].split(".")
    for cut in range(len(parts) - 1, 0, -1):
        owner = ".".join(parts[:cut])
        if owner in modules:
            path, lists = ".".join(parts[cut:]), exported.get(owner, {})
            values = lists.get(path)
            if values is None and "{!" in path:
                head, _, rest = path.partition("{!")
                tail = rest.partition("}")[2]
                keys = [key for key in sorted(lists) if key.startswith(head) and key.endswith(tail)
                        and TABLE_KEY.match(key[len(head):len(key) - len(tail)])]
                values = tuple(dict.fromkeys(value for key in keys for value in lists[key]))
            return [target[:start] + value + target[end + 1:] for value in values or ()], owner
    return [], None


def ancestors(name: str) -> List[str]:
    """`a.b.c` -> ["a", "a.b"]."""
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


_TOPS: Dict[int, Set[str]] = {}


def _tops(modules: Set[str]) -> Set[str]:
    """Top-level names of the project (namespace packages have no module of their own)."""
    key = id(modules)
    if key not in _TOPS:
        _TOPS.clear()
        _TOPS[key] = {n.partition(".")[0] for n in modules}
    return _TOPS[key]


@dataclass(frozen=True)
class Target:
    module: str
    implicit: bool
    names: Tuple[str, ...]


def resolve(raw: m.RawImport, module: str, is_package: bool, modules: Set[str],
            all_names: Optional[Dict[str, Tuple[str, ...]]] = None,
            exported: Optional[Dict[str, Dict[str, Tuple[str, ...]]]] = None) -> Tuple[List[Target], bool]:
    """Project modules an import statement runs, and whether it names anything outside the project."""
    target = absolute_target(raw, module, is_package)
    if target is None:
        return [], False
    found: Dict[str, Target] = {}

    def add(name: str, implicit: bool, names: Tuple[str, ...] = ()) -> None:
        if name not in modules or (name == module and (implicit or not names)):
            return  # a module reading names from itself (`from p import x` in p) keeps its self-loop
        if implicit and (module.startswith(name + ".")):
            return  # a package of the importer itself has always run before the importer
        old = found.get(name)
        if old is None or (old.implicit and not implicit):
            found[name] = Target(name, implicit, names)
        elif not implicit:
            found[name] = Target(name, False, old.names + names)

    if raw.kind in ("walk", "walk-all"):  # pkgutil.iter_modules over a package, importing each submodule
        prefix = target + "."
        for name in sorted(modules):
            if name.startswith(prefix) and (raw.kind == "walk-all" or "." not in name[len(prefix):]):
                add(name, False)
        return sorted(found.values(), key=lambda t: t.module), False
    if raw.kind == "dynamic" and "{!" in target and "{=" not in target:
        # named by a parameter with no literal default: no edge,
        head, _, rest = target.partition("{!")
        field, _, tail = rest.partition("}")
        if "|" not in field or "{" in head + tail:
            return [], False
        for value in lookup_entries(field.partition("|")[2]).values():  # but one per entry of `TABLE[name]`
            each = head + value + tail
            for parent in ancestors(each):
                add(parent, True)
            add(each, False)
        return sorted(found.values(), key=lambda t: t.module), False
    if raw.kind == "dynamic" and "{=" in target:  # a module per string of a list another module exports
        for each in expand_exported(target, modules, exported or {})[0]:
            each = each.partition(":")[0]  # (`import_string(path)` over "app.views:bp": the module app.views)
            for parent in ancestors(each):
                add(parent, True)
            add(each, False)
        return sorted(found.values(), key=lambda t: t.module), False
    for parent in ancestors(target):
        add(parent, True)
    if raw.kind in ("import", "dynamic"):
        add(target, False)
    else:
        read_from_target = []
        names = list(raw.names)
        if any(n == "*" for n, _ in names) and all_names and all_names.get(target):
            # `from pkg import *` also imports the submodules that pkg.__all__ names
            names += [(n, None) for n in all_names[target] if f"{target}.{n}" in modules]
        for name, _ in names:
            sub = f"{target}.{name}" if target else name
            if name != "*" and sub in modules:
                if target:
                    add(target, True)
                add(sub, False, (name,))
            else:
                read_from_target.append(name)
        if read_from_target and target:
            add(target, False, tuple(read_from_target))
    top = target.partition(".")[0]
    external = not found and top not in modules and top not in _tops(modules)
    return sorted(found.values(), key=lambda t: t.module), external


@dataclass
class ImportGraph:
    graph: "object"  # networkx.DiGraph; edge attribute "sites": tuple of ImportSite
    external_imports: int
    paths: Dict[str, str]
    suppressed: Tuple[m.ImportSite, ...] = ()  # sites left out by a `# cyclecheck: ignore` (all codes)
    # module -> what its imports resolved to (see Resolved), for the cache to keep (check.py)
    resolved: Dict[str, "Resolved"] = field(default_factory=dict, repr=False, compare=False)


# What one module's imports resolve to: ((imported, its sites in order), ...) by imported module,
# the sites a `# cyclecheck: ignore` leaves out, and how many statements name outside modules.
# Plain tuples: the cache stores them per module (they depend on the module's facts and on the
# project's module names and literal `__all__`s alone, see world_key).
Resolved = Tuple[Tuple[Tuple[str, Tuple[m.ImportSite, ...]], ...], Tuple[m.ImportSite, ...], int]


def world_key(facts: Sequence[m.ModuleFacts]) -> str:
    """What a module's resolution depends on besides its own facts: the project's module names, their
    literal `__all__`s (which `from pkg import *` follows to submodules) and the lists they export (which
    a loop of dynamic imports in another module can go over)."""
    from .cache import bytes_digest  # (its blake2b: hashlib would load OpenSSL's hashes)

    ordered = sorted(facts, key=lambda f: f.source.module)
    text = "".join(f"{fact.source.module}\0{fact.all_names!r}\0{fact.exported_lists!r}\n" for fact in ordered)
    return bytes_digest(text.encode("utf-8", "surrogatepass"))


def resolve_module(fact: m.ModuleFacts, modules: Set[str],
                   all_names: Optional[Dict[str, Tuple[str, ...]]] = None,
                   exported: Optional[Dict[str, Dict[str, Tuple[str, ...]]]] = None) -> Resolved:
    """What the module's import statements resolve to, in the project of these module names."""
    module, path = fact.source.module, fact.source.path
    external = 0
    sites: Dict[str, List[m.ImportSite]] = {}
    suppressed: List[m.ImportSite] = []
    make = getattr(m, "make_ImportSite", m.ImportSite)  # (positional: sets the slots directly)
    for raw in fact.imports:
        targets, is_external = resolve(raw, module, fact.source.is_package, modules, all_names, exported)
        external += is_external
        dynamic = raw.kind in ("dynamic", "walk", "walk-all")
        for target in targets:
            site = make(module, target.module, path, raw.line, raw.col, raw.statement, raw.scope, raw.guarded,
                        target.implicit, dynamic, target.names)
            if raw.suppressed == ():
                suppressed.append(site)
            else:
                sites.setdefault(target.module, []).append(site)
    edges = tuple((imported, tuple(sorted(sites[imported], key=site_key))) for imported in sorted(sites))
    return edges, tuple(suppressed), external


def build_graph(facts: Sequence[m.ModuleFacts], known: Optional[Dict[str, Resolved]] = None) -> ImportGraph:
    """The import graph of these modules. `known`: modules whose resolution is already at hand (the
    cache's, valid for these facts and this world_key): they are not resolved again."""
    import networkx as nx

    modules = {f.source.module for f in facts if not interpreter_owned(f.source.module)}
    all_names = {f.source.module: f.all_names for f in facts if f.all_names}
    exported = {f.source.module: dict(f.exported_lists) for f in facts if f.exported_lists}
    graph = nx.DiGraph()
    external = 0
    suppressed: List[m.ImportSite] = []
    resolved: Dict[str, Resolved] = {}
    ordered = sorted(facts, key=lambda f: f.source.module)
    for fact in ordered:
        graph.add_node(fact.source.module, path=fact.source.path)
    for fact in ordered:
        module = fact.source.module
        entry = known.get(module) if known else None
        if entry is None:
            entry = resolve_module(fact, modules, all_names, exported)
        resolved[module] = entry
        edges, left_out, count = entry
        external += count
        suppressed.extend(left_out)
        for imported, edge_sites in edges:
            graph.add_edge(module, imported, sites=edge_sites, scope=strongest_scope(edge_sites))
    return ImportGraph(graph, external, {f.source.module: f.source.path for f in facts}, tuple(suppressed),
                       resolved)


def site_key(site: m.ImportSite):
    return (SCOPE_ORDER[site.scope], site.implicit, site.line, site.col, site.imported)


def strongest_scope(sites: Iterable[m.ImportSite]) -> str:
    return min((s.scope for s in sites), key=SCOPE_ORDER.__getitem__)
