// Registers the security policy: the `csp` global data (`csp.meta`, printed by base.njk as
// `<meta http-equiv="Content-Security-Policy">`) and the `headers` output step, the header
// files static hosts read from the published folder: `_headers` (Netlify, Cloudflare
// Pages) and `.htaccess` (Apache), and the editor's own policy for /admin/ (`csp.adminMeta`,
// `/admin/*` in `_headers`, `admin/.htaccess`). The policies live in `src/outputs/csp.ts`.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Build } from "../src/build/context.ts";
import { pluginOptions } from "./options.ts";
import {
  ADMIN_META_CONTENT_SECURITY_POLICY,
  apacheAdminHtaccess,
  apacheHtaccess,
  META_CONTENT_SECURITY_POLICY,
  netlifyHeaders,
  SECURITY_HEADERS,
} from "../src/outputs/csp.ts";

export interface SecurityOptions {
  /** The build this configuration renders (required). */
  build?: Build;
  /** Write `_headers` and `.htaccess` into the output. Default: true. */
  headerFiles?: boolean;
}

export default function securityPlugin(
  eleventyConfig: UserConfig,
  options: SecurityOptions = {},
): void {
  const { build, headerFiles } = pluginOptions("security", options, {
    build: undefined as Build | undefined,
    headerFiles: true,
  });
  if (!build) throw new Error("[almanac/security] the build option is required");
  eleventyConfig.addGlobalData("csp", {
    meta: META_CONTENT_SECURITY_POLICY,
    adminMeta: ADMIN_META_CONTENT_SECURITY_POLICY,
    headers: SECURITY_HEADERS,
  });
  build.outputStep("headers", async ({ directories, outputMode }) => {
    if (!headerFiles || (outputMode !== undefined && outputMode !== "fs")) return;
    await writeFile(
      path.join(directories.output, "_headers"),
      netlifyHeaders(),
    );
    await writeFile(path.join(directories.output, ".htaccess"), apacheHtaccess());
    // The browser editor's own policy (plugins/editor.ts writes the editor itself).
    await mkdir(path.join(directories.output, "admin"), { recursive: true });
    await writeFile(path.join(directories.output, "admin/.htaccess"), apacheAdminHtaccess());
  });
}
