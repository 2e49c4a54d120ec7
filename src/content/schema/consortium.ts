// Schema of `consortium` in `_data/library.yaml`: the member libraries whose programs a
// consortium site lists (docs/consortium.md).
import * as z from "zod";
import { describeValue, expected, httpUrl, id, isHttpUrl, text } from "./common.ts";

/**
 * Where a consortium build reads a member's `programs.json`: a folder holding the member's
 * built site, relative to the consortium's own folder, or the http(s) address it is served
 * from. An absolute folder would tie the settings to one machine, so it is refused.
 */
function memberSource() {
  return z
    .string({ error: expected("a folder such as ../eastside/_site or an https:// address") })
    .trim()
    .min(1, { error: "name a folder such as ../eastside/_site or an https:// address" })
    .refine(
      (v) =>
        /^https?:\/\//i.test(v)
          ? isHttpUrl(v)
          : !/^([a-z][a-z0-9+.-]*:|[\\/]|~)/i.test(v) && !/[\u0000-\u001F\u007F]/.test(v),
      {
        error: (iss) =>
          `must be a folder relative to this library's folder, such as ../eastside/_site, or an http(s) address (got ${describeValue(iss.input)})`,
      },
    );
}

/** One library of a consortium: an Almanac site built and published on its own. */
export const memberSchema = z.strictObject(
  {
    /** Used in the consortium's ids and addresses. */
    id: id().describe(
      "Id of the member library, used in the consortium's ids and addresses (its locations are /locations/<member>-<location>/); lowercase letters, digits and dashes.",
    ),
    /** Shown to visitors beside each of its programs, and in the search's library filter. */
    name: text().describe(
      "The member library's name, shown beside each of its programs and in the search's library filter.",
    ),
    /** Where the member's site is published. */
    url: httpUrl()
      .refine((v) => !/[?#]/.test(v), { error: "must be the site's own address, without ? or #" })
      .describe(
        "Absolute http(s) address where the member's site is published, e.g. https://eastside.example.org; search reads its index from <url>/pagefind/.",
      ),
    /** Where the consortium's build reads the member's programs.json. */
    source: memberSource().describe(
      "Where the consortium's build reads the member's programs.json: its built site's folder relative to this library's folder (e.g. ../eastside/_site) or an http(s) address (e.g. https://eastside.example.org).",
    ),
  },
  { error: expected("{ id, name, url, source }") },
);

/** A consortium: many libraries' programs on one site, each read from its own build. */
export const consortiumSchema = z.strictObject(
  {
    /** The member libraries, in the order the search's library filter lists them. */
    members: z
      .array(memberSchema, { error: expected("a list of { id, name, url, source }") })
      .min(1, { error: "list at least one member library" })
      .describe(
        "The member libraries, each { id, name, url, source }; their programs are listed, searched and written to the calendar files and programs.json of this site.",
      ),
  },
  { error: expected("{ members }") },
);
