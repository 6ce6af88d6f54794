import { readFile, writeFile } from "node:fs/promises";
import { describeValue, fail } from "../core/errors.js";
import type { AnyMetricDef, Metric, MetricSnapshot } from "../metric.js";

/**
 * Where each task's metric definitions live, for rebuilding a metric from its snapshot id.
 * Loaded lazily, so merging classification states never loads the text metrics.
 */
const taskModules: Readonly<Record<string, () => Promise<Record<string, unknown>>>> = {
  classification: () => import("../metrics/classification/index.js"),
  regression: () => import("../metrics/regression/index.js"),
  detection: () => import("../metrics/detection/index.js"),
  segmentation: () => import("../metrics/segmentation/index.js"),
  image: () => import("../metrics/image/index.js"),
  depth: () => import("../metrics/depth/index.js"),
  generative: () => import("../metrics/generative/index.js"),
  text: () => import("../metrics/text/index.js"),
  retrieval: () => import("../metrics/retrieval/index.js"),
  face: () => import("../metrics/face/index.js"),
};

/** A file written by `--emit-state`: the snapshots of one shard's metrics. */
export interface StateFile {
  readonly plumblineStates: 1;
  readonly snapshots: readonly MetricSnapshot[];
}

/** Writes the metrics' snapshots (`toJSON`) to `path` for a later `plumbline merge`. */
export async function writeStateFile(path: string, metrics: readonly Metric<unknown, never[], unknown>[]): Promise<void> {
  const file: StateFile = { plumblineStates: 1, snapshots: metrics.map((m) => m.toJSON()) };
  await writeFile(path, JSON.stringify(file));
}

/** Reads a state file; anything else raises `io_error` naming the file. */
export async function readStateFile(path: string): Promise<StateFile> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    return fail("io_error", `merge: cannot read ${path} as JSON (${(error as Error).message})`);
  }
  const file = parsed as Partial<StateFile>;
  if (file?.plumblineStates !== 1 || !Array.isArray(file.snapshots)) {
    fail("io_error", `merge: ${path} is not a plumbline state file (expected { plumblineStates: 1, snapshots: [...] })`);
  }
  return file as StateFile;
}

/**
 * Rebuilds the definition a snapshot came from: among the `*Def` factories of the task's
 * module, the one that, given the snapshot's options, has the snapshot's id.
 */
export async function definitionFor(snapshot: MetricSnapshot): Promise<AnyMetricDef> {
  const task = typeof snapshot.id === "string" ? snapshot.id.split("/")[0]! : "";
  const load = taskModules[task];
  if (!load) fail("invalid_state", `merge: a snapshot id must start with a task (${Object.keys(taskModules).join(", ")}), got ${describeValue(snapshot.id)}`);
  const module = await load();
  const { decodeState } = await import("../core/codec.js");
  const options = decodeState(snapshot.options);
  for (const [name, value] of Object.entries(module)) {
    if (!name.endsWith("Def") || typeof value !== "function") continue;
    try {
      const def = (value as (o: unknown) => AnyMetricDef)(options);
      if (def?.id === snapshot.id) return def;
    } catch {
      // A factory that rejects these options is not the one that made the snapshot.
    }
  }
  return fail("invalid_state", `merge: no metric definition of ${task} produces id ${describeValue(snapshot.id)}`);
}
