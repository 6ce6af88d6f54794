import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { isPlumblineError } from "../../core/errors.js";
import { setLimits } from "../../core/limits.js";
import { cocoEvaluate } from "./coco-json.js";
import { readCocoResults, resultRows } from "./coco-results.js";
import { rleFromString, rleToString, toRle } from "./rle.js";

/** The keypoints column of result 0 as a plain array. */
const keypointsOf = (text: string) => {
  const r = readCocoResults(text);
  return Array.from(r.keypointValues.subarray(r.keypointStart[0]!, r.keypointStart[1]!));
};
const oneResult = (extra: string) => `[{"image_id":1,"category_id":1,"score":0.5${extra}}]`;
/** Bitwise equality, -0 and NaN included. */
const same = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/** A valid JSON number token that JSON.stringify would not write (long mantissas, odd exponents, -0). */
const numberToken = fc.stringMatching(/^-?(0|[1-9][0-9]{0,24})(\.[0-9]{1,24})?([eE][+-]?[0-9]{1,3})?$/);

describe("readCocoResults reads numbers as JSON.parse does, bit for bit", () => {
  it("on random doubles in every spelling JavaScript writes", () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer({ min: 1, max: 20 }),
        (x, k) => {
          const spellings = [JSON.stringify(x), x.toExponential(k - 1), x.toPrecision(k), x.toExponential()];
          const tokens = spellings
            .map((t) => (Object.is(x, -0) ? `-${t}` : t))
            .filter((t) => !t.includes("Infinity"));
          const text = oneResult(`,"keypoints":[${tokens.join(",")}]`);
          return same(keypointsOf(text), JSON.parse(text)[0].keypoints);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("on random number tokens: long mantissas, big and small exponents, leading zeros in exponents", () => {
    fc.assert(
      fc.property(fc.array(numberToken, { minLength: 1, maxLength: 8 }), (tokens) => {
        const text = oneResult(`,"keypoints":[${tokens.join(" , ")}]`);
        return same(keypointsOf(text), JSON.parse(text)[0].keypoints);
      }),
      { numRuns: 3000 },
    );
  });

  it("on the edges of the fast path: 15 and 16 digits, exponents ±22 and ±23, zeros", () => {
    const tokens = [
      "123456789012345",
      "1234567890123456",
      "9007199254740993",
      "0.1234567890123456789",
      "0.000000000000000000001234",
      "123456789012345e22",
      "123456789012345e23",
      "1.5e-22",
      "15e-23",
      "0.30000000000000004",
      "-0.0",
      "0e0",
      "0.000e-400",
      "1E+2",
      "2.2250738585072011e-308",
      "4.9e-324",
      "1.7976931348623157e308",
    ];
    const text = oneResult(`,"keypoints":[${tokens.join(",")}]`);
    expect(same(keypointsOf(text), JSON.parse(text)[0].keypoints)).toBe(true);
  });

  it("keeps -0, reads 1e999 as Infinity in lists and refuses it where a finite number is needed", () => {
    expect(Object.is(keypointsOf(oneResult(`,"keypoints":[-0, -0.0e5, 0e-7]`))[0], -0)).toBe(true);
    expect(keypointsOf(oneResult(`,"keypoints":[1e999,-1E+999,1e-999]`))).toEqual([Infinity, -Infinity, 0]);
    expectError(
      () => readCocoResults(`[{"image_id":1,"category_id":1,"score":1e999}]`),
      "invalid_value",
      "readCocoResults: results[0].score must be a finite number, got Infinity",
    );
  });
});

/** Random result objects, with unknown keys and odd values where COCO expects lists. */
const resultObject = fc.record(
  {
    image_id: fc.integer({ min: -5, max: 5 }),
    category_id: fc.integer({ min: 0, max: 3 }),
    score: fc.double({ noNaN: true, noDefaultInfinity: true }),
    bbox: fc.oneof(
      fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 5 }),
      fc.jsonValue(),
    ),
    keypoints: fc.oneof(fc.array(fc.integer(), { maxLength: 6 }), fc.jsonValue()),
    segmentation: fc.oneof(
      fc.jsonValue(),
      fc.constant({ size: [2, 3], counts: "06" }),
      fc.constant({ counts: "1\\4", size: [1, 4] }),
      fc.constant({ size: [2, 2], counts: "zz" }),
    ),
    "unknown key": fc.jsonValue(),
  },
  { requiredKeys: ["image_id", "category_id", "score"] },
);

