/**
 * `plumbline worker --redis URL`: a long-running process taking the shard and merge jobs of
 * distributed evaluations (`plumbline eval ... --redis URL --shards N`, or the library's
 * `plumbline/distributed`). SIGINT or SIGTERM stops it after its running jobs (exit 0); a second
 * signal stops it at once (exit 1; a job cut short is taken again by another worker once its
 * lock expires).
 */
import type { Command } from "commander";
import { fail } from "../core/errors.js";
import { DEFAULT_QUEUE } from "../distributed/jobs.js";
import { runAction } from "./errors.js";
import { parseNumberFlag } from "./grammar.js";

const FN = "plumbline worker";

interface Flags {
  redis: string;
  queue: string;
  concurrency: string;
  lockDuration: string;
}

export function register(program: Command): void {
  program
    .command("worker")
    .description("take the shard jobs of distributed evaluations (eval ... --redis URL) from a BullMQ queue")
    .requiredOption("--redis <url>", "the queue's Redis: redis://[user:password@]host[:port][/db]")
    .option("--queue <name>", "queue name", DEFAULT_QUEUE)
    .option("--concurrency <n>", "jobs run at once", "1")
    .option(
      "--lock-duration <ms>",
      "a job whose worker stops renewing its lock this long is taken again",
      "30000",
    )
    .action((flags: Flags) =>
      runAction(async () => {
        const concurrency = parseNumberFlag(FN, "--concurrency", flags.concurrency, {
          min: 1,
          max: 1024,
          integer: true,
        });
        const lockDuration = parseNumberFlag(FN, "--lock-duration", flags.lockDuration, {
          min: 100,
          max: 24 * 3600 * 1000,
          integer: true,
        });
        if (flags.queue.trim() === "") fail("invalid_option", `${FN}: --queue must be a queue name, got ""`);
        const { startQueueWorker } = await import("../distributed/worker.js");
        const say = (line: string) => process.stderr.write(`${FN}: ${line}\n`);
        const worker = startQueueWorker({
          redis: flags.redis,
          queue: flags.queue,
          concurrency,
          lockDuration,
          log: say,
        });
        await worker.ready;
        say(`taking jobs from queue ${flags.queue} at ${worker.where} (concurrency ${concurrency})`);
        await new Promise<void>((resolve) => {
          let stopping = false;
          const stop = () => {
            if (stopping) {
              // A graceful close can wait for ever (a long job, Redis gone): the second signal ends
              // the process; its running jobs are taken again by other workers when their locks expire.
              say("stopping now");
              process.exit(1);
            }
            stopping = true;
            say("stopping after the running jobs (signal again to stop now)");
            void worker.close().then(resolve, resolve);
          };
          process.on("SIGINT", stop);
          process.on("SIGTERM", stop);
        });
      }),
    );
}
