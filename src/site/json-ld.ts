// schema.org structured data for program pages (Google's Event rich results) and for the
// library itself. Returns plain objects; `jsonLdScript` turns one into text that is safe
// inside `<script type="application/ld+json">`.
import { placeOf } from "../content/assemble.ts";
import type { DateTime } from "luxon";
import type {
  Catalogue,
  Library,
  Location,
  Occurrence,
  Program,
  ProgramStatus,
} from "../content/model.ts";
import { parseWhen } from "../schedule/time.ts";
import { absoluteUrl } from "../text/xml.ts";

type Json = Record<string, unknown>;

/**
 * Events per program page: the next 3 upcoming dates. Google wants one Event per
 * occurrence of a recurring program, but nothing asks for all of them, and each Event
 * repeats the name, description, organizer, offer and full address (about 1.1 KB): 6 of
 * them were a fifth of a long series' page. The next three are the dates a search is about
 * and the nightly rebuild moves them on; every date stays visible on the page, in the
 * program's `.ics` and in `/programs.json`. (Not `@id` references to one shared Place and
 * Offer: Google's documentation does not say its Event parser resolves them.)
 */
export const JSON_LD_EVENT_LIMIT = 3;

const EVENT_STATUS: Record<ProgramStatus, string> = {
  scheduled: "https://schema.org/EventScheduled",
  cancelled: "https://schema.org/EventCancelled",
  postponed: "https://schema.org/EventPostponed",
  rescheduled: "https://schema.org/EventRescheduled",
  "moved-online": "https://schema.org/EventMovedOnline",
};

/**
 * Currency by the locale's region, for numeric costs. Only regions listed here get a
 * `price`: Google requires `priceCurrency` with it, and guessing a currency is worse than
 * leaving the price out.
 */
const CURRENCY: Record<string, string> = {
  US: "USD",
  CA: "CAD",
  GB: "GBP",
  IE: "EUR",
  AU: "AUD",
  NZ: "NZD",
  ZA: "ZAR",
  IN: "INR",
  DE: "EUR",
  FR: "EUR",
  ES: "EUR",
  IT: "EUR",
  NL: "EUR",
  BE: "EUR",
  AT: "EUR",
  PT: "EUR",
  FI: "EUR",
  MX: "MXN",
  CH: "CHF",
  SE: "SEK",
  NO: "NOK",
  DK: "DKK",
  JP: "JPY",
  SG: "SGD",
};

const regions = new Map<string, string | undefined>();

/** The locale's region ("US" of "en-US"), once per locale: each program page asks twice an Event. */
function regionOf(locale: string): string | undefined {
  if (regions.has(locale)) return regions.get(locale);
  let region: string | undefined;
  try {
    region = new Intl.Locale(locale).region;
  } catch {
    region = undefined;
  }
  regions.set(locale, region);
  return region;
}

/**
 * Splits "100 Main St, Riverside, IL 60546" (street, city, region and postal code) into a
 * PostalAddress. Any other shape goes whole into `streetAddress`, which Google accepts.
 */
export function postalAddress(address: string, locale: string): Json {
  const result: Json = { "@type": "PostalAddress" };
  const parts = address
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  const tail =
    parts.length >= 3
      ? /^([A-Za-z][A-Za-z .]*?)\s+([A-Za-z0-9]*\d[A-Za-z0-9 -]*)$/.exec(parts.at(-1)!)
      : null;
  if (tail) {
    result.streetAddress = parts.slice(0, -2).join(", ");
    result.addressLocality = parts.at(-2);
    result.addressRegion = tail[1];
    result.postalCode = tail[2];
  } else {
    result.streetAddress = address.trim();
  }
  const country = regionOf(locale);
  if (country) result.addressCountry = country;
  return result;
}

/**
 * The Place of an Event: its name and address, what Google's Event documentation asks for.
 * Not its `geo` (not among them; the library's own data, `libraryJsonLd`, has it): each of
 * a page's Events repeats its Place (issue 16: the JSON-LD was about 3.4 KB a page).
 */
function place(location: Location, library: Library): Json {
  return {
    "@type": "Place",
    name: location.name,
    address: postalAddress(location.address, library.locale),
  };
}

/** Timed values with their offset; all-day values as dates, the end inclusive (last day). */
function dates(occurrence: Occurrence): { startDate: string; endDate: string } {
  if (occurrence.allDay) {
    return {
      startDate: occurrence.start.toISODate()!,
      endDate: occurrence.end.minus({ days: 1 }).toISODate()!,
    };
  }
  const iso = (dt: DateTime) => dt.toISO({ suppressMilliseconds: true })!;
  return { startDate: iso(occurrence.start), endDate: iso(occurrence.end) };
}

function organization(catalogue: Catalogue): Json {
  return {
    "@type": "Organization",
    name: catalogue.library.name,
    url: `${catalogue.library.url.replace(/\/+$/, "")}/`,
  };
}

/** `Free`, `free`, `0`, `$0` -> "0"; `$5`, `5.00`, `USD 5` -> "5"/"5.00"; else undefined. */
function numericPrice(cost: string): string | undefined {
  const text = cost.trim();
  if (/^free$/i.test(text)) return "0";
  const m = /^(?:[A-Za-z]{0,3}\s?[$€£¥₹]?\s?)(\d+(?:[.,]\d{1,2})?)(?:\s?[A-Za-z]{0,3})?$/.exec(
    text,
  );
  return m ? m[1].replace(",", ".") : undefined;
}

