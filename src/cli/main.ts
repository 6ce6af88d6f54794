#!/usr/bin/env node
import { CommanderError } from "commander";
import { startPoolEarly } from "./early-pool.js";
import { exitQuietlyOnClosedPipe } from "./grammar.js";
import { buildProgram } from "./program.js";

exitQuietlyOnClosedPipe();

const argv = process.argv.slice(2);
await startPoolEarly(argv);

try {
  await (await buildProgram(argv)).parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version are successes; usage mistakes exit 2 like every other caller error.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    throw error;
  }
}
