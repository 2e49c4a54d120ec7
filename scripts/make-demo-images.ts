// Draws the demo site's source images (abstract illustrations, partner logos, the site
// icon, the default social image) from SVG with sharp, so they are reproducible and carry
// no third-party rights. Run: `node --import tsx scripts/make-demo-images.ts`.
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp, { type Sharp } from "sharp";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT = path.join(ROOT, "content/images");
const THEME = "#1d4e89";

/** Small seeded generator: the same picture on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function svg(width: number, height: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${body}</svg>`;
}

function gradient(id: string, from: string, to: string, angle = "x2='1' y2='1'"): string {
  return `<linearGradient id="${id}" x1="0" y1="0" ${angle}><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient>`;
}

function bubbles(seed: number, n: number, w: number, h: number, color: string, max = 120): string {
  const r = random(seed);
  let out = "";
  for (let i = 0; i < n; i++) {
    out += `<circle cx="${(r() * w).toFixed(0)}" cy="${(r() * h).toFixed(0)}" r="${(20 + r() * max).toFixed(0)}" fill="${color}" fill-opacity="${(0.06 + r() * 0.14).toFixed(2)}"/>`;
  }
  return out;
}

const W = 1600;
const H = 1000;

const programs: Record<string, string> = {
  // Lines of code in an editor window.
  "teen-coding-club": (() => {
    const r = random(1);
    const colors = ["#7ee0ff", "#ffd166", "#ef8fff", "#9bf6a1"];
    let lines = "";
    for (let i = 0; i < 11; i++) {
      let x = 330 + (i % 4 === 0 ? 0 : 60 * (1 + (i % 3)));
      for (let j = 0; j < 1 + Math.floor(r() * 3); j++) {
        const len = 80 + r() * 220;
        lines += `<rect x="${x.toFixed(0)}" y="${300 + i * 48}" width="${len.toFixed(0)}" height="22" rx="11" fill="${colors[Math.floor(r() * colors.length)]}" fill-opacity="0.9"/>`;
        x += len + 24;
      }
    }
    return svg(
      W,
      H,
      `<defs>${gradient("g", "#1b1464", "#2e86de")}</defs><rect width="${W}" height="${H}" fill="url(#g)"/>` +
        bubbles(11, 14, W, H, "#ffffff") +
        `<rect x="260" y="180" width="1080" height="680" rx="36" fill="#0d1030" fill-opacity="0.85"/>` +
        `<circle cx="320" cy="235" r="14" fill="#ff5f57"/><circle cx="365" cy="235" r="14" fill="#febc2e"/><circle cx="410" cy="235" r="14" fill="#28c840"/>` +
        lines,
    );
  })(),
  // An open book under stars.
  "bilingual-storytime": svg(
    W,
    H,
    `<defs>${gradient("g", "#ffb347", "#ff5e62")}</defs><rect width="${W}" height="${H}" fill="url(#g)"/>` +
      bubbles(2, 18, W, 520, "#fff8e1", 40) +
      `<path d="M800 420 C 640 330, 420 330, 300 380 L 300 800 C 420 750, 640 750, 800 840 Z" fill="#fffdf5"/>` +
      `<path d="M800 420 C 960 330, 1180 330, 1300 380 L 1300 800 C 1180 750, 960 750, 800 840 Z" fill="#fff3d6"/>` +
      `<path d="M800 420 L 800 840" stroke="#e0a96d" stroke-width="6"/>` +
      [0, 1, 2, 3]
        .map(
          (i) =>
            `<path d="M380 ${460 + i * 70} C 520 ${420 + i * 70}, 640 ${430 + i * 70}, 740 ${470 + i * 70}" stroke="#f4c095" stroke-width="10" fill="none" stroke-linecap="round"/>` +
            `<path d="M860 ${470 + i * 70} C 960 ${430 + i * 70}, 1080 ${420 + i * 70}, 1220 ${460 + i * 70}" stroke="#f4c095" stroke-width="10" fill="none" stroke-linecap="round"/>`,
        )
        .join(""),
  ),
  // Bunting and confetti.
  "book-festival": (() => {
    const r = random(4);
    const colors = ["#ffd23f", "#3bceac", "#ee4266", "#540d6e", "#ffffff"];
    let flags = "";
    for (let i = 0; i < 12; i++) {
      const x = 40 + i * 130;
      const y = 140 + Math.sin(i / 1.9) * 40;
      flags += `<path d="M${x} ${y} L ${x + 120} ${y + 4} L ${x + 60} ${y + 150} Z" fill="${colors[i % 4]}"/>`;
    }
    let confetti = "";
    for (let i = 0; i < 70; i++) {
      confetti += `<rect x="${(r() * W).toFixed(0)}" y="${(300 + r() * 650).toFixed(0)}" width="${(10 + r() * 18).toFixed(0)}" height="${(24 + r() * 20).toFixed(0)}" rx="4" fill="${colors[Math.floor(r() * colors.length)]}" transform="rotate(${(r() * 180).toFixed(0)} 800 600)"/>`;
    }
    return svg(
      W,
      H,
      `<defs>${gradient("g", "#ff7eb3", "#ff9a44")}</defs><rect width="${W}" height="${H}" fill="url(#g)"/>` +
        `<path d="M0 120 Q 800 260 1600 120" stroke="#5c3d2e" stroke-width="6" fill="none"/>` +
        flags +
        confetti,
    );
  })(),
  // A face-like oval, sliced and shifted: a glitch, as in a manipulated image.
  "deepfake-workshop": (() => {
    let slices = "";
    for (let i = 0; i < 9; i++) {
      const y = 230 + i * 62;
      const shift = [0, 40, -30, 0, 70, -60, 20, 0, -40][i]!;
      slices += `<rect x="${560 + shift}" y="${y}" width="480" height="54" fill="url(#face)" clip-path="url(#oval)" transform="translate(${shift} 0)"/>`;
    }
    return svg(
      W,
      H,
      `<defs>${gradient("g", "#12002f", "#3a0ca3")}${gradient("face", "#4cc9f0", "#f72585", "x2='0' y2='1'")}<clipPath id="oval"><ellipse cx="800" cy="500" rx="240" ry="300"/></clipPath></defs>` +
        `<rect width="${W}" height="${H}" fill="url(#g)"/>` +
        bubbles(5, 12, W, H, "#4cc9f0") +
        `<ellipse cx="800" cy="500" rx="240" ry="300" fill="none" stroke="#4cc9f0" stroke-opacity="0.4" stroke-width="4" stroke-dasharray="18 14"/>` +
        slices +
        `<rect x="240" y="160" width="120" height="120" fill="none" stroke="#f72585" stroke-width="6"/><rect x="1240" y="720" width="120" height="120" fill="none" stroke="#4cc9f0" stroke-width="6"/>`,
    );
  })(),
  // Paper lanterns in red and gold, for the lunar new year.
  "lunar-new-year": (() => {
    let lanterns = "";
    [
      [300, 260, 1],
      [620, 380, 1.2],
      [980, 300, 1],
      [1300, 420, 1.15],
    ].forEach(([x, y, k]) => {
      const rx = 110 * k!;
      const ry = 130 * k!;
      lanterns +=
        `<line x1="${x}" y1="0" x2="${x}" y2="${y! - ry}" stroke="#f6c453" stroke-width="4"/>` +
        `<rect x="${x! - rx * 0.45}" y="${y! - ry - 22}" width="${rx * 0.9}" height="26" rx="6" fill="#f6c453"/>` +
        `<ellipse cx="${x}" cy="${y}" rx="${rx}" ry="${ry}" fill="#d62828"/>` +
        `<ellipse cx="${x}" cy="${y}" rx="${rx * 0.55}" ry="${ry}" fill="none" stroke="#f6c453" stroke-width="5"/>` +
        `<ellipse cx="${x}" cy="${y}" rx="${rx * 0.15}" ry="${ry}" fill="none" stroke="#f6c453" stroke-width="4"/>` +
        `<rect x="${x! - rx * 0.45}" y="${y! + ry - 4}" width="${rx * 0.9}" height="26" rx="6" fill="#f6c453"/>` +
        `<path d="M${x! - 30} ${y! + ry + 22} L ${x! - 30} ${y! + ry + 120} M${x} ${y! + ry + 22} L ${x} ${y! + ry + 140} M${x! + 30} ${y! + ry + 22} L ${x! + 30} ${y! + ry + 120}" stroke="#f6c453" stroke-width="6"/>`;
    });
    return svg(
      W,
      H,
      `<defs>${gradient("g", "#3d0814", "#8c1c13", "x2='0' y2='1'")}</defs><rect width="${W}" height="${H}" fill="url(#g)"/>` +
        bubbles(8, 16, W, H, "#f6c453", 60) +
        lanterns,
    );
  })(),
  // Marigolds, candles and papel picado banners.
  "dia-de-muertos": (() => {
    const r = random(9);
    const banner = ["#ff006e", "#8338ec", "#3a86ff", "#ffbe0b", "#fb5607"];
    let flags = "";
    for (let i = 0; i < 10; i++) {
      const x = 20 + i * 160;
      flags +=
        `<path d="M${x} 90 L ${x + 140} 90 L ${x + 140} 250 L ${x + 105} 225 L ${x + 70} 250 L ${x + 35} 225 L ${x} 250 Z" fill="${banner[i % banner.length]}"/>` +
        `<circle cx="${x + 70}" cy="160" r="26" fill="#2b0a3d"/><circle cx="${x + 40}" cy="125" r="10" fill="#2b0a3d"/><circle cx="${x + 100}" cy="125" r="10" fill="#2b0a3d"/>`;
    }
    let flowers = "";
    for (let i = 0; i < 38; i++) {
      const cx = (r() * W).toFixed(0);
      const cy = (700 + r() * 300).toFixed(0);
      const rad = (26 + r() * 26).toFixed(0);
      flowers += `<circle cx="${cx}" cy="${cy}" r="${rad}" fill="${r() > 0.5 ? "#ff9f1c" : "#ffbf00"}"/><circle cx="${cx}" cy="${cy}" r="${(Number(rad) * 0.45).toFixed(0)}" fill="#e85d04"/>`;
    }
    let candles = "";
    [420, 620, 980, 1180].forEach((x, i) => {
      const h = 180 + (i % 2) * 80;
      candles +=
        `<rect x="${x}" y="${700 - h}" width="60" height="${h}" rx="8" fill="#fff3e0"/>` +
        `<ellipse cx="${x + 30}" cy="${660 - h}" rx="18" ry="34" fill="#ffd166"/><ellipse cx="${x + 30}" cy="${668 - h}" rx="8" ry="18" fill="#fb5607"/>`;
    });
    return svg(
      W,
      H,
      `<defs>${gradient("g", "#2b0a3d", "#5a189a", "x2='0' y2='1'")}</defs><rect width="${W}" height="${H}" fill="url(#g)"/>` +
        `<path d="M0 90 L ${W} 90" stroke="#ffffff" stroke-width="4"/>` +
        flags +
        candles +
        flowers,
    );
  })(),
  // A telescope under a starry sky.
  stargazing: (() => {
    const r = random(10);
    let stars = "";
    for (let i = 0; i < 140; i++) {
      stars += `<circle cx="${(r() * W).toFixed(0)}" cy="${(r() * 760).toFixed(0)}" r="${(1 + r() * 3.5).toFixed(1)}" fill="#ffffff" fill-opacity="${(0.4 + r() * 0.6).toFixed(2)}"/>`;
    }
    return svg(
      W,
      H,
      `<defs>${gradient("g", "#03045e", "#0f3460", "x2='0' y2='1'")}</defs><rect width="${W}" height="${H}" fill="url(#g)"/>` +
        stars +
        `<circle cx="1280" cy="200" r="90" fill="#fdf0d5"/><circle cx="1320" cy="180" r="90" fill="#0a1a4a"/>` +
        `<path d="M0 860 Q 400 760 800 840 T 1600 820 L 1600 1000 L 0 1000 Z" fill="#020218"/>` +
        `<g transform="rotate(-32 760 640)"><rect x="560" y="600" width="420" height="80" rx="20" fill="#adb5bd"/><rect x="960" y="585" width="60" height="110" rx="10" fill="#6c757d"/><rect x="520" y="615" width="50" height="50" rx="8" fill="#6c757d"/></g>` +
        `<path d="M760 690 L 650 880 M760 690 L 870 880 M760 690 L 760 890" stroke="#adb5bd" stroke-width="14" stroke-linecap="round"/>`,
    );
  })(),
};

const partners: Record<string, string> = {
  // A crest: a green maple leaf over an open book.
  "maple-hollow-high-school": svg(
    400,
    400,
    `<path d="M60 40 L 340 40 L 340 210 C 340 300, 260 350, 200 380 C 140 350, 60 300, 60 210 Z" fill="#1b5e20"/>` +
      `<path d="M200 70 L 222 120 L 270 104 L 250 150 L 292 170 L 240 188 L 252 232 L 210 210 L 200 250 L 190 210 L 148 232 L 160 188 L 108 170 L 150 150 L 130 104 L 178 120 Z" fill="#a5d6a7"/>` +
      `<path d="M200 280 C 170 262, 130 262, 104 272 L 104 318 C 130 308, 170 308, 200 326 Z" fill="#ffffff"/>` +
      `<path d="M200 280 C 230 262, 270 262, 296 272 L 296 318 C 270 308, 230 308, 200 326 Z" fill="#e8f5e9"/>`,
  ),
  // Two hands holding a stack of books.
  "friends-of-the-library": svg(
    400,
    400,
    `<circle cx="200" cy="200" r="185" fill="#6a1b9a"/>` +
      `<rect x="120" y="110" width="160" height="34" rx="6" fill="#ffca28"/><rect x="130" y="148" width="150" height="34" rx="6" fill="#4fc3f7"/><rect x="112" y="186" width="170" height="34" rx="6" fill="#ef5350"/>` +
      `<path d="M70 250 C 110 230, 150 232, 200 252 C 250 232, 290 230, 330 250 L 320 300 C 280 290, 240 292, 200 310 C 160 292, 120 290, 80 300 Z" fill="#ffe0b2"/>`,
  ),
  // A blue river curving under the letters RCU.
  "riverbend-credit-union": svg(
    400,
    400,
    `<rect x="20" y="20" width="360" height="360" rx="60" fill="#ffffff" stroke="#0d47a1" stroke-width="14"/>` +
      `<text x="200" y="200" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="110" fill="#0d47a1">RCU</text>` +
      `<path d="M50 290 C 120 240, 180 330, 250 280 S 350 250, 360 270" stroke="#29b6f6" stroke-width="26" fill="none" stroke-linecap="round"/>`,
  ),
};

/** An open book over a calendar's rings on a colour: the library's mark. */
const bookIcon = (color: string, accent: string) =>
  svg(
    1024,
    1024,
    `<rect width="1024" height="1024" rx="200" fill="${color}"/>` +
      `<rect x="232" y="250" width="560" height="520" rx="56" fill="#ffffff"/>` +
      `<rect x="232" y="250" width="560" height="130" rx="56" fill="${accent}"/><rect x="232" y="320" width="560" height="60" fill="${accent}"/>` +
      `<rect x="352" y="200" width="44" height="120" rx="22" fill="#ffffff" stroke="${color}" stroke-width="14"/>` +
      `<rect x="628" y="200" width="44" height="120" rx="22" fill="#ffffff" stroke="${color}" stroke-width="14"/>` +
      `<path d="M512 470 C 450 430, 360 430, 310 450 L 310 690 C 360 670, 450 670, 512 710 Z" fill="${color}"/>` +
      `<path d="M512 470 C 574 430, 664 430, 714 450 L 714 690 C 664 670, 574 670, 512 710 Z" fill="${color}" fill-opacity="0.75"/>`,
  );