function offers(program: Program, catalogue: Catalogue, pageUrl: string): Json {
  const { registration } = program;
  const result: Json = {
    "@type": "Offer",
    url: registration?.url ?? pageUrl,
    availability: registration?.full ? "https://schema.org/SoldOut" : "https://schema.org/InStock",
  };
  const price = numericPrice(program.cost);
  const region = regionOf(catalogue.library.locale);
  const currency = region ? CURRENCY[region] : undefined;
  if (price !== undefined && currency) {
    result.price = price;
    result.priceCurrency = currency;
  } else {
    result.description = program.cost;
  }
  if (registration?.opens) {
    const when = parseWhen(registration.opens, catalogue.library.timezone);
    if (when) result.validFrom = when.value.toISO({ suppressMilliseconds: true });
  }
  return result;
}

export interface JsonLdOptions {
  /**
   * Absolute URL of a published variant of a program's image, from its `image` path
   * (relative to `content/`). Without it the event has no `image`: source paths are not
   * published as such.
   */
  imageUrl?: (image: string) => string;
  /**
   * The language prefix of the page the data is on (`/es`: the site in another of
   * `site_languages`), so the event's address is that page's. Default: none.
   */
  prefix?: string;
}

/**
 * One schema.org Event per upcoming occurrence of `program` (not yet ended at
 * `catalogue.now`), at most `JSON_LD_EVENT_LIMIT`, meeting Google's Event rich-result
 * rules. A cancelled date is an EventCancelled; otherwise the program's status is used.
 * Only the properties Google's Event documentation names (required and recommended) and
 * the page's `url` and `inLanguage`: partners (once `sponsor`s) are on the page itself.
 * Empty when nothing is upcoming: past events earn no rich result.
 */
export function programJsonLd(
  program: Program,
  catalogue: Catalogue,
  options: JsonLdOptions = {},
): Json[] {
  const { library } = catalogue;
  const url = absoluteUrl(library.url, (options.prefix ?? "") + program.url);
  const at = placeOf(program);
  const location = at ? library.locations.find((l) => l.id === at) : undefined;
  const movedOnline = program.status === "moved-online";
  const inPerson = location !== undefined;
  const online = program.online !== undefined || movedOnline;
  const virtual: Json = { "@type": "VirtualLocation", url: program.online ?? url };

  const attendance = inPerson && online ? "Mixed" : online ? "Online" : "Offline";
  const locations: Json[] = [];
  if (inPerson) locations.push(place(location, library));
  if (online) locations.push(virtual);

  const imageUrl = options.imageUrl;
  const languages = program.languages.length ? program.languages : [library.language];
  const offer = offers(program, catalogue, url);

  const now = catalogue.now.toMillis();
  return program.occurrences
    .filter((o) => o.end.toMillis() > now)
    .slice(0, JSON_LD_EVENT_LIMIT)
    .map((occurrence) => {
      const event: Json = {
        "@context": "https://schema.org",
        "@type": "Event",
        name: program.title,
        description: program.summary,
        ...dates(occurrence),
        eventStatus: occurrence.cancelled ? EVENT_STATUS.cancelled : EVENT_STATUS[program.status],
        eventAttendanceMode: `https://schema.org/${attendance}EventAttendanceMode`,
        organizer: organization(catalogue),
        offers: offer,
        inLanguage: languages.length === 1 ? languages[0] : languages,
        url,
      };
      if (locations.length) event.location = locations.length === 1 ? locations[0] : locations;
      if (program.image && imageUrl) event.image = [imageUrl(program.image)];
      return event;
    });
}

/**
 * The library as a schema.org `Library`: the first location gives the address; further
 * locations are `department`s (each a `Library` with its own address and page).
 */
export function libraryJsonLd(catalogue: Catalogue): Json {
  const { library } = catalogue;
  const base = library.url.replace(/\/+$/, "");
  const result: Json = {
    "@context": "https://schema.org",
    "@type": "Library",
    name: library.name,
    url: `${base}/`,
  };
  if (library.description) result.description = library.description;
  const [main, ...branches] = library.locations;
  if (main) {
    result.address = postalAddress(main.address, library.locale);
    if (main.geo)
      result.geo = { "@type": "GeoCoordinates", latitude: main.geo[0], longitude: main.geo[1] };
  }
  const telephone = library.contact.phone ?? main?.phone;
  if (telephone) result.telephone = telephone;
  if (library.contact.email) result.email = library.contact.email;
  if (branches.length) {
    result.department = branches.map((b) => {
      const branch: Json = {
        "@type": "Library",
        name: b.name,
        url: `${base}/locations/${b.id}/`,
        address: postalAddress(b.address, library.locale),
      };
      if (b.phone) branch.telephone = b.phone;
      if (b.geo)
        branch.geo = { "@type": "GeoCoordinates", latitude: b.geo[0], longitude: b.geo[1] };
      return branch;
    });
  }
  return result;
}

/**
 * JSON text safe inside `<script type="application/ld+json">`: `<`, `>` and `&` become
 * `\u003c`, `\u003e`, `\u0026` (so `</script>` or `<!--` in a title cannot end or alter the
 * element), and U+2028/U+2029 are escaped for old JavaScript parsers. Still valid JSON that
 * parses back to the same value. Returns only the script's content, not the tag.
 */
export function jsonLdScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
