import { describe, expect, it } from "vitest";
import { expectError } from "../../test/support/expect-error.js";
import { RULES, recommend, TASKS, TRAITS } from "./index.js";

const ids = (list: readonly { id: string }[]) => list.map((a) => a.id);

/**
 * The advice must say what the survey says (Terven et al. 2025, tables 4–21 and the sections
 * cited): one block per task area, each pinning the survey's key recommendation and warning.
 */
describe("recommend follows the survey, area by area", () => {
  it("regression (§2, tables 4–5): robust losses and MAE under outliers, not MSE; MAPE not at zeros", () => {
    const outliers = recommend({ task: "regression", traits: ["outliers"] });
    expect(outliers.losses[0]!.id).toBe("regression/huber_loss");
    expect(ids(outliers.losses)).toContain("regression/log_cosh_loss");
    expect(ids(outliers.metrics)[0]).toBe("regression/mean_absolute_error");
    expect(ids(outliers.avoid)).toEqual(
      expect.arrayContaining(["regression/mse_loss", "regression/mean_squared_error"]),
    );
    expect(ids(outliers.metrics)).not.toContain("regression/mean_squared_error");

    const zeros = recommend({ task: "regression", traits: ["zeros"] });
    expect(ids(zeros.avoid)).toEqual(["regression/mean_absolute_percentage_error"]);
    expect(ids(zeros.metrics)[0]).toBe("regression/symmetric_mean_absolute_percentage_error");

    expect(recommend({ task: "regression", traits: ["quantiles"] }).losses[0]!.id).toBe(
      "regression/quantile_loss",
    );
    expect(recommend({ task: "regression", traits: ["counts"] }).losses[0]!.id).toBe(
      "regression/poisson_nll_loss",
    );
    expect(ids(recommend({ task: "regression", traits: ["relative-error"] }).metrics)[0]).toBe(
      "regression/mean_absolute_percentage_error",
    );
  });

  it("classification (§3, tables 6 and 8): under imbalance accuracy is avoided and PR-based metrics lead", () => {
    const rec = recommend({ task: "classification", traits: ["imbalanced"] });
    expect(ids(rec.avoid)).toContain("classification/accuracy");
    expect(ids(rec.metrics)).not.toContain("classification/accuracy");
    expect(ids(rec.metrics).slice(0, 4)).toEqual([
      "classification/average_precision",
      "classification/precision_recall_curve",
      "classification/fbeta",
      "classification/balanced_accuracy",
    ]);
    // Weighted cross-entropy (§3.1.4) and focal loss (§5.1.6) are the survey's answers to imbalance.
    expect(ids(rec.losses).slice(0, 3)).toEqual([
      "classification/cross_entropy",
      "classification/bce_with_logits",
      "classification/sigmoid_focal_loss",
    ]);
    expect(rec.losses[0]!.why).toMatch(/weight/);
    // A loss is never told to report a metric the same advice avoids.
    for (const loss of rec.losses) expect(loss.pairsWith).not.toContain("classification/accuracy");

    const calibration = recommend({ task: "classification", traits: ["calibration"] });
    expect(ids(calibration.metrics)[0]).toBe("classification/calibration_error");
    expect(ids(calibration.avoid)).toContain("classification/auroc");

    // §3.1.4: the class-weight helpers feed weighted CE, pos_weight and focal α.
    const weights = rec.losses.find((l) => l.id === "weighting/class_weights");
    expect(weights?.why).toMatch(/weighted cross-entropy/);
    expect(weights?.pairsWith).toEqual([
      "classification/balanced_accuracy",
      "classification/average_precision",
      "classification/fbeta",
    ]);
    expect(ids(rec.metrics)).toEqual(
      expect.arrayContaining(["classification/critical_success_index", "classification/log_auc"]),
    );
    expect(ids(calibration.metrics).slice(0, 2)).toEqual([
      "classification/calibration_error",
      "classification/reliability_curve",
    ]);

    const multilabel = recommend({ task: "classification", traits: ["multilabel"] });
    expect(ids(multilabel.losses)[0]).toBe("classification/bce_with_logits");
    expect(ids(multilabel.avoid)).toContain("classification/cross_entropy");
  });

  it("classification fairness (beyond the survey): group parity ratios, overall accuracy avoided", () => {
    const rec = recommend({ task: "classification", traits: ["fairness"] });
    expect(ids(rec.metrics).slice(0, 2)).toEqual([
      "classification/group_fairness",
      "classification/stat_scores",
    ]);
    expect(ids(rec.avoid)).toEqual(["classification/accuracy"]);
    expect(rec.avoid[0]!.why).toMatch(/group/);
  });

  it("detection (§5, tables 11–12): IoU-family losses and COCO AP for localisation; VOC AP@0.5 avoided", () => {
    const rec = recommend({ task: "detection", traits: ["localization"] });
    expect(ids(rec.metrics)[0]).toBe("detection/coco_map");
    expect(ids(rec.avoid)).toEqual(["detection/voc_ap"]);
    expect(ids(rec.losses).slice(0, 4)).toEqual([
      "detection/ciou_loss",
      "detection/diou_loss",
      "detection/giou_loss",
      "detection/iou_loss",
    ]);
    expect(rec.losses[0]!.pairsWith).toContain("detection/coco_map");
    const small = recommend({ task: "detection", traits: ["small-objects"] });
    expect(ids(small.avoid)).toContain("detection/smooth_l1_loss");
    expect(recommend({ task: "detection", traits: ["imbalanced"] }).losses[0]!.id).toBe(
      "classification/sigmoid_focal_loss",
    );
    // YOLOv1's grid (one class per cell) is weak on small, grouped objects (Redmon et al. 2016).
    expect(ids(small.avoid)).toContain("detection/yolo_v1_loss");
    expect(ids(recommend({ task: "detection", traits: ["crowded"] }).avoid)).toEqual([
      "detection/yolo_v1_loss",
    ]);
    // §5.1.8: the Wing loss is trained for landmarks and reported with the landmark metrics.
    const landmarks = recommend({ task: "detection", traits: ["landmarks"] });
    expect(ids(landmarks.metrics)[0]).toBe("face/landmark_nme");
    expect(landmarks.losses[0]!.id).toBe("detection/wing_loss");
    expect(landmarks.losses[0]!.pairsWith[0]).toBe("face/landmark_nme");
  });

  it("segmentation (§6, tables 13–14): pixel accuracy avoided under imbalance; Dice-family losses lead", () => {
    const rec = recommend({ task: "segmentation", traits: ["imbalanced"] });
    expect(ids(rec.avoid)).toEqual(expect.arrayContaining(["segmentation/pixel_accuracy"]));
    expect(ids(rec.metrics).slice(0, 2)).toEqual(["segmentation/dice_score", "segmentation/mean_iou"]);
    expect(ids(rec.losses)[0]).toBe("segmentation/dice_cross_entropy_loss");
    expect(ids(rec.losses)).toContain("segmentation/tversky_loss");
    expect(ids(recommend({ task: "segmentation", traits: ["boundaries"] }).metrics).slice(0, 2)).toEqual([
      "segmentation/boundary_f1",
      "segmentation/normalized_surface_dice",
    ]);
    expect(ids(rec.losses)).toContain("weighting/class_weights");
    expect(ids(recommend({ task: "segmentation", traits: ["small-structures"] }).avoid)).toContain(
      "segmentation/pixel_accuracy",
    );
    expect(ids(recommend({ task: "segmentation", traits: ["panoptic"] }).metrics)[0]).toBe(
      "segmentation/panoptic_quality",
    );
  });

  it("face (§7, table 15): margin losses and TAR@FAR for verification; plain softmax avoided for open sets", () => {
    const rec = recommend({ task: "face", traits: ["verification", "open-set"] });
    expect(ids(rec.metrics)[0]).toBe("face/verification");
    expect(ids(rec.losses).slice(0, 2)).toEqual(["face/arcface_loss", "face/cosface_loss"]);
    expect(ids(rec.avoid)).toEqual(["face/softmax_loss"]);
    expect(ids(recommend({ task: "face", traits: ["self-supervised"] }).losses)).toEqual(
      expect.arrayContaining(["face/barlow_twins_loss", "face/simsiam_loss"]),
    );
  });

  it("depth (§8, tables 16–17): scale-invariant error under scale ambiguity; photometric loss without labels", () => {
    const rec = recommend({ task: "depth", traits: ["scale-ambiguity"] });
    expect(ids(rec.metrics)[0]).toBe("depth/silog");
    expect(ids(rec.losses)[0]).toBe("depth/scale_invariant_log_loss");
    expect(ids(rec.avoid)).toContain("depth/rmse");
    // §8.1.10: Monodepth2's per-pixel minimum and auto-masking refine the photometric loss (§8.1.4).
    const self = recommend({ task: "depth", traits: ["self-supervised"] });
    expect(ids(self.losses).slice(0, 3)).toEqual([
      "depth/minimum_reprojection_loss",
      "depth/photometric_loss",
      "depth/edge_aware_smoothness_loss",
    ]);
    expect(ids(self.avoid)).toContain("depth/berhu_loss");
    // §8.1.7: stereo training adds the left-right consistency term; KITTI's D1 (§8.2.6) scores disparities.
    const stereo = recommend({ task: "depth", traits: ["stereo"] });
    expect(ids(stereo.losses).slice(0, 3)).toEqual([
      "depth/photometric_loss",
      "depth/left_right_consistency_loss",
      "depth/edge_aware_smoothness_loss",
    ]);
    expect(ids(stereo.metrics)[0]).toBe("depth/bad_pixel_rate");
    expect(recommend({ task: "depth", traits: ["wide-range"] }).losses[0]!.id).toBe("depth/berhu_loss");
  });

  it("generation (§9, table 18): FID/precision-recall for diversity, IS avoided; PSNR avoided for perception", () => {
    const diversity = recommend({ task: "generation", traits: ["diversity"] });
    expect(ids(diversity.avoid)).toEqual(["generative/inception_score", "models/inception_score"]);
    expect(ids(diversity.metrics)[0]).toBe("generative/precision_recall");
    const perceptual = recommend({ task: "generation", traits: ["perceptual"] });
    expect(ids(perceptual.avoid)).toEqual(["image/psnr"]);
    expect(ids(perceptual.losses)[0]).toBe("generation/perceptual_loss");
    const restoration = recommend({ task: "generation", traits: ["restoration"] });
    expect(ids(restoration.metrics).slice(0, 2)).toEqual(["image/psnr", "image/ssim"]);
  });

  it("generation with the model-based metrics of plumbline/models: FID from images first, LPIPS for perception, CLIPScore for prompts", () => {
    expect(ids(recommend({ task: "generation" }).metrics)[0]).toBe("models/frechet_inception_distance");
    const perceptual = recommend({ task: "generation", traits: ["perceptual"] });
    expect(ids(perceptual.metrics)[0]).toBe("models/lpips");
    const prompts = recommend({ task: "generation", traits: ["text-to-image"] });
    expect(ids(prompts.metrics).slice(0, 2)).toEqual([
      "models/clip_score",
      "models/frechet_inception_distance",
    ]);
    expect(ids(prompts.avoid)).toEqual(["generative/inception_score", "models/inception_score"]);
    expect(ids(recommend({ task: "generation", traits: ["fidelity"] }).metrics)[0]).toBe(
      "models/frechet_inception_distance",
    );
  });

  it("text (§10, tables 19–20): BLEU avoided for single sentences; WER for speech; ROUGE for summaries", () => {
    const sentence = recommend({ task: "text", traits: ["sentence-level"] });
    expect(ids(sentence.avoid)).toContain("text/corpus_bleu");
    expect(ids(sentence.metrics)[0]).toBe("text/chrf");
    const speech = recommend({ task: "text", traits: ["speech"] });
    expect(ids(speech.metrics)[0]).toBe("text/wer");
    expect(ids(speech.losses)[0]).toBe("sequence/ctc_loss");
    expect(speech.losses[0]!.pairsWith).toEqual(["text/wer", "text/cer"]);
    const summaries = recommend({ task: "text", traits: ["summarization"] });
    expect(ids(summaries.metrics)[0]).toBe("text/rouge");
    expect(ids(summaries.avoid)).toContain("text/corpus_bleu");
    expect(ids(recommend({ task: "text", traits: ["qa"] }).metrics)[0]).toBe("text/squad");
    // Beyond the survey: RIBES for word order, NIST for informative n-grams, after BLEU and chrF.
    const translation = ids(recommend({ task: "text", traits: ["translation"] }).metrics);
    expect(translation.slice(0, 2)).toEqual(["text/corpus_bleu", "text/chrf"]);
    expect(translation).toEqual(expect.arrayContaining(["text/ribes", "text/nist"]));
  });

  it("retrieval: nDCG for graded relevance (binary-relevance MAP avoided); ranking losses to train", () => {
    const rec = recommend({ task: "retrieval", traits: ["graded-relevance"] });
    expect(ids(rec.metrics)[0]).toBe("retrieval/ndcg");
    expect(ids(rec.avoid)).toEqual(["retrieval/map", "retrieval/mrr"]);
    expect(ids(recommend({ task: "retrieval", traits: ["ranking"] }).losses)[0]).toBe(
      "classification/margin_ranking_loss",
    );
  });

  it("rag (§11, table 21): faithfulness for grounding; reference-based metrics avoided without references", () => {
    const rec = recommend({ task: "rag", traits: ["faithfulness", "no-reference"] });
    expect(ids(rec.metrics).slice(0, 2)).toEqual(["rag/faithfulness", "rag/ares_answer_faithfulness"]);
    expect(ids(rec.avoid)).toEqual(
      expect.arrayContaining([
        "rag/answer_correctness",
        "rag/context_recall",
        "rag/answer_semantic_similarity",
      ]),
    );
    // The losses of §11.1 appear for RAG fine-tuning.
    expect(ids(recommend({ task: "rag" }).losses)).toEqual(
      expect.arrayContaining([
        "sequence/token_cross_entropy",
        "face/contrastive_loss",
        "classification/margin_ranking_loss",
      ]),
    );
    expect(ids(recommend({ task: "rag", traits: ["answer-quality"] }).metrics)).toContain("text/squad");
  });

  it("multi-loss (§12): learned weights when scales differ; a fixed weighted sum avoided", () => {
    const rec = recommend({ task: "multi-loss", traits: ["scale-mismatch"] });
    expect(ids(rec.losses)[0]).toBe("weighting/uncertainty_weighting");
    expect(ids(rec.avoid)).toEqual(["weighting/weighted_sum"]);
    expect(ids(rec.losses)).toContain("weighting/cov_weighting");
    // Conflicting task gradients: gradient surgery (PCGrad, beyond the survey) and MGDA's min-norm direction.
    const conflict = recommend({ task: "multi-loss", traits: ["conflicting-gradients"] });
    expect(ids(conflict.losses).slice(0, 3)).toEqual([
      "weighting/pcgrad",
      "weighting/mgda",
      "weighting/grad_norm",
    ]);
    expect(ids(conflict.avoid)).toEqual(["weighting/weighted_sum"]);
    expect(ids(recommend({ task: "multi-loss" }).losses)).toEqual(
      expect.arrayContaining(["weighting/mgda", "weighting/cov_weighting"]),
    );
  });
});

