// Schema of `brand` (and the colour of `theme_color`) in `_data/library.yaml`: the library's
// own colours, with the contrast its text needs.
import * as z from "zod";
import { expected } from "./common.ts";
import { AA_TEXT, contrastRatio, HEX_COLOUR, ratioText, readableOn } from "../../text/colour.ts";

/** A colour as `#rrggbb` (or `#rgb`). */
export const hexColour = () =>
  z
    .string({ error: expected("a colour such as #1d4e89") })
    .trim()
    .regex(HEX_COLOUR, { error: "must be a hex colour such as #1d4e89" });

/** The library's own colours, for the header, buttons, charts, signage, social cards and icons. */
export const brandSchema = z
  .strictObject(
    {
      /** Background of the header and buttons. */
      color: hexColour().describe(
        "The library's colour, as #rrggbb: the header, buttons, charts, the lobby screens' header, social cards without a picture and the icons' background.",
      ),
      /** Text on `color`. */
      text_color: hexColour()
        .optional()
        .describe(
          "Optional colour of text on the brand colour, as #rrggbb; it must have a contrast of at least 4.5:1 with it (WCAG AA); default white or near-black, whichever reads better.",
        ),
    },
    { error: expected("{ color, text_color }") },
  )
  .superRefine((brand, ctx) => {
    if (brand.text_color === undefined) return;
    const ratio = contrastRatio(brand.color, brand.text_color);
    if (ratio >= AA_TEXT) return;
    ctx.addIssue({
      code: "custom",
      path: ["text_color"],
      message: `${brand.text_color} on ${brand.color} has a contrast of ${ratioText(ratio)}:1; text on the brand colour needs at least ${AA_TEXT}:1 (WCAG AA): try ${readableOn(brand.color)}`,
    });
  });
