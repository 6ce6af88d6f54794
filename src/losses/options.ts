import { optOneOf } from "../core/options.js";
import type { Reduction } from "./reduction.js";

/**
 * Option reading of every loss: the shared strict mechanism of `core/options.ts` (each loss
 * declares its option names with `optionNames`, reads them with `readOptions`, which refuses
 * unknown names with a "did you mean", and parses values with `optNumber`, `optBoolean`,
 * `optOneOf`, ...), plus the `reduction` every loss takes.
 */
export {
  optBoolean,
  optInteger,
  optionNames,
  optNumber,
  optOneOf,
  readOptions,
  required,
} from "../core/options.js";

/** The reductions of PyTorch's losses. */
export const REDUCTIONS: readonly Reduction[] = ["none", "mean", "sum"];

/** The `reduction` option: "none", "mean" or "sum", `fallback` ("mean") when absent. */
export function reductionOption(fn: string, value: unknown, fallback: Reduction = "mean"): Reduction {
  return optOneOf(fn, "reduction", value, REDUCTIONS, fallback);
}
