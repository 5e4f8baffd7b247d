// The conversation pane: a copy of every Comm.Channel.Text (say, whisper, channels) with who
// spoke, so talk is easy to follow when the main output is busy.

import { atBottom, el } from "./dom.js";

const LABELS = { say: "said", whisper: "whispered" };

export class ChannelPane {
  #list;
  #limit;

  constructor(list, { limit = 300 } = {}) {
    this.#list = list;
    this.#limit = limit;
  }

  clear() {
    this.#list.replaceChildren();
  }

  add(data) {
    if (!data || typeof data !== "object") return;
    const channel = typeof data.channel === "string" && data.channel ? data.channel : "channel";
    const talker = typeof data.talker === "string" && data.talker ? data.talker : "Someone";
    const text = typeof data.text === "string" ? data.text : "";
    const follow = atBottom(this.#list);
    const entry = el("li", { className: `talk talk-${/^[a-z]+$/.test(channel) ? channel : "other"}` }, [
      el("span", { className: "talk-channel", text: channel }),
      " ",
      el("span", { className: "talk-talker", text: talker }),
      el("span", { className: "visually-hidden", text: ` ${LABELS[channel] ?? "said"}` }),
      el("span", { className: "talk-sep", text: ": ", attrs: { "aria-hidden": "true" } }),
      el("span", { className: "talk-text", text }),
    ]);
    this.#list.append(entry);
    while (this.#list.childElementCount > this.#limit) this.#list.firstElementChild.remove();
    if (follow) this.#list.scrollTop = this.#list.scrollHeight;
  }
}
