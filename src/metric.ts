import { decodeState, encodeState } from "./core/codec.js";
import { describeValue, fail } from "./core/errors.js";
import { sha256 } from "./core/sha256.js";

/**
 * What a definition carries of its catalog entry: what computing, validating and signing read.
 * The rest (title, formula, references, usage, ...) is the entry with the same id in
 * `plumbline/catalog`, so a browser bundle of a metric does not ship the catalog's text.
 */
export interface MetricMeta {
  /** The catalog id, "<area>/<snake_name>"; a definition's own `id` may name a variant of it. */
  readonly id: string;
  /** [min, max]; infinities allowed. */
  readonly range: readonly [number, number];
  readonly direction: "higher" | "lower" | "none";
  /**
   * The reference implementations whose conventions its numbers follow, as `name-version`
   * (`torchmetrics-1.9.0`), the default first: a signature's `ref:` is the one its `convention`
   * option names, otherwise the first. Absent or empty: it follows a paper's formula.
   */
  readonly conventions?: readonly string[];
}

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
  /** What computing and signing read of its catalog entry; the rest is in `plumbline/catalog`. */
  readonly meta: MetricMeta;
  /** The options the def was built with (JSON-safe); saved by `toJSON` and checked by `fromJSON`. */
  readonly options?: Readonly<Record<string, unknown>>;
  init(): State;
  update(state: State, ...args: Args): void;
  merge(a: State, b: State): State;
  compute(state: State): Result;
  /** Optional structural check of a decoded state (fromJSON); throw `invalid_state` on mismatch. */
  validateState?(state: unknown): asserts state is State;
  /**
   * Defs with equal `stateKey`s keep identical states and update them identically from the same
   * arguments, so a collection updates them once (torchmetrics' compute groups). Absent: the def
   * shares its state with no other.
   */
  readonly stateKey?: string;
}

/** Any metric definition, for registries. */
// biome-ignore lint/suspicious/noExplicitAny: registries hold defs of every state and argument type.
export type AnyMetricDef = MetricDef<any, any[], unknown>;

/**
 * Where a snapshot's data came from: a content hash of the state it was taken from, plus an
 * optional label the caller chose (a file name, a byte range, a job id). A merged state carries
 * the identities of every shard folded into it, so merging the same shard twice is refused.
 */
export interface ShardIdentity {
  readonly hash: string;
  readonly label?: string;
}

/** What `toJSON` writes: the metric id, its options, its encoded state and its shard identities. */
export interface MetricSnapshot {
  id: string;
  options: unknown;
  state: unknown;
  /** The shards folded into this state (absent in snapshots written before 0.2). */
  shards?: readonly ShardIdentity[];
}

/** The stateful object users expect, built by {@link createMetric}. */
export interface Metric<State, Args extends unknown[], Result> {
  readonly id: string;
  readonly def: MetricDef<State, Args, Result>;
  /** The current state (read it, do not mutate it). */
  readonly state: State;
  /** The shards folded into this metric so far (by `fromJSON`, `merge` and `snapshot`). */
  readonly shards: readonly ShardIdentity[];
  update(...args: Args): this;
  compute(): Result;
  reset(): this;
  /**
   * Folds another metric (or a plain, validated state) into this one. Refused with
   * `invalid_state` when the other metric has another id or other options, or shares a shard.
   */
  merge(other: Metric<State, Args, Result> | State): this;
  /** JSON-safe snapshot `{ id, options, state, shards }`; same as `snapshot()`. */
  toJSON(): MetricSnapshot;
  /**
   * JSON-safe snapshot whose data since the last snapshot becomes one shard, identified by the
   * SHA-256 of the state and the optional `label`.
   */
  snapshot(options?: { label?: string }): MetricSnapshot;
  /** Replaces the state with one produced by `toJSON()` (of this metric's id and options). */
  fromJSON(json: unknown): this;
}

/** JSON with object keys sorted, so equal options compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v as object)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

/** The canonical text of a def's options (what snapshots store and merges compare). */
export function optionsKey(def: { readonly options?: Readonly<Record<string, unknown>> }): string {
  return canonicalJson(encodeState(def.options ?? {}));
}

const MAX_SHARDS = 1_000_000;

function readShards(id: string, value: unknown): ShardIdentity[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > MAX_SHARDS)
    fail(
      "invalid_state",
      `${id}: snapshot.shards must be an array of shard identities, got ${describeValue(value)}`,
    );
  const seen = new Set<string>();
  return value.map((shard: unknown, i) => {
    const s = shard as { hash?: unknown; label?: unknown } | null;
    const keysOk =
      s !== null && typeof s === "object" && Object.keys(s).every((k) => k === "hash" || k === "label");
    if (
      !keysOk ||
      typeof s.hash !== "string" ||
      !/^[0-9a-f]{64}$/.test(s.hash) ||
      (s.label !== undefined && (typeof s.label !== "string" || s.label.length > 1000))
    )
      fail(
        "invalid_state",
        `${id}: snapshot.shards[${i}] must be { hash: 64 hex digits, label?: string }, got ${describeValue(shard)}`,
      );
    const identity: ShardIdentity =
      s.label === undefined ? { hash: s.hash } : { hash: s.hash, label: s.label };
    const key = shardKey(identity);
    if (seen.has(key)) fail("invalid_state", `${id}: snapshot.shards lists shard ${key} twice`);
    seen.add(key);
    return identity;
  });
}

/** `label#hash-prefix`, how shards are named in messages and compared. */
export function shardKey(shard: ShardIdentity): string {
  return shard.label === undefined ? shard.hash : `${shard.label}#${shard.hash}`;
}

