"""Content loading: errors name file and line; the bundled world meets its promises."""

import re
import shutil
from pathlib import Path

import pytest

from mythosmud.config import PACKAGE_DIR
from mythosmud.world.loader import OPPOSITE, ContentError, exit_target, load_content
from tests.unit.harness import FIXTURE_WORLD


def _copy_fixture(tmp_path: Path) -> Path:
    target = tmp_path / "world"
    shutil.copytree(FIXTURE_WORLD, target)
    return target


def test_errors_name_the_file_and_line(tmp_path: Path) -> None:
    root = _copy_fixture(tmp_path)
    rooms = root / "areas" / "test" / "rooms.yaml"
    text = rooms.read_text()
    text = text.replace("north: garden", "north: nowhere").replace(
        "  - id: garden\n", "  - id: garden\n    colour: green\n"
    )
    rooms.write_text(text)
    with pytest.raises(ContentError) as caught:
        load_content(root)
    messages = [str(p) for p in caught.value.problems]
    assert any(
        re.search(r"rooms\.yaml:\d+: rooms\.1\.colour: Extra inputs are not permitted", m)
        for m in messages
    ), messages
    line_of_garden = text.splitlines().index("  - id: garden") + 1
    assert any(f"rooms.yaml:{line_of_garden}:" in m and "colour" in m for m in messages)


def test_dangling_references_are_reported_with_lines(tmp_path: Path) -> None:
    root = _copy_fixture(tmp_path)
    rooms = root / "areas" / "test" / "rooms.yaml"
    rooms.write_text(rooms.read_text().replace("north: garden", "north: nowhere"))
    with pytest.raises(ContentError) as caught:
        load_content(root)
    (problem,) = caught.value.problems
    assert problem.line == 2
    assert "exit north leads to unknown 'test:nowhere'" in problem.message


def test_bad_yaml_is_reported(tmp_path: Path) -> None:
    root = _copy_fixture(tmp_path)
    (root / "world.yaml").write_text("name: [unclosed\n")
    with pytest.raises(ContentError) as caught:
        load_content(root)
    assert "not valid YAML" in str(caught.value)


@pytest.fixture(scope="module")
def bundled():  # type: ignore[no-untyped-def]
    return load_content(PACKAGE_DIR / "content")


def test_bundled_world_is_large_enough(bundled) -> None:  # type: ignore[no-untyped-def]
    assert len(bundled.rooms) >= 60
    assert len(bundled.areas) >= 3
    assert len(bundled.professions) >= 8
    assert {
        "antiquarian",
        "doctor",
        "journalist",
        "professor",
        "dilettante",
        "author",
        "tramp",
    } <= set(bundled.professions)
    assert sum(1 for r in bundled.rooms.values() if r.items) >= 20
    assert bundled.world.start_room in bundled.rooms


def test_bundled_rooms_have_real_descriptions(bundled) -> None:  # type: ignore[no-untyped-def]
    for rid, room in bundled.rooms.items():
        sentences = re.findall(r"[.!?](?:[\"'”’)]*)(?:\s|$)", room.description.strip())
        assert len(sentences) >= 2, f"{rid} has a one-sentence description"


def test_bundled_exits_pair_up_and_everything_is_reachable(bundled) -> None:  # type: ignore[no-untyped-def]
    assert bundled.warnings == []
    for rid, room in bundled.rooms.items():
        for direction, ex in room.exits.items():
            back = bundled.rooms[exit_target(ex)].exits.get(OPPOSITE[direction])
            assert back is not None and exit_target(back) == rid
    seen = {bundled.world.start_room}
    frontier = [bundled.world.start_room]
    while frontier:
        for ex in bundled.rooms[frontier.pop()].exits.values():
            if exit_target(ex) not in seen:
                seen.add(exit_target(ex))
                frontier.append(exit_target(ex))
    assert seen == set(bundled.rooms)
