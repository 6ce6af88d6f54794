import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { describeValue, fail } from "../../core/errors.js";
import { createMetric } from "../../metric.js";
import { type CocoEvalResult, cocoEvalDef, type IouType } from "../../metrics/detection/coco-eval.js";
import { cocoToImages } from "../../metrics/detection/coco-json.js";
import { runAction } from "../errors.js";
import { writeStateFile } from "../state-files.js";

const CMD = "eval detection";

function readJson(path: string, option: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    return fail(
      "io_error",
      `${CMD}: cannot read \`${option}\` ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    return fail("io_error", `${CMD}: \`${option}\` ${path} is not valid JSON (${(error as Error).message})`);
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

/** `plumbline eval detection --gt instances.json --preds results.json [--iou-type bbox|segm|keypoints]`. */
export function register(evalCommand: Command): void {
  evalCommand
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
    .option("--json", "print the summary, per-class AP/AR and labels as JSON")
    .option(
      "--emit-state <file>",
      "also write the evaluation state for `plumbline merge` (shards must hold disjoint images)",
    )
    .action(
      (opts: {
        gt: string;
        preds: string;
        iouType: string;
        maxDets?: string;
        classAgnostic?: boolean;
        intendedSummary?: boolean;
        json?: boolean;
        emitState?: string;
      }) =>
        runAction(async () => {
          if (!["bbox", "segm", "keypoints"].includes(opts.iouType))
            fail(
              "invalid_option",
              `${CMD}: \`--iou-type\` must be bbox, segm or keypoints, got ${describeValue(opts.iouType)}`,
            );
          const gt = readJson(opts.gt, "--gt");
          const preds = readJson(opts.preds, "--preds");
          const maxDets = parseMaxDets(opts.maxDets);
          const { images, categoryIds } = cocoToImages(gt, preds, opts.iouType as IouType);
          const metric = createMetric(
            cocoEvalDef({
              iouType: opts.iouType as IouType,
              categoryIds,
              ...(maxDets ? { maxDets } : {}),
              ...(opts.classAgnostic ? { useCats: false } : {}),
              ...(opts.intendedSummary ? { summary: "intended" as const } : {}),
            }),
          ).update(images);
          const result = metric.compute();
          if (opts.emitState) await writeStateFile(opts.emitState, [metric as never]);
          const names = new Map<number, string>();
          for (const c of (gt as { categories: { id: number; name?: string }[] }).categories)
            names.set(c.id, c.name ?? String(c.id));
          if (opts.json) {
            const out = {
              iouType: opts.iouType,
              stats: Object.fromEntries(result.statLabels.map((l, i) => [l, result.stats[i]])),
              perClass: result.categoryIds.map((id, k) => ({
                categoryId: id,
                name: names.get(id) ?? null,
                ap: result.perClassAp[k],
                ar: result.perClassAr[k],
              })),
            };
            process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
            return;
          }
          process.stdout.write(`${formatCocoSummary(result, names).join("\n")}\n`);
        }),
    );
}
