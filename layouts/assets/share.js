// The Share button of program pages: the browser's own share sheet (Web Share API) where
// there is one, else copying the link. The button stays hidden until this script has
// checked that one of the two works, so without JavaScript only the plain links show.
// No third-party script, nothing sent anywhere until the visitor chooses.
import { translatorFrom } from "./lib/strings.js";

function setStatus(status, text) {
  if (!status) return;
  // Clear first so screen readers announce the same message again on a second click.
  status.textContent = "";
  window.setTimeout(() => {
    status.textContent = text;
  }, 50);
}

// The e-mail and Google Calendar links carry the page's address (so they work without
// this script); the summary, written once on the Share button (`data-share-text`), goes
// before it here (src/site/share.ts).
const LINKS_WITH_SUMMARY = [
  ["a.share-email", "body"],
  ["a.share-google", "details"],
];
for (const section of document.querySelectorAll(".share")) {
  const text = section.querySelector("[data-share-text]")?.dataset.shareText;
  if (!text) continue;
  for (const [selector, param] of LINKS_WITH_SUMMARY)
    for (const link of section.querySelectorAll(selector)) {
      const href = link.getAttribute("href");
      const at = new RegExp(`([?&]${param}=)`);
      if (at.test(href))
        // The summary and a blank line before what the link already says ("%0A" is "\n").
        link.setAttribute("href", href.replace(at, `$1${encodeURIComponent(text)}%0A%0A`));
    }
}

for (const button of document.querySelectorAll("button.share-button")) {
  const url = button.dataset.shareUrl || window.location.href;
  const data = {
    title: button.dataset.shareTitle || document.title,
    text: button.dataset.shareText || "",
    url,
  };
  const canShare =
    typeof navigator.share === "function" && (!navigator.canShare || navigator.canShare(data));
  const canCopy = Boolean(
    navigator.clipboard && typeof navigator.clipboard.writeText === "function",
  );
  if (!canShare && !canCopy) continue;
  const status = button.parentElement && button.parentElement.querySelector(".share-status");
  // The words, in the page's language: the file the button names (`data-strings-src`,
  // src/i18n/strings.ts `stringsFile`). Not read (offline, never cached): no button.
  let tr;
  try {
    tr = await translatorFrom(button);
  } catch {
    continue;
  }
  if (!canShare) button.textContent = tr("shareScript.copy");
  button.hidden = false;
  button.addEventListener("click", async () => {
    if (canShare) {
      try {
        await navigator.share(data);
        return;
      } catch (error) {
        // The visitor closed the share sheet: nothing to do.
        if (error && error.name === "AbortError") return;
        if (!canCopy) {
          setStatus(status, tr("shareScript.failed"));
          return;
        }
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      setStatus(status, tr("shareScript.copied"));
    } catch {
      setStatus(status, tr("shareScript.copyFailed"));
    }
  });
}
