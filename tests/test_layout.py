"""The layout the README draws: dependencies run one way, places ← catalogue ← shop ←
villages, with no import circle and nothing of the site importing demo data, benchmarks
or tests. Every import counts, including those inside functions."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = {
    "places": ROOT / "site" / "places",
    "catalogue": ROOT / "catalogue",
    "shop": ROOT / "site" / "shop",
    "villages": ROOT / "villages",
    "config": ROOT / "site" / "config",
    "demo": ROOT / "site" / "demo",
}
LAYERS = ["places", "catalogue", "shop", "villages"]  # each may import those before it
NOT_FOR_THE_SITE = {"demo", "benchmarks", "tests"}


def _module_name(path: Path, package: str) -> str:
    parts = path.relative_to(PACKAGES[package]).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((package, *parts))


def _modules() -> dict[str, Path]:
    found = {}
    for package, folder in PACKAGES.items():
        for path in folder.rglob("*.py"):
            if "migrations" not in path.parts:
                found[_module_name(path, package)] = path
    return found


def _imports(name: str, path: Path) -> set[str]:
    """Absolute names of everything the module imports, anywhere in its body."""
    is_package = path.name == "__init__.py"
    here = name.split(".") if is_package else name.split(".")[:-1]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


MODULES = _modules()
GRAPH = {
    name: {
        other for other in _imports(name, path) if other in MODULES and other != name
    }
    for name, path in MODULES.items()
}
RAW_IMPORTS = {name: _imports(name, path) for name, path in MODULES.items()}


def _top(name: str) -> str:
    return name.split(".")[0]


@pytest.mark.parametrize("layer", LAYERS)
def test_dependencies_run_one_way(layer):
    above = set(LAYERS[LAYERS.index(layer) + 1 :]) | {"config", "demo"}
    wrong = sorted(
        f"{name} imports {imported}"
        for name, imports in RAW_IMPORTS.items()
        if _top(name) == layer
        for imported in imports
        if _top(imported) in above
    )
    assert wrong == []


def test_the_site_never_imports_demo_data_benchmarks_or_tests():
    wrong = sorted(
        f"{name} imports {imported}"
        for name, imports in RAW_IMPORTS.items()
        if _top(name) not in NOT_FOR_THE_SITE
        for imported in imports
        if _top(imported) in NOT_FOR_THE_SITE
    )
    assert wrong == []


def test_models_never_import_views():
    def is_model(name: str) -> bool:
        return ".models" in name or name.endswith("models")

    def is_view(name: str) -> bool:
        last = name.rsplit(".", 1)[-1]
        return last in {"views", "urls", "browse"} or last.endswith("_views")

    wrong = sorted(
        f"{name} imports {other}"
        for name, others in GRAPH.items()
        if is_model(name)
        for other in others
        if is_view(other)
    )
    assert wrong == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in graph.get(node, ()):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circle():
    assert _cycles(GRAPH) == []


def test_the_checker_sees_a_circle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [
        ["a", "b", "c"]
    ]
