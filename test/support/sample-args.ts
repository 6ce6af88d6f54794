/**
 * Test helper: the arguments that run each `plumbline eval` command on the bundled sample data
 * (data/samples), shared by the CLI tests that add one flag to a valid run.
 */
export const SAMPLES = "data/samples";

export const SAMPLE_ARGS = {
  classification: [
    "eval",
    "classification",
    "--preds",
    `${SAMPLES}/classification/binary_preds.csv`,
    "--target",
    `${SAMPLES}/classification/binary_target.csv`,
  ],
  multiclass: [
    "eval",
    "classification",
    "--preds",
    `${SAMPLES}/classification/multiclass_preds.csv`,
    "--target",
    `${SAMPLES}/classification/multiclass_target.csv`,
  ],
  regression: [
    "eval",
    "regression",
    "--preds",
    `${SAMPLES}/regression/preds.csv`,
    "--target",
    `${SAMPLES}/regression/target.csv`,
  ],
  detection: [
    "eval",
    "detection",
    "--gt",
    `${SAMPLES}/detection/instances.json`,
    "--preds",
    `${SAMPLES}/detection/results.json`,
  ],
  segmentation: [
    "eval",
    "segmentation",
    "--preds",
    `${SAMPLES}/segmentation/preds`,
    "--target",
    `${SAMPLES}/segmentation/target`,
  ],
  text: ["eval", "text", "--hyp", `${SAMPLES}/text/mt-hyp.txt`, "--ref", `${SAMPLES}/text/mt-ref1.txt`],
  retrieval: [
    "eval",
    "retrieval",
    "--run",
    `${SAMPLES}/retrieval/run.txt`,
    "--qrels",
    `${SAMPLES}/retrieval/qrels.txt`,
  ],
  rag: ["eval", "rag", "--data", `${SAMPLES}/rag/samples.jsonl`],
  compare: [
    "compare",
    "classification",
    "--target",
    `${SAMPLES}/classification/binary_target.csv`,
    "--preds-a",
    `${SAMPLES}/classification/binary_preds.csv`,
    "--preds-b",
    `${SAMPLES}/classification/binary_preds.csv`,
  ],
} as const satisfies Record<string, readonly string[]>;
