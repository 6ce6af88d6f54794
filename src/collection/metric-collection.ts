/**
 * A collection of metrics that is itself a MetricDef (torchmetrics' `MetricCollection`): one
 * `update` feeds every member the same arguments, one snapshot holds every state, collections
 * merge, cross worker threads (`evaluateInWorkers`) and files (`plumbline merge`).
 *
 * Compute groups: members whose defs have equal `stateKey`s keep identical states (the stat-score
 * family of one task and options, the curve family), so the collection keeps one state per group
 * and updates it once; each member computes from its group's state.
 *
 * A collection's id is `collection/metrics` and its options name every member's id and options,
 * so the registry rebuilds it member by member (see `rebuildCollection`).
 */
import { describeValue, fail } from "../core/errors.js";
import type { AnyMetricDef, MetricDef, MetricMeta } from "../metric.js";

export const COLLECTION_ID = "collection/metrics";

/** The most members a collection may hold (a bound on decoded options). */
export const MAX_MEMBERS = 1000;

/** One state per compute group, keyed by the group's first member. */
export type CollectionState = Record<string, unknown>;

/** What a collection's options hold: each member's id and options. */
export interface CollectionOptions {
  readonly metrics: Readonly<
    Record<string, { readonly id: string; readonly options: Readonly<Record<string, unknown>> }>
  >;
}

/** The result of each member, by name. */
export type CollectionResult<M extends Record<string, AnyMetricDef>> = {
  [K in keyof M]: M[K] extends MetricDef<never, never, infer R> ? R : unknown;
};

export const collectionMeta: MetricMeta = {
  id: COLLECTION_ID,
  range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
  direction: "none",
  conventions: ["torchmetrics-1.9.0"],
};

/** Each collection def's members and compute groups, for {@link computeGroups} and {@link memberStates}. */
const groupsOf = new WeakMap<object, readonly (readonly string[])[]>();
const membersOf = new WeakMap<object, Readonly<Record<string, AnyMetricDef>>>();

const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

function checkName(name: string): void {
  if (name.length === 0 || name.length > 200 || FORBIDDEN.has(name))
    fail("invalid_option", `metricCollection: member name ${describeValue(name)} is not allowed`);
}

function isGrowable(value: object): value is { data: ArrayBufferView; length: number } {
  const keys = Object.keys(value);
  return keys.length === 2 && ArrayBuffer.isView((value as { data?: unknown }).data) && "length" in value;
}

/**
 * A copy of `state` to restore if a later group refuses the batch: plain data copied, typed
 * arrays copied, growable buffers (core/buffer.ts: append-only) kept by reference with their
 * length, so a checkpoint of an O(n) exact-curve state costs O(1).
 */
function checkpoint(state: unknown): unknown {
  if (state === null || typeof state !== "object") return state;
  if (ArrayBuffer.isView(state)) return (state as unknown as Float64Array).slice();
  if (Array.isArray(state)) return state.map(checkpoint);
  if (isGrowable(state)) return { data: state.data, length: state.length };
  return Object.fromEntries(Object.entries(state).map(([k, v]) => [k, checkpoint(v)]));
}

/**
 * A collection of named metric definitions as one MetricDef: `metricCollection({ f1:
 * multiclassF1Def({ numClasses: 3 }), auroc: multiclassAurocDef({ numClasses: 3 }) })`. Every
 * member receives the same `update` arguments; the result is `{ f1, auroc }`. A batch a member
 * refuses leaves every state as it was.
 */
