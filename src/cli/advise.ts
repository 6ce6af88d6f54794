import { extname } from "node:path";
import type { Command } from "commander";
import {
  type AdviceReport,
  adviseClassification,
  adviseDetection,
  advisePanoptic,
  adviseRag,
  adviseRegression,
  adviseRetrieval,
  adviseSegmentation,
  adviseText,
  type PanopticMaps,
} from "../advise/index.js";
import { resolveTask, type Task } from "../catalog/index.js";
import { formatNumber } from "../catalog/render.js";
import { fail } from "../core/errors.js";
import {
  column,
  numbers,
  numericRows,
  readLabelMaps,
  readLines,
  readQrels,
  readRun,
  readTable,
  readText,
} from "./advise-read.js";
import { alignColumns, recommendationText, wrap } from "./catalog.js";
import { runAction } from "./errors.js";
import { addFormatOption, parseFormat, parseNumberFlag, writeOutput } from "./grammar.js";

interface AdviseFlags {
  task?: string;
  target?: string;
  preds?: string;
  column?: string;
  predsColumn?: string;
  ignoreIndex?: string;
  background?: string;
  format?: string;
}

/** What `--target` (and `--preds`) hold for each task that has a reader. */
export const ADVISE_INPUTS: Readonly<Partial<Record<Task, string>>> = {
  classification:
    "labels (CSV/TSV/JSON/JSONL column, or 0/1 rows for multilabel); --preds: labels, scores or probability rows",
  regression: "target values (CSV/TSV/JSON/JSONL column); --preds: predictions",
  detection: "COCO ground-truth JSON (instances.json)",
  segmentation:
    "a label map (.png or .npy) or a directory of them; or a panoptic JSON {things, stuffs, target}",
  retrieval: "TREC qrels; --preds: a TREC run",
  text: "reference files, comma-separated (one reference stream per file); --preds: the hypotheses file",
  rag: "JSONL of samples (question, answer, contexts, ground_truth, ...)",
};

function required(value: string | undefined, flag: string, task: Task): string {
  if (value === undefined)
    fail("invalid_option", `advise: ${flag} is required for task ${task} (${ADVISE_INPUTS[task]})`);
  return value;
}

/** A label flag: a non-negative integer or `none`; exit 2 with the range otherwise. */
function labelFlag(flag: string, value: string | undefined, fallback: number): number | null {
  if (value === undefined) return fallback;
  if (value === "none") return null;
  return parseNumberFlag("advise", flag, value, { min: 0, integer: true });
}

async function adviseFiles(task: Task, flags: AdviseFlags): Promise<AdviceReport> {
  // Segmentation's label flags are read (and refused) before any file, and only where they mean something.
  const ignoreIndex = labelFlag("--ignore-index", flags.ignoreIndex, 255);
  const background = labelFlag("--background", flags.background, 0);
  if (task !== "segmentation" && (flags.ignoreIndex !== undefined || flags.background !== undefined))
    fail(
      "invalid_option",
      `advise: ${flags.ignoreIndex !== undefined ? "--ignore-index" : "--background"} applies to --task segmentation only, got --task ${task}`,
    );
  const target = required(flags.target, "--target", task);
  switch (task) {
    case "classification": {
      const table = await readTable(target);
      const multilabel = flags.column === undefined && table.columns.length > 1;
      const labels = multilabel
        ? numericRows(table, target)
        : column(table, flags.column, target, "--column");
      let preds: number[] | number[][] | undefined;
      if (flags.preds !== undefined) {
        const p = await readTable(flags.preds);
        preds =
          flags.predsColumn === undefined && p.columns.length > 1
            ? numericRows(p, flags.preds)
            : numbers(column(p, flags.predsColumn, flags.preds, "--preds-column"), flags.preds);
      }
      return adviseClassification(labels, preds === undefined ? undefined : { preds });
    }
    case "regression": {
      const y = numbers(column(await readTable(target), flags.column, target, "--column"), target);
      if (flags.preds === undefined) return adviseRegression(y);
      const p = numbers(
        column(await readTable(flags.preds), flags.predsColumn, flags.preds, "--preds-column"),
        flags.preds,
      );
      return adviseRegression(y, { preds: p });
    }
    case "detection":
      return adviseDetection(parseJson(await readText(target), target));
    case "segmentation": {
      if (extname(target).toLowerCase() === ".json")
        return advisePanoptic(parseJson(await readText(target), target) as PanopticMaps);
      return adviseSegmentation(readLabelMaps(target), { ignoreIndex, background });
    }
    case "retrieval": {
      const qrels = await readQrels(target);
      return flags.preds === undefined
        ? adviseRetrieval(qrels)
        : adviseRetrieval(qrels, { run: await readRun(flags.preds) });
    }
    case "text": {
      const references = await Promise.all(target.split(",").map((f) => readLines(f.trim())));
      return flags.preds === undefined
        ? adviseText(references)
        : adviseText(references, { hypotheses: await readLines(flags.preds) });
    }
    case "rag": {
      const lines = (await readText(target)).split("\n").filter((l) => l.trim() !== "");
      return adviseRag(
        lines.map((l, i) => parseJson(l, `${target} line ${i + 1}`) as Record<string, unknown>),
      );
    }
    default:
      return fail(
        "unsupported",
        `advise: no data reader for task ${task} yet; describe the data with \`plumbline recommend --task ${task} --traits ...\` (tasks with readers: ${Object.keys(ADVISE_INPUTS).join(", ")})`,
      );
  }
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    return fail("io_error", `advise: ${where} is not valid JSON (${(error as Error).message})`);
  }
}

