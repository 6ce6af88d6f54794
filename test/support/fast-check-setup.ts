/**
 * Vitest setup (vitest.config.ts `setupFiles`): one default size for every fast-check property.
 *
 * fast-check derives an arbitrary's generated length from its size. At the library defaults
 * (`baseSize: "small"`, `defaultSizeToMaxWhenMaxSpecified: false`) `fc.array(arb)` stays at most
 * 2·minLength + 10 elements, and so does `fc.array(arb, { maxLength: 3000 })`, so code paths that only
 * run on larger inputs (direct retrieval kernels, radix vs insertion sort, lane folds) were hardly
 * reached. Here an explicit `maxLength` (or `maxDepth`) is honoured as written, and an unbounded
 * arbitrary reaches 11·minLength + 100 ("medium"; "large" nests badly: an array of arrays or a JSON
 * value reaches a million nodes). A property that must stay small says so with its own `size` or
 * `maxLength`. Silent: prints nothing.
 */
import fc from "fast-check";

fc.configureGlobal({ baseSize: "medium", defaultSizeToMaxWhenMaxSpecified: true });
