/**
 * The limits set by the environment, in Node: `PLUMBLINE_MAX_ALLOCATION` (`"8GiB"`, `"512MB"`,
 * bytes). A browser bundle takes limits-env.browser.ts instead (the package's `browser` field):
 * a browser has no environment, so it carries none of this code.
 */
import { parseByteSize } from "./byte-size.js";
import { invalidOption } from "./errors.js";

export function limitsFromEnvironment(): { maxAllocationBytes?: number } {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const raw = env?.PLUMBLINE_MAX_ALLOCATION;
  if (raw === undefined || raw === "") return {};
  const bytes = parseByteSize(raw);
  if (bytes === undefined)
    invalidOption(
      `PLUMBLINE_MAX_ALLOCATION must be a size such as "8GiB" or "512MB", got ${JSON.stringify(raw)}`,
    );
  return { maxAllocationBytes: bytes };
}
