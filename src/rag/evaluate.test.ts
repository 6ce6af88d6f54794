import { describe, expect, it } from "vitest";
import { expectError } from "../../test/support/expect-error.js";
import { cohenKappaScore, krippendorffAlpha } from "./agreement.js";
import { estimateRagCost } from "./dry-run.js";
import { evaluateRag, type RagResultRecord } from "./evaluate.js";
import { checkGates, parseGates } from "./gates.js";
import { normalQuantile, predictionPoweredMean } from "./stats.js";
import { estimateMessageTokens } from "./tokens.js";
import type { ChatMessage, Judge, JudgeCallOptions, RagSample } from "./types.js";

const samples: RagSample[] = [
  {
    id: "a",
    question: "q1",
    answer: "Paris",
    groundTruth: "Paris",
    contexts: ["Paris is the capital"],
    referenceContexts: ["Paris is the capital"],
  },
  {
    id: "b",
    question: "q2",
    answer: "Lyon",
    groundTruth: "Paris",
    contexts: ["Lyon is a city"],
    referenceContexts: ["Paris is the capital"],
  },
  {
    id: "c",
    question: "q3",
    answer: "Paris",
    groundTruth: "Paris",
    contexts: ["Paris!"],
    referenceContexts: ["Paris is the capital"],
  },
  {
    id: "d",
    question: "q4",
    answer: "Nice",
    groundTruth: "Paris",
    contexts: ["Nice is sunny"],
    referenceContexts: ["Paris is the capital"],
  },
];

/** A judge answering ARES prompts from a function of the user prompt and the trial. */
const verdictJudge = (
  verdict: (user: string, trial: number) => number | "junk",
  identity = "test-judge",
): Judge =>
  Object.assign(
    async (messages: readonly ChatMessage[], call?: JudgeCallOptions) => {
      const v = verdict(messages[1]!.content, call?.trial ?? 0);
      return v === "junk" ? "not json" : JSON.stringify({ reason: "r", verdict: v });
    },
    { identity },
  );

