// The explorer's results as the static pages print them (src/site/listing-html.ts, the day
// sections of listings, closed-day notes), built with DOM methods, text as text. `page`:
// the explorer's page (explorer.js): `ex` (the expanded data), `tr`, `facet`, `near`.
import { el, markedNodes, textIn, timeEl } from "../dom.js";
import { DAY, isoDay, isoEnd, isoTime } from "../time.js";
import { placeOf } from "./filters.js";

const dayOf = (local) => Math.floor(local / DAY);
const dayLabel = (data, day, short) =>
  (data.days[day] || [isoDay(day), isoDay(day)])[short ? 1 : 0];
/** The label of a time (wall clock `local` at UTC offset `offset`): its instant's own in a
 *  repeated hour (`zoneTimes`, with the zone's name), else its minute of the day's. */
const timeLabel = (data, local, offset) =>
  data.zoneTimes?.[local - offset] ?? (data.times[((local % DAY) + DAY) % DAY] || "");

/** The words and `<time>` of one occurrence's time, "6:00 PM – 7:30 PM" (listing-html.ts
 *  `listingRowHtml`, inside its `.when`): the start a `<time>`, the end text. */
function timeParts(page, o, p) {
  const { data } = page.ex;
  if (p.ad) {
    const last = dayOf(o.ownEnd) - 1;
    return [
      last === dayOf(o.ownStart)
        ? page.tr("time.allDay")
        : page.tr("time.allDayUntil", { date: dayLabel(data, last, true) }),
    ];
  }
  const zulu = !!data.utc || o.fixed;
  const sameDay = dayOf(o.ownEnd) === dayOf(o.ownStart);
  const endTime = timeLabel(data, o.ownEnd, o.endOffset);
  const end = sameDay
    ? endTime
    : `${dayLabel(data, dayOf(o.ownEnd), true)}${page.tr("list.separator")}${endTime}`;
  const startTime = timeLabel(data, o.ownStart, o.ownOffset);
  return [timeEl(isoTime(o.ownStart, o.ownOffset, zulu), startTime), ` – ${end}`];
}

/** One listed occurrence (data.js `occurrence`), as src/site/listing-html.ts
 *  `listingRowHtml` prints it: the icon a class of the row, the title the row's `<a>`, the
 *  facts its `<p>`. */
export function listingItem(page, o) {
  const { data } = page.ex;
  const { tr, near } = page;
  const p = data.programs[o.p];
  const cancelled = tr("badge.cancelled");
  const badge = o.cancelled ? cancelled : p.b;
  let name = p.im ? "listing" : `listing icon-${p.ic}`;
  if (badge === cancelled) name += " is-cancelled";
  const li = el("li", name);
  const zulu = !!data.utc || o.fixed;
  // A timed row's start is its `<time>`; an all-day row's times are words.
  const start = isoTime(o.ownStart, o.ownOffset, zulu);
  if (p.ad) li.dataset.start = start;
  li.dataset.ends = isoEnd(start, isoTime(o.ownEnd, o.endOffset, zulu));
  if (p.im) {
    const img = el("img");
    img.src = p.im;
    img.alt = "";
    img.width = 80;
    img.height = 80;
    img.loading = "lazy";
    img.decoding = "async";
    li.append(img);
  }
  const link = el("a", "", p.t);
  // The site in another language: its own pages (`data.pages`, "/es").
  link.href = `${data.pages || ""}/programs/${p.id}/`;
  if (p.lg) link.lang = p.lg;
  if (p.ld) link.dir = p.ld;
  li.append(link);
  if (badge)
    li.append(" ", el("span", badge === cancelled ? "badge badge-cancelled" : "badge", badge));
  const facts = el("p");
  const when = el("span", "when");
  when.append(...timeParts(page, o, p));
  facts.append(when);
  const location = p.l === undefined ? undefined : data.locations[p.l];
  if (location || p.on) {
    facts.append(" · ");
    if (location) facts.append(textIn(location.name, location.lg, location.ld));
    if (location && p.r) facts.append(tr("list.separator"), textIn(p.r, p.lg, p.ld));
    if (location && near && near.distances[p.l] !== undefined)
      facts.append(" ", el("span", "distance", `(${near.distanceText(near.distances[p.l])})`));
    if (location && p.on) facts.append(" · ");
    if (p.on) facts.append(tr("listing.online"));
  }
  facts.append(" · ", ...markedNodes(p.w));
  li.append(facts);
  return li;
}

/** A day's section and its heading, at the results' heading level. */
export function daySection(page, day) {
  const iso = isoDay(day);
  const section = el("section", "day");
  section.setAttribute("aria-labelledby", `day-${iso}`);
  section.dataset.day = iso;
  const h = el(`h${Number(page.results.dataset.headingLevel || 2)}`, "day-heading");
  h.id = `day-${iso}`;
  h.append(timeEl(iso, dayLabel(page.ex.data, day, false)));
  section.append(h);
  return section;
}

/** Closures on `day` for the current filters: `[day, location index or -1, reason, lang?, dir?]`. */
export function closuresOn(page, day, state) {
  const { data, index } = page.ex;
  const place = placeOf(state, page.facet);
  const want = place && place !== "online" ? index.location.get(place) : undefined;
  if (place === "online") return [];
  return data.closures.filter(
    (c) => c[0] === day && (c[1] === -1 || want === undefined || c[1] === want),
  );
}

/** The note of a closure in its day's section (the `closures` macro, macros.njk). */
export function closureNote(page, c) {
  const { tr } = page;
  const place = page.ex.data.locations[c[1]];
  const note = el("p", "day-closed");
  note.append(
    ...(c[1] === -1
      ? [tr("closure.library")]
      : tr.nodes("closure.place", { name: textIn(place.name, place.lg, place.ld) })),
  );
  if (c[2]) note.append(": ", textIn(c[2], c[3], c[4]));
  return note;
}
