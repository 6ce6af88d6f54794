/**
 * Signatures: one compact line that says how a number was computed, after sacrebleu's
 * `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0` (Post 2018, "A Call for Clarity
 * in Reporting BLEU Scores").
 *
 *     classification/multiclass_f1|numClasses:3|average:weighted|ref:torchmetrics-1.9.0|version:0.2.0
 *
 * Fields are separated by `|`: the metric id, then `name:value` for each option that differs
 * from the factory's default (options a factory cannot do without, such as `numClasses`, always
 * appear), then `ref:` (the reference implementation whose convention the number follows: the
 * `convention` option when the metric has one, otherwise the first of the definition's
 * `meta.conventions`) and `version:` (the plumbline version). Values are bare words when they are plain
 * identifiers and JSON otherwise (non-finite numbers and typed arrays in the state codec's form);
 * `%` and `|` inside a value are written `%25` and `%7C`.
 *
 * `parseSignature` reads a signature back into the definition (through the metric registry), so
 * a reader can recompute the number; a signature from another plumbline version is read too, and
 * says so (`sameVersion: false`), since defaults may have changed between versions.
 */
import { decodeState, encodeState } from "../core/codec.js";
import { describeValue, fail } from "../core/errors.js";
import { type AnyMetricDef, canonicalJson } from "../metric.js";
import { findDefinition, findFactory } from "../metrics/registry.js";
import { VERSION } from "./version.js";

/** What a signature says, before the definition is rebuilt. */
export interface SignatureFields {
  readonly id: string;
  /** The options written in the signature (the non-default ones), decoded. */
  readonly options: Readonly<Record<string, unknown>>;
  /** The reference implementation whose convention the number follows, e.g. `torchmetrics-1.9.0`. */
  readonly reference: string;
  /** The plumbline version that computed the number. */
  readonly version: string;
}

/** A parsed signature with its definition rebuilt. */
export interface ParsedSignature extends SignatureFields {
  readonly def: AnyMetricDef;
  /** False when the signature comes from another plumbline version (defaults may differ). */
  readonly sameVersion: boolean;
}

/** Longest signature `parseSignature` reads (a guard against hostile input). */
export const MAX_SIGNATURE_LENGTH = 100_000;
const RESERVED_KEYS = ["ref", "version"];
const BARE = /^[A-Za-z_][A-Za-z0-9_.+-]*$/;
const ID = /^[a-z][a-z0-9_-]*\/[A-Za-z0-9_./-]+$/;
const KEY = /^[A-Za-z][A-Za-z0-9_]*$/;
/** How an option that is not data (a function, a class instance) is written: it cannot be rebuilt. */
const NOT_DATA = "<not-data>";
const CONVENTION_ALIASES: Readonly<Record<string, string>> = { sklearn: "scikit-learn" };

function isData(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (value === null || ["number", "string", "boolean", "bigint", "undefined"].includes(typeof value))
    return true;
  if (ArrayBuffer.isView(value)) return !(value instanceof DataView);
  if (Array.isArray(value)) return value.every((v) => isData(v, depth + 1));
  if (typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value as object).every((v) => isData(v, depth + 1));
}

function escapeField(text: string): string {
  return text.replace(/%/g, "%25").replace(/\|/g, "%7C");
}

function unescapeField(text: string): string {
  return text.replace(/%7C/gi, "|").replace(/%25/g, "%");
}

/** One option value as signature text. */
export function encodeSignatureValue(value: unknown): string {
  if (!isData(value)) return NOT_DATA;
  const encoded = encodeState(value);
  if (typeof encoded === "string" && BARE.test(encoded) && !["true", "false", "null"].includes(encoded))
    return encoded;
  return escapeField(JSON.stringify(encoded));
}

function decodeSignatureValue(key: string, text: string): unknown {
  if (text === NOT_DATA)
    fail(
      "unsupported",
      `parseSignature: option \`${key}\` was not data (a function or an object such as a model); a signature cannot rebuild it`,
    );
  if (BARE.test(text) && !["true", "false", "null"].includes(text)) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(unescapeField(text));
  } catch {
    return fail(
      "invalid_value",
      `parseSignature: option \`${key}\` has the value ${describeValue(text)}, which is neither a bare word nor JSON`,
    );
  }
  try {
    return decodeState(parsed);
  } catch (error) {
    return fail("invalid_value", `parseSignature: option \`${key}\`: ${(error as Error).message}`);
  }
}

function subsets(keys: readonly string[], size: number): string[][] {
  if (size === 0) return [[]];
  const out: string[][] = [];
  keys.forEach((key, i) => {
    for (const rest of subsets(keys.slice(i + 1), size - 1)) out.push([key, ...rest]);
  });
  return out;
}

function pick(options: Readonly<Record<string, unknown>>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, options[k]]));
}

/** Most option names tried together when looking for the options a factory cannot do without. */
const MAX_REQUIRED = 3;

interface Analysis {
  readonly options: Record<string, unknown>;
  readonly convention: string | undefined;
}

const analyses = new WeakMap<AnyMetricDef, Promise<Analysis>>();

/**
 * The options of `def` that differ from its factory's defaults. The factory is the registry's
 * (the `*Def` export that builds this id from these options); its defaults are the options of
 * the definition it builds from the fewest of `def`'s options (none, or the required ones such
 * as `numClasses`). An option stays when it is required, or when its value differs from the
 * default the factory records; factories that record only what they were given keep every
 * given option. A definition the registry cannot rebuild keeps all its options.
 */
