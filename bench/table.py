"""The benchmark's results as the table in docs/performance.md: metric, budget, measured, ratio."""

from __future__ import annotations

import statistics
from typing import Any


def _median(runs: list[dict[str, Any]], *keys: str) -> float:
    values = []
    for run in runs:
        value: Any = run
        for key in keys:
            value = value[key]
        values.append(float(value))
    return statistics.median(values)


def render(r: dict[str, Any]) -> str:
    rows: list[tuple[str, str, str, str]] = []
    if "sequential" in r:
        s = r["sequential"]
        rows += [
            (
                "sequential look p50",
                "<= 0.5 ms",
                f"{_median(s, 'mud', 'p50_ms'):.3f} ms",
                f"{_median(s, 'ratio_p50'):.2f}x echo ({_median(s, 'echo', 'p50_ms'):.3f} ms)",
            ),
            (
                "sequential look p99",
                "<= 1.5 ms",
                f"{_median(s, 'mud', 'p99_ms'):.3f} ms",
                f"{_median(s, 'ratio_p99'):.2f}x echo ({_median(s, 'echo', 'p99_ms'):.3f} ms)",
            ),
        ]
    if "closed" in r:
        c = r["closed"]
        rows.append(
            (
                "50 clients, closed-loop look",
                ">= 60 % of echo",
                f"{_median(c, 'mud_per_s'):,.0f}/s",
                f"{100 * _median(c, 'ratio'):.0f} % of echo ({_median(c, 'echo_per_s'):,.0f}/s)",
            )
        )
    if "crowded" in r:
        c = r["crowded"]
        rows.append(
            (
                "  the same, all in one room",
                "-",
                f"{c['mud_per_s']:,.0f}/s",
                f"p99 {c['mud_p99_ms']:.1f} ms",
            )
        )
    if "fanout" in r:
        f = r["fanout"]
        rows.append(
            (
                "fan-out to 200, last receiver p99",
                "<= 15 ms",
                f"{f['mud']['p99_ms']:.1f} ms",
                f"{f['ratio_p99']:.2f}x echo ({f['echo']['p99_ms']:.1f} ms)",
            )
        )
    if "capacity" in r:
        cap = r["capacity"]
        last = cap["steps"][-1] if cap["steps"] else {}
        rows.append(
            (
                "capacity at 1 cmd / 2 s, p99 < 100 ms",
                ">= 5,000 players",
                f"{cap['players']:,} players",
                f"next step {last.get('players', '-')}: p99 {last.get('p99_ms', 0):.0f} ms"
                if last and not last.get("ok")
                else "did not fail: raise --max-players",
            )
        )
    if "startup" in r:
        st = r["startup"]
        rows += [
            ("RSS at start", "<= 80 MiB", f"{st['rss_start_mib']:.1f} MiB", "-"),
            ("healthy after start", "<= 1.5 s", f"{st['healthy_s']:.2f} s", "-"),
        ]
    if "memory" in r:
        m, e = r["memory"], r.get("memory_echo", {})
        rows.append(
            (
                "RSS per idle connected player",
                "<= 32 KiB",
                f"{m['per_player_kib']:.1f} KiB",
                f"echo app: {e.get('per_player_kib', float('nan')):.1f} KiB a socket",
            )
        )
    width = [max(len(row[i]) for row in rows) for i in range(4)] if rows else [0] * 4
    head = ("metric", "budget", "measured", "against the echo app")
    width = [max(w, len(h)) for w, h in zip(width, head, strict=True)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(head, width, strict=True)) + " |"
    out = [line, "|" + "|".join("-" * (w + 2) for w in width) + "|"]
    for row in rows:
        out.append("| " + " | ".join(c.ljust(w) for c, w in zip(row, width, strict=True)) + " |")
    if "capacity" in r:
        out.append("")
        out.append(
            "| players | cmd/s | p50 ms | p99 ms | max ms | server CPU | server RSS | "
            "loader CPU | errors |"
        )
        out.append("|---|---|---|---|---|---|---|---|---|")
        for s in r["capacity"]["steps"]:
            out.append(
                f"| {s['players']} | {s['per_s']:.0f} | {s['p50_ms']:.1f} | {s['p99_ms']:.1f} | "
                f"{s['max_ms']:.0f} | {s['server_cpu']:.0f} % | {s['server_rss_mib']:.0f} MiB | "
                f"{s['loader_cpu']:.0f} % | {s['errors'] + s['dropped']} |"
            )
    return "\n".join(out)
