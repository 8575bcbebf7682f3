"""The tree is the pipeline: each stage imports only from the stages before it (and `contracts`),
and no module imports itself back through others, lazily or not."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "assistant"

# The pipeline, in order. A module may import from its own stage and any stage before it.
STAGES = [
    "config",
    "records",
    "contracts",
    "models",
    "storage",
    "ingest",
    "understand",
    "retrieve",
    "personal",
    "compose",
    "dialogue",
    "assistant",  # the composition root: assistant/assistant.py
    "serve",
    "evaluation",
    "cli",
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """Every assistant module this file imports, at any depth (lazy imports count too), except
    under `if TYPE_CHECKING:`, which never runs."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            type_only.update(id(n) for n in ast.walk(node))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("assistant"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in ALL_MODULES else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("assistant"))
    return found


ALL_FILES = sorted(PACKAGE.rglob("*.py"))
ALL_MODULES = {module_name(p) for p in ALL_FILES}


def graph() -> dict[str, set[str]]:
    edges = {module_name(p): imports_of(p) for p in ALL_FILES}
    # Importing a.b.c runs a/__init__ and a/b/__init__ first.
    for deps in edges.values():
        for dep in list(deps):
            parts = dep.split(".")
            deps.update(
                ".".join(parts[:i]) for i in range(2, len(parts)) if ".".join(parts[:i]) in ALL_MODULES
            )
    for module, deps in edges.items():
        # A package's own __init__ runs before its modules: not an edge back from them.
        deps.difference_update(m for m in list(deps) if module == m or module.startswith(m + "."))
    return edges


def stage_of(module: str) -> int:
    top = module.split(".")[1] if "." in module else module
    assert top in STAGES, f"{module}: assistant/{top} is not a stage; add it to STAGES in the right place"
    return STAGES.index(top)


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    colour: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        colour[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if colour.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in colour and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        colour[node] = 2
        return None

    for start in sorted(edges):
        if start not in colour and (cycle := visit(start)):
            return cycle
    return None


def test_graph_sees_imports() -> None:
    edges = graph()
    assert "assistant.contracts" in edges["assistant.dialogue.manager"]
    assert len(edges) > 60


def test_no_import_cycles() -> None:
    cycle = find_cycle(graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: module_name(p))
def test_stage_imports_only_earlier_stages(path: Path) -> None:
    module = module_name(path)
    if module == "assistant":
        return
    mine = stage_of(module)
    later = sorted(d for d in imports_of(path) if d != "assistant" and stage_of(d) > mine)
    assert not later, f"{module} imports later stages: {later}"
