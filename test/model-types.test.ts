// The model is derived from the schemas (src/content/model.ts): these type tests fail
// `tsc --noEmit` (part of `npm test`) should a model field drift from what its schema gives.
import { describe, expectTypeOf, it } from "vitest";
import type * as z from "zod";
import type {
  Guide,
  Page,
  Partner,
  Program,
  Registration,
  Repeat,
  Term,
} from "../src/content/model.ts";
import type {
  ProgramInput,
  registrationSchema,
  repeatSchema,
} from "../src/content/schema/program.ts";
import type { PartnerInput } from "../src/content/schema/partner.ts";
import type { GuideInput } from "../src/content/schema/guide.ts";
import type { PageInput } from "../src/content/schema/page.ts";
import type { termSchema } from "../src/content/schema/library.ts";

describe("the model's types", () => {
  it("are the schemas' outputs where the model takes a field as written", () => {
    expectTypeOf<Program["status"]>().toEqualTypeOf<ProgramInput["status"]>();
    expectTypeOf<Program["registration"]>().toEqualTypeOf<ProgramInput["registration"]>();
    expectTypeOf<Program["extra"]>().toEqualTypeOf<ProgramInput["extra"]>();
    expectTypeOf<Repeat>().toEqualTypeOf<z.output<typeof repeatSchema>>();
    expectTypeOf<Registration>().toEqualTypeOf<z.output<typeof registrationSchema>>();
    // A label may be written by language: the model holds the default text and the map (and
    // the view of another language the language of a fallback, `lang`, `descriptionLang`).
    expectTypeOf<Omit<Term, "label" | "labels" | "lang" | "descriptionLang">>().toEqualTypeOf<
      Omit<z.output<typeof termSchema>, "label">
    >();
    expectTypeOf<Term["label"]>().toEqualTypeOf<string>();
    expectTypeOf<Partner["kind"]>().toEqualTypeOf<PartnerInput["kind"]>();
    expectTypeOf<Guide["sources"]>().toEqualTypeOf<GuideInput["sources"]>();
    expectTypeOf<Page["nav"]>().toEqualTypeOf<PageInput["nav"]>();
  });

  it("add what the loader computes", () => {
    expectTypeOf<Program["imageAlt"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Program["cost"]>().toEqualTypeOf<string>();
    expectTypeOf<Program["url"]>().toEqualTypeOf<string>();
    expectTypeOf<Term["lang"]>().toEqualTypeOf<string | undefined>();
  });
});
