import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { Command } from "commander";
import { decode as decodePng } from "fast-png";
import { type CollectionState, memberStates } from "../../collection/metric-collection.js";
import { describeValue, fail, isPlumblineError } from "../../core/errors.js";
import { createMetric } from "../../metric.js";
import { meanIouDef } from "../../metrics/segmentation/mean-iou.js";
import { parseNpy } from "../../metrics/segmentation/npy.js";
import { type SegmentationSuiteResult, segmentationSuiteDef } from "../../metrics/segmentation/suite.js";
import { runAction } from "../errors.js";
import {
  addFormatOption,
  type CommandOutput,
  parseFormat,
  parseMetricList,
  parseNumberFlag,
  startProgress,
} from "../grammar.js";
import { addReportOption, finishEvaluation } from "../report.js";
import { checkOutputPath } from "../state-files.js";
import { checkEmitStatePath, emitState } from "./emit-state.js";

const CMD = "eval segmentation";

/** A label map read from a file: [N, H, W] (N = 1 for a PNG or a 2-D array). */
export interface LabelFile {
  readonly data: Float64Array;
  readonly shape: number[];
}

/** Reads one label map: a single-channel (grey or palette) PNG, or a NumPy .npy of integers. */
export function readLabelFile(path: string): LabelFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return fail(
      "io_error",
      `${CMD}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  const ext = extname(path).toLowerCase();
  try {
    if (ext === ".npy") {
      const arr = parseNpy(bytes);
      if (arr.shape.length !== 2 && arr.shape.length !== 3)
        fail(
          "shape_mismatch",
          `${CMD}: ${path} must hold a [H, W] or [N, H, W] array, got shape [${arr.shape.join(", ")}]`,
        );
      return { data: arr.data, shape: arr.shape.length === 2 ? [1, ...arr.shape] : arr.shape };
    }
    let png: ReturnType<typeof decodePng>;
    try {
      png = decodePng(bytes);
    } catch (error) {
      return fail("io_error", `${CMD}: ${path} is not a readable PNG (${(error as Error).message})`);
    }
    if (png.channels !== 1)
      fail(
        "unsupported",
        `${CMD}: ${path} has ${png.channels} channels; label maps must be single-channel (grey or palette) PNGs`,
      );
    return { data: Float64Array.from(png.data as ArrayLike<number>), shape: [1, png.height, png.width] };
  } catch (error) {
    if (isPlumblineError(error) && !error.message.startsWith(CMD))
      fail(error.code, `${CMD}: ${path}: ${error.message}`);
    throw error;
  }
}

function listMaps(dir: string, option: string): Map<string, string> {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) fail("io_error", `${CMD}: \`${option}\` ${dir} is not a folder`);
    names = readdirSync(dir);
  } catch (error) {
    if (isPlumblineError(error)) throw error;
    return fail(
      "io_error",
      `${CMD}: cannot read \`${option}\` folder ${dir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  const out = new Map<string, string>();
  for (const name of names.sort()) {
    const ext = extname(name).toLowerCase();
    if (ext !== ".png" && ext !== ".npy") continue;
    const stem = basename(name, extname(name));
    if (out.has(stem))
      fail("invalid_value", `${CMD}: \`${option}\` has two label maps named ${stem} (.png and .npy)`);
    out.set(stem, join(dir, name));
  }
  if (out.size === 0)
    fail("empty_input", `${CMD}: \`${option}\` folder ${dir} has no .png or .npy label maps`);
  return out;
}

/** The metrics `eval segmentation` computes (`--metrics`), in output order. */
export const SEGMENTATION_METRICS = ["pixel_accuracy", "mean_iou", "frequency_weighted_iou", "dice"] as const;

/** The label VOC, Cityscapes and ADE20K use for "ignore" (void, object boundaries). */
export const VOID_LABEL = 255;

/** Checks that a label map holds integer labels (a fractional one is named as such). */
function checkIntegerLabels(data: Float64Array, file: string): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!Number.isInteger(v) || v < 0)
      fail(
        "invalid_value",
        `${CMD}: ${file}: ${describeValue(v)} at pixel ${i} is not a class label (labels are integers >= 0)`,
      );
  }
}

/** Reads `--ignore-index`: an integer >= 0, or `none` to count every label as a class. Default 255. */
function parseIgnoreIndex(value: string | undefined): number | undefined {
  if (value === undefined) return VOID_LABEL;
  if (value === "none") return undefined;
  return parseNumberFlag(CMD, "--ignore-index", value, { integer: true, min: 0 });
}

