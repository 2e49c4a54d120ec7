// "Nearest first": the places sorted by distance from the patron's position, which is used
// here only and never leaves the page.
import { textIn } from "../dom.js";

function haversineKm([lat1, lon1], [lat2, lon2]) {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

/** km -> "1.2 mi" or "2 km", as the page's language and region write distances. */
function unitFormat() {
  const locale = document.documentElement.lang || "en";
  let region = "";
  try {
    region = new Intl.Locale(locale).maximize().region || "";
  } catch {}
  const unit = ["US", "GB", "LR", "MM"].includes(region) ? "mile" : "kilometer";
  const format = new Intl.NumberFormat(locale, { style: "unit", unit, maximumFractionDigits: 1 });
  return (km) => format.format(unit === "mile" ? km / 1.609344 : km);
}

/**
 * Sorts the location menu by distance from `position` (`[lat, lon]`), each place with its
 * distance, and says which is nearest. Returns `page.near`: `distances` (location index ->
 * km) and `distanceText`, for the listings.
 */
export function sortPlaces(page, position) {
  const { data } = page.ex;
  const distanceText = unitFormat();
  const distances = data.locations.map((l) => (l.geo ? haversineKm(position, l.geo) : undefined));
  const select = page.form.elements.location;
  const options = [...select.options];
  const byId = new Map(options.map((o) => [o.value, o]));
  const places = data.locations
    .map((l, i) => ({ l, i, km: distances[i] }))
    .sort((a, b) => (a.km ?? Infinity) - (b.km ?? Infinity));
  for (const { l, km } of places) {
    const option = byId.get(l.id);
    if (!option) continue;
    option.textContent = km === undefined ? l.name : `${l.name} (${distanceText(km)})`;
    select.append(option);
  }
  const online = byId.get("online");
  if (online) select.append(online);
  const nearest = places[0];
  const note = page.root.querySelector("[data-explorer-near-status]");
  if (note && nearest && nearest.km !== undefined)
    note.replaceChildren(
      ...page.tr.nodes("explorer.nearest", {
        place: textIn(nearest.l.name, nearest.l.lg, nearest.l.ld),
        distance: distanceText(nearest.km),
      }),
    );
  return { distances, distanceText };
}
