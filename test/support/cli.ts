import { Command } from "commander";
import { vi } from "vitest";

/** What one in-process CLI run printed and the exit code it set. */
export interface CliRun {
  out: string;
  err: string;
  code: number;
}

/** Test helper: runs `action` with stdout and stderr captured; returns them with `process.exitCode` (reset to 0). */
export async function captureRun(action: () => Promise<unknown>): Promise<CliRun> {
  let out = "";
  let err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => {
    out += String(s);
    return true;
  });
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => {
    err += String(s);
    return true;
  });
  process.exitCode = 0;
  try {
    await action();
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out, err, code };
}

/**
 * Test helper: registers one `plumbline eval <name>` subcommand on a fresh commander program,
 * runs it in-process with `args`, and returns captured stdout, stderr and `process.exitCode`.
 */
export async function runEvalCommand(
  register: (command: Command) => unknown,
  name: string,
  args: string[],
): Promise<CliRun> {
  const program = new Command().exitOverride();
  register(program.command("eval"));
  return captureRun(() => program.parseAsync(["node", "plumbline", "eval", name, ...args]));
}
