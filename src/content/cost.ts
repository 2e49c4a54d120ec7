// Whether a program is free: read once from its `cost` as the library wrote it in its main
// language, so every language's pages, filters and files agree (a translation's price text,
// "مجاناً" or "Entrada libre", does not change it).

const FREE_WORDS = /^(free|gratis|gratuit|gratuito|kostenlos|kostenfrei|no cost|no charge)\b/;
const ZERO_AMOUNT = /^\D{0,3}\s?0+([.,]0+)?\s?\D{0,3}$/;

/**
 * Whether a program costs nothing to attend, read from its free-text `cost` (default
 * "Free"): it starts with "free" (or "gratis", "no cost", ...) or is a zero amount ("$0",
 * "0.00 €"). "Free; bring a food donation if you can" is free; "$5, materials included" is not.
 */
export function isFree(cost: string): boolean {
  const text = cost.trim().toLowerCase();
  return FREE_WORDS.test(text) || ZERO_AMOUNT.test(text);
}