async function analyse(def: AnyMetricDef): Promise<Analysis> {
  const given = (def.options ?? {}) as Record<string, unknown>;
  const keys = Object.keys(given).filter((k) => given[k] !== undefined);
  let baseline: { options: Record<string, unknown>; required: Set<string> } | undefined;
  try {
    const { factory } = await findFactory(def.id, given);
    search: for (let size = 0; size <= Math.min(keys.length, MAX_REQUIRED); size++) {
      for (const subset of subsets(keys, size)) {
        try {
          const built = factory(pick(given, subset));
          if (built?.id === def.id) {
            baseline = {
              options: (built.options ?? {}) as Record<string, unknown>,
              required: new Set(subset),
            };
            break search;
          }
        } catch {
          // Not enough options for this factory: try a larger subset.
        }
      }
    }
  } catch {
    // Not rebuildable from the registry: every option is significant.
  }
  const options: Record<string, unknown> = {};
  for (const key of keys) {
    const value = given[key];
    const isDefault =
      baseline !== undefined &&
      !baseline.required.has(key) &&
      Object.hasOwn(baseline.options, key) &&
      isData(value) &&
      canonicalJson(encodeState(value)) === canonicalJson(encodeState(baseline.options[key]));
    if (!isDefault) options[key] = value;
  }
  const convention = given.convention ?? baseline?.options.convention;
  return { options, convention: typeof convention === "string" ? convention : undefined };
}

/** A convention label without its version: `torchmetrics-1.9.0` → `torchmetrics`. */
function conventionName(label: string): string {
  return label.replace(/-\d+(\.\d+)*$/, "");
}

/**
 * The reference implementation a number follows, as `name-version` (`torchmetrics-1.9.0`): the
 * one of the definition's `meta.conventions` named by the metric's `convention` option when it
 * has one (the option's value itself when none is), otherwise the first; `formula` when the
 * definition follows a paper's formula rather than a library.
 */
export function referenceOf(def: AnyMetricDef, convention?: string): string {
  const labels = def.meta?.conventions ?? [];
  if (convention !== undefined) {
    const wanted = (CONVENTION_ALIASES[convention] ?? convention).toLowerCase();
    return labels.find((label) => conventionName(label).toLowerCase() === wanted) ?? convention;
  }
  return labels[0] ?? "formula";
}

/**
 * The signature of a metric definition (or of a metric built from one): its id, the options
 * that differ from the defaults, the reference convention and the plumbline version. See the
 * module comment for the format.
 */
export async function signature(def: AnyMetricDef | { readonly def: AnyMetricDef }): Promise<string> {
  const d: AnyMetricDef = "init" in def ? def : def.def;
  if (typeof d?.id !== "string")
    fail("invalid_value", `signature: expected a metric definition, got ${describeValue(def)}`);
  let pending = analyses.get(d);
  if (!pending) {
    pending = analyse(d);
    analyses.set(d, pending);
  }
  const { options, convention } = await pending;
  const fields = [d.id];
  for (const key of Object.keys(options).sort()) {
    if (RESERVED_KEYS.includes(key))
      fail("invalid_value", `signature: ${d.id} has an option named \`${key}\`, a name signatures reserve`);
    fields.push(`${key}:${encodeSignatureValue(options[key])}`);
  }
  fields.push(`ref:${escapeField(referenceOf(d, convention))}`, `version:${VERSION}`);
  return fields.join("|");
}

/** Reads the fields of a signature without rebuilding the definition (synchronous, no registry). */
export function readSignature(text: unknown): SignatureFields {
  if (typeof text !== "string")
    fail("invalid_value", `parseSignature: expected a signature string, got ${describeValue(text)}`);
  if (text.length > MAX_SIGNATURE_LENGTH)
    fail(
      "invalid_value",
      `parseSignature: a signature is at most ${MAX_SIGNATURE_LENGTH} characters, got ${text.length}`,
    );
  const [id = "", ...rest] = text.trim().split("|");
  if (!ID.test(id))
    fail(
      "invalid_value",
      `parseSignature: a signature starts with a metric id such as classification/binary_auroc, got ${describeValue(id)}`,
    );
  const options: Record<string, unknown> = {};
  let reference: string | undefined;
  let version: string | undefined;
  for (const field of rest) {
    const colon = field.indexOf(":");
    const key = colon < 0 ? field : field.slice(0, colon);
    if (colon < 0 || !KEY.test(key))
      fail("invalid_value", `parseSignature: field ${describeValue(field)} is not name:value`);
    if (reference !== undefined || version !== undefined) {
      if (!RESERVED_KEYS.includes(key) || (key === "ref" && version !== undefined))
        fail(
          "invalid_value",
          `parseSignature: field ${describeValue(field)} comes after ref/version, which end a signature`,
        );
    }
    const value = field.slice(colon + 1);
    if (key === "ref") {
      if (reference !== undefined) fail("invalid_value", "parseSignature: ref appears twice");
      reference = unescapeField(value);
    } else if (key === "version") {
      if (version !== undefined) fail("invalid_value", "parseSignature: version appears twice");
      version = value;
    } else {
      if (Object.hasOwn(options, key))
        fail("invalid_value", `parseSignature: option \`${key}\` appears twice`);
      options[key] = decodeSignatureValue(key, value);
    }
  }
  if (reference === undefined || version === undefined)
    fail(
      "invalid_value",
      `parseSignature: a signature ends with ref:... and version:..., got ${describeValue(text)}`,
    );
  return { id, options, reference, version };
}

/**
 * Reads a signature back into its definition (rebuilt through the metric registry with the
 * signature's options), so the number can be recomputed. `invalid_value` for text that is not a
 * signature, `invalid_state` when no definition has this id with these options, `unsupported`
 * when an option was not data.
 */
export async function parseSignature(text: unknown): Promise<ParsedSignature> {
  const fields = readSignature(text);
  const def = await findDefinition(fields.id, fields.options);
  return { ...fields, def, sameVersion: fields.version === VERSION };
}
