import {
  describeValue,
  emptyInput,
  invalidOption,
  invalidState,
  invalidValue,
  shapeMismatch,
} from "../../../core/errors.js";
import {
  type OptionRecord,
  optBoolean,
  optInteger,
  optionNames,
  optNumber,
  optOneOf,
  readOptions,
} from "../../../core/options.js";
import { checkState, field } from "../../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../../metric.js";
import { refuse } from "../shared/inputs.js";
import { checkAtMost } from "../shared/state.js";
import { compareCodePoints, pyFixed } from "../tokenizers/python-strings.js";
import { chunkSpans, splitLenient } from "./entities.js";

/** Tagging schemes of seqeval's strict mode. */
export type SeqevalScheme = "IOB1" | "IOB2" | "IOE1" | "IOE2" | "IOBES" | "BILOU";

/**
 * `"default"`: seqeval's conlleval-compatible lenient chunking (`get_entities`): an `I-` after `O`
 * starts an entity, a type change ends one. `"strict"`: only chunks well-formed in `scheme` count.
 */
export type SeqevalMode = "default" | "strict";

/** `"none"` returns per-type arrays (seqeval's `average=None`). */
export type SeqevalAverage = "micro" | "macro" | "weighted" | "none";

export interface SeqevalOptions {
  /** Default `"default"`. */
  readonly mode?: SeqevalMode;
  /** Required in strict mode. */
  readonly scheme?: SeqevalScheme;
  /** Tags written `PER-B` instead of `B-PER`. Default false. */
  readonly suffix?: boolean;
  /** Value of an undefined precision or recall (seqeval's `zero_division`; "warn" acts as 0). Default 0. */
  readonly zeroDivision?: 0 | 1;
  /**
   * Weight of recall in the F-score, seqeval's `precision_recall_fscore_support(beta=...)`:
   * F = (1 + beta^2) P R / (beta^2 P + R) (0 when the denominator is 0; recall when beta is
   * Infinity). Default 1; the result's `f1` fields then hold F-beta.
   */
  readonly beta?: number;
}

/** Per entity type counts, and token counts for accuracy. */
export interface SeqevalState {
  /** type -> [true positives, predicted entities, true entities]. */
  counts: Record<string, [number, number, number]>;
  correctTokens: number;
  totalTokens: number;
}

export interface SeqevalAveraged {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Number of true entities. */
  readonly support: number;
}

export interface SeqevalPerType {
  readonly labels: readonly string[];
  readonly precision: readonly number[];
  readonly recall: readonly number[];
  readonly f1: readonly number[];
  readonly support: readonly number[];
}

