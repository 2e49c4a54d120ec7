// How each picture on the site is shown (its role): its `sizes`, widths and loading, for
// `SiteImages.picture()` (./site-images.ts).
import type { PictureOptions } from "./picture.ts";

/** How an image is shown; decides its `sizes`, its widths and whether it loads at once. */
export type PictureRole = "hero" | "card" | "body" | "logo" | "logo-card" | "brand" | "sign-logo";

/**
 * Per role: how wide the image is drawn (the `sizes` attribute, matching site.css) and
 * whether it is the page's main image (above the fold: loaded at once, high priority;
 * everything else is lazy). Logos are small, so they get their own, smaller widths.
 */
export const ROLES: Record<PictureRole, PictureOptions & { logo: boolean }> = {
  hero: {
    sizes: "(min-width: 50rem) 48rem, calc(100vw - 2rem)",
    eager: true,
    className: "hero-image",
    logo: false,
  },
  card: {
    sizes: "(min-width: 36rem) 22rem, calc(100vw - 2rem)",
    className: "card-image",
    logo: false,
  },
  body: { sizes: "(min-width: 47rem) 45rem, calc(100vw - 2rem)", logo: false },
  logo: { sizes: "10rem", eager: true, className: "logo", logo: true },
  "logo-card": { sizes: "5rem", className: "logo logo-small", logo: true },
  // The library's own logo (`logo` in library.yaml): in the header, and on lobby screens.
  brand: { sizes: "10rem", eager: true, className: "brand-logo", logo: true },
  "sign-logo": { sizes: "20vw", eager: true, className: "sign-logo", logo: true },
};

/** Widths of photos (program images, body images) and of logos, in pixels. */
export const PHOTO_WIDTHS = [400, 800, 1200];
export const LOGO_WIDTHS = [160, 320];
