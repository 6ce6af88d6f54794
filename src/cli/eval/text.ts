import type { Command } from "commander";
import { fail } from "../../core/errors.js";
import { runAction } from "../errors.js";

/** `plumbline eval text`: not implemented yet. */
export function register(evalCommand: Command): void {
  evalCommand
    .command("text")
    .description("evaluate text predictions (not implemented yet)")
    .allowUnknownOption()
    .action(() => runAction(() => fail("unsupported", "eval text: not implemented yet")));
}