export interface SeqevalReportRow {
  /** Entity type, or "micro avg", "macro avg", "weighted avg". */
  readonly label: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

export interface SeqevalReport {
  readonly rows: readonly SeqevalReportRow[];
  /** seqeval's `classification_report(..., digits)` text. */
  readonly text: string;
}

export const seqevalMeta: MetricMeta = {
  id: "text/seqeval",
  range: [0, 1],
  direction: "higher",
  conventions: ["seqeval-1.2.2"],
};

interface Resolved {
  readonly mode: SeqevalMode;
  readonly scheme: SeqevalScheme | undefined;
  readonly suffix: boolean;
  readonly zeroDivision: 0 | 1;
  readonly beta: number;
}

const SEQEVAL_OPTIONS = optionNames<SeqevalOptions>()("mode", "scheme", "suffix", "zeroDivision", "beta");

function resolve(options: unknown, fn: string): Resolved {
  return resolveRecord(readOptions<SeqevalOptions>(fn, options, SEQEVAL_OPTIONS), fn);
}

function resolveRecord(o: OptionRecord<SeqevalOptions>, fn: string): Resolved {
  const mode = optOneOf(fn, "mode", o.mode, ["default", "strict"], "default");
  const scheme = optOneOf(fn, "scheme", o.scheme, ["IOB1", "IOB2", "IOE1", "IOE2", "IOBES", "BILOU"]);
  if (mode === "strict" && scheme === undefined)
    invalidOption(
      `${fn}: option \`mode\` "strict" needs a \`scheme\` (IOB1, IOB2, IOE1, IOE2, IOBES or BILOU)`,
    );
  const zeroDivision = o.zeroDivision ?? 0;
  if (zeroDivision !== 0 && zeroDivision !== 1)
    invalidOption(`${fn}: option \`zeroDivision\` must be 0 or 1, got ${describeValue(zeroDivision)}`);
  const beta = o.beta === Infinity ? o.beta : optNumber(fn, "beta", o.beta, 1, { min: 0 });
  return { mode, scheme, suffix: optBoolean(fn, "suffix", o.suffix, false), zeroDivision, beta };
}

type Entity = string; // "type\u0000start\u0000end"

/** seqeval `get_entities` on one sentence (the 'O' it appends between sentences ends every chunk). */
function lenientEntities(tags: readonly string[], suffix: boolean): Entity[] {
  return chunkSpans(tags, suffix).map(([type, begin, end]) => `${type}\u0000${begin}\u0000${end}`);
}

interface Token {
  readonly prefix: string;
  readonly type: string;
}

type Pattern = readonly [prev: string, current: string, tag: "same" | "diff" | "any"];

interface SchemeRules {
  readonly allowed: string;
  readonly start: readonly Pattern[];
  readonly inside: readonly Pattern[];
  readonly end: readonly Pattern[];
}

const ANY = "IOBESUL";

/**
 * seqeval.scheme's patterns, compactly: "allowed|start|inside|end", each pattern three letters
 * (previous prefix, current prefix, then a = any type, s = same type, d = different type; "*"
 * stands for any prefix).
 */
const RULE_TEXT: Readonly<Record<SeqevalScheme, string>> = {
  IOB1: "IOB|OIa IId BIa IBs BBs|BIs IIs|IId IOa IBa BOa BId BBs",
  IOE1: "IOE|OIa IId EIa EEs|IIs IEs|IId IOa IEd EIs EEs",
  IOB2: "IOB|*Ba|BIs IIs|IOa IId IBa BOa BId BBa",
  IOE2: "IOE|OIa OEa EIa EEa IId IEd|IEs IIs|E*a",
  IOBES: "IOBES|*Ba *Sa|BIs BEs IIs IEs|S*a E*a",
  BILOU: "BILOU|*Ba *Ua|BIs BLs IIs ILs|U*a L*a",
};

const TYPE_TAGS = { a: "any", s: "same", d: "diff" } as const;

const parsedRules = new Map<SeqevalScheme, SchemeRules>();

/** The rules of `scheme`, parsed from {@link RULE_TEXT} at first use. */
function schemeRules(scheme: SeqevalScheme): SchemeRules {
  const known = parsedRules.get(scheme);
  if (known !== undefined) return known;
  const [allowed, ...lists] = RULE_TEXT[scheme].split("|");
  const [start, inside, end] = lists.map((list) =>
    list.split(" ").map((p): Pattern => {
      const prefixes = (c: string): string => (c === "*" ? ANY : c);
      return [prefixes(p[0]!), prefixes(p[1]!), TYPE_TAGS[p[2] as keyof typeof TYPE_TAGS]];
    }),
  ) as [Pattern[], Pattern[], Pattern[]];
  const rules = { allowed: allowed!, start, inside, end };
  parsedRules.set(scheme, rules);
  return rules;
}

function matches(prev: Token, current: Token, patterns: readonly Pattern[]): boolean {
  for (const [p, c, tag] of patterns) {
    if (!p.includes(prev.prefix) || !c.includes(current.prefix)) continue;
    if (tag === "any" || (tag === "same") === (prev.type === current.type)) return true;
  }
  return false;
}

function strictToken(text: string, suffix: boolean): Token {
  const prefix = suffix ? (text[text.length - 1] as string) : (text[0] as string);
  const rest = suffix ? text.slice(0, -1) : text.slice(1);
  return { prefix, type: rest.replace(/^-+|-+$/g, "") || "_" };
}

/** seqeval.scheme `Tokens.entities` for one sentence (tags already validated). */
function strictEntities(tags: readonly string[], scheme: SeqevalScheme, suffix: boolean): Entity[] {
  const rules = schemeRules(scheme);
  const outside: Token = { prefix: "O", type: "_" };
  const tokens = [...tags.map((t) => strictToken(t, suffix)), outside];
  const entities: Entity[] = [];
  let prev = outside;
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i] as Token;
    if (matches(prev, token, rules.start)) {
      let end = tokens.length - 2;
      let inner = token;
      for (let k = i + 1; k < tokens.length; k++) {
        const next = tokens[k] as Token;
        if (matches(inner, next, rules.inside)) inner = next;
        else {
          end = k;
          break;
        }
      }
      if (matches(tokens[end - 1] as Token, tokens[end] as Token, rules.end))
        entities.push(`${token.type}\u0000${i}\u0000${end}`);
      i = end;
    } else i++;
    prev = tokens[i - 1] as Token;
  }
  return entities;
}

