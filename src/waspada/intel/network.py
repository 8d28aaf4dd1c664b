"""The network picture of a cluster: identifiers on a circle, links as lines (server-side SVG)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

SIZE = 360
MAX_NODES = 60  # beyond this the picture says how many are left out; the table has them all


@dataclass
class Node:
    id: int
    x: float
    y: float
    kind: str
    label: str
    label_y: float = 0.0


@dataclass
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float


def layout(identifiers: list[dict[str, Any]], links: list[tuple[int, int]]) -> dict[str, Any]:
    shown = identifiers[:MAX_NODES]
    n = len(shown)
    centre, radius = SIZE / 2, SIZE / 2 - 50 if n > 1 else 0
    nodes: dict[int, Node] = {}
    for i, ident in enumerate(shown):
        angle = 2 * math.pi * i / max(n, 1) - math.pi / 2
        label = str(ident.get("value", ""))
        nodes[ident["id"]] = Node(
            ident["id"],
            round(centre + radius * math.cos(angle), 1),
            round(centre + radius * math.sin(angle), 1),
            str(ident["kind"]),
            label if len(label) <= 22 else label[:21] + "…",
        )
        nodes[ident["id"]].label_y = round(nodes[ident["id"]].y + 22, 1)
    edges = [
        Edge(nodes[a].x, nodes[a].y, nodes[b].x, nodes[b].y)
        for a, b in links
        if a in nodes and b in nodes
    ]
    return {"size": SIZE, "nodes": list(nodes.values()), "edges": edges,
            "left_out": len(identifiers) - n}  # fmt: skip
