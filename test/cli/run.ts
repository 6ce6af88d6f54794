import { buildProgram } from "../../src/cli/program.js";
import { type CliRun, captureRun } from "../support/cli.js";

/** Test helper: runs `plumbline ...args` in this process (no build needed) and captures its output. */
export function runCli(args: string[]): Promise<CliRun> {
  return captureRun(async () => {
    try {
      await buildProgram().parseAsync(["node", "plumbline", ...args]);
    } catch (error) {
      if (!(error as { code?: string }).code?.startsWith("commander.")) throw error;
      process.exitCode = 2;
    }
  });
}
