// A library whose late programs sit on the night the clocks go back: America/Santiago,
// Spanish (es-CL). On Saturday 2027-04-03 at 24:00 the clocks go back to 23:00 (-03:00 to
// -04:00), so 23:00 to 24:00 happens twice that night, and the pages name the zone after a
// time in it ("11:00 p. m. CLST – 11:30 p. m. CLT"), on that date only. "Now" is Tuesday
// 2027-03-30 09:00.
import { makeSite } from "./fixture.ts";

export const SANTIAGO_NOW = "2027-03-30T09:00";

export const SANTIAGO_LIBRARY = `name: Biblioteca Cerro Alegre
url: https://biblioteca.example.cl
timezone: America/Santiago
locale: es-CL
horizon_months: 2
languages: { es: Español }
locations:
  - id: terraza
    name: Biblioteca Cerro Alegre
    address: Calle Templeman 123, Valparaíso
audiences:
  - { id: grandes, label: Personas adultas }
categories:
  - { id: cielo, label: Ciencia y astronomía }
  - { id: juegos, label: Ajedrez y juegos }
`;

const program = (fields: string) => `---\n${fields.trim()}\n---\nDescripción.\n`;

/**
 * Saturdays 23:00 to 00:30 (on 3 April: 23:00 CLST to 23:30 CLT, 90 minutes), one late
 * game on that night only (23:30 CLST to 00:30 on Sunday, two hours), and Saturdays 23:00
 * to 23:45 in standard time only (from 17 April: a 23:00 start no clock change touches).
 */
export function makeSantiagoSite(): Promise<string> {
  return makeSite({
    "_data/library.yaml": SANTIAGO_LIBRARY,
    "content/programs/noche-astronomica.md": program(`
title: Noche astronómica
summary: Telescopios en la terraza.
audiences: [grandes]
categories: [cielo]
location: terraza
start: 2027-03-13 23:00
end: 2027-03-14 00:30
repeat: { every: week, on: [sat] }
`),
    "content/programs/ajedrez-nocturno.md": program(`
title: Ajedrez nocturno
summary: Partidas rápidas la noche del cambio de hora.
audiences: [grandes]
categories: [juegos]
location: terraza
start: 2027-04-03 23:30
duration: 120
`),
    "content/programs/cuentos-de-noche.md": program(`
title: Cuentos de noche
summary: Cuentos para personas adultas.
audiences: [grandes]
categories: [juegos]
location: terraza
start: 2027-04-17 23:00
duration: 45
repeat: { every: week, on: [sat] }
`),
  });
}
