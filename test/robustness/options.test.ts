/**
 * Issue 9, class 8: unknown options are errors. For every sample row (test/robustness/samples),
 * the `*Def` factory and its one-shot function (the factory's name without `Def`, called with the
 * row's first batch or its `oneShotArgs`) must refuse an unknown option, and a reference's
 * snake_case spelling of a known option must be answered with the camelCase name.
 */
import { describe, expect, it } from "vitest";
// The rows' factories come from dist/, so their errors are dist's PlumblineError class.
import { isPlumblineError } from "../../dist/core/index.js";
import { thrownBy } from "../support/expect-error.js";
// @ts-expect-error: a plain ES module shared with the fuzz worker.
import { areas, loadArea } from "./samples/index.mjs";

interface Row {
  factory: string;
  options: Record<string, unknown>;
  batches: unknown[][];
  oneShotArgs?: unknown[];
}

const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();

for (const area of Object.keys(areas)) {
  describe(`unknown options: ${area}`, async () => {
    const { rows, module } = await loadArea(area);
    for (const row of rows as Row[]) {
      const factory = module[row.factory] as (options: unknown) => unknown;
      const oneShotName = row.factory.replace(/Def$/, "");
      const oneShot = module[oneShotName] as ((...args: unknown[]) => unknown) | undefined;
      const args = row.oneShotArgs ?? row.batches[0]!;

      it(`${row.factory} and ${oneShotName} refuse an unknown option`, () => {
        const error = thrownBy(() => factory({ ...row.options, zzUnknownOption: 1 }));
        expect(isPlumblineError(error, "invalid_option"), String(error)).toBe(true);
        expect((error as Error).message).toContain("unknown option `zzUnknownOption`");
        if (oneShot) {
          const oneShotError = thrownBy(() => oneShot(...args, { ...row.options, zzUnknownOption: 1 }));
          expect(isPlumblineError(oneShotError, "invalid_option"), String(oneShotError)).toBe(true);
        }
      });

      const camel = Object.keys(row.options).find((k) => snake(k) !== k);
      if (camel) {
        it(`${row.factory} names \`${camel}\` for the snake_case \`${snake(camel)}\``, () => {
          const { [camel]: value, ...rest } = row.options;
          const error = thrownBy(() => factory({ ...rest, [snake(camel)]: value }));
          expect((error as Error | undefined)?.message).toContain(`plumbline calls it \`${camel}\``);
        });
      }
    }
  });
}
