/**
 * Vitest setup (vitest.config.ts `setupFiles`): one default size for every fast-check property.
 *
 * fast-check derives an arbitrary's generated length from its size: at the library default
 * `"small"`, `fc.array(arb)` stays at most 2·minLength + 10 elements, and so does
 * `fc.array(arb, { maxLength: 3000 })` (`defaultSizeToMaxWhenMaxSpecified` is off), so code paths that
 * only run on larger inputs (direct retrieval kernels, radix vs insertion sort, lane folds) were hardly
 * reached. `"medium"` raises the bound to 11·minLength + 100. `"large"` (101·minLength + 1000) also
 * passes, but nests badly: an array of arrays or a JSON value reaches a million nodes. A property
 * that needs its stated `maxLength` sets `size: "max"` locally. Silent: prints nothing.
 */
import fc from "fast-check";

fc.configureGlobal({ baseSize: "medium" });
