import type { Command } from "commander";
import { fail } from "../core/errors.js";
import { createMetric } from "../metric.js";
import { runAction } from "./errors.js";
import { definitionFor, readStateFile } from "./state-files.js";

/**
 * `plumbline merge FILE...`: combines the state files that shards wrote with `--emit-state`
 * and prints every metric computed over all of them: a JSON array of `{ id, options, result }`
 * in the order the shards wrote them.
 */
export function registerMerge(program: Command): void {
  program
    .command("merge <files...>")
    .description("merge metric states written by `eval ... --emit-state` and compute the results")
    .action((files: string[]) =>
      runAction(async () => {
        const states = await Promise.all(files.map((f) => readStateFile(f)));
        const first = states[0]!;
        const results: { id: string; options: unknown; result: unknown }[] = [];
        for (let k = 0; k < first.snapshots.length; k++) {
          const snapshot = first.snapshots[k]!;
          const metric = createMetric(await definitionFor(snapshot)).fromJSON(snapshot);
          for (let f = 1; f < states.length; f++) {
            const other = states[f]!.snapshots[k];
            if (!other || other.id !== snapshot.id) {
              fail(
                "invalid_state",
                `merge: ${files[f]} does not hold ${snapshot.id} at position ${k}; state files must come from the same command`,
              );
            }
            metric.merge(createMetric(metric.def).fromJSON(other).state);
          }
          results.push({ id: snapshot.id, options: metric.def.options ?? {}, result: metric.compute() });
        }
        process.stdout.write(
          `${JSON.stringify(results, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v), 2)}\n`,
        );
      }),
    );
}
