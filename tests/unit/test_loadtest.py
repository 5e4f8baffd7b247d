"""The load tester's pure parts: the mix, percentiles, frames on the wire, tallies, reports."""

from __future__ import annotations

import math
import random

import pytest

from mythosmud.loadtest.mix import DEFAULT_MIX, Mix, MixError, parse_mix
from mythosmud.loadtest.plan import Tally
from mythosmud.loadtest.report import Report, ServerUsage
from mythosmud.loadtest.runner import LoadConfig
from mythosmud.loadtest.stats import Summary, percentile
from mythosmud.loadtest.wsclient import OP_CLOSE, OP_TEXT, encode_frame, mask, parse_frames


def test_parse_mix_weights_and_defaults() -> None:
    assert parse_mix("look=4,move=3, say=2") == {"look": 4.0, "move": 3.0, "say": 2.0}
    assert parse_mix("look,who") == {"look": 1.0, "who": 1.0}
    assert parse_mix("look=1,look=2") == {"look": 3.0}
    assert parse_mix("look=1,who=0") == {"look": 1.0}
    assert set(parse_mix(DEFAULT_MIX)) == {
        "look",
        "move",
        "say",
        "emote",
        "who",
        "inventory",
        "get",
        "drop",
    }


@pytest.mark.parametrize(
    "text", ["", "dance=1", "look=x", "look=-1", "look=0", "look=nan", "look=inf", ","]
)
def test_parse_mix_refuses_nonsense(text: str) -> None:
    with pytest.raises(MixError):
        parse_mix(text)


def test_mix_draws_by_weight_and_writes_lines() -> None:
    mix = Mix({"look": 3.0, "say": 1.0}, random.Random(7))
    draws = [mix.draw() for _ in range(4000)]
    assert 0.70 < draws.count("look") / len(draws) < 0.80
    assert mix.line("look", []) == "look"
    assert mix.line("say", []).startswith("say ")
    assert mix.line("move", ["north", "east"]) in ("north", "east")
    assert mix.line("move", []) == "look"  # nowhere to go
    assert mix.line("get", []) == "get all"


def test_percentile_is_nearest_rank() -> None:
    ordered = [float(n) for n in range(1, 101)]  # 1..100
    assert percentile(ordered, 50) == 50.0
    assert percentile(ordered, 99) == 99.0
    assert percentile(ordered, 100) == 100.0
    assert percentile([5.0], 99) == 5.0
    assert percentile([1.0, 2.0], 50) == 1.0
    assert math.isnan(percentile([], 50))
    with pytest.raises(ValueError):
        percentile(ordered, 0)


def test_summary_of_samples() -> None:
    s = Summary.of([3.0, 1.0, 2.0, 10.0])
    assert (s.count, s.p50, s.max, s.mean) == (4, 2.0, 10.0, 4.0)
    assert s.p99 == 10.0
    empty = Summary.of([])
    assert empty.count == 0 and math.isnan(empty.p50)


def test_mask_round_trips_and_frames_parse() -> None:
    key = bytes([1, 2, 3, 4])
    payload = b'{"type":"command","text":"look","id":1}'
    assert mask(mask(payload, key), key) == payload
    assert mask(b"", key) == b""
    frame = encode_frame(OP_TEXT, payload, key)
    assert frame[0] == 0x81 and frame[1] == 0x80 | len(payload) and frame[2:6] == key
    # The server's frames are unmasked; parse them, and keep an incomplete tail for later.
    big = b"x" * 300
    server = bytes([0x81, len(payload)]) + payload + bytes([0x81, 126]) + (300).to_bytes(2, "big")
    frames, rest = parse_frames(server + big + b"\x81\x05abc")
    assert frames == [(OP_TEXT, True, payload), (OP_TEXT, True, big)]
    assert rest == b"\x81\x05abc"
    frames, rest = parse_frames(bytes([0x88, 2]) + (1000).to_bytes(2, "big"))
    assert frames == [(OP_CLOSE, True, (1000).to_bytes(2, "big"))] and rest == b""


def test_long_client_frames_use_extended_lengths() -> None:
    key = bytes(4)
    assert encode_frame(OP_TEXT, b"a" * 200, key)[1:4] == bytes([0xFE]) + (200).to_bytes(2, "big")
    assert encode_frame(OP_TEXT, b"a" * 70000, key)[1] == 0xFF


def test_tally_merges() -> None:
    a = Tally(sent=2, answered=2, samples={"look": [1.0, 2.0]}, window_end=5.0)
    a.errors["x"] += 1
    b = Tally(sent=1, answered=1, samples={"look": [3.0], "say": [4.0]}, window_end=6.0)
    a.add(b)
    assert (a.sent, a.answered, a.window_end) == (3, 3, 6.0)
    assert sorted(a.all_samples()) == [1.0, 2.0, 3.0, 4.0]
    assert a.errors == {"x": 1}


def test_report_text_and_dict() -> None:
    report = Report(
        mode="mud",
        url="http://127.0.0.1:1",
        clients=2,
        connected=2,
        rate=0.0,
        window_seconds=2.0,
        wall_seconds=3.0,
        sent=10,
        answered=10,
        dropped=0,
        round_trip=Summary.of([1.0, 2.0]),
        by_kind={"look": Summary.of([1.0, 2.0])},
        errors={},
        error_examples=[],
        loader_cpu_percent=12.0,
        loader_workers=1,
        loader_lag_p99_ms=math.nan,
        server=ServerUsage(50.0, 1 << 20, 2 << 20, 2 << 20),
    )
    assert report.commands_per_second == 5.0
    text = report.text()
    assert "closed loop" in text and "10 answered of 10 sent" in text and "RSS 1.0" in text
    data = report.as_dict()
    assert data["commands_per_second"] == 5.0 and data["server"]["cpu_percent"] == 50.0


def test_config_urls_and_ramp() -> None:
    config = LoadConfig(url="http://127.0.0.1:8000", clients=400)
    assert config.ws_url == "ws://127.0.0.1:8000/api/v1/ws"
    assert LoadConfig(url="http://h:1", mode="echo").ws_url == "ws://h:1/echo"
    assert config.ramp_seconds == 2.0
    assert LoadConfig(clients=1).ramp_seconds == 0.0
