// The preview's own live reload (`npm start`, src/build/preview.ts): a small client the
// preview injects into every page it serves as a navigation, which tells the preview the
// page it shows and reloads when told; and the server's side, which reloads only the tabs
// whose page a pass of a rebuild wrote (or removed). The dev server's own live reload
// (`liveReload: false`) reached every tab on every reload, twice an edit: its client
// cannot say which page it is on.
//
// Over a WebSocket, not Server-Sent Events: an event stream holds one of the browser's six
// HTTP/1.1 connections to the preview's origin open per tab, so a few open tabs would leave
// the reloaded pages' own requests (their stylesheet, scripts, the explorer's data) queued
// behind them, while WebSockets are not counted in that pool. The socket is the dev
// server's (`updateServer`, which it opens whatever `liveReload` says): a second WebSocket
// server on the same HTTP server would answer the same upgrade requests.
//
// The client is served at CLIENT_URL, never written into the output folder: the preview
// serves exactly what `npm run build` publishes, plus this script. It is a same-origin
// module, which the pages' policy (`script-src 'self'`) allows; no inline script.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";

/** Where the client is served (a path no site file can have: Eleventy skips dot folders). */
const CLIENT_PATH = "/.almanac/reload.js";
/** Where the client connects. */
const SOCKET_PATH = "/.almanac/reload";
/** What the client is told. */
const RELOAD_MESSAGE = JSON.stringify({ type: "almanac.reload" });

const CLIENT = `// npm start's live reload (src/build/reload-clients.ts): tells the preview which page this
// is and reloads when told to; once the preview it was connected to has been away and is
// back (npm start run again), reloads too.
const address = new URL(${JSON.stringify(SOCKET_PATH)}, location.href);
address.protocol = location.protocol === "https:" ? "wss:" : "ws:";
address.searchParams.set("page", location.pathname);
let lost = false;
function connect() {
  const socket = new WebSocket(address);
  let opened = false;
  socket.addEventListener("open", () => {
    opened = true;
    if (lost) location.reload();
  });
  socket.addEventListener("message", (event) => {
    if (event.data === ${JSON.stringify(RELOAD_MESSAGE)}) location.reload();
  });
  socket.addEventListener("close", () => {
    lost ||= opened;
    setTimeout(connect, 1000);
  });
}
connect();
`;

/** The client's address, named by its contents: a reloaded page takes it from its cache. */
const CLIENT_URL = `${CLIENT_PATH}?v=${createHash("sha1").update(CLIENT).digest("hex").slice(0, 10)}`;
const CLIENT_TAG = `<script type="module" src="${CLIENT_URL}"></script>`;

/** A WebSocket as the dev server's `ws` server hands it over (the parts used here). */
export interface Socket {
  readonly readyState: number;
  send(data: string): void;
  once(event: "close", listener: () => void): unknown;
}

/** One open page: its socket and the output files it may be showing (`pageFiles`). */
export interface Client {
  readonly page: readonly string[];
  readonly socket?: Socket;
}

/**
 * The output files (relative to the output folder, with `/`) a page at `pathname` is served
 * from, as the dev server maps addresses: `/` and `/es/` are their folder's `index.html`,
 * `/about` is `about.html` or `about/index.html`, `/404.html` is itself.
 */
export function pageFiles(pathname: string): string[] {
  let rel = pathname;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    // Not valid percent-encoding: as it is.
  }
  rel = rel.replace(/^\/+/, "");
  if (rel === "" || rel.endsWith("/")) return [`${rel}index.html`];
  return [rel, `${rel}.html`, `${rel}/index.html`];
}

/** The pages open with the client, and reloading the ones whose files a run wrote. */
export class ReloadClients {
  /** Every client connected now (a live set: `untilReconnected` watches it). */
  readonly open = new Set<Client>();

  /** Takes the dev server's WebSocket server's connections that are the client's. */
  listen(server: {
    on(event: "connection", listener: (socket: Socket, req: { url?: string }) => void): unknown;
  }): void {
    server.on("connection", (socket, req) => {
      const url = new URL(req.url ?? "/", "http://localhost");
      // Anything else (a tab left from a session with the dev server's own client) is not ours.
      if (url.pathname !== SOCKET_PATH) return;
      const client: Client = { page: pageFiles(url.searchParams.get("page") ?? "/"), socket };
      this.open.add(client);
      socket.once("close", () => this.open.delete(client));
    });
  }

  /**
   * Tells the clients showing one of `written` (output files relative to the folder, with
   * `/`; undefined: every client) to reload, and returns them.
   */
  reload(written?: Iterable<string>): Client[] {
    const files = written && new Set(written);
    const told = [...this.open].filter(
      (client) => !files || client.page.some((file) => files.has(file)),
    );
    // A socket still opening or already closing cannot be told: it is not waited for.
    return told.filter((client) => {
      if (client.socket?.readyState !== 1) return false;
      client.socket.send(RELOAD_MESSAGE);
      return true;
    });
  }
}

/**
 * Serves the client (true when `req` asked for it), and adds it to the HTML page `res`
 * sends when `req` is a navigation (`navigation`): before `</head>`, else at the end.
 */
export function serveClient(
  req: IncomingMessage,
  res: ServerResponse,
  navigation: boolean,
): boolean {
  if (req.url?.startsWith(`${CLIENT_PATH}?`) || req.url === CLIENT_PATH) {
    res.setHeader("Content-Type", "text/javascript; charset=utf-8");
    res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
    res.end(CLIENT);
    return true;
  }
  if (!navigation) return false;
  const end = res.end;
  // Pages reach `end` as one string (the dev server's `renderFile`, the error page); bytes
  // are left as they are (the editor's page, plugins/editor.ts, wants no reload).
  res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    const type = String(this.getHeader("content-type") ?? "");
    if (typeof chunk === "string" && type.startsWith("text/html")) chunk = withClient(chunk);
    return (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
  } as ServerResponse["end"];
  return false;
}

/** `html` with the client's script tag. */
export function withClient(html: string): string {
  const head = html.indexOf("</head>");
  return head < 0 ? html + CLIENT_TAG : html.slice(0, head) + CLIENT_TAG + html.slice(head);
}

/**
 * Resolves once each client in `told` has closed and as many clients on each of their pages
 * have connected since (the tabs reloaded, drawn and listening again), or after `maxMs`.
 * `open` is the live set of clients (`ReloadClients.open`).
 */
export function untilReconnected(
  told: readonly Client[],
  open: ReadonlySet<Client>,
  maxMs: number,
): Promise<void> {
  if (!told.length) return Promise.resolve();
  const before = new Set(told);
  const wanted = new Map<string, number>();
  for (const client of told) {
    const key = client.page.join("\n");
    wanted.set(key, (wanted.get(key) ?? 0) + 1);
  }
  const back = () => {
    const again = new Map<string, number>();
    for (const client of open) {
      if (before.has(client)) return false;
      const key = client.page.join("\n");
      again.set(key, (again.get(key) ?? 0) + 1);
    }
    return [...wanted].every(([key, count]) => (again.get(key) ?? 0) >= count);
  };
  const until = performance.now() + maxMs;
  return (async () => {
    while (performance.now() < until && !back()) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
}
