/**
 * Ceilings on what one call may allocate, so no option and no input can exhaust memory.
 *
 * Every size-like option (bins, thresholds, classes, bootstrap samples), every size inferred from
 * data and every decoded state goes through {@link assertAllocation} before it allocates. Past the
 * budget the call fails with `invalid_option` (or `invalid_state` for a decoded state) naming what
 * asked for the memory, how much it would need, and how to raise the ceiling deliberately:
 *
 * - `setLimits({ maxAllocationBytes: 8 * 2 ** 30 })` in code, or
 * - the environment variable `PLUMBLINE_MAX_ALLOCATION` (`"8GiB"`, `"512MB"`, bytes) in Node
 *   (limits-env.ts; a browser bundle reads no environment: limits-env.browser.ts, by the
 *   package's `browser` field).
 *
 * The default budget, 1 GiB per allocation, holds every bundled workload and every documented
 * benchmark; see docs/defaults.md for the ceilings derived from it.
 */
import { fail, invalidOption, type PlumblineErrorCode } from "./errors.js";
import { limitsFromEnvironment } from "./limits-env.js";

export { parseByteSize } from "./byte-size.js";

/** The ceilings in force. */
export interface Limits {
  /** Largest single allocation, in bytes (default 1 GiB). */
  readonly maxAllocationBytes: number;
  /** Deepest nesting a decoded state or JSON input may have (default 64). */
  readonly maxNestingDepth: number;
}

const DEFAULTS: Limits = { maxAllocationBytes: 2 ** 30, maxNestingDepth: 64 };

let current: Limits | undefined;

/** The ceilings in force (defaults, then `PLUMBLINE_MAX_ALLOCATION`, then `setLimits`). */
export function getLimits(): Limits {
  current ??= { ...DEFAULTS, ...limitsFromEnvironment() };
  return current;
}

/** Raises or lowers the ceilings for this process; returns the previous ones (to restore them). */
export function setLimits(limits: Partial<Limits>): Limits {
  const previous = getLimits();
  const next = { ...previous, ...limits };
  if (!(next.maxAllocationBytes > 0) || !(next.maxNestingDepth >= 1))
    invalidOption("setLimits: limits must be positive numbers");
  current = next;
  return previous;
}

/** `1073741824` → `"1 GiB"`, `8e9` → `"7.5 GiB"`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return "an unbounded amount of memory";
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown =
    unit === 0
      ? String(Math.round(value))
      : value >= 100
        ? value.toFixed(0)
        : value.toPrecision(3).replace(/\.?0+$/, "");
  return `${shown} ${units[unit]}`;
}

/**
 * Fails unless allocating `bytes` for `what` fits the budget. `what` names the cause in the
 * caller's words: ``option `thresholds` = 1000000000`` or ``the 10001 classes inferred from `target```.
 */
export function assertAllocation(
  fn: string,
  what: string,
  bytes: number,
  code: PlumblineErrorCode = "invalid_option",
): void {
  const { maxAllocationBytes } = getLimits();
  if (bytes <= maxAllocationBytes) return;
  fail(
    code,
    `${fn}: ${what} would need ${formatBytes(bytes)}, above the ${formatBytes(maxAllocationBytes)} allocation limit; raise it deliberately with setLimits({ maxAllocationBytes }) or PLUMBLINE_MAX_ALLOCATION=8GiB`,
  );
}
