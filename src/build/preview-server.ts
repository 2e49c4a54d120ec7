// The dev server `npm start` serves the site with (Eleventy's, set up through its
// documented server options): no live-reload script of its own (the preview's reload client
// instead, src/build/reload-clients.ts), hashed files kept by the browser, the error page in
// place of any page while the site cannot be rebuilt, and word of each response finished,
// so a rebuild knows when the pages it reloaded have been served.
import type { IncomingMessage, ServerResponse } from "node:http";
import { errorPage, isNavigation } from "./error-page.ts";
import { serveClient, type Client, type ReloadClients } from "./reload-clients.ts";

export type DevServer = {
  getServerUrl(host: string): string;
  /** Its WebSocket server, which the preview's own reload client connects to. */
  updateServer?: Parameters<ReloadClients["listen"]>[0];
};

/**
 * Files the preview serves whose names hold a hash of their contents (the assets, the
 * explorer's data of each language): a new content is a new name, so the browser may keep
 * them, and a reloaded page does not wait for them again.
 */
const IMMUTABLE =
  /^\/(?:[a-z]{2,3}(?:-[A-Za-z0-9]+)?\/)?(?:assets\/[^/?]+-[0-9a-f]{10}|explorer\/data-[0-9a-f]+)\.[a-z0-9]+(?:\?.*)?$/;
const IMMUTABLE_CACHE = "public, max-age=31536000, immutable";

/**
 * Longest wait, after a rebuild's reload, for the reloaded page to be served before the
 * calendars and the search index are written (they hold the process's thread for a while).
 */
const RELOAD_WAIT_MS = 1500;
/** ...and for the requests the reloaded page makes to end (its stylesheet, its scripts). */
const SERVED_QUIET_MS = 80;

/** Told of every response the server finishes; says when reloaded pages were served. */
export class ServedPages {
  #listener = (_page: boolean) => {};

  /** A response finished (`page`: a navigation's). */
  responded(page: boolean): void {
    this.#listener(page);
  }

  /**
   * Resolves once a browser that the reload reached (`told`) has had its page again, with
   * what the page asked for right after (its stylesheet, its scripts: nothing more for
   * SERVED_QUIET_MS); at once when it reached none; after RELOAD_WAIT_MS at the latest.
   */
  after(told: readonly Client[]): Promise<void> {
    return new Promise<void>((resolve) => {
      if (!told.length) return resolve();
      let quiet: ReturnType<typeof setTimeout> | undefined;
      let latest: ReturnType<typeof setTimeout> | undefined;
      const done = () => {
        clearTimeout(latest);
        clearTimeout(quiet);
        // A later reload's wait (the second pass's) is its own.
        if (this.#listener === listen) this.#listener = () => {};
        resolve();
      };
      let page = false;
      const listen = (isPage: boolean) => {
        page ||= isPage;
        if (!page) return;
        clearTimeout(quiet);
        quiet = setTimeout(done, SERVED_QUIET_MS);
      };
      this.#listener = listen;
      latest = setTimeout(done, RELOAD_WAIT_MS);
    });
  }
}

export interface ServerSetup {
  port: number;
  /** Where the server's own errors go (a missing file is not one). */
  printError(line: string): void;
  /** The failure shown in place of every page, while there is one. */
  failure(): { title: string; lines: string[] } | undefined;
  served: ServedPages;
  reloads: ReloadClients;
  /** The server is up. */
  ready(server: DevServer): void;
}

/** The options for `eleventyConfig.setServerOptions`. */
export function previewServerOptions(setup: ServerSetup): Record<string, unknown> {
  const { reloads, served } = setup;
  return {
    port: setup.port,
    // The preview's own reload client instead (src/build/reload-clients.ts), which reaches
    // only the tabs whose page changed. Off, the dev server injects no script into pages
    // (nor sets a policy for it on error responses) and serves none.
    liveReload: false,
    domDiff: false,
    showVersion: false,
    messageOnStart: () => false,
    logger: {
      info: () => {},
      log: () => {},
      error: (message: string) => {
        // A request for a missing file (a deleted page, a favicon) is not worth a line.
        if (!/^HTTP 404\b/.test(String(message))) setup.printError(`server: ${message}`);
      },
    },
    middleware: [
      (req: IncomingMessage, res: ServerResponse, next: () => void) => {
        res.once("finish", () => served.responded(isNavigation(req)));
        if (serveClient(req, res, isNavigation(req))) return;
        // Named by their contents: a reload takes them from the browser's cache.
        if (IMMUTABLE.test(req.url ?? "")) res.setHeader("Cache-Control", IMMUTABLE_CACHE);
        const failure = setup.failure();
        if (!failure || !isNavigation(req)) return next();
        res.statusCode = 500;
        res.setHeader("Content-Type", "text/html; charset=utf-8");
        res.setHeader("Cache-Control", "no-store");
        res.end(errorPage(failure.title, failure.lines));
      },
    ],
    ready: (devServer: DevServer) => {
      if (!devServer.updateServer)
        throw new Error(
          "[almanac/preview] the dev server has no WebSocket server to reload through",
        );
      reloads.listen(devServer.updateServer);
      setup.ready(devServer);
    },
  };
}
