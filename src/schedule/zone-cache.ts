// Luxon asks Intl for a zone's UTC offset (`formatToParts`) every time it creates or shifts
// a DateTime in an IANA zone: the single largest cost of loading a catalogue. Offsets only
// change at transitions, and every transition of the tz database since 1970 falls on a
// quarter-hour of UTC (local whole or half hours in zones whose offsets are multiples of
// 15 minutes), so the offset is constant within each 15-minute UTC bucket. This memoises
// `IANAZone#offset` per zone and bucket. Installed once, by `src/schedule/time.ts`.
import { IANAZone } from "luxon";

const BUCKET_MS = 15 * 60 * 1000;
/** Before 1970 some zones used local mean time with odd offsets: no caching there. */
const CACHE_FROM_MS = 0;
const INSTALLED = Symbol.for("almanac.zoneOffsetCache");

type OffsetFn = (this: IANAZone, ts: number) => number;

export function installZoneOffsetCache(): void {
  const proto = IANAZone.prototype as unknown as Record<symbol | string, unknown>;
  if (proto[INSTALLED]) return;
  const original = proto.offset as OffsetFn;
  const byZone = new Map<string, Map<number, number>>();
  proto.offset = function (this: IANAZone, ts: number): number {
    if (!(ts >= CACHE_FROM_MS)) return original.call(this, ts);
    let buckets = byZone.get(this.name);
    if (!buckets) byZone.set(this.name, (buckets = new Map()));
    const bucket = Math.floor(ts / BUCKET_MS);
    let offset = buckets.get(bucket);
    if (offset === undefined) {
      offset = original.call(this, ts);
      buckets.set(bucket, offset);
    }
    return offset;
  } satisfies OffsetFn;
  proto[INSTALLED] = true;
}
