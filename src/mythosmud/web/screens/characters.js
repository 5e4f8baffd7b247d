// The character list: choose an investigator to play, or create one.

import * as api from "../api.js";
import * as credentials from "../credentials.js";
import { byId, clear, el } from "../dom.js";

// PROTOCOL.md allows the server more; the brief and the default server keep three.
const MAX_CHARACTERS = 3;

export function createCharactersScreen(app) {
  const section = byId("screen-characters");
  const heading = byId("characters-title");
  const message = byId("characters-message");
  const list = byId("character-list");
  const empty = byId("characters-empty");
  const create = byId("characters-create");
  const signout = byId("characters-signout");
  const limit = byId("characters-limit");
  let generation = 0;

  create.addEventListener("click", () => app.go("create"));
  signout.addEventListener("click", () => app.signOut("You have signed out."));

  function play(name) {
    credentials.setPlaying(name);
    app.go("game", { character: name });
  }

  async function load() {
    const mine = ++generation;
    list.setAttribute("aria-busy", "true");
    let characters;
    let names = new Map();
    try {
      characters = await api.characters();
      try {
        names = new Map((await app.professions()).map((p) => [p.id, p.name]));
      } catch {
        // The profession ids will do.
      }
    } catch (error) {
      if (mine !== generation || error?.status === 401) return;
      message.textContent = error.message ?? "The list could not be fetched.";
      list.removeAttribute("aria-busy");
      return;
    }
    if (mine !== generation) return;
    list.removeAttribute("aria-busy");
    clear(list);
    const rows = Array.isArray(characters) ? characters : [];
    for (const character of rows) {
      const profession = names.get(character.profession) ?? String(character.profession ?? "");
      const button = el("button", { className: "character", attrs: { type: "button" } }, [
        el("span", { className: "character-name", text: character.name }),
        el("span", { className: "character-meta",
          text: `${profession}, level ${Number(character.level) || 1}` }),
      ]);
      button.addEventListener("click", () => play(String(character.name)));
      list.append(el("li", {}, [button]));
    }
    empty.hidden = rows.length > 0;
    list.hidden = rows.length === 0;
    const full = rows.length >= MAX_CHARACTERS;
    create.disabled = full;
    limit.hidden = !full;
    const first = list.querySelector("button");
    (first ?? create).focus();
  }

  return {
    section,
    enter({ message: text = "" } = {}) {
      app.setTitle("Your investigators");
      credentials.setPlaying(null);
      message.textContent = text;
      heading.focus();
      load();
    },
    leave() {
      generation += 1;
    },
  };
}
