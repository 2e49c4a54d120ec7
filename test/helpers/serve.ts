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

/**
 * Serves `root` with extra response `headers`. `port` 0 (default) picks a free one; pass a
 * closed server's port to come back on the same origin (a service worker is per origin).
 */
export async function serveStatic(
  root: string,
  headers: Record<string, string> = {},
  port = 0,
): Promise<StaticServer> {
  let current = root;
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
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
