import { appendFileSync, readFileSync } from "node:fs";
import { fail } from "../../core/errors.js";
import type { RagResultRecord } from "../evaluate.js";

/**
 * Reads the records of a results file (JSON Lines written by {@link appendResults}); a missing
 * file is an empty list. A line cut short by a killed run (the last one) is skipped; any other
 * malformed line is `invalid_value` naming the file and line.
 */
export function readResults(path: string, fn = "readResults"): RagResultRecord[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    return fail(
      "io_error",
      `${fn}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  const lines = text.split("\n");
  const records: RagResultRecord[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      if (i === lines.length - 1) continue; // a partial last line: the run was killed while writing it
      fail("invalid_value", `${fn}: ${path} line ${i + 1} is not JSON`);
    }
    const r = record as Partial<RagResultRecord> | null;
    if (
      r === null ||
      typeof r !== "object" ||
      typeof r.key !== "string" ||
      typeof r.metric !== "string" ||
      typeof r.index !== "number" ||
      typeof r.trial !== "number" ||
      !(r.value === null || typeof r.value === "number")
    )
      fail(
        "invalid_value",
        `${fn}: ${path} line ${i + 1} is not a result record (key, metric, index, trial, value)`,
      );
    records.push(r as RagResultRecord);
  }
  return records;
}

/**
 * A writer appending each record to `path` as one JSON line, synchronously, so every record that
 * was reported is on disk before the run goes on (a killed run loses at most the line in
 * progress). Records hold redacted judge text only: the client redacts before anything leaves it.
 */
export function appendResults(path: string, fn = "appendResults"): (record: RagResultRecord) => void {
  return (record) => {
    try {
      appendFileSync(path, `${JSON.stringify(record)}\n`);
    } catch (error) {
      fail(
        "io_error",
        `${fn}: cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      );
    }
  };
}
