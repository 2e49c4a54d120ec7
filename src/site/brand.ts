// The library's branding as a stylesheet of its own (`/assets/brand-<hash>.css`), written
// only when `_data/library.yaml` sets `brand` or `logo`: the site's own stylesheets stay
// as they are (a library without branding gets byte-identical pages), and a strict CSP
// allows no inline style to carry the colours instead. Linked after the page's other
// sheets by `layouts/includes/base.njk` and the lobby screen (`signage.njk`).
import type { Library } from "../content/model.ts";

/** The brand stylesheet's source, or undefined when the library sets no branding. */
export function brandCss(library: Pick<Library, "brand" | "logo">): string | undefined {
  const { brand, logo } = library;
  if (!brand && !logo) return undefined;
  const rules: string[] = [];
  if (brand) {
    // The site's colours are variables (site.css): the header, buttons, bars and icons
    // follow. Text on the brand colour was checked for 4.5:1 by the schema.
    rules.push(`:root {
  --brand: ${brand.color};
  --brand-ink: ${brand.textColor};
}`);
    // The lobby screen keeps its own dark, high-contrast palette; the brand colour is
    // its header band.
    rules.push(`.signage .sign-header {
  background: ${brand.color};
  color: ${brand.textColor};
  border-bottom: 0;
  border-radius: 0.8vh;
  padding: 1.5vh 1.5vw;
}
.signage .sign-header .sign-library {
  color: inherit;
}`);
  }
  if (logo) {
    rules.push(`.brand {
  display: inline-flex;
  align-items: center;
  gap: 0.6rem;
}
.brand-logo {
  display: block;
  width: auto;
  height: 2.5rem;
  max-width: 10rem;
  object-fit: contain;
}
.sign-brand {
  display: flex;
  align-items: center;
  gap: 1.5vw;
}
.sign-logo {
  display: block;
  width: auto;
  height: 9vh;
  max-width: 20vw;
  object-fit: contain;
}`);
  }
  return `/* Generated from brand and logo in _data/library.yaml (src/site/brand.ts). */\n${rules.join("\n")}\n`;
}
