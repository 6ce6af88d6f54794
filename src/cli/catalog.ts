import type { Command } from "commander";
import {
  type CatalogEntry,
  catalog,
  describe,
  type Recommendation,
  recommend,
  resolveTask,
  type TaskVocabulary,
  vocabulary,
} from "../catalog/index.js";
import { formatNumber, formatRange, latexToText } from "../catalog/render.js";
import { describeValue, fail } from "../core/errors.js";
import { suggestName } from "../core/options.js";
import { runAction } from "./errors.js";
import { addFormatOption, type CommandOutput, parseFormat, writeOutput } from "./grammar.js";

const KINDS = ["metric", "loss", "weighting"] as const;

/** Pads the columns of `rows` to their widest cell (the last column is left ragged). */
export function alignColumns(rows: readonly (readonly string[])[], gap = "  "): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + " ".repeat(widths[i]! - [...cell].length)))
      .join(gap)
      .trimEnd(),
  );
}

/** Wraps `text` at `width` columns, indenting continuation lines by `indent` spaces. */
export function wrap(text: string, width: number, indent: number): string {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (line.length > 0 && line.length + 1 + word.length > width - indent) {
      lines.push(line);
      line = word;
    } else line = line.length > 0 ? `${line} ${word}` : word;
  }
  if (line.length > 0) lines.push(line);
  return lines.join(`\n${" ".repeat(indent)}`);
}

const DIRECTION = { higher: "higher is better", lower: "lower is better", none: "no direction" } as const;

/** The names of the properties that hold, in words. */
export function propertyList(entry: CatalogEntry): string {
  const p = entry.properties;
  const words: [boolean, string][] = [
    [p.differentiable, "differentiable"],
    [p.convex, "convex"],
    [p.smooth, "smooth"],
    [p.bounded, "bounded"],
    [p.robustToOutliers, "robust to outliers"],
    [p.scaleInvariant, "scale-invariant"],
    [p.needsProbabilities, "needs probabilities"],
    [p.thresholdDependent, "threshold-dependent"],
    [!p.needsReference, "reference-free"],
  ];
  const on = words.filter(([v]) => v).map(([, w]) => w);
  return on.length > 0 ? on.join(", ") : "none of the listed properties";
}

/** `plumbline describe ID` as text: every field of the entry, formula as Unicode and as LaTeX. */
export function describeText(entry: CatalogEntry, width = 100): string {
  const label = 13;
  const out: string[] = [`${entry.id} — ${entry.title}`, ""];
  const field = (name: string, value: string) => {
    if (value.length > 0) out.push(`${name.padEnd(label)}${wrap(value, width, label)}`);
  };
  const list = (name: string, values: readonly string[]) => {
    values.forEach((v, i) => {
      out.push(`${(i === 0 ? name : "").padEnd(label)}- ${wrap(v, width, label + 2)}`);
    });
  };
  field("kind", `${entry.kind} (${entry.tasks.join(", ")})`);
  field("formula", latexToText(entry.formula));
  field("latex", entry.formula);
  const ideal = entry.ideal === null ? "" : `, best ${formatNumber(entry.ideal)}`;
  field("range", `${formatRange(entry.range)}, ${DIRECTION[entry.direction]}${ideal}`);
  field("properties", propertyList(entry));
  field("usage", entry.usage);
  list("advantages", entry.advantages);
  list("limitations", entry.limitations);
  list(
    "suited to",
    entry.suitedTo.map((n) => `${n.task}/${n.trait}: ${n.why}`),
  );
  list(
    "misleading",
    entry.misleadingUnder.map((n) => `${n.task}/${n.trait}: ${n.why}`),
  );
  list(
    "survey",
    entry.survey.length > 0
      ? entry.survey.map((s) => `§${s.section} ${s.title}`)
      : [`not covered; ${entry.beyondSurvey ?? ""}`],
  );
  list(
    "references",
    entry.references.map((r) => [r.paper, r.implementation].filter((x) => x && x.length > 0).join(" — ")),
  );
  list(
    "pairings",
    entry.pairings.map((p) => `${p.id}: ${p.why}`),
  );
  field("exports", `${entry.exports.join(", ")} (import from ${entry.module})`);
  return `${out.join("\n")}\n`;
}

