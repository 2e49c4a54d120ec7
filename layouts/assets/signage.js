// The lobby screen's script (/signage/<location>/): it hides programs that have ended, says
// so when nothing is left today, keeps the clock in the library's time zone, and reloads
// the page every 5 minutes when the site answers (so nightly rebuilds show up). Loaded as a
// module; the page is complete without it (but then shows the build's programs until
// someone reloads it).

const body = document.body;
const zone = body.dataset.zone || undefined;
const locale = body.dataset.locale || undefined;

function hideEnded(now = Date.now()) {
  for (const el of document.querySelectorAll("[data-ends]")) {
    const ends = Date.parse(el.getAttribute("data-ends"));
    if (!Number.isNaN(ends) && ends <= now) el.classList.add("has-ended");
  }
  for (const section of document.querySelectorAll("[data-list]")) {
    const items = section.querySelectorAll("[data-ends]");
    const empty = section.querySelector(".sign-empty");
    const allEnded = [...items].every((el) => el.classList.contains("has-ended"));
    if (empty) empty.classList.toggle("is-hidden", !allEnded);
    // An empty list would still take the room, pushing the message to the bottom.
    section.querySelector(".sign-list")?.classList.toggle("is-hidden", allEnded);
  }
}

const clockFormat = new Intl.DateTimeFormat(locale, {
  timeZone: zone,
  weekday: "long",
  month: "long",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
});

function tick() {
  const clock = document.querySelector(".js-clock");
  if (clock) {
    const now = new Date();
    clock.textContent = clockFormat.format(now);
    clock.setAttribute("datetime", now.toISOString());
  }
  hideEnded();
}

tick();
setInterval(tick, 30_000);

// Every 5 minutes, load the page again (a nightly rebuild shows up), but only once the site
// answers: a reload during a network outage would replace the screen with the browser's
// error page, which never comes back by itself. Until then this page keeps hiding what ends.
const RELOAD_MS = 5 * 60_000;
async function reloadWhenOnline() {
  try {
    const response = await fetch(location.href, { cache: "no-store", method: "HEAD" });
    if (response.ok) {
      location.reload();
      return;
    }
  } catch {
    // Offline or the server is down: try again later.
  }
  setTimeout(reloadWhenOnline, RELOAD_MS);
}
setTimeout(reloadWhenOnline, RELOAD_MS);