function checkSentences(fn: string, name: string, value: unknown): readonly (readonly string[])[] {
  if (!Array.isArray(value)) refuse(fn, name, "must be an array of tag sequences (string arrays)", value);
  value.forEach((sentence, i) => {
    if (!Array.isArray(sentence)) refuse(fn, name, "must contain string arrays", sentence, ` at index ${i}`);
    sentence.forEach((tag, j) => {
      if (typeof tag !== "string" || tag.length === 0)
        refuse(fn, name, "must contain non-empty tag strings", tag, ` at index ${i}.${j}`);
    });
  });
  return value as string[][];
}

function checkTags(fn: string, name: string, sentences: readonly (readonly string[])[], r: Resolved): void {
  sentences.forEach((sentence, i) => {
    sentence.forEach((tag, j) => {
      if (r.mode === "strict") {
        const allowed = schemeRules(r.scheme as SeqevalScheme).allowed;
        const prefix = r.suffix ? (tag[tag.length - 1] as string) : (tag[0] as string);
        if (!allowed.includes(prefix)) {
          invalidValue(
            `${fn}: \`${name}\` tag ${describeValue(tag)} is not valid in scheme ${r.scheme} (prefixes ${allowed.split("").join(", ")}), at index ${i}.${j}`,
          );
        }
        return;
      }
      // Lenient mode: a typeless tag other than O, B, I, E, S (or a "." prefix) could make a chunk run
      // across sentences in seqeval; reject it instead of guessing.
      const [prefix, type] = splitLenient(tag, r.suffix);
      if (prefix === "." || (type === "_" && !"OBIES".includes(prefix))) {
        invalidValue(
          `${fn}: \`${name}\` tag ${describeValue(tag)} must be O, B, I, E, S or a typed tag such as B-PER, at index ${i}.${j}`,
        );
      }
    });
  });
}

/** A counts table without a prototype, so entity types such as "constructor" are plain keys. */
function emptyCounts(): Record<string, [number, number, number]> {
  return Object.create(null) as Record<string, [number, number, number]>;
}

function bump(counts: Record<string, [number, number, number]>, type: string, slot: 0 | 1 | 2): void {
  let row = Object.hasOwn(counts, type) ? counts[type] : undefined;
  if (row === undefined) {
    row = [0, 0, 0];
    counts[type] = row;
  }
  row[slot] += 1;
}

function typeOf(entity: Entity): string {
  return entity.slice(0, entity.indexOf("\u0000"));
}

function divide(numerator: number, denominator: number, zeroDivision: number): number {
  return denominator === 0 ? zeroDivision : numerator / denominator;
}

/** seqeval's F-beta: (1 + beta^2) P R / (beta^2 P + R), a zero denominator counting as 1; recall for beta = Infinity. */
function fScore(p: number, r: number, beta: number): number {
  if (beta === Infinity) return r;
  const beta2 = beta * beta;
  const denom = beta2 * p + r;
  return ((1 + beta2) * p * r) / (denom === 0 ? 1 : denom);
}

