// Small DOM helpers. Text from the server only ever goes in through textContent.

/** The element with this id; throws early when the page and the code disagree. */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing element #${id}`);
  return node;
}

/**
 * Create an element. `text` is set as textContent (never parsed as HTML); `attrs` are plain
 * attributes set one by one; `children` are nodes or strings (strings become text nodes).
 */
export function el(tag, { className = "", text = null, attrs = {} } = {}, children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== null && text !== undefined) node.textContent = String(text);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

/** Remove every child of `node`. */
export function clear(node) {
  node.replaceChildren();
}

/** Show or hide an element with the `hidden` attribute. */
export function show(node, visible) {
  node.hidden = !visible;
}

/** True when the user is at (or within a few pixels of) the bottom of a scrolling box. */
export function atBottom(box, slack = 24) {
  return box.scrollHeight - box.scrollTop - box.clientHeight <= slack;
}
