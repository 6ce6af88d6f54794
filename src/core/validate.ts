import { describeValue, emptyInput, invalidOption, invalidValue, shapeMismatch } from "./errors.js";

/** Throws `empty_input` when `length` is zero. */
export function assertNonEmpty(length: number, fn: string, arg: string): void {
  if (length === 0) emptyInput(`${fn}: \`${arg}\` must not be empty, got 0 elements`);
}

/** Throws `shape_mismatch` unless both lengths agree. */
export function assertSameLength(a: number, b: number, fn: string, argA: string, argB: string): void {
  if (a !== b) {
    shapeMismatch(`${fn}: \`${argA}\` and \`${argB}\` must have the same length, got ${a} and ${b}`);
  }
}

/** Throws `invalid_value` at the first NaN or infinity. */
export function assertFinite(values: ArrayLike<number>, fn: string, arg: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      invalidValue(`${fn}: \`${arg}\` must be finite, got ${describeValue(v)} at index ${i}`);
    }
  }
}

/** Throws `invalid_value` unless every value is 0 or 1. */
export function assertBinary(values: ArrayLike<number>, fn: string, arg: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== 0 && v !== 1) {
      invalidValue(`${fn}: \`${arg}\` must contain only 0 and 1, got ${describeValue(v)} at index ${i}`);
    }
  }
}

/**
 * Throws `invalid_value` unless every value is an integer in `[0, numClasses)`; a value equal to
 * `ignoreIndex` is allowed.
 */
export function assertLabels(
  values: ArrayLike<number>,
  numClasses: number,
  fn: string,
  arg: string,
  ignoreIndex?: number,
): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === ignoreIndex) continue;
    if (!Number.isInteger(v)) {
      invalidValue(
        `${fn}: \`${arg}\` must contain integer class labels, got ${describeValue(v)} at index ${i}`,
      );
    }
    if (v < 0 || v >= numClasses) {
      invalidValue(`${fn}: \`${arg}\` must contain labels in [0, ${numClasses}), got ${v} at index ${i}`);
    }
  }
}

/** Throws `invalid_value` unless every value lies in [0, 1]. */
export function assertProbabilities(values: ArrayLike<number>, fn: string, arg: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= 0 && v <= 1)) {
      invalidValue(
        `${fn}: \`${arg}\` must contain probabilities in [0, 1], got ${describeValue(v)} at index ${i}`,
      );
    }
  }
}

/** Throws `invalid_option` unless `value` is an integer >= `min`. */
export function assertIntegerOption(value: unknown, min: number, fn: string, option: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    invalidOption(`${fn}: option \`${option}\` must be an integer >= ${min}, got ${describeValue(value)}`);
  }
  return value;
}

/** Throws `invalid_option` unless `value` is a finite number within [min, max]. */
export function assertNumberOption(
  value: unknown,
  min: number,
  max: number,
  fn: string,
  option: string,
): number {
  if (typeof value !== "number" || !(value >= min && value <= max)) {
    invalidOption(
      `${fn}: option \`${option}\` must be a number in [${min}, ${max}], got ${describeValue(value)}`,
    );
  }
  return value;
}

/** Throws `invalid_option` unless `value` is one of `allowed`. */
export function assertOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  fn: string,
  option: string,
): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    invalidOption(
      `${fn}: option \`${option}\` must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${describeValue(value)}`,
    );
  }
  return value as T;
}
