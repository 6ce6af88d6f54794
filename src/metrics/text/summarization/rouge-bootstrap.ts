import { emptyInput } from "../../../core/errors.js";
import { optInteger, optionNames, optNumber, optSize, readOptions } from "../../../core/options.js";
import { refuse } from "../shared/inputs.js";
import type { RougeScore, RougeState } from "./rouge.js";

/** Low, mid and high bootstrap estimates of the mean score. */
export interface RougeInterval {
  readonly low: RougeScore;
  readonly mid: RougeScore;
  readonly high: RougeScore;
}

export interface RougeBootstrapOptions {
  /** Default 0.95 (the 2.5th and 97.5th percentiles). */
  readonly confidenceInterval?: number;
  /** Default 1000. */
  readonly nSamples?: number;
  /** Seed of numpy's legacy global generator (`np.random.seed(seed)`); default 0. */
  readonly seed?: number;
}

/**
 * MT19937 seeded as numpy's legacy `RandomState.seed(int)` (init_genrand), so the same seed draws
 * the same stream as `np.random.seed(seed)`.
 */
class Mt19937 {
  readonly #mt = new Uint32Array(624);
  #index = 624;

  constructor(seed: number) {
    const mt = this.#mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < 624; i++) {
      const prev = (mt[i - 1] as number) ^ ((mt[i - 1] as number) >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
  }

  nextUint32(): number {
    const mt = this.#mt;
    if (this.#index >= 624) {
      for (let k = 0; k < 624; k++) {
        const y = ((mt[k] as number) & 0x80000000) | ((mt[(k + 1) % 624] as number) & 0x7fffffff);
        mt[k] = (mt[(k + 397) % 624] as number) ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.#index = 0;
    }
    let y = mt[this.#index++] as number;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** numpy legacy `randint(0, n)`: masked rejection sampling on 32-bit draws. */
  below(n: number): number {
    const rng = n - 1;
    if (rng === 0) return 0;
    let mask = rng;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    let value: number;
    do value = (this.nextUint32() & mask) >>> 0;
    while (value > rng);
    return value;
  }
}

/** numpy 1.24 `percentile(..., method="linear")` of sorted values. */
function percentile(sorted: Float64Array, q: number): number {
  const virtual = (q / 100) * (sorted.length - 1);
  const lower = Math.floor(virtual);
  const upper = Math.min(lower + 1, sorted.length - 1);
  const t = virtual - lower;
  const a = sorted[lower] as number;
  const b = sorted[upper] as number;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

const ROUGE_BOOTSTRAP_OPTIONS = optionNames<RougeBootstrapOptions>()(
  "confidenceInterval",
  "nSamples",
  "seed",
);

/** Fails unless `state` looks like a ROUGE state: a count and 3 numbers per pair per type. */
function checkRougeColumns(fn: string, state: unknown): asserts state is RougeState {
  const s = state as RougeState | null;
  if (
    typeof s !== "object" ||
    s === null ||
    !Number.isInteger(s.count) ||
    s.count < 0 ||
    typeof s.scores !== "object" ||
    s.scores === null ||
    !Object.values(s.scores).every((c) => Array.isArray(c) && c.length === 3 * s.count)
  )
    refuse(
      fn,
      "state",
      "must be a ROUGE state { count, scores: { type: [precision, recall, F1 per pair] } } (a rougeDef metric's state)",
      state,
    );
}

/**
 * rouge-score 0.1.2's `BootstrapAggregator.aggregate()`: resamples the pairs with replacement
 * `nSamples` times, and reports the percentiles (1-ci)/2, 0.5 and 1-(1-ci)/2 of the resampled
 * means of precision, recall and F1.
 *
 * With `seed` s it draws the same samples as `np.random.seed(s)` followed by the aggregator
 * (numpy's legacy MT19937 stream, `choice` via masked rejection), so results equal the
 * reference's up to the last bits of the sums. rouge-score itself does not seed: without
 * `np.random.seed` its intervals vary from run to run.
 *
 * Cost: O(nSamples * pairs) per type.
 */
export function rougeBootstrap(
  state: RougeState,
  options?: RougeBootstrapOptions,
): Record<string, RougeInterval> {
  const fn = "rougeBootstrap";
  const o = readOptions<RougeBootstrapOptions>(fn, options, ROUGE_BOOTSTRAP_OPTIONS);
  const confidence = optNumber(fn, "confidenceInterval", o.confidenceInterval, 0.95, { min: 0, max: 1 });
  // Three Float64Array of resampled means (precision, recall, F1) per ROUGE type.
  const nSamples = optSize(fn, "nSamples", o.nSamples, 1000, { bytesPerUnit: 24 }) as number;
  const seed = optInteger(fn, "seed", o.seed, 0, { min: 0, max: 0xffffffff });
  checkRougeColumns(fn, state);
  if (state.count === 0) emptyInput("rougeBootstrap: no pairs to resample");
  const n = state.count;
  const delta = (1 - confidence) / 2;
  const qs = [100 * delta, 50, 100 * (1 - delta)];
  const out: Record<string, RougeInterval> = {};
  // rouge-score aggregates each type in insertion order, drawing from one global stream.
  const random = new Mt19937(seed);
  const sample = new Int32Array(n);
  for (const [type, column] of Object.entries(state.scores)) {
    const means = [new Float64Array(nSamples), new Float64Array(nSamples), new Float64Array(nSamples)];
    for (let s = 0; s < nSamples; s++) {
      for (let i = 0; i < n; i++) sample[i] = random.below(n);
      for (let m = 0; m < 3; m++) {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += column[3 * (sample[i] as number) + m] as number;
        (means[m] as Float64Array)[s] = sum / n;
      }
    }
    const bounds = means.map((values) => {
      const sorted = Float64Array.from(values).sort();
      return qs.map((q) => percentile(sorted, q));
    });
    const at = (k: number): RougeScore => ({
      precision: bounds[0]?.[k] as number,
      recall: bounds[1]?.[k] as number,
      fmeasure: bounds[2]?.[k] as number,
    });
    out[type] = { low: at(0), mid: at(1), high: at(2) };
  }
  return out;
}
