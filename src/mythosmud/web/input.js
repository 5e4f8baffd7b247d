// The command line: Enter sends, Up and Down walk the history, Tab completes (and cycles on
// repeated presses), PageUp and PageDown scroll the output. Tab on an empty line, or with
// nothing to complete, moves focus as usual, so keyboard users are never trapped.

import { candidates, matching, wordAt } from "./completion.js";

const HISTORY_LIMIT = 200;

export class CommandInput {
  #input;
  #history = [];
  #cursor = -1; // -1: editing the draft; otherwise an index into #history
  #draft = "";
  #cycle = null;
  #context;
  #onSubmit;
  #onPage;

  /**
   * @param {HTMLFormElement} form the form around the input
   * @param {HTMLInputElement} input the command line
   * @param {{context: () => {exits: string[], people: string[]}, onSubmit: (line: string) =>
   *   boolean, onPage?: (direction: number) => void}} hooks onSubmit returns false to keep the
   *   line (for instance while disconnected)
   */
  constructor(form, input, { context, onSubmit, onPage = () => {} }) {
    this.#input = input;
    this.#context = context;
    this.#onSubmit = onSubmit;
    this.#onPage = onPage;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.#submit();
    });
    input.addEventListener("keydown", (event) => this.#keydown(event));
    input.addEventListener("input", () => {
      this.#cycle = null;
    });
  }

  focus() {
    this.#input.focus({ preventScroll: true });
  }

  get history() {
    return [...this.#history];
  }

  #submit() {
    const line = this.#input.value;
    if (!this.#onSubmit(line)) return;
    const trimmed = line.trim();
    if (trimmed && this.#history[this.#history.length - 1] !== trimmed) {
      this.#history.push(trimmed);
      if (this.#history.length > HISTORY_LIMIT) this.#history.shift();
    }
    this.#cursor = -1;
    this.#draft = "";
    this.#cycle = null;
    this.#input.value = "";
  }

  #keydown(event) {
    if (event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
    switch (event.key) {
      case "ArrowUp":
        event.preventDefault();
        this.#recall(-1);
        break;
      case "ArrowDown":
        event.preventDefault();
        this.#recall(1);
        break;
      case "Tab":
        if (!event.shiftKey && this.#complete()) event.preventDefault();
        break;
      case "PageUp":
        event.preventDefault();
        this.#onPage(-1);
        break;
      case "PageDown":
        event.preventDefault();
        this.#onPage(1);
        break;
      case "Escape":
        if (this.#input.value) {
          event.preventDefault();
          this.#input.value = "";
          this.#cursor = -1;
          this.#cycle = null;
        }
        break;
      default:
        if (event.key !== "Shift") this.#cycle = null;
    }
  }

  #recall(step) {
    if (this.#history.length === 0) return;
    if (this.#cursor === -1) {
      if (step > 0) return;
      this.#draft = this.#input.value;
      this.#cursor = this.#history.length - 1;
    } else {
      this.#cursor += step;
    }
    if (this.#cursor < 0) this.#cursor = 0;
    if (this.#cursor >= this.#history.length) {
      this.#cursor = -1;
      this.#set(this.#draft);
      return;
    }
    this.#set(this.#history[this.#cursor]);
  }

  #set(value) {
    this.#input.value = value;
    this.#input.setSelectionRange(value.length, value.length);
    this.#cycle = null;
  }

  /** Complete the word at the caret; true when something was completed. */
  #complete() {
    const input = this.#input;
    if (this.#cycle) {
      const cycle = this.#cycle;
      cycle.index = (cycle.index + 1) % cycle.options.length;
      this.#replace(cycle.start, cycle.end, cycle.options[cycle.index], false);
      cycle.end = cycle.start + cycle.options[cycle.index].length;
      return true;
    }
    const caret = input.selectionStart ?? input.value.length;
    const { start, end, prefix } = wordAt(input.value, caret);
    if (!prefix) return false;
    const options = matching(prefix, candidates(input.value, start, this.#context()));
    if (options.length === 0) return false;
    if (options.length === 1) {
      this.#replace(start, end, options[0], true);
      return true;
    }
    this.#replace(start, end, options[0], false);
    this.#cycle = { start, end: start + options[0].length, options, index: 0 };
    return true;
  }

  #replace(start, end, word, addSpace) {
    const input = this.#input;
    const after = input.value.slice(end);
    const spacer = addSpace && !after.startsWith(" ") ? " " : "";
    input.value = input.value.slice(0, start) + word + spacer + after;
    const caret = start + word.length + spacer.length;
    input.setSelectionRange(caret, caret);
  }
}
