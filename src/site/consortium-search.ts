// What a consortium's search page needs of the library (`Site.consortiumSearch`,
// docs/consortium.md).
import type { Library } from "../content/model.ts";

/** The search form's data and its Library menu. */
export interface ConsortiumSearch {
  members: { name: string; url: string }[];
  places: Record<string, [string, string]>;
}

/**
 * Each member's name and address, and for each member location the member's name and its
 * own id (the members' indexes know places by those); undefined on a library's own site.
 */
export function consortiumSearchOf(library: Library): ConsortiumSearch | undefined {
  const consortium = library.consortium;
  if (!consortium) return undefined;
  const places: Record<string, [string, string]> = {};
  for (const l of library.locations) if (l.member) places[l.id] = [l.member.name, l.member.id];
  return { members: consortium.members.map(({ name, url }) => ({ name, url })), places };
}
