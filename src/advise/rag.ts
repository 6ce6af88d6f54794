import { describeValue, fail } from "../core/errors.js";
import { type AdviceReport, type Finding, percent, report } from "./report.js";

const has = (sample: Record<string, unknown>, keys: readonly string[]) =>
  keys.some((k) => {
    const v = sample[k];
    return v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);
  });

/**
 * Measures RAG evaluation samples (objects with `question`, `answer`, `contexts`,
 * `ground_truth`, `reference_contexts`, `human`, as RAGAS and ARES datasets name them): which
 * fields are present decides which metrics can run; then recommends from the traits found.
 */
export function adviseRag(samples: readonly Record<string, unknown>[]): AdviceReport {
  const fn = "adviseRag";
  if (!Array.isArray(samples) || samples.length === 0)
    fail(
      "empty_input",
      `${fn}: \`samples\` must be a non-empty array of objects, got ${describeValue(samples)}`,
    );
  samples.forEach((s, i) => {
    if (s === null || typeof s !== "object" || Array.isArray(s))
      fail("invalid_value", `${fn}: samples[${i}] must be an object, got ${describeValue(s)}`);
  });
  const n = samples.length;
  const share = (keys: readonly string[]) => samples.filter((s) => has(s, keys)).length / n;
  const references = share(["ground_truth", "reference", "ground_truths"]);
  const contexts = share(["contexts", "retrieved_contexts"]);
  const referenceContexts = share(["reference_contexts"]);
  const human = share(["human", "labels", "human_labels"]);
  const findings: Finding[] = [
    {
      measure: "samples with a reference answer",
      value: references,
      ...(references === 0 ? { trait: "no-reference" } : { trait: "answer-quality" }),
      note:
        references === 0
          ? "No reference answers: use reference-free metrics (faithfulness, answer relevance) or judges."
          : `${percent(references)} of the samples have a reference answer: correctness and context recall can be measured.`,
    },
    {
      measure: "samples with retrieved contexts",
      value: contexts,
      ...(contexts > 0 ? { trait: "faithfulness" } : {}),
      note:
        contexts > 0
          ? "Retrieved contexts are recorded: check that answers stay grounded in them (faithfulness)."
          : "No contexts recorded: grounding cannot be checked.",
    },
  ];
  if (referenceContexts > 0)
    findings.push({
      measure: "samples with reference contexts",
      value: referenceContexts,
      trait: "retrieval-quality",
      note: "Gold passages are known: retrieval can be scored without a judge (non-LLM context precision and recall).",
    });
  if (human > 0)
    findings.push({
      measure: "samples with human labels",
      value: human,
      trait: "confidence-intervals",
      note: "Human labels allow prediction-powered confidence intervals around judge scores (ARES).",
    });
  return report("rag", n, "samples", findings);
}
