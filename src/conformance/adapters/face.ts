import { identificationRank } from "../../metrics/face/identification.js";
import { faceVerification } from "../../metrics/face/verification.js";
import type { Adapter } from "../types.js";

type Vector = readonly number[];

/** Conformance adapters for the `face` family (test/data/golden/face_cases.json). */
export const adapters: readonly Adapter[] = [
  {
    metric: "verification",
    run: (i, o) =>
      faceVerification(i.scores as Vector, i.labels as Vector, { farTargets: o.far_targets as number[] }),
  },
  {
    metric: "identification_rank",
    run: (i, o) =>
      identificationRank(i.similarity, i.probeLabels as Vector, i.galleryLabels as Vector, {
        ranks: o.ranks as number[],
      }),
  },
];
