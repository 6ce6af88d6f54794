/** Checks of a report page that need no browser (shared by the report tests and the browser tests). */

/** Every URL the page would fetch or link to; the SVG namespace (a name, never fetched) is left out. */
export function externalUrls(html: string): string[] {
  return [...html.matchAll(/(?:[a-z][a-z0-9+.-]*:)?\/\/[^\s"'<>)]+/gi)]
    .map((m) => m[0])
    .filter((u) => u !== "http://www.w3.org/2000/svg");
}

/** Every id defined in the page, and every `url(#...)` reference. */
export function idsOf(html: string): { ids: string[]; refs: string[] } {
  return {
    ids: [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!),
    refs: [...html.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]!),
  };
}
