// Almanac's one page script: loaded as a module (deferred, never render-blocking). The
// site works without it; it only adds what needs a browser clock or browser APIs.

// What ends: a listed date, a date line or a calendar entry, each with its end in `data-ends`:
// a date-time, or on a listed date or calendar entry "HH:MM" alone, at the date and offset
// of its start (`data-start`, or its first `<time>`; src/site/format.ts `isoEnd`).
const ENDS = "[data-ends]";
function endOf(el) {
  const ends = el.getAttribute("data-ends");
  if (!/^\d\d:\d\d$/.test(ends)) return ends;
  const start = el.getAttribute("data-start") ?? el.querySelector("time")?.dateTime ?? "";
  return `${start.slice(0, 11)}${ends}${start.slice(16)}`;
}

// Hide occurrences that have ended since the site was built (a nightly rebuild can be a
// day old), then hide days and lists left empty.
function hideEnded(now = Date.now()) {
  for (const el of document.querySelectorAll(ENDS)) {
    const ends = Date.parse(endOf(el));
    if (!Number.isNaN(ends) && ends <= now) el.classList.add("has-ended");
  }
  for (const day of document.querySelectorAll("[data-day]")) {
    const items = day.querySelectorAll(ENDS);
    if (items.length && [...items].every((el) => el.classList.contains("has-ended"))) {
      day.classList.add("has-ended");
    }
  }
}

hideEnded();

// Registration (program pages): the page holds the state as of the build and each later
// one with when it begins (`data-reg-from`); show the one the patron's clock is in, and
// switch while the page stays open.
function registrationByClock(now = Date.now()) {
  for (const block of document.querySelectorAll("[data-registration]")) {
    const phases = [...block.querySelectorAll("[data-reg-state]")];
    let current = phases[0];
    for (const phase of phases) {
      const from = Date.parse(phase.getAttribute("data-reg-from"));
      if (!Number.isNaN(from) && from <= now) current = phase;
    }
    for (const phase of phases) phase.hidden = phase !== current;
  }
}

if (document.querySelector("[data-reg-from]")) {
  registrationByClock();
  setInterval(registrationByClock, 60_000);
}

// The small-screen menu (a <details> in the header) works without this; with it, Escape
// closes the open menu and puts focus back on its toggle, and so does a click elsewhere.
function closeMenu(menu, focus) {
  if (!menu.open) return;
  menu.open = false;
  if (focus) menu.querySelector("summary")?.focus();
}

const menu = document.querySelector(".nav-menu");
if (menu) {
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && menu.open && menu.contains(document.activeElement)) {
      closeMenu(menu, true);
    }
  });
  document.addEventListener("click", (event) => {
    if (!menu.contains(event.target)) closeMenu(menu, false);
  });
}