describe("readCocoResults gives the values JSON.parse gives", () => {
  it("on random results, in any layout, through the same row access cocoEvaluate reads", () => {
    fc.assert(
      fc.property(
        fc.array(resultObject, { maxLength: 6 }),
        fc.constantFrom(undefined, 1, "\t", " \r\n"),
        (results, indent) => {
          const text = JSON.stringify(results, null, indent);
          const rows = resultRows(readCocoResults(text));
          const parsed = resultRows(JSON.parse(text));
          expect(rows.count).toBe(parsed.count);
          for (let i = 0; i < rows.count; i++) {
            expect(rows.imageId[i]).toBe(parsed.imageId[i]);
            expect(rows.categoryId[i]).toBe(parsed.categoryId[i]);
            expect(Object.is(rows.score[i], parsed.score[i])).toBe(true);
            for (const key of ["bbox", "keypoints"] as const) {
              expect(rows.has(i, key)).toBe(parsed.has(i, key));
              const list = rows.list(i, key);
              expect(list === undefined ? undefined : Array.from(list)).toEqual(parsed.list(i, key));
              if (list === undefined) expect(rows.get(i, key)).toEqual(parsed.get(i, key));
            }
            expect(rows.has(i, "segmentation")).toBe(parsed.has(i, "segmentation"));
            const seg = rows.get(i, "segmentation") as { counts?: unknown; size?: unknown } | undefined;
            const want = parsed.get(i, "segmentation") as { counts?: unknown; size?: number[] } | undefined;
            if (seg?.counts instanceof Uint32Array) {
              // Valid RLE text comes decoded: the counts toRle decodes the text to.
              expect(seg.size).toEqual(want!.size);
              expect(Array.from(seg.counts)).toEqual(
                Array.from(rleFromString(want!.counts as string, want!.size![0]!, want!.size![1]!).counts),
              );
            } else expect(seg).toEqual(want);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("reads escaped keys, keeps the last of a repeated key and skips unknown keys", () => {
    const text = `[{"image\\u005fid":3,"category_id":1,"score":0.25,"keypoints":[1,2,3],"extra":{"a":[{"b":"\\"}"}]},
      "keypoints":[4,5,6],"score":0.75,"bbox":"no","bbox":[1,2,3,4]}]`;
    const rows = resultRows(readCocoResults(text));
    const parsed = JSON.parse(text)[0];
    expect(rows.imageId[0]).toBe(parsed.image_id);
    expect(rows.score[0]).toBe(0.75);
    expect(Array.from(rows.list(0, "keypoints")!)).toEqual([4, 5, 6]);
    expect(Array.from(rows.list(0, "bbox")!)).toEqual([1, 2, 3, 4]);
    expect(readCocoResults("  [ ]  ").count).toBe(0);
  });

  it("decodes RLE counts text with escapes, and leaves invalid text for toRle to refuse", () => {
    const counts = rleToString(toRle([[1, 1, 9, 1, 9, 9, 1, 9]], 12, 12));
    const text = `[{"image_id":1,"category_id":1,"score":1,"segmentation":{"size":[12,12],"counts":${JSON.stringify(counts)}}}]`;
    const segmentation = (json: string) => resultRows(readCocoResults(json)).get(0, "segmentation");
    const seg = segmentation(text) as { size: number[]; counts: Uint32Array };
    expect(seg.size).toEqual([12, 12]);
    expect(Array.from(seg.counts)).toEqual(Array.from(rleFromString(counts, 12, 12).counts));
    // The JSON text "1\\0" is the counts text 1\0 (backslash is a count character).
    const escaped = segmentation(oneResult(`,"segmentation":{"counts":"1\\\\0","size":[1,4]}`));
    expect(Array.from((escaped as { counts: Uint32Array }).counts)).toEqual(
      Array.from(rleFromString("1\\0", 1, 4).counts),
    );
    // "\/" is "/", not a count character: the value stays text, as JSON.parse gives it.
    expect(segmentation(oneResult(`,"segmentation":{"counts":"1\\\\\\/","size":[1,4]}`))).toEqual({
      counts: "1\\/",
      size: [1, 4],
    });
    expect(segmentation(oneResult(`,"segmentation":{"size":[1,4],"counts":"1\\u00e9"}`))).toEqual({
      size: [1, 4],
      counts: "1é",
    });
    // A repeated key: the last value wins, RLE or not.
    expect(
      segmentation(oneResult(`,"segmentation":{"size":[1,4],"counts":"04"},"segmentation":[[1,2]]`)),
    ).toEqual([[1, 2]]);
    const last = segmentation(oneResult(`,"segmentation":[],"segmentation":{"size":[1,4],"counts":"13"}`));
    expect(Array.from((last as { counts: Uint32Array }).counts)).toEqual([1, 3]);
  });
});

describe("readCocoResults refuses what it cannot read, with a PlumblineError", () => {
  afterEach(() => {
    setLimits({ maxNestingDepth: 64 });
  });

  it("names malformed JSON by byte and line (io_error)", () => {
    expectError(
      () => readCocoResults(`[{"image_id":1,\n "category_id":01}]`),
      "io_error",
      'readCocoResults: invalid JSON at byte 32 (line 2): expected "," or "}", got "1}]"',
    );
    expectError(
      () => readCocoResults(`[{"image_id":1,"category_id":1,"score":0.5}`),
      "io_error",
      'readCocoResults: invalid JSON at byte 43 (line 1): expected "," or "]", got the end of the input (truncated?)',
    );
    expectError(() => readCocoResults("\uFEFF[]"), "io_error");
    expectError(() => readCocoResults("[] x"), "io_error");
    expectError(() => readCocoResults(oneResult(`,"x":"a\tb"`)), "io_error");
    expectError(() => readCocoResults(oneResult(`,"x":"\\x"`)), "io_error");
    expectError(() => readCocoResults(oneResult(`,"x":[1,]`)), "io_error");
    expectError(() => readCocoResults(oneResult(`,"x":tru`)), "io_error");
    expectError(() => readCocoResults(oneResult(`,"keypoints":[1.]`)), "io_error");
    expectError(() => readCocoResults(oneResult(`,"keypoints":[+1]`)), "io_error");
    expectError(() => readCocoResults(oneResult(`,"keypoints":[NaN]`)), "io_error");
  });

  it("names wrong types and missing keys by result (invalid_value)", () => {
    expectError(
      () => readCocoResults(`{"results":[]}`),
      "invalid_value",
      "readCocoResults: the results must be a JSON array of detections, got an object (Object)",
    );
    expectError(
      () => readCocoResults(`[{"image_id":1,"category_id":1,"score":1},[]]`),
      "invalid_value",
      "readCocoResults: results[1] must be an object, got an array of length 0",
    );
    expectError(
      () => readCocoResults(`[{"image_id":1,"category_id":1}]`),
      "invalid_value",
      'readCocoResults: results[0] is missing the key "score"',
    );
    expectError(
      () => readCocoResults(`[{"image_id":"1","category_id":1,"score":1}]`),
      "invalid_value",
      'readCocoResults: results[0].image_id must be a finite number, got "1"',
    );
    expectError(
      () => readCocoResults(42 as unknown as string),
      "invalid_value",
      "readCocoResults: `input` must be the file's bytes or text, got 42",
    );
  });

  it("refuses nesting past getLimits().maxNestingDepth", () => {
    setLimits({ maxNestingDepth: 8 });
    // The results array is level 1, a result level 2, its values from level 3 on.
    expect(readCocoResults(oneResult(`,"x":[[[[[[1]]]]]]`)).count).toBe(1);
    expectError(
      () => readCocoResults(oneResult(`,"x":[[[[[[[1]]]]]]]`)),
      "invalid_value",
      "readCocoResults: the results nest deeper than 8 levels at byte 53 (line 1) (getLimits().maxNestingDepth)",
    );
    setLimits({ maxNestingDepth: 64 });
    const deep = `${"[".repeat(100000)}${"]".repeat(100000)}`;
    expectError(() => readCocoResults(oneResult(`,"x":${deep}`)), "invalid_value");
  });

  it("throws a PlumblineError (never anything else) exactly when JSON.parse fails or a key is wrong, on mangled text", () => {
    const base = JSON.stringify([
      {
        image_id: 1,
        category_id: 2,
        score: 0.5,
        keypoints: [1.5, -2, 0],
        extra: { a: ["\u00e9", null, true] },
      },
      {
        image_id: 2,
        category_id: 2,
        score: 1e-3,
        bbox: [1, 2, 3, 4],
        segmentation: { size: [2, 2], counts: "04" },
      },
    ]);
    fc.assert(
      fc.property(
        fc.nat(base.length),
        fc.nat(base.length),
        fc.constantFrom("", "}", "]", ",", '"', "\\", "-", "e", "1", " ", "\u0001", "[", "{", ":", "x"),
        (from, to, insert) => {
          const text = base.slice(0, Math.min(from, to)) + insert + base.slice(Math.max(from, to));
          let parsedOk = true;
          try {
            JSON.parse(text);
          } catch {
            parsedOk = false;
          }
          try {
            readCocoResults(text);
          } catch (error) {
            if (!isPlumblineError(error)) throw error;
            // Valid JSON is refused only for its content, never as syntax.
            if (parsedOk) expect(error.code).toBe("invalid_value");
            return;
          }
          expect(parsedOk).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe("readCocoResults on many results", () => {
  it("keeps every result while its columns grow (sized by the share of the input read)", () => {
    const results = Array.from({ length: 5000 }, (_, i) => ({
      image_id: i % 97,
      category_id: 1 + (i % 3),
      score: (i % 1000) / 1000,
      ...(i % 2
        ? { bbox: [i, i / 2, 3.5, 4] }
        : { keypoints: Array.from({ length: 3 * (i % 7) }, (_, k) => k * i) }),
    }));
    const r = readCocoResults(JSON.stringify(results));
    expect(r.count).toBe(5000);
    for (const i of [0, 255, 256, 1023, 1024, 4999]) {
      const x = results[i]!;
      expect([r.imageId[i], r.categoryId[i], r.score[i]]).toEqual([x.image_id, x.category_id, x.score]);
      const values = "bbox" in x ? x.bbox : x.keypoints!;
      const [from, to] =
        "bbox" in x ? [r.bboxStart[i]!, r.bboxStart[i + 1]!] : [r.keypointStart[i]!, r.keypointStart[i + 1]!];
      expect(Array.from(("bbox" in x ? r.bboxValues : r.keypointValues).subarray(from, to))).toEqual(values);
    }
  });
});

describe("cocoEvaluate on readCocoResults", () => {
  const gt = {
    images: [{ id: 1, height: 10, width: 10 }],
    categories: [{ id: 1 }],
    annotations: [{ id: 1, image_id: 1, category_id: 1, bbox: [0, 0, 5, 5], area: 25, iscrowd: 0 }],
  };

  it("gives the numbers and the messages the parsed array gives", () => {
    const results = [{ image_id: 1, category_id: 1, bbox: [0, 0, 5, 4], score: 0.9 }];
    expect(cocoEvaluate(gt, readCocoResults(JSON.stringify(results))).stats).toEqual(
      cocoEvaluate(gt, results).stats,
    );
    for (const [image, bbox] of [
      [2, "[0,0,1,1]"],
      [1, "[0,0,1]"],
      [1, '[0,0,1,"1"]'],
      [1, "[0,0,1,1e999]"],
      [1, "[0,0,-1,1]"],
    ] as const) {
      const text = `[{"image_id":${image},"category_id":1,"score":1,"bbox":${bbox}}]`;
      const fromArray = expectError(() => cocoEvaluate(gt, JSON.parse(text)), "invalid_value");
      expectError(() => cocoEvaluate(gt, readCocoResults(text)), "invalid_value", fromArray.message);
    }
  });

  it("gives the segm numbers and the RLE messages the parsed array gives", () => {
    const segm = { ...gt, annotations: [{ ...gt.annotations[0], segmentation: [[0, 0, 5, 0, 5, 5, 0, 5]] }] };
    const counts = rleToString(toRle([[0, 0, 5, 0, 5, 4, 0, 4]], 10, 10));
    const good = `[{"image_id":1,"category_id":1,"score":0.5,"segmentation":{"size":[10,10],"counts":${JSON.stringify(counts)}}}]`;
    expect(cocoEvaluate(segm, readCocoResults(good), { iouType: "segm" }).stats).toEqual(
      cocoEvaluate(segm, JSON.parse(good), { iouType: "segm" }).stats,
    );
    for (const bad of ['"0z"', '"1\\\\"', '"1\\u00e9"', '"1\u00e9"', "[1,2]", '"0a"']) {
      const text = `[{"image_id":1,"category_id":1,"score":0.5,"segmentation":{"size":[10,10],"counts":${bad}}}]`;
      const fromArray = expectError(
        () => cocoEvaluate(segm, JSON.parse(text), { iouType: "segm" }),
        "invalid_value",
      );
      expectError(
        () => cocoEvaluate(segm, readCocoResults(text), { iouType: "segm" }),
        "invalid_value",
        fromArray.message,
      );
    }
  });
});

describe("cocoEvaluate on changed readCocoResults columns", () => {
  const gt = {
    images: [{ id: 1 }],
    categories: [{ id: 1 }],
    annotations: [{ id: 1, image_id: 1, category_id: 1, bbox: [0, 0, 2, 2], area: 4, iscrowd: 0 }],
  };
  const text = JSON.stringify([
    { image_id: 1, category_id: 1, score: 1, bbox: [0, 0, 2, 2] },
    {
      image_id: 1,
      category_id: 1,
      score: 0.5,
      bbox: [0, 0, 1, 1],
      segmentation: { size: [4, 4], counts: "04L4" },
    },
  ]);

  it("refuses arrays that no longer fit together (invalid_value), never a RangeError or TypeError", () => {
    expect(cocoEvaluate(gt, readCocoResults(text)).stats).toEqual(cocoEvaluate(gt, JSON.parse(text)).stats);
    const columns = readCocoResults(text);
    const changed: Record<string, unknown>[] = [
      { count: -1 },
      { count: 0.5 },
      { count: 5 },
      { otherBbox: null },
    ];
    for (const [key, value] of Object.entries(columns))
      if (ArrayBuffer.isView(value))
        changed.push({ [key]: new (value.constructor as new (n: number) => unknown)(0) });
    changed.push({ bboxStart: Int32Array.of(0, 4, 2) }, { rleText: Float64Array.of(0, 0, 0, 1e9) });
    for (const change of changed) {
      const outcome = (() => {
        try {
          return cocoEvaluate(gt, { ...readCocoResults(text), ...change }).stats;
        } catch (error) {
          return error;
        }
      })();
      // Either the values of intact columns or a PlumblineError: a change that only empties an
      // unused array still evaluates.
      if (outcome instanceof Error)
        expect(isPlumblineError(outcome), `${Object.keys(change)[0]}: ${outcome}`).toBe(true);
    }
    expectError(
      () => cocoEvaluate(gt, { ...columns, bboxStart: Int32Array.of(0, 4, 2) }),
      "invalid_value",
      "cocoEvaluate: `results` columns (readCocoResults) are inconsistent: bboxStart[2] is below bboxStart[1]",
    );
    expectError(
      () => cocoEvaluate(gt, { ...columns, count: 5 }),
      "invalid_value",
      "cocoEvaluate: `results` columns (readCocoResults) are inconsistent: imageId must be a Float64Array of at least 5 values",
    );
    expectError(
      () => cocoEvaluate(gt, { ...columns, rleText: Float64Array.of(0, 0, 0, 1e9) }, { iouType: "segm" }),
      "invalid_value",
      "cocoEvaluate: `results` columns (readCocoResults) are inconsistent: rleText of results[1] reaches past its text",
    );
  });
});
