/**
 * Byte sources for the streaming readers: a file path, or `-` for stdin. Opening checks the path
 * (exists, is a file, is readable) so a mistake is one `io_error` line naming the file, never a
 * stack trace; read errors later in the stream are turned into the same kind of line.
 */
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { fail, isPlumblineError } from "../core/errors.js";
import { assertAllocation } from "../core/limits.js";

/** Where the bytes come from, named for messages. */
export interface ByteSource {
  /** The path as given, or `stdin` for `-`. */
  readonly name: string;
  /** The path, or undefined for stdin. */
  readonly path: string | undefined;
  /** File size in bytes (undefined for stdin), for progress bars. */
  readonly size: number | undefined;
  /** The bytes, in chunks of up to `chunkBytes`; can be iterated once. */
  chunks(): AsyncIterable<Buffer>;
  /** Bytes handed out so far. */
  readonly bytesRead: number;
}

/** Chunk size of file reads: large enough that per-chunk work is negligible, small enough to stay flat. */
export const CHUNK_BYTES = 1 << 20;

/** Human reason for a file-system error code. */
export function ioReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOTDIR") return "a parent of it is not a directory";
  return code ?? (error as Error)?.message ?? String(error);
}

/**
 * Opens `path` (or stdin for `-`) for reading. `fn` prefixes every message
 * (`eval classification: cannot read preds.csv (no such file)`).
 */
export async function openSource(path: string, fn: string): Promise<ByteSource> {
  if (path === "-") return streamSource(fn, "stdin", undefined, undefined, () => process.stdin);
  try {
    const info = await stat(path);
    if (info.isDirectory()) fail("io_error", `${fn}: cannot read ${path} (it is a directory)`);
    // Opening now reports a permission problem before any work starts.
    await (await open(path, "r")).close();
    return streamSource(fn, path, path, info.isFile() ? info.size : undefined, () =>
      createReadStream(path, { highWaterMark: CHUNK_BYTES }),
    );
  } catch (error) {
    if (isPlumblineError(error)) throw error;
    return fail("io_error", `${fn}: cannot read ${path} (${ioReason(error)})`);
  }
}

function streamSource(
  fn: string,
  name: string,
  path: string | undefined,
  size: number | undefined,
  open: () => NodeJS.ReadableStream,
): ByteSource {
  let bytesRead = 0;
  let used = false;
  return {
    name,
    path,
    size,
    get bytesRead() {
      return bytesRead;
    },
    async *chunks() {
      if (used) fail("io_error", `${fn}: cannot read ${name} twice (it is a stream)`);
      used = true;
      try {
        for await (const chunk of open()) {
          const buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
          bytesRead += buffer.length;
          yield buffer;
        }
      } catch (error) {
        if (isPlumblineError(error)) throw error;
        fail("io_error", `${fn}: cannot read ${name} (${ioReason(error)})`);
      }
    },
  };
}

/** A source over bytes already in memory (tests, small inline inputs), handed out in chunks of `chunkBytes`. */
export function bufferSource(
  fn: string,
  name: string,
  bytes: Buffer | string,
  chunkBytes = CHUNK_BYTES,
): ByteSource {
  const buffer = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  return streamSource(fn, name, undefined, buffer.length, () => {
    const chunks: Buffer[] = [];
    for (let i = 0; i < buffer.length; i += chunkBytes) chunks.push(buffer.subarray(i, i + chunkBytes));
    return (async function* () {
      yield* chunks;
    })() as unknown as NodeJS.ReadableStream;
  });
}

/**
 * Every byte of `chunks` (after `first`) in one buffer, for formats that are read whole. `bytes
 * x factor` is checked against the allocation budget as it grows (`factor` covers what the
 * parsed result costs beside the text), so an oversized input stops early with `invalid_option`
 * naming `what`.
 */
export async function readWhole(
  fn: string,
  what: string,
  chunks: AsyncIterable<Buffer>,
  options: { first?: Buffer; factor?: number } = {},
): Promise<Buffer> {
  const parts = options.first === undefined ? [] : [options.first];
  let total = options.first?.length ?? 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    assertAllocation(fn, what, total * (options.factor ?? 1));
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}
