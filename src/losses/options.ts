import { describeValue, fail } from "../core/errors.js";
import { assertReduction, type Reduction } from "./reduction.js";

/** Option readers shared by every loss folder: each takes the raw value, its default, and names the function and option in its error. */

/** A finite number option (optionally bounded: inclusive `min`/`max`, exclusive `exclusiveMin`). */
export function numberOption(
  value: unknown,
  fallback: number,
  fn: string,
  option: string,
  bounds: { readonly min?: number; readonly exclusiveMin?: number; readonly max?: number } = {},
): number {
  const v = value === undefined ? fallback : value;
  const ok =
    typeof v === "number" &&
    Number.isFinite(v) &&
    (bounds.min === undefined || v >= bounds.min) &&
    (bounds.exclusiveMin === undefined || v > bounds.exclusiveMin) &&
    (bounds.max === undefined || v <= bounds.max);
  if (!ok) {
    const range = [
      bounds.min !== undefined ? `>= ${bounds.min}` : "",
      bounds.exclusiveMin !== undefined ? `> ${bounds.exclusiveMin}` : "",
      bounds.max !== undefined ? `<= ${bounds.max}` : "",
    ]
      .filter(Boolean)
      .join(" and ");
    fail(
      "invalid_option",
      `${fn}: option \`${option}\` must be a finite number${range ? ` ${range}` : ""}, got ${describeValue(v)}`,
    );
  }
  return v as number;
}

/** A boolean option with its default. */
export function booleanOption(value: unknown, fallback: boolean, fn: string, option: string): boolean {
  const v = value === undefined ? fallback : value;
  if (typeof v !== "boolean")
    fail("invalid_option", `${fn}: option \`${option}\` must be a boolean, got ${describeValue(v)}`);
  return v;
}

/** A string-union option with its default. */
export function choiceOption<T extends string>(
  value: unknown,
  fallback: T,
  choices: readonly T[],
  fn: string,
  option: string,
): T {
  const v = value === undefined ? fallback : value;
  if (typeof v !== "string" || !(choices as readonly string[]).includes(v)) {
    fail(
      "invalid_option",
      `${fn}: option \`${option}\` must be ${choices.map((c) => `"${c}"`).join(", ")}, got ${describeValue(v)}`,
    );
  }
  return v as T;
}

/** The `reduction` option value with its default (`"mean"`), validated. */
export function reductionOption(value: unknown, fn: string, fallback: Reduction = "mean"): Reduction {
  return assertReduction(value === undefined ? fallback : value, fn);
}

/** The `reduction` field of an options object with its default, validated. */
export function reductionOf(
  options: { readonly reduction?: Reduction } | undefined,
  fn: string,
  fallback: Reduction = "mean",
): Reduction {
  return reductionOption(options?.reduction, fn, fallback);
}
