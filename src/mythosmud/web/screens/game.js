// The game: output, command line, side pane and conversation pane around one Connection.
// It turns connection states into words (status line and scrollback) and decides what each
// close code means for the player.

import * as credentials from "../credentials.js";
import { ChannelPane } from "../channels.js";
import { Connection, socketUrl } from "../connection.js";
import { byId } from "../dom.js";
import { CommandInput } from "../input.js";
import { Scrollback } from "../scrollback.js";
import { screenReaderMode } from "../settings.js";
import { Sidebar } from "../sidebar.js";

const QUIT_GRACE_MS = 5_000;

const DROP_REASONS = {
  1001: "The server is shutting down",
  1006: "The connection dropped",
  1011: "The server met an unexpected error",
  1012: "The server is restarting",
  1013: "The server is too busy",
};

const ERROR_TEXT = {
  rate_limited: "You are acting too quickly; that command was not carried out.",
  bad_frame: "The server did not understand something this window sent.",
};

function seconds(ms) {
  return Math.max(1, Math.round(ms / 1000));
}

export function createGameScreen(app) {
  const section = byId("screen-game");
  const heading = byId("game-title");
  const status = byId("game-status");
  const reconnectButton = byId("game-reconnect");
  const leaveButton = byId("game-leave");
  const quitButton = byId("game-quit");
  const sideToggle = byId("side-toggle");
  const dialog = byId("replaced-dialog");
  const input = byId("command");

  const scrollback = new Scrollback(byId("scrollback"), byId("new-output"));
  const channels = new ChannelPane(byId("channel-log"));
  const sidebar = new Sidebar({
    root: byId("game-side"),
    vitals: byId("vitals"),
    roomName: byId("room-name"),
    exitList: byId("exit-list"),
    whoList: byId("who-list"),
    onGo: (direction, event) => {
      send(direction);
      // Pointer users and screen-reader mode go straight back to typing.
      if (screenReaderMode() || !event || event.detail > 0) commandLine.focus();
    },
  });
  const commandLine = new CommandInput(byId("command-form"), input, {
    context: () => ({ exits: sidebar.exits, people: sidebar.people }),
    onSubmit: (line) => submit(line),
    onPage: (direction) => scrollback.page(direction),
  });

  let connection = null;
  let character = "";
  let quitting = false;
  let quitTimer = 0;
  let lastSystemText = "";
  let active = false;

  function setStatus(text, state) {
    status.textContent = text;
    status.dataset.state = state;
  }

  function setActions({ reconnect = false, leave = false } = {}) {
    reconnectButton.hidden = !reconnect;
    leaveButton.hidden = !leave;
  }

  /** Send a line typed (or clicked) by the player; false keeps it in the input. */
  function send(line) {
    const text = line.trim();
    if (!text) {
      scrollback.jumpToBottom();
      return true;
    }
    if (!connection?.open) {
      scrollback.note("Not connected: that was not sent. It is still in the command line.");
      return false;
    }
    // Screen readers have just heard the line typed; only sighted players need the echo.
    if (!screenReaderMode()) scrollback.append(text, "echo");
    scrollback.jumpToBottom();
    if (/^quit$/i.test(text)) beginQuit();
    return connection.command(text) !== null;
  }

  function submit(line) {
    return send(line);
  }

  function beginQuit() {
    quitting = true;
    window.clearTimeout(quitTimer);
    // The server answers `quit` and closes with 1000; if it does not, leave anyway.
    quitTimer = window.setTimeout(() => finish("You have left Arkham for now."), QUIT_GRACE_MS);
  }

  function finish(message) {
    if (!active) return;
    credentials.setPlaying(null);
    app.go("characters", { message });
  }

  function onFrame(event) {
    const frame = event.detail;
    switch (frame.type) {
      case "welcome":
        if (frame.character && typeof frame.character.name === "string") {
          character = frame.character.name;
          heading.textContent = `Playing ${character}`;
          app.setTitle(character);
        }
        break;
      case "text":
        scrollback.append(frame.text, typeof frame.kind === "string" ? frame.kind : "info");
        if (frame.kind === "system" && typeof frame.text === "string") {
          lastSystemText = frame.text;
        }
        break;
      case "Room.Info":
        sidebar.setRoom(frame.data);
        break;
      case "Room.Players":
        sidebar.setPlayers(frame.data);
        break;
      case "Char.Vitals":
        sidebar.setVitals(frame.data);
        break;
      case "Comm.Channel.Text":
        channels.add(frame.data);
        break;
      case "error": {
        const code = typeof frame.code === "string" ? frame.code : "";
        const text = typeof frame.text === "string" && frame.text
          ? frame.text : ERROR_TEXT[code] ?? "The server reported a problem.";
        const line = scrollback.append(text, "error");
        if (code) line.dataset.code = code;
        break;
      }
      default:
        break; // pong, and frames newer than this client
    }
  }

  function onState(event) {
    const detail = event.detail;
    switch (detail.state) {
      case "connecting":
        setActions();
        setStatus(detail.reconnected || detail.attempt > 0
          ? "Reconnecting…" : "Connecting…", "connecting");
        break;
      case "open":
        setActions();
        sidebar.setStale(false);
        setStatus(`Connected as ${character}.`, "open");
        if (detail.reconnected) scrollback.note("Reconnected. You are back in Arkham.");
        break;
      case "waiting": {
        sidebar.setStale(true);
        const why = DROP_REASONS[detail.code] ?? `The connection was lost (code ${detail.code})`;
        setStatus(`${why}. Reconnecting in ${seconds(detail.delayMs)} s` +
          ` (attempt ${detail.attempt})…`, "waiting");
        if (detail.attempt === 1) scrollback.note(`${why}. Reconnecting…`);
        else if (detail.attempt % 5 === 0) scrollback.note("Still trying to reconnect…");
        break;
      }
      case "closed":
        sidebar.setStale(true);
        closed(detail);
        break;
      default:
        break;
    }
  }

  function closed({ outcome, code }) {
    switch (outcome) {
      case "ended":
        finish(lastSystemText || "You have left Arkham for now.");
        break;
      case "replaced":
        setStatus("Taken over by another window or device.", "closed");
        scrollback.note("This investigator was taken over by another window or device. " +
          "Choose \"Reconnect here\" to play in this window again.");
        setActions({ reconnect: true, leave: true });
        if (!dialog.open) dialog.showModal();
        break;
      case "unauthorized":
        app.signOut("Your sign-in has expired or is no longer valid. Please sign in again.");
        break;
      case "forbidden":
        setStatus("Refused: this account may not play that investigator.", "closed");
        scrollback.note(`The server refused to let this account play ${character} (code 4403).`);
        setActions({ leave: true });
        break;
      case "flooding":
        setStatus("Disconnected for sending too much, too quickly.", "closed");
        scrollback.note("Disconnected: too many commands too quickly, or the connection " +
          "could not keep up with the game (code 1008). Reconnect when you are ready.");
        setActions({ reconnect: true, leave: true });
        break;
      case "too-large":
        setStatus("Disconnected: a message was too large.", "closed");
        scrollback.note("Disconnected: something sent was larger than the server accepts " +
          "(code 1009). Reconnect when you are ready.");
        setActions({ reconnect: true, leave: true });
        break;
      case "stopped":
        break;
      default:
        setStatus(`Disconnected (code ${code}).`, "closed");
        setActions({ reconnect: true, leave: true });
    }
  }

  function connect() {
    const token = credentials.token();
    if (!token) {
      app.signOut("Your sign-in has expired. Please sign in again.");
      return;
    }
    disconnect();
    quitting = false;
    connection = new Connection({ url: socketUrl(), token, character });
    connection.addEventListener("frame", onFrame);
    connection.addEventListener("state", onState);
    connection.start();
  }

  function disconnect() {
    if (!connection) return;
    connection.removeEventListener("frame", onFrame);
    connection.removeEventListener("state", onState);
    connection.stop();
    connection = null;
  }

  function reconnectHere() {
    if (dialog.open) dialog.close();
    scrollback.note("Reconnecting in this window…");
    connect();
    commandLine.focus();
  }

  function leave() {
    if (dialog.open) dialog.close();
    disconnect();
    finish("");
  }

  // The "new output" marker has just scrolled down for the player: back to typing.
  byId("new-output").addEventListener("click", () => commandLine.focus());
  reconnectButton.addEventListener("click", reconnectHere);
  leaveButton.addEventListener("click", leave);
  byId("replaced-reconnect").addEventListener("click", reconnectHere);
  byId("replaced-leave").addEventListener("click", leave);
  dialog.addEventListener("close", () => {
    if (active && !reconnectButton.hidden) reconnectButton.focus();
  });
  quitButton.addEventListener("click", () => {
    if (connection?.open && !quitting) {
      send("quit");
      return;
    }
    leave();
  });
  sideToggle.addEventListener("click", () => {
    const open = section.classList.toggle("side-open");
    sideToggle.setAttribute("aria-expanded", String(open));
  });

  // Typing anywhere on the game screen goes to the command line.
  document.addEventListener("keydown", (event) => {
    if (!active || dialog.open || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key.length !== 1) return;
    const target = event.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement ||
      target instanceof HTMLButtonElement || target instanceof HTMLSelectElement) return;
    commandLine.focus();
  });

  return {
    section,
    enter({ character: name = "" } = {}) {
      active = true;
      character = String(name);
      lastSystemText = "";
      heading.textContent = `Playing ${character}`;
      app.setTitle(character);
      scrollback.clear();
      channels.clear();
      sidebar.reset(character);
      sidebar.setStale(true);
      setActions();
      section.classList.remove("side-open");
      sideToggle.setAttribute("aria-expanded", "false");
      setStatus("Connecting…", "connecting");
      connect();
      commandLine.focus();
    },
    leave() {
      active = false;
      window.clearTimeout(quitTimer);
      if (dialog.open) dialog.close();
      disconnect();
    },
  };
}
