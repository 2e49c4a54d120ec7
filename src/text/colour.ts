// Colours as staff write them (`#0b5`, `#1d4e89`) and the WCAG contrast between two of
// them: the library's brand colours are checked with it (`npm run check`), and the text on
// the brand colour is chosen with it when the library names none.

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** `#rgb` or `#rrggbb`, any case. */
export const HEX_COLOUR = /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

/** `#0b5` to `{ r: 0, g: 187, b: 85 }`; undefined for anything but `#rgb` or `#rrggbb`. */
export function hexToRgb(color: string): Rgb | undefined {
  const m = HEX_COLOUR.exec(color.trim());
  if (!m) return undefined;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join("") : m[1]!;
  const n = Number.parseInt(hex, 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}

/** `#0b5` to `#00bb55`. */
export function normaliseHex(color: string): string {
  const rgb = hexToRgb(color);
  if (!rgb) throw new Error(`not a hex colour: ${color}`);
  return `#${[rgb.r, rgb.g, rgb.b].map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

/** WCAG 2 relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance({ r, g, b }: Rgb): number {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2 contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(hexToRgb(a)!);
  const lb = relativeLuminance(hexToRgb(b)!);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** WCAG AA for normal text. */
export const AA_TEXT = 4.5;

/**
 * White or near-black, whichever reads better on `background`; black where near-black
 * falls short of AA (a mid grey), since white or black always reaches 4.5:1.
 */
export function readableOn(background: string): "#ffffff" | "#111111" | "#000000" {
  const white = contrastRatio(background, "#ffffff");
  const dark = contrastRatio(background, "#111111");
  if (white >= dark) return white >= AA_TEXT ? "#ffffff" : "#000000";
  return dark >= AA_TEXT ? "#111111" : "#000000";
}

/** `4.49` shown as `4.4`: a ratio is never rounded up to a pass. */
export function ratioText(ratio: number): string {
  return (Math.floor(ratio * 10) / 10).toFixed(1);
}
