"""`mythosmud loadtest`: the options, and turning them into a run and a printed report."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from mythosmud.loadtest.mix import DEFAULT_MIX, KINDS, MixError, parse_mix

DESCRIPTION = """\
Drive a MythosMUD server with many WebSocket players and report what it did.

It registers its own accounts (three characters each) over the REST API, connects the clients
(ramping up), sends a mix of commands for --duration seconds after the ramp, prints a progress
line every few seconds, and ends with commands/s, round-trip percentiles, errors, dropped
connections, its own CPU and (with --server-pid) the server's CPU and memory. It only ever
talks to --url, and it stops by itself. For many clients, start the server with
MYTHOSMUD_COMMANDS_PER_SECOND=0, MYTHOSMUD_REGISTRATIONS_PER_ADDRESS=0 and
MYTHOSMUD_ROLLS_PER_MINUTE=0, or its throttles will (rightly) refuse the load.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = DESCRIPTION
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    add = parser.add_argument
    add("--url", default="http://127.0.0.1:8000", help="the server's base URL (%(default)s)")
    add("--clients", type=int, default=10, help="WebSocket clients to connect (%(default)s)")
    add(
        "--duration",
        type=float,
        default=30.0,
        help="seconds of measured load after the ramp (%(default)s)",
    )
    add(
        "--rate",
        type=float,
        default=0.5,
        help="open loop: commands per client per second, Poisson arrivals (%(default)s)",
    )
    add(
        "--closed",
        action="store_true",
        help="closed loop instead: each client sends its next command as soon as one is answered",
    )
    add(
        "--mix",
        default=DEFAULT_MIX,
        help=f"weighted commands, from: {', '.join(KINDS)} (%(default)s)",
    )
    add("--ramp", type=float, help="seconds to connect all clients (default: 200 per second)")
    add(
        "--workers",
        type=int,
        default=1,
        help="client processes; use 2 on a 2-core box only when the server is elsewhere "
        "or idle (%(default)s)",
    )
    add("--commands", type=int, default=0, help="stop each client after this many (0: no cap)")
    add("--server-pid", type=int, help="the server's PID, to report its CPU and RSS (Linux)")
    add(
        "--accounts-file",
        type=Path,
        help="keep created accounts in this JSON file and reuse them on later runs",
    )
    add(
        "--timeout",
        type=float,
        default=10.0,
        help="seconds before an unanswered command is an error (%(default)s)",
    )
    add("--progress", type=float, default=2.0, help="seconds between progress lines; 0: none")
    add(
        "--spread",
        type=int,
        default=20,
        help="random steps each new character takes from the start room before the run, "
        "in batches, so the players do not all crowd one room; 0: none (%(default)s)",
    )
    add("--no-quit", action="store_true", help="close the sockets at the end instead of `quit`")
    add("--echo", action="store_true", help="target a raw echo endpoint (see bench/) at /echo")
    add("--json", type=Path, help="also write the report to this file as JSON")
    add("--seed", type=int, default=0, help="random seed for the command mix (%(default)s)")


def main(args: argparse.Namespace) -> int:
    # Imported here: `mythosmud serve` builds this parser too and needs none of it.
    from mythosmud.loadtest.accounts import SetupError
    from mythosmud.loadtest.runner import LoadConfig, run_load

    try:
        mix = parse_mix(args.mix)
    except MixError as exc:
        print(f"mythosmud loadtest: {exc}", file=sys.stderr)
        return 2
    if args.clients < 1 or args.duration <= 0 or (not args.closed and args.rate <= 0):
        print(
            "mythosmud loadtest: need --clients >= 1, --duration > 0 and --rate > 0",
            file=sys.stderr,
        )
        return 2
    config = LoadConfig(
        url=args.url.rstrip("/"),
        clients=args.clients,
        duration=args.duration,
        rate=0.0 if args.closed else args.rate,
        mix=mix,
        ramp=args.ramp,
        workers=args.workers,
        commands=args.commands,
        mode="echo" if args.echo else "mud",
        server_pid=args.server_pid,
        accounts_file=args.accounts_file,
        reply_timeout=args.timeout,
        progress=args.progress,
        quit=not args.no_quit,
        spread=max(0, args.spread),
        seed=args.seed,
    )
    try:
        report = run_load(config)
    except (SetupError, OSError) as exc:
        print(f"mythosmud loadtest: {exc}", file=sys.stderr)
        return 1
    print(report.text())
    if args.json:
        args.json.write_text(json.dumps(report.as_dict(), indent=2))
    return 0 if report.error_count == 0 and report.dropped == 0 else 3
