import type { Command } from "commander";

/** A subcommand's registration, from its module (loaded only when needed). */
type Registration = Promise<(evalCommand: Command) => void>;

/** Every `plumbline eval <task>` subcommand, in help order, each with the loader of its module. */
const TASKS: readonly (readonly [name: string, load: () => Registration])[] = [
  ["classification", async () => (await import("./classification.js")).register],
  ["regression", async () => (await import("./regression.js")).register],
  ["detection", async () => (await import("./detection.js")).register],
  ["segmentation", async () => (await import("./segmentation.js")).register],
  ["text", async () => (await import("./text.js")).register],
  ["retrieval", async () => (await import("./retrieval.js")).register],
  ["rag", async () => (await import("./rag.js")).register],
];

/**
 * Adds the `plumbline eval <task>` subcommand `argv` (the arguments after `eval`) names, or
 * every one when it names none (help, a misspelt task).
 */
export async function registerEval(program: Command, argv: readonly string[] = []): Promise<void> {
  const evalCommand = program.command("eval").description("evaluate predictions against targets for a task");
  const named = TASKS.find(([name]) => name === argv[0]);
  for (const [, load] of named ? [named] : TASKS) (await load())(evalCommand);
}
