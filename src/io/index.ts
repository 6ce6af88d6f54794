/** Streaming readers: numeric tables in batches (CSV/TSV, JSONL, JSON, Parquet, Arrow IPC) and text lines. */
export { readAllLines, readLines } from "./lines.js";
export { openNumericTable } from "./open.js";
export { type ByteSource, bufferSource, openSource } from "./source.js";
export {
  type ColumnSelector,
  collectTable,
  DEFAULT_BATCH_ROWS,
  formatOfPath,
  HEADER_RULES,
  type HeaderRule,
  type NumericBatch,
  type NumericReader,
  type NumericTable,
  TABLE_FORMATS,
  type TableFormat,
  type TableReadOptions,
} from "./table.js";
