/**
 * Plain text read line by line in batches (for text metrics: one hypothesis or reference per
 * line). Lines end at `\n` or `\r\n`; a final line without a newline counts; a UTF-8 BOM is
 * skipped. Bytes that are not UTF-8 are an error naming the line, never replacement characters.
 */
import { fail } from "../core/errors.js";
import { MAX_RECORD_BYTES } from "./csv.js";
import type { ByteSource } from "./source.js";

const decoder = new TextDecoder("utf-8", { fatal: true });

/** Yields the lines of `source` in arrays of up to `batchLines`. */
export async function* readLines(
  source: ByteSource,
  fn: string,
  batchLines = 4096,
): AsyncGenerator<string[]> {
  let carry: Buffer | null = null;
  let line = 0;
  let batch: string[] = [];
  const text = (bytes: Buffer, s: number, e: number): string => {
    line++;
    if (line === 1 && bytes[s] === 0xef && bytes[s + 1] === 0xbb && bytes[s + 2] === 0xbf) s += 3;
    if (e > s && bytes[e - 1] === 13) e--;
    try {
      return decoder.decode(bytes.subarray(s, e));
    } catch {
      return fail("invalid_value", `${fn}: ${source.name} line ${line} is not valid UTF-8`);
    }
  };
  for await (const chunk of source.chunks()) {
    const bytes: Buffer = carry === null ? chunk : Buffer.concat([carry, chunk]);
    let pos = 0;
    for (let nl = bytes.indexOf(10, pos); nl >= 0; nl = bytes.indexOf(10, pos)) {
      batch.push(text(bytes, pos, nl));
      pos = nl + 1;
      if (batch.length === batchLines) {
        yield batch;
        batch = [];
      }
    }
    carry = pos < bytes.length ? bytes.subarray(pos) : null;
    if (carry !== null && carry.length > MAX_RECORD_BYTES)
      fail(
        "io_error",
        `${fn}: ${source.name} line ${line + 1} is longer than ${MAX_RECORD_BYTES / 1048576} MiB`,
      );
  }
  if (carry !== null) batch.push(text(carry, 0, carry.length));
  if (batch.length > 0) yield batch;
}

/** All lines of `source` (small inputs; each line counted against nothing but memory). */
export async function readAllLines(source: ByteSource, fn: string): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of readLines(source, fn)) for (const l of batch) out.push(l);
  return out;
}
