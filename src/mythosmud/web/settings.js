// Accessibility settings. Screen-reader mode is remembered in localStorage: it drops
// decorative characters, keeps focus on the command line and sets `sr-mode` on <html>, which
// the stylesheet uses to show one plain message per line.

const KEY = "mythosmud.screenReaderMode";

function stored() {
  try {
    return localStorage.getItem(KEY) === "on";
  } catch {
    return false;
  }
}

let enabled = stored();
const listeners = new Set();

export function screenReaderMode() {
  return enabled;
}

export function setScreenReaderMode(on) {
  enabled = Boolean(on);
  try {
    localStorage.setItem(KEY, enabled ? "on" : "off");
  } catch {
    // Not remembered, but still applied to this page.
  }
  apply();
}

export function onScreenReaderModeChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

let toggle = null;

function apply() {
  document.documentElement.classList.toggle("sr-mode", enabled);
  if (toggle) toggle.setAttribute("aria-pressed", String(enabled));
  for (const listener of listeners) listener(enabled);
}

/** Wire the header's toggle button and apply the remembered setting. */
export function initSettings(button) {
  toggle = button;
  button.addEventListener("click", () => setScreenReaderMode(!enabled));
  apply();
}
