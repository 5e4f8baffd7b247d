// The signed-in account: the access token (sessionStorage only, so it dies with the tab),
// when it expires, and which investigator this tab is playing.

const KEY = "mythosmud.auth";
const CHARACTER_KEY = "mythosmud.character";
// Treat a token as spent a little before the server does, so a request never races it.
const EXPIRY_MARGIN_MS = 30_000;

function read() {
  try {
    const raw = sessionStorage.getItem(KEY);
    const data = raw ? JSON.parse(raw) : null;
    if (data && typeof data.token === "string" && typeof data.expiresAt === "number") {
      return data;
    }
  } catch {
    // Storage disabled or corrupt: behave as signed out.
  }
  return null;
}

let memory = read();

/** Remember a fresh token from `POST /auth/login`. */
export function saveToken(token, expiresInSeconds, username) {
  const seconds = Number.isFinite(expiresInSeconds) ? expiresInSeconds : 3600;
  const data = { token, username, expiresAt: Date.now() + seconds * 1000 };
  try {
    sessionStorage.setItem(KEY, JSON.stringify(data));
  } catch {
    // Private modes may refuse storage; the token then lives only as long as this page.
  }
  memory = data;
}


/** The token, or null when signed out or expired. */
export function token() {
  const data = memory ?? read();
  if (!data) return null;
  if (Date.now() > data.expiresAt - EXPIRY_MARGIN_MS) {
    forget();
    return null;
  }
  return data.token;
}

export function username() {
  return (memory ?? read())?.username ?? "";
}

/** Sign out locally: drop the token and the character in play. */
export function forget() {
  memory = null;
  try {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(CHARACTER_KEY);
  } catch {
    // Nothing to remove.
  }
}

/** The investigator this tab is playing (so a reload goes back into the game). */
export function playing() {
  try {
    return sessionStorage.getItem(CHARACTER_KEY);
  } catch {
    return null;
  }
}

export function setPlaying(name) {
  try {
    if (name) sessionStorage.setItem(CHARACTER_KEY, name);
    else sessionStorage.removeItem(CHARACTER_KEY);
  } catch {
    // Not remembered; a reload lands on the character list instead.
  }
}
