// The calendar file (RFC 5545) of a plan, made in the page: no request.
import { DAY, isoDay, utcBasic } from "../time.js";

/** Escapes a TEXT value (RFC 5545 3.3.11). */
export function escapeText(text) {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

const utf8 = new TextEncoder();
// Not a literal: minified, "\r\n " would become a template literal with a raw line break.
const CRLF = String.fromCharCode(13, 10);

/** Folds a content line at 75 octets, between code points (RFC 5545 3.1). */
export function foldLine(line) {
  if (utf8.encode(line).length <= 75) return line;
  const parts = [];
  let current = "";
  let size = 0;
  let limit = 75;
  for (const ch of line) {
    const n = utf8.encode(ch).length;
    if (size + n > limit) {
      parts.push(current);
      current = "";
      size = 0;
      limit = 74; // the continuation line's leading space is one octet
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

const dayBasic = (day) => isoDay(day).replace(/-/g, "");
const hostOf = (siteUrl) => {
  try {
    return new URL(siteUrl).host;
  } catch {
    return siteUrl.replace(/^[a-z]+:\/\//i, "").replace(/\/.*$/, "");
  }
};

/**
 * The calendar file of `rows` (`resolvePlan`): one VEVENT per date, timed ones in UTC (a
 * single date needs no time zone rules), all-day ones as dates of the library's zone. The
 * UID is the one the site's calendars give a date written as an event of its own,
 * `<id>-<start in UTC>@<host>`, so importing the file again updates what it added. (A date
 * of a repeating program is, in the site's calendars, an instance of the series' UID; a
 * lone instance of a series other apps never saw imports badly, so it is not used here.)
 * `pages`: where the site's pages are in the page's language ("/es"; "" for the first).
 */
export function planCalendar(rows, { siteUrl, name, nowMs, tr, pages = "" }) {
  const host = hostOf(siteUrl);
  const site = siteUrl.replace(/\/+$/, "");
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Almanac//My plan//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(tr("myPlanScript.calendarName", { library: name }))}`,
  ];
  const seen = new Set();
  for (const row of rows) {
    const p = row.program;
    for (const d of row.dates) {
      const uid = `${p.id}-${utcBasic(d.start * 60_000)}@${host}`;
      if (seen.has(uid)) continue;
      seen.add(uid);
      const status =
        d.cancelled || p.badge === tr("badge.cancelled")
          ? "CANCELLED"
          : p.badge === tr("status.postponed")
            ? "TENTATIVE"
            : "CONFIRMED";
      const summary =
        status === "CANCELLED"
          ? tr("myPlanScript.calendarCancelled", { title: p.title })
          : status === "TENTATIVE"
            ? tr("myPlanScript.calendarPostponed", { title: p.title })
            : p.title;
      const url = `${site}${pages}/programs/${p.id}/`;
      const online = p.badge === tr("status.moved-online");
      const place = p.location && !online ? p.location : undefined;
      const where = place
        ? place.address
          ? `${place.name}, ${place.address}`
          : place.name
        : p.online
          ? tr("listing.online")
          : undefined;
      const description = [];
      if (p.room && place) description.push(tr("myPlanScript.calendarRoom", { room: p.room }));
      description.push(url);
      lines.push(
        "BEGIN:VEVENT",
        `UID:${uid}`,
        `DTSTAMP:${utcBasic(nowMs)}`,
        ...(p.allDay
          ? [
              `DTSTART;VALUE=DATE:${dayBasic(Math.floor(d.ownStart / DAY))}`,
              `DTEND;VALUE=DATE:${dayBasic(Math.floor(d.ownEnd / DAY))}`,
            ]
          : [`DTSTART:${utcBasic(d.start * 60_000)}`, `DTEND:${utcBasic(d.end * 60_000)}`]),
        `SUMMARY:${escapeText(summary)}`,
        // Paragraphs as the site's calendars write them: an escaped blank line between.
        `DESCRIPTION:${description.map(escapeText).join("\\n\\n")}`,
        `URL:${url}`,
        ...(where ? [`LOCATION:${escapeText(where)}`] : []),
        `STATUS:${status}`,
        "END:VEVENT",
      );
    }
  }
  lines.push("END:VCALENDAR");
  return { text: lines.map((l) => foldLine(l) + CRLF).join(""), events: seen.size };
}
