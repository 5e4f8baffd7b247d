"""Issue 6's measurement: one gateway against two, in front of one world, over local NATS.

    .venv/bin/python bench/split.py                # 200 players, 1 command/s each, 20 s
    .venv/bin/python bench/split.py --clients 400 --rate 1 --closed-clients 50

Starts a world and two gateways (a fresh PostgreSQL database on 127.0.0.1:5432, NATS on
127.0.0.1:4222), runs `mythosmud loadtest` against gateway A alone,
then split in half against A and B at the same time, and prints both. Only 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import secrets
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "src"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from bench import servers  # noqa: E402
from tests.support.postgres import create_database, database_url, drop_database  # noqa: E402


@contextlib.contextmanager
def cluster(work: Path) -> Iterator[tuple[servers.Server, list[servers.Server]]]:
    database = asyncio.run(create_database("mythosmud_bench"))
    common = {
        "MYTHOSMUD_NATS_URL": "nats://127.0.0.1:4222",
        "MYTHOSMUD_NATS_ROOT": f"bench{uuid.uuid4().hex[:8]}",
        "MYTHOSMUD_SECRET_KEY": secrets.token_urlsafe(40),
        "MYTHOSMUD_DATABASE_URL": database_url(database),
    }
    try:
        with contextlib.ExitStack() as stack:
            world = stack.enter_context(
                servers.mythosmud(work / "world", {**common, "MYTHOSMUD_ROLE": "world"})
            )
            gateways = [
                stack.enter_context(
                    servers.mythosmud(
                        work / name,
                        {**common, "MYTHOSMUD_ROLE": "gateway", "MYTHOSMUD_GATEWAY_ID": name},
                    )
                )
                for name in ("gw-a", "gw-b")
            ]
            yield world, gateways
    finally:
        asyncio.run(drop_database(database))


def loadtest(url: str, clients: int, args: argparse.Namespace, out: Path, *extra: str) -> Any:
    argv = [
        servers.PYTHON,
        "-m",
        "mythosmud",
        "loadtest",
        "--url",
        url,
        "--clients",
        str(clients),
        "--duration",
        str(args.duration),
        "--accounts-file",
        str(out.with_suffix(".accounts.json")),
        "--json",
        str(out),
        "--progress",
        "0",
        *extra,
    ]
    return subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)


def run(
    urls: list[str], clients: int, args: argparse.Namespace, work: Path, tag: str, *extra: str
) -> list[dict[str, Any]]:
    share = clients // len(urls)
    outs = [work / f"{tag}-{n}.json" for n in range(len(urls))]
    procs = [loadtest(url, share, args, out, *extra) for url, out in zip(urls, outs, strict=True)]
    for proc in procs:
        proc.wait()
    return [json.loads(out.read_text()) for out in outs]


def line(label: str, reports: list[dict[str, Any]]) -> str:
    rate = sum(r["commands_per_second"] for r in reports)
    p50 = max(r["round_trip"]["p50_ms"] for r in reports)
    p99 = max(r["round_trip"]["p99_ms"] for r in reports)
    errors = sum(sum(r["errors"].values()) for r in reports)
    dropped = sum(r["dropped"] for r in reports)
    return f"| {label} | {rate:,.0f} | {p50:.1f} | {p99:.1f} | {errors} | {dropped} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200, help="open-loop players (200)")
    parser.add_argument("--rate", type=float, default=1.0, help="commands/s per player (1)")
    parser.add_argument("--closed-clients", type=int, default=50, help="closed-loop players (50)")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per run (20)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-split-") as tmp:
        work = Path(tmp)
        with cluster(work) as (_world, gateways):
            urls = [g.url for g in gateways]
            rows = [
                "| run | commands/s | p50 ms | p99 ms | errors | dropped |",
                "|---|---|---|---|---|---|",
            ]
            rate = ("--rate", str(args.rate))
            rows.append(
                line(
                    f"open loop, {args.clients} players, 1 gateway",
                    run(urls[:1], args.clients, args, work, "open1", *rate),
                )
            )
            rows.append(
                line(
                    f"open loop, {args.clients} players, 2 gateways",
                    run(urls, args.clients, args, work, "open2", *rate),
                )
            )
            rows.append(
                line(
                    f"closed loop, {args.closed_clients} players, 1 gateway",
                    run(urls[:1], args.closed_clients, args, work, "closed1", "--closed"),
                )
            )
            rows.append(
                line(
                    f"closed loop, {args.closed_clients} players, 2 gateways",
                    run(urls, args.closed_clients, args, work, "closed2", "--closed"),
                )
            )
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
