import type { Command } from "commander";
import { register as classification } from "./classification.js";
import { register as detection } from "./detection.js";
import { register as rag } from "./rag.js";
import { register as regression } from "./regression.js";
import { register as retrieval } from "./retrieval.js";
import { register as segmentation } from "./segmentation.js";
import { register as text } from "./text.js";

/** Adds every `plumbline eval <task>` subcommand. */
export function registerEval(program: Command): void {
  const evalCommand = program.command("eval").description("evaluate predictions against targets for a task");
  for (const register of [classification, regression, detection, segmentation, text, retrieval, rag])
    register(evalCommand);
}
