// Schema of `editor` in `_data/library.yaml`: where the browser editor at /admin/ opens
// pull requests and signs in (docs/editor.md).
import * as z from "zod";
import { describeValue, expected, httpUrl, shortText } from "./common.ts";

/** Settings of the browser editor at /admin/. */
export const editorSchema = z.strictObject(
  {
    /** `owner/name` on GitHub. */
    repo: z
      .string({ error: expected("a GitHub repository such as riverside-library/website") })
      .trim()
      .regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9_.-]+$/, {
        error: (iss) =>
          `${describeValue(iss.input)} is not a GitHub repository: write owner/name, e.g. riverside-library/website`,
      })
      .optional()
      .describe(
        "The library's GitHub repository as owner/name, e.g. riverside-library/website; the editor at /admin/ opens pull requests there (docs/editor.md); default a placeholder, so only local editing works.",
      ),
    /** The branch the site is published from. */
    branch: shortText(100)
      .default("main")
      .describe("The branch the site is published from, which pull requests target; default main."),
    /** Where the "Sign In with GitHub" button authenticates. */
    auth_url: httpUrl()
      .optional()
      .describe(
        "Optional address of the OAuth service behind \"Sign In with GitHub\", e.g. a Sveltia CMS Authenticator (docs/editor.md); without it that button uses Netlify's (for a site on Netlify), and staff on other hosts sign in with a personal access token.",
      ),
  },
  { error: expected("{ repo, branch }") },
);
