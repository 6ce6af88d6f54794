import { seededRandom } from "../../core/random.js";

/** Most (prediction, target) pairs a regression report plots (its scatter plots and residuals). */
export const REPORT_POINTS = 5000;

/**
 * A uniform random sample of at most `capacity` (prediction, target) pairs from a stream of
 * batches, in constant memory (Vitter 1985, "Random sampling with a reservoir", algorithm R),
 * seeded so the same input gives the same sample. What `eval regression --report` plots.
 */
export class PairReservoir {
  readonly #preds: Float64Array;
  readonly #target: Float64Array;
  readonly #random;
  #seen = 0;

  constructor(
    readonly capacity: number = REPORT_POINTS,
    seed = 0,
  ) {
    this.#preds = new Float64Array(capacity);
    this.#target = new Float64Array(capacity);
    this.#random = seededRandom(seed);
  }

  /** Pairs offered so far. */
  get seen(): number {
    return this.#seen;
  }

  /** Offers every pair of a batch. */
  add(preds: ArrayLike<number>, target: ArrayLike<number>): void {
    for (let i = 0; i < preds.length; i++) {
      const slot = this.#seen < this.capacity ? this.#seen : this.#random.int(this.#seen + 1);
      if (slot < this.capacity) {
        this.#preds[slot] = preds[i]!;
        this.#target[slot] = target[i]!;
      }
      this.#seen++;
    }
  }

  /** The sample (every pair when fewer than `capacity` were offered). */
  sample(): { preds: Float64Array; target: Float64Array } {
    const n = Math.min(this.#seen, this.capacity);
    return { preds: this.#preds.slice(0, n), target: this.#target.slice(0, n) };
  }

  /** The report's note on what its plots show. */
  note(): string | undefined {
    return this.#seen > this.capacity
      ? `The plots show a uniform random sample of ${this.capacity} of the ${this.#seen} pairs (reservoir sampling, seed 0); the scores use every pair.`
      : undefined;
  }
}
