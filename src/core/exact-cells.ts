/**
 * Exact sums for many cells in little space (issue 13 §3): confusion counts and histograms
 * weighted by non-integer `sampleWeight`, where one full exact sum per cell (1,136 bytes,
 * `core/exact-sum.ts`) would make a 100-class confusion state 11 MB.
 *
 * Representation: the limbs of the exact-sum superaccumulator restricted to one window that all
 * cells of a state share, row by row: row j holds limb j of every cell, of unit
 * 2^(32 (lo + j) + EXACT_BASE), so cell c is Σ_j limbs[j · cells + c] · 2^(32 (lo + j) + EXACT_BASE)
 * (rows are contiguous: widening or trimming the window moves whole blocks). The window spans the
 * bits the terms actually have (from the lowest bit of the smallest weight to the top of the
 * total), so weights within a factor 2^20 of each other cost 4 limbs (32 bytes) per cell, and
 * only weights spread from 1e-300 to 1e300 reach the full 142. In canonical form every limb is
 * an integer in [0, 2^32) (the sums are non-negative), the bottom and top rows each hold a
 * non-zero limb (an empty state has width 0 and lo 0): equal sums are equal arrays.
 *
 * Adding terms ({@link addToCells}) goes through float64 lanes per cell (J. Demmel and H. D.
 * Nguyen, "Fast reproducible floating-point summation", ARITH 2013): with the batch's largest
 * term below 2^(e+1) and at most 2^h terms per chunk, each term w >= 2^(e + 2h - 53) splits
 * exactly into a multiple of 2^(e + 1 + h - 52) (its high part) and a remainder, and both lanes
 * sum 2^h of them without rounding; each chunk's lanes are then added to the limbs exactly. A
 * smaller term goes to the limbs directly. Nothing rounds, so a sum is the same for any split
 * of the terms into batches and any merge order. Reading a cell rounds once ({@link cellToNumber}).
 */
import { invalidState } from "./errors.js";
import {
  addDigits,
  addToLimbs,
  bigToNumber,
  EXACT_BASE,
  EXACT_LIMBS,
  exactProduct,
  exponentOf,
  limbsBigInt,
  splitProduct,
} from "./exact-sum.js";
import { type FieldCheck, field } from "./state-check.js";

/** Exact non-negative sums of `cells` cells sharing one window of limbs (see the module comment). */
export interface ExactCells {
  /** The superaccumulator limb (`core/exact-sum.ts` numbering) of every cell's first limb. */
  lo: number;
  /** `width × cells` limbs, row by row (see the module comment). */
  limbs: Float64Array;
}

const TWO32 = 2 ** 32;
const INV32 = 2 ** -32;
/** Limb additions before a carry pass (each below 2^32 in magnitude: limbs stay below 2^52). */
const PENDING_LIMIT = 2 ** 19;
/** Lane chunks hold 2^h terms, h in [MIN_LANE_BITS, MAX_LANE_BITS] (see laneBits). */
const MIN_LANE_BITS = 16;
const MAX_LANE_BITS = 20;
/** Cell sums must stay below 2^MAX_CELL_BITS (a decoded state past it is refused). */
const MAX_CELL_BITS = 1023;

/** No sums yet. */
export function emptyExactCells(): ExactCells {
  return { lo: 0, limbs: new Float64Array(0) };
}

/** The superaccumulator limb holding bit 2^bit. */
function limbOf(bit: number): number {
  return Math.floor((bit - EXACT_BASE) / 32);
}

/** The limbs per cell of a state of `cells` cells. */
export function cellsWidth(state: ExactCells, cells: number): number {
  return cells === 0 ? 0 : state.limbs.length / cells;
}

/**
 * A working copy of a state with a window wide enough for terms whose lowest bit is at least
 * 2^lowBit and whose total stays below 2^highBit, plus the state's own sums: add, then finish.
 */
