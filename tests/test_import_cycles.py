"""No module of est_data imports one that imports it back (issue 17), directly or through others.

The test reads every module's `import` statements with `ast` — at module level and inside functions
(a lazy import still ties the two modules together) — and asks `graphlib` (standard library) for an
order; a circle makes that impossible and is named in the failure. A package's own `__init__` is not
counted as imported by its submodules (Python runs it first, but it is no dependency of theirs).
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "est_data"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "vendor" not in p.parts}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The est_data modules that `name` imports anywhere in its file."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = alias.name
                while target and target not in known:  # `import est_data.x.y` of a name inside a module
                    target = target.rpartition(".")[0]
                if target:
                    found.add(target)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from the package of this module
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if not source.startswith("est_data"):
                continue
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                found.add(sub if sub in known else source)  # a submodule, else a name of the module
    found.discard(name)
    return {m for m in found if m in known}


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def test_the_graph_sees_function_level_and_package_imports():
    graph = import_graph()
    # db.py's pre-migration backup imports backup.py, which does not import db.py back.
    assert "est_data.backup" in graph["est_data.db"] and "est_data.db" not in graph["est_data.backup"]
    # A lazy import inside a function is an edge: cli's main imports queue_import from cli.imports.
    assert "est_data.cli.imports" in graph["est_data.cli"]
    # `from est_data.charts import maps` names the submodule, not the package.
    assert "est_data.charts.maps" in graph["est_data.ui.mapview"]
    assert "est_data.db" in graph["est_data.restore"] and "est_data.backup" in graph["est_data.restore"]


def test_no_import_circles():
    sorter = graphlib.TopologicalSorter(import_graph())
    try:
        sorter.prepare()
    except graphlib.CycleError as err:
        pytest.fail("import circle: " + " -> ".join(err.args[1]))


def test_a_circle_is_found(tmp_path):
    """The check itself: two modules that import each other (db.py and backup.py before issue 17) fail it."""
    graph = {"est_data.db": {"est_data.backup"}, "est_data.backup": {"est_data.db"}}
    with pytest.raises(graphlib.CycleError):
        graphlib.TopologicalSorter(graph).prepare()