const show = (v: number | string) => (typeof v === "number" ? formatNumber(v) : v);

/** The `plumbline advise` table: what was found, the traits, then the recommendation. */
export function adviceText(advice: AdviceReport, source: string, width = 100): string {
  const out = [`advise: ${advice.task}, ${advice.size.count} ${advice.size.unit} (${source})`, "", "found"];
  const rows = advice.findings.map((f) => [
    `  ${f.measure}`,
    `${show(f.value)}${f.trait ? `  → ${f.trait}` : ""}`,
  ]);
  const aligned = alignColumns(rows, "  ");
  advice.findings.forEach((f, i) => {
    out.push(aligned[i]!);
    out.push(`      ${wrap(f.note, width, 6)}`);
  });
  out.push(
    "",
    `traits: ${advice.traits.length > 0 ? advice.traits.join(", ") : "none found (the survey's general advice follows)"}`,
    "",
  );
  return `${out.join("\n")}\n${recommendationText(advice.recommendation, width)}`;
}

/** `plumbline advise --task T --target FILE [--preds FILE]`. */
export function registerAdvise(program: Command): void {
  addFormatOption(
    program
      .command("advise")
      .description("measure the traits of a dataset and recommend metrics and losses from them")
      .option("--task <task>", `task with a reader: ${Object.keys(ADVISE_INPUTS).join(", ")}`)
      .option("--target <path>", "the ground truth (see --task; `-` reads stdin)")
      .option(
        "--preds <path>",
        "predictions (classification, regression), a run (retrieval) or hypotheses (text)",
      )
      .option("--column <name>", "the target's column when the file has several")
      .option("--preds-column <name>", "the predictions' column when the file has several")
      .option("--ignore-index <n>", "segmentation: label to ignore (default 255, `none` for none)")
      .option("--background <n>", "segmentation: background class (default 0, `none` for none)"),
  ).action((flags: AdviseFlags) =>
    runAction(async () => {
      const format = parseFormat("advise", flags.format);
      if (flags.task === undefined)
        fail(
          "invalid_option",
          `advise: --task is required (tasks with readers: ${Object.keys(ADVISE_INPUTS).join(", ")})`,
        );
      const task = resolveTask("advise", flags.task);
      const advice = await adviseFiles(task, flags);
      writeOutput(format, {
        table: () => adviceText(advice, flags.target ?? ""),
        json: () => advice,
        csv: () => ({
          header: ["measure", "value", "trait", "note"],
          rows: advice.findings.map((f) => [f.measure, f.value, f.trait ?? "", f.note]),
        }),
      });
    }),
  );
}
