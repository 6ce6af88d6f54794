/**
 * Declarative checks for decoded metric states (a def's `validateState`).
 *
 * A state that arrives from `fromJSON`, a file, a worker or a queue is untrusted. The codec
 * (`core/codec.ts`) already guarantees JSON-shaped data with sane nesting, own keys and bounded
 * size; a def's `validateState` then states the shape and value domain of each field with
 * {@link checkState}, so that `compute()` on anything that passes ends in bounded time with a
 * value. A failure is `invalid_state` naming the metric, the field and the offending value:
 * ``classification/binary_auroc: state.scores.data must hold finite numbers, got NaN at index 3``.
 */
import { describeValue, invalidState } from "./errors.js";

/** What the values of a numeric field may be. */
export type ValueDomain =
  /** any number, NaN and infinities included */
  | "any"
  /** finite numbers */
  | "finite"
  /** finite and >= 0 (weighted counts, sums of squares) */
  | "nonNegative"
  /** integers >= 0 (counts, lengths, indices) */
  | "count"
  /** 0 or 1 */
  | "binary"
  /** a predicate, with the words that describe it */
  | { test: (value: number) => boolean; words: string };

type TypedArrayConstructor =
  | Float64ArrayConstructor
  | Float32ArrayConstructor
  | Int32ArrayConstructor
  | Uint32ArrayConstructor
  | Int16ArrayConstructor
  | Uint16ArrayConstructor
  | Int8ArrayConstructor
  | Uint8ArrayConstructor;

/** The check of one field of a state. */
export type FieldCheck =
  | { kind: "number"; values?: ValueDomain }
  | { kind: "string"; oneOf?: readonly string[] }
  | { kind: "boolean" }
  | { kind: "null" }
  | {
      kind: "typed";
      type: TypedArrayConstructor | readonly TypedArrayConstructor[];
      length?: number;
      values?: ValueDomain;
    }
  | { kind: "growable"; type: TypedArrayConstructor | readonly TypedArrayConstructor[]; values?: ValueDomain }
  | { kind: "array"; length?: number; items: FieldCheck }
  | { kind: "object"; fields: StateShape }
  | { kind: "optional"; check: FieldCheck }
  | { kind: "oneOf"; checks: readonly FieldCheck[] }
  | { kind: "custom"; check: (value: unknown, path: string, id: string) => void };

/** The fields of a state object, each with its check; extra fields are refused. */
export type StateShape = Readonly<Record<string, FieldCheck>>;

const DOMAIN_WORDS: Record<Exclude<ValueDomain, object>, string> = {
  any: "numbers",
  finite: "finite numbers",
  nonNegative: "finite non-negative numbers",
  count: "non-negative integers",
  binary: "only 0 and 1",
};

function domainTest(domain: ValueDomain): ((v: number) => boolean) | undefined {
  if (typeof domain === "object") return domain.test;
  switch (domain) {
    case "any":
      return undefined;
    case "finite":
      return Number.isFinite;
    case "nonNegative":
      return (v) => Number.isFinite(v) && v >= 0;
    case "count":
      return (v) => Number.isInteger(v) && v >= 0;
    case "binary":
      return (v) => v === 0 || v === 1;
  }
}

function domainWords(domain: ValueDomain): string {
  return typeof domain === "object" ? domain.words : DOMAIN_WORDS[domain];
}

/** Fails unless every element of `values` lies in `domain` (the first offender is named). */
export function checkValues(id: string, path: string, values: ArrayLike<number>, domain: ValueDomain): void {
  const test = domainTest(domain);
  if (!test) return;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!test(v))
      invalidState(`${id}: ${path} must hold ${domainWords(domain)}, got ${describeValue(v)} at index ${i}`);
  }
}

function typeNames(type: TypedArrayConstructor | readonly TypedArrayConstructor[]): string {
  return (Array.isArray(type) ? type : [type]).map((t: TypedArrayConstructor) => t.name).join(" or ");
}

function isType(value: unknown, type: TypedArrayConstructor | readonly TypedArrayConstructor[]): boolean {
  return (Array.isArray(type) ? type : [type]).some((t: TypedArrayConstructor) => value instanceof t);
}

