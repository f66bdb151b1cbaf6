"""Figures from a list of timings, the same way for every benchmark."""

from __future__ import annotations

import statistics


def summary(name: str, samples_ms: list[float]) -> dict[str, object]:
    """`runs`, `median_ms` and `p95_ms` (nearest-rank) of the samples."""
    ordered = sorted(samples_ms)
    rank = max(0, -(-95 * len(ordered) // 100) - 1)
    return {
        "bench": name,
        "runs": len(ordered),
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[rank], 2),
    }