export function metricCollection<M extends Record<string, AnyMetricDef>>(
  members: M,
): MetricDef<CollectionState, unknown[], CollectionResult<M>> {
  if (typeof members !== "object" || members === null || Array.isArray(members))
    fail(
      "invalid_option",
      `metricCollection: members must be an object of named defs, got ${describeValue(members)}`,
    );
  const names = Object.keys(members);
  if (names.length === 0) fail("invalid_option", "metricCollection: needs at least one member");
  if (names.length > MAX_MEMBERS)
    fail("invalid_option", `metricCollection: at most ${MAX_MEMBERS} members, got ${names.length}`);
  const groupOf = new Map<string, string>();
  const groups: { name: string; def: AnyMetricDef }[] = [];
  const byKey = new Map<string, string>();
  for (const name of names) {
    checkName(name);
    const def = members[name]!;
    if (
      typeof def !== "object" ||
      def === null ||
      typeof def.update !== "function" ||
      typeof def.id !== "string"
    )
      fail(
        "invalid_option",
        `metricCollection: member ${name} must be a metric definition, got ${describeValue(def)}`,
      );
    const key = def.stateKey === undefined ? undefined : `${def.stateKey}`;
    const shared = key === undefined ? undefined : byKey.get(key);
    if (shared !== undefined) {
      groupOf.set(name, shared);
      continue;
    }
    if (key !== undefined) byKey.set(key, name);
    groupOf.set(name, name);
    groups.push({ name, def });
  }
  const options: CollectionOptions = {
    metrics: Object.fromEntries(
      names.map((n) => [n, { id: members[n]!.id, options: { ...(members[n]!.options ?? {}) } }]),
    ),
  };
  const def: MetricDef<CollectionState, unknown[], CollectionResult<M>> = {
    id: COLLECTION_ID,
    meta: collectionMeta,
    options: options as unknown as Record<string, unknown>,
    init: () => Object.fromEntries(groups.map((g) => [g.name, g.def.init()])),
    update(state, ...args) {
      const saved = groups.slice(0, -1).map((g) => checkpoint(state[g.name]));
      let i = 0;
      try {
        for (; i < groups.length; i++) groups[i]!.def.update(state[groups[i]!.name], ...args);
      } catch (error) {
        for (let k = 0; k < i; k++) state[groups[k]!.name] = saved[k];
        throw error;
      }
    },
    merge: (a, b) => Object.fromEntries(groups.map((g) => [g.name, g.def.merge(a[g.name], b[g.name])])),
    compute: (state) =>
      Object.fromEntries(
        names.map((n) => [n, members[n]!.compute(state[groupOf.get(n)!])]),
      ) as CollectionResult<M>,
    validateState(state): asserts state is CollectionState {
      if (typeof state !== "object" || state === null || Array.isArray(state) || ArrayBuffer.isView(state))
        fail(
          "invalid_state",
          `${COLLECTION_ID}: state must be an object of group states, got ${describeValue(state)}`,
        );
      const record = state as Record<string, unknown>;
      for (const key of Object.keys(record))
        if (!groups.some((g) => g.name === key))
          fail("invalid_state", `${COLLECTION_ID}: state has the unexpected group "${key}"`);
      for (const g of groups) {
        if (!Object.hasOwn(record, g.name))
          fail("invalid_state", `${COLLECTION_ID}: state lacks the group "${g.name}"`);
        const validate: ((s: unknown) => void) | undefined = g.def.validateState;
        validate?.call(g.def, record[g.name]);
      }
    },
  };
  groupsOf.set(
    def,
    groups.map((g) => names.filter((n) => groupOf.get(n) === g.name)),
  );
  membersOf.set(def, { ...members });
  return def;
}

/** The member names of each compute group of a collection built by {@link metricCollection} (else undefined). */
export function computeGroups(def: AnyMetricDef): string[][] | undefined {
  return groupsOf.get(def)?.map((g) => [...g]);
}

/** The members of a collection built by {@link metricCollection} by name (undefined for any other def). */
export function collectionMembers(def: AnyMetricDef): Readonly<Record<string, AnyMetricDef>> | undefined {
  const members = membersOf.get(def);
  return members === undefined ? undefined : { ...members };
}

/**
 * Each member of a collection built by {@link metricCollection} with the state it computes from
 * (its group's state): `{ name: { def, state } }`, e.g. to write one snapshot per member.
 */
export function memberStates(
  def: AnyMetricDef,
  state: CollectionState,
): Record<string, { def: AnyMetricDef; state: unknown }> {
  const members = membersOf.get(def);
  const groups = groupsOf.get(def);
  if (!members || !groups) return fail("invalid_option", `memberStates: ${def.id} is not a metricCollection`);
  const out: Record<string, { def: AnyMetricDef; state: unknown }> = {};
  for (const group of groups)
    for (const name of group) out[name] = { def: members[name]!, state: state[group[0]!] };
  return out;
}
