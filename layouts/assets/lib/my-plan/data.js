// The explorer's data file (src/outputs/explorer-data.ts) as the My plan page reads it:
// programs by id with their dates, expanded as the explorer expands them (lib/time.js), and
// how a date reads, as listings print it.
import { DAY, forEachDate, isoDay, isoTime, zoneClock } from "../time.js";

/**
 * The explorer's data as programs by id, each with its dates: `start`, `end` (minutes
 * since 1970 UTC), `ownStart`, `ownEnd` (wall-clock minutes in its own zone, the library's
 * unless written with an offset), `startDay` (day number in the library's zone) and
 * `cancelled`; plus the labels the pages print (`days`, `times`, `zoneTimes`).
 */
export function decodeData(json) {
  const clock = zoneClock(json.offsets);
  const programs = new Map();
  for (const p of json.programs) {
    const dates = [];
    forEachDate(p, clock, (start, end, ownOffset, endOffset, cancelled, fixed) =>
      dates.push({
        start,
        end,
        ownStart: start + ownOffset,
        ownEnd: end + endOffset,
        ownOffset,
        endOffset,
        startDay: Math.floor(clock.toLocal(start) / DAY),
        cancelled,
        fixed,
      }),
    );
    const location = p.l === undefined ? undefined : json.locations[p.l];
    programs.set(p.id, {
      id: p.id,
      title: p.t,
      // The language its title is in, when the site's has no translation of it.
      lang: p.lg,
      dir: p.ld,
      badge: p.b,
      location,
      room: p.r,
      online: !!p.on,
      who: p.w,
      allDay: !!p.ad,
      dates,
    });
  }
  return {
    programs,
    days: json.days,
    times: json.times,
    zoneTimes: json.zoneTimes || {},
    zulu: !!json.utc,
  };
}

/**
 * How a date reads, as listings print it: `day` (its day heading), `time` ("6:00 PM –
 * 7:30 PM", "All day"), `datetime` (its start, for `<time>`). `tr`: the page's words
 * (lib/strings.js).
 */
export function dateLabel(model, program, d, tr) {
  const dayText = (day, short) => {
    const labels = model.days[day];
    return labels ? labels[short ? 1 : 0] : isoDay(day);
  };
  // A time in a repeated hour has its instant's label (`zoneTimes`, with the zone's name).
  const timeText = (local, offset) =>
    model.zoneTimes[local - offset] ?? (model.times[((local % DAY) + DAY) % DAY] || "");
  const ownDay = (local) => Math.floor(local / DAY);
  if (program.allDay) {
    const last = ownDay(d.ownEnd) - 1;
    return {
      day: dayText(d.startDay, false),
      time:
        last === ownDay(d.ownStart)
          ? tr("time.allDay")
          : tr("time.allDayUntil", { date: dayText(last, true) }),
      datetime: isoDay(d.startDay),
    };
  }
  const zulu = model.zulu || d.fixed;
  const sameDay = ownDay(d.ownEnd) === ownDay(d.ownStart);
  const endTime = timeText(d.ownEnd, d.endOffset);
  const end = sameDay
    ? endTime
    : `${dayText(ownDay(d.ownEnd), true)}${tr("list.separator")}${endTime}`;
  return {
    day: dayText(d.startDay, false),
    time: `${timeText(d.ownStart, d.ownOffset)} – ${end}`,
    datetime: isoTime(d.ownStart, d.ownOffset, zulu),
  };
}
