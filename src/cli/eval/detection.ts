import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { describeValue, fail, isPlumblineError } from "../../core/errors.js";
import { createMetric } from "../../metric.js";
import { type CocoEvalResult, cocoEvalDef, type IouType } from "../../metrics/detection/coco-eval.js";
import { cocoToImages } from "../../metrics/detection/coco-json.js";
import { type CocoResultColumns, readCocoResults } from "../../metrics/detection/coco-results.js";
import { runAction } from "../errors.js";
import {
  addFormatOption,
  type CommandOutput,
  parseFormat,
  parseMetricList,
  startProgress,
} from "../grammar.js";
import { addReportOption, finishEvaluation } from "../report.js";
import { checkOutputPath } from "../state-files.js";
import { checkEmitStatePath, emitState } from "./emit-state.js";

const CMD = "eval detection";

/** The bytes of the file `option` names, or a one-line `io_error`. */
function readBytes(path: string, option: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    return fail(
      "io_error",
      `${CMD}: cannot read \`${option}\` ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
}

function readJson(path: string, option: string): unknown {
  const text = readBytes(path, option).toString("utf8");
  try {
    return JSON.parse(text);
  } catch (error) {
    return fail("io_error", `${CMD}: \`${option}\` ${path} is not valid JSON (${(error as Error).message})`);
  }
}

/** The results file, read by `readCocoResults` straight from its bytes (no object per detection). */
function readResults(path: string): CocoResultColumns {
  const bytes = readBytes(path, "--preds");
  try {
    return readCocoResults(bytes);
  } catch (error) {
    if (!isPlumblineError(error)) throw error;
    const detail = error.message.replace(/^readCocoResults: /, "");
    return fail(
      error.code,
      error.code === "io_error"
        ? `${CMD}: \`--preds\` ${path} is not valid JSON (${detail})`
        : `${CMD}: \`--preds\` ${path}: ${detail}`,
    );
  }
}

/** The summary table in pycocotools' layout, then per-class AP and AR. */
export function formatCocoSummary(result: CocoEvalResult, names: ReadonlyMap<number, string>): string[] {
  const lines: string[] = [];
  result.statLabels.forEach((label, i) => {
    const m = /^(AP|AR) @\[ IoU=(\S+) \| area=(\S+) \| maxDets=(\d+) \]$/.exec(label);
    const title = m?.[1] === "AP" ? "Average Precision  (AP)" : "Average Recall     (AR)";
    const value = result.stats[i]!;
    lines.push(
      ` ${title} @[ IoU=${(m?.[2] ?? "").padEnd(9)} | area=${(m?.[3] ?? "").padStart(6)} | maxDets=${(m?.[4] ?? "").padStart(3)} ] = ${value.toFixed(3)}`,
    );
  });
  lines.push("");
  const width = Math.max(8, ...result.categoryIds.map((id) => (names.get(id) ?? String(id)).length));
  lines.push(`${"category".padEnd(width)}  ${"id".padStart(6)}  ${"AP".padStart(7)}  ${"AR".padStart(7)}`);
  result.categoryIds.forEach((id, k) => {
    const fmt = (v: number) => (v === -1 ? "-1" : v.toFixed(4)).padStart(7);
    lines.push(
      `${(id === -1 ? "(all)" : (names.get(id) ?? String(id))).padEnd(width)}  ${String(id).padStart(6)}  ${fmt(result.perClassAp[k]!)}  ${fmt(result.perClassAr[k]!)}`,
    );
  });
  return lines;
}

function parseMaxDets(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(",").map((s) => Number(s.trim()));
  if (parts.length === 0 || parts.some((n) => !Number.isInteger(n) || n < 1))
    fail(
      "invalid_option",
      `${CMD}: \`--max-dets\` must be comma-separated integers >= 1, got ${describeValue(value)}`,
    );
  return parts;
}

/**
 * The names of the summary rows (`--metrics`, JSON and CSV keys), in pycocotools' order: the AR
 * rows carry their maxDets (`ar_1`, `ar_10`, `ar_100` by default).
 */
export function statKeys(iouType: IouType, maxDets: readonly number[] | undefined): string[] {
  if (iouType === "keypoints")
    return ["ap", "ap_50", "ap_75", "ap_medium", "ap_large", "ar", "ar_50", "ar_75", "ar_medium", "ar_large"];
  const m = [...(maxDets ?? [1, 10, 100])].sort((a, b) => a - b);
  const at = (i: number) => m[Math.min(i, m.length - 1)]!;
  return [
    "ap",
    "ap_50",
    "ap_75",
    "ap_small",
    "ap_medium",
    "ap_large",
    `ar_${at(0)}`,
    `ar_${at(1)}`,
    `ar_${at(2)}`,
    "ar_small",
    "ar_medium",
    "ar_large",
  ];
}

/** Images matched per update (the progress bar moves between updates). */
const IMAGES_PER_UPDATE = 256;

