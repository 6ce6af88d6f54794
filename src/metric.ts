import type { CatalogEntry } from "./catalog/types.js";
import { decodeState, encodeState } from "./core/codec.js";
import { describeValue, fail } from "./core/errors.js";

/**
 * The Metric contract: plain data plus four functions, so a state can cross worker threads,
 * processes and machines as JSON.
 *
 * - `update` folds a batch in and mutates only `state`.
 * - `merge` combines two partial states into a new one (neither argument is changed).
 * - `compute` is pure.
 *
 * Invariant every metric's tests check: splitting the data into batches in any way, updating
 * separate states and merging them gives the same result as one update over everything.
 */
export interface MetricDef<State, Args extends unknown[], Result> {
  /** Stable id, used by the catalog and the CLI: "classification/binary_auroc". */
  readonly id: string;
  /** Catalog metadata (formula, range, direction, references). */
  readonly meta: CatalogEntry;
  /** The options the def was built with (JSON-safe); saved by `toJSON` and checked by `fromJSON`. */
  readonly options?: Readonly<Record<string, unknown>>;
  init(): State;
  update(state: State, ...args: Args): void;
  merge(a: State, b: State): State;
  compute(state: State): Result;
  /** Optional structural check of a decoded state (fromJSON); throw `invalid_state` on mismatch. */
  validateState?(state: unknown): asserts state is State;
}

/** Any metric definition, for registries. */
// biome-ignore lint/suspicious/noExplicitAny: registries hold defs of every state and argument type.
export type AnyMetricDef = MetricDef<any, any[], unknown>;

/** What `toJSON` writes: the metric id, its options and its encoded state. */
export interface MetricSnapshot {
  id: string;
  options: unknown;
  state: unknown;
}

/** The stateful object users expect, built by {@link createMetric}. */
export interface Metric<State, Args extends unknown[], Result> {
  readonly id: string;
  readonly def: MetricDef<State, Args, Result>;
  /** The current state (read it, do not mutate it). */
  readonly state: State;
  update(...args: Args): this;
  compute(): Result;
  reset(): this;
  /** Folds another metric's (or a plain state's) data into this one. */
  merge(other: Metric<State, Args, Result> | State): this;
  /** JSON-safe snapshot of the state, `{ id, options, state }`. */
  toJSON(): MetricSnapshot;
  /** Replaces the state with one produced by `toJSON()` (of this metric's id). */
  fromJSON(json: unknown): this;
}

class MetricImpl<State, Args extends unknown[], Result> implements Metric<State, Args, Result> {
  readonly def: MetricDef<State, Args, Result>;
  #state: State;

  constructor(def: MetricDef<State, Args, Result>) {
    this.def = def;
    this.#state = def.init();
  }

  get id(): string {
    return this.def.id;
  }

  get state(): State {
    return this.#state;
  }

  update(...args: Args): this {
    // Update a scratch copy only if the def may throw half-way? Defs validate before mutating,
    // so a rejected batch leaves the state as it was.
    this.def.update(this.#state, ...args);
    return this;
  }

  compute(): Result {
    return this.def.compute(this.#state);
  }

  reset(): this {
    this.#state = this.def.init();
    return this;
  }

  merge(other: Metric<State, Args, Result> | State): this {
    const otherState = other instanceof MetricImpl ? (other.state as State) : (other as State);
    if (other instanceof MetricImpl && other.id !== this.id) {
      fail("invalid_state", `${this.id}: cannot merge a state of ${other.id}`);
    }
    this.#state = this.def.merge(this.#state, otherState);
    return this;
  }

  toJSON(): MetricSnapshot {
    return { id: this.id, options: encodeState(this.def.options ?? {}), state: encodeState(this.#state) };
  }

  fromJSON(json: unknown): this {
    this.#state = decodeMetricState(this.def, json);
    return this;
  }
}

/** Decodes `{ id, state }` (from `toJSON`) for `def`, checking the id and the state's shape. */
export function decodeMetricState<State>(
  def: MetricDef<State, never, unknown> | MetricDef<State, unknown[], unknown>,
  json: unknown,
): State {
  const parsed = typeof json === "string" ? safeParse(json, def.id) : json;
  if (parsed === null || typeof parsed !== "object" || !("state" in parsed) || !("id" in parsed)) {
    fail(
      "invalid_state",
      `${def.id}: fromJSON expects { id, state } from toJSON(), got ${describeValue(parsed)}`,
    );
  }
  const { id, state, options } = parsed as { id: unknown; state: unknown; options?: unknown };
  if (id !== def.id) fail("invalid_state", `${def.id}: fromJSON got a state of ${describeValue(id)}`);
  if (options !== undefined) {
    const ours = JSON.stringify(encodeState(def.options ?? {}));
    const theirs = JSON.stringify(options);
    if (ours !== theirs)
      fail(
        "invalid_state",
        `${def.id}: fromJSON got a state made with options ${theirs}, this metric has ${ours}`,
      );
  }
  const decoded = decodeState(state);
  const validate: ((state: unknown) => void) | undefined = def.validateState;
  validate?.call(def, decoded);
  return decoded as State;
}

function safeParse(text: string, id: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    return fail("invalid_state", `${id}: fromJSON got text that is not JSON (${(error as Error).message})`);
  }
}

/** Builds the stateful metric object for a definition. */
export function createMetric<State, Args extends unknown[], Result>(
  def: MetricDef<State, Args, Result>,
): Metric<State, Args, Result> {
  return new MetricImpl(def);
}

/** The one-shot form of a metric: `init → update → compute`, nothing else. */
export function runOnce<State, Args extends unknown[], Result>(
  def: MetricDef<State, Args, Result>,
  ...args: Args
): Result {
  const state = def.init();
  def.update(state, ...args);
  return def.compute(state);
}
