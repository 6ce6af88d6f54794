/**
 * How `eval` commands read their numeric inputs: the shared input flags, and predictions and
 * targets read together in aligned batches (from two files, or from one file holding both).
 */
import { basename } from "node:path";
import type { Command } from "commander";
import { fail } from "../../core/errors.js";
import { openNumericTable } from "../../io/open.js";
import {
  collectTable,
  HEADER_RULES,
  type HeaderRule,
  type NumericReader,
  type NumericTable,
  TABLE_FORMATS,
  type TableFormat,
  type TableReadOptions,
} from "../../io/table.js";
import { parseChoice } from "../grammar.js";

export type { NumericTable } from "../../io/table.js";

/**
 * Reads a whole numeric table (CSV/TSV, JSON, JSONL, Parquet, Arrow IPC; `-` for stdin) into
 * memory, for small inputs such as the bundled samples. Commands that may meet big inputs
 * stream `openNumericTable(...).batches()` instead.
 */
export async function readNumericTable(
  path: string,
  fn: string,
  options: Omit<TableReadOptions, "fn"> = {},
): Promise<NumericTable> {
  return collectTable(await openNumericTable(path, { fn, ...options }), fn);
}

/** The input flags every numeric `eval` command shares. */
export interface InputFlags {
  preds: string;
  target: string;
  inputFormat?: string;
  header?: string;
  comment?: string;
}

/** Adds `--input-format`, `--header` and `--comment` (docs/cli.md "Input files"). */
export function addInputOptions(command: Command): Command {
  return command
    .option("--input-format <format>", `${TABLE_FORMATS.join(" | ")} (default: by extension; CSV for stdin)`)
    .option(
      "--header <rule>",
      "CSV: auto | yes | no: does the first row name the columns (auto: only when no cell is a number)",
      "auto",
    )
    .option("--comment <char>", "CSV: treat text after this character as a comment (off by default)");
}

/** The reading options of the input flags, validated. */
export function readingOptions(
  fn: string,
  flags: InputFlags,
): Omit<TableReadOptions, "columns"> & { format?: TableFormat } {
  const options: Omit<TableReadOptions, "columns"> & { format?: TableFormat } = {
    fn,
    header: parseChoice<HeaderRule>(fn, "--header", flags.header ?? "auto", HEADER_RULES),
  };
  if (flags.inputFormat !== undefined)
    options.format = parseChoice<TableFormat>(fn, "--input-format", flags.inputFormat, TABLE_FORMATS);
  if (flags.comment !== undefined) options.comment = flags.comment;
  return options;
}

/** One aligned batch of predictions and targets. */
export interface PairedBatch {
  readonly preds: readonly Float64Array[];
  readonly target: readonly Float64Array[];
  readonly rows: number;
}

/** Predictions and targets opened together. */
export interface PairedInput {
  readonly predsNames: readonly string[];
  readonly targetNames: readonly string[];
  /** True when both come from stdin or another stream that cannot be read twice. */
  readonly isStream: boolean;
  /** Total input bytes when known (for progress). */
  readonly totalBytes: number | undefined;
  /** Bytes read so far. */
  bytesRead(): number;
  /** The batches, aligned by row; iterate once. */
  batches(): AsyncIterable<PairedBatch>;
}

/** Default target column names when predictions and targets share one file. */
const TARGET_NAMES = ["target", "label", "labels", "y", "y_true"];

/**
 * Opens `--preds` and `--target` (the same path, `-` included, is read once: its target columns
 * are `targetColumns` or the first of target/label/labels/y/y_true, its prediction columns the
 * others unless `predsColumns` names them). Rows are paired in order; files of different lengths
 * are a `shape_mismatch` naming both.
 */
