import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Runs every row of docs/migrating.md: the plumbline cell, evaluated with the section's variables
// and every export of the section's plumbline module in scope (imported from the build through
// package.json's exports, as a user imports it), against what the reference cell returned when
// scripts/golden/migrating.py ran it (test/data/golden/migrating_<id>.json).

const root = new URL("../../", import.meta.url);
const doc = readFileSync(new URL("docs/migrating.md", root), "utf8");
const packageJson = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as {
  name: string;
  exports: Record<string, { default: string }>;
};

interface Section {
  attributes: Record<string, string>;
  variables: Record<string, unknown>;
  rows: { reference: string; plumbline: string }[];
}

function codeCell(cell: string): string {
  const trimmed = cell.trim();
  if (!/^`[^`]+`$/.test(trimmed)) throw new Error(`docs/migrating.md: not a code cell: ${trimmed}`);
  return trimmed.slice(1, -1).trim();
}

/** The sections as scripts/golden/migrating.py reads them: marker, json block, table rows. */
function sections(text: string): Section[] {
  const markers = [...text.matchAll(/^<!--\s*migrating:(.*?)-->/gm)];
  return markers.map((marker, i) => {
    const start = marker.index + marker[0].length;
    const body = text.slice(start, markers[i + 1]?.index ?? text.length);
    const attributes = Object.fromEntries(
      marker[1]!
        .trim()
        .split(/\s+/)
        .map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]),
    );
    const json = /```json\n([\s\S]*?)\n```/.exec(body);
    if (!json) throw new Error(`docs/migrating.md: section ${attributes.id} has no json block`);
    const table = body.split("\n").filter((line) => line.startsWith("|"));
    const rows = table.slice(2).map((line) => {
      const cells = line.split(/(?<!\\)\|/).slice(1, -1);
      return { reference: codeCell(cells[0]!), plumbline: codeCell(cells[1]!) };
    });
    return { attributes, variables: JSON.parse(json[1]!) as Record<string, unknown>, rows };
  });
}

/** The module a section imports, resolved through package.json's exports to the build. */
async function importSubpath(subpath: string): Promise<Record<string, unknown>> {
  const key = subpath === packageJson.name ? "." : `.${subpath.slice(packageJson.name.length)}`;
  const target = packageJson.exports[key]?.default;
  if (!target) throw new Error(`docs/migrating.md: package.json exports no ${subpath}`);
  return (await import(fileURLToPath(new URL(target, root)))) as Record<string, unknown>;
}

function stored(value: unknown): unknown {
  if (value === "NaN") return Number.NaN;
  if (value === "Infinity") return Number.POSITIVE_INFINITY;
  if (value === "-Infinity") return Number.NEGATIVE_INFINITY;
  return value;
}

/**
 * Where `actual` differs from the reference's `expected` (undefined when they agree): numbers to
 * `tolerance` relative to max(1, |expected|), arrays elementwise, a reference tuple against the
 * fields of a result object in order, dicts by key.
 */
function difference(actual: unknown, raw: unknown, tolerance: number, path = "result"): string | undefined {
  const expected = stored(raw);
  if (ArrayBuffer.isView(actual)) actual = Array.from(actual as unknown as ArrayLike<number>);
  if (typeof expected === "number") {
    if (typeof actual !== "number") return `${path}: expected ${expected}, got ${JSON.stringify(actual)}`;
    if (Number.isNaN(expected) ? Number.isNaN(actual) : actual === expected) return undefined;
    const gap = Math.abs(actual - expected);
    return gap <= tolerance * Math.max(1, Math.abs(expected))
      ? undefined
      : `${path}: ${actual} vs ${expected}`;
  }
  if (typeof expected === "string" || typeof expected === "boolean")
    return actual === expected
      ? undefined
      : `${path}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`;
  if (Array.isArray(expected)) {
    const items = Array.isArray(actual)
      ? actual
      : typeof actual === "object" && actual !== null
        ? Object.values(actual)
        : undefined;
    if (!items || items.length !== expected.length)
      return `${path}: expected ${expected.length} items, got ${JSON.stringify(actual)}`;
    for (let i = 0; i < expected.length; i++) {
      const gap = difference(items[i], expected[i], tolerance, `${path}[${i}]`);
      if (gap) return gap;
    }
    return undefined;
  }
  if (typeof expected === "object" && expected !== null) {
    if (typeof actual !== "object" || actual === null) return `${path}: expected an object`;
    const keys = Object.keys(expected);
    const got = Object.keys(actual);
    if (got.length !== keys.length || !keys.every((k) => k in actual))
      return `${path}: keys ${got.join(", ")} vs ${keys.join(", ")}`;
    for (const key of keys) {
      const gap = difference(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        tolerance,
        `${path}.${key}`,
      );
      if (gap) return gap;
    }
    return undefined;
  }
  return `${path}: unexpected reference value ${JSON.stringify(expected)}`;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

for (const section of sections(doc)) {
  const { id, reference, import: subpath, tolerance } = section.attributes;
  describe(`docs/migrating.md: ${reference} (${id})`, async () => {
    const golden = JSON.parse(
      readFileSync(new URL(`test/data/golden/migrating_${id}.json`, root), "utf8"),
    ) as { variables: unknown; cases: Record<string, unknown> };
    const module = await importSubpath(subpath!);
    const exported = Object.keys(module).filter((name) => IDENTIFIER.test(name));
    const names = [...exported, ...Object.keys(section.variables)];

    it("has its reference values for these variables (else rerun scripts/golden/migrating.py)", () => {
      expect(golden.variables).toEqual(section.variables);
      expect(Object.keys(golden.cases).sort()).toEqual(section.rows.map((r) => r.reference).sort());
      expect(new Set(names).size, "a variable shadows an export").toBe(names.length);
    });

    for (const row of section.rows) {
      it(`${row.reference} → ${row.plumbline}`, () => {
        const run = new Function(...names, `return (${row.plumbline});`) as (...values: unknown[]) => unknown;
        const values = [...exported.map((name) => module[name]), ...Object.values(section.variables)];
        const result = run(...values);
        expect(row.reference in golden.cases, "no reference value: rerun scripts/golden/migrating.py").toBe(
          true,
        );
        expect(difference(result, golden.cases[row.reference], Number(tolerance))).toBeUndefined();
      });
    }
  });
}
