import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expectError } from "../../../../test/support/expect-error.js";
import { expectSuiteEquivalence } from "../../../../test/support/suites.js";
import { corpusBleu } from "./bleu.js";
import { chrf } from "./chrf.js";
import { textSuite, textSuiteDef } from "./suite.js";
import { ter } from "./ter.js";

const lines = (path: string) => readFileSync(path, "utf8").trimEnd().split("\n");
const hyps = lines("data/samples/text/mt-hyp.txt");
const refs = [lines("data/samples/text/mt-ref1.txt"), lines("data/samples/text/mt-ref2.txt")];

describe("textSuite", () => {
  it("equals sacrebleu's three corpus scores, each as its one-shot function computes it", async () => {
    const split = (a: number, b: number) => [hyps.slice(a, b), refs.map((r) => r.slice(a, b))];
    await expectSuiteEquivalence(textSuiteDef(), [split(0, 3), split(3, hyps.length)], [hyps, refs], {
      bleu: () => corpusBleu(hyps, refs),
      chrf: () => chrf(hyps, refs),
      ter: () => ter(hyps, refs),
    });
    // The members' own options pass through (chrF++, lowercase BLEU).
    const options = { bleu: { lowercase: true }, chrf: { wordOrder: 2 } };
    const result = textSuite(hyps, refs, options);
    expect(result.bleu).toEqual(corpusBleu(hyps, refs, { lowercase: true }));
    expect(result.chrf).toEqual(chrf(hyps, refs, { wordOrder: 2 }));
  });

  it("reads its options strictly", () => {
    expectError(
      () => textSuiteDef({ blue: {} } as never),
      "invalid_option",
      "textSuite: unknown option `blue` (did you mean `bleu`?); known: `bleu`, `chrf`, `ter`",
    );
    expectError(() => textSuiteDef({ bleu: { tokenise: "13a" } } as never), "invalid_option");
  });
});
