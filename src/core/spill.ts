/**
 * An exact binary curve (every score kept) in bounded memory (Node only): scores are held in
 * memory up to a budget, then each full buffer is split by target, radix-sorted and written to a
 * temporary file as a sorted run; the curve's walk merges the runs from disk (a k-way merge per
 * target) and visits every distinct threshold in descending order with its cumulative counts,
 * the same visits as the in-memory exact curve, so AUROC and AP equal the in-memory values bit
 * for bit.
 *
 * Memory: at most `memoryBudget` bytes for the buffers (24 bytes per buffered score: the score
 * and the radix sort's two arrays) and, while walking, for the runs' read buffers. Disk: 8 bytes
 * per score. Runs: n * 24 / memoryBudget files open at once while walking (at most 1000).
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeValue, fail } from "./errors.js";
import { assertAllocation } from "./limits.js";
import { sortFloat64 } from "./sort-float64.js";

/** Options of {@link SpilledBinaryCurve}. */
export interface SpillOptions {
  /** Bytes of memory for buffered scores and read buffers (at least 1 MiB). */
  memoryBudget: number;
  /** Directory for the run files (default: the system's temporary directory). */
  dir?: string | undefined;
}

/** Smallest budget accepted. */
export const MIN_MEMORY_BUDGET = 1024 * 1024;
/** Most run files (each open while walking). */
export const MAX_RUNS = 1000;

const BYTES_PER_BUFFERED = 24;

/** A sorted run on disk: `neg` then `pos` scores, each descending. */
interface Run {
  path: string;
  neg: number;
  pos: number;
}

/** A descending sequence read one value at a time. */
interface ValueReader {
  /** The current value (valid while not `done`). */
  current: number;
  done: boolean;
  /** Moves to the next value (sets `done` at the end). */
  advance(): void;
}

/** Reads one descending sequence of float64 from a file region, a chunk at a time. */
class RunReader implements ValueReader {
  private buffer: Float64Array;
  private at = 0;
  private filled = 0;
  private read = 0;
  current = Number.NEGATIVE_INFINITY;
  done = false;

  constructor(
    private readonly fd: number,
    private readonly offset: number,
    private readonly count: number,
    chunk: number,
  ) {
    this.buffer = new Float64Array(Math.max(1, Math.min(chunk, count)));
    this.advance();
  }

  advance(): void {
    if (this.at === this.filled) {
      const want = Math.min(this.buffer.length, this.count - this.read);
      if (want === 0) {
        this.done = true;
        return;
      }
      const bytes = new Uint8Array(this.buffer.buffer, 0, want * 8);
      let got = 0;
      while (got < bytes.length)
        got += readSync(this.fd, bytes, got, bytes.length - got, this.offset + this.read * 8 + got);
      this.read += want;
      this.filled = want;
      this.at = 0;
    }
    this.current = this.buffer[this.at++]!;
  }
}

/** A descending k-way merge of readers (a binary max-heap on their current values). */
class DescendingMerge {
  private heap: ValueReader[];

  constructor(readers: ValueReader[]) {
    this.heap = readers.filter((r) => !r.done);
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  /** The largest value left, or -Infinity. */
  peek(): number {
    return this.heap.length === 0 ? Number.NEGATIVE_INFINITY : this.heap[0]!.current;
  }

  /** Drops the largest value. */
  pop(): void {
    const top = this.heap[0]!;
    top.advance();
    if (top.done) {
      const last = this.heap.pop()!;
      if (this.heap.length === 0) return;
      this.heap[0] = last;
    }
    this.down(0);
  }

  private down(i: number): void {
    const heap = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && heap[l]!.current > heap[m]!.current) m = l;
      if (r < heap.length && heap[r]!.current > heap[m]!.current) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  }
}

/** Growable float64 buffer. */
function grow(buffer: Float64Array, needed: number, cap: number): Float64Array {
  if (needed <= buffer.length) return buffer;
  const next = new Float64Array(Math.min(cap, Math.max(needed, 2 * buffer.length, 1024)));
  next.set(buffer);
  return next;
}

/** Every distinct threshold, descending, with cumulative true and false positives. */
export type CurveVisit = (threshold: number, tps: number, fps: number) => void;

/** An exact binary curve whose scores spill to sorted runs on disk past a memory budget. */
export class SpilledBinaryCurve {
  readonly capacity: number;
  private readonly dir: string;
  private neg: Float64Array = new Float64Array(0);
  private pos: Float64Array = new Float64Array(0);
  private negCount = 0;
  private posCount = 0;
  private readonly runs: Run[] = [];
  private closed = false;
  /** Positives and negatives folded in. */
  P = 0;
  N = 0;

  constructor(options: SpillOptions) {
    const budget = options.memoryBudget;
    if (typeof budget !== "number" || !Number.isFinite(budget) || budget < MIN_MEMORY_BUDGET)
      fail(
        "invalid_option",
        `spill: memoryBudget must be at least ${MIN_MEMORY_BUDGET} bytes (1 MiB), got ${describeValue(budget)}`,
      );
    // The budget is memory this process will use: it stays under the allocation ceiling.
    assertAllocation("spill", `a memoryBudget of ${budget} bytes`, budget);
    this.capacity = Math.floor(budget / BYTES_PER_BUFFERED);
    this.dir = runDirectory(options.dir ?? tmpdir());
  }

