// Reading a static host's own access logs, for the engagement part of `npm run report --
// --logs`: Apache/nginx common and combined log formats, Netlify's traffic log drain
// (NDJSON, or a JSON array a batch) and Cloudflare Logpush's HTTP requests (JSON lines),
// plain or gzip (told by the file's first two bytes, not its name), streamed line by line.
//
// Privacy is decided here, where the lines are read: a parsed request keeps only its
// method, path, whether it had a search query, status, time and a yes/no "looks like a
// bot". The client's IP address is never captured (the patterns skip it, the JSON
// readers never look at ClientIP or client_ip); the user agent is read only to answer the
// bot question and is dropped with the line; query strings, referrers and user names are
// never kept. Nothing read from a log is printed except through these fields.
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import type { Readable } from "node:stream";

/** One request, reduced to what the report counts. */
export interface LogRequest {
  method: string;
  /** The URL's path, percent-decoded where valid, without query or fragment. */
  path: string;
  /** The URL carried a non-empty `q` parameter (a search). The words themselves are not kept. */
  query: boolean;
  status: number;
  /** Milliseconds since the epoch, or undefined when the line has no readable time. */
  time: number | undefined;
  /** The user agent matched the bot rule (`isBot`), or Cloudflare flagged a verified bot. */
  bot: boolean;
  /** The line had a user agent to judge (false: common log format, or PII left out). */
  hasAgent: boolean;
}

/** What one line is: a request, a line that is not a request (skipped quietly), or malformed. */
export type LogLine =
  { kind: "requests"; requests: LogRequest[] } | { kind: "other" } | { kind: "malformed" };

/**
 * The bot rule, applied to the user agent before it is dropped: crawlers, link previews,
 * uptime monitors, command-line and library clients, headless browsers. Calendar apps
 * (Google-Calendar-Importer, iOS dataaccessd, Outlook) are not bots: their fetches are
 * the subscriptions the report counts. A line with an empty user agent (`-`) is a bot too;
 * every browser and calendar app sends one.
 */
export const BOT_PATTERN =
  /bot\b|bot[/_;-]|crawl|spider|slurp|preview|monitor|uptime|pingdom|headless|lighthouse|curl\/|wget\/|python|java\/|go-http|okhttp|axios|node-fetch|scrapy|libwww|httpclient|facebookexternalhit|embedly|whatsapp/i;

export function isBot(userAgent: string): boolean {
  const ua = userAgent.trim();
  return ua === "" || ua === "-" || BOT_PATTERN.test(ua);
}

// host ident authuser [time] "request" status bytes ["referer" "user-agent"]. The first
// three fields (the IP address among them) are matched, never captured.
const CLF =
  /^\S+ \S+ \S+ \[([^\]]+)\] "((?:[^"\\]|\\.)*)" (\d{3}) (?:\d+|-)(?: "(?:[^"\\]|\\.)*" "((?:[^"\\]|\\.)*)")?/;
const MONTHS: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

/** `10/Oct/2026:13:55:36 -0700` to epoch ms. */
function clfTime(text: string): number | undefined {
  const m = /^(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(text);
  if (!m || MONTHS[m[2]!] === undefined) return undefined;
  const utc = Date.UTC(+m[3]!, MONTHS[m[2]!]!, +m[1]!, +m[4]!, +m[5]!, +m[6]!);
  const offset = (m[7] === "-" ? -1 : 1) * (+m[8]! * 60 + +m[9]!) * 60_000;
  return utc - offset;
}

/** Path and "had a search query" of a request target: `/search/?q=x`, or a full URL. */
export function splitTarget(target: string): { path: string; query: boolean } | undefined {
  let url: URL;
  try {
    url = new URL(target, "http://host.invalid");
  } catch {
    return undefined;
  }
  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A stray % in a path: keep it encoded, it still maps to no page.
  }
  return { path, query: (url.searchParams.get("q") ?? "").trim() !== "" };
}

function request(
  method: unknown,
  target: unknown,
  status: unknown,
  time: number | undefined,
  agent: { ua?: unknown; flagged?: boolean },
): LogRequest | undefined {
  const code = typeof status === "string" ? Number(status) : status;
  if (typeof method !== "string" || typeof target !== "string") return undefined;
  if (typeof code !== "number" || !Number.isInteger(code) || code < 100 || code > 599) {
    return undefined;
  }
  const split = splitTarget(target);
  if (!split) return undefined;
  const hasAgent = typeof agent.ua === "string";
  return {
    method: method.toUpperCase(),
    ...split,
    status: code,
    time,
    bot: agent.flagged === true || (hasAgent && isBot(agent.ua as string)),
    hasAgent,
  };
}

