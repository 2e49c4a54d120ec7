// A tiny static file server over a built `_site`, on a random loopback port, for browser
// tests. It serves what a static host would: files, `dir/` -> `dir/index.html`, 404.html.
import { createServer, type Server } from "node:http";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".xml": "application/xml",
  ".ics": "text/calendar; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".svg": "image/svg+xml",
};

export interface StaticServer {
  url: string;
  /** Serve another folder from now on (e.g. after a rebuild). */
  setRoot(dir: string): void;
  close(): Promise<void>;
}

/** Response headers for a path: the same for every path, or chosen by path. */
export type HeadersFor = Record<string, string> | ((pathname: string) => Record<string, string>);

/**
 * The headers a `_headers` file gives each path, read as Netlify serves them: every rule
 * whose pattern matches (`*` matches anything, `/` included) applies in order, a later
 * rule's value of a header replacing an earlier one's, and `! Name` (Cloudflare's detach)
 * removing it.
 */
export function headersFile(text: string): (pathname: string) => Record<string, string> {
  const rules: { pattern: RegExp; lines: string[] }[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    if (line.startsWith("/")) {
      const source = line
        .trim()
        .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*");
      rules.push({ pattern: new RegExp(`^${source}$`), lines: [] });
    } else rules.at(-1)?.lines.push(line.trim());
  }
  return (pathname) => {
    const out: Record<string, string> = {};
    for (const rule of rules.filter((r) => r.pattern.test(pathname))) {
      for (const line of rule.lines) {
        if (line.startsWith("!")) delete out[line.slice(1).trim()];
        else
          out[line.slice(0, line.indexOf(":")).trim()] = line.slice(line.indexOf(":") + 1).trim();
      }
    }
    return out;
  };
}

/**
 * Serves `root` with extra response `headers`. `port` 0 (default) picks a free one; pass a
 * closed server's port to come back on the same origin (a service worker is per origin).
 */
export async function serveStatic(
  root: string,
  headersFor: HeadersFor = {},
  port = 0,
): Promise<StaticServer> {
  let current = root;
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const headers = typeof headersFor === "function" ? headersFor(url.pathname) : headersFor;
    let file = path.join(current, decodeURIComponent(url.pathname));
    if (!file.startsWith(current)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
        ...headers,
      });
      res.end(body);
    } catch {
      const body = await readFile(path.join(current, "404.html")).catch(() =>
        Buffer.from("Not found"),
      );
      res.writeHead(404, { "content-type": "text/html; charset=utf-8", ...headers });
      res.end(body);
    }
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  const bound = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${bound}`,
    setRoot: (dir) => {
      current = dir;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port that was free a moment ago on 127.0.0.1, for a server a child process starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}