class CellsWriter {
  readonly cells: number;
  readonly lo: number;
  readonly width: number;
  readonly limbs: Float64Array;
  /** The binary exponent of row 0's unit. */
  readonly unit: number;
  #pending = 0;
  /** The lowest row written since the last carry (rows below it are canonical). */
  #touched: number;

  constructor(state: ExactCells, cells: number, lowBit: number, highBit: number) {
    const had = cellsWidth(state, cells);
    const stateTop = had > 0 ? 32 * (state.lo + had) + EXACT_BASE : Number.NEGATIVE_INFINITY;
    // The total stays below 2^stateTop + 2^highBit <= 2^(max + 1): its top bit is in row
    // limbOf(max); two more rows take the three-limb writes of a term at the top.
    const top = limbOf(Math.max(stateTop, highBit)) + 3;
    // A term's significand is placed from its exponent - 52 down, even when its low bits are zero.
    const bottom = limbOf(Math.max(lowBit - 52, EXACT_BASE));
    this.lo = had > 0 ? Math.min(state.lo, bottom) : bottom;
    this.width = Math.max(top, had > 0 ? state.lo + had : 0) - this.lo;
    this.cells = cells;
    this.unit = 32 * this.lo + EXACT_BASE;
    this.limbs = new Float64Array(cells * this.width);
    if (had > 0) this.limbs.set(state.limbs, (state.lo - this.lo) * cells);
    this.#touched = this.width;
  }

