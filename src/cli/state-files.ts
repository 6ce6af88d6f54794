/**
 * State files: what `eval ... --emit-state FILE` writes and `plumbline merge` reads.
 *
 * `{ plumblineStates: 1, command, summary, names, snapshots }`: the command that wrote it
 * (`eval classification`), what its table needs besides the metrics (task, sample count, notes),
 * the report name of each snapshot, and the snapshots themselves (`{ id, options, state,
 * shards }`, each sealed as one shard labelled with the input files and row range, or
 * `--shard-label`). Only `plumblineStates` and `snapshots` are required, so files written by
 * the library (`metric.snapshot()`) merge too.
 */
import { stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Command } from "commander";
import { decodeState } from "../core/codec.js";
import { describeValue, fail, isPlumblineError } from "../core/errors.js";
import { ioReason, openSource, readWhole } from "../io/source.js";
import type { AnyMetricDef, Metric, MetricSnapshot } from "../metric.js";
import { findDefinition } from "../metrics/registry.js";

/** A file written by `--emit-state`: the snapshots of one shard's metrics. */
export interface StateFile {
  readonly plumblineStates: 1;
  /** The command that wrote the file (`eval classification`). */
  readonly command?: string;
  /** What the command's table shows besides the metric values (task, samples, notes...). */
  readonly summary?: Record<string, unknown>;
  /** The report name of each snapshot, in order. */
  readonly names?: readonly string[];
  readonly snapshots: readonly MetricSnapshot[];
}

/** The flags of `--emit-state`. */
export interface StateFlags {
  emitState?: string;
  shardLabel?: string;
}

/** Adds `--emit-state FILE|-` and `--shard-label TEXT`. */
export function addStateOptions(command: Command): Command {
  return command
    .option(
      "--emit-state <file>",
      "also write the metric states for `plumbline merge` (- for stdout, which then holds only the states)",
    )
    .option(
      "--shard-label <text>",
      "label of this shard in the states (default: input file names and row range)",
    );
}

/**
 * Checks that `--emit-state` can be written before any work starts: its directory exists and the
 * path is not a directory. `invalid_option` (one line, exit 2) otherwise.
 */
export async function checkStatePath(fn: string, path: string | undefined): Promise<void> {
  if (path === "-") return;
  await checkOutputPath(fn, "--emit-state", path);
}

/**
 * Checks that the file a flag names (`--emit-state`, `--report`) can be written before any work
 * starts: its directory exists and the path is not a directory. `invalid_option` naming the flag
 * (one line, exit 2) otherwise.
 */
export async function checkOutputPath(fn: string, flag: string, path: string | undefined): Promise<void> {
  if (path === undefined) return;
  const problem = await (async () => {
    try {
      const info = await stat(path);
      return info.isDirectory() ? "it is a directory" : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") return ioReason(error);
    }
    try {
      const parent = await stat(dirname(path));
      return parent.isDirectory() ? undefined : `${dirname(path)} is not a directory`;
    } catch {
      return `the directory ${dirname(path)} does not exist`;
    }
  })();
  if (problem !== undefined) fail("invalid_option", `${fn}: cannot write ${flag} ${path} (${problem})`);
}

/** What a state file says besides the snapshots. */
export interface StateFileInfo {
  /** The command writing it (messages, and `merge` to print the same table). */
  command?: string;
  /** The shard label sealed into every snapshot. */
  label?: string;
  names?: readonly string[];
  summary?: Record<string, unknown>;
}

/**
 * Writes the metrics' snapshots (each sealed as one shard, labelled `info.label`) to `path`, or
 * to stdout for `-`. A path that cannot be written is one `io_error` line.
 */