describe("evaluateRag", () => {
  it("runs the non-LLM variants offline", async () => {
    const run = await evaluateRag(samples);
    expect(run.metrics.map((r) => r.metric)).toEqual([
      "nonllm_context_precision",
      "nonllm_context_recall",
      "token_f1_answer_correctness",
    ]);
    // token F1: 1, 0, 1, 0 → mean 0.5
    expect(run.metrics[2]!.summary.mean).toBe(0.5);
    expect(run.complete).toBe(true);
    expect(run.usage.calls).toBe(0);
  });

  it("k judgments per item: item means, pooled spread, unstable items, and an interval over item means", async () => {
    // Sample b's verdict alternates 0,1,0 over three trials; a and c are always 1; d is junk (fails).
    const judge = verdictJudge((user, trial) =>
      user.includes("Nice") ? "junk" : user.includes("Lyon") ? trial % 2 : 1,
    );
    const run = await evaluateRag(samples, { metrics: ["ares_context_relevance"], judge, samplesPerItem: 3 });
    const r = run.metrics[0]!;
    expect(r.scores.map((s) => s.value)).toEqual([1, 1 / 3, 1, Number.NaN]);
    expect(r.scores[1]!.detail).toEqual({ trials: [0, 1, 0] });
    expect(r.failures).toEqual([
      {
        index: 3,
        id: "d",
        reason: "malformed judge reply after one repair attempt: the reply is not a JSON object",
        kind: "failed",
      },
    ]);
    // within-item variances: a 0, b var(0,1,0) = 1/3, c 0 → pooled sd sqrt((0 + 1/3 + 0) / 3) = 1/3
    expect(r.spread!.sd).toBeCloseTo(1 / 3, 15);
    expect(r.spread!.items).toBe(3);
    expect(r.spread!.unstable).toEqual([{ index: 1, id: "b", values: [0, 1, 0] }]);
    // the interval: item means 1, 1/3, 1 → mean 7/9, s^2 = ((2/9)^2 * 2 + (4/9)^2) / 2 = 12/81
    const half = normalQuantile(0.975) * Math.sqrt(12 / 81 / 3);
    expect(r.summary.mean).toBeCloseTo(7 / 9, 15);
    expect(r.summary.lower).toBeCloseTo(7 / 9 - half, 14);
    expect(r.summary.upper).toBe(1);
  });

  it("human labels on any judged metric: prediction-powered interval, Cohen's kappa and Krippendorff's alpha", async () => {
    // faithfulness per sample from the verdicts: a 1, b 0.5, c 1, d 0 (two statements each).
    const perSample: Record<string, number[]> = { q1: [1, 1], q2: [1, 0], q3: [1, 1], q4: [0, 0] };
    const judge: Judge = Object.assign(
      async (messages: readonly ChatMessage[], call?: JudgeCallOptions) => {
        const q = /q\d/.exec(messages[1]!.content)?.[0] ?? "";
        if (call?.template === "statements") return JSON.stringify({ statements: [`${q} one`, `${q} two`] });
        const ids = /(q\d) one/.exec(messages[1]!.content)?.[1] ?? "";
        return JSON.stringify({
          statements: perSample[ids]!.map((verdict) => ({ statement: "s", reason: "r", verdict })),
        });
      },
      { identity: "faith" },
    );
    const labelled = samples.map((s, i) => (i < 2 ? { ...s, human: { faithfulness: i === 0 ? 1 : 0 } } : s));
    const run = await evaluateRag(labelled, { metrics: ["faithfulness"], judge });
    const r = run.metrics[0]!;
    expect(r.scores.map((s) => s.value)).toEqual([1, 0.5, 1, 0]);
    // PPI: labelled judge [1, 0.5] vs human [1, 0]; unlabelled [1, 0]
    expect(r.interval).toBe("ppi");
    expect(r.summary).toEqual(predictionPoweredMean([1, 0], [1, 0.5], [1, 0]));
    // theta = mean(1, 0) - mean(0, 0.5) = 0.25
    expect(r.summary.mean).toBe(0.25);
    // kappa on values >= 0.5 as 1: judge [1, 1] vs human [1, 0]; alpha (interval) on [1, 0.5] vs [1, 0]
    expect(r.agreement).toEqual({
      labelled: 2,
      cohenKappa: cohenKappaScore([1, 1], [1, 0]),
      krippendorffAlpha: krippendorffAlpha([
        [1, 0.5],
        [1, 0],
      ]),
      threshold: 0.5,
    });
    expect(r.agreement!.cohenKappa).toBe(0);
  });

  it("streams one record per judgment and resumes from them without judging again", async () => {
    let calls = 0;
    const inner = verdictJudge((user) => (user.includes("Nice") ? "junk" : 1));
    const judge: Judge = Object.assign(
      async (m: readonly ChatMessage[], c?: JudgeCallOptions) => {
        calls++;
        return inner(m, c);
      },
      { identity: inner.identity! },
    );
    const records: RagResultRecord[] = [];
    const first = await evaluateRag(samples, {
      metrics: ["ares_context_relevance", "token_f1_answer_correctness"],
      judge,
      samplesPerItem: 2,
      onResult: (r) => {
        records.push(r);
      },
    });
    // 4 samples x 2 trials for the judged metric + 4 for the offline one
    expect(records).toHaveLength(12);
    const firstCalls = calls;
    expect(records.find((r) => r.index === 3 && r.metric === "ares_context_relevance")).toMatchObject({
      value: null,
      kind: "failed",
    });
    calls = 0;
    const again = await evaluateRag(samples, {
      metrics: ["ares_context_relevance", "token_f1_answer_correctness"],
      judge,
      samplesPerItem: 2,
      previous: records,
    });
    // only sample d's two failed judgments are asked again (each with its repair attempt)
    expect(calls).toBe(4);
    expect(firstCalls).toBeGreaterThan(calls);
    expect(again.metrics[0]!.resumed).toBe(6);
    expect(again.metrics.map((r) => r.summary.mean)).toEqual(first.metrics.map((r) => r.summary.mean));
    // another judge is another result: nothing is resumed
    const other = await evaluateRag(samples, {
      metrics: ["ares_context_relevance"],
      judge: verdictJudge(() => 1, "another-model"),
      previous: records,
    });
    expect(other.metrics[0]!.resumed).toBe(0);
  });

  it("a budget stops paid calls before they would pass it, keeping what was judged", async () => {
    // The judge reports exactly the estimated prompt tokens and 100 completion tokens, so the
    // estimates of the budget are exact after the first reply (which is all the test needs).
    const judge: Judge = Object.assign(
      async (messages: readonly ChatMessage[], call?: JudgeCallOptions) => {
        call?.onUsage?.({ promptTokens: estimateMessageTokens(messages), completionTokens: 100, cost: 0 });
        return '{"reason": "r", "verdict": 1}';
      },
      { identity: "paid" },
    );
    const pricing = { inputPerMillion: 1, outputPerMillion: 1 };
    const free = await evaluateRag(samples, {
      metrics: ["ares_context_relevance"],
      judge,
      concurrency: 1,
      pricing,
    });
    const records: RagResultRecord[] = [];
    await evaluateRag(samples, {
      metrics: ["ares_context_relevance"],
      judge,
      concurrency: 1,
      pricing,
      onResult: (r) => {
        records.push(r);
      },
    });
    const costs = records.map((r) => r.usage.cost);
    const maxCost = costs[0]! + costs[1]! + costs[2]! / 2;
    const run = await evaluateRag(samples, {
      metrics: ["ares_context_relevance"],
      judge,
      concurrency: 1,
      pricing,
      maxCost,
    });
    const r = run.metrics[0]!;
    expect(r.scores.map((s) => s.value)).toEqual([1, 1, Number.NaN, Number.NaN]);
    expect(r.notJudged).toBe(2);
    expect(r.failures).toEqual([]);
    expect(run.complete).toBe(false);
    expect(run.budget).toEqual({ maxCost, spent: costs[0]! + costs[1]!, exhausted: true });
    expect(run.budget!.spent).toBeLessThanOrEqual(maxCost);
    expect(r.usage.calls).toBe(2);
    expect(r.scores[2]!.reason).toMatch(/^not judged: the cost budget of \$[0-9.e-]+ would be exceeded/);
    expect(free.metrics[0]!.usage.cost).toBeCloseTo(
      costs.reduce((a, b) => a + b, 0),
      15,
    );
  });

  it("rejects a judged metric without a judge, unknown names and a budget without prices", async () => {
    await expect(evaluateRag(samples, { metrics: ["faithfulness"] })).rejects.toThrow(
      "evaluateRag: metric faithfulness needs a judge (option `judge`)",
    );
    await expect(evaluateRag(samples, { metrics: ["bleu"] })).rejects.toMatchObject({
      code: "invalid_option",
    });
    await expect(evaluateRag(samples, { maxCost: 1 })).rejects.toThrow(
      "evaluateRag: option `maxCost` needs `pricing` (the cost of a token)",
    );
    await expect(evaluateRag(samples, { trials: 2 } as never)).rejects.toThrow("unknown option `trials`");
  });
});

