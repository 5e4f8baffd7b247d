// Tab completion for the command line: command verbs, exit directions and people in the room.
// Pure functions, so they can be reasoned about (and tested) without a page.

/** Verbs every server understands (PROTOCOL.md, "Commands every server understands"). */
export const VERBS = [
  "look", "go", "say", "emote", "whisper", "who", "inventory", "get", "drop", "help", "quit",
];

/** Full direction names, in the order exits are shown. */
export const DIRECTIONS = [
  "north", "northeast", "east", "southeast", "south", "southwest", "west", "northwest",
  "up", "down", "in", "out",
];

const TALK_TO = new Set(["whisper", "tell"]);
const MOVE = new Set(["go"]);

/** The word the caret is in (or just after): its start, end and text. */
export function wordAt(line, caret) {
  let start = caret;
  while (start > 0 && !/\s/.test(line[start - 1])) start -= 1;
  let end = caret;
  while (end < line.length && !/\s/.test(line[end])) end += 1;
  return { start, end, prefix: line.slice(start, caret) };
}

/** What may complete the word starting at `start`, given what comes before it. */
export function candidates(line, start, { exits = [], people = [], verbs = VERBS } = {}) {
  const before = line.slice(0, start).trim().split(/\s+/).filter(Boolean);
  if (before.length === 0) return [...verbs, ...exits];
  const verb = before[0].toLowerCase();
  if (MOVE.has(verb)) return before.length === 1 ? exits : [];
  if (TALK_TO.has(verb)) return before.length === 1 ? people : [];
  return [...people, ...exits];
}

/** Candidates that begin with `prefix` (ignoring case), without duplicates, in order. */
export function matching(prefix, pool) {
  const wanted = prefix.toLowerCase();
  const seen = new Set();
  const out = [];
  for (const item of pool) {
    const key = String(item).toLowerCase();
    if (!key.startsWith(wanted) || seen.has(key)) continue;
    seen.add(key);
    out.push(String(item));
  }
  return out;
}