const siteIcon = bookIcon(THEME, "#f2b134");

const defaultSocial = svg(
  1200,
  630,
  `<defs>${gradient("g", THEME, "#3a7bd5")}</defs><rect width="1200" height="630" fill="url(#g)"/>` +
    bubbles(7, 16, 1200, 630, "#ffffff", 160) +
    `<g transform="translate(760 150) scale(0.32)">${siteIcon.replace(/^<svg[^>]*>|<\/svg>$/g, "")}</g>`,
);

async function write(file: string, image: Sharp): Promise<void> {
  const out = path.join(OUT, file);
  await fs.mkdir(path.dirname(out), { recursive: true });
  const info = await image.toFile(out);
  console.log(
    `${path.relative(ROOT, out)}  ${info.width}x${info.height}  ${Math.round(info.size / 1024)} KB`,
  );
}

const jpeg = (s: string) => sharp(Buffer.from(s)).flatten().jpeg({ quality: 75, mozjpeg: true });
const png = (s: string) => sharp(Buffer.from(s)).png({ compressionLevel: 9, palette: true });

for (const [name, body] of Object.entries(programs))
  await write(`programs/${name}.jpg`, jpeg(body));
for (const [name, body] of Object.entries(partners)) await write(`partners/${name}.png`, png(body));
await write("site-icon.png", png(siteIcon));
await write("default-social.jpg", jpeg(defaultSocial));
// Almanac's own icon, for libraries without content/images/site-icon.png: neutral slate.
await write("../../layouts/icon.png", png(bookIcon("#334155", "#94a3b8")));