/** `plumbline eval segmentation --preds DIR --target DIR [--num-classes N] [--ignore-index K|none]`. */
export function register(evalCommand: Command): void {
  const command = evalCommand
    .command("segmentation")
    .description(
      "semantic segmentation metrics over two folders of label maps (PNG or .npy, paired by file name)",
    )
    .requiredOption("--preds <dir>", "folder of predicted label maps")
    .requiredOption("--target <dir>", "folder of target label maps (same file names)")
    .option(
      "--num-classes <n>",
      "number of classes, labels 0..n-1 (default: the labels present; needed with --emit-state)",
    )
    .option(
      "--ignore-index <k>",
      `target label left out, or "none" to count every label (default ${VOID_LABEL}: VOC, Cityscapes and ADE20K's "ignore")`,
    )
    .option("--metrics <list>", `comma-separated: ${SEGMENTATION_METRICS.join(", ")} (default all)`)
    .option("--emit-state <file>", "also write the metric states for `plumbline merge`");
  addReportOption(command);
  addFormatOption(command).action(
    (opts: {
      preds: string;
      target: string;
      numClasses?: string;
      ignoreIndex?: string;
      metrics?: string;
      format?: string;
      emitState?: string;
      report?: string;
    }) =>
      runAction(async () => {
        const format = parseFormat(CMD, opts.format);
        const chosen = parseMetricList(CMD, opts.metrics, SEGMENTATION_METRICS, SEGMENTATION_METRICS);
        const ignoreIndex = parseIgnoreIndex(opts.ignoreIndex);
        const givenClasses =
          opts.numClasses === undefined
            ? undefined
            : parseNumberFlag(CMD, "--num-classes", opts.numClasses, { integer: true, min: 1 });
        // The class count's memory is checked (by the metric definitions) before anything is read.
        if (givenClasses !== undefined) {
          try {
            meanIouDef({ numClasses: givenClasses });
          } catch (error) {
            if (isPlumblineError(error))
              fail(error.code, `${CMD}: --num-classes ${givenClasses}: ${error.message}`);
            throw error;
          }
        }
        if (opts.emitState !== undefined) {
          if (givenClasses === undefined)
            fail(
              "invalid_option",
              `${CMD}: --emit-state needs --num-classes, so that every shard's states index the same classes`,
            );
          checkEmitStatePath(CMD, opts.emitState);
        }
        await checkOutputPath(CMD, "--report", opts.report);
        const preds = listMaps(opts.preds, "--preds");
        const target = listMaps(opts.target, "--target");
        for (const stem of target.keys())
          if (!preds.has(stem))
            fail("invalid_value", `${CMD}: target ${stem} has no prediction in ${opts.preds}`);
        for (const stem of preds.keys())
          if (!target.has(stem))
            fail("invalid_value", `${CMD}: prediction ${stem} has no target in ${opts.target}`);
        const stems = [...target.keys()];
        // The classes: 0..n-1 with --num-classes; otherwise the labels present (in predictions, and
        // in targets except the ignored label), so one stray label 10000 costs a row, not 10^8 cells.
        let labels: number[];
        let voidSeen = false;
        if (givenClasses !== undefined) labels = Array.from({ length: givenClasses }, (_, c) => c);
        else {
          const present = new Set<number>();
          const scan = startProgress("scanning labels", stems.length);
          for (const [done, stem] of stems.entries()) {
            scan.update(done);
            const p = readLabelFile(preds.get(stem)!);
            const t = readLabelFile(target.get(stem)!);
            checkIntegerLabels(p.data, preds.get(stem)!);
            checkIntegerLabels(t.data, target.get(stem)!);
            for (let i = 0; i < t.data.length; i++) {
              const tv = t.data[i]!;
              if (tv === ignoreIndex) {
                voidSeen = true;
                continue;
              }
              present.add(tv);
              present.add(p.data[i]!);
            }
          }
          scan.stop();
          labels = [...present].sort((a, b) => a - b);
          if (labels.length === 0)
            fail(
              "empty_input",
              `${CMD}: every target pixel is the ignored label ${ignoreIndex}; nothing to evaluate`,
            );
        }
        const index = new Map(labels.map((label, c) => [label, c]));
        const remap = givenClasses === undefined;
        const numClasses = labels.length;
        const ignore = ignoreIndex !== undefined ? { ignoreIndex } : {};
        // The public suite: one update per image pair, the IoU family on one confusion matrix.
        const suite = createMetric(segmentationSuiteDef({ numClasses, ...ignore }));
        const progress = startProgress("evaluating", stems.length);
        for (const [done, stem] of stems.entries()) {
          progress.update(done);
          let p = readLabelFile(preds.get(stem)!);
          let t = readLabelFile(target.get(stem)!);
          if (p.shape.join("x") !== t.shape.join("x"))
            fail(
              "shape_mismatch",
              `${CMD}: ${stem}: prediction is ${p.shape.slice(1).join("x")}, target is ${t.shape.slice(1).join("x")}`,
            );
          if (givenClasses !== undefined) {
            checkIntegerLabels(p.data, preds.get(stem)!);
            checkIntegerLabels(t.data, target.get(stem)!);
            for (const v of t.data) if (v === ignoreIndex) voidSeen = true;
          }
          if (remap) {
            const toIndex = (m: LabelFile, keepIgnored: boolean): LabelFile => ({
              shape: m.shape,
              data: m.data.map((v) => (keepIgnored && v === ignoreIndex ? v : (index.get(v) ?? v))),
            });
            // A prediction at an ignored target pixel is never read; keep it in range.
            const td = t.data;
            p = {
              shape: p.shape,
              data: p.data.map((v, i) => (td[i] === ignoreIndex ? 0 : (index.get(v) ?? v))),
            };
            t = toIndex(t, true);
          }
          try {
            suite.update(p, t);
          } catch (error) {
            if (isPlumblineError(error)) fail(error.code, `${CMD}: ${stem}: ${error.message}`);
            throw error;
          }
        }
        progress.stop();
        if (opts.emitState !== undefined) await emitState(CMD, opts.emitState, [suite] as never[]);
        const values = suite.compute();
        const perClassIou = values.iou_per_class;
        const perClassDice = values.dice_per_class;
        const notes: string[] = [];
        if (ignoreIndex === VOID_LABEL && opts.ignoreIndex === undefined && voidSeen)
          notes.push(
            `label ${VOID_LABEL} is left out as "ignore" (the VOC, Cityscapes and ADE20K convention); pass --ignore-index none to count it as a class`,
          );
        const summary = {
          pixelAccuracy: values.pixel_accuracy,
          meanIou: values.mean_iou,
          frequencyWeightedIou: values.frequency_weighted_iou,
        };
        const has = (name: (typeof SEGMENTATION_METRICS)[number]) => chosen.includes(name);
        const rows = labels.map((label, c) => ({
          class: label,
          ...(has("mean_iou") ? { iou: perClassIou[c]! } : {}),
          ...(has("dice") ? { dice: perClassDice[c]! } : {}),
        }));
        const result = {
          images: stems.length,
          numClasses,
          ignoreIndex: ignoreIndex ?? null,
          ...(has("pixel_accuracy") ? { pixelAccuracy: summary.pixelAccuracy } : {}),
          ...(has("mean_iou") ? { meanIou: summary.meanIou } : {}),
          ...(has("frequency_weighted_iou") ? { frequencyWeightedIou: summary.frequencyWeightedIou } : {}),
          ...(has("mean_iou") || has("dice") ? { perClass: rows } : {}),
          notes,
        };
        const fmt = (v: number) => (Number.isNaN(v) ? "NaN" : v < 0 ? "-1" : v.toFixed(4));
        const output: CommandOutput = {
          json: () => result,
          csv: () => ({
            header: ["class", ...(has("mean_iou") ? ["iou"] : []), ...(has("dice") ? ["dice"] : [])],
            rows: rows.map((r) => [
              r.class,
              ...(has("mean_iou") ? [r.iou] : []),
              ...(has("dice") ? [r.dice] : []),
            ]),
          }),
          table: () => {
            const lines = [
              `${stems.length} image pairs, ${numClasses} classes${remap ? " (the labels present)" : ""}${ignoreIndex !== undefined ? `, ignore index ${ignoreIndex}` : ""}`,
              ...(has("pixel_accuracy") ? [`pixel accuracy          ${fmt(summary.pixelAccuracy)}`] : []),
              ...(has("mean_iou") ? [`mean IoU (dataset)      ${fmt(summary.meanIou)}`] : []),
              ...(has("frequency_weighted_iou")
                ? [`frequency-weighted IoU  ${fmt(summary.frequencyWeightedIou)}`]
                : []),
            ];
            if (has("mean_iou") || has("dice")) {
              lines.push(
                "",
                `${"class".padStart(5)}${has("mean_iou") ? `  ${"IoU".padStart(7)}` : ""}${has("dice") ? `  ${"Dice".padStart(7)}` : ""}`,
                ...rows.map(
                  (r) =>
                    `${String(r.class).padStart(5)}${r.iou !== undefined ? `  ${fmt(r.iou).padStart(7)}` : ""}${r.dice !== undefined ? `  ${fmt(r.dice).padStart(7)}` : ""}`,
                ),
              );
              if (has("dice"))
                lines.push("(IoU over all pixels; Dice per image, then averaged: torchmetrics DiceScore)");
            }
            for (const note of notes) lines.push(`note: ${note}`);
            return lines.join("\n");
          },
        };
        // Signed and reported: the suite's members whose numbers are printed (the per-class
        // columns are the per-class members).
        const members = memberStates(suite.def, suite.state as CollectionState);
        const printed: Record<(typeof SEGMENTATION_METRICS)[number], (keyof SegmentationSuiteResult)[]> = {
          pixel_accuracy: ["pixel_accuracy"],
          mean_iou: ["mean_iou", "iou_per_class"],
          frequency_weighted_iou: ["frequency_weighted_iou"],
          dice: ["dice_per_class"],
        };
        const metrics = (chosen as (typeof SEGMENTATION_METRICS)[number][]).flatMap((c) =>
          printed[c].map((name) => ({ name, ...members[name]! })),
        );
        await finishEvaluation(format, opts, {
          output,
          metrics,
          rowMetric: null,
          results: () => ({
            task: "segmentation",
            metrics,
            classNames: labels.map(String),
            notes,
          }),
        });
      }),
  );
}
