/**
 * The one CLI grammar every `plumbline` command follows (docs/cli.md has the table):
 *
 * - `--format table|json|csv` selects the output (default table); JSON keys are snake_case;
 * - `--metrics a,b,c` selects metrics from the command's vocabulary (unknown names exit 2 with
 *   the vocabulary and a suggestion);
 * - a file argument of `-` reads stdin;
 * - caller mistakes print one line `plumbline: ...` on stderr and exit 2; exit 1 is a bug;
 * - progress bars go to stderr, only on a TTY, and only for work that lasts over a second;
 * - writing into a closed pipe (`| head`) ends quietly.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { SingleBar } from "cli-progress";
import { type Command, Option } from "commander";
import { describeValue, fail } from "../core/errors.js";
import { suggestName } from "../core/options.js";

const require = createRequire(import.meta.url);

/** The output formats of every command. */
export const FORMATS = ["table", "json", "csv"] as const;
export type Format = (typeof FORMATS)[number];

/** Adds `--format table|json|csv` (default table). */
export function addFormatOption(command: Command, formats: readonly Format[] = FORMATS): Command {
  return command.addOption(
    new Option("--format <format>", `output format: ${formats.join(" | ")}`).default("table"),
  );
}

/** Parses `--format`, `invalid_option` (exit 2) with the vocabulary otherwise. */
export function parseFormat(command: string, value: unknown, formats: readonly Format[] = FORMATS): Format {
  if (typeof value !== "string" || !(formats as readonly string[]).includes(value)) {
    const hint = typeof value === "string" ? suggestName(value, formats) : undefined;
    fail(
      "invalid_option",
      `${command}: --format must be one of ${formats.join(", ")}, got ${describeValue(value)}${hint ? ` (${hint})` : ""}`,
    );
  }
  return value as Format;
}

/**
 * Parses `--metrics a,b,c` against the command's vocabulary (order kept, duplicates removed);
 * `fallback` when the flag is absent. Unknown names are `invalid_option` listing the vocabulary.
 */
export function parseMetricList(
  command: string,
  value: string | readonly string[] | undefined,
  vocabulary: readonly string[],
  fallback: readonly string[],
): string[] {
  if (value === undefined) return [...fallback];
  const names = (typeof value === "string" ? [value] : value)
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
  if (names.length === 0)
    fail("invalid_option", `${command}: --metrics is empty; choose from ${vocabulary.join(", ")}`);
  for (const name of names) {
    if (!vocabulary.includes(name)) {
      const hint = suggestName(name, vocabulary);
      fail(
        "invalid_option",
        `${command}: unknown metric ${JSON.stringify(name)}${hint ? ` (${hint})` : ""}; choose from ${vocabulary.join(", ")}`,
      );
    }
  }
  return [...new Set(names)];
}

/** Parses a numeric flag within bounds (`--alpha 0.05`, `--num-classes 10`); exit 2 otherwise. */
export function parseNumberFlag(
  command: string,
  flag: string,
  value: unknown,
  bounds: {
    min?: number;
    max?: number;
    integer?: boolean;
    minExclusive?: boolean;
    maxExclusive?: boolean;
  } = {},
): number {
  const n =
    typeof value === "number"
      ? value
      : typeof value === "string" && value.trim() !== ""
        ? Number(value)
        : Number.NaN;
  const ok =
    Number.isFinite(n) &&
    (!bounds.integer || Number.isInteger(n)) &&
    (bounds.min === undefined || (bounds.minExclusive ? n > bounds.min : n >= bounds.min)) &&
    (bounds.max === undefined || (bounds.maxExclusive ? n < bounds.max : n <= bounds.max));
  if (!ok) {
    const lo = bounds.min === undefined ? "(-inf" : `${bounds.minExclusive ? "(" : "["}${bounds.min}`;
    const hi = bounds.max === undefined ? "inf)" : `${bounds.max}${bounds.maxExclusive ? ")" : "]"}`;
    fail(
      "invalid_option",
      `${command}: ${flag} must be ${bounds.integer ? "an integer" : "a number"} in ${lo}, ${hi}, got ${describeValue(value)}`,
    );
  }
  return n;
}

