// Registers a filter on Nunjucks' environment itself (`amendLibrary`) rather than with
// Eleventy's `addFilter`, which wraps every call of a filter in a benchmark timer, a copy of
// `page` and `eleventy` onto `this` and a check that the result is not a promise, for
// Liquid, JavaScript and Nunjucks templates alike. Almanac's templates are all Nunjucks and
// its filters pure functions of their arguments (docs/architecture.md), called hundreds of
// thousands of times in a large build (issue 16), so they skip all of that; `this` is still
// Nunjucks' context (`this.ctx`, the page's data). An error in one is reported by Nunjucks,
// at its template's line, as any other.
import type UserConfig from "@11ty/eleventy/UserConfig";

interface FilterEnvironment {
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
}

export function addNunjucksFilter(
  eleventyConfig: UserConfig,
  name: string,
  // Each filter with its own argument types, as Eleventy's `addFilter` takes it.
  filter: (...args: any[]) => unknown,
): void {
  eleventyConfig.amendLibrary("njk", (env: FilterEnvironment) => env.addFilter(name, filter));
}
