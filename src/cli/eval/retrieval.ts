import type { Command } from "commander";
import { fail } from "../../core/errors.js";
import { runAction } from "../errors.js";

/** `plumbline eval retrieval`: not implemented yet. */
export function register(evalCommand: Command): void {
  evalCommand
    .command("retrieval")
    .description("evaluate retrieval predictions (not implemented yet)")
    .allowUnknownOption()
    .action(() => runAction(() => fail("unsupported", "eval retrieval: not implemented yet")));
}