function perType(state: SeqevalState, zeroDivision: number, beta: number): SeqevalPerType {
  const labels = Object.keys(state.counts).sort(compareCodePoints);
  const precision: number[] = [];
  const recall: number[] = [];
  const f1: number[] = [];
  const support: number[] = [];
  for (const label of labels) {
    const [tp, pred, truth] = state.counts[label] as [number, number, number];
    const p = divide(tp, pred, zeroDivision);
    const r = divide(tp, truth, zeroDivision);
    precision.push(p);
    recall.push(r);
    f1.push(fScore(p, r, beta));
    support.push(truth);
  }
  return { labels, precision, recall, f1, support };
}

function averaged(
  state: SeqevalState,
  average: "micro" | "macro" | "weighted",
  zeroDivision: number,
  beta: number,
): SeqevalAveraged {
  const per = perType(state, zeroDivision, beta);
  const support = per.support.reduce((a, b) => a + b, 0);
  if (average === "micro") {
    let tp = 0;
    let pred = 0;
    for (const label of per.labels) {
      const row = state.counts[label] as [number, number, number];
      tp += row[0];
      pred += row[1];
    }
    const p = divide(tp, pred, zeroDivision);
    const r = divide(tp, support, zeroDivision);
    return { precision: p, recall: r, f1: fScore(p, r, beta), support };
  }
  const n = per.labels.length;
  if (average === "weighted") {
    if (support === 0) {
      const predicted = per.labels.some((l) => (state.counts[l] as [number, number, number])[1] > 0);
      return {
        precision: predicted ? 0 : zeroDivision,
        recall: zeroDivision,
        f1: predicted ? 0 : zeroDivision,
        support,
      };
    }
    const w = (values: readonly number[]): number =>
      values.reduce((acc, v, i) => acc + v * (per.support[i] as number), 0) / support;
    return { precision: w(per.precision), recall: w(per.recall), f1: w(per.f1), support };
  }
  // numpy's average of an empty array is NaN (no entity types at all).
  const m = (values: readonly number[]): number => (n === 0 ? NaN : values.reduce((a, b) => a + b, 0) / n);
  return { precision: m(per.precision), recall: m(per.recall), f1: m(per.f1), support };
}

/**
 * seqeval as a mergeable metric: the state holds, per entity type, true positives, predicted and
 * true entity counts, plus token counts for accuracy. `compute` returns the per-type and averaged
 * scores. Entities are matched per sentence on (type, start, end).
 *
 * Matches seqeval 1.2.2 (default mode = `mode=None`; strict = `mode="strict", scheme=...`).
 * Undefined precision or recall take `zeroDivision` (0, as seqeval's "warn"); macro over no entity
 * type is NaN (numpy's mean of nothing), weighted with no true entity follows seqeval's special case.
 * Cost: O(tokens).
 */
export function seqevalDef(
  options?: SeqevalOptions,
): MetricDef<
  SeqevalState,
  [predictions: readonly (readonly string[])[], targets: readonly (readonly string[])[]],
  SeqevalResult
