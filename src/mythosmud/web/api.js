// REST calls under /api/v1 (see PROTOCOL.md, "HTTP"). Every failure becomes an ApiError whose
// message can be shown to the player as it is.

import * as credentials from "./credentials.js";

const BASE = "/api/v1";

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.name = "ApiError";
    this.status = status;
  }
}

const FIELD_NAMES = {
  username: "Username",
  password: "Password",
  invite_code: "Invite code",
  name: "Name",
  profession: "Profession",
  roll_id: "Roll",
};

const FALLBACK = {
  400: "The request was refused.",
  401: "Your sign-in has expired or is not valid. Please sign in again.",
  403: "That is not allowed.",
  404: "Not found.",
  409: "That conflicts with something that already exists.",
  422: "Some of what you entered is not valid.",
  429: "Too many attempts. Wait a little and try again.",
};

/** Turn FastAPI's `{"detail": ...}` (a string, or a list of validation errors) into words. */
export function describeDetail(detail, status) {
  if (typeof detail === "string" && detail.trim()) return detail;
  if (Array.isArray(detail)) {
    const parts = detail.map((item) => {
      const loc = Array.isArray(item?.loc) ? item.loc[item.loc.length - 1] : "";
      const field = FIELD_NAMES[loc] ?? (typeof loc === "string" ? loc : "");
      let msg = typeof item?.msg === "string" ? item.msg : "is not valid";
      if (/should match pattern/i.test(msg)) msg = "must be 3 to 20 letters (A to Z only)";
      return field ? `${field}: ${msg}` : msg;
    });
    if (parts.length) return parts.join(". ") + ".";
  }
  return FALLBACK[status] ?? `The server answered ${status}.`;
}

let unauthorizedHandler = () => {};

/** Called (once per failing request) when the server answers 401 to an authenticated call. */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

async function request(method, path, { body, auth = true } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (auth) {
    const bearer = credentials.token();
    if (!bearer) {
      unauthorizedHandler();
      throw new ApiError(401, FALLBACK[401]);
    }
    headers.Authorization = `Bearer ${bearer}`;
  }
  let response;
  try {
    response = await fetch(BASE + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch {
    throw new ApiError(0, "The server cannot be reached. Try again in a moment.");
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    if (response.status === 401 && auth) unauthorizedHandler();
    throw new ApiError(response.status, describeDetail(data?.detail, response.status));
  }
  return data;
}

export function register(username, password, inviteCode) {
  const body = { username, password };
  if (inviteCode) body.invite_code = inviteCode;
  return request("POST", "/auth/register", { body, auth: false });
}

export function login(username, password) {
  return request("POST", "/auth/login", { body: { username, password }, auth: false });
}

export function professions() {
  return request("GET", "/professions", { auth: false });
}

export function roll(profession) {
  return request("POST", "/characters/roll", { body: profession ? { profession } : {} });
}

export function createCharacter(name, profession, rollId) {
  return request("POST", "/characters", { body: { name, profession, roll_id: rollId } });
}

export function characters() {
  return request("GET", "/characters");
}
