/**
 * The one strict-options mechanism of every public function.
 *
 * A function declares the option names it takes (checked against its options interface at
 * compile time with {@link optionNames}) and reads its options through {@link readOptions}:
 *
 * - `undefined` and `null` mean "no options";
 * - anything but a plain object (a number, a string, an array, a class instance) is
 *   `invalid_option`;
 * - only own enumerable string keys count; a key that is not declared is `invalid_option` with a
 *   suggestion: ``binaryAuroc: unknown option `max_fpr` (the reference's snake_case name; plumbline
 *   calls it `maxFpr`)`` or ``unknown option `treshold`; did you mean `threshold`?``;
 * - keys whose value is `undefined` are dropped, so `{ average: undefined }` means the default.
 *
 * The value parsers below (`optNumber`, `optInteger`, `optOneOf`, `optBoolean`, `optSize`) give
 * every option the same one-line messages; size-like options go through the allocation budget of
 * `core/limits.ts`.
 */
import { describeValue, invalidOption } from "./errors.js";
import { assertAllocation } from "./limits.js";

/** The parsed options: own keys of the declared names, `undefined` values removed. */
export type OptionRecord<T> = { readonly [K in keyof T]?: Exclude<T[K], undefined> };

type MissingKeys<T, K extends readonly PropertyKey[]> = Exclude<keyof T, K[number]>;

/**
 * The declared option names of an options interface `T`, checked both ways at compile time: every
 * name listed is a key of `T`, and every key of `T` is listed.
 *
 * ```ts
 * const AUROC_OPTIONS = optionNames<BinaryAurocOptions>()("maxFpr", "thresholds", "ignoreIndex");
 * ```
 */
export function optionNames<T>() {
  return <const K extends readonly (keyof T & string)[]>(
    // K is inferred from the list itself; the intersection only adds the completeness check (a
    // conditional type in place of K would stop TypeScript from inferring K at all)
    ...names: K &
      ([MissingKeys<T, K>] extends [never] ? unknown : { readonly "missing options": MissingKeys<T, K> })
  ): readonly (keyof T & string)[] => names as readonly (keyof T & string)[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value) || ArrayBuffer.isView(value))
    return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** `max_fpr` → `maxFpr`; `num-classes` → `numClasses`. */
export function camelCase(name: string): string {
  return name.replace(/[_-]+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Edit distance with adjacent transpositions (optimal string alignment): enough to suggest a near name. */
function editDistance(a: string, b: string): number {
  // Three rows of the table: two rows up (for a transposition), the one above, this one.
  let before: number[] = [];
  let above = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j]!, before[j - 2]! + 1);
    }
    [before, above] = [above, row];
  }
  return above[b.length]!;
}

/**
 * The declared name a mistyped or snake_case `name` most likely meant, with the reason, or
 * undefined. Used by {@link readOptions} and by the CLI for flags.
 */
export function suggestName(name: string, allowed: readonly string[]): string | undefined {
  const camel = camelCase(name);
  if (camel !== name && allowed.includes(camel))
    return `the reference's snake_case name; plumbline calls it \`${camel}\``;
  const lower = name.toLowerCase();
  const sameCase = allowed.find((a) => a.toLowerCase() === lower || a.toLowerCase() === camel.toLowerCase());
  if (sameCase) return `did you mean \`${sameCase}\`?`;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const d = editDistance(camel.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  const budget = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  return best !== undefined && bestDistance <= budget ? `did you mean \`${best}\`?` : undefined;
}

/**
 * Reads `options` for `fn` against the declared `names`: see the module comment for the rules.
 * Returns a fresh plain object (never the caller's), safe to keep and to serialise.
 */
export function readOptions<T = Record<string, unknown>>(
  fn: string,
  options: unknown,
  names: readonly string[],
): OptionRecord<T> {
  if (options === undefined || options === null) return {} as OptionRecord<T>;
  if (!isPlainObject(options)) {
    invalidOption(`${fn}: options must be a plain object, got ${describeValue(options)}`);
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(options)) {
    if (!names.includes(key)) {
      const hint = suggestName(key, names);
      const known =
        names.length === 0 ? "it takes no options" : `known: ${names.map((n) => `\`${n}\``).join(", ")}`;
      invalidOption(`${fn}: unknown option \`${key}\`${hint ? ` (${hint})` : ""}; ${known}`);
    }
    const value = options[key];
    if (value !== undefined) out[key] = value;
  }
  return out as OptionRecord<T>;
}

/** Options of a finite number within [min, max] (both inclusive unless stated). */
export interface NumberBounds {
  min?: number;
  max?: number;
  /** Exclude `min` itself (for example a strictly positive scale). */
  minExclusive?: boolean;
  maxExclusive?: boolean;
}