function checkField(id: string, path: string, value: unknown, check: FieldCheck): void {
  switch (check.kind) {
    case "number":
      if (typeof value !== "number")
        invalidState(`${id}: ${path} must be a number, got ${describeValue(value)}`);
      checkValues(id, path, [value], check.values ?? "finite");
      return;
    case "string":
      if (typeof value !== "string" || (check.oneOf && !check.oneOf.includes(value)))
        invalidState(
          `${id}: ${path} must be ${check.oneOf ? `one of ${check.oneOf.map((s) => JSON.stringify(s)).join(", ")}` : "a string"}, got ${describeValue(value)}`,
        );
      return;
    case "boolean":
      if (typeof value !== "boolean")
        invalidState(`${id}: ${path} must be true or false, got ${describeValue(value)}`);
      return;
    case "null":
      if (value !== null) invalidState(`${id}: ${path} must be null, got ${describeValue(value)}`);
      return;
    case "typed": {
      if (!isType(value, check.type))
        invalidState(`${id}: ${path} must be a ${typeNames(check.type)}, got ${describeValue(value)}`);
      const array = value as ArrayLike<number>;
      if (check.length !== undefined && array.length !== check.length)
        invalidState(`${id}: ${path} must hold ${check.length} elements, got ${array.length}`);
      checkValues(id, path, array, check.values ?? "finite");
      return;
    }
    case "growable": {
      const buffer = value as { data?: unknown; length?: unknown } | null;
      if (typeof buffer !== "object" || buffer === null || !isType(buffer.data, check.type))
        invalidState(
          `${id}: ${path} must be a growable buffer { data: ${typeNames(check.type)}, length }, got ${describeValue(value)}`,
        );
      const data = buffer.data as ArrayLike<number>;
      if (buffer.length !== data.length)
        invalidState(
          `${id}: ${path}.length says ${describeValue(buffer.length)} but ${path}.data holds ${data.length} elements`,
        );
      checkValues(id, `${path}.data`, data, check.values ?? "finite");
      return;
    }
    case "array": {
      if (!Array.isArray(value)) invalidState(`${id}: ${path} must be an array, got ${describeValue(value)}`);
      if (check.length !== undefined && value.length !== check.length)
        invalidState(`${id}: ${path} must hold ${check.length} items, got ${value.length}`);
      for (let i = 0; i < value.length; i++) checkField(id, `${path}[${i}]`, value[i], check.items);
      return;
    }
    case "object":
      checkShape(id, path, value, check.fields);
      return;
    case "optional":
      if (value !== undefined) checkField(id, path, value, check.check);
      return;
    case "oneOf": {
      let lastError: unknown;
      for (const option of check.checks) {
        try {
          checkField(id, path, value, option);
          return;
        } catch (error) {
          lastError = error;
        }
      }
      throw lastError;
    }
    case "custom":
      check.check(value, path, id);
      return;
  }
}

function checkShape(id: string, path: string, value: unknown, shape: StateShape): void {
  if (typeof value !== "object" || value === null || Array.isArray(value) || ArrayBuffer.isView(value))
    invalidState(`${id}: ${path} must be an object, got ${describeValue(value)}`);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record))
    if (!Object.hasOwn(shape, key)) invalidState(`${id}: ${path} has the unexpected field "${key}"`);
  for (const key of Object.keys(shape)) {
    const check = shape[key]!;
    if (!Object.hasOwn(record, key) && check.kind !== "optional")
      invalidState(`${id}: ${path} lacks the field "${key}"`);
    checkField(id, `${path}.${key}`, record[key], check);
  }
}

/**
 * Fails with `invalid_state` unless `state` has exactly the fields of `shape`, each passing its
 * check. Use it as the body of a def's `validateState`, then add the cross-field invariants
 * (equal lengths, totals that agree) with {@link stateInvariant}. Inside a `field.custom` check,
 * pass its `path`, so that messages name the nested field (`state.real.n`).
 */
export function checkState(id: string, state: unknown, shape: StateShape, path = "state"): void {
  checkShape(id, path, state, shape);
}

/** Fails with `invalid_state` and `message` unless `condition` holds. */
export function stateInvariant(id: string, condition: boolean, message: string): asserts condition {
  if (!condition) invalidState(`${id}: ${message}`);
}

/** Field-check constructors, so shapes read as data: `{ matrix: typed(Float64Array, { length: 4, values: "nonNegative" }) }`. */
export const field = {
  number: (values: ValueDomain = "finite"): FieldCheck => ({ kind: "number", values }),
  count: (): FieldCheck => ({ kind: "number", values: "count" }),
  string: (oneOf?: readonly string[]): FieldCheck => (oneOf ? { kind: "string", oneOf } : { kind: "string" }),
  boolean: (): FieldCheck => ({ kind: "boolean" }),
  null: (): FieldCheck => ({ kind: "null" }),
  typed: (
    type: TypedArrayConstructor | readonly TypedArrayConstructor[],
    options: { length?: number; values?: ValueDomain } = {},
  ): FieldCheck => ({ kind: "typed", type, ...options }),
  growable: (
    type: TypedArrayConstructor | readonly TypedArrayConstructor[],
    values?: ValueDomain,
  ): FieldCheck => (values ? { kind: "growable", type, values } : { kind: "growable", type }),
  array: (items: FieldCheck, length?: number): FieldCheck =>
    length === undefined ? { kind: "array", items } : { kind: "array", items, length },
  object: (fields: StateShape): FieldCheck => ({ kind: "object", fields }),
  optional: (check: FieldCheck): FieldCheck => ({ kind: "optional", check }),
  oneOf: (...checks: FieldCheck[]): FieldCheck => ({ kind: "oneOf", checks }),
  custom: (check: (value: unknown, path: string, id: string) => void): FieldCheck => ({
    kind: "custom",
    check,
  }),
} as const;
