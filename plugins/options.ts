// One way every plugin checks its options, as eleventy-img does with `getDefaults()`: the
// defaults are one object, any other key is refused with a sentence naming the plugin,
// and a value of the wrong type (against its default's) is refused likewise.

/**
 * `options` over `defaults`. Throws `[almanac/<plugin>] ...` for an unknown key, or for a
 * value whose type differs from its default's (defaults of `undefined` take anything).
 */
export function pluginOptions<T extends object>(
  plugin: string,
  options: Partial<T> | undefined,
  defaults: T,
): T {
  const given = (options ?? {}) as Record<string, unknown>;
  const known = Object.keys(defaults);
  for (const [key, value] of Object.entries(given)) {
    if (!known.includes(key)) {
      throw new Error(
        `[almanac/${plugin}] unknown option "${key}"; known options: ${known.join(", ")}`,
      );
    }
    const fallback = (defaults as Record<string, unknown>)[key];
    if (value !== undefined && fallback !== undefined && typeof value !== typeof fallback) {
      throw new Error(
        `[almanac/${plugin}] option "${key}" must be ${describe(fallback)}, not ${JSON.stringify(value)}`,
      );
    }
  }
  const out = { ...defaults } as Record<string, unknown>;
  for (const [key, value] of Object.entries(given)) if (value !== undefined) out[key] = value;
  return out as T;
}

function describe(value: unknown): string {
  switch (typeof value) {
    case "boolean":
      return "true or false";
    case "number":
      return "a number";
    case "string":
      return "text";
    case "function":
      return "a function";
    default:
      return `of type ${typeof value}`;
  }
}
