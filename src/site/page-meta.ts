// The title and description of whatever a page shows, for <title>, meta tags and feeds.
// Computed in code rather than in front matter, where Nunjucks would escape it twice.
import type { Guide, Page, Partner, Program } from "../content/model.ts";
import { t, type Language } from "../i18n/strings.ts";

export interface PageMeta {
  title?: string;
  description?: string;
}

/** What `pageMeta` reads of a page's data. */
export interface PageData {
  program?: Program;
  partner?: Partner;
  guide?: Guide;
  doc?: Page;
  /** Audience or category listing pages alias their term. */
  term?: { label: string; description?: string };
  /** Location pages alias the location. */
  place?: { name: string; address: string };
  /** Calendar months and quick views alias an object with a title. */
  view?: { title: string };
  title?: string;
  description?: string;
  /** A page's title and description as keys of the string tables (`title.programs`). */
  titleKey?: string;
  descriptionKey?: string;
  site?: { lang: Language };
}

/** Reads the item a paginated page aliases (`program`, `partner`, `guide`, `doc`), else the page's own front matter. */
export function pageMeta(data: PageData): PageMeta {
  if (data.program) return { title: data.program.title, description: data.program.summary };
  if (data.partner) return { title: data.partner.name, description: data.partner.summary };
  if (data.guide) return { title: data.guide.title, description: data.guide.summary };
  if (data.doc) return { title: data.doc.title, description: data.doc.summary };
  if (data.term) return { title: data.term.label, description: data.term.description };
  if (data.place) return { title: data.place.name, description: data.place.address };
  if (data.view) return { title: data.view.title };
  if (data.titleKey && data.site) {
    const lang = data.site.lang;
    return {
      title: t(data.titleKey, lang),
      description: data.descriptionKey ? t(data.descriptionKey, lang) : data.description,
    };
  }
  return { title: data.title, description: data.description };
}
