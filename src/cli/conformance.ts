import type { Command } from "commander";
import { closingLine, formatReport, readConformanceFile, runConformance } from "../conformance/runner.js";
import { fail } from "../core/errors.js";
import { runAction } from "./errors.js";

/** `plumbline conformance --cases FILE... [--family NAME] [--json] [--strict] [--backend cpu|wasm]`. */
export function registerConformance(program: Command): void {
  program
    .command("conformance")
    .description("run reference golden cases through the library and compare")
    .requiredOption("--cases <files...>", "conformance JSON files")
    .option("--family <name>", "only this family (classification, regression, losses, ...)")
    .option("--metric <name>", "only this metric")
    .option("--backend <name>", "TensorFlow.js backend for loss cases: cpu or wasm", "cpu")
    .option("--json", "print the full report as JSON")
    .option("--strict", "exit non-zero when a case has no adapter")
    .action(
      (opts: {
        cases: string[];
        family?: string;
        metric?: string;
        backend: string;
        json?: boolean;
        strict?: boolean;
      }) =>
        runAction(async () => {
          if (opts.backend !== "cpu" && opts.backend !== "wasm") {
            fail(
              "invalid_option",
              `conformance: --backend must be cpu or wasm, got ${JSON.stringify(opts.backend)}`,
            );
          }
          const files = await Promise.all(opts.cases.map((path) => readConformanceFile(path)));
          const report = await runConformance(files, {
            ...(opts.family !== undefined ? { family: opts.family } : {}),
            ...(opts.metric !== undefined ? { metric: opts.metric } : {}),
            context: { backend: opts.backend },
          });
          if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
          else process.stdout.write(`${formatReport(report)}\n\n`);
          process.stdout.write(`${closingLine(report)}\n`);
          if (report.failed > 0 || (opts.strict && report.unsupported > 0)) process.exitCode = 1;
        }),
    );
}
