// A small strict XML reader for tests of generated XML (Atom, sitemap). The project has no
// XML parser dependency (`fast-xml-parser` would do); this one throws on anything that is
// not well-formed in the ways a hand-written generator can get wrong: unbalanced or
// misnested tags, a raw `<` or `&` in text or attributes, unknown entities, duplicate or
// unquoted attributes, characters XML forbids, more than one root element.
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Decoded text directly inside this element (children's text not included). */
  text: string;
}

const NAME = "[A-Za-z_][\\w.:-]*";
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function decode(raw: string, where: string): string {
  if (FORBIDDEN.test(raw)) throw new Error(`forbidden character in ${where}`);
  if (/&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(raw))
    throw new Error(`bare & in ${where}: ${raw}`);
  return raw.replace(ENTITY, (_, named, dec, hex) =>
    named ? NAMED[named] : String.fromCodePoint(dec ? Number(dec) : parseInt(hex, 16)),
  );
}

/** Parses `xml` strictly and returns the root element; throws with a reason when ill-formed. */
export function parseXml(xml: string): XmlElement {
  const tag = new RegExp(
    `<\\?${NAME}[^]*?\\?>|<!--[^]*?-->|<!\\[CDATA\\[([^]*?)\\]\\]>|</(${NAME})\\s*>|<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*(/?)>|<|[^<]+`,
    "gy",
  );
  const attr = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, "g");
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < xml.length && (m = tag.exec(xml))) {
    pos = tag.lastIndex;
    const [token, cdata, close, open, attrText, selfClose] = m;
    const top = stack.at(-1);
    if (token === "<")
      throw new Error(`raw < or malformed tag at ${m.index}: ${xml.slice(m.index, m.index + 40)}`);
    if (token.startsWith("<?") || token.startsWith("<!--")) continue;
    if (cdata !== undefined) {
      if (!top) throw new Error("CDATA outside the root element");
      top.text += cdata;
    } else if (close) {
      if (!top || top.name !== close)
        throw new Error(`</${close}> does not close <${top?.name ?? "nothing"}>`);
      stack.pop();
    } else if (open) {
      const el: XmlElement = { name: open, attrs: {}, children: [], text: "" };
      for (const a of attrText.matchAll(attr)) {
        if (a[1] in el.attrs) throw new Error(`duplicate attribute ${a[1]} on <${open}>`);
        const raw = a[2] ?? a[3];
        if (raw.includes("<")) throw new Error(`< in attribute ${a[1]} of <${open}>`);
        el.attrs[a[1]] = decode(raw, `attribute ${a[1]} of <${open}>`);
      }
      if (top) top.children.push(el);
      else if (root) throw new Error(`second root element <${open}>`);
      else root = el;
      if (!selfClose) stack.push(el);
    } else {
      if (token.includes("]]>")) throw new Error("]]> in text");
      if (!top) {
        if (token.trim())
          throw new Error(`text outside the root element: ${token.trim().slice(0, 40)}`);
        continue;
      }
      top.text += decode(token, `text of <${top.name}>`);
    }
  }
  if (pos < xml.length) throw new Error(`unreadable XML at ${pos}`);
  if (stack.length) throw new Error(`<${stack.at(-1)!.name}> is never closed`);
  if (!root) throw new Error("no root element");
  return root;
}

/** Child elements named `name`. */
export function children(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** The first child element named `name`; throws when there is none. */
export function child(el: XmlElement, name: string): XmlElement {
  const found = el.children.find((c) => c.name === name);
  if (!found) throw new Error(`<${el.name}> has no <${name}>`);
  return found;
}
