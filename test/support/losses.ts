import type * as tf from "@tensorflow/tfjs-core";
import { seededRandom } from "../../src/core/random.js";

/** Test helper of the loss folders (not part of the public API). */

/** The first value of `t` as a number; disposes `t`. */
export function scalar(t: tf.Tensor): number {
  const v = t.dataSync()[0]!;
  t.dispose();
  return v;
}

/** The error `f` throws; throws itself when `f` returns normally. */
export function attempt(f: () => unknown): Error {
  try {
    f();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a throw");
}

/** A seeded uniform [0, 1) stream: mulberry32, the generator of core/random.ts. */
export const seeded = (seed: number): (() => number) => seededRandom(seed).next;