/** `sampleWeight` → `sample_weight`; keys of nested objects too (arrays and values untouched). */
export function snakeCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeCaseKeys);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[snakeCase(key)] = snakeCaseKeys(v);
  return out;
}

export function snakeCase(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

/** JSON text for output: snake_case keys, NaN/±Infinity as strings (JSON has none), 2-space indent. */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(
    snakeCaseKeys(value),
    (_key, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v),
    2,
  )}\n`;
}

/** RFC 4180 CSV of a header and rows (fields with commas, quotes or newlines are quoted). */
export function toCsvText(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cell = (v: unknown) => {
    const text = v === null || v === undefined ? "" : typeof v === "number" ? String(v) : String(v);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${[header, ...rows].map((row) => row.map(cell).join(",")).join("\n")}\n`;
}

/** What a command prints, in every format: the table text, the CSV rows, the JSON value. */
export interface CommandOutput {
  table: () => string;
  csv: () => { header: readonly string[]; rows: readonly (readonly unknown[])[] };
  json: () => unknown;
}

/** Writes `output` to stdout in `format`. */
export function writeOutput(format: Format, output: CommandOutput): void {
  if (format === "json") process.stdout.write(toJsonText(output.json()));
  else if (format === "csv") {
    const { header, rows } = output.csv();
    process.stdout.write(toCsvText(header, rows));
  } else {
    const text = output.table();
    process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
  }
}

/** Reads a whole text input; `-` is stdin. `io_error` naming the file otherwise. */
export async function readTextInput(command: string, path: string): Promise<string> {
  try {
    if (path === "-") {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    }
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a directory"
          : code === "EACCES"
            ? "permission denied"
            : (error as Error).message;
    return fail("io_error", `${command}: cannot read ${path === "-" ? "stdin" : path} (${reason})`);
  }
}

/** Ends the process quietly when stdout's reader goes away (`plumbline list | head`). */
export function exitQuietlyOnClosedPipe(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

/** Parses a flag whose value must be one of `choices`; exit 2 with the vocabulary otherwise. */
export function parseChoice<const T extends string>(
  command: string,
  flag: string,
  value: unknown,
  choices: readonly T[],
): T {
  if (typeof value === "string" && (choices as readonly string[]).includes(value)) return value as T;
  const hint = typeof value === "string" ? suggestName(value, choices) : undefined;
  return fail(
    "invalid_option",
    `${command}: ${flag} must be one of ${choices.join(", ")}, got ${describeValue(value)}${hint ? ` (${hint})` : ""}`,
  );
}

/** Splits a comma-separated flag value (`a,b , c`) into its non-empty items. */
export function parseList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** A progress display for long work: call `update(done)` often and `stop()` at the end. */
export interface Progress {
  update(done: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr for work of `total` units (bytes, items; undefined when unknown),
 * shown only when stderr is a TTY and only once the work has lasted `delayMs` (default 1 s), so
 * quick runs and pipes stay silent. Cheap to call per batch; `cli-progress` is loaded (synchronously,
 * so a bar also appears during synchronous work) only when a bar is drawn.
 */
export function startProgress(
  label: string,
  total: number | undefined,
  options: { delayMs?: number; stream?: NodeJS.WriteStream } = {},
): Progress {
  const stream = options.stream ?? process.stderr;
  const started = Date.now();
  const delay = options.delayMs ?? 1000;
  let bar: SingleBar | undefined;
  let stopped = false;
  return {
    update(done: number) {
      if (stopped || !stream.isTTY || Date.now() - started < delay) return;
      const value = total === undefined ? done : Math.min(done, total);
      if (bar) {
        bar.update(value);
        return;
      }
      const progress = require("cli-progress") as typeof import("cli-progress");
      bar = new progress.SingleBar(
        {
          format:
            total === undefined
              ? `${label} {value}`
              : `${label} [{bar}] {percentage}% | {eta_formatted} left`,
          stream,
          clearOnComplete: true,
          hideCursor: true,
        },
        progress.Presets.shades_classic,
      );
      bar.start(total ?? 0, value);
    },
    stop() {
      stopped = true;
      bar?.stop();
    },
  };
}
