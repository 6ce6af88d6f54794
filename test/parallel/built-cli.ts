import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

/** The built CLI (`npm test` builds first): worker threads and worker processes run compiled JavaScript. */
export const BUILT_CLI = join(import.meta.dirname, "../../dist/cli/main.js");

const run = promisify(execFile);

/** Test helper: runs the built `plumbline ...args` in a child process (optionally with `input` on stdin). */
export async function plumbline(
  args: string[],
  input?: string,
): Promise<{ out: string; err: string; code: number }> {
  const child = run(process.execPath, [BUILT_CLI, ...args], { maxBuffer: 1 << 26 });
  if (input !== undefined) {
    // A child that stops early (an error) closes its stdin: not a failure of the writer.
    child.child.stdin!.on("error", () => undefined);
    child.child.stdin!.end(input);
  }
  try {
    const { stdout, stderr } = await child;
    return { out: stdout, err: stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { out: e.stdout, err: e.stderr, code: e.code };
  }
}