> {
  const r = resolve(options, "seqeval");
  const id = seqevalMeta.id;
  return {
    id,
    meta: seqevalMeta,
    options: {
      mode: r.mode,
      ...(r.scheme === undefined ? {} : { scheme: r.scheme }),
      suffix: r.suffix,
      zeroDivision: r.zeroDivision,
      beta: r.beta,
    },
    init: () => ({ counts: emptyCounts(), correctTokens: 0, totalTokens: 0 }),
    update(state, predictions, targets) {
      const preds = checkSentences("seqeval", "predictions", predictions);
      const truth = checkSentences("seqeval", "targets", targets);
      if (preds.length !== truth.length)
        shapeMismatch(
          `seqeval: \`predictions\` and \`targets\` must have the same number of sentences, got ${preds.length} and ${truth.length}`,
        );
      preds.forEach((p, i) => {
        const t = truth[i] as readonly string[];
        if (p.length !== t.length)
          shapeMismatch(`seqeval: sentence ${i} has ${p.length} predicted tags and ${t.length} target tags`);
      });
      checkTags("seqeval", "predictions", preds, r);
      checkTags("seqeval", "targets", truth, r);
      const extract = (tags: readonly string[]): Entity[] =>
        r.mode === "strict"
          ? strictEntities(tags, r.scheme as SeqevalScheme, r.suffix)
          : lenientEntities(tags, r.suffix);
      preds.forEach((p, i) => {
        const t = truth[i] as readonly string[];
        const predicted = new Set(extract(p));
        const actual = new Set(extract(t));
        for (const e of predicted) {
          bump(state.counts, typeOf(e), 1);
          if (actual.has(e)) bump(state.counts, typeOf(e), 0);
        }
        for (const e of actual) bump(state.counts, typeOf(e), 2);
        for (let k = 0; k < p.length; k++) if (p[k] === t[k]) state.correctTokens++;
        state.totalTokens += p.length;
      });
    },
    merge(a, b) {
      const counts = emptyCounts();
      for (const source of [a.counts, b.counts]) {
        for (const [type, row] of Object.entries(source)) {
          const target = Object.hasOwn(counts, type) ? counts[type]! : [0, 0, 0];
          counts[type] = [target[0] + row[0], target[1] + row[1], target[2] + row[2]];
        }
      }
      return {
        counts,
        correctTokens: a.correctTokens + b.correctTokens,
        totalTokens: a.totalTokens + b.totalTokens,
      };
    },
    compute(state) {
      return {
        micro: averaged(state, "micro", r.zeroDivision, r.beta),
        macro: averaged(state, "macro", r.zeroDivision, r.beta),
        weighted: averaged(state, "weighted", r.zeroDivision, r.beta),
        perType: perType(state, r.zeroDivision, r.beta),
        accuracy: state.totalTokens === 0 ? NaN : state.correctTokens / state.totalTokens,
      };
    },
    validateState(state): asserts state is SeqevalState {
      checkState(id, state, {
        counts: field.custom(checkEntityCounts),
        correctTokens: field.count(),
        totalTokens: field.count(),
      });
      checkAtMost(id, state as SeqevalState, "correctTokens", "totalTokens");
    },
  };
}

/** Per entity type [true positives, predicted, true]: counts with tp <= predicted and tp <= true. */
function checkEntityCounts(value: unknown, path: string, id: string): void {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    invalidState(`${id}: ${path} must be an object of entity types, got ${describeValue(value)}`);
  for (const [type, row] of Object.entries(value)) {
    const ok =
      Array.isArray(row) &&
      row.length === 3 &&
      row.every((v) => Number.isInteger(v) && v >= 0) &&
      row[0] <= row[1] &&
      row[0] <= row[2];
    if (!ok)
      invalidState(
        `${id}: ${path}.${type} must be [true positives, predicted, true] counts with true positives at most each of the others, got ${describeValue(row)}`,
      );
  }
}

/** Everything seqeval reports for one set of options. */
export interface SeqevalResult {
  readonly micro: SeqevalAveraged;
  readonly macro: SeqevalAveraged;
  readonly weighted: SeqevalAveraged;
  readonly perType: SeqevalPerType;
  /** Token accuracy (seqeval `accuracy_score`); NaN with no tokens (seqeval divides by zero). */
  readonly accuracy: number;
}

/**
 * Entity-level precision, recall, F1 (micro, macro, weighted, per type) and token accuracy.
 *
 * @example seqeval([["B-PER", "I-PER", "O"]], [["B-PER", "I-PER", "O"]]).micro.f1 // 1
 */
export function seqeval(
  predictions: readonly (readonly string[])[],
  targets: readonly (readonly string[])[],
  options?: SeqevalOptions,
): SeqevalResult {
  return runOnce(seqevalDef(options), predictions, targets);
}

