#!/usr/bin/env node
import { CommanderError } from "commander";
import { exitQuietlyOnClosedPipe } from "./grammar.js";
import { buildProgram } from "./program.js";

exitQuietlyOnClosedPipe();

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version are successes; usage mistakes exit 2 like every other caller error.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    throw error;
  }
}
