// The embed's iframe page (/embed/?audience=teens&limit=5): copies the address's filters
// onto its <almanac-programs> (drawn by /embed.js, loaded after this module), and tells the
// page that frames it how tall it is, whenever that changes, with
// `postMessage({ almanacEmbedHeight: <px> }, "*")`: the height is not a secret, and the
// host's snippet checks that the message comes from this site (docs/embed.md).

import { EMBED_ATTRIBUTES } from "./lib/embed-attributes.js";

const widget = document.querySelector("almanac-programs[data-embed-frame]");
const params = new URLSearchParams(location.search);
for (const name of EMBED_ATTRIBUTES) {
  const value = params.get(name);
  if (value) widget.setAttribute(name, value);
}

let posted = 0;
function postHeight() {
  // The body's own height (its margins are 0), not the viewport's: the frame can shrink.
  const height = Math.ceil(document.body.getBoundingClientRect().height);
  if (height === posted || window.parent === window) return;
  posted = height;
  window.parent.postMessage({ almanacEmbedHeight: height }, "*");
}
new ResizeObserver(postHeight).observe(document.body);
