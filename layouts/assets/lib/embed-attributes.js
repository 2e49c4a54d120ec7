// The attributes of `<almanac-programs>` (layouts/embed/embed.js) that a partner site sets:
// the filters, how many, the widget's language and its heading (docs/embed.md). The embed's
// iframe page (embed-frame.js) copies the same names from its address onto the element.
export const EMBED_ATTRIBUTES = [
  "audience",
  "category",
  "location",
  "language",
  "access",
  "age",
  "limit",
  "lang",
  "heading",
  "heading-level",
];
