"""The floor plan's import figures: how many imports run upward and how many cycles join sibling packages.

    .venv/bin/python bench/import_floors.py                       # this tree
    .venv/bin/python bench/import_floors.py --root ../old --map moves.json   # an older tree, its modules renamed

The floors are those of .importlinter (docs/architecture.md), bottom to top. An import is upward when the importing
module sits on a lower floor than the imported one; a cycle is a strongly connected group of two or more packages
among the direct children of ``housing`` (with ``publicity`` and ``departments`` beside them). ``--map`` names a
JSON file of {old module: new module} so a tree from before a move is measured against today's floors.
"""

import argparse
import json
import sys
from pathlib import Path

FLOORS = [
    ("housing.groups", "housing.stages", "housing.exceptions", "housing.events"),
    ("housing.rules",),
    ("departments",),
    ("housing.models",),
    ("housing.web",),
    ("housing.cases",),
    ("housing.policy",),
    ("publicity",),
    ("housing.office",),
    ("housing.review", "housing.ranking", "housing.plan", "housing.stock", "housing.selection", "housing.subsidies",
     "housing.tenancy", "housing.sanctions"),
    ("housing.desk",),
    ("housing.api", "housing.demo", "housing.management", "housing.urls", "housing.admin"),
]


def floor_of(module: str) -> int | None:
    for index, names in enumerate(FLOORS):
        if any(module == n or module.startswith(n + ".") for n in names):
            return index
    return None


def package_of(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "housing" and len(parts) > 1 else parts[0]


def renamed(module: str, moves: dict[str, str]) -> str:
    for old in sorted(moves, key=len, reverse=True):
        if module == old or module.startswith(old + "."):
            return moves[old] + module[len(old):]
    return module


def strongly_connected(nodes: set[str], edges: set[tuple[str, str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative enough for a few dozen packages."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    successors = {n: sorted(b for a, b in edges if a == n) for n in nodes}

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in successors[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.add(top)
                if top == node:
                    break
            groups.append(group)

    for node in sorted(nodes):
        if node not in index:
            visit(node)
    return [g for g in groups if len(g) > 1]


def measure(root: Path, moves: dict[str, str]) -> dict:
    sys.path.insert(0, str(root))
    import grimp

    graph = grimp.build_graph("housing", "publicity", "departments", "config", cache_dir=None)
    upward = []
    packages: set[str] = set()
    package_edges: set[tuple[str, str]] = set()
    for importer in graph.modules:
        for imported in graph.find_modules_directly_imported_by(importer):
            new_importer, new_imported = renamed(importer, moves), renamed(imported, moves)
            a, b = floor_of(new_importer), floor_of(new_imported)
            if a is not None and b is not None and a < b:
                upward.append((importer, imported))
            pa, pb = package_of(new_importer), package_of(new_imported)
            if pa != pb and not pa.startswith("config") and not pb.startswith("config"):
                packages.update((pa, pb))
                package_edges.add((pa, pb))
    cycles = strongly_connected(packages, package_edges)
    return {"modules": len(graph.modules), "upward_imports": len(upward), "upward": sorted(upward),
            "package_cycles": len(cycles), "cycles": [sorted(c) for c in cycles]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--map", type=Path, help="JSON {old module: new module} for a tree from before a move")
    args = parser.parse_args()
    moves = json.loads(args.map.read_text()) if args.map else {}
    result = measure(args.root.resolve(), moves)
    print(json.dumps(result, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