export async function writeStateFile(
  path: string,
  metrics: readonly Metric<unknown, never[], unknown>[] | readonly Metric<unknown, unknown[], unknown>[],
  info: StateFileInfo = {},
): Promise<void> {
  const fn = info.command ?? "eval";
  await checkStatePath(fn, path);
  const label = info.label;
  const file: StateFile = {
    plumblineStates: 1,
    ...(info.command !== undefined ? { command: info.command } : {}),
    ...(info.summary !== undefined ? { summary: info.summary } : {}),
    ...(info.names !== undefined ? { names: info.names } : {}),
    snapshots: (metrics as readonly Metric<unknown, unknown[], unknown>[]).map((m) =>
      m.snapshot(label === undefined ? {} : { label }),
    ),
  };
  const text = `${JSON.stringify(file)}\n`;
  if (path === "-") {
    process.stdout.write(text);
    return;
  }
  try {
    await writeFile(path, text);
  } catch (error) {
    fail("io_error", `${fn}: cannot write --emit-state ${path} (${ioReason(error)})`);
  }
}

/**
 * `--emit-state` of an eval command: writes the states (nothing when the flag is absent), each
 * snapshot a shard labelled `--shard-label` or `label` (input file names and row range).
 * Returns true when the states went to stdout (the command then prints nothing else there).
 */
export async function writeEvalState(
  fn: string,
  flags: StateFlags,
  metrics: readonly Metric<unknown, unknown[], unknown>[],
  label: string,
  names: readonly string[],
  summary: Record<string, unknown> = {},
): Promise<boolean> {
  if (flags.emitState === undefined) return false;
  const shardLabel = flags.shardLabel ?? label;
  if (shardLabel.length === 0 || shardLabel.length > 1000)
    fail(
      "invalid_option",
      `${fn}: --shard-label must hold 1 to 1000 characters, got ${describeValue(shardLabel)}`,
    );
  await writeStateFile(flags.emitState, metrics, { command: fn, label: shardLabel, names, summary });
  return flags.emitState === "-";
}

/** Reads a state file (`-` for stdin); anything else raises `invalid_state` or `io_error` naming the file. */
export async function readStateFile(path: string): Promise<StateFile> {
  const source = await openSource(path, "merge");
  const text = await readWhole("merge", `the state file ${source.name}`, source.chunks());
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.toString("utf8"));
  } catch (error) {
    return fail(
      "invalid_state",
      `merge: ${source.name} is not complete JSON (${(error as Error).message.split("\n")[0]}); a truncated or unfinished state file cannot be merged`,
    );
  }
  const file = parsed as Partial<StateFile> | null;
  if (
    file === null ||
    typeof file !== "object" ||
    file.plumblineStates !== 1 ||
    !Array.isArray(file.snapshots)
  ) {
    fail(
      "invalid_state",
      `merge: ${source.name} is not a plumbline state file (expected { plumblineStates: 1, snapshots: [...] })`,
    );
  }
  if (file.snapshots.length === 0) fail("invalid_state", `merge: ${source.name} holds no snapshots`);
  if (
    file.names !== undefined &&
    (!Array.isArray(file.names) ||
      file.names.length !== file.snapshots.length ||
      !file.names.every((n) => typeof n === "string" && n.length <= 200))
  )
    fail(
      "invalid_state",
      `merge: ${source.name} must name each of its ${file.snapshots.length} snapshots with a string, got names ${describeValue(file.names)}`,
    );
  const summary = file.summary as unknown;
  if (summary !== undefined && (summary === null || typeof summary !== "object" || Array.isArray(summary)))
    fail(
      "invalid_state",
      `merge: ${source.name} has a summary that is not an object: ${describeValue(summary)}`,
    );
  return file as StateFile;
}

/** Rebuilds the definition a snapshot came from (its id and options). */
export async function definitionFor(snapshot: MetricSnapshot, file: string): Promise<AnyMetricDef> {
  if (snapshot === null || typeof snapshot !== "object" || typeof snapshot.id !== "string")
    fail("invalid_state", `merge: ${file} holds a snapshot without an id: ${describeValue(snapshot)}`);
  try {
    return await findDefinition(snapshot.id, decodeState(snapshot.options));
  } catch (error) {
    if (isPlumblineError(error)) fail(error.code, `merge: ${file}: ${error.message}`);
    throw error;
  }
}
