/**
 * Worker of the state fuzz test (state-fuzz.test.ts): for one sample metric, takes a real
 * snapshot, applies fast-check generated mutations (values → NaN/±Inf/huge/negative, lengths,
 * ids, options, nesting, base64, prototype keys), then decodes (through the registry, as
 * `plumbline merge` does), merges with a valid metric and computes. Posts `start` before each
 * run and `done` after it, so the parent can stop a run that takes too long.
 */
import { parentPort, workerData } from "node:worker_threads";
import fc from "fast-check";
import { createMetric, decodeState, isPlumblineError } from "../../dist/core/index.js";
import { findDefinition } from "../../dist/metrics/registry.js";
import { loadSample } from "./samples/index.mjs";

const { area, index, seed, runs } = workerData;
const sample = await loadSample(area, index);
const def = sample.def;
const metric = createMetric(def);
for (const batch of sample.batches) metric.update(...batch);
const original = JSON.parse(JSON.stringify(metric.snapshot({ label: "fuzz" })));

/** Every path to a mutable place in the encoded snapshot. */
function places(value, path = []) {
  const out = [{ path, value }];
  if (value !== null && typeof value === "object") {
    if (typeof value.$typed === "string") return out;
    for (const key of Object.keys(value)) out.push(...places(value[key], [...path, key]));
  }
  return out;
}

// Not the root itself: a snapshot replaced by a bare value is not a snapshot the suite can decode.
const targets = places(original).filter((p) => p.path.length > 0 && p.path[0] !== "shards");

const numberValues = [
  { $number: "NaN" },
  { $number: "Infinity" },
  { $number: "-Infinity" },
  -1,
  -9,
  0.5,
  7,
  1e308,
  2 ** 53 + 2,
  1e9,
  "7",
  null,
  true,
];
const elementValues = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, 7, 1e300, -1e300, 0.5, 2 ** 40];
const typedNames = ["Float64Array", "Float32Array", "Uint8Array", "Int32Array", "Float128Array"];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("value"), at: fc.nat(), to: fc.constantFrom(...numberValues) }),
  fc.record({
    kind: fc.constant("element"),
    at: fc.nat(),
    element: fc.nat(),
    to: fc.constantFrom(...elementValues),
  }),
  fc.record({ kind: fc.constant("resize"), at: fc.nat(), by: fc.integer({ min: -5, max: 5 }) }),
  fc.record({ kind: fc.constant("retype"), at: fc.nat(), to: fc.constantFrom(...typedNames) }),
  fc.record({ kind: fc.constant("junkBase64"), at: fc.nat(), junk: fc.constantFrom("!", "$", "é", " ", "===") }),
  fc.record({ kind: fc.constant("dropKey"), at: fc.nat() }),
  fc.record({
    kind: fc.constant("addKey"),
    at: fc.nat(),
    key: fc.constantFrom("__proto__", "constructor", "extra", "length"),
  }),
  fc.record({ kind: fc.constant("nest"), at: fc.nat(), depth: fc.constantFrom(10, 100, 10_000) }),
  fc.record({
    kind: fc.constant("id"),
    to: fc.constantFrom("hasOwnProperty/x", "__proto__/x", "constructor/x", "classification/nope", "", 3),
  }),
  fc.record({ kind: fc.constant("options"), to: fc.constantFrom({}, null, { zz: 1 }, { numClasses: 1e9 }, { nBins: 1e9 }, { thresholds: 1e9 }) }),
);

function at(list, n) {
  return list[n % list.length];
}

function setPath(root, path, value) {
  if (path.length === 0) return value;
  let node = root;
  for (let i = 0; i < path.length - 1; i++) node = node[path[i]];
  node[path[path.length - 1]] = value;
  return root;
}

function decodeTyped(encoded) {
  const bytes = Buffer.from(encoded.base64, "base64");
  const Ctor = globalThis[encoded.$typed];
  return new Ctor(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

function encodeTyped(name, array) {
  return { $typed: name, base64: Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString("base64") };
}

function apply(m) {
  const snap = structuredClone(original);
  const typed = places(snap).filter((p) => p.path[0] !== "shards" && p.value && typeof p.value.$typed === "string");
  const objects = places(snap).filter(
    (p) => p.value !== null && typeof p.value === "object" && !Array.isArray(p.value) && !p.value.$typed,
  );
  switch (m.kind) {
    case "value":
      return setPath(snap, at(targets, m.at).path, m.to);
    case "element": {
      if (typed.length === 0) return setPath(snap, at(targets, m.at).path, m.to);
      const place = at(typed, m.at);
      const array = decodeTyped(place.value);
      if (array.length === 0) return snap;
      array[m.element % array.length] = m.to;
      return setPath(snap, place.path, encodeTyped(place.value.$typed, array));
    }
    case "resize": {
      if (typed.length === 0) return snap;
      const place = at(typed, m.at);
      const array = decodeTyped(place.value);
      const Ctor = array.constructor;
      const next = new Ctor(Math.max(0, array.length + m.by));
      next.set(array.subarray(0, Math.min(array.length, next.length)));
      return setPath(snap, place.path, encodeTyped(place.value.$typed, next));
    }
    case "retype": {
      if (typed.length === 0) return snap;
      const place = at(typed, m.at);
      return setPath(snap, place.path, { ...place.value, $typed: m.to });
    }
    case "junkBase64": {
      if (typed.length === 0) return snap;
      const place = at(typed, m.at);
      return setPath(snap, place.path, { ...place.value, base64: place.value.base64 + m.junk });
    }
    case "dropKey": {
      const place = at(objects, m.at);
      const keys = Object.keys(place.value);
      if (keys.length > 0) delete place.value[keys[m.at % keys.length]];
      return snap;
    }
    case "addKey": {
      const place = at(objects, m.at);
      Object.defineProperty(place.value, m.key, { value: 1, enumerable: true, configurable: true, writable: true });
      return snap;
    }
    case "nest":
      // Spliced into the JSON text (see `text`): JSON.stringify itself would overflow the stack.
      return setPath(snap, at(targets, m.at).path, `__NEST_${m.depth}__`);
    case "id":
      snap.id = m.to;
      return snap;
    case "options":
      snap.options = m.to;
      return snap;
  }
  return snap;
}

const mutations = fc.sample(mutation, { seed, numRuns: runs });
for (let i = 0; i < mutations.length; i++) {
  const m = mutations[i];
  parentPort.postMessage({ type: "start", run: i, mutation: JSON.stringify(m) });
  let outcome;
  try {
    const text = JSON.stringify(apply(m)).replace(
      /"__NEST_(\d+)__"/,
      (_, depth) => `${"[".repeat(Number(depth))}1${"]".repeat(Number(depth))}`,
    );
    const snap = JSON.parse(text);
    // As `plumbline merge` does: options are decoded (depth-checked) before the registry sees them.
    // A mutation may replace the whole snapshot (by a number, or null for NaN in JSON).
    const found = await findDefinition(snap?.id, decodeState(snap?.options ?? {}));
    const decoded = createMetric(found).fromJSON(snap);
    decoded.compute();
    const partner = createMetric(def);
    for (const batch of sample.batches) partner.update(...batch);
    partner.merge(decoded).compute();
    outcome = "value";
  } catch (error) {
    outcome = isPlumblineError(error) ? `error:${error.code}` : `crash:${error?.constructor?.name}: ${String(error?.message).slice(0, 300)}`;
  }
  parentPort.postMessage({ type: "done", run: i, outcome });
}
parentPort.postMessage({ type: "finished" });
