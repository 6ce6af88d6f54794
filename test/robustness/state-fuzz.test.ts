/**
 * Issue 9, class 1: decoding a hostile state yields a state that `compute()` handles in bounded
 * time, or `invalid_state` naming what is wrong. For every sample metric (test/robustness/samples),
 * fast-check mutations of a real snapshot go through decode (via the registry) + merge + compute
 * in a worker thread; each run must end within 2 s with a value or a PlumblineError.
 */
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module shared with the worker.
import { areas, loadArea } from "./samples/index.mjs";

const RUNS = Number(process.env.PLUMBLINE_FUZZ_RUNS ?? 60);
const RUN_TIMEOUT_MS = 2000;

interface Outcome {
  mutation: string;
  outcome: string;
}

function fuzz(area: string, index: number, seed: number): Promise<Outcome[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./fuzz-worker.mjs", import.meta.url), {
      workerData: { area, index, seed, runs: RUNS },
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    const outcomes: Outcome[] = [];
    let current = "(loading)";
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        void worker.terminate();
        outcomes.push({ mutation: current, outcome: `timeout after ${RUN_TIMEOUT_MS} ms` });
        resolve(outcomes);
      }, RUN_TIMEOUT_MS + 3000);
    };
    arm();
    worker.on("message", (message: { type: string; mutation?: string; outcome?: string }) => {
      if (message.type === "start") {
        current = message.mutation!;
        arm();
      } else if (message.type === "done") {
        outcomes.push({ mutation: current, outcome: message.outcome! });
      } else if (message.type === "finished") {
        clearTimeout(timer);
        void worker.terminate();
        resolve(outcomes);
      }
    });
    worker.on("error", (error) => {
      clearTimeout(timer);
      outcomes.push({ mutation: current, outcome: `crash:worker: ${error.message}` });
      resolve(outcomes);
    });
    worker.on("exit", (code) => {
      clearTimeout(timer);
      if (code !== 0 && code !== 1) reject(new Error(`fuzz worker exited with ${code} during ${current}`));
    });
  });
}

for (const area of Object.keys(areas)) {
  describe(`state fuzz: ${area}`, async () => {
    const { rows, module } = await loadArea(area);
    const { complete } = await areas[area]();

    it.runIf(complete)("every definition of the module has a sample row", () => {
      const factories = Object.keys(module).filter(
        (name) => name.endsWith("Def") && typeof module[name] === "function",
      );
      const sampled = new Set(rows.map((row: { factory: string }) => row.factory));
      expect(factories.filter((name) => !sampled.has(name))).toEqual([]);
    });

    rows.forEach((row: { factory: string; options: unknown }, index: number) => {
      it(`${row.factory}(${JSON.stringify(row.options)}) survives mutated snapshots`, async () => {
        const outcomes = await fuzz(area, index, 1000 + index);
        const bad = outcomes.filter((o) => !o.outcome.startsWith("error:") && o.outcome !== "value");
        expect(bad, JSON.stringify(bad.slice(0, 3), null, 1)).toEqual([]);
      }, 120_000);
    });
  });
}
