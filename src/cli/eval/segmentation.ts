import type { Command } from "commander";
import { fail } from "../../core/errors.js";
import { runAction } from "../errors.js";

/** `plumbline eval segmentation`: not implemented yet. */
export function register(evalCommand: Command): void {
  evalCommand
    .command("segmentation")
    .description("evaluate segmentation predictions (not implemented yet)")
    .allowUnknownOption()
    .action(() => runAction(() => fail("unsupported", "eval segmentation: not implemented yet")));
}
