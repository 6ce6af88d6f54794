import type { Command } from "commander";
import { fail } from "../../core/errors.js";
import { runAction } from "../errors.js";

/** `plumbline eval classification`: not implemented yet. */
export function register(evalCommand: Command): void {
  evalCommand
    .command("classification")
    .description("evaluate classification predictions (not implemented yet)")
    .allowUnknownOption()
    .action(() => runAction(() => fail("unsupported", "eval classification: not implemented yet")));
}
