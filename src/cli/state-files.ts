import { readFile, writeFile } from "node:fs/promises";
import { decodeState } from "../core/codec.js";
import { fail } from "../core/errors.js";
import type { AnyMetricDef, Metric, MetricSnapshot } from "../metric.js";
import { findDefinition } from "../metrics/registry.js";

/** A file written by `--emit-state`: the snapshots of one shard's metrics. */
export interface StateFile {
  readonly plumblineStates: 1;
  readonly snapshots: readonly MetricSnapshot[];
}

/** Writes the metrics' snapshots (`toJSON`) to `path` for a later `plumbline merge`. */
export async function writeStateFile(
  path: string,
  metrics: readonly Metric<unknown, never[], unknown>[],
): Promise<void> {
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
    fail(
      "io_error",
      `merge: ${path} is not a plumbline state file (expected { plumblineStates: 1, snapshots: [...] })`,
    );
  }
  return file as StateFile;
}

/** Rebuilds the definition a snapshot came from (its id and options). */
export async function definitionFor(snapshot: MetricSnapshot): Promise<AnyMetricDef> {
  return findDefinition(snapshot.id, decodeState(snapshot.options));
}
