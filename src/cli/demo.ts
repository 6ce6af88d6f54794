import type { Command } from "commander";
import { fail } from "../core/errors.js";
import { demoSections } from "../demo/index.js";
import { runAction } from "./errors.js";

/** `plumbline demo [--only task,...]`: the main job on the sample data shipped in `data/samples`. */
export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("evaluate the bundled sample predictions for every task and print the tables")
    .option("--only <tasks>", `comma-separated subset of: ${Object.keys(demoSections).join(", ")}`)
    .action((opts: { only?: string }) =>
      runAction(async () => {
        const names = opts.only ? opts.only.split(",").map((s) => s.trim()) : Object.keys(demoSections);
        for (const name of names) {
          const section = demoSections[name];
          if (!section)
            fail(
              "invalid_option",
              `demo: unknown section ${JSON.stringify(name)}; choose from ${Object.keys(demoSections).join(", ")}`,
            );
          process.stdout.write(`\n== ${name} ==\n`);
          await section((text) => process.stdout.write(`${text}\n`));
        }
      }),
    );
}
