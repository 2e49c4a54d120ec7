// On a consortium's listing pages (docs/consortium.md): the explorer (layouts/assets/
// explorer.js) draws a member's program like one of the site's own, linked to
// `/programs/<id>/`. This finishes each such row as the static listing prints it: linked to
// the program's page on the member's site, with its zone's name after its times when the
// member's zone is not the consortium's, and the member's name. It reads the same data
// file as the explorer (the browser's cache answers the second time).

const root = document.querySelector("[data-explorer]");
const results = document.querySelector("[data-explorer-results]");

/** Minutes east of UTC of an ISO date-time's offset (`Z`: 0). */
function offsetOf(iso) {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(iso || "");
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

function span(className, text) {
  const el = document.createElement("span");
  el.className = className;
  el.textContent = text;
  return el;
}

/** Only http(s) addresses are links. */
function safe(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function finish(li, programs) {
  if (li.dataset.member !== undefined) return;
  // A static row of a member's program is whole already: it names its program
  // (`data-program`), its title links the member's page.
  if (li.dataset.program !== undefined) {
    if (programs.has(li.dataset.program)) li.dataset.member = "";
    return;
  }
  const link = li.querySelector(":scope > a");
  const id = /^\/programs\/(.+)\/$/.exec(link?.getAttribute("href") ?? "")?.[1];
  const p = id === undefined ? undefined : programs.get(decodeURIComponent(id));
  if (!p) return;
  li.dataset.member = "";
  // The row names its program before its title links elsewhere, as a static one does.
  li.dataset.program = p.id;
  const href = safe(p.u);
  if (href) link.href = href;
  const zone = p.zn && p.zn[offsetOf(li.dataset.start ?? li.querySelector(".when time")?.dateTime)];
  if (zone) li.querySelector(".when")?.append(" ", span("zone", zone));
  li.querySelector(":scope > p")?.append(" · ", span("library", p.lib));
}

async function start() {
  const response = await fetch(root.dataset.src);
  if (!response.ok) return;
  const data = await response.json();
  const programs = new Map(data.programs.filter((p) => p.u).map((p) => [p.id, p]));
  const all = (node) =>
    node.matches?.("li.listing") ? [node] : [...(node.querySelectorAll?.("li.listing") ?? [])];
  new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes) for (const li of all(node)) finish(li, programs);
  }).observe(results, { childList: true, subtree: true });
  for (const li of all(results)) finish(li, programs);
}

if (root && results) start().catch(() => {});
