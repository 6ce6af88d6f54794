import { statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fail } from "../../core/errors.js";
import type { Metric } from "../../metric.js";
import { writeStateFile } from "../state-files.js";

/**
 * Checks an `--emit-state FILE` path before any work: its folder must exist and the path must not
 * be a folder. One line and exit 2 otherwise (`io_error`), never a stack trace after the work.
 */
export function checkEmitStatePath(command: string, path: string): void {
  const folder = dirname(resolve(path));
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder)
    fail("io_error", `${command}: cannot write --emit-state ${path}: folder ${folder} does not exist`);
  let target: ReturnType<typeof statSync> | undefined;
  try {
    target = statSync(path);
  } catch {
    target = undefined;
  }
  if (target?.isDirectory())
    fail("io_error", `${command}: cannot write --emit-state ${path}: it is a folder; give a file name`);
}

/** Writes the state file, turning a write failure into one `io_error` line. */
export async function emitState(
  command: string,
  path: string,
  metrics: readonly Metric<unknown, never[], unknown>[],
): Promise<void> {
  try {
    await writeStateFile(path, metrics);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail("io_error", `${command}: cannot write --emit-state ${path} (${code ?? (error as Error).message})`);
  }
}
