import { delongTest } from "../../stats/delong.js";
import { mcnemarTest } from "../../stats/mcnemar.js";
import type { Adapter } from "../types.js";

type Vector = readonly number[];

/** Conformance adapters for the `stats` family (test/data/golden/stats_cases.json). */
export const adapters: readonly Adapter[] = [
  {
    metric: "delong_test",
    run: (i) => delongTest(i.scoresA as Vector, i.scoresB as Vector, i.target as Vector),
  },
  {
    metric: "mcnemar_exact",
    run: (i) => mcnemarTest(i.correctA as Vector, i.correctB as Vector, { exact: true }),
  },
  {
    metric: "mcnemar_chi2",
    run: (i) => mcnemarTest(i.correctA as Vector, i.correctB as Vector, { exact: false }),
  },
];