/**
 * seqeval's `precision_score`/`recall_score`/`f1_score` with one `average` (`"none"`: per-type
 * arrays in sorted label order, as `average=None`).
 */
export function seqevalScores(
  predictions: readonly (readonly string[])[],
  targets: readonly (readonly string[])[],
  options: SeqevalOptions & { readonly average: "none" },
): SeqevalPerType;
export function seqevalScores(
  predictions: readonly (readonly string[])[],
  targets: readonly (readonly string[])[],
  options?: SeqevalOptions & { readonly average?: "micro" | "macro" | "weighted" },
): SeqevalAveraged;
export function seqevalScores(
  predictions: readonly (readonly string[])[],
  targets: readonly (readonly string[])[],
  options?: SeqevalOptions & { readonly average?: SeqevalAverage },
): SeqevalAveraged | SeqevalPerType {
  const fn = "seqevalScores";
  const o = readOptions<SeqevalScoresOptions>(fn, options, [...SEQEVAL_OPTIONS, "average"]);
  const average = optOneOf(fn, "average", o.average, ["micro", "macro", "weighted", "none"], "micro");
  const { average: _ignored, ...rest } = o;
  resolveRecord(rest, fn);
  const result = runOnce(seqevalDef(rest), predictions, targets);
  return average === "none" ? result.perType : result[average];
}

interface SeqevalScoresOptions extends SeqevalOptions {
  readonly average?: SeqevalAverage;
}

/** seqeval `accuracy_score`: the fraction of tokens whose tag equals the target's. */
export function seqevalAccuracy(
  predictions: readonly (readonly string[])[],
  targets: readonly (readonly string[])[],
  options?: Record<string, never>,
): number {
  readOptions("seqevalAccuracy", options, []);
  const result = seqeval(predictions, targets);
  if (Number.isNaN(result.accuracy)) emptyInput("seqevalAccuracy: `targets` has no tokens");
  return result.accuracy;
}

/**
 * seqeval `classification_report`: per-type rows, then micro, macro and weighted averages, as data
 * and as seqeval's text table (`digits` decimals, default 2).
 */
export function seqevalClassificationReport(
  predictions: readonly (readonly string[])[],
  targets: readonly (readonly string[])[],
  options?: SeqevalOptions & { readonly digits?: number },
): SeqevalReport {
  const fn = "seqevalClassificationReport";
  const o = readOptions<SeqevalOptions & { readonly digits?: number }>(fn, options, [
    ...SEQEVAL_OPTIONS,
    "digits",
  ]);
  const digits = optInteger(fn, "digits", o.digits, 2, { min: 0, max: 20 });
  const { digits: _ignored, ...rest } = o;
  resolveRecord(rest, fn);
  const result = runOnce(seqevalDef(rest), predictions, targets);
  const rows: SeqevalReportRow[] = result.perType.labels.map((label, i) => ({
    label,
    precision: result.perType.precision[i] as number,
    recall: result.perType.recall[i] as number,
    f1: result.perType.f1[i] as number,
    support: result.perType.support[i] as number,
  }));
  const averages: SeqevalReportRow[] = (["micro", "macro", "weighted"] as const).map((a) => ({
    label: `${a} avg`,
    ...result[a],
  }));
  const width = Math.max(...rows.map((row) => Array.from(row.label).length), "weighted avg".length, digits);
  const line = (row: SeqevalReportRow): string =>
    `${row.label.padStart(width)} ${[row.precision, row.recall, row.f1].map((v) => ` ${pyFixed(v, digits).padStart(9)}`).join("")} ${String(row.support).padStart(9)}`;
  const header = `${"".padStart(width)} ${["precision", "recall", "f1-score", "support"].map((h) => ` ${h.padStart(9)}`).join("")}`;
  const text = `${header}\n\n${[...rows.map(line), "", ...averages.map(line), ""].join("\n")}`;
  return { rows: [...rows, ...averages], text };
}
