import { fail } from "../core/errors.js";
import { readArrow, readParquet } from "./columnar.js";
import { readCsv } from "./csv.js";
import { readJson, readJsonl } from "./json.js";
import { type ByteSource, openSource } from "./source.js";
import {
  formatOfPath,
  type NumericBatch,
  type NumericReader,
  type TableFormat,
  type TableReadOptions,
} from "./table.js";

type Item = NumericBatch | { names: string[]; allNames: string[] };

/**
 * Opens a numeric table (a path, `-` for stdin, or a source) and reads up to its column names.
 * The format is `format` when given, else the path's extension (`.csv`, `.tsv`, `.jsonl`/
 * `.ndjson`, `.json`, `.parquet`, `.arrow`/`.arrows`/`.feather`), else CSV.
 */
export async function openNumericTable(
  input: string | ByteSource,
  options: TableReadOptions & { format?: TableFormat | undefined },
): Promise<NumericReader> {
  const source = typeof input === "string" ? await openSource(input, options.fn) : input;
  const format = options.format ?? (source.path !== undefined ? formatOfPath(source.path) : "csv");
  const items: AsyncGenerator<Item> =
    format === "csv" || format === "tsv"
      ? readCsv(source, { ...options, delimiter: format === "tsv" ? "\t" : "," })
      : format === "jsonl"
        ? readJsonl(source, options)
        : format === "json"
          ? readJson(source, options)
          : format === "parquet"
            ? readParquet(source, options)
            : readArrow(source, options);
  const first = await items.next();
  if (first.done || !("names" in first.value))
    return fail("io_error", `${options.fn}: ${source.name}: the reader ended before its columns were known`);
  const { names, allNames } = first.value;
  let used = false;
  return {
    names,
    allNames,
    source,
    batches() {
      if (used) fail("io_error", `${options.fn}: ${source.name} can be read once`);
      used = true;
      return (async function* () {
        for await (const item of items) if (!("names" in item)) yield item;
      })();
    },
    async close() {
      await items.return(undefined);
    },
  };
}
