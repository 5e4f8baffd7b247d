"""Loads the YAML content tree into validated definitions, reporting errors with file and line.

The loader collects every problem it finds (schema errors, dangling references, unpaired
exits are warnings) instead of stopping at the first, so `mythosmud content check` can show a
builder all of them at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from mythosmud.world.defs import (
    DIRECTIONS,
    AreaDef,
    AreaSpawnDef,
    ExitDef,
    HelpFile,
    HelpTopicDef,
    ItemDef,
    ItemsFile,
    ProfessionDef,
    ProfessionsFile,
    RoomDef,
    RoomsFile,
    WorldDef,
)
from mythosmud.world.npcdefs import NpcDef, NpcsFile

OPPOSITE = {
    "north": "south",
    "south": "north",
    "east": "west",
    "west": "east",
    "up": "down",
    "down": "up",
    "northeast": "southwest",
    "southwest": "northeast",
    "northwest": "southeast",
    "southeast": "northwest",
    "in": "out",
    "out": "in",
}
assert set(OPPOSITE) == set(DIRECTIONS)

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class ContentProblem:
    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


class ContentError(Exception):
    def __init__(self, problems: list[ContentProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class Content:
    """Everything the world is built from, with every id qualified as `area:id`."""

    world: WorldDef
    areas: dict[str, AreaDef] = field(default_factory=dict)
    rooms: dict[str, RoomDef] = field(default_factory=dict)
    room_area: dict[str, str] = field(default_factory=dict)
    items: dict[str, ItemDef] = field(default_factory=dict)
    npcs: dict[str, NpcDef] = field(default_factory=dict)
    area_spawns: list[AreaSpawnDef] = field(default_factory=list)
    professions: dict[str, ProfessionDef] = field(default_factory=dict)
    help_topics: list[HelpTopicDef] = field(default_factory=list)
    warnings: list[ContentProblem] = field(default_factory=list)


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line of each mapping, keyed by its id."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping  # type: ignore[return-value]


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def _strip_lines(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _strip_lines(v) for k, v in data.items() if k != "__line__"}
    if isinstance(data, list):
        return [_strip_lines(v) for v in data]
    return data


def _line_of(data: Any, loc: tuple[int | str, ...]) -> int | None:
    """The line of the deepest mapping on the error's path."""
    line = data.get("__line__") if isinstance(data, dict) else None
    node = data
    for key in loc:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and "__line__" in node:
            line = node["__line__"]
    return line


class _Reader:
    def __init__(self) -> None:
        self.problems: list[ContentProblem] = []

    def read(self, path: Path, model: type[M]) -> M | None:
        return self.read_with_lines(path, model)[0]

    def read_with_lines(self, path: Path, model: type[M]) -> tuple[M | None, Any]:
        """The model and the raw data, whose mappings carry `__line__`."""
        try:
            raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
        except FileNotFoundError:
            self.problems.append(ContentProblem(path, None, "file is missing"))
            return None, None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            self.problems.append(ContentProblem(path, line, f"not valid YAML: {exc}"))
            return None, None
        try:
            return model.model_validate(_strip_lines(raw)), raw
        except ValidationError as exc:
            for err in exc.errors():
                where = ".".join(str(p) for p in err["loc"])
                self.problems.append(
                    ContentProblem(path, _line_of(raw, err["loc"]), f"{where}: {err['msg']}")
                )
            return None, raw

    def problem(self, path: Path, line: int | None, message: str) -> None:
        self.problems.append(ContentProblem(path, line, message))


def qualify(ref: str, area: str) -> str:
    return ref if ":" in ref else f"{area}:{ref}"


def exit_target(exit_: str | ExitDef) -> str:
    return exit_ if isinstance(exit_, str) else exit_.to