export async function openPairedInput(
  fn: string,
  flags: InputFlags,
  columns: { preds?: string[] | undefined; target?: string[] | undefined },
): Promise<PairedInput> {
  const options = readingOptions(fn, flags);
  if (flags.preds === flags.target) {
    // Learn the names first (cheap for files; for stdin the reader is kept and used).
    const probe = await openNumericTable(flags.preds, options);
    const all = probe.allNames;
    const target =
      columns.target ??
      (() => {
        const found = TARGET_NAMES.find((n) => all.includes(n));
        if (found === undefined)
          fail(
            "invalid_option",
            `${fn}: --preds and --target are the same file (${probe.source.name}); name its target column with --target-columns (columns: ${all.join(", ")})`,
          );
        return [found];
      })();
    const targetSet = new Set(target.map((t) => (all.includes(t) ? t : (all[Number(t)] ?? t))));
    const preds = columns.preds ?? all.filter((n) => !targetSet.has(n));
    if (preds.length === 0)
      fail("invalid_option", `${fn}: ${probe.source.name} has no column left for the predictions`);
    let reader: NumericReader;
    if (probe.source.path === undefined) reader = reselect(probe, [...preds, ...target], fn);
    else {
      await probe.close();
      reader = await openNumericTable(flags.preds, { ...options, columns: [...preds, ...target] });
    }
    const p = preds.length;
    return {
      predsNames: reader.names.slice(0, p),
      targetNames: reader.names.slice(p),
      isStream: reader.source.path === undefined,
      totalBytes: reader.source.size,
      bytesRead: () => reader.source.bytesRead,
      async *batches() {
        for await (const batch of reader.batches())
          yield { preds: batch.columns.slice(0, p), target: batch.columns.slice(p), rows: batch.rows };
      },
    };
  }
  if (flags.preds === "-" && flags.target === "-")
    fail("invalid_option", `${fn}: only one input can be stdin`);
  const predsReader = await openNumericTable(flags.preds, { ...options, columns: columns.preds });
  const targetReader = await openNumericTable(flags.target, { ...options, columns: columns.target });
  const sizes = [predsReader.source.size, targetReader.source.size];
  return {
    predsNames: predsReader.names,
    targetNames: targetReader.names,
    isStream: predsReader.source.path === undefined || targetReader.source.path === undefined,
    totalBytes: sizes.every((s) => s !== undefined) ? sizes[0]! + sizes[1]! : undefined,
    bytesRead: () => predsReader.source.bytesRead + targetReader.source.bytesRead,
    batches: () => zip(fn, predsReader, targetReader),
  };
}

/** A reader of stdin cannot be reopened: select the columns from the batches it yields. */
function reselect(reader: NumericReader, wanted: string[], fn: string): NumericReader {
  const index = wanted.map((w) => {
    const byName = reader.names.indexOf(w);
    const at = byName >= 0 ? byName : /^\d+$/.test(w) ? Number(w) : -1;
    if (at < 0 || at >= reader.names.length)
      fail(
        "invalid_option",
        `${fn}: ${reader.source.name} has no column ${JSON.stringify(w)} (columns: ${reader.names.join(", ")})`,
      );
    return at;
  });
  return {
    names: index.map((i) => reader.names[i]!),
    allNames: reader.allNames,
    source: reader.source,
    async *batches() {
      for await (const batch of reader.batches())
        yield { columns: index.map((i) => batch.columns[i]!), rows: batch.rows, firstRow: batch.firstRow };
    },
    close: () => reader.close(),
  };
}

/** Pairs two readers' rows in order, cutting batches to the shorter one. */
async function* zip(fn: string, preds: NumericReader, target: NumericReader): AsyncGenerator<PairedBatch> {
  const a = preds.batches()[Symbol.asyncIterator]();
  const b = target.batches()[Symbol.asyncIterator]();
  let left: { columns: readonly Float64Array[]; rows: number; at: number } | null = null;
  let right: { columns: readonly Float64Array[]; rows: number; at: number } | null = null;
  let rowsA = 0;
  let rowsB = 0;
  for (;;) {
    if (left === null || left.at === left.rows) {
      const next = await a.next();
      left = next.done ? null : { ...next.value, at: 0 };
      if (left) rowsA += left.rows;
    }
    if (right === null || right.at === right.rows) {
      const next = await b.next();
      right = next.done ? null : { ...next.value, at: 0 };
      if (right) rowsB += right.rows;
    }
    if (left === null || right === null) {
      if (left !== null || right !== null) {
        // Count the rest of the longer input for the message.
        const rest = left !== null ? a : b;
        let extra = left !== null ? left.rows - left.at : right!.rows - right!.at;
        for (let next = await rest.next(); !next.done; next = await rest.next()) extra += next.value.rows;
        const shorter = left === null ? rowsA : rowsB;
        const [pn, tn] = left === null ? [shorter, shorter + extra] : [shorter + extra, shorter];
        fail(
          "shape_mismatch",
          `${fn}: --preds ${preds.source.name} has ${pn} rows and --target ${target.source.name} has ${tn}; they must match`,
        );
      }
      return;
    }
    const n = Math.min(left.rows - left.at, right.rows - right.at);
    const cut = (side: { columns: readonly Float64Array[]; at: number; rows: number }) =>
      side.at === 0 && n === side.rows
        ? side.columns
        : side.columns.map((c) => c.subarray(side.at, side.at + n));
    yield { preds: cut(left), target: cut(right), rows: n };
    left.at += n;
    right.at += n;
  }
}

/** The shard label of an input: file names (stdin as `-`) and the row range read. */
export function inputLabel(flags: InputFlags, rows: number): string {
  const names = flags.preds === flags.target ? [flags.preds] : [flags.preds, flags.target];
  return `${names.map((n) => (n === "-" ? "stdin" : basename(n))).join("+")}:rows 0-${rows}`;
}
