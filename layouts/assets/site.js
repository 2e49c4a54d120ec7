// Almanac's one page script: loaded as a module (deferred, never render-blocking). The
// site works without it; it only adds what needs a browser clock or browser APIs.

// Hide occurrences that have ended since the site was built (a nightly rebuild can be a
// day old), then hide days and lists left empty.
function hideEnded(now = Date.now()) {
  for (const el of document.querySelectorAll("[data-ends]")) {
    const ends = Date.parse(el.getAttribute("data-ends"));
    if (!Number.isNaN(ends) && ends <= now) el.classList.add("has-ended");
  }
  for (const day of document.querySelectorAll("[data-day]")) {
    const items = day.querySelectorAll("[data-ends]");
    if (items.length && [...items].every((el) => el.classList.contains("has-ended"))) {
      day.classList.add("has-ended");
    }
  }
}

hideEnded();
