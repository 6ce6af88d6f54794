import type { Command } from "commander";
import { catalog, describe, recommend } from "../catalog/index.js";
import type { CatalogEntry, Task } from "../catalog/types.js";
import { fail } from "../core/errors.js";
import { runAction } from "./errors.js";

function formatRange(range: readonly [number, number]): string {
  const f = (x: number) => (x === Infinity ? "∞" : x === -Infinity ? "-∞" : String(x));
  return `[${f(range[0])}, ${f(range[1])}]`;
}

function line(e: CatalogEntry): string {
  const dir = e.direction === "higher" ? "↑" : e.direction === "lower" ? "↓" : " ";
  return `${e.id.padEnd(48)} ${e.kind.padEnd(9)} ${dir} ${formatRange(e.range).padEnd(12)} ${e.title}`;
}

/** `plumbline list`, `plumbline describe ID`, `plumbline recommend --task T [--traits a,b]`. */
export function registerCatalog(program: Command): void {
  program
    .command("list")
    .description("list every metric and loss with its range and direction")
    .option("--task <task>", "only this task")
    .option("--kind <kind>", "metric, loss or weighting")
    .option("--json", "print JSON")
    .action((opts: { task?: string; kind?: string; json?: boolean }) =>
      runAction(() => {
        const rows = catalog.filter(
          (e) =>
            (opts.task === undefined || e.tasks.includes(opts.task as Task)) &&
            (opts.kind === undefined || e.kind === opts.kind),
        );
        if (opts.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        else process.stdout.write(`${rows.map(line).join("\n")}\n${rows.length} entries\n`);
      }),
    );
  program
    .command("describe <id>")
    .description("print one catalog entry: formula, range, references, pairings")
    .action((id: string) =>
      runAction(() => {
        const entry = describe(id);
        if (!entry)
          fail(
            "invalid_option",
            `describe: no catalog entry with id ${JSON.stringify(id)} (see \`plumbline list\`)`,
          );
        process.stdout.write(`${JSON.stringify(entry, null, 2)}\n`);
      }),
    );
  program
    .command("recommend")
    .description("the survey's pairing advice: entries for a task ranked by traits")
    .requiredOption("--task <task>", "task, e.g. classification")
    .option("--traits <list>", "comma-separated traits, e.g. imbalanced,outliers")
    .option("--kind <kind>", "metric, loss or weighting")
    .action((opts: { task: string; traits?: string; kind?: CatalogEntry["kind"] }) =>
      runAction(() => {
        const recs = recommend({
          task: opts.task as Task,
          traits: opts.traits ? opts.traits.split(",").map((t) => t.trim()) : [],
          ...(opts.kind !== undefined ? { kind: opts.kind } : {}),
        });
        for (const r of recs) {
          process.stdout.write(`${line(r.entry)}\n`);
          if (r.pairedMetrics.length > 0)
            process.stdout.write(`    pairs with: ${r.pairedMetrics.map((m) => m.id).join(", ")}\n`);
        }
      }),
    );
}
