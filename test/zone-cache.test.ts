import { describe, it, expect } from "vitest";
import { DateTime } from "luxon";
import "../src/schedule/time.ts"; // installs the offset cache

/** The offset at `ts` straight from Intl, in minutes (what luxon computes uncached). */
function intlOffset(zone: string, ts: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(new Date(ts));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour") % 24,
    get("minute"),
    get("second"),
  );
  return Math.round((asUtc - Math.floor(ts / 1000) * 1000) / 60000);
}

describe("zone offset cache", () => {
  it("gives Intl's offset at every 5 minutes across the 2026-2027 transitions of odd zones", () => {
    const zones = [
      "America/Chicago",
      "Pacific/Auckland",
      "Australia/Lord_Howe", // 30-minute DST
      "Pacific/Chatham", // +12:45 / +13:45
      "Asia/Kathmandu", // +05:45
      "Europe/Berlin",
      "America/St_Johns", // -03:30 / -02:30
    ];
    for (const zone of zones) {
      // Find each transition by scanning days, then check minute by minute around it.
      let t = Date.UTC(2026, 0, 1);
      const end = Date.UTC(2028, 0, 1);
      let previous = intlOffset(zone, t);
      for (; t < end; t += 86_400_000) {
        const now = intlOffset(zone, t);
        if (now !== previous) {
          for (let ts = t - 86_400_000; ts <= t; ts += 5 * 60_000) {
            expect(
              DateTime.fromMillis(ts, { zone }).offset,
              `${zone} at ${new Date(ts).toISOString()}`,
            ).toBe(intlOffset(zone, ts));
          }
          previous = now;
        }
      }
      expect(DateTime.fromMillis(Date.UTC(2026, 6, 1), { zone }).offset).toBe(
        intlOffset(zone, Date.UTC(2026, 6, 1)),
      );
    }
  });

  it("keeps wall-clock times right on both sides of a change", () => {
    const before = DateTime.fromISO("2026-11-01T00:59", { zone: "America/Chicago" });
    const after = DateTime.fromISO("2026-11-01T03:00", { zone: "America/Chicago" });
    expect(before.toISO()).toBe("2026-11-01T00:59:00.000-05:00");
    expect(after.toISO()).toBe("2026-11-01T03:00:00.000-06:00");
  });
});
