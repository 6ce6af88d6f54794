import { Command } from "commander";
import { vi } from "vitest";

/** What one in-process CLI run printed and the exit code it set. */
export interface CliRun {
  out: string;
  err: string;
  code: number;
}

/**
 * Test helper: registers commands on a fresh commander program with `register`, runs
 * `plumbline <args>` in-process, and returns captured stdout, stderr and `process.exitCode`
 * (reset to 0 afterwards).
 */
export async function runCommand(register: (program: Command) => unknown, args: string[]): Promise<CliRun> {
  const program = new Command().exitOverride();
  await register(program);
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
    await program.parseAsync(["node", "plumbline", ...args]);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out, err, code };
}

/** Test helper: runs one `plumbline eval <name>` subcommand in-process (see {@link runCommand}). */
export async function runEvalCommand(
  register: (command: Command) => unknown,
  name: string,
  args: string[],
): Promise<CliRun> {
  return runCommand((program) => register(program.command("eval")), ["eval", name, ...args]);
}
