import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import type { ConformanceReport } from "../conformance/index.js";
import { closingLine, formatReport, readConformanceFile, runConformance } from "../conformance/runner.js";
import { fail } from "../core/errors.js";
import { suggestName } from "../core/options.js";
import { runAction } from "./errors.js";
import { addFormatOption, parseChoice, parseFormat, startProgress, writeOutput } from "./grammar.js";

const FN = "conformance";

/** The public cases shipped with the package (test/data/conformance/*.json, in the tarball too). */
export const SHIPPED_CASES = fileURLToPath(new URL("../../test/data/conformance/", import.meta.url));

/** The shipped case files, sorted; `io_error` naming the folder when the package lacks them. */
export async function shippedCaseFiles(): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(SHIPPED_CASES);
  } catch (error) {
    return fail(
      "io_error",
      `${FN}: the shipped cases are missing (${SHIPPED_CASES}: ${(error as Error).message}); pass --cases FILE...`,
    );
  }
  const files = names.filter((n) => n.endsWith(".json")).sort();
  if (files.length === 0)
    fail("io_error", `${FN}: ${SHIPPED_CASES} holds no case files; pass --cases FILE...`);
  return files.map((n) => join(SHIPPED_CASES, n));
}

/** Fails unless `value` (a filter) is one of `present`: a filter that matches nothing must not pass. */
function checkFilter(
  flag: string,
  value: string | undefined,
  present: readonly string[],
  within: string,
): void {
  if (value === undefined || present.includes(value)) return;
  const hint = suggestName(value, present);
  fail(
    "invalid_option",
    `${FN}: ${flag} ${JSON.stringify(value)} matches no case${hint ? ` (${hint})` : ""}; ${within}: ${present.join(", ")}`,
  );
}

/**
 * `plumbline conformance [--cases FILE...] [--family NAME] [--metric NAME] [--format table|json|csv]
 * [--strict] [--backend cpu|wasm]`: runs reference cases (without `--cases`, the public cases
 * shipped with the package); the closing line `N passed, M failed`
 * goes to stdout with the table and to stderr with JSON or CSV (so stdout stays parseable).
 * Exit 1 when a case fails (or, with --strict, has no adapter); exit 2 for caller mistakes,
 * including a filter that matches no case.
 */
export function registerConformance(program: Command): void {
  const command = program
    .command("conformance")
    .description("run reference golden cases through the library and compare")
    .option("--cases <files...>", "conformance JSON files (default: the public cases shipped with plumbline)")
    .option("--family <name>", "only this family (classification, regression, losses, ...)")
    .option("--metric <name>", "only this metric")
    .option("--backend <name>", "TensorFlow.js backend for loss cases: cpu or wasm", "cpu")
    .option("--strict", "exit non-zero when a case has no adapter");
  addFormatOption(command);
  command.action(
    (opts: {
      cases?: string[];
      family?: string;
      metric?: string;
      backend: string;
      format: string;
      strict?: boolean;
    }) =>
      runAction(async () => {
        const format = parseFormat(FN, opts.format);
        const backend = parseChoice(FN, "--backend", opts.backend, ["cpu", "wasm"] as const);
        const paths = opts.cases ?? (await shippedCaseFiles());
        const files = await Promise.all(paths.map((path) => readConformanceFile(path)));
        const cases = files.flatMap((f) => f.cases);
        const families = [...new Set(cases.map((c) => c.family))].sort();
        checkFilter("--family", opts.family, families, "families in these files");
        const metrics = [
          ...new Set(
            cases.filter((c) => opts.family === undefined || c.family === opts.family).map((c) => c.metric),
          ),
        ].sort();
        checkFilter(
          "--metric",
          opts.metric,
          metrics,
          opts.family === undefined ? "metrics in these files" : `metrics of ${opts.family}`,
        );
        const selected = cases.filter(
          (c) =>
            (opts.family === undefined || c.family === opts.family) &&
            (opts.metric === undefined || c.metric === opts.metric),
        ).length;
        const progress = startProgress("conformance", selected);
        let done = 0;
        let report: ConformanceReport;
        try {
          report = await runConformance(files, {
            ...(opts.family !== undefined ? { family: opts.family } : {}),
            ...(opts.metric !== undefined ? { metric: opts.metric } : {}),
            context: { backend },
            onResult: () => progress.update(++done),
          });
        } finally {
          progress.stop();
        }
        writeOutput(format, {
          table: () => `${formatReport(report)}\n\n${closingLine(report)}`,
          json: () => report,
          csv: () => ({
            header: ["id", "family", "metric", "ref", "status", "detail", "milliseconds"],
            rows: report.results.map((r) => [
              r.id,
              r.family,
              r.metric,
              r.ref,
              r.status,
              r.detail ?? "",
              r.milliseconds,
            ]),
          }),
        });
        if (format !== "table") process.stderr.write(`${closingLine(report)}\n`);
        if (report.failed > 0 || (opts.strict && report.unsupported > 0)) process.exitCode = 1;
      }),
  );
}
