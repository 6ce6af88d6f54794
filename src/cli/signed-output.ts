/**
 * Signatures on what the CLI prints (issue 12 §3, docs/cli.md): every `eval`, `merge` and
 * `compare` prints, per metric, the signature that says how its number was computed
 * (`plumbline/signature`; `parseSignature` reads it back into the definition):
 *
 * - table: one footer line per metric, `signature <name>: <signature>`;
 * - JSON: a `signatures` object by metric name beside the values (records that carry a `metric`
 *   field get a `signature` field instead);
 * - CSV: a `signature` column, read off by the row's first cell (the metric name).
 *
 * A collection (`metricCollection`, the task suites) is signed member by member, since the
 * numbers printed are its members'.
 */
import { collectionMembers } from "../collection/metric-collection.js";
import type { AnyMetricDef } from "../metric.js";
import { signature } from "../signature/signature.js";
import type { CommandOutput } from "./grammar.js";

/** A metric as a command prints it: its row name and its definition. */
export interface NamedDefinition {
  readonly name: string;
  readonly def: AnyMetricDef;
}

/** The signature of each named metric (collections expanded into their members), by name. */
export async function signaturesOf(metrics: readonly NamedDefinition[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const { name, def } of metrics) {
    const members = collectionMembers(def);
    if (members === undefined) out[name] = await signature(def);
    else for (const [member, memberDef] of Object.entries(members)) out[member] = await signature(memberDef);
  }
  return out;
}

/** The footer lines of a table: `signature <name>: <signature>`. */
export function signatureLines(signatures: Readonly<Record<string, string>>): string[] {
  return Object.entries(signatures).map(([name, text]) => `signature ${name}: ${text}`);
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * `output` with the signatures added in each format (see the module comment). `rowMetric` names
 * the metric of a CSV row when its first cell does not (one metric printed as several rows).
 */
export function withSignatures(
  output: CommandOutput,
  signatures: Readonly<Record<string, string>>,
  rowMetric: (row: readonly unknown[]) => string = (row) => String(row[0]),
): CommandOutput {
  if (Object.keys(signatures).length === 0) return output;
  return {
    table: () => {
      const text = output.table().replace(/\n+$/, "");
      return `${[text, ...signatureLines(signatures)].join("\n")}\n`;
    },
    json: () => {
      const value = output.json();
      if (Array.isArray(value))
        return value.map((record) =>
          isRecord(record) && typeof record.metric === "string" && signatures[record.metric] !== undefined
            ? { ...record, signature: signatures[record.metric] }
            : record,
        );
      return isRecord(value) ? { ...value, signatures } : value;
    },
    csv: () => {
      const { header, rows } = output.csv();
      return {
        header: [...header, "signature"],
        rows: rows.map((row) => [...row, signatures[rowMetric(row)] ?? ""]),
      };
    },
  };
}
