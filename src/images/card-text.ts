// A social card's text (src/images/social-card.ts draws the card): its title wrapped into at
// most three lines at the largest size that fits the card's text box, measured by a table
// of DejaVu Sans' widths and, for a line near the edge, by the real renderer; names
// shortened with an ellipsis; text cleaned of what SVG cannot carry.
import sharp from "sharp";
import { escapeHtml } from "../text/html.ts";

export const SOCIAL_CARD = { width: 1200, height: 630 } as const;

/** The card's margin, px. */
export const PAD = 72;
export const TEXT_WIDTH = SOCIAL_CARD.width - 2 * PAD;
const MAX_LINES = 3;
/** Title sizes tried in turn until the title fits in three lines; beyond the last, an ellipsis. */
const TITLE_SIZES = [72, 64, 56, 48];
export const FONT = "DejaVu Sans, Verdana, Arial, sans-serif";
/** Lines estimated narrower than this share of the text box fit without a rendered check. */
const SURE_FIT = 0.85;

/**
 * Wraps the title into at most three lines at the largest size that fits, measuring each
 * candidate's lines with the real renderer (the width table only guides the wrapping).
 */
export async function fitTitle(title: string): Promise<{ size: number; lines: string[] }> {
  for (const size of TITLE_SIZES) {
    const lines = wrap(title, size, TEXT_WIDTH, true);
    if (lines.length > MAX_LINES) continue;
    // The estimate is good to a few percent: only a line near the edge needs the (slow)
    // rendered check.
    const widest = Math.max(...lines.map((l) => estimateWidth(l, size, true)));
    if (widest <= TEXT_WIDTH * SURE_FIT || (await fitsRendered(lines, size)))
      return { size, lines };
  }
  const size = TITLE_SIZES[TITLE_SIZES.length - 1]!;
  // The estimate let a line through that renders too wide: wrap against a narrower box.
  for (const box of [TEXT_WIDTH, TEXT_WIDTH * 0.9, TEXT_WIDTH * 0.8]) {
    const lines = clampLines(wrap(title, size, box, true), size, box);
    if (await fitsRendered(lines, size)) return { size, lines };
  }
  return {
    size,
    lines: clampLines(wrap(title, size, TEXT_WIDTH * 0.7, true), size, TEXT_WIDTH * 0.7),
  };
}

function clampLines(lines: string[], size: number, box: number): string[] {
  if (lines.length <= MAX_LINES) return lines;
  const kept = lines.slice(0, MAX_LINES);
  // Cut the last kept line at a word boundary so it ends "... whole word…".
  const words = `${kept[MAX_LINES - 1]} ${lines[MAX_LINES]}`.split(" ");
  let last = words[0]!;
  for (const word of words.slice(1)) {
    if (estimateWidth(`${last} ${word}…`, size, true) > box) break;
    last += ` ${word}`;
  }
  kept[MAX_LINES - 1] = ellipsize(`${last}…`, size, box, true).replace(/……$/, "…");
  return kept;
}

/** Greedy word wrap by estimated width; words longer than a line are split. */
export function wrap(text: string, size: number, maxWidth: number, bold = false): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ").filter(Boolean)) {
    for (const piece of splitLongWord(word, size, maxWidth, bold)) {
      const candidate = line ? `${line} ${piece}` : piece;
      if (line && estimateWidth(candidate, size, bold) > maxWidth) {
        lines.push(line);
        line = piece;
      } else {
        line = candidate;
      }
    }
  }
  if (line) lines.push(line);
  return lines;
}

function splitLongWord(word: string, size: number, maxWidth: number, bold: boolean): string[] {
  const pieces: string[] = [];
  let piece = "";
  for (const ch of word) {
    if (piece && estimateWidth(piece + ch, size, bold) > maxWidth) {
      pieces.push(piece);
      piece = "";
    }
    piece += ch;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** Shortens `text` with `…` until it fits `maxWidth`. */
export function ellipsize(text: string, size: number, maxWidth: number, bold = false): string {
  if (estimateWidth(text, size, bold) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length && estimateWidth(`${chars.join("").trimEnd()}…`, size, bold) > maxWidth) {
    chars.pop();
  }
  return `${chars.join("").trimEnd()}…`;
}

/**
 * Approximate advance widths of DejaVu Sans (Bold), in em. Good to a few percent for
 * Latin text; the rendered check in `fitTitle` catches the rest.
 */
function charWidth(ch: string, bold: boolean): number {
  let w: number;
  if (ch === " ") w = 0.35;
  else if ("iljI.,:;'|!".includes(ch)) w = 0.34;
  else if ('frt()[]-"'.includes(ch)) w = 0.47;
  else if ("mw".includes(ch)) w = 1.0;
  else if ("MW".includes(ch)) w = 1.05;
  else if (/[A-Z]/.test(ch)) w = 0.78;
  else if (/[0-9]/.test(ch)) w = 0.7;
  else if (/[a-z]/.test(ch)) w = 0.69;
  else if (ch.codePointAt(0)! > 0x2e80)
    w = 1.0; // CJK and wide symbols
  else w = 0.72;
  return bold ? w : w * 0.92;
}

function estimateWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += charWidth(ch, bold);
  return em * size;
}

/**
 * Renders the lines alone and looks for ink right of the text box: the truth the estimate
 * approximates. Only a strip just past the box's right edge is drawn (the text laid out in
 * full, shifted left by the box's width): a line that runs past the edge has ink in the
 * strip, since the strip is wider than any gap between two words (a space, 0.35 em at most
 * 72 px). About 20 times cheaper than drawing and trimming the lines whole, with the same
 * answer (checked on 4,864 lines of the benchmark's titles at every size).
 */
async function fitsRendered(lines: string[], size: number): Promise<boolean> {
  if (!lines.length) return true;
  const lineHeight = Math.ceil(size * 1.3);
  const texts = lines
    .map((l, i) => `<text x="0" y="${size + i * lineHeight}">${escapeHtml(l)}</text>`)
    .join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${FIT_STRIP}" height="${lineHeight * lines.length + size}"><g transform="translate(${-TEXT_WIDTH} 0)" font-family="${FONT}" font-weight="bold" font-size="${size}" fill="#000">${texts}</g></svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).raw().toBuffer({ resolveWithObject: true });
  for (let alpha = info.channels - 1; alpha < data.length; alpha += info.channels) {
    if (data[alpha]! > 0) return false;
  }
  return true;
}

/** Width of the strip `fitsRendered` draws past the text box, in px. */
const FIT_STRIP = 64;

/**
 * Collapses whitespace and drops characters XML cannot carry (control characters, lone
 * surrogates), which would otherwise make the SVG invalid and the card fail.
 */
export function cleanText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g, "")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