/** The `plumbline recommend` table. */
export function recommendationText(rec: Recommendation, width = 100): string {
  const title = (id: string) => describe(id)?.title ?? "";
  const out: string[] = [
    `recommend: ${rec.task}${rec.traits.length > 0 ? `, traits ${rec.traits.join(", ")}` : " (no traits: the survey's general choice)"}`,
  ];
  const section = (
    name: string,
    items: readonly { id: string; why: string; pairsWith?: readonly string[] }[],
  ) => {
    out.push("", name);
    if (items.length === 0) out.push("  (none)");
    items.forEach((item, i) => {
      out.push(`  ${String(i + 1).padStart(2)}. ${item.id} — ${title(item.id)}`);
      out.push(`      ${wrap(item.why, width, 6)}`);
      if (item.pairsWith && item.pairsWith.length > 0)
        out.push(`      ${wrap(`report with: ${item.pairsWith.join(", ")}`, width, 6)}`);
    });
  };
  section("metrics (best first)", rec.metrics);
  section("losses (best first)", rec.losses);
  if (rec.traits.length > 0) {
    out.push("", "avoid");
    if (rec.avoid.length === 0) out.push("  (nothing in the catalog misleads under these traits)");
    for (const a of rec.avoid) out.push(`   - ${wrap(`${a.id}: ${a.why}`, width, 6)}`);
  }
  return `${out.join("\n")}\n`;
}

/** The vocabulary table of `plumbline traits`. */
export function vocabularyText(tasks: readonly TaskVocabulary[], width = 100): string {
  const out: string[] = [];
  for (const t of tasks) {
    const aliases = t.aliases.length > 0 ? ` (aliases: ${t.aliases.join(", ")})` : "";
    out.push(`${t.task} — ${t.title}, survey §${t.sections.join(", §")}${aliases}`);
    const rows = Object.entries(t.traits).map(([name, text]) => [`  ${name}`, text]);
    const aligned = alignColumns(rows);
    const indent = Math.max(...rows.map((r) => r[0]!.length)) + 2;
    for (const line of aligned)
      out.push(`${line.slice(0, indent)}${wrap(line.slice(indent), width, indent)}`);
    out.push("");
  }
  return out.join("\n");
}

function parseKind(value: unknown): CatalogEntry["kind"] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && (KINDS as readonly string[]).includes(value))
    return value as CatalogEntry["kind"];
  const hint = typeof value === "string" ? suggestName(value, KINDS) : undefined;
  return fail(
    "invalid_option",
    `list: --kind must be one of ${KINDS.join(", ")}, got ${describeValue(value)}${hint ? ` (${hint})` : ""}`,
  );
}

function parseTraitList(value: string | undefined): string[] {
  return value === undefined
    ? []
    : value
        .split(",")
        .map((t) => t.trim())
        .filter((t) => t.length > 0);
}

function vocabularyOutput(tasks: readonly TaskVocabulary[]): CommandOutput {
  return {
    table: () => vocabularyText(tasks),
    json: () => tasks,
    csv: () => ({
      header: ["task", "trait", "description"],
      rows: tasks.flatMap((t) => Object.entries(t.traits).map(([name, text]) => [t.task, name, text])),
    }),
  };
}

