/**
 * Reading one shard of an input (see shards.ts) with the ordinary streaming readers: a byte
 * range is a byte source of its own (the header's bytes first when the file has one), a Parquet
 * row range is passed to the Parquet reader. Messages name the shard (`preds.csv [bytes
 * 1000-2000] line 3`: lines count from the range's start, the header being line 1).
 */
import { createReadStream } from "node:fs";
import { basename } from "node:path";
import { fail, isPlumblineError } from "../core/errors.js";
import { openNumericTable } from "../io/open.js";
import { type ByteSource, CHUNK_BYTES, ioReason } from "../io/source.js";
import type { NumericReader } from "../io/table.js";
import type { ShardedInput, ShardSpec } from "./shards.js";

/** One batch of a shard: the prediction columns and the target columns, `rows` long. */
export interface ShardBatch {
  readonly preds: readonly Float64Array[];
  readonly target: readonly Float64Array[];
  readonly rows: number;
}

/** A byte source over [start, end) of a file, after its bytes [0, headerEnd) when given. */
function rangeSource(fn: string, path: string, shard: ShardSpec): ByteSource {
  const [start, end] = shard.bytes!;
  const headerEnd = shard.headerEnd ?? 0;
  const name = `${basename(path)} [bytes ${start}-${end}]`;
  let bytesRead = 0;
  return {
    name,
    path,
    size: headerEnd + end - start,
    get bytesRead() {
      return bytesRead;
    },
    async *chunks() {
      const parts: [number, number][] = [];
      if (headerEnd > 0) parts.push([0, headerEnd]);
      if (end > start) parts.push([start, end]);
      try {
        for (const [a, b] of parts)
          for await (const chunk of createReadStream(path, {
            start: a,
            end: b - 1,
            highWaterMark: CHUNK_BYTES,
          })) {
            bytesRead += (chunk as Buffer).length;
            yield chunk as Buffer;
          }
      } catch (error) {
        if (isPlumblineError(error)) throw error;
        fail("io_error", `${fn}: cannot read ${name} (${ioReason(error)})`);
      }
    },
  };
}

/** The batches of one shard, predictions and targets split by `input.predsColumns`. */
export async function* readShard(
  fn: string,
  input: ShardedInput,
  shard: ShardSpec,
): AsyncGenerator<ShardBatch> {
  const options = { fn, format: input.format, columns: input.columns, comment: input.comment };
  let reader: NumericReader;
  try {
    reader =
      shard.bytes !== undefined
        ? await openNumericTable(rangeSource(fn, input.path, shard), { ...options, header: input.header })
        : await openNumericTable(input.path, { ...options, rows: shard.rows });
  } catch (error) {
    // A range holding only blank or comment lines is a shard of no rows (the whole input's
    // emptiness is the caller's to judge, from the rows of all shards).
    if (isPlumblineError(error) && error.code === "empty_input") return;
    throw error;
  }
  const p = input.predsColumns;
  for await (const batch of reader.batches())
    yield { preds: batch.columns.slice(0, p), target: batch.columns.slice(p), rows: batch.rows };
}
