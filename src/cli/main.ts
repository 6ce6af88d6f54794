#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { registerAdvise } from "./advise.js";
import { registerCatalog } from "./catalog.js";
import { registerCompare } from "./compare.js";
import { registerConformance } from "./conformance.js";
import { registerDemo } from "./demo.js";
import { registerEval } from "./eval/index.js";
import { exitQuietlyOnClosedPipe } from "./grammar.js";
import { registerMerge } from "./merge.js";
import { registerReport } from "./report.js";

exitQuietlyOnClosedPipe();

const program = new Command();
program
  .name("plumbline")
  .description("Deep-learning metrics and losses that match their reference implementations.")
  .version("0.1.0")
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(`plumbline: ${text.replace(/^error: /, "")}`) });

registerCatalog(program);
registerAdvise(program);
registerConformance(program);
registerEval(program);
registerDemo(program);
registerMerge(program);
registerReport(program);
registerCompare(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version are successes; usage mistakes exit 2 like every other caller error.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    throw error;
  }
}
