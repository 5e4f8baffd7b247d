// Character creation: pick a profession, roll on the server for it (so `meets_requirements`
// answers for that profession), reroll at will, name the investigator and create them.

import * as api from "../api.js";
import * as credentials from "../credentials.js";
import { byId, clear, el } from "../dom.js";

export const STATS = [
  ["str", "Strength"], ["con", "Constitution"], ["siz", "Size"],
  ["dex", "Dexterity"], ["app", "Appearance"], ["int", "Intelligence"],
  ["pow", "Power"], ["edu", "Education"], ["luck", "Luck"],
];
const LABEL = new Map(STATS);
const NAME = /^[A-Za-z]{3,20}$/;
const REROLL_DEBOUNCE_MS = 350;

function describe(map, signed) {
  const parts = Object.entries(map && typeof map === "object" ? map : {})
    .filter(([, v]) => Number.isFinite(Number(v)) && Number(v) !== 0)
    .map(([stat, v]) => {
      const n = Number(v);
      const value = signed ? (n > 0 ? `+${n}` : `${n}`) : `${n}`;
      return `${LABEL.get(stat) ?? stat} ${value}`;
    });
  return parts.join(", ");
}

export function createCreateScreen(app) {
  const section = byId("screen-create");
  const heading = byId("create-title");
  const form = byId("create-form");
  const professionList = byId("profession-list");
  const statList = byId("stat-list");
  const rollButton = byId("roll-button");
  const verdict = byId("roll-verdict");
  const nameInput = byId("create-name");
  const message = byId("create-message");
  const submit = byId("create-submit");
  const cancel = byId("create-cancel");

  let professions = [];
  let chosen = null; // profession object
  let roll = null; // { roll_id, stats, meets_requirements, profession }
  let rolling = false;
  let creating = false;
  let debounce = 0;
  let active = false;
  const statCells = new Map();

  for (const [key, label] of STATS) {
    const value = el("dd", { className: "stat-value", text: "–" });
    const note = el("span", { className: "stat-note" });
    const row = el("div", { className: "stat", attrs: { "data-stat": key } }, [
      el("dt", {}, [
        el("span", { className: "stat-label", text: label }),
        " ",
        el("abbr", { className: "stat-key", text: key.toUpperCase(), attrs: { title: label } }),
      ]),
      value,
      note,
    ]);
    statList.append(row);
    statCells.set(key, { row, value, note });
  }

  function refresh() {
    const requirements = chosen?.requirements ?? {};
    const modifiers = chosen?.modifiers ?? {};
    for (const [key, { row, value, note }] of statCells) {
      const rolled = roll?.stats?.[key];
      value.textContent = Number.isFinite(rolled) ? String(rolled) : "–";
      const need = Number(requirements[key]);
      const mod = Number(modifiers[key]);
      const parts = [];
      row.classList.remove("req-met", "req-unmet");
      if (Number.isFinite(need)) {
        parts.push(`needs ${need}`);
        if (Number.isFinite(rolled)) row.classList.add(rolled >= need ? "req-met" : "req-unmet");
      }
      if (Number.isFinite(mod) && mod !== 0) parts.push(`${mod > 0 ? "+" : ""}${mod} on creation`);
      note.textContent = parts.join("; ");
    }
    const fits = Boolean(roll && chosen && roll.profession === chosen.id &&
      roll.meets_requirements === true);
    // Disabling a focused button would drop keyboard focus, so busy states use aria-disabled.
    submit.disabled = !fits || rolling;
    submit.setAttribute("aria-disabled", String(creating));
    rollButton.disabled = !chosen;
    rollButton.setAttribute("aria-disabled", String(rolling || creating));
    rollButton.textContent = roll ? "Roll again" : "Roll";
    let text = "";
    let kind = "";
    if (rolling) {
      text = "The dice are rolling…";
    } else if (!roll) {
      text = chosen ? "Roll to see your characteristics." : "";
    } else if (chosen && roll.profession !== chosen.id) {
      text = `Rolling for a ${chosen.name}…`;
    } else if (fits) {
      text = `These characteristics suit a ${chosen.name}.`;
      kind = "good";
    } else {
      const needs = describe(chosen?.requirements, false);
      text = `Not enough for a ${chosen?.name ?? "profession"}` +
        `${needs ? ` (needs ${needs})` : ""}. Roll again, or choose another profession.`;
      kind = "bad";
    }
    verdict.textContent = text;
    if (kind) verdict.dataset.kind = kind;
    else delete verdict.dataset.kind;
  }

  function renderProfessions() {
    clear(professionList);
    for (const profession of professions) {
      const id = `profession-${String(profession.id).replace(/[^A-Za-z0-9_-]/g, "_")}`;
      const radio = el("input", {
        attrs: { type: "radio", name: "profession", value: profession.id, id },
      });
      radio.checked = chosen?.id === profession.id;
      radio.addEventListener("change", () => choose(profession));
      const needs = describe(profession.requirements, false);
      const mods = describe(profession.modifiers, true);
      const detail = el("span", { className: "profession-detail" }, [
        el("span", { className: "profession-desc", text: profession.description ?? "" }),
        el("span", { className: "profession-req",
          text: needs ? `Requires ${needs}.` : "No requirements." }),
      ]);
      if (mods) {
        detail.append(el("span", { className: "profession-mod", text: `Adjusts ${mods}.` }));
      }
      professionList.append(el("label", { className: "profession", attrs: { for: id } }, [
        radio,
        el("span", { className: "profession-body" }, [
          el("span", { className: "profession-name", text: profession.name ?? profession.id }),
          detail,
        ]),
      ]));
    }
  }

  function choose(profession) {
    chosen = profession;
    message.textContent = "";
    refresh();
    // A roll is made for one profession; arrowing through the list only rolls once it settles.
    window.clearTimeout(debounce);
    debounce = window.setTimeout(doRoll, REROLL_DEBOUNCE_MS);
  }

  async function doRoll() {
    window.clearTimeout(debounce);
    if (!chosen || rolling) return;
    rolling = true;
    message.textContent = "";
    refresh();
    const profession = chosen.id;
    try {
      const answer = await api.roll(profession);
      if (!active) return;
      roll = { ...answer, profession: answer.profession ?? profession };
    } catch (error) {
      if (!active || error?.status === 401) return;
      message.textContent = error.message ?? "The dice would not roll.";
    } finally {
      rolling = false;
      if (active) refresh();
    }
    // The profession may have changed while the dice were in the air.
    if (active && roll && chosen && roll.profession !== chosen.id) doRoll();
  }

  async function onSubmit(event) {
    event.preventDefault();
    if (creating || rolling || submit.disabled) return;
    const name = nameInput.value.trim();
    if (!NAME.test(name)) {
      nameInput.setAttribute("aria-invalid", "true");
      message.textContent = "A name is 3 to 20 letters (A to Z), with no spaces.";
      nameInput.focus();
      return;
    }
    nameInput.removeAttribute("aria-invalid");
    creating = true;
    refresh();
    message.textContent = "";
    try {
      const created = await api.createCharacter(name, chosen.id, roll.roll_id);
      if (!active) return;
      const playName = String(created?.name ?? name);
      credentials.setPlaying(playName);
      app.go("game", { character: playName });
    } catch (error) {
      if (!active || error?.status === 401) return;
      message.textContent = error.message ?? "The investigator could not be created.";
      if (error?.status === 400) {
        roll = null; // spent, expired or unfit: only a fresh roll will do
        rollButton.focus();
      } else {
        nameInput.focus();
      }
    } finally {
      creating = false;
      if (active) refresh();
    }
  }

  form.addEventListener("submit", onSubmit);
  rollButton.addEventListener("click", () => {
    if (!creating) doRoll();
  });
  cancel.addEventListener("click", () => app.go("characters"));
  nameInput.addEventListener("input", () => nameInput.removeAttribute("aria-invalid"));

  return {
    section,
    async enter() {
      active = true;
      app.setTitle("A new investigator");
      roll = null;
      message.textContent = "";
      nameInput.value = "";
      nameInput.removeAttribute("aria-invalid");
      refresh();
      heading.focus();
      try {
        professions = (await app.professions()) ?? [];
      } catch (error) {
        if (error?.status !== 401) message.textContent = error.message;
        return;
      }
      if (!active) return;
      if (!chosen || !professions.some((p) => p.id === chosen.id)) chosen = professions[0] ?? null;
      else chosen = professions.find((p) => p.id === chosen.id);
      renderProfessions();
      refresh();
      await doRoll();
    },
    leave() {
      active = false;
      window.clearTimeout(debounce);
      rolling = false;
    },
  };
}
