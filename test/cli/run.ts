import { vi } from "vitest";
import { buildProgram } from "../../src/cli/program.js";

/** What one in-process CLI run printed and the exit code it set. */
export interface CliRun {
  out: string;
  err: string;
  code: number;
}

/** Test helper: runs `plumbline ...args` in this process (no build needed) and captures its output. */
export async function runCli(args: string[]): Promise<CliRun> {
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
    await buildProgram().parseAsync(["node", "plumbline", ...args]);
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith("commander.")) process.exitCode = 2;
    else throw error;
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out, err, code };
}