describe("recommend: mechanics", () => {
  it("gives every trait of every task at least one recommendation with a reason", () => {
    for (const task of TASKS) {
      for (const trait of Object.keys(TRAITS[task])) {
        const rec = recommend({ task, traits: [trait] });
        expect(rec.metrics.length + rec.losses.length, `${task}/${trait}`).toBeGreaterThan(0);
        for (const a of [...rec.metrics, ...rec.losses, ...rec.avoid])
          expect(a.why.length, a.id).toBeGreaterThan(10);
      }
    }
  });

  it("without traits lists the survey's general choice in order and avoids nothing", () => {
    const rec = recommend({ task: "classification" });
    expect(ids(rec.metrics)).toEqual(RULES.classification.metrics);
    expect(ids(rec.losses)).toEqual(RULES.classification.losses);
    expect(rec.avoid).toEqual([]);
    expect(rec.metrics[0]!.why).toMatch(/balanced/);
  });

  it("ranks entries preferred by several traits first and names each trait in the reason", () => {
    const rec = recommend({ task: "classification", traits: ["imbalanced", "cost-sensitive"] });
    expect(rec.metrics[0]!.id).toBe("classification/fbeta");
    expect(rec.metrics[0]!.why).toMatch(/^imbalanced: .*; cost-sensitive: /);
  });

  it("avoids an entry that one trait discourages even if another prefers it", () => {
    // many-classes prefers (top-k) accuracy; imbalance discourages it.
    const rec = recommend({ task: "classification", traits: ["many-classes", "imbalanced"] });
    expect(ids(rec.metrics)).not.toContain("classification/accuracy");
    expect(ids(rec.avoid)).toContain("classification/accuracy");
  });

  it("accepts task aliases and normalises trait case", () => {
    expect(recommend({ task: "nlp", traits: ["Speech"] }).task).toBe("text");
    expect(recommend({ task: "generative" }).task).toBe("generation");
    expect(recommend({ task: "face-recognition" }).task).toBe("face");
  });

  it("rejects an unknown task, trait or option with the vocabulary", () => {
    expectError(
      () => recommend({ task: "clasification" }),
      "invalid_option",
      'recommend: unknown task "clasification" (did you mean `classification`?); tasks: regression, classification, detection, segmentation, face, depth, generation, text, retrieval, rag, multi-loss',
    );
    expectError(
      () => recommend({ task: "regression", traits: ["imbalanced"] }),
      "invalid_option",
      'recommend: unknown trait "imbalanced" for task regression; traits of regression: outliers, relative-error, zeros, skewed, heteroscedastic, quantiles, counts',
    );
    expectError(() => recommend({ task: "regression", traits: "outliers" as never }), "invalid_option");
    expectError(() => recommend({ task: "regression", trait: ["outliers"] } as never), "invalid_option");
  });
});
