/** Sizes written as text: `"8GiB"`, `"512 MB"`, `"1e9"` (the limits' environment variable, CLI flags). */
const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** Parses `"8GiB"`, `"512 MB"`, `"1e9"`; undefined when the text is not a size. */
export function parseByteSize(text: string): number | undefined {
  const match = /^\s*([0-9]+(?:\.[0-9]+)?(?:e[0-9]+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = UNITS[(match[2] || "b").toLowerCase()];
  if (unit === undefined) return undefined;
  const bytes = Number(match[1]) * unit;
  return Number.isFinite(bytes) && bytes > 0 ? bytes : undefined;
}
