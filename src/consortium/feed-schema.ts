// What a consortium reads from each member: the member's `/programs.json`
// (src/outputs/programs-json.ts writes it, docs/programs-json.md documents it). Checked
// here with zod before anything of it is used, so a file of the wrong shape is one line
// naming the member rather than a crash or a half-listed library. Extra fields are
// allowed (the format only ever grows); missing or mistyped ones are not.
import * as z from "zod";
import { DateTime, IANAZone } from "luxon";
import { PROGRAM_STATUSES } from "../content/schema/program.ts";
import { isHttpUrl } from "../content/schema/common.ts";
import { PROGRAMS_JSON_VERSION } from "../outputs/programs-json.ts";

/** An ISO date, `2026-10-20`. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** An ISO date-time with its offset, `2026-10-20T18:00:00-05:00` or `...Z`. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const httpAddress = z.string().refine(isHttpUrl, { error: "expected an http(s) address" });
const term = z.object({ id: z.string(), label: z.string() });

/** One occurrence: timed ones with offsets, all-day ones as dates (the last day inclusive). */
export const feedOccurrenceSchema = z
  .object({
    id: z.string().min(1),
    title: z.string(),
    summary: z.string(),
    start: z.string(),
    end: z.string(),
    allDay: z.boolean(),
    status: z.enum(PROGRAM_STATUSES),
    location: z.object({ id: z.string(), name: z.string(), address: z.string() }).nullable(),
    online: httpAddress.nullable(),
    audiences: z.array(z.string()),
    categories: z.array(z.string()),
    url: httpAddress,
    // Added to version 1 later: a member built by an older Almanac leaves them out.
    cost: z.string().optional(),
    free: z.boolean().optional(),
    dropIn: z.boolean().optional(),
    languages: z.array(z.string()).optional(),
  })
  .superRefine((o, ctx) => {
    const form = o.allDay ? ISO_DATE : ISO_DATE_TIME;
    const what = o.allDay ? "a date such as 2026-10-20" : "a date-time with its offset";
    for (const key of ["start", "end"] as const) {
      if (!form.test(o[key]) || !DateTime.fromISO(o[key], { setZone: true }).isValid)
        ctx.addIssue({ code: "custom", path: [key], message: `expected ${what}, got "${o[key]}"` });
    }
  });

export const feedSchema = z.object({
  version: z.number().int(),
  generated: z.string(),
  library: z.object({
    name: z.string(),
    url: httpAddress,
    timezone: z.string().refine((zone) => IANAZone.isValidZone(zone), {
      error: "expected an IANA time zone",
    }),
    audiences: z.array(term),
    categories: z.array(term),
    languages: z.array(term).optional(),
    closures: z
      .array(
        z.object({
          date: z.string().regex(ISO_DATE, { error: "expected a date such as 2026-10-20" }),
          reason: z.string().nullable(),
          locations: z.array(z.string()).nullable(),
        }),
      )
      .optional(),
  }),
  occurrences: z.array(feedOccurrenceSchema),
});

export type Feed = z.output<typeof feedSchema>;
export type FeedOccurrence = z.output<typeof feedOccurrenceSchema>;

/**
 * The feed in `data`, or the one line saying what is wrong with it: the first problem's
 * place in the file (`occurrences.3.start`) and how many more there are.
 */
export function parseFeed(data: unknown): { feed: Feed } | { error: string } {
  const version = (data as { version?: unknown } | null)?.version;
  if (typeof version === "number" && version > PROGRAMS_JSON_VERSION) {
    return {
      error: `its programs.json is version ${version}, newer than this Almanac reads (${PROGRAMS_JSON_VERSION}): update Almanac`,
    };
  }
  const result = feedSchema.safeParse(data);
  if (result.success) return { feed: result.data };
  const [first, ...rest] = result.error.issues;
  const where = first!.path.length ? `${first!.path.join(".")}: ` : "";
  const more = rest.length
    ? ` (and ${rest.length} more problem${rest.length === 1 ? "" : "s"})`
    : "";
  return {
    error: `its programs.json is not in Almanac's format: ${where}${first!.message}${more}`,
  };
}
