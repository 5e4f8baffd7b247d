// The game output: one element per message, styled by the text frame's `kind`. It follows new
// output while the reader is at the bottom, and keeps their place when they have scrolled up,
// offering a "new output" button that jumps back down.

import { atBottom, el } from "./dom.js";

/** Kinds from PROTOCOL.md; anything else is shown as `info`. `client` marks our own notes
 * and `echo` the player's own commands. */
export const KINDS = new Set([
  "room", "say", "emote", "tell", "channel", "combat", "info", "error", "system", "client",
  "echo",
]);

export function kindClass(kind) {
  return `kind-${KINDS.has(kind) ? kind : "info"}`;
}

export class Scrollback {
  #box;
  #marker;
  #limit;
  #unseen = 0;

  /**
   * @param {HTMLElement} box the scrolling log element
   * @param {HTMLButtonElement} marker the "new output below" button
   */
  constructor(box, marker, { limit = 2000 } = {}) {
    this.#box = box;
    this.#marker = marker;
    this.#limit = limit;
    box.addEventListener("scroll", () => {
      if (atBottom(box)) this.#hideMarker();
    }, { passive: true });
    marker.addEventListener("click", () => this.jumpToBottom());
  }

  /** Add one message. `text` is shown verbatim (as text, never as markup). */
  append(text, kind = "info") {
    const follow = atBottom(this.#box);
    const line = el("p", { className: `line ${kindClass(kind)}`, text: String(text ?? "") });
    this.#box.append(line);
    this.#trim(follow);
    if (follow) {
      this.#box.scrollTop = this.#box.scrollHeight;
    } else {
      this.#unseen += 1;
      this.#showMarker();
    }
    return line;
  }

  /** A note from the client itself (connection state and the like). */
  note(text, kind = "client") {
    return this.append(text, kind);
  }

  clear() {
    this.#box.replaceChildren();
    this.#hideMarker();
  }

  jumpToBottom() {
    this.#box.scrollTop = this.#box.scrollHeight;
    this.#hideMarker();
  }

  /** Scroll by a page (PageUp / PageDown from the command line). */
  page(direction) {
    this.#box.scrollBy({ top: direction * this.#box.clientHeight * 0.9 });
  }

  #trim(follow) {
    let excess = this.#box.childElementCount - this.#limit;
    if (excess <= 0) return;
    let removed = 0;
    while (excess-- > 0 && this.#box.firstElementChild) {
      removed += this.#box.firstElementChild.offsetHeight;
      this.#box.firstElementChild.remove();
    }
    // Keep a reader who scrolled up looking at the same lines.
    if (!follow) this.#box.scrollTop = Math.max(0, this.#box.scrollTop - removed);
  }

  #showMarker() {
    this.#marker.textContent = this.#unseen === 1
      ? "1 new message below"
      : `${this.#unseen} new messages below`;
    this.#marker.hidden = false;
  }

  #hideMarker() {
    this.#unseen = 0;
    this.#marker.hidden = true;
  }
}
