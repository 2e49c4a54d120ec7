// Where a program's registration stands: not open yet, open, closing soon, full or closed.
// The build computes it for its own "now", and also when each later state begins, because
// a static page is read days after the build: the page carries every state still to come
// and site.js shows the one the patron's clock is in (the page is right without it as of
// the build).
import type { DateTime } from "luxon";
import type { Program } from "../content/model.ts";
import { parseWhen } from "../schedule/time.ts";

/**
 * - `opens`: registration opens later (`registration.opens` is ahead);
 * - `open`: open;
 * - `closing-soon`: open, and it closes within `CLOSING_SOON_DAYS`;
 * - `full`: every place is taken (`registration.full`), until it closes;
 * - `closed`: past `registration.closes`, or once the last date has begun (a program that
 *   has ended, or is under way on its last date), or the program is cancelled or has no
 *   date that takes place. A series that runs past the horizon stays open (unless `closes`);
 * - `paused`: the program is postponed: its dates are not confirmed, so nobody is invited to
 *   register for them until new dates are announced (and the status changes).
 */
export type RegistrationState = "opens" | "open" | "closing-soon" | "full" | "closed" | "paused";

/** The states in which patrons can register: the page shows the Register button. */
export const REGISTERING: readonly RegistrationState[] = ["open", "closing-soon"];

/** How long before registration closes it is "closing soon". */
export const CLOSING_SOON_DAYS = 3;

/** One state and when it begins. */
export interface RegistrationPhase {
  state: RegistrationState;
  /** When it begins; undefined for the state the build is in (it began before "now"). */
  from?: DateTime;
}

/** A moment as the page says it: a day (`dateOnly`) or a day and a time. */
export interface ShownTime {
  /** The moment, or for `dateOnly` the day (midnight in the library's zone). */
  at: DateTime;
  dateOnly: boolean;
}

export interface RegistrationStatus {
  /** The state at the build's "now". */
  state: RegistrationState;
  /**
   * The state at "now" (first, without `from`), then each later state in order. Nothing
   * changes after the last one.
   */
  phases: RegistrationPhase[];
  /** When registration opens, while that is still ahead. */
  opens?: ShownTime;
  /**
   * When registration closes: `registration.closes` (a date alone: the last day to
   * register), else the start of the last date; undefined when there is none.
   */
  closes?: ShownTime;
  /** Whether `closes` was written in `registration.closes` (the page then says it when open). */
  closesGiven: boolean;
}

/**
 * Whether a program's listed dates stop at the listing horizon rather than where it really
 * ends: a `repeat` with no `until` (or an `until` past the horizon). Its last listed date
 * says nothing about when registration closes. (A `count` is taken to end the series.)
 */
function runsPastHorizon(program: Program, horizon: DateTime | undefined, zone: string): boolean {
  const repeat = program.schedule.repeat;
  if (!repeat || repeat.count !== undefined || !horizon) return false;
  if (!repeat.until) return true;
  const until = parseWhen(repeat.until, zone);
  return !until || until.value >= horizon;
}

/**
 * The registration status of `program` as of `now`, or undefined when the program has no
 * `registration`. Dates written without an offset are read in `zone`; `horizon` is the end
 * of the listing horizon (a series listed up to it does not close by its last listed date).
 */
export function registrationStatus(
  program: Program,
  now: DateTime,
  zone: string,
  horizon?: DateTime,
): RegistrationStatus | undefined {
  const reg = program.registration;
  if (!reg) return undefined;
  const opensWhen = reg.opens ? parseWhen(reg.opens, zone) : undefined;
  const closesWhen = reg.closes ? parseWhen(reg.closes, zone) : undefined;
  const held = program.occurrences.filter((o) => !o.cancelled);

  // It closes at the end of a `closes` day (or at a `closes` time), and at the latest when
  // the last date that takes place begins (when that date is known).
  const last = runsPastHorizon(program, horizon, zone) ? undefined : held.at(-1)?.start;
  const given = closesWhen
    ? closesWhen.dateOnly
      ? closesWhen.value.plus({ days: 1 })
      : closesWhen.value
    : undefined;
  const byGiven = given !== undefined && (last === undefined || given <= last);
  const closeAt = byGiven ? given : last;
  const closes: ShownTime | undefined = byGiven
    ? { at: closesWhen!.value, dateOnly: closesWhen!.dateOnly }
    : last && { at: last, dateOnly: false };

  // Every state with the moment it begins (undefined: from the beginning of time), in order.
  const timeline: RegistrationPhase[] = [];
  if (program.status === "cancelled" || held.length === 0) {
    timeline.push({ state: "closed" });
  } else if (program.status === "postponed") {
    timeline.push({ state: "paused" });
  } else if (reg.full) {
    timeline.push({ state: "full" });
    if (closeAt) timeline.push({ state: "closed", from: closeAt });
  } else {
    const openAt = opensWhen?.value;
    if (openAt) timeline.push({ state: "opens" }, { state: "open", from: openAt });
    else timeline.push({ state: "open" });
    if (closeAt) {
      const soonAt = closeAt.minus({ days: CLOSING_SOON_DAYS });
      timeline.push(
        { state: "closing-soon", from: openAt && openAt > soonAt ? openAt : soonAt },
        { state: "closed", from: closeAt },
      );
    }
  }

  // From "now" on: the state now, then those that begin later. A state that begins no
  // earlier than the next one never shows (registration that opens after it closes).
  const phases: RegistrationPhase[] = [];
  timeline.forEach((phase, i) => {
    const next = timeline[i + 1]?.from;
    if (next && phase.from && phase.from >= next) return;
    if (!phase.from || phase.from <= now) phases.splice(0, phases.length, { state: phase.state });
    else phases.push(phase);
  });
  const state = phases[0]!.state;
  return {
    state,
    phases,
    ...(opensWhen &&
      opensWhen.value > now && {
        opens: { at: opensWhen.value, dateOnly: opensWhen.dateOnly },
      }),
    ...(closes && { closes }),
    closesGiven: byGiven,
  };
}