function parseClf(line: string): LogLine {
  const m = CLF.exec(line);
  if (!m) return { kind: "malformed" };
  // "GET /path HTTP/1.1"; a bare "-" (a connection closed before a request) is not one.
  const parts = m[2]!.split(" ");
  if (m[2] === "-" || parts.length < 2) return { kind: "other" };
  const r = request(parts[0], parts[1], m[3], clfTime(m[1]!), {
    ...(m[4] !== undefined && { ua: m[4] }),
  });
  return r ? { kind: "requests", requests: [r] } : { kind: "malformed" };
}

/** Cloudflare's EdgeStartTimestamp: unixnano (default), unix seconds, or RFC 3339. */
function cloudflareTime(value: unknown): number | undefined {
  if (typeof value === "number") {
    if (value > 1e17) return Math.round(value / 1e6);
    if (value > 1e11) return value; // already ms
    return value * 1000;
  }
  if (typeof value === "string") {
    if (/^\d+$/.test(value)) return cloudflareTime(Number(value));
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

function parseRecord(record: unknown): LogRequest | "other" | undefined {
  if (typeof record !== "object" || record === null || Array.isArray(record)) return undefined;
  const r = record as Record<string, unknown>;
  // Cloudflare Logpush, http_requests dataset.
  if ("ClientRequestURI" in r || "ClientRequestPath" in r || "EdgeResponseStatus" in r) {
    const flagged = typeof r.VerifiedBotCategory === "string" && r.VerifiedBotCategory !== "";
    return request(
      r.ClientRequestMethod ?? "GET",
      r.ClientRequestURI ?? r.ClientRequestPath,
      r.EdgeResponseStatus,
      cloudflareTime(r.EdgeStartTimestamp ?? r.EdgeEndTimestamp),
      { ua: r.ClientRequestUserAgent, flagged },
    );
  }
  // Netlify log drain: only traffic records are requests (functions, deploys: not).
  if ("log_type" in r || "status_code" in r) {
    if (r.log_type !== undefined && r.log_type !== "traffic") return "other";
    const time = typeof r.timestamp === "string" ? Date.parse(r.timestamp) : NaN;
    return request(r.method, r.url, r.status_code, Number.isNaN(time) ? undefined : time, {
      ua: r.user_agent,
    });
  }
  return undefined;
}

function parseJson(line: string): LogLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { kind: "malformed" };
  }
  const records = Array.isArray(value) ? value : [value];
  const requests: LogRequest[] = [];
  for (const record of records) {
    const r = parseRecord(record);
    if (r === undefined) return { kind: "malformed" };
    if (r !== "other") requests.push(r);
  }
  return requests.length ? { kind: "requests", requests } : { kind: "other" };
}

/** One line of any supported format. Blank lines are "other". */
export function parseLogLine(line: string): LogLine {
  const text = line.trim();
  if (!text) return { kind: "other" };
  if (text.startsWith("{") || text.startsWith("[")) return parseJson(text);
  return parseClf(text);
}

/** Lines longer than this are malformed (no format writes them; they would only cost memory). */
export const MAX_LINE = 64 * 1024;

/** The file's lines, gunzipped first when it starts with gzip's magic bytes (1f 8b). */
export async function* logFileLines(file: string): AsyncGenerator<string> {
  const handle = await open(file, "r");
  const head = Buffer.alloc(2);
  try {
    await handle.read(head, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const raw = createReadStream(file);
  const input: Readable = head[0] === 0x1f && head[1] === 0x8b ? raw.pipe(createGunzip()) : raw;
  // A damaged gzip stream errors on the gunzip side; readline only hears of the raw one.
  const failed = new Promise<never>((_, reject) => {
    input.once("error", reject);
    raw.once("error", reject);
  });
  failed.catch(() => {});
  const lines = createInterface({ input, crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), failed]);
      if (next.done) break;
      yield next.value;
    }
  } finally {
    lines.close();
    raw.destroy();
  }
}
