/** plumbline/losses: differentiable losses on TensorFlow.js tensors (peer dependency @tensorflow/tfjs-core). */

// classification
export * from "./classification/binary-cross-entropy.js";
export * from "./classification/binary-cross-entropy-with-logits.js";
export { entries as classificationLossCatalog } from "./classification/catalog.js";
export * from "./classification/cosine-embedding-loss.js";
export * from "./classification/cross-entropy.js";
export * from "./classification/hinge-embedding-loss.js";
export * from "./classification/hinge-loss.js";
export * from "./classification/kl-div.js";
export * from "./classification/margin-ranking-loss.js";
export * from "./classification/multi-margin-loss.js";
export * from "./classification/multilabel-soft-margin-loss.js";
export * from "./classification/nll-loss.js";
export * from "./classification/poly1-loss.js";
export * from "./classification/sigmoid-focal-loss.js";
export * from "./classification/soft-margin-loss.js";
export * from "./classification/softmax-focal-loss.js";
// face recognition and metric learning, monocular depth, image generation, sequences
export * from "./depth/index.js";
// detection
export * from "./detection/balanced-l1-loss.js";
export { entries as detectionLossCatalog } from "./detection/catalog.js";
export * from "./detection/ciou-loss.js";
export * from "./detection/diou-loss.js";
export * from "./detection/giou-loss.js";
export * from "./detection/iou-loss.js";
export * from "./detection/wing-loss.js";
export * from "./detection/yolo-loss.js";
export * from "./detection/yolo-v1-loss.js";
export * from "./face/index.js";
// shared
export * from "./factory.js";
export * from "./generation/index.js";
export * from "./gradient-check.js";
export { assertReduction, type Reduction, reduceLoss } from "./reduction.js";
export { entries as regressionLossCatalog } from "./regression/catalog.js";
// regression
export * from "./regression/gaussian-nll-loss.js";
export * from "./regression/huber-loss.js";
export * from "./regression/l1-loss.js";
export * from "./regression/log-cosh-loss.js";
export * from "./regression/mse-loss.js";
export * from "./regression/poisson-nll-loss.js";
export * from "./regression/quantile-loss.js";
export * from "./regression/smooth-l1-loss.js";
export { entries as segmentationLossCatalog } from "./segmentation/catalog.js";
// segmentation
export * from "./segmentation/dice-cross-entropy-loss.js";
export * from "./segmentation/generalized-dice-loss.js";
export * from "./segmentation/lovasz-loss.js";
export type { OverlapMode } from "./segmentation/overlap-sums.js";
export * from "./segmentation/soft-dice-loss.js";
export * from "./segmentation/soft-jaccard-loss.js";
export * from "./segmentation/tversky-loss.js";
export * from "./sequence/index.js";
export type { TensorInput } from "./tensor-input.js";
export { entries as weightingCatalog } from "./weighting/catalog.js";
// multi-loss weighting and class weights
export * from "./weighting/class-weights.js";
export * from "./weighting/cov-weighting.js";
export * from "./weighting/dynamic-weight-average.js";
export * from "./weighting/grad-norm.js";
export * from "./weighting/mgda.js";
export * from "./weighting/pcgrad.js";
export * from "./weighting/uncertainty-weighting.js";
export * from "./weighting/weighted-sum.js";
