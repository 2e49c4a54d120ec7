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
  "teen-coding": (() => {
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
  storytime: svg(
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
  // Gears and a few triangles.
  "maker-lab": (() => {
    const gear = (cx: number, cy: number, r: number, color: string) => {
      let teeth = "";
      for (let i = 0; i < 10; i++) {
        teeth += `<rect x="${cx - r * 0.16}" y="${cy - r * 1.22}" width="${r * 0.32}" height="${r * 0.4}" rx="6" fill="${color}" transform="rotate(${i * 36} ${cx} ${cy})"/>`;
      }
      return `${teeth}<circle cx="${cx}" cy="${cy}" r="${r}" fill="${color}"/><circle cx="${cx}" cy="${cy}" r="${r * 0.38}" fill="#0b3d3a"/>`;
    };
    return svg(
      W,
      H,
      `<defs>${gradient("g", "#0b3d3a", "#16a085")}</defs><rect width="${W}" height="${H}" fill="url(#g)"/>` +
        bubbles(3, 10, W, H, "#e8fff9") +
        gear(620, 520, 220, "#f1c40f") +
        gear(1010, 360, 140, "#ecf0f1") +
        gear(1060, 720, 110, "#e67e22") +
        `<path d="M180 880 L 300 680 L 420 880 Z" fill="#ecf0f1" fill-opacity="0.25"/><path d="M1300 220 L 1400 60 L 1500 220 Z" fill="#f1c40f" fill-opacity="0.35"/>`,
    );
  })(),
  // Bunting and confetti.
  festival: (() => {
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
  deepfakes: (() => {
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
  // A tablet with app tiles.
  "seniors-tech": (() => {
    const tiles = ["#ff6b6b", "#feca57", "#48dbfb", "#1dd1a1", "#5f27cd", "#ff9ff3"];
    let grid = "";
    tiles.forEach((c, i) => {
      grid += `<rect x="${590 + (i % 3) * 150}" y="${330 + Math.floor(i / 3) * 150}" width="120" height="120" rx="28" fill="${c}"/>`;
    });
    return svg(
      W,
      H,
      `<defs>${gradient("g", "#134e5e", "#71b280")}</defs><rect width="${W}" height="${H}" fill="url(#g)"/>` +
        bubbles(6, 14, W, H, "#ffffff") +
        `<rect x="500" y="200" width="600" height="640" rx="48" fill="#1e272e"/>` +
        `<rect x="540" y="250" width="520" height="540" rx="16" fill="#f5f6fa"/>` +
        grid +
        `<circle cx="800" cy="815" r="12" fill="#485460"/>`,
    );
  })(),
};

const partners: Record<string, string> = {
  // A hexagon nut with a spark.
  makerspace: svg(
    400,
    400,
    `<polygon points="200,40 339,120 339,280 200,360 61,280 61,120" fill="#e67e22"/><circle cx="200" cy="200" r="70" fill="#fff"/><path d="M205 140 L 170 210 L 200 210 L 190 262 L 236 186 L 204 186 Z" fill="#e67e22"/>`,
  ),
  // A school house.
  "school-district": svg(
    400,
    400,
    `<rect x="20" y="20" width="360" height="360" rx="72" fill="#2e7d32"/><path d="M200 80 L 320 170 L 80 170 Z" fill="#fff"/><rect x="105" y="170" width="190" height="140" fill="#fff"/><rect x="178" y="230" width="44" height="80" fill="#2e7d32"/><circle cx="200" cy="135" r="14" fill="#2e7d32"/>`,
  ),
  // A cross in a circle.
  "health-clinic": svg(
    400,
    400,
    `<circle cx="200" cy="200" r="180" fill="#c62828"/><circle cx="200" cy="200" r="150" fill="#fff"/><rect x="165" y="95" width="70" height="210" rx="12" fill="#c62828"/><rect x="95" y="165" width="210" height="70" rx="12" fill="#c62828"/>`,
  ),
};

/** An open book over a calendar's rings on the theme colour: the library's mark. */
const siteIcon = svg(
  1024,
  1024,
  `<rect width="1024" height="1024" rx="200" fill="${THEME}"/>` +
    `<rect x="232" y="250" width="560" height="520" rx="56" fill="#ffffff"/>` +
    `<rect x="232" y="250" width="560" height="130" rx="56" fill="#f2b134"/><rect x="232" y="320" width="560" height="60" fill="#f2b134"/>` +
    `<rect x="352" y="200" width="44" height="120" rx="22" fill="#ffffff" stroke="${THEME}" stroke-width="14"/>` +
    `<rect x="628" y="200" width="44" height="120" rx="22" fill="#ffffff" stroke="${THEME}" stroke-width="14"/>` +
    `<path d="M512 470 C 450 430, 360 430, 310 450 L 310 690 C 360 670, 450 670, 512 710 Z" fill="${THEME}"/>` +
    `<path d="M512 470 C 574 430, 664 430, 714 450 L 714 690 C 664 670, 574 670, 512 710 Z" fill="${THEME}" fill-opacity="0.75"/>`,
);

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