  /** Adds `x · 2^scale` (`x` a finite double of either sign, within the window) to cell `cell` exactly. */
  add(cell: number, x: number, scale = 0): void {
    addToLimbs(this.limbs, cell, this.width, x, scale - this.unit, this.cells);
    this.#touched = 0;
    if (++this.#pending >= PENDING_LIMIT) this.#carry();
  }

  /** Adds the integer `k · 2^bit` (|k| <= 2^53, bit within the window) to cell `cell` exactly. */
  addMultiple(cell: number, k: number, bit: number): void {
    addDigits(this.limbs, cell, this.cells, k, bit - this.unit);
    this.#touched = Math.min(this.#touched, (bit - this.unit) >> 5);
    if (++this.#pending >= PENDING_LIMIT) this.#carry();
  }

  /** Carries every cell into canonical limbs, row by row from the lowest row written. */
  #carry(): void {
    const { cells, limbs } = this;
    const carry = new Float64Array(cells);
    const top = (this.width - 1) * cells;
    for (let row = Math.min(this.#touched, this.width - 1) * cells; row < top; row += cells)
      for (let c = 0; c < cells; c++) {
        const v = limbs[row + c]! + carry[c]!;
        const q = Math.floor(v * INV32);
        carry[c] = q;
        limbs[row + c] = v - q * TWO32;
      }
    for (let c = 0; c < cells; c++) limbs[top + c]! += carry[c]!;
    this.#pending = 0;
    this.#touched = this.width;
  }

  /** The canonical state: limbs carried, rows of zeros trimmed at both ends. */
  finish(): ExactCells {
    this.#carry();
    return trimmed(this.limbs, this.cells, this.width, this.lo);
  }
}

/** Whether row `row` of `cells` cells holds a non-zero limb. */
function rowUsed(limbs: Float64Array, cells: number, row: number): boolean {
  for (let i = row * cells; i < (row + 1) * cells; i++) if (limbs[i] !== 0) return true;
  return false;
}

/** Canonical cells from carried limbs: the all-zero bottom and top rows dropped. */
function trimmed(limbs: Float64Array, cells: number, width: number, lo: number): ExactCells {
  let bottom = 0;
  while (bottom < width && !rowUsed(limbs, cells, bottom)) bottom++;
  if (bottom === width) return emptyExactCells();
  let top = width - 1;
  while (!rowUsed(limbs, cells, top)) top--;
  if (bottom === 0 && top === width - 1) return { lo, limbs };
  return { lo: lo + bottom, limbs: limbs.slice(bottom * cells, (top + 1) * cells) };
}

/** log2 of the terms per lane chunk: folding every cell's lanes should cost well under a term each. */
function laneBits(cells: number, terms: number): number {
  const wanted = Math.min(MAX_LANE_BITS, Math.max(MIN_LANE_BITS, Math.ceil(Math.log2(16 * cells))));
  return Math.max(1, Math.min(wanted, Math.ceil(Math.log2(terms))));
}

/** The largest term and the smallest non-zero one (bounds are enough: a wider range is only slower). */
interface TermRange {
  max: number;
  min: number;
}

/** The {@link TermRange} of the terms whose cell is not negative. */
function termRange(cellOf: ArrayLike<number>, terms: ArrayLike<number>): TermRange {
  let max = 0;
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < cellOf.length; i++) {
    if (cellOf[i]! < 0) continue;
    const w = terms[i]!;
    if (w > max) max = w;
    if (w > 0 && w < min) min = w;
  }
  return { max, min };
}

/**
 * Adds `terms[i]` to cell `cellOf[i]` for every i (a negative cell skips the term), exactly;
 * returns the new canonical state (the old one is not changed). Terms must be finite and
 * non-negative: callers validate them first and name the input.
 */
export function addToCells(
  state: ExactCells,
  cells: number,
  cellOf: ArrayLike<number>,
  terms: ArrayLike<number>,
): ExactCells {
  const n = cellOf.length;
  const { max, min } = termRange(cellOf, terms);
  if (max === 0) return state;
  const eMax = exponentOf(max);
  const h = laneBits(cells, n);
  const writer = new CellsWriter(
    state,
    cells,
    Math.max(exponentOf(min) - 52, -1074),
    eMax + 1 + Math.ceil(Math.log2(n + 1)),
  );
  // Lanes (see the module comment); none when the split constant would overflow.
  const lanes = eMax + h + 2 <= 1023;
  const split = lanes ? 1.5 * 2 ** (eMax + 1 + h) : 0;
  const floor = lanes ? 2 ** Math.max(eMax + 2 * h - 53, -1022) : Number.POSITIVE_INFINITY;
  const high = new Float64Array(cells);
  const low = new Float64Array(cells);
  const chunk = 2 ** h;
  // High parts are multiples of 2^highUnit, low parts of 2^lowUnit: folded as integers.
  const highUnit = eMax + 1 + h - 52;
  const lowUnit = Math.max(eMax + 2 * h - 53, -1022) - 52;
  const toHigh = powerFactors(-highUnit);
  const toLow = powerFactors(-lowUnit);
  for (let start = 0; start < n; start += chunk) {
    const end = Math.min(n, start + chunk);
    for (let i = start; i < end; i++) {
      const c = cellOf[i]!;
      if (c < 0) continue;
      const w = terms[i]!;
      if (w >= floor) {
        const part = w + split - split;
        high[c] += part;
        low[c] += w - part;
      } else if (w !== 0) writer.add(c, w);
    }
    for (let c = 0; c < cells; c++) {
      if (high[c] !== 0) writer.addMultiple(c, high[c]! * toHigh[0]! * toHigh[1]!, highUnit);
      if (low[c] !== 0) writer.addMultiple(c, low[c]! * toLow[0]! * toLow[1]!, lowUnit);
    }
    high.fill(0);
    low.fill(0);
  }
  return writer.finish();
}

/** Two powers of two whose product is 2^k (each representable, so that x · a · b is exact for an exact result). */
function powerFactors(k: number): [number, number] {
  const first = Math.max(-1000, Math.min(1000, k));
  return [2 ** first, 2 ** (k - first)];
}

/**
 * Adds the exact product `a[i] · b[i]` of non-negative finite doubles to cell `cellOf[i]`, for
 * rare product terms (per-row scores times weights): each product is split exactly into two
 * doubles and a power of two (`splitProduct`), both added to the limbs. Returns the new
 * canonical state.
 */
export function addProductsToCells(
  state: ExactCells,
  cells: number,
  cellOf: ArrayLike<number>,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): ExactCells {
  const n = cellOf.length;
  const terms: { cell: number; value: number; scale: number }[] = [];
  let lowBit = Number.POSITIVE_INFINITY;
  let highBit = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const cell = cellOf[i]!;
    if (cell < 0 || a[i] === 0 || b[i] === 0) continue;
    splitProduct(a[i]!, b[i]!);
    const { high, low, scale } = exactProduct;
    for (const value of [high, low]) {
      if (value === 0) continue;
      terms.push({ cell, value, scale });
      const e = exponentOf(value) + scale;
      lowBit = Math.min(lowBit, e - 52);
      highBit = Math.max(highBit, e + 1);
    }
  }
  if (terms.length === 0) return state;
  const writer = new CellsWriter(state, cells, lowBit, highBit + Math.ceil(Math.log2(terms.length + 1)));
  for (const t of terms) writer.add(t.cell, t.value, t.scale);
  return writer.finish();
}

/** The sum of two states of `cells` cells, canonical (neither is changed). */
export function mergeExactCells(a: ExactCells, b: ExactCells, cells: number): ExactCells {
  const wa = cellsWidth(a, cells);
  const wb = cellsWidth(b, cells);
  if (wb === 0) return { lo: a.lo, limbs: a.limbs.slice() };
  if (wa === 0) return { lo: b.lo, limbs: b.limbs.slice() };
  const lo = Math.min(a.lo, b.lo);
  // One more row above the wider window takes the carry out of the sum.
  const width = Math.max(a.lo + wa, b.lo + wb) + 1 - lo;
  const limbs = new Float64Array(cells * width);
  limbs.set(a.limbs, (a.lo - lo) * cells);
  const at = (b.lo - lo) * cells;
  for (let i = 0; i < b.limbs.length; i++) limbs[at + i]! += b.limbs[i]!;
  const carry = new Float64Array(cells);
  for (let row = 0; row < width * cells; row += cells)
    for (let c = 0; c < cells; c++) {
      const v = limbs[row + c]! + carry[c]!;
      const q = Math.floor(v * INV32);
      carry[c] = q;
      limbs[row + c] = v - q * TWO32;
    }
  return trimmed(limbs, cells, width, lo);
}

/**
 * Cell `cell` (`width` canonical limbs `cells` apart, row 0 of unit 2^unit) rounded once to the
 * nearest double, ties to even, in float64 arithmetic: its top three limbs hold at least 65
 * bits, so the 53 kept and the rest are exact doubles, and the limbs below only decide a tie.
 * Undefined when the result would be subnormal or overflow.
 */
function roundLimbs(
  limbs: Float64Array,
  cell: number,
  cells: number,
  width: number,
  unit: number,
): number | undefined {
  const limb = (j: number) => (j >= 0 ? limbs[j * cells + cell]! : 0);
  let j = width - 1;
  while (j >= 0 && limb(j) === 0) j--;
  if (j < 0) return 0;
  const top = limb(j);
  const mid = limb(j - 1);
  const low = limb(j - 2);
  let sticky = false;
  for (let k = j - 3; k >= 0 && !sticky; k--) sticky = limb(k) !== 0;
  // X = top 2^64 + mid 2^32 + low has 64 + bits(top) bits; d of them are dropped.
  const d = 32 - Math.clz32(top) + 11;
  let q: number;
  let rest: number;
  if (d <= 32) {
    q = top * 2 ** (64 - d) + mid * 2 ** (32 - d) + Math.floor(low / 2 ** d);
    rest = low % 2 ** d;
  } else {
    q = top * 2 ** (64 - d) + Math.floor(mid / 2 ** (d - 32));
    rest = (mid % 2 ** (d - 32)) * TWO32 + low;
  }
  const half = 2 ** (d - 1);
  if (rest > half || (rest === half && (sticky || q % 2 === 1))) q++;
  const exponent = unit + 32 * (j - 2) + d;
  return exponent + 53 > 1024 || exponent + 52 < -1022 ? undefined : q * 2 ** exponent;
}

/** Cell `cell` plus the integer `plus` (a count kept beside the exact cells), rounded once to the nearest double. */
export function cellToNumber(state: ExactCells, cells: number, cell: number, plus = 0): number {
  const width = cellsWidth(state, cells);
  if (width === 0) return plus;
  if (plus === 0) {
    const fast = roundLimbs(state.limbs, cell, cells, width, 32 * state.lo + EXACT_BASE);
    if (fast !== undefined) return fast;
  }
  let value = limbsBigInt(state.limbs, cell, width, cells);
  if (value === 0n) return plus;
  let unit = 32 * state.lo + EXACT_BASE;
  if (plus !== 0) {
    if (unit <= 0) value += BigInt(plus) << BigInt(-unit);
    else {
      value = (value << BigInt(unit)) + BigInt(plus);
      unit = 0;
    }
  }
  return bigToNumber(value, unit);
}

/** Every cell plus the integer counts `plus` (one per cell) rounded once: the counts the reductions read. */
export function roundedCells(state: ExactCells, plus: Float64Array): Float64Array {
  const cells = plus.length;
  if (cellsWidth(state, cells) === 0) return plus;
  const out = new Float64Array(cells);
  for (let c = 0; c < cells; c++) out[c] = cellToNumber(state, cells, c, plus[c]!);
  return out;
}

/**
 * The state check of `cells` exact cells: `{ lo, limbs }` with `limbs` a Float64Array of
 * `cells × width` integer limbs in [0, 2^32), the window inside the superaccumulator, its bottom
 * and top rows not all zero (canonical), and every cell below 2^1023.
 */
export function exactCellsShape(cells: number): FieldCheck {
  return field.custom((value, path, id) => {
    const fail = (what: string): never =>
      invalidState(`${id}: ${path}${what.startsWith(".") ? "" : " "}${what}`);
    if (typeof value !== "object" || value === null || ArrayBuffer.isView(value) || Array.isArray(value))
      fail(`must be exact cells { lo, limbs }, got ${typeof value}`);
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record))
      if (key !== "lo" && key !== "limbs") fail(`has the unexpected field "${key}"`);
    const { lo, limbs } = record;
    if (!(limbs instanceof Float64Array)) fail(`.limbs must be a Float64Array, got ${typeof limbs}`);
    const l = limbs as Float64Array;
    if (cells === 0 ? l.length !== 0 : l.length % cells !== 0)
      fail(`.limbs must hold a whole number of limbs for each of the ${cells} cells, got ${l.length} limbs`);
    const width = cells === 0 ? 0 : l.length / cells;
    if (!(Number.isInteger(lo) && (lo as number) >= 0 && (lo as number) + width <= EXACT_LIMBS))
      fail(
        `.lo must be an integer limb with lo + width in [0, ${EXACT_LIMBS}], got ${String(lo)} (width ${width})`,
      );
    if (width === 0) {
      if (lo !== 0) fail(`.lo must be 0 when there are no limbs, got ${String(lo)}`);
      return;
    }
    for (let i = 0; i < l.length; i++) {
      const v = l[i]!;
      if (!(Number.isInteger(v) && v >= 0 && v < TWO32))
        fail(`.limbs must hold integers in [0, 2^32), got ${v} at index ${i}`);
    }
    if (!(rowUsed(l, cells, 0) && rowUsed(l, cells, width - 1)))
      fail(`must be canonical: its bottom and top rows of limbs cannot be all zero`);
    for (let c = 0; c < cells; c++) {
      let j = width - 1;
      while (j > 0 && l[j * cells + c] === 0) j--;
      const limb = l[j * cells + c]!;
      const bits = limb === 0 ? 0 : 32 * ((lo as number) + j) + EXACT_BASE + 32 - Math.clz32(limb);
      if (bits > MAX_CELL_BITS)
        fail(`cell ${c} sums to 2^${bits - 1} or more (at most 2^${MAX_CELL_BITS} allowed)`);
    }
  });
}
