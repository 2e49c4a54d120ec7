// Compiles each Nunjucks template string once (per process) instead of once per page.
//
// Eleventy 3.1 marks Nunjucks as not cacheable and builds a fresh `nunjucks.Template` for
// every page of a paginated template (and for its permalink, three times a page), so a
// program page template was parsed and compiled 2,000 times for 2,000 programs: a third of
// the build (see docs/performance.md). Nunjucks already lets a Template skip compilation when
// it is given its compiled form (`tmplProps`); this plugin keeps that compiled form per
// environment, keyed by the template's path and full source, and hands it to every later
// Template with the same source. The rendering itself is unchanged (the compiled functions
// are the ones Nunjucks would have built, and they keep no state between renders, which is
// how Nunjucks reuses included templates too). The cache is the process's, keyed also by
// what of the environment the compiler reads (the names of its async filters and of its
// extensions, its options), not by the environment: `npm start` makes a new environment on
// every rebuild, and compiled the same templates again each time. Editing a template
// changes its source, hence its key.
import type UserConfig from "@11ty/eleventy/UserConfig";

interface CompiledProps {
  root: unknown;
  [block: string]: unknown;
}

type Callback = (err: unknown, exported?: Record<string, unknown>) => void;

interface NunjucksTemplate {
  env: object;
  path?: string;
  tmplStr: unknown;
  tmplProps?: CompiledProps;
  _compile(): void;
  getExported(ctx: unknown, parentFrame?: unknown, cb?: Callback): void;
}

interface NunjucksLib {
  Template: { prototype: NunjucksTemplate };
  compiler: {
    compile(
      src: string,
      asyncFilters: unknown,
      extensions: unknown,
      name: string | undefined,
      opts: unknown,
    ): string;
  };
}

const PATCHED = Symbol.for("almanac.njkCompileCache");
/**
 * Compiled templates by what they were compiled from (see the header): by the environment's
 * signature, then path, then source. Nested rather than one joined key: a page's template,
 * layout and permalink are looked up on every page, and a joined key copied and hashed
 * each whole source every time, where a source string keeps its hash.
 */
const compiled = new Map<string, Map<string, Map<string, CompiledProps>>>();

/** `map`'s value under `key`, made by `make` the first time. */
function entry<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

/** Each environment's part of the key, made once. */
const signatures = new WeakMap<object, string>();

interface Environment {
  asyncFilters: unknown;
  extensionsList: { __name?: string }[];
  opts: unknown;
}

function signature(env: Environment): string {
  let key = signatures.get(env);
  if (key === undefined) {
    const extensions = (env.extensionsList ?? []).map((e) => e.__name ?? "");
    try {
      key = JSON.stringify([env.asyncFilters, extensions, env.opts]);
    } catch {
      key = `env:${Math.random()}`; // options that are not data: this environment's own
    }
    signatures.set(env, key);
  }
  return key;
}

function install(nunjucks: NunjucksLib): void {
  const proto = nunjucks.Template.prototype as NunjucksTemplate & { [PATCHED]?: true };
  if (proto[PATCHED]) return;
  const original = proto._compile;
  proto._compile = function (this: NunjucksTemplate) {
    if (!this.tmplProps && typeof this.tmplStr === "string") {
      const env = this.env as Environment;
      const src = this.tmplStr;
      const byPath = entry(compiled, signature(env), () => new Map());
      const bySource = entry(byPath, this.path ?? "", () => new Map());
      this.tmplProps = entry(bySource, src, () => {
        const source = nunjucks.compiler.compile(
          src,
          env.asyncFilters,
          env.extensionsList,
          this.path,
          env.opts,
        );
        return new Function(source)() as CompiledProps;
      });
    }
    original.call(this);
  };

  // `{% from "macros.njk" import dayList %}` runs the imported template's top level again on
  // every import to collect its macros: once per page, and once per call when the import
  // sits inside a macro (later-dates.njk), 10% of a large build. An import without
  // `with context` gets a fresh, empty context each time, so what it collects depends only
  // on the template: keep it per Template (Nunjucks keeps one per file for the build). The
  // macros are the same closures Nunjucks would build again; each call makes its own frame,
  // and they run synchronously, so sharing them between pages is how one page already
  // shares them between its calls.
  const getExported = proto.getExported;
  proto.getExported = function (this: NunjucksTemplate, ctx, parentFrame, cb) {
    if (typeof ctx !== "function" || parentFrame !== undefined || cb !== undefined) {
      return getExported.call(this, ctx, parentFrame, cb);
    }
    const done = ctx as Callback;
    const known = collected.get(this);
    if (known) return done(null, known);
    getExported.call(this, (err: unknown, exported?: Record<string, unknown>) => {
      if (!err && exported) collected.set(this, exported);
      done(err, exported);
    });
  };
  proto[PATCHED] = true;
}

const collected = new WeakMap<object, Record<string, unknown>>();

export default function njkCompileCachePlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.on("eleventy.engine.njk", ({ nunjucks }: { nunjucks: NunjucksLib }) =>
    install(nunjucks),
  );
}
