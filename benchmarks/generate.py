"""Generate a synthetic argument map of a given size, written as a person would write it.

    python benchmarks/generate.py NODES RELATIONS OUT.yaml [--seed N]

Nodes cycle through the five kinds; relations are supports (80%) and attacks (20%) from a
node to an earlier one, so the support graph is acyclic and every kind of check has work.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

KINDS = ("evidence", "claim", "assumption", "claim", "recommendation", "objection")


def draw_relations(nodes: int, relations: int,
                   rng: random.Random) -> dict[int, list[tuple[str, int]]]:
    """Node index -> (kind, earlier node index) of its relations: a node supports (80 %) or
    attacks one of the 50 before it. Both generators draw them alike for the same seed."""
    out_rel: dict[int, list[tuple[str, int]]] = {}
    for _ in range(relations):
        a = rng.randrange(1, nodes)
        b = rng.randrange(max(0, a - 50), a)
        kind = "supports" if rng.random() < 0.8 else "attacks"
        out_rel.setdefault(a, []).append((kind, b))
    return out_rel


def generate(nodes: int, relations: int, seed: int = 1) -> str:
    """The YAML text of a map with ``nodes`` nodes and ``relations`` relations."""
    rng = random.Random(seed)
    out_rel = draw_relations(nodes, relations, rng)
    lines = [
        "# yaml-language-server: $schema=../docs/argmap.schema.json",
        "argmap: 1",
        f"title: Generated map of {nodes} nodes",
        "sources:",
        "  - id: report",
        "    title: A generated report",
        "    url: https://example.org/report",
        "nodes:",
    ]
    for i in range(nodes):
        kind = KINDS[i % len(KINDS)]
        lines.append(f"  - id: n{i}")
        lines.append(f"    kind: {kind}")
        lines.append(f"    text: Statement number {i}, which says something about the matter.")
        if kind == "evidence":
            lines.append("    source: report")
            lines.append(f"    locator: p. {i % 300 + 1}")
        lines.append(f"    tags: [t{i % 7}, generated]")
        if i % 3 == 0:
            lines.append(f"    confidence: 0.{i % 9 + 1}")
        rels = out_rel.get(i, [])
        for kind_name in ("supports", "attacks"):
            targets = [f"n{b}" for k, b in rels if k == kind_name]
            if len(targets) == 1:
                lines.append(f"    {kind_name}: [{targets[0]}]")
            elif targets:
                lines.append(f"    {kind_name}:")
                lines.extend(f"      - {t}" for t in targets)
    return "\n".join(lines) + "\n"


def main() -> None:
    """Command line: write one generated map."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("nodes", type=int)
    parser.add_argument("relations", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.out.write_text(generate(args.nodes, args.relations, args.seed), encoding="utf-8")


if __name__ == "__main__":
    main()
