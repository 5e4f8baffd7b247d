// Sign in, or register and then sign in.

import * as api from "../api.js";
import * as credentials from "../credentials.js";
import { byId } from "../dom.js";

const NAME = /^[A-Za-z]{3,20}$/;

export function createSigninScreen(app) {
  const section = byId("screen-signin");
  const form = byId("signin-form");
  const message = byId("signin-message");
  const username = byId("signin-username");
  const password = byId("signin-password");
  const invite = byId("signin-invite");
  const inviteField = byId("invite-field");
  const submit = byId("signin-submit");
  const modeSignin = byId("mode-signin");
  const modeRegister = byId("mode-register");
  let registering = false;
  let busy = false;

  function setMode(register) {
    registering = register;
    modeSignin.setAttribute("aria-pressed", String(!register));
    modeRegister.setAttribute("aria-pressed", String(register));
    inviteField.hidden = !register;
    submit.textContent = register ? "Register" : "Sign in";
    password.autocomplete = register ? "new-password" : "current-password";
    app.setTitle(register ? "Register" : "Sign in");
    say("");
  }

  function say(text, kind = "error") {
    message.textContent = text;
    message.dataset.kind = kind;
  }

  function setBusy(value) {
    busy = value;
    submit.setAttribute("aria-disabled", String(value)); // `disabled` would drop focus
    form.setAttribute("aria-busy", String(value));
  }

  function validate() {
    const name = username.value.trim();
    if (!name) return [username, "Enter your username."];
    if (registering && !NAME.test(name)) {
      return [username, "A username is 3 to 20 letters (A to Z), with no spaces or digits."];
    }
    if (!password.value) return [password, "Enter your password."];
    if (registering && (password.value.length < 8 || password.value.length > 128)) {
      return [password, "A password is 8 to 128 characters long."];
    }
    return null;
  }

  async function onSubmit(event) {
    event.preventDefault();
    if (busy) return;
    const problem = validate();
    for (const input of [username, password]) input.removeAttribute("aria-invalid");
    if (problem) {
      const [input, text] = problem;
      input.setAttribute("aria-invalid", "true");
      say(text);
      input.focus();
      return;
    }
    const name = username.value.trim();
    setBusy(true);
    say(registering ? "Writing your name in the register…" : "Knocking at the door…", "info");
    try {
      if (registering) await api.register(name, password.value, invite.value.trim());
      const answer = await api.login(name, password.value);
      credentials.saveToken(answer.access_token, Number(answer.expires_in), name);
      password.value = "";
      say("");
      app.go("characters", registering ? { message: `Welcome to Arkham, ${name}.` } : {});
    } catch (error) {
      say(error instanceof api.ApiError ? error.message : "Something went wrong.");
      (error?.status === 409 || error?.status === 422 ? username : password).focus();
    } finally {
      setBusy(false);
    }
  }

  form.addEventListener("submit", onSubmit);
  modeSignin.addEventListener("click", () => setMode(false));
  modeRegister.addEventListener("click", () => setMode(true));

  return {
    section,
    enter({ message: text = "", register = false } = {}) {
      setMode(register);
      setBusy(false);
      if (text) say(text, "info");
      (username.value ? password : username).focus();
    },
    leave() {},
  };
}
