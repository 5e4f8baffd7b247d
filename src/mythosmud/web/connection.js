// The game socket (PROTOCOL.md, "WebSocket"): authenticates with the token and character,
// pings to stay alive, checks `seq`, and reconnects by itself with capped, jittered exponential
// backoff unless the close code says that would be wrong.
//
// Events (CustomEvent, data in `detail`):
//   "frame": a parsed server frame.
//   "state": { state, attempt, delayMs, code, reason, reconnected, outcome }
//     state is "connecting", "open" (after `welcome`), "waiting" (a retry is scheduled) or
//     "closed" (final; `outcome` says why: ended, replaced, unauthorized, forbidden, flooding,
//     too-large or stopped).

export const OUTCOMES = new Map([
  [1000, "ended"], // the player quit
  [1008, "flooding"], // too many commands, or too slow to read
  [1009, "too-large"], // a frame over the server's limit
  [4401, "unauthorized"], // bad or expired token
  [4403, "forbidden"], // not this account's character, banned, or a refused origin
  [4409, "replaced"], // a newer session took this character over
]);

/** The socket URL on this page's own host: ws: or wss: to match http: or https:. */
export function socketUrl(loc = window.location) {
  const scheme = loc.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${loc.host}/api/v1/ws`;
}

/** Delay before retry number `attempt` (1, 2, ...): exponential, capped, half of it jitter. */
export function backoffDelay(attempt, baseMs, maxMs, random = Math.random) {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export class Connection extends EventTarget {
  #url;
  #token;
  #character;
  #options;
  #ws = null;
  #attempt = 0;
  #expectedSeq = 1;
  #welcomed = false;
  #everOpened = false;
  #stopped = false;
  #nextId = 1;
  #lastHeard = 0;
  #pingTimer = 0;
  #retryTimer = 0;
  #authTimer = 0;
  #onOnline = () => this.#retrySoon();

  constructor({ url, token, character, pingMs = 30_000, baseDelayMs = 1_000,
    maxDelayMs = 30_000, welcomeTimeoutMs = 15_000 }) {
    super();
    this.#url = url;
    this.#token = token;
    this.#character = character;
    this.#options = { pingMs, baseDelayMs, maxDelayMs, welcomeTimeoutMs };
  }

  get open() {
    return this.#welcomed && this.#ws?.readyState === WebSocket.OPEN;
  }

  get character() {
    return this.#character;
  }

  /** Connect (again). Also used by "Reconnect here" after a final close. */
  start() {
    this.#stopped = false;
    this.#attempt = 0;
    window.addEventListener("online", this.#onOnline);
    this.#connect();
  }

  /** Close for good: no reconnect. */
  stop() {
    this.#stopped = true;
    window.removeEventListener("online", this.#onOnline);
    this.#clearTimers();
    const ws = this.#ws;
    if (ws && ws.readyState <= WebSocket.OPEN) {
      ws.close(1000, "client closed");
    } else if (!ws) {
      this.#emit("closed", { outcome: "stopped" });
    }
  }

  /** Send a typed line; returns the frame id, or null when not connected. */
  command(text) {
    const id = this.#nextId++;
    return this.#send({ type: "command", text, id }) ? id : null;
  }

  #send(frame) {
    if (!this.open) return false;
    this.#ws.send(JSON.stringify(frame));
    return true;
  }

  #connect() {
    this.#clearTimers();
    this.#welcomed = false;
    this.#expectedSeq = 1; // seq restarts on each connection
    let ws;
    try {
      ws = new WebSocket(this.#url);
    } catch {
      this.#scheduleRetry(1006, "could not open the socket");
      return;
    }
    this.#ws = ws;
    this.#emit("connecting", { attempt: this.#attempt, reconnected: this.#everOpened });
    ws.addEventListener("open", () => {
      if (ws !== this.#ws) return;
      ws.send(JSON.stringify({ type: "auth", token: this.#token, character: this.#character }));
      this.#authTimer = window.setTimeout(() => this.#abandon(ws, "no welcome"),
        this.#options.welcomeTimeoutMs);
    });
    ws.addEventListener("message", (event) => {
      if (ws !== this.#ws) return;
      this.#receive(event.data);
    });
    ws.addEventListener("close", (event) => {
      if (ws !== this.#ws) return;
      this.#ws = null;
      this.#closed(event.code, event.reason);
    });
  }

  #receive(data) {
    this.#lastHeard = Date.now();
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return; // not ours to show
    }
    if (!frame || typeof frame !== "object" || typeof frame.type !== "string") return;
    if (frame.type === "welcome") {
      window.clearTimeout(this.#authTimer);
      this.#welcomed = true;
      const reconnected = this.#everOpened;
      this.#everOpened = true;
      this.#attempt = 0;
      this.#startPing();
      this.dispatchEvent(new CustomEvent("frame", { detail: frame }));
      this.#emit("open", { reconnected });
      return;
    }
    if (typeof frame.seq === "number") {
      if (frame.seq !== this.#expectedSeq) {
        console.warn(`seq ${frame.seq}, expected ${this.#expectedSeq}: frames were lost`);
      }
      this.#expectedSeq = frame.seq + 1;
    }
    this.dispatchEvent(new CustomEvent("frame", { detail: frame }));
  }

  #startPing() {
    window.clearInterval(this.#pingTimer);
    this.#lastHeard = Date.now();
    const every = this.#options.pingMs;
    this.#pingTimer = window.setInterval(() => {
      const ws = this.#ws;
      if (!ws) return;
      // Two pings without a word back: the link is dead even if the socket has not noticed.
      if (Date.now() - this.#lastHeard > every * 2 + 5_000) {
        this.#abandon(ws, "no answer to ping");
        return;
      }
      this.#send({ type: "ping" });
    }, every);
  }

  /** Give up on a socket that went quiet and reconnect as after a dropped connection. */
  #abandon(ws, reason) {
    if (ws !== this.#ws) return;
    this.#ws = null;
    try {
      ws.close(4000, reason);
    } catch {
      // Already closing.
    }
    this.#closed(1006, reason);
  }

  #closed(code, reason) {
    this.#clearTimers();
    this.#welcomed = false;
    if (this.#stopped) {
      this.#emit("closed", { outcome: "stopped", code, reason });
      return;
    }
    const outcome = OUTCOMES.get(code);
    if (outcome) {
      this.#stopped = true;
      window.removeEventListener("online", this.#onOnline);
      this.#emit("closed", { outcome, code, reason });
      return;
    }
    // 1001 / 1012 (server going away or restarting), 1006 (dropped), 1011, and the rest.
    this.#scheduleRetry(code, reason);
  }

  #scheduleRetry(code, reason) {
    this.#attempt += 1;
    const { baseDelayMs, maxDelayMs } = this.#options;
    const delayMs = backoffDelay(this.#attempt, baseDelayMs, maxDelayMs);
    this.#emit("waiting", { attempt: this.#attempt, delayMs, code, reason });
    this.#retryTimer = window.setTimeout(() => this.#connect(), delayMs);
  }

  /** The browser says the network is back: do not wait out the whole delay. */
  #retrySoon() {
    if (this.#stopped || this.#ws || !this.#retryTimer) return;
    window.clearTimeout(this.#retryTimer);
    this.#retryTimer = window.setTimeout(() => this.#connect(), 250);
  }

  #clearTimers() {
    window.clearInterval(this.#pingTimer);
    window.clearTimeout(this.#retryTimer);
    window.clearTimeout(this.#authTimer);
    this.#pingTimer = 0;
    this.#retryTimer = 0;
    this.#authTimer = 0;
  }

  #emit(state, extra = {}) {
    this.dispatchEvent(new CustomEvent("state", {
      detail: { state, attempt: this.#attempt, ...extra },
    }));
  }
}
