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
  netlifyHeaders,
  sitePolicy,
} from "../src/outputs/csp.ts";
import type { Site } from "../src/site/site.ts";
import { byReference } from "./global-data.ts";

/** The origins a consortium's pages read members' indexes from; none for a library. */
function memberOrigins(site: Site | undefined): string[] {
  return (site?.library.consortium?.members ?? []).map((m) => new URL(m.url).origin);
}

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
  // This build's policy: a consortium's lets its pages read its members' search indexes.
  eleventyConfig.addGlobalData("csp", () => {
    const { meta, headers } = sitePolicy(memberOrigins(build.site));
    return byReference({ meta, adminMeta: ADMIN_META_CONTENT_SECURITY_POLICY, headers });
  });
  build.outputStep("headers", async ({ directories, outputMode }) => {
    if (!headerFiles || (outputMode !== undefined && outputMode !== "fs")) return;
    const library = build.site?.library;
    const { headers } = sitePolicy(memberOrigins(build.site));
    const consortium = library?.consortiumUrl;
    await writeFile(path.join(directories.output, "_headers"), netlifyHeaders(headers, consortium));
    await writeFile(
      path.join(directories.output, ".htaccess"),
      apacheHtaccess(headers, consortium),
    );
    // The browser editor's own policy (plugins/editor.ts writes the editor itself).
    await mkdir(path.join(directories.output, "admin"), { recursive: true });
    await writeFile(path.join(directories.output, "admin/.htaccess"), apacheAdminHtaccess());
  });
}