function boundsText(b: NumberBounds): string {
  const lo = b.min === undefined ? "(-inf" : `${b.minExclusive ? "(" : "["}${b.min}`;
  const hi = b.max === undefined ? "inf)" : `${b.max}${b.maxExclusive ? ")" : "]"}`;
  return `${lo}, ${hi}`;
}

function inBounds(v: number, b: NumberBounds): boolean {
  if (b.min !== undefined && (b.minExclusive ? !(v > b.min) : !(v >= b.min))) return false;
  if (b.max !== undefined && (b.maxExclusive ? !(v < b.max) : !(v <= b.max))) return false;
  return true;
}

/** {@link optNumber} and {@link optInteger}: a finite number (an integer) within bounds, or `fallback`. */
function numberOption(
  fn: string,
  name: string,
  value: unknown,
  fallback: number | undefined,
  bounds: NumberBounds,
  integer: boolean,
): number | undefined {
  if (value === undefined) return fallback;
  if (
    typeof value !== "number" ||
    !(integer ? Number.isInteger(value) : Number.isFinite(value)) ||
    !inBounds(value, bounds)
  )
    invalidOption(
      `${fn}: option \`${name}\` must be ${integer ? "an integer" : "a finite number"} in ${boundsText(bounds)}, got ${describeValue(value)}`,
    );
  return value;
}

/** A finite number option within bounds, or `fallback` when absent. */
export function optNumber(
  fn: string,
  name: string,
  value: unknown,
  fallback: number,
  bounds?: NumberBounds,
): number;
export function optNumber(
  fn: string,
  name: string,
  value: unknown,
  fallback: undefined,
  bounds?: NumberBounds,
): number | undefined;
export function optNumber(
  fn: string,
  name: string,
  value: unknown,
  fallback: number | undefined,
  bounds: NumberBounds = {},
): number | undefined {
  return numberOption(fn, name, value, fallback, bounds, false);
}

/** An integer option within bounds, or `fallback` when absent. */
export function optInteger(
  fn: string,
  name: string,
  value: unknown,
  fallback: number,
  bounds?: NumberBounds,
): number;
export function optInteger(
  fn: string,
  name: string,
  value: unknown,
  fallback: undefined,
  bounds?: NumberBounds,
): number | undefined;
export function optInteger(
  fn: string,
  name: string,
  value: unknown,
  fallback: number | undefined,
  bounds: NumberBounds = {},
): number | undefined {
  return numberOption(fn, name, value, fallback, bounds, true);
}

/** A required option: `invalid_option` naming it when absent. */
export function required<T>(fn: string, name: string, value: T | undefined): T {
  if (value === undefined) invalidOption(`${fn}: option \`${name}\` is required`);
  return value;
}

/** A string option from a fixed vocabulary, or `fallback` when absent. */
export function optOneOf<const T extends string>(
  fn: string,
  name: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): T;
export function optOneOf<const T extends string>(
  fn: string,
  name: string,
  value: unknown,
  allowed: readonly T[],
  fallback?: undefined,
): T | undefined;
export function optOneOf<const T extends string>(
  fn: string,
  name: string,
  value: unknown,
  allowed: readonly T[],
  fallback?: T,
): T | undefined {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    const hint = typeof value === "string" ? suggestName(value, allowed) : undefined;
    invalidOption(
      `${fn}: option \`${name}\` must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${describeValue(value)}${hint ? ` (${hint})` : ""}`,
    );
  }
  return value as T;
}

/** A boolean option, or `fallback` when absent (no truthy coercion: `"false"` is an error). */
export function optBoolean(fn: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean")
    invalidOption(`${fn}: option \`${name}\` must be true or false, got ${describeValue(value)}`);
  return value;
}

/**
 * A size-like integer option (a count of bins, thresholds, classes, samples) in [min, ∞) whose
 * use allocates `bytesPerUnit * value` bytes (or `bytesFor(value)`): past the allocation budget
 * it is `invalid_option` naming the memory it would need (see `core/limits.ts`).
 */
export function optSize(
  fn: string,
  name: string,
  value: unknown,
  fallback: number | undefined,
  cost: { min?: number; bytesPerUnit?: number; bytesFor?: (n: number) => number },
): number | undefined {
  const n = optInteger(fn, name, value, fallback as undefined, { min: cost.min ?? 1 });
  if (n === undefined) return undefined;
  const bytes = cost.bytesFor ? cost.bytesFor(n) : n * (cost.bytesPerUnit ?? 8);
  assertAllocation(fn, `option \`${name}\` = ${n}`, bytes);
  return n;
}
