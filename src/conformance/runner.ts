import { readFile } from "node:fs/promises";
import { compareClose } from "../core/close.js";
import { fail, isPlumblineError } from "../core/errors.js";
import { adapterLoaders } from "./adapters/index.js";
import type {
  Adapter,
  AdapterContext,
  CaseResult,
  ConformanceCase,
  ConformanceFile,
  ConformanceReport,
} from "./types.js";

const adapterCache = new Map<string, Promise<readonly Adapter[]>>();

function loadAdapters(family: string): Promise<readonly Adapter[]> {
  let loaded = adapterCache.get(family);
  if (!loaded) {
    const loader = adapterLoaders[family];
    loaded = loader ? loader() : Promise.resolve([]);
    adapterCache.set(family, loaded);
  }
  return loaded;
}

/** The adapter for a case: one whose `ref` matches first, else one without `ref`. */
export async function findAdapter(testCase: ConformanceCase): Promise<Adapter | undefined> {
  const adapters = (await loadAdapters(testCase.family)).filter((a) => a.metric === testCase.metric);
  return (
    adapters.find((a) => a.ref !== undefined && testCase.ref.includes(a.ref)) ??
    adapters.find((a) => a.ref === undefined)
  );
}

/** Reads a conformance JSON file; a malformed file raises `io_error`. */
export async function readConformanceFile(path: string): Promise<ConformanceFile> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    return fail(
      "io_error",
      `conformance: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail("io_error", `conformance: ${path} is not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== "object" || parsed === null || !Array.isArray((parsed as ConformanceFile).cases)) {
    fail("io_error", `conformance: ${path} must be an object with a "cases" array`);
  }
  const file = parsed as ConformanceFile;
  file.cases.forEach((c, i) => {
    const missing = (["id", "family", "metric", "ref"] as const).filter((k) => typeof c?.[k] !== "string");
    if (
      missing.length > 0 ||
      !("expected" in c) ||
      typeof c.rtol !== "number" ||
      typeof c.atol !== "number"
    ) {
      fail(
        "io_error",
        `conformance: ${path} case ${i} must have string id, family, metric and ref, an expected value and numeric rtol and atol${missing.length ? ` (missing ${missing.join(", ")})` : ""}`,
      );
    }
  });
  return { ...file, datasets: file.datasets ?? {} };
}

/** The inputs of a case: the named dataset, or the inline object. */
export function caseInputs(file: ConformanceFile, testCase: ConformanceCase): Record<string, unknown> {
  if (typeof testCase.inputs !== "string") return testCase.inputs;
  const inputs = file.datasets[testCase.inputs];
  if (!inputs)
    fail(
      "io_error",
      `conformance: case ${testCase.id} names dataset ${testCase.inputs}, which the file does not have`,
    );
  return inputs;
}

/** Runs one case through its adapter and compares with the expected value. */
export async function runCase(
  file: ConformanceFile,
  testCase: ConformanceCase,
  context: AdapterContext,
): Promise<CaseResult> {
  const base = { id: testCase.id, family: testCase.family, metric: testCase.metric, ref: testCase.ref };
  const started = performance.now();
  const adapter = await findAdapter(testCase);
  if (!adapter) return { ...base, status: "unsupported", detail: "no adapter", milliseconds: 0 };
  let actual: unknown;
  try {
    actual = await adapter.run(caseInputs(file, testCase), testCase.options ?? {}, testCase, context);
  } catch (error) {
    const message = isPlumblineError(error)
      ? `${error.code}: ${error.message}`
      : String((error as Error)?.stack ?? error);
    return { ...base, status: "fail", detail: `threw ${message}`, milliseconds: performance.now() - started };
  }
  const { rtol, atol } = adapter.tolerance?.(testCase, context) ?? testCase;
  const verdict = compareClose(actual, testCase.expected, rtol, atol);
  return {
    ...base,
    status: verdict.ok ? "pass" : "fail",
    ...(verdict.detail !== undefined ? { detail: verdict.detail } : {}),
    milliseconds: performance.now() - started,
  };
}

export interface RunOptions {
  /** Only cases of this family. */
  readonly family?: string;
  /** Only cases whose metric is this. */
  readonly metric?: string;
  readonly context?: AdapterContext;
  /** Called after each case (progress). */
  readonly onResult?: (result: CaseResult) => void;
}

/** Runs every selected case of the given files. */
export async function runConformance(
  files: readonly ConformanceFile[],
  options: RunOptions = {},
): Promise<ConformanceReport> {
  const context = options.context ?? { backend: "cpu" };
  const results: CaseResult[] = [];
  for (const file of files) {
    for (const testCase of file.cases) {
      if (options.family !== undefined && testCase.family !== options.family) continue;
      if (options.metric !== undefined && testCase.metric !== options.metric) continue;
      const result = await runCase(file, testCase, context);
      results.push(result);
      options.onResult?.(result);
    }
  }
  return {
    results,
    passed: results.filter((r) => r.status === "pass").length,
    failed: results.filter((r) => r.status === "fail").length,
    unsupported: results.filter((r) => r.status === "unsupported").length,
  };
}

/** The closing line: `N passed, M failed` (and `, K unsupported` when there are any). */
export function closingLine(report: ConformanceReport): string {
  const line = `${report.passed} passed, ${report.failed} failed`;
  return report.unsupported > 0 ? `${line}, ${report.unsupported} unsupported` : line;
}

/** A plain-text table per family: metric, reference, passed, failed, unsupported. */
export function formatReport(report: ConformanceReport, showFailures = true): string {
  const rows = new Map<
    string,
    { family: string; metric: string; ref: string; pass: number; fail: number; unsupported: number }
  >();
  for (const r of report.results) {
    const key = `${r.family}\u0000${r.metric}\u0000${r.ref}`;
    const row = rows.get(key) ?? {
      family: r.family,
      metric: r.metric,
      ref: r.ref,
      pass: 0,
      fail: 0,
      unsupported: 0,
    };
    if (r.status === "pass") row.pass++;
    else if (r.status === "fail") row.fail++;
    else row.unsupported++;
    rows.set(key, row);
  }
  const lines: string[] = [];
  let family = "";
  const byFamily = [...rows.values()].sort((a, b) => a.family.localeCompare(b.family));
  for (const row of byFamily) {
    if (row.family !== family) {
      family = row.family;
      lines.push(
        "",
        `${family}`,
        `  ${"metric".padEnd(34)} ${"pass".padStart(5)} ${"fail".padStart(5)} ${"unsup".padStart(5)}  reference`,
      );
    }
    const ref = row.ref.length > 60 ? `${row.ref.slice(0, 57)}...` : row.ref;
    lines.push(
      `  ${row.metric.padEnd(34)} ${String(row.pass).padStart(5)} ${String(row.fail).padStart(5)} ${String(row.unsupported).padStart(5)}  ${ref}`,
    );
  }
  if (showFailures) {
    const failures = report.results.filter((r) => r.status === "fail");
    if (failures.length > 0) {
      lines.push("", "failures");
      for (const f of failures.slice(0, 50))
        lines.push(`  ${f.id} [${f.ref}]: ${f.detail ?? ""}`.slice(0, 400));
      if (failures.length > 50) lines.push(`  ... and ${failures.length - 50} more`);
    }
  }
  return lines.join("\n").trimStart();
}
