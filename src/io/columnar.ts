/**
 * Parquet (`hyparquet`) and Arrow IPC (`apache-arrow`) readers: both formats are columnar, so a
 * batch is a row group (Parquet) or a record batch (Arrow), cut to the batch size. Numeric,
 * boolean and 64-bit integer columns are read (integers beyond 2^53 and nulls are errors naming
 * the row and column); other column types are errors when selected. Parquet needs a seekable
 * file (its index sits at the end); Arrow reads files and streams, stdin included. Both
 * libraries are loaded only when such a file is read.
 */
import { describeValue, fail, isPlumblineError } from "../core/errors.js";
import { assertAllocation } from "../core/limits.js";
import type { ByteSource } from "./source.js";
import { DEFAULT_BATCH_ROWS, type NumericBatch, resolveColumns, type TableReadOptions } from "./table.js";

type Header = { names: string[]; allNames: string[] };

/** Copies a decoded column to float64, refusing nulls, text and integers past 2^53. */
function toFloat64(
  values: ArrayLike<unknown>,
  from: number,
  to: number,
  isNull: ((i: number) => boolean) | null,
  where: (i: number) => string,
): Float64Array {
  const out = new Float64Array(to - from);
  if (values instanceof Float64Array || values instanceof Float32Array || values instanceof Int32Array) {
    out.set(values.subarray(from, to) as ArrayLike<number>);
  } else {
    for (let i = from; i < to; i++) {
      const v = values[i];
      if (typeof v === "number") out[i - from] = v;
      else if (typeof v === "bigint") {
        if (v > 9007199254740992n || v < -9007199254740992n)
          fail(
            "invalid_value",
            `${where(i)}: the integer ${v} is beyond 2^53 and cannot be held exactly as a number`,
          );
        out[i - from] = Number(v);
      } else if (typeof v === "boolean") out[i - from] = v ? 1 : 0;
      else
        fail(
          "invalid_value",
          `${where(i)}: expected a number, got ${v === undefined ? "null" : describeValue(v)}`,
        );
    }
  }
  if (isNull !== null)
    for (let i = from; i < to; i++)
      if (isNull(i)) fail("invalid_value", `${where(i)}: expected a number, got null`);
  return out;
}

/** Reads a Parquet file's row groups as numeric batches. */
export async function* readParquet(
  source: ByteSource,
  options: TableReadOptions,
): AsyncGenerator<NumericBatch | Header> {
  const fn = options.fn;
  if (source.path === undefined)
    fail(
      "invalid_option",
      `${fn}: Parquet cannot be read from stdin (its index is at the end of the file); pass a file`,
    );
  const hyparquet = await import("hyparquet");
  let scan: Awaited<ReturnType<typeof hyparquet.parquetScan>>;
  let allNames: string[];
  try {
    const file = await hyparquet.asyncBufferFromFile(source.path);
    const metadata = await hyparquet.parquetMetadataAsync(file);
    allNames = hyparquet.parquetSchema(metadata).children.map((child) => child.element.name);
    const rows = options.rows === undefined ? {} : { rowStart: options.rows[0], rowEnd: options.rows[1] };
    scan = await hyparquet.parquetScan({ file, metadata, columns: allNames, ...rows });
  } catch (error) {
    if (isPlumblineError(error)) throw error;
    return fail("io_error", `${fn}: cannot read ${source.name} as Parquet (${(error as Error).message})`);
  }
  const picked = resolveColumns(allNames, options.columns, fn, source.name);
  const names = picked.map((c) => allNames[c]!);
  yield { names, allNames };
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  for (const range of scan.ranges) {
    const rows = range.rowEnd - range.rowStart;
    assertAllocation(fn, `a Parquet row group of ${rows} rows`, rows * 8 * Math.max(1, names.length));
    let decoded: ArrayLike<unknown>[];
    try {
      decoded = await Promise.all(names.map((column) => scan.readColumn({ column, ...range })));
    } catch (error) {
      return fail(
        "io_error",
        `${fn}: cannot read ${source.name} rows ${range.rowStart}–${range.rowEnd} (${(error as Error).message})`,
      );
    }
    for (let start = 0; start < rows; start += batchRows) {
      const end = Math.min(rows, start + batchRows);
      const columns = decoded.map((values, c) =>
        toFloat64(
          values,
          start,
          end,
          null,
          (i) => `${fn}: ${source.name} row ${range.rowStart + i}, column ${JSON.stringify(names[c])}`,
        ),
      );
      yield { columns, rows: end - start, firstRow: range.rowStart + start };
    }
  }
}

/** Reads an Arrow IPC file or stream (record batch by record batch) as numeric batches. */
export async function* readArrow(
  source: ByteSource,
  options: TableReadOptions,
): AsyncGenerator<NumericBatch | Header> {
  const fn = options.fn;
  const arrow = await import("apache-arrow");
  const fail_ = (error: unknown): never => {
    if (isPlumblineError(error)) throw error;
    return fail("io_error", `${fn}: cannot read ${source.name} as Arrow IPC (${(error as Error).message})`);
  };
  let reader: Awaited<ReturnType<typeof arrow.RecordBatchReader.from>>;
  try {
    reader = await arrow.RecordBatchReader.from(source.chunks());
    await reader.open();
  } catch (error) {
    return fail_(error);
  }
  const allNames = reader.schema.fields.map((f) => f.name);
  const picked = resolveColumns(allNames, options.columns, fn, source.name);
  const names = picked.map((c) => allNames[c]!);
  yield { names, allNames };
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  let firstRow = 0;
  const iterator = (reader as AsyncIterable<InstanceType<typeof arrow.RecordBatch>>)[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<InstanceType<typeof arrow.RecordBatch>>;
    try {
      next = await iterator.next();
    } catch (error) {
      return fail_(error);
    }
    if (next.done) break;
    const batch = next.value;
    const vectors = picked.map((c) => batch.getChildAt(c)!);
    const rows = batch.numRows;
    for (let start = 0; start < rows; start += batchRows) {
      const end = Math.min(rows, start + batchRows);
      const columns = vectors.map((vector, c) => {
        const where = (i: number) =>
          `${fn}: ${source.name} row ${firstRow + i}, column ${JSON.stringify(names[c])}`;
        const typeId = vector.type.typeId;
        if (
          !arrow.DataType.isInt(vector.type) &&
          !arrow.DataType.isFloat(vector.type) &&
          !arrow.DataType.isBool(vector.type)
        )
          fail(
            "invalid_value",
            `${where(start)}: Arrow type ${String(vector.type)} (id ${typeId}) is not numeric`,
          );
        const values = arrow.DataType.isBool(vector.type)
          ? Array.from({ length: rows }, (_, i) => vector.get(i))
          : vector.toArray();
        return toFloat64(values, start, end, vector.nullCount > 0 ? (i) => !vector.isValid(i) : null, where);
      });
      yield { columns, rows: end - start, firstRow: firstRow + start };
    }
    firstRow += rows;
  }
}
