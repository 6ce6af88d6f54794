import type { Command } from "commander";
import { fail } from "../../core/errors.js";
import { runAction } from "../errors.js";

/** `plumbline eval regression`: not implemented yet. */
export function register(evalCommand: Command): void {
  evalCommand
    .command("regression")
    .description("evaluate regression predictions (not implemented yet)")
    .allowUnknownOption()
    .action(() => runAction(() => fail("unsupported", "eval regression: not implemented yet")));
}
