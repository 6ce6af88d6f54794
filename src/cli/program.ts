import { Command } from "commander";
import { VERSION } from "../signature/version.js";
import { registerAdvise } from "./advise.js";
import { registerCatalog } from "./catalog.js";
import { registerCompare } from "./compare.js";
import { registerConformance } from "./conformance.js";
import { registerDemo } from "./demo.js";
import { registerEval } from "./eval/index.js";
import { registerMerge } from "./merge.js";
import { registerReport } from "./report.js";
import { register as registerWorker } from "./worker.js";

/**
 * The `plumbline` command tree with every command registered (docs/cli.md lists each one;
 * test/cli/grammar.test.ts checks the two agree). Usage mistakes throw instead of exiting.
 */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name("plumbline")
    .description("Deep-learning metrics and losses that match their reference implementations.")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`plumbline: ${text.replace(/^error: /, "")}`) });
  registerCommands(program);
  return program;
}

/** Registers every command on `program`. */
export function registerCommands(program: Command): void {
  registerCatalog(program);
  registerAdvise(program);
  registerConformance(program);
  registerEval(program);
  registerDemo(program);
  registerMerge(program);
  registerReport(program);
  registerCompare(program);
  registerWorker(program);
}
