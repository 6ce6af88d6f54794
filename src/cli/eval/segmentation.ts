import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { Command } from "commander";
import { decode as decodePng } from "fast-png";
import { describeValue, fail, isPlumblineError } from "../../core/errors.js";
import { createMetric } from "../../metric.js";
import { diceScoreDef } from "../../metrics/segmentation/dice-score.js";
import { frequencyWeightedIouDef } from "../../metrics/segmentation/frequency-weighted-iou.js";
import { meanIouDef } from "../../metrics/segmentation/mean-iou.js";
import { parseNpy } from "../../metrics/segmentation/npy.js";
import { pixelAccuracyDef } from "../../metrics/segmentation/pixel-accuracy.js";
import { runAction } from "../errors.js";
import { writeStateFile } from "../state-files.js";

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

/** `plumbline eval segmentation --preds DIR --target DIR [--num-classes N]`. */
export function register(evalCommand: Command): void {
  evalCommand
    .command("segmentation")
    .description(
      "semantic segmentation metrics over two folders of label maps (PNG or .npy, paired by file name)",
    )
    .requiredOption("--preds <dir>", "folder of predicted label maps")
    .requiredOption("--target <dir>", "folder of target label maps (same file names)")
    .option("--num-classes <n>", "number of classes (default: largest label + 1)")
    .option("--ignore-index <k>", "target label to leave out (e.g. 255)")
    .option("--json", "print JSON")
    .option("--emit-state <file>", "also write the metric states for `plumbline merge`")
    .action(
      (opts: {
        preds: string;
        target: string;
        numClasses?: string;
        ignoreIndex?: string;
        json?: boolean;
        emitState?: string;
      }) =>
        runAction(async () => {
          const preds = listMaps(opts.preds, "--preds");
          const target = listMaps(opts.target, "--target");
          for (const stem of target.keys())
            if (!preds.has(stem))
              fail("invalid_value", `${CMD}: target ${stem} has no prediction in ${opts.preds}`);
          for (const stem of preds.keys())
            if (!target.has(stem))
              fail("invalid_value", `${CMD}: prediction ${stem} has no target in ${opts.target}`);
          const ignoreIndex = opts.ignoreIndex === undefined ? undefined : Number(opts.ignoreIndex);
          if (ignoreIndex !== undefined && !Number.isInteger(ignoreIndex))
            fail(
              "invalid_option",
              `${CMD}: \`--ignore-index\` must be an integer, got ${describeValue(opts.ignoreIndex)}`,
            );
          let numClasses = opts.numClasses === undefined ? undefined : Number(opts.numClasses);
          if (numClasses !== undefined && (!Number.isInteger(numClasses) || numClasses < 1))
            fail(
              "invalid_option",
              `${CMD}: \`--num-classes\` must be an integer >= 1, got ${describeValue(opts.numClasses)}`,
            );
          const stems = [...target.keys()];
          // Without --num-classes, one pass finds the largest label (files are read again below, one pair at a time).
          if (numClasses === undefined) {
            let max = 0;
            for (const stem of stems) {
              for (const f of [readLabelFile(preds.get(stem)!), readLabelFile(target.get(stem)!)]) {
                for (const v of f.data) if (v !== ignoreIndex && v > max) max = v;
              }
            }
            numClasses = max + 1;
          }
          const ignore = ignoreIndex !== undefined ? { ignoreIndex } : {};
          const pa = createMetric(pixelAccuracyDef(ignore));
          const miou = createMetric(meanIouDef({ numClasses, perClass: true, ...ignore }));
          const fw = createMetric(frequencyWeightedIouDef({ numClasses, ...ignore }));
          const dice = createMetric(diceScoreDef({ numClasses, average: "none", ...ignore }));
          for (const stem of stems) {
            const p = readLabelFile(preds.get(stem)!);
            const t = readLabelFile(target.get(stem)!);
            if (p.shape.join("x") !== t.shape.join("x"))
              fail(
                "shape_mismatch",
                `${CMD}: ${stem}: prediction is ${p.shape.slice(1).join("x")}, target is ${t.shape.slice(1).join("x")}`,
              );
            try {
              pa.update(p, t);
              miou.update(p, t);
              fw.update(p, t);
              dice?.update(p, t);
            } catch (error) {
              if (isPlumblineError(error)) fail(error.code, `${CMD}: ${stem}: ${error.message}`);
              throw error;
            }
          }
          if (opts.emitState)
            await writeStateFile(opts.emitState, [pa, miou, fw, ...(dice ? [dice] : [])] as never[]);
          const perClassIou = miou.compute() as number[];
          const valid = perClassIou.filter((v) => v >= 0);
          const perClassDice = dice ? (dice.compute() as number[]) : undefined;
          const result = {
            images: stems.length,
            numClasses,
            pixelAccuracy: pa.compute(),
            meanIou: valid.length ? valid.reduce((a, b) => a + b, 0) / valid.length : Number.NaN,
            frequencyWeightedIou: fw.compute(),
            perClass: perClassIou.map((iou, c) => ({
              class: c,
              iou,
              ...(perClassDice ? { dice: perClassDice[c] } : {}),
            })),
          };
          if (opts.json) {
            process.stdout.write(
              `${JSON.stringify(result, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v), 2)}\n`,
            );
            return;
          }
          const lines = [
            `${stems.length} image pairs, ${numClasses} classes${ignoreIndex !== undefined ? `, ignore index ${ignoreIndex}` : ""}`,
            `pixel accuracy          ${result.pixelAccuracy.toFixed(4)}`,
            `mean IoU (dataset)      ${result.meanIou.toFixed(4)}`,
            `frequency-weighted IoU  ${result.frequencyWeightedIou.toFixed(4)}`,
            "",
            `${"class".padStart(5)}  ${"IoU".padStart(7)}${perClassDice ? `  ${"Dice".padStart(7)}   (IoU over all pixels; Dice per image, then averaged: torchmetrics DiceScore)` : ""}`,
            ...result.perClass.map(
              (r) =>
                `${String(r.class).padStart(5)}  ${(r.iou < 0 ? "-1" : r.iou.toFixed(4)).padStart(7)}${perClassDice ? `  ${(Number.isNaN(r.dice!) ? "NaN" : r.dice!.toFixed(4)).padStart(7)}` : ""}`,
            ),
          ];
          process.stdout.write(`${lines.join("\n")}\n`);
        }),
    );
}