  /** Folds in finite scores and 0/1 targets of the same length (checked before anything is kept). */
  update(scores: ArrayLike<number>, target: ArrayLike<number>): void {
    if (this.closed) fail("invalid_state", "spill: the curve is closed");
    if (scores.length !== target.length)
      fail("shape_mismatch", `spill: ${scores.length} scores and ${target.length} targets; they must match`);
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i]!;
      const t = target[i]!;
      if (typeof s !== "number" || !Number.isFinite(s))
        fail("invalid_value", `spill: scores must be finite numbers, got ${describeValue(s)} at index ${i}`);
      if (t !== 0 && t !== 1)
        fail("invalid_value", `spill: target must hold 0 and 1, got ${describeValue(t)} at index ${i}`);
    }
    for (let i = 0; i < scores.length; i++) {
      if (this.negCount + this.posCount === this.capacity) this.spill();
      if (target[i] === 1) {
        this.pos = grow(this.pos, this.posCount + 1, this.capacity);
        this.pos[this.posCount++] = scores[i]!;
        this.P++;
      } else {
        this.neg = grow(this.neg, this.negCount + 1, this.capacity);
        this.neg[this.negCount++] = scores[i]!;
        this.N++;
      }
    }
  }

  /** Sorted runs written so far. */
  get spilledRuns(): number {
    return this.runs.length;
  }

  /** Writes the buffered scores as one sorted run and empties the buffers. */
  private spill(): void {
    if (this.runs.length === MAX_RUNS)
      fail(
        "invalid_option",
        `spill: more than ${MAX_RUNS} sorted runs; raise the memory budget to at least ${Math.ceil(((this.P + this.N) * 2 * BYTES_PER_BUFFERED) / MAX_RUNS / 1048576)} MiB`,
      );
    const path = join(this.dir, `run-${this.runs.length}.f64`);
    const neg = descending(this.neg.subarray(0, this.negCount));
    const pos = descending(this.pos.subarray(0, this.posCount));
    let fd: number | undefined;
    try {
      fd = openSync(path, "w");
      for (const values of [neg, pos]) {
        const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
        for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
      }
    } catch (error) {
      fail("io_error", `spill: cannot write a sorted run to ${path} (${(error as Error).message})`);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    this.runs.push({ path, neg: neg.length, pos: pos.length });
    this.negCount = 0;
    this.posCount = 0;
  }

  /**
   * Visits every distinct score in descending order with the cumulative counts of positives and
   * negatives scoring at least it (ties visited once), merging the runs from disk.
   */
  walk(visit: CurveVisit): void {
    if (this.closed) fail("invalid_state", "spill: the curve is closed");
    const fds: number[] = [];
    try {
      const memory = {
        neg: descending(this.neg.subarray(0, this.negCount)),
        pos: descending(this.pos.subarray(0, this.posCount)),
      };
      // Read buffers share what the in-memory buffers leave of the budget.
      const chunk = Math.max(1024, Math.floor(this.capacity / Math.max(1, 2 * this.runs.length)));
      const readers: { neg: ValueReader[]; pos: ValueReader[] } = {
        neg: [new MemoryReader(memory.neg)],
        pos: [new MemoryReader(memory.pos)],
      };
      for (const run of this.runs) {
        const fd = openSync(run.path, "r");
        fds.push(fd);
        readers.neg.push(new RunReader(fd, 0, run.neg, chunk));
        readers.pos.push(new RunReader(fd, run.neg * 8, run.pos, chunk));
      }
      const pos = new DescendingMerge(readers.pos);
      const neg = new DescendingMerge(readers.neg);
      let tps = 0;
      let fps = 0;
      for (;;) {
        const pv = pos.peek();
        const nv = neg.peek();
        // Scores are finite: -Infinity means both merges are exhausted.
        if (pv === Number.NEGATIVE_INFINITY && nv === Number.NEGATIVE_INFINITY) break;
        const v = Math.max(pv, nv);
        while (pos.peek() === v) {
          tps++;
          pos.pop();
        }
        while (neg.peek() === v) {
          fps++;
          neg.pop();
        }
        visit(v, tps, fps);
      }
    } finally {
      for (const fd of fds) closeSync(fd);
    }
  }

  /** Removes the run files (the curve cannot be walked afterwards). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A fresh directory for run files inside `parent`. */
function runDirectory(parent: string): string {
  try {
    return mkdtempSync(join(parent, "plumbline-spill-"));
  } catch (error) {
    return fail(
      "io_error",
      `spill: cannot create a directory for sorted runs in ${parent} (${(error as Error).message})`,
    );
  }
}

/** A descending copy (radix sort, then reversed). */
function descending(values: Float64Array): Float64Array {
  return sortFloat64(values).reverse();
}

/** A reader over values already in memory (the buffered tail). */
class MemoryReader implements ValueReader {
  private at = 0;
  current: number;
  done: boolean;

  constructor(private readonly values: Float64Array) {
    this.done = values.length === 0;
    this.current = values[0] ?? Number.NEGATIVE_INFINITY;
  }

  advance(): void {
    this.at++;
    if (this.at >= this.values.length) this.done = true;
    else this.current = this.values[this.at]!;
  }
}