/** `plumbline eval detection --gt instances.json --preds results.json [--iou-type bbox|segm|keypoints]`. */
export function register(evalCommand: Command): void {
  const command = evalCommand
    .command("detection")
    .description(
      "COCO evaluation of a results file against a ground-truth file (pycocotools COCOeval numbers)",
    )
    .requiredOption("--gt <file>", "COCO ground truth (images, annotations, categories)")
    .requiredOption(
      "--preds <file>",
      "COCO results list (image_id, category_id, bbox/segmentation/keypoints, score)",
    )
    .option("--iou-type <type>", "bbox, segm or keypoints", "bbox")
    .option("--max-dets <list>", "comma-separated maxDets (default 1,10,100; 20 for keypoints)")
    .option("--class-agnostic", "ignore categories when matching (useCats = 0)")
    .option("--intended-summary", "AP rows use the largest maxDets instead of pycocotools' fixed 100")
    .option(
      "--metrics <list>",
      "summary rows to print (ap, ap_50, ..., ar_100, ...) and per_class (default all)",
    )
    .option(
      "--emit-state <file>",
      "also write the evaluation state for `plumbline merge` (shards must hold disjoint images)",
    );
  addReportOption(command);
  addFormatOption(command).action(
    (opts: {
      gt: string;
      preds: string;
      iouType: string;
      maxDets?: string;
      classAgnostic?: boolean;
      intendedSummary?: boolean;
      metrics?: string;
      format?: string;
      emitState?: string;
      report?: string;
    }) =>
      runAction(async () => {
        const format = parseFormat(CMD, opts.format);
        if (!["bbox", "segm", "keypoints"].includes(opts.iouType))
          fail(
            "invalid_option",
            `${CMD}: --iou-type must be bbox, segm or keypoints, got ${describeValue(opts.iouType)}`,
          );
        const iouType = opts.iouType as IouType;
        const maxDets = parseMaxDets(opts.maxDets);
        const keys = statKeys(iouType, maxDets);
        const vocabulary = [...keys, "per_class"];
        const chosen = parseMetricList(CMD, opts.metrics, vocabulary, vocabulary);
        if (opts.emitState !== undefined) checkEmitStatePath(CMD, opts.emitState);
        await checkOutputPath(CMD, "--report", opts.report);
        const gt = readJson(opts.gt, "--gt");
        const preds = readResults(opts.preds);
        const { images, categoryIds } = cocoToImages(gt, preds, iouType);
        const metric = createMetric(
          cocoEvalDef({
            iouType,
            categoryIds,
            ...(maxDets ? { maxDets } : {}),
            ...(opts.classAgnostic ? { useCats: false } : {}),
            ...(opts.intendedSummary ? { summary: "intended" as const } : {}),
          }),
        );
        // Images in chunks (the same numbers as one update: each image is matched on arrival).
        const progress = startProgress("evaluating images", images.length);
        try {
          for (let i = 0; i < images.length; i += IMAGES_PER_UPDATE) {
            metric.update(images.slice(i, i + IMAGES_PER_UPDATE));
            progress.update(i + IMAGES_PER_UPDATE);
          }
        } finally {
          progress.stop();
        }
        const result = metric.compute();
        if (opts.emitState !== undefined) await emitState(CMD, opts.emitState, [metric as never]);
        const names = new Map<number, string>();
        for (const c of (gt as { categories: { id: number; name?: string }[] }).categories)
          names.set(c.id, c.name ?? String(c.id));
        const stats = keys
          .map((key, i) => ({ key, label: result.statLabels[i]!, value: result.stats[i]! }))
          .filter((row) => chosen.includes(row.key));
        const perClass = chosen.includes("per_class")
          ? result.categoryIds.map((id, k) => ({
              categoryId: id,
              name: names.get(id) ?? null,
              ap: result.perClassAp[k]!,
              ar: result.perClassAr[k]!,
            }))
          : undefined;
        const output: CommandOutput = {
          json: () => ({
            iouType,
            stats: Object.fromEntries(stats.map((r) => [r.key, r.value])),
            statLabels: Object.fromEntries(stats.map((r) => [r.key, r.label])),
            ...(perClass ? { perClass } : {}),
          }),
          csv: () => ({
            header: ["metric", "category_id", "name", "value"],
            rows: [
              ...stats.map((r) => [r.key, "", "", r.value]),
              ...(perClass ?? []).flatMap((c) => [
                ["ap", c.categoryId, c.name ?? "", c.ap],
                ["ar", c.categoryId, c.name ?? "", c.ar],
              ]),
            ],
          }),
          table: () => {
            const lines = formatCocoSummary(result, names);
            const summaryRows = lines
              .slice(0, result.stats.length)
              .filter((_, i) => chosen.includes(keys[i]!));
            return [...summaryRows, ...(perClass ? lines.slice(result.stats.length) : [])].join("\n");
          },
        };
        // Every row is a number of the one COCO evaluation: one signature, under the IoU type's name.
        const metrics = [{ name: iouType, def: metric.def, state: metric.state }];
        await finishEvaluation(format, opts, {
          output,
          metrics,
          rowMetric: () => iouType,
          results: () => ({
            task: "detection",
            metrics,
            classNames: result.categoryIds.map((id) => names.get(id) ?? String(id)),
          }),
        });
      }),
  );
}
