import type { Command } from "commander";
import { fail } from "../../core/errors.js";
import { runAction } from "../errors.js";

/** `plumbline eval rag`: not implemented yet. */
export function register(evalCommand: Command): void {
  evalCommand
    .command("rag")
    .description("evaluate rag predictions (not implemented yet)")
    .allowUnknownOption()
    .action(() => runAction(() => fail("unsupported", "eval rag: not implemented yet")));
}