def load_content(root: Path) -> Content:
    """Load and cross-check a content tree; raise ContentError listing every problem."""
    reader = _Reader()
    world = reader.read(root / "world.yaml", WorldDef)
    professions, raw_profs = reader.read_with_lines(root / "professions.yaml", ProfessionsFile)
    help_file = reader.read(root / "help.yaml", HelpFile) if (root / "help.yaml").exists() else None
    content = Content(world=world or WorldDef(name="", start_room="", respawn_room=""))
    if help_file:
        content.help_topics = list(help_file.topics)
    origin: dict[str, tuple[Path, int | None]] = {}
    files: dict[str, Path] = {}  # npc id or "spawn:<area>" -> the file that defines it

    area_dirs = sorted(p for p in (root / "areas").glob("*") if p.is_dir())
    if not area_dirs:
        reader.problem(root / "areas", None, "no areas found")
    for area_dir in area_dirs:
        area = reader.read(area_dir / "area.yaml", AreaDef)
        if area is None:
            continue
        if area.id != area_dir.name:
            reader.problem(area_dir / "area.yaml", None, f"area id {area.id!r} != folder name")
        content.areas[area.id] = area
        rooms, raw_rooms = reader.read_with_lines(area_dir / "rooms.yaml", RoomsFile)
        items_path = area_dir / "items.yaml"
        items = reader.read(items_path, ItemsFile) if items_path.exists() else None
        for index, room in enumerate(rooms.rooms if rooms else []):
            rid = qualify(room.id, area.id)
            line = _line_of(raw_rooms, ("rooms", index))
            if rid in content.rooms:
                reader.problem(area_dir / "rooms.yaml", line, f"duplicate room id {rid}")
            content.rooms[rid] = _qualify_room(room, area.id)
            content.room_area[rid] = area.id
            origin[rid] = (area_dir / "rooms.yaml", line)
        for item in items.items if items else []:
            iid = qualify(item.id, area.id)
            if iid in content.items:
                reader.problem(items_path, None, f"duplicate item id {iid}")
            content.items[iid] = item.model_copy(update={"id": iid})
        npcs_path = area_dir / "npcs.yaml"
        npcs = reader.read(npcs_path, NpcsFile) if npcs_path.exists() else None
        for npc in npcs.npcs if npcs else []:
            nid = qualify(npc.id, area.id)
            if nid in content.npcs:
                reader.problem(npcs_path, None, f"duplicate npc id {nid}")
            content.npcs[nid] = _qualify_npc(npc, area.id)
            files[nid] = npcs_path
        for spawn in area.spawns:
            files[f"spawn:{qualify(spawn.npc, area.id)}"] = area_dir / "area.yaml"
            content.area_spawns.append(
                spawn.model_copy(
                    update={
                        "npc": qualify(spawn.npc, area.id),
                        "rooms": [qualify(r, area.id) for r in spawn.rooms],
                    }
                )
            )

    for index, prof in enumerate(professions.professions if professions else []):
        content.professions[prof.id] = prof
        line = _line_of(raw_profs, ("professions", index))
        for ref in prof.starting_items:
            if ref not in content.items:
                reader.problem(root / "professions.yaml", line, f"{prof.id}: no item {ref!r}")
    _check_references(content, origin, files, reader)
    if world:
        for label, ref in (("start_room", world.start_room), ("respawn_room", world.respawn_room)):
            if ref not in content.rooms:
                reader.problem(root / "world.yaml", None, f"{label} {ref!r} is not a room")
    if reader.problems:
        raise ContentError(reader.problems)
    return content


def _qualify_room(room: RoomDef, area: str) -> RoomDef:
    exits: dict[str, str | ExitDef] = {}
    for direction, ex in room.exits.items():
        if isinstance(ex, str):
            exits[direction] = qualify(ex, area)
        else:
            exits[direction] = ex.model_copy(update={"to": qualify(ex.to, area)})
    items = [ri.model_copy(update={"item": qualify(ri.item, area)}) for ri in room.items]
    npcs = [sp.model_copy(update={"npc": qualify(sp.npc, area)}) for sp in room.npcs]
    return room.model_copy(
        update={"id": qualify(room.id, area), "exits": exits, "items": items, "npcs": npcs}
    )


def _qualify_npc(npc: NpcDef, area: str) -> NpcDef:
    loot = [entry.model_copy(update={"item": qualify(entry.item, area)}) for entry in npc.loot]
    shop = npc.shop
    if shop is not None:
        shop = shop.model_copy(update={"items": [qualify(i, area) for i in shop.items]})
    return npc.model_copy(update={"id": qualify(npc.id, area), "loot": loot, "shop": shop})


def _check_references(
    content: Content,
    origin: dict[str, tuple[Path, int | None]],
    files: dict[str, Path],
    reader: _Reader,
) -> None:
    for rid, room in content.rooms.items():
        path, line = origin[rid]
        for direction, ex in room.exits.items():
            target = exit_target(ex)
            if target not in content.rooms:
                reader.problem(path, line, f"{rid}: exit {direction} leads to unknown {target!r}")
                continue
            back = content.rooms[target].exits.get(OPPOSITE[direction])  # type: ignore[call-overload]
            if back is None or exit_target(back) != rid:
                content.warnings.append(
                    ContentProblem(path, line, f"{rid}: exit {direction} has no way back")
                )
        for spawn in room.items:
            if spawn.item not in content.items:
                reader.problem(path, line, f"{rid}: unknown item {spawn.item!r}")
        for npc_spawn in room.npcs:
            if npc_spawn.npc not in content.npcs:
                reader.problem(path, line, f"{rid}: unknown npc {npc_spawn.npc!r}")
    for area_spawn in content.area_spawns:
        where = files[f"spawn:{area_spawn.npc}"]
        if area_spawn.npc not in content.npcs:
            reader.problem(where, None, f"area spawn of unknown npc {area_spawn.npc!r}")
        for rid in area_spawn.rooms:
            if rid not in content.rooms:
                reader.problem(where, None, f"area spawn of {area_spawn.npc} in unknown {rid!r}")
    for nid, npc in content.npcs.items():
        refs = [entry.item for entry in npc.loot] + (npc.shop.items if npc.shop else [])
        for ref in refs:
            if ref not in content.items:
                reader.problem(files[nid], None, f"npc {nid}: unknown item {ref!r}")
