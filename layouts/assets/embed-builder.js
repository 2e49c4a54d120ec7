// The staff page that makes embed snippets (/staff/embed/): as staff choose filters, it
// sets them on the live preview (the real widget, /embed.js) and writes both snippets, the
// script one and the iframe one (docs/embed.md says what each needs from the host), with
// this library's public address. Copy buttons put a snippet on the clipboard.

const form = document.querySelector("[data-embed-builder]");
const preview = document.querySelector("[data-embed-preview]");
const site = form.dataset.site;
const name = form.dataset.name;
const defaultLimit = form.dataset.defaultLimit;
const FIELDS = ["audience", "category", "location", "language", "age", "limit", "lang", "heading"];

/** Text safe inside a double-quoted HTML attribute. */
const attr = (text) =>
  String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** The chosen filters, in a fixed order, leaving out what says "any" (and the default limit). */
function chosen() {
  const out = [];
  for (const field of FIELDS) {
    const el = form.elements[field];
    if (!el) continue;
    const value = String(el.value || "").trim();
    if (value && !(field === "limit" && value === defaultLimit)) out.push([field, value]);
  }
  const access = [...form.querySelectorAll("input[name=access]:checked")].map((el) => el.value);
  if (access.length) out.push(["access", access.join(",")]);
  return out;
}

/** A fixed height for the iframe, for hosts that drop its script: room for `limit` items. */
function frameHeight(values) {
  const limit = Number(new Map(values).get("limit") || defaultLimit);
  return 130 + 95 * limit;
}

function scriptSnippet(values) {
  const attrs = values.map(([k, v]) => ` ${k}="${attr(v)}"`).join("");
  return `<script src="${site}/embed.js" async></script>\n<almanac-programs${attrs}></almanac-programs>`;
}

function iframeSnippet(values) {
  const query = new URLSearchParams(values).toString();
  const src = `${site}/embed/${query ? `?${query}` : ""}`;
  const heading = new Map(values).get("heading") || "Upcoming programs";
  const origin = new URL(site).origin;
  return [
    `<iframe src="${attr(src)}" title="${attr(`${heading}: ${name}`)}" height="${frameHeight(values)}" style="width:100%;border:0" loading="lazy" data-almanac-embed></iframe>`,
    "<script>",
    'addEventListener("message", function (e) {',
    `  if (e.origin !== "${origin}" || !e.data || typeof e.data.almanacEmbedHeight !== "number") return;`,
    '  document.querySelectorAll("iframe[data-almanac-embed]").forEach(function (f) {',
    "    if (f.contentWindow === e.source) f.height = e.data.almanacEmbedHeight;",
    "  });",
    "});",
    "</script>",
  ].join("\n");
}

function update() {
  const values = chosen();
  for (const field of [...FIELDS, "access"]) preview.removeAttribute(field);
  for (const [k, v] of values) preview.setAttribute(k, v);
  if (!values.some(([k]) => k === "limit")) preview.setAttribute("limit", defaultLimit);
  document.querySelector("[data-snippet=script]").value = scriptSnippet(values);
  document.querySelector("[data-snippet=iframe]").value = iframeSnippet(values);
}

form.addEventListener("input", update);
form.addEventListener("change", update);
form.addEventListener("submit", (event) => event.preventDefault());
update();

const status = document.querySelector("[data-copy-status]");
for (const button of document.querySelectorAll("[data-copy]")) {
  button.addEventListener("click", async () => {
    const box = document.getElementById(button.dataset.copy);
    try {
      await navigator.clipboard.writeText(box.value);
    } catch {
      // No clipboard permission (an http address, an old browser): select it for Ctrl+C.
      box.focus();
      box.select();
      status.textContent = "Selected: press Ctrl+C (or Cmd+C) to copy.";
      return;
    }
    status.textContent = `Copied the ${button.dataset.copy === "snippet-iframe" ? "iframe" : "script"} snippet.`;
  });
}
