// Global data every page reads as it is. Eleventy deep-copies the plain objects of global
// data into each template's data, and a paginated page (nearly every page) reads each of
// them through a new Proxy at each look-up (Eleventy's `ProxyWrap` over the page's own
// data), so a page made dozens of Proxies of the same few objects, and their garbage
// (issue 16). An object with a prototype of its own is neither copied nor wrapped: Eleventy
// passes it by reference, as it does the `site` and `images` class instances.

/** The prototype that makes an object "not plain" to Eleventy. */
class GlobalData {}

/** `data` as an object Eleventy hands every page by reference (see above). */
export function byReference<T extends object>(data: T): T {
  return Object.assign(new GlobalData(), data);
}
