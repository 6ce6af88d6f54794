import { registerCommands } from "../../src/cli/program.js";
import { type CliRun, runCommand } from "../support/cli.js";

/** Test helper: runs `plumbline ...args` with every command registered, in this process (no build needed). */
export function runCli(args: string[]): Promise<CliRun> {
  return runCommand(registerCommands, args);
}