/** Fails when the two shard lists share a shard (the same data would be counted twice). */
export function assertDisjointShards(
  id: string,
  a: readonly ShardIdentity[],
  b: readonly ShardIdentity[],
): void {
  if (a.length === 0 || b.length === 0) return;
  const keys = new Set(a.map(shardKey));
  for (const shard of b) {
    if (keys.has(shardKey(shard)))
      fail(
        "invalid_state",
        `${id}: shard ${shard.label ?? ""}${shard.label ? " " : ""}(sha256 ${shard.hash.slice(0, 12)}…) is already merged; merging it again would count its data twice`,
      );
  }
}

class MetricImpl<State, Args extends unknown[], Result> implements Metric<State, Args, Result> {
  readonly def: MetricDef<State, Args, Result>;
  #state: State;
  #shards: ShardIdentity[] = [];
  /** Updated since the last snapshot (data not yet part of a shard). */
  #unsealed = false;

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

  get shards(): readonly ShardIdentity[] {
    return this.#shards;
  }

  update(...args: Args): this {
    // Defs validate a whole batch before mutating, so a rejected batch leaves the state as it was.
    this.def.update(this.#state, ...args);
    this.#unsealed = true;
    return this;
  }

  compute(): Result {
    return this.def.compute(this.#state);
  }

  reset(): this {
    this.#state = this.def.init();
    this.#shards = [];
    this.#unsealed = false;
    return this;
  }

  merge(other: Metric<State, Args, Result> | State): this {
    if (other === null || other === undefined || typeof other !== "object")
      fail("invalid_state", `${this.id}: merge expects a metric or a state, got ${describeValue(other)}`);
    if (other instanceof MetricImpl) {
      if (other.id !== this.id) fail("invalid_state", `${this.id}: cannot merge a state of ${other.id}`);
      const ours = optionsKey(this.def);
      const theirs = optionsKey(other.def);
      if (ours !== theirs)
        fail(
          "invalid_state",
          `${this.id}: cannot merge a metric built with options ${theirs} into one with ${ours}`,
        );
      assertDisjointShards(this.id, this.#shards, other.shards);
      this.#state = this.def.merge(this.#state, other.state as State);
      this.#shards = [...this.#shards, ...other.shards];
      if (other.#unsealed) this.#unsealed = true;
      return this;
    }
    const validate: ((state: unknown) => void) | undefined = this.def.validateState;
    validate?.call(this.def, other);
    this.#state = this.def.merge(this.#state, other as State);
    this.#unsealed = true;
    return this;
  }

  snapshot(options: { label?: string } = {}): MetricSnapshot {
    const encodedOptions = encodeState(this.def.options ?? {});
    const state = encodeState(this.#state);
    if (this.#unsealed) {
      const label = options.label;
      if (label !== undefined && (typeof label !== "string" || label.length > 1000))
        fail("invalid_option", `${this.id}: snapshot label must be a string of at most 1000 characters`);
      const hash = sha256(
        canonicalJson({ id: this.id, options: encodedOptions, state, shards: this.#shards }),
      );
      this.#shards = [...this.#shards, label === undefined ? { hash } : { hash, label }];
      this.#unsealed = false;
    }
    return { id: this.id, options: encodedOptions, state, shards: this.#shards };
  }

  toJSON(): MetricSnapshot {
    return this.snapshot();
  }

  fromJSON(json: unknown): this {
    const { state, shards } = decodeMetricSnapshot(this.def, json);
    this.#state = state;
    this.#shards = shards;
    this.#unsealed = false;
    return this;
  }
}

/** Decodes `{ id, options, state }` (from `toJSON`) for `def`, checking the id and the state's shape. */
export function decodeMetricState<State>(
  def: MetricDef<State, never, unknown> | MetricDef<State, unknown[], unknown>,
  json: unknown,
): State {
  return decodeMetricSnapshot(def, json).state;
}

/** Decodes a snapshot for `def`: its validated state and its shard identities. */
export function decodeMetricSnapshot<State>(
  def: MetricDef<State, never, unknown> | MetricDef<State, unknown[], unknown>,
  json: unknown,
): { state: State; shards: ShardIdentity[] } {
  const parsed = typeof json === "string" ? safeParse(json, def.id) : json;
  if (
    parsed === null ||
    typeof parsed !== "object" ||
    Array.isArray(parsed) ||
    !Object.hasOwn(parsed, "state") ||
    !Object.hasOwn(parsed, "id")
  ) {
    fail(
      "invalid_state",
      `${def.id}: fromJSON expects { id, state } from toJSON(), got ${describeValue(parsed)}`,
    );
  }
  const record = parsed as Record<string, unknown>;
  for (const key of Object.keys(record))
    if (!["id", "options", "state", "shards"].includes(key))
      fail("invalid_state", `${def.id}: fromJSON got a snapshot with the unexpected field "${key}"`);
  const { id, state, options } = record;
  if (id !== def.id) fail("invalid_state", `${def.id}: fromJSON got a state of ${describeValue(id)}`);
  if (options !== undefined) {
    const ours = optionsKey(def);
    const theirs = canonicalJson(encodeState(decodeState(options)));
    if (ours !== theirs)
      fail(
        "invalid_state",
        `${def.id}: fromJSON got a state made with options ${theirs}, this metric has ${ours}`,
      );
  }
  const shards = readShards(def.id, record.shards);
  const decoded = decodeState(state);
  const validate: ((state: unknown) => void) | undefined = def.validateState;
  validate?.call(def, decoded);
  return { state: decoded as State, shards };
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
