// The side pane: vitals bars (Char.Vitals), the room name and clickable exits (Room.Info) and
// who is here (Room.Players). Only ever fed through textContent.

import { clear, el } from "./dom.js";
import { DIRECTIONS } from "./completion.js";

const VITALS = [
  { key: "hp", max: "maxhp", label: "Determination", short: "DP", className: "vital-dp" },
  { key: "mp", max: "maxmp", label: "Magic", short: "MP", className: "vital-mp" },
  { key: "lucidity", max: "maxlucidity", label: "Lucidity", short: "Luc",
    className: "vital-lucidity" },
];

function number(value) {
  const n = Number(value);
  return Number.isFinite(n) ? Math.round(n) : 0;
}

/** Exits in compass order, then anything else alphabetically. */
export function orderExits(names) {
  const rank = (name) => {
    const i = DIRECTIONS.indexOf(name);
    return i === -1 ? DIRECTIONS.length : i;
  };
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export class Sidebar {
  #root;
  #vitals = new Map();
  #roomName;
  #exitList;
  #whoList;
  #onGo;
  #self = "";
  #lastVitals = {};
  exits = [];
  people = [];

  constructor({ root, vitals, roomName, exitList, whoList, onGo }) {
    this.#root = root;
    this.#roomName = roomName;
    this.#exitList = exitList;
    this.#whoList = whoList;
    this.#onGo = onGo;
    clear(vitals);
    for (const spec of VITALS) {
      const value = el("span", { className: "vital-value", text: "–" });
      const fill = el("span", { className: "bar-fill" });
      const bar = el("span", { className: "bar", attrs: { "aria-hidden": "true" } }, [fill]);
      const row = el("div", { className: `vital ${spec.className}` }, [
        el("span", { className: "vital-head" }, [
          el("span", { className: "vital-label" }, [
            spec.label,
            el("abbr", { className: "vital-short", text: spec.short,
              attrs: { title: spec.label } }),
          ]),
          value,
        ]),
        bar,
      ]);
      vitals.append(row);
      this.#vitals.set(spec.key, { spec, row, value, bar });
    }
  }

  reset(self) {
    this.#self = String(self ?? "").toLowerCase();
    this.setRoom({ name: "Unknown", exits: {} });
    this.setPlayers([]);
    this.#lastVitals = {};
    for (const { value, bar, row } of this.#vitals.values()) {
      value.textContent = "–";
      bar.style.setProperty("--fill", "0");
      row.classList.remove("low");
    }
  }

  /** Dim the pane while disconnected: what it shows may no longer be true. */
  setStale(stale) {
    this.#root.classList.toggle("stale", stale);
    if (stale) this.#root.setAttribute("aria-busy", "true");
    else this.#root.removeAttribute("aria-busy");
  }

  setVitals(update) {
    if (!update || typeof update !== "object") return;
    // Keep what was said before, so a frame carrying only a change still draws whole bars.
    const data = Object.assign(this.#lastVitals, update);
    for (const { spec, row, value, bar } of this.#vitals.values()) {
      if (!(spec.key in data)) continue;
      const now = number(data[spec.key]);
      const max = Math.max(1, number(data[spec.max]));
      const pct = Math.max(0, Math.min(100, (now / max) * 100));
      value.textContent = `${now} of ${max}`;
      bar.style.setProperty("--fill", pct.toFixed(1));
      row.classList.toggle("low", pct <= 25);
    }
  }

  setRoom(data) {
    if (!data || typeof data !== "object") return;
    this.#roomName.textContent = typeof data.name === "string" && data.name
      ? data.name : "Unknown";
    const exits = data.exits && typeof data.exits === "object" ? Object.keys(data.exits) : [];
    this.exits = orderExits(exits);
    clear(this.#exitList);
    if (this.exits.length === 0) {
      this.#exitList.append(el("li", { className: "none", text: "No way out that you can see." }));
    }
    for (const direction of this.exits) {
      const button = el("button", {
        className: "exit",
        text: direction,
        attrs: { type: "button", title: `Go ${direction}` },
      });
      button.addEventListener("click", (event) => this.#onGo(direction, event));
      this.#exitList.append(el("li", {}, [button]));
    }
  }

  setPlayers(list) {
    const people = Array.isArray(list)
      ? list.filter((p) => p && typeof p.name === "string" && p.name) : [];
    this.people = people.map((p) => p.name).filter((n) => n.toLowerCase() !== this.#self);
    clear(this.#whoList);
    for (const person of people) {
      const you = person.name.toLowerCase() === this.#self;
      const npc = person.kind === "npc";
      const item = el("li", { className: `who ${npc ? "who-npc" : "who-player"}` }, [
        el("span", { className: "who-name", text: person.name }),
      ]);
      if (you) item.append(el("span", { className: "who-tag", text: " (you)" }));
      this.#whoList.append(item);
    }
    if (people.length === 0) {
      this.#whoList.append(el("li", { className: "none", text: "No one you can see." }));
    }
  }
}
