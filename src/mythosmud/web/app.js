// Entry point: applies settings, wires the screens and decides where a visitor starts.

import * as api from "./api.js";
import * as credentials from "./credentials.js";
import { byId } from "./dom.js";
import { initSettings } from "./settings.js";
import { createCharactersScreen } from "./screens/characters.js";
import { createCreateScreen } from "./screens/create.js";
import { createGameScreen } from "./screens/game.js";
import { createSigninScreen } from "./screens/signin.js";

const EXPIRED = "Your sign-in has expired or is no longer valid. Please sign in again.";

let professionsPromise = null;
let current = null;
let currentName = "";

const app = {
  /** Show a screen: `signin`, `characters`, `create` or `game`. */
  go(name, options = {}) {
    if (current) current.leave();
    for (const [key, screen] of Object.entries(screens)) screen.section.hidden = key !== name;
    current = screens[name];
    currentName = name;
    document.body.dataset.screen = name;
    current.enter(options);
  },

  get screen() {
    return currentName;
  },

  setTitle(title) {
    document.title = title ? `${title} · MythosMUD` : "MythosMUD";
  },

  /** The profession list, fetched once (it only changes when the server restarts). */
  professions() {
    if (!professionsPromise) {
      professionsPromise = api.professions().catch((error) => {
        professionsPromise = null;
        throw error;
      });
    }
    return professionsPromise;
  },

  signOut(message = "") {
    credentials.forget();
    app.go("signin", { message });
  },
};

const screens = {
  signin: createSigninScreen(app),
  characters: createCharactersScreen(app),
  create: createCreateScreen(app),
  game: createGameScreen(app),
};

api.onUnauthorized(() => {
  if (currentName !== "signin") app.signOut(EXPIRED);
});

initSettings(byId("sr-toggle"));
byId("boot").hidden = true;

if (!credentials.token()) {
  app.go("signin");
} else if (credentials.playing()) {
  app.go("game", { character: credentials.playing() });
} else {
  app.go("characters");
}
