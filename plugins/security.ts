// Registers the security policy: the `csp` global data (`csp.meta`, printed by base.njk as
// `<meta http-equiv="Content-Security-Policy">`) and, after the site is written, the
// header files static hosts read from the published folder: `_headers` (Netlify,
// Cloudflare Pages) and `.htaccess` (Apache). The policy itself lives in `src/outputs/csp.ts`.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import {
  apacheHtaccess,
  META_CONTENT_SECURITY_POLICY,
  netlifyHeaders,
  SECURITY_HEADERS,
} from "../src/outputs/csp.ts";

export interface SecurityOptions {
  /** Write `_headers` and `.htaccess` into the output. Default: true. */
  headerFiles?: boolean;
}

export default function securityPlugin(
  eleventyConfig: UserConfig,
  options: SecurityOptions = {},
): void {
  const headerFiles = options.headerFiles ?? true;
  if (typeof headerFiles !== "boolean") {
    throw new Error(
      `[almanac/security] headerFiles must be true or false, not ${JSON.stringify(headerFiles)}.`,
    );
  }
  eleventyConfig.addGlobalData("csp", {
    meta: META_CONTENT_SECURITY_POLICY,
    headers: SECURITY_HEADERS,
  });
  eleventyConfig.on(
    "eleventy.after",
    async ({ directories }: { directories: { output: string } }) => {
      if (!headerFiles) return;
      await writeFile(path.join(directories.output, "_headers"), netlifyHeaders());
      await writeFile(path.join(directories.output, ".htaccess"), apacheHtaccess());
    },
  );
}
