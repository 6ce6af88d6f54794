import type { Command } from "commander";
import { fail } from "../../core/errors.js";
import { runAction } from "../errors.js";

/** `plumbline eval detection`: not implemented yet. */
export function register(evalCommand: Command): void {
  evalCommand
    .command("detection")
    .description("evaluate detection predictions (not implemented yet)")
    .allowUnknownOption()
    .action(() => runAction(() => fail("unsupported", "eval detection: not implemented yet")));
}