/** `plumbline list`, `describe ID`, `recommend --task T [--traits a,b]`, `traits [--task T]`. */
export function registerCatalog(program: Command): void {
  addFormatOption(
    program
      .command("list")
      .description("list every metric and loss with its range and direction")
      .option("--task <task>", "only this task (see `plumbline traits`)")
      .option("--kind <kind>", "metric, loss or weighting"),
  ).action((opts: { task?: string; kind?: string; format?: string }) =>
    runAction(() => {
      const format = parseFormat("list", opts.format);
      const task = opts.task === undefined ? undefined : resolveTask("list", opts.task);
      const kind = parseKind(opts.kind);
      const rows = catalog.filter(
        (e) => (task === undefined || e.tasks.includes(task)) && (kind === undefined || e.kind === kind),
      );
      const dir = (e: CatalogEntry) => (e.direction === "higher" ? "↑" : e.direction === "lower" ? "↓" : "·");
      writeOutput(format, {
        table: () =>
          `${alignColumns([
            ["id", "kind", "dir", "range", "title"],
            ...rows.map((e) => [e.id, e.kind, dir(e), formatRange(e.range), e.title]),
          ]).join("\n")}\n${rows.length} entries\n`,
        json: () => rows,
        csv: () => ({
          header: ["id", "kind", "tasks", "direction", "range_min", "range_max", "title"],
          rows: rows.map((e) => [
            e.id,
            e.kind,
            e.tasks.join(" "),
            e.direction,
            e.range[0],
            e.range[1],
            e.title,
          ]),
        }),
      });
    }),
  );

  addFormatOption(
    program
      .command("describe <id>")
      .description(
        "one catalog entry (by its id, a definition id or a printed signature): formula, range, properties, advice, survey sections, references, pairings",
      ),
    ["table", "json"],
  ).action((id: string, opts: { format?: string }) =>
    runAction(() => {
      const format = parseFormat("describe", opts.format, ["table", "json"]);
      const entry = entryFor(id);
      if (!entry) {
        const hint = suggestName(
          id,
          catalog.map((e) => e.id),
        );
        fail(
          "invalid_option",
          `describe: no catalog entry ${describeValue(id)}${hint ? ` (${hint})` : ""}; \`plumbline list\` shows the ids`,
        );
      }
      writeOutput(format, {
        table: () => describeText(entry),
        json: () => entry,
        csv: () => ({ header: [], rows: [] }),
      });
    }),
  );

  addFormatOption(
    program
      .command("recommend")
      .description("the survey's advice for a task and data traits: metrics and losses ranked, what to avoid")
      .option("--task <task>", "task, e.g. classification (see --list-traits)")
      .option("--traits <list>", "comma-separated traits of the task, e.g. imbalanced,calibration")
      .option("--list-traits", "print the task and trait vocabulary and exit"),
  ).action((opts: { task?: string; traits?: string; listTraits?: boolean; format?: string }) =>
    runAction(() => {
      const format = parseFormat("recommend", opts.format);
      if (opts.listTraits) {
        const all = vocabulary();
        const tasks =
          opts.task === undefined ? all : all.filter((t) => t.task === resolveTask("recommend", opts.task));
        writeOutput(format, vocabularyOutput(tasks));
        return;
      }
      if (opts.task === undefined)
        fail(
          "invalid_option",
          "recommend: --task is required (`plumbline recommend --list-traits` lists the tasks)",
        );
      const rec = recommend({ task: opts.task, traits: parseTraitList(opts.traits) });
      writeOutput(format, {
        table: () => recommendationText(rec),
        json: () => rec,
        csv: () => ({
          header: ["section", "rank", "id", "why", "pairs_with"],
          rows: [
            ...rec.metrics.map((m, i) => ["metrics", i + 1, m.id, m.why, ""]),
            ...rec.losses.map((l, i) => ["losses", i + 1, l.id, l.why, l.pairsWith.join(" ")]),
            ...rec.avoid.map((a, i) => ["avoid", i + 1, a.id, a.why, ""]),
          ],
        }),
      });
    }),
  );

  addFormatOption(
    program
      .command("traits")
      .description("the task and trait vocabulary of `recommend`, `advise` and `list --task`")
      .option("--task <task>", "only this task"),
  ).action((opts: { task?: string; format?: string }) =>
    runAction(() => {
      const format = parseFormat("traits", opts.format);
      const all = vocabulary();
      const task = opts.task === undefined ? undefined : resolveTask("traits", opts.task);
      writeOutput(format, vocabularyOutput(task === undefined ? all : all.filter((t) => t.task === task)));
    }),
  );
}

/**
 * The catalog entry `describe` shows for what a user holds: a catalog id
 * ("classification/auroc"), a definition id as signatures print it ("classification/binary_auroc")
 * or a whole signature ("classification/binary_auroc|ref:...|version:..."): the entry whose
 * exports include the definition's function.
 */
function entryFor(text: string): CatalogEntry | undefined {
  const id = text.split("|")[0]!.trim();
  const direct = describe(id);
  if (direct) return direct;
  const tail = id.slice(id.indexOf("/") + 1);
  const name = tail.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  const task = id.split("/")[0];
  const matches = catalog.filter((e) => e.exports.includes(name) || e.exports.includes(`${name}Def`));
  return matches.find((e) => e.id.startsWith(`${task}/`)) ?? matches[0];
}