describe("estimateRagCost (dry run)", () => {
  it("predicts the calls of a real run and sizes them from plausible replies", async () => {
    const seen: { template: string; messages: readonly ChatMessage[] }[] = [];
    const judge: Judge = Object.assign(
      async (messages: readonly ChatMessage[], call?: JudgeCallOptions) => {
        seen.push({ template: call!.template!, messages });
        if (call?.template === "statements") return '{"statements": ["Paris is the capital."]}';
        return '{"statements": [{"statement": "Paris is the capital.", "reason": "r", "verdict": 1}]}';
      },
      { identity: "j" },
    );
    const real = await evaluateRag(samples, { metrics: ["faithfulness"], judge });
    const [estimate] = await estimateRagCost(samples, {
      metrics: ["faithfulness"],
      pricing: { inputPerMillion: 1, outputPerMillion: 2 },
    });
    expect(estimate!.usage.calls).toBe(seen.length);
    expect(estimate!.usage.calls).toBe(real.metrics[0]!.usage.calls);
    expect(estimate!.usage.cost).toBeCloseTo(
      (estimate!.usage.promptTokens * 1 + estimate!.usage.completionTokens * 2) / 1e6,
      15,
    );
  });
});

describe("quality gates", () => {
  it("parse value and lower-bound gates against the run's metrics and check them", async () => {
    const gates = parseGates("ares_context_relevance=0.8, ares_context_relevance.lower=0.9", [
      "ares_context_relevance",
    ]);
    expect(gates).toEqual([
      { metric: "ares_context_relevance", bound: "value", threshold: 0.8 },
      { metric: "ares_context_relevance", bound: "lower", threshold: 0.9 },
    ]);
    const run = await evaluateRag(samples, {
      metrics: ["ares_context_relevance"],
      judge: verdictJudge((user) => (user.includes("Nice") ? 0 : 1)),
    });
    // mean 0.75: both gates fail
    expect(checkGates(run, gates).map((g) => [g.bound, g.observed])).toEqual([
      ["value", 0.75],
      ["lower", run.metrics[0]!.summary.lower],
    ]);
    expect(checkGates(run, parseGates("ares_context_relevance=0.75", ["ares_context_relevance"]))).toEqual(
      [],
    );
    expectError(
      () => parseGates("faithfulnes=0.8", ["faithfulness"], "eval rag"),
      "invalid_option",
      'eval rag: --fail-under names "faithfulnes", which this run does not compute (did you mean `faithfulness`?); computed: faithfulness',
    );
    expectError(
      () => parseGates("faithfulness>0.8", ["faithfulness"], "eval rag"),
      "invalid_option",
      'eval rag: --fail-under takes metric=value or metric.lower=value, got "faithfulness>0.8"',
    );
  });
});
