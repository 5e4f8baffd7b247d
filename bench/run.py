"""The benchmark suite: MythosMUD against a raw FastAPI echo app, on this machine, in one go.

    .venv/bin/python bench/run.py            # everything (about 10 minutes; more the first time)
    .venv/bin/python bench/run.py --quick    # shorter runs, capacity up to 3,000 players
    .venv/bin/python bench/run.py --only sequential,closed
    .venv/bin/python bench/run.py --world grid --only capacity   # on a 1,600-street world

Results print as a table and are written as JSON to bench/results/. Accounts and their SQLite
database are kept in bench/.cache/ so later runs skip the (deliberately slow) password hashing;
`--fresh` starts over. Only 127.0.0.1 is ever contacted. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "src"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from bench import scenarios, servers  # noqa: E402
from bench.grid import write_grid_world  # noqa: E402
from bench.seed import seed_sync  # noqa: E402

from mythosmud.loadtest.accounts import Credential, ensure_characters  # noqa: E402
from mythosmud.loadtest.procstat import raise_open_files  # noqa: E402
from mythosmud.loadtest.runner import LoadConfig, spread_characters  # noqa: E402

ALL = ("startup", "sequential", "closed", "fanout", "memory", "capacity")
CACHE = ROOT / "bench" / ".cache"
RESULTS = ROOT / "bench" / "results"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", default=",".join(ALL), help=f"comma-separated, from: {ALL}")
    parser.add_argument("--quick", action="store_true", help="short runs (a smoke test)")
    parser.add_argument("--repeat", type=int, default=2, help="runs of scenarios 1 and 2 (2)")
    parser.add_argument("--max-players", type=int, default=7000, help="capacity ceiling (7000)")
    parser.add_argument("--step", type=int, default=1000, help="capacity step (1000)")
    parser.add_argument("--first", type=int, help="first capacity step (--step)")
    parser.add_argument("--workers", type=int, default=1, help="load processes for capacity (1)")
    parser.add_argument("--fresh", action="store_true", help="forget cached accounts first")
    parser.add_argument(
        "--world",
        choices=("bundled", "grid"),
        default="bundled",
        help="bundled: the 71 rooms players get; grid: those plus side x side generated streets, "
        "characters placed at random on them (bench/grid.py)",
    )
    parser.add_argument("--grid-side", type=int, default=40, help="grid streets a side (40)")
    return parser.parse_args()


def characters(
    url: str, count: int, name: str, spread: bool, data: Path, rooms: list[str] | None = None
) -> list[Credential]:
    file = CACHE / f"accounts-{name}.json"
    adopt_accounts(file, url)
    started = time.monotonic()
    added = seed_sync(data, url, file, count, rooms)
    if added:
        print(f"seeded {added} characters in {time.monotonic() - started:.1f} s")
    found = asyncio.run(ensure_characters(url, count, accounts_file=file, log=print))
    if spread:
        config = LoadConfig(url=url, accounts_file=file, spread=20)
        found = spread_characters(config, found, log=print)
    return found


def adopt_accounts(file: Path, url: str) -> None:
    """File the cached accounts under this run's URL: the load tester keys them by URL, but the
    benchmark's server has a new port each run and the same database and secret."""
    if not file.exists():
        return
    data = json.loads(file.read_text())
    if list(data) != [url]:
        file.write_text(json.dumps({url: [a for accounts in data.values() for a in accounts]}))


def main() -> int:
    args = parse_args()
    only = set(args.only.split(","))
    quick = args.quick
    if args.fresh and CACHE.exists():
        shutil.rmtree(CACHE)
    CACHE.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    raise_open_files(65536)
    results: dict[str, Any] = {"started": time.strftime("%Y-%m-%d %H:%M:%S"), "quick": quick}
    max_players = min(args.max_players, 3000) if quick else args.max_players
    steps = list(range(args.first or args.step, max_players + 1, args.step))
    if "startup" in only:
        print("5a. start-up: time to healthy and RSS at start", flush=True)
        results["startup"] = scenarios.startup(2 if quick else 3)
    data, env, rooms, tag = CACHE / "data", {}, None, "main"
    if args.world == "grid":
        rooms = write_grid_world(CACHE / "grid-world", args.grid_side)
        data, tag = CACHE / f"grid-{args.grid_side}-data", f"grid-{args.grid_side}"
        env = {"MYTHOSMUD_CONTENT_DIR": str(CACHE / "grid-world")}
        results["world"] = f"grid {args.grid_side}x{args.grid_side} + bundled"
    with servers.echo(log_dir=CACHE) as echo, servers.mythosmud(data, env) as mud:
        print(f"echo app pid {echo.pid}, MythosMUD pid {mud.pid}", flush=True)
        need = max(
            [50]
            + (steps if "capacity" in only else [])
            + ([2500 if not quick else 1000] if "memory" in only else [])
        )
        pool = characters(mud.url, need, tag, rooms is None, data, rooms)
        crowd = (
            characters(mud.url, 200, f"{tag}-crowd", False, data)
            if only & {"fanout", "closed"}
            else []
        )
        for rep in range(1 if quick else args.repeat):
            if "sequential" in only:
                print(f"1. sequential look (run {rep + 1})", flush=True)
                results.setdefault("sequential", []).append(
                    scenarios.sequential(echo.url, mud.url, pool, 500 if quick else 2000)
                )
            if "closed" in only:
                print(f"2. closed loop, 50 clients (run {rep + 1})", flush=True)
                results.setdefault("closed", []).append(
                    scenarios.closed_loop(echo, mud, pool[:50], 5.0 if quick else 20.0)
                )
        if "closed" in only:
            print("2b. closed loop, 50 clients in one room", flush=True)
            results["crowded"] = scenarios.crowded_look(mud, crowd[:50], 5.0 if quick else 10.0)
        if "fanout" in only:
            print("3. fan-out to 200 in one room", flush=True)
            results["fanout"] = scenarios.fan_out(echo.url, mud.url, crowd, 20)
        if "memory" in only:
            print("5b. RSS per idle connected player", flush=True)
            high = 1000 if quick else 2000
            results["memory"] = scenarios.idle_memory(mud, pool, 300, high)
            results["memory_echo"] = scenarios.idle_memory(echo, None, 300, high)
        if "capacity" in only:
            print("4. capacity at one command per 2 s", flush=True)
            results["capacity"] = scenarios.capacity(
                mud, pool, steps, 10.0 if quick else 20.0, args.workers
            )
    out = RESULTS / time.strftime("bench-%Y%m%d-%H%M%S.json")
    out.write_text(json.dumps(results, indent=2))
    print(summary(results))
    print(f"\nall numbers: {out}")
    return 0


def summary(r: dict[str, Any]) -> str:
    from bench.table import render

    return render(r)


if __name__ == "__main__":
    sys.exit(main())
