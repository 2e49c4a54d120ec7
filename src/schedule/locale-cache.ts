// Luxon gives every DateTime it creates from scratch (`fromMillis`, `fromISO`, `fromObject`)
// a Locale of its own, about 0.4 KiB with its empty month, weekday and era caches, even when
// nothing names a locale. A catalogue holds every occurrence's start and end: at 5,000
// programs some 130,000 Locales, all alike; without them the heap still alive once the
// pages are written is 202 MiB instead of 261 (docs/performance.md, "memory7"). This hands
// out one Locale per set of arguments instead, as luxon already does for the DateTimes it
// derives (`plus`, `setZone` and the like share their source's). A Locale is not changed
// once made, but for those caches, which hold what Intl says for its own locale, so sharing
// it changes no output. Installed once, by `src/schedule/time.ts`.
import { DateTime, Settings } from "luxon";

const INSTALLED = Symbol.for("almanac.localeCache");

type Create = (
  locale?: string,
  numberingSystem?: string,
  outputCalendar?: string,
  weekSettings?: unknown,
  defaultToEN?: boolean,
) => object;

interface LocaleClass {
  create: Create;
  resetCache: () => void;
  [INSTALLED]?: true;
}

/** luxon's Locale class, which it does not export: the constructor of a DateTime's `loc`. */
export function luxonLocale(): LocaleClass {
  const loc = (DateTime.fromMillis(0) as unknown as { loc?: { constructor?: unknown } }).loc;
  const Locale = loc?.constructor as LocaleClass | undefined;
  if (typeof Locale?.create !== "function" || typeof Locale.resetCache !== "function")
    throw new Error(
      "[almanac/locale-cache] this luxon has no Locale.create: update src/schedule/locale-cache.ts for it",
    );
  return Locale;
}

export function installLocaleCache(): void {
  const Locale = luxonLocale();
  if (Locale[INSTALLED]) return;
  const create = Locale.create;
  const resetCache = Locale.resetCache;
  const made = new Map<string, object>();
  Locale.create = function (this: LocaleClass, ...args: Parameters<Create>) {
    const [locale, numberingSystem, outputCalendar, weekSettings, defaultToEN = false] = args;
    // Week settings are an object a caller may change: made anew, as luxon does.
    if (weekSettings != null || Settings.defaultWeekSettings != null)
      return create.apply(this, args);
    // What luxon reads to make one: the arguments and the defaults they fall back to (the
    // system locale is kept by luxon until `Settings.resetCaches()`, which empties this too).
    const key = [
      locale ?? "",
      numberingSystem ?? "",
      outputCalendar ?? "",
      defaultToEN ? "en" : "",
      Settings.defaultLocale,
      Settings.defaultNumberingSystem,
      Settings.defaultOutputCalendar,
    ].join("\u0000");
    let found = made.get(key);
    if (!found) made.set(key, (found = create.apply(this, args)));
    return found;
  } satisfies Create;
  Locale.resetCache = function (this: LocaleClass) {
    made.clear();
    return resetCache.call(this);
  };
  Locale[INSTALLED] = true;
}
