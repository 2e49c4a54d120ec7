// The web app manifest's shape and the name under a home-screen icon; `SiteImages.manifest()`
// (./site-images.ts) makes the manifest from the library and its icons.

export interface WebAppManifest {
  name: string;
  short_name: string;
  description?: string;
  lang: string;
  start_url: string;
  scope: string;
  display: "standalone";
  theme_color: string;
  background_color: string;
  icons: { src: string; sizes: string; type: string; purpose: string }[];
}

/**
 * The name under a home-screen icon, where about 12 characters fit: the library's name
 * without a trailing "Public Library" / "Library" (`Maple Hollow Public Library` gives
 * `Maple Hollow`), else the first words that fit, else the name cut to 12.
 */
export function shortName(name: string): string {
  const max = 12;
  if (name.length <= max) return name;
  const trimmed = name
    .replace(/\s+(public\s+|district\s+|county\s+|city\s+|community\s+)*librar(y|ies)$/i, "")
    .trim();
  if (trimmed && trimmed.length <= max) return trimmed;
  let out = "";
  for (const word of (trimmed || name).split(/\s+/)) {
    const next = out ? `${out} ${word}` : word;
    if (next.length > max) break;
    out = next;
  }
  return out || name.slice(0, max);
}
