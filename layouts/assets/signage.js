// The lobby screen's script (/signage/<location>/): between the page's own reloads (a meta
// refresh every 5 minutes picks up nightly rebuilds) it hides programs that have ended,
// says so when nothing is left today, and keeps the clock in the library's time zone.
// Loaded as a module; the page is complete without it.

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
