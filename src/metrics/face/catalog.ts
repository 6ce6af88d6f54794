import { metaFields } from "../../catalog/meta-fields.js";
import type { CatalogEntry } from "../../catalog/types.js";
import { identificationMeta } from "./identification.js";
import { landmarkErrorMeta } from "./landmarks.js";
import { verificationMeta } from "./verification.js";

const verificationEntry: CatalogEntry = {
  ...metaFields(verificationMeta),
  title: "Face verification: TAR@FAR, EER, best accuracy",
  kind: "metric",
  tasks: ["face-recognition"],
  formula:
    "\\mathrm{TAR@FAR}(f) = \\max_t \\{ TPR(t) : FPR(t) \\le f \\},\\; \\mathrm{EER} = FPR(t^*) \\text{ where } FPR(t^*) \\approx 1 - TPR(t^*)",
  differentiable: false,
  robustness: [
    "TAR at low FAR needs many impostor pairs: with n impostors, FAR below 1/n cannot be measured",
  ],
  references: [
    { paper: "Huang et al. 2007 (LFW protocol); Grother et al., NIST FRVT verification reports (TAR@FAR)" },
    {
      implementation:
        "TAR@FAR as the highest TPR on the exact ROC curve (sklearn roc_curve points) with FPR <= the target",
    },
  ],
  traits: ["embeddings", "verification", "operating-point"],
  exports: ["faceVerification", "faceVerificationDef"],
};

const identificationEntry: CatalogEntry = {
  ...metaFields(identificationMeta),
  title: "Rank-k identification accuracy (CMC curve)",
  kind: "metric",
  tasks: ["face-recognition"],
  formula:
    "\\mathrm{CMC}(k) = \\frac{1}{|P|}\\sum_{p \\in P} [\\operatorname{rank}_p \\le k],\\; \\operatorname{rank}_p = 1 + |\\{g : y_g \\ne y_p,\\; s_{pg} > \\max_{y_{g'} = y_p} s_{pg'}\\}|",
  differentiable: false,
  robustness: [
    "closed-set protocol: every probe identity must be enrolled in the gallery",
    "depends on gallery size: report it",
  ],
  references: [
    {
      paper:
        "Moon & Phillips 2001, Computational and performance aspects of PCA-based face-recognition algorithms (CMC); Grother et al., FRVT identification reports",
    },
  ],
  traits: ["embeddings", "identification"],
  exports: ["identificationRank", "identificationRankDef"],
};

/** Catalog entry of the landmark metrics. */
const landmarkErrorEntry: CatalogEntry = {
  ...metaFields(landmarkErrorMeta),
  title: "Normalized mean error of facial landmarks, failure rate and CED AUC",
  kind: "metric",
  tasks: ["face-recognition"],
  formula:
    "\\mathrm{NME}_i=\\frac{1}{L\\,d_i}\\sum_{l=1}^{L}\\lVert\\hat p_{il}-p_{il}\\rVert_2,\\quad \\mathrm{FR}_\\theta=\\frac{|\\{i:\\mathrm{NME}_i>\\theta\\}|}{N},\\quad \\mathrm{AUC}_\\theta=\\frac{1}{\\theta}\\int_0^\\theta \\mathrm{CED}(e)\\,de",
  differentiable: false,
  robustness: [
    "normalising by the inter-ocular distance makes errors comparable across face sizes; inter-pupil distances are smaller, so the same fit has a larger NME",
    "the mean NME is pulled by a few failures: report the failure rate and the CED AUC beside it",
  ],
  references: [
    {
      paper: "Sagonas et al. 2016 (300W); Wu et al. 2018 (WFLW); Feng et al. 2018 (Wing loss)",
      implementation:
        "HRNet-Facial-Landmark-Detection compute_nme (inter-ocular); PIPNet compute_fr_and_auc (np.arange grid, scipy 1.10 simps)",
    },
  ],
  traits: ["landmarks"],
  exports: ["landmarkErrorDef", "landmarkError", "cedFailureRateAndAuc"],
};

/** Catalog entries of the face-recognition metrics. */
export const entries: readonly CatalogEntry[] = [verificationEntry, identificationEntry, landmarkErrorEntry];
