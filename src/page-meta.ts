// The title and description of whatever a page shows, for <title>, meta tags and feeds.
// Computed in code rather than in front matter, where Nunjucks would escape it twice.
import type { Guide, Page, Partner, Program } from "./model.ts";

export interface PageMeta {
  title?: string;
  description?: string;
}

/** Reads the item a paginated page aliases (`program`, `partner`, `guide`, `doc`), else the page's own front matter. */
export function pageMeta(data: {
  program?: Program;
  partner?: Partner;
  guide?: Guide;
  doc?: Page;
  title?: string;
  description?: string;
}): PageMeta {
  if (data.program) return { title: data.program.title, description: data.program.summary };
  if (data.partner) return { title: data.partner.name, description: data.partner.summary };
  if (data.guide) return { title: data.guide.title, description: data.guide.summary };
  if (data.doc) return { title: data.doc.title, description: data.doc.summary };
  return { title: data.title, description: data.description };
}
