// A second library for the "finding programs" tests: Europe/Berlin (DST ends/starts on
// other dates than in the US), German locale (weeks start on Monday), other ids. "Now" is
// Wednesday 2027-03-10 10:00; the clocks go forward on Sunday 2027-03-28.
import { makeSite } from "./fixture.ts";

export const BERLIN_NOW = "2027-03-10T10:00";

export const BERLIN_LIBRARY = `name: Stadtbibliothek Lindenau
url: https://bibliothek.example.de
timezone: Europe/Berlin
locale: de-DE
horizon_months: 3
listing_weeks: 4
languages: { de: Deutsch, en: English }
locations:
  - id: mitte
    name: Zentralbibliothek
    address: Marktplatz 1, 04109 Lindenau
    geo: [51.34, 12.37]
    hours: Mo–Fr 10–19 Uhr
    accessibility: Stufenloser Eingang am Marktplatz.
  - id: nord
    name: Stadtteilbibliothek Nord
    address: Nordstraße 5, 04109 Lindenau
audiences:
  - { id: kinder, label: Kinder }
  - { id: erwachsene, label: Erwachsene }
categories:
  - { id: lesen, label: Lesen & Literatur }
  - { id: digital, label: Digitales }
`;

const program = (fields: string, body = "Beschreibung.") => `---\n${fields.trim()}\n---\n${body}\n`;

/** Writes the Berlin library with a weekly series across the DST change, a late-night reading and a few one-offs. */
export function makeBerlinSite(): Promise<string> {
  return makeSite({
    "_data/library.yaml": BERLIN_LIBRARY,
    // Fridays 16:00 from 5 March: CET (+01:00) until 26 March, CEST (+02:00) from 2 April.
    "content/programs/vorlesestunde.md": program(`
title: Vorlesestunde
summary: Geschichten für Kinder ab vier.
audiences: [kinder]
categories: [lesen]
location: mitte
start: 2027-03-05 16:00
duration: 45
repeat: { every: week }
cancelled: [2027-04-09]
`),
    // 23:00 on Wednesday 31 March until 01:00 on Thursday 1 April.
    "content/programs/nachtlesung.md": program(`
title: Nachtlesung
summary: Krimis bis nach Mitternacht.
audiences: [erwachsene]
categories: [lesen]
location: nord
start: 2027-03-31 23:00
end: 2027-04-01 01:00
`),
    "content/programs/digitalsprechstunde.md": program(`
title: Digitalsprechstunde
summary: Hilfe mit Handy und Tablet.
audiences: [erwachsene]
categories: [digital]
location: mitte
online: https://meet.example.de/digital
start: 2027-03-10 14:00
duration: 90
languages: [de, en]
`),
    "content/programs/flohmarkt.md": program(`
title: Bücherflohmarkt
summary: Gebrauchte Bücher für alle.
audiences: [kinder, erwachsene]
categories: [lesen]
location: nord
start: 2027-03-13 11:00
end: 2027-03-13 15:00
`),
    "content/programs/entwurf.md": program(`
title: Geheimer Entwurf
summary: Noch nicht fertig.
audiences: [kinder]
categories: [digital]
location: mitte
start: 2027-03-12 10:00
draft: true
`),
  });
}
