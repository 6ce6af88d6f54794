import { Command } from "commander";
import { VERSION } from "../signature/version.js";

/** A command's registration, from its module (loaded only when needed: start-up stays short). */
type Registration = Promise<(program: Command, argv: readonly string[]) => unknown>;

/** Every module of top-level commands, in help order: the commands it registers and its loader. */
const COMMANDS: readonly (readonly [names: readonly string[], load: () => Registration])[] = [
  [["list", "describe", "recommend", "traits"], async () => (await import("./catalog.js")).registerCatalog],
  [["advise"], async () => (await import("./advise.js")).registerAdvise],
  [["conformance"], async () => (await import("./conformance.js")).registerConformance],
  [["eval"], async () => (await import("./eval/index.js")).registerEval],
  [["demo"], async () => (await import("./demo.js")).registerDemo],
  [["merge"], async () => (await import("./merge.js")).registerMerge],
  [["report"], async () => (await import("./report.js")).registerReport],
  [["compare"], async () => (await import("./compare.js")).registerCompare],
  [["worker"], async () => (await import("./worker.js")).register],
];

/**
 * The `plumbline` command tree (docs/cli.md lists each command; test/cli/grammar.test.ts checks
 * the two agree). Usage mistakes throw instead of exiting. `argv` (the arguments after the
 * program name): when it starts with a command's name only the commands of its module are
 * registered (and their modules loaded), when it is `--version` none; otherwise every command is.
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command();
  program
    .name("plumbline")
    .description("Deep-learning metrics and losses that match their reference implementations.")
    .version(VERSION)
    .exitOverride()
    // One line per caller mistake: commander puts its "(Did you mean ...?)" on a line of its own.
    .configureOutput({
      outputError: (text, write) =>
        write(`plumbline: ${text.replace(/^error: /, "").replace(/\s*\n(?=.)/g, " ")}`),
    });
  await registerCommands(program, argv);
  return program;
}

/** Registers on `program` the commands `argv` asks for (see {@link buildProgram}). */
export async function registerCommands(program: Command, argv: readonly string[] = []): Promise<void> {
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) return;
  const named = COMMANDS.find(([names]) => names.includes(argv[0] ?? ""));
  for (const [, load] of named ? [named] : COMMANDS) await (await load())(program, argv.slice(1));
}
