/**
 * The shapes of judge replies, as small validators. A schema parses the JSON a judge replied with
 * into a normalised value holding only the fields it declares (anything else the reply carried
 * is dropped), and parsing its own output again gives the same value. That is what the judgment
 * cache stores and re-validates on every read: a damaged or foreign entry fails the schema and
 * counts as a miss.
 */

/** A validator of one JSON value. `parse` throws an Error whose message names the path. */
export interface Schema<T> {
  parse(value: unknown, path?: string): T;
}

/** The value type a schema produces. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

const show = (value: unknown) => {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/** A string. */
export const string: Schema<string> = {
  parse(value, path = "reply") {
    if (typeof value !== "string") throw new Error(`${path} must be a string, got ${show(value)}`);
    return value;
  },
};

/** A finite number. */
export const finiteNumber: Schema<number> = {
  parse(value, path = "reply") {
    if (typeof value !== "number" || !Number.isFinite(value))
      throw new Error(`${path} must be a finite number, got ${show(value)}`);
    return value;
  },
};

/**
 * A 0/1 verdict. ragas' models declare an int and count any non-zero int as 1; judges also
 * write booleans, "0"/"1" and "yes"/"no", which are read the same way. Anything else is refused.
 */
export const verdict: Schema<0 | 1> = {
  parse(value, path = "reply") {
    if (typeof value === "number" && Number.isInteger(value)) return value === 0 ? 0 : 1;
    if (value === true || value === "1" || (typeof value === "string" && /^yes$/i.test(value))) return 1;
    if (value === false || value === "0" || (typeof value === "string" && /^no$/i.test(value))) return 0;
    throw new Error(`${path} must be 1 or 0, got ${show(value)}`);
  },
};

/** An array of `item`, with exactly `length` entries when given. */
export function array<T>(item: Schema<T>, length?: number): Schema<T[]> {
  return {
    parse(value, path = "reply") {
      if (!Array.isArray(value)) throw new Error(`${path} must be an array, got ${show(value)}`);
      if (length !== undefined && value.length !== length)
        throw new Error(`${path} must have ${length} entries, got ${value.length}`);
      return value.map((entry, i) => item.parse(entry, `${path}[${i}]`));
    },
  };
}

type Fields = Readonly<Record<string, Schema<unknown>>>;
type ObjectOf<F extends Fields, O extends keyof F> = { -readonly [K in Exclude<keyof F, O>]: Infer<F[K]> } & {
  -readonly [K in O]?: Infer<F[K]>;
};

/**
 * An object with the declared fields (extra fields are dropped). Fields listed in `optional`
 * may be absent (or null); the others are required.
 */
export function object<F extends Fields, O extends keyof F = never>(
  fields: F,
  optional: readonly O[] = [],
): Schema<ObjectOf<F, O>> {
  return {
    parse(value, path = "reply") {
      if (value === null || typeof value !== "object" || Array.isArray(value))
        throw new Error(`${path} must be a JSON object, got ${show(value)}`);
      const record = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [key, schema] of Object.entries(fields)) {
        const present = Object.hasOwn(record, key) && record[key] !== null && record[key] !== undefined;
        if (!present) {
          if ((optional as readonly string[]).includes(key)) continue;
          throw new Error(`${path === "reply" ? "" : `${path}.`}"${key}" is missing`);
        }
        out[key] = schema.parse(record[key], path === "reply" ? `"${key}"` : `${path}.${key}`);
      }
      return out as ObjectOf<F, O>;
    },
  };
}
