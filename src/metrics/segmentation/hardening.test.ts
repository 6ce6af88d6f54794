/**
 * Issue 9 for plumbline/segmentation: hostile inputs and options get one-line PlumblineErrors
 * (unknown options, sizes past the allocation budget, hostile .npy headers), never a crash.
 */
import { describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { diceScore } from "./dice-score.js";
import { hausdorffDistance } from "./hausdorff-distance.js";
import { meanIou, meanIouDef } from "./mean-iou.js";
import { parseNpy } from "./npy.js";
import { panopticQuality } from "./panoptic-quality.js";

/** A .npy v1.0 file with the given header dict text and data bytes. */
function npy(header: string, data: number[] = []): Uint8Array {
  const text = `${header.padEnd(118, " ")}\n`;
  const out = new Uint8Array(10 + text.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, text.length, true);
  for (let i = 0; i < text.length; i++) out[10 + i] = text.charCodeAt(i);
  out.set(data, 10 + text.length);
  return out;
}

describe("segmentation hardening", () => {
  it("refuses unknown options with a suggestion and the camelCase name of snake_case ones", () => {
    expectError(
      () => meanIou([[0]], [[0]], { numClasses: 2, ignore_index: 255 } as never),
      "invalid_option",
      "meanIou: unknown option `ignore_index` (the reference's snake_case name; plumbline calls it `ignoreIndex`); known: `numClasses`, `includeBackground`, `perClass`, `ignoreIndex`, `reduction`, `inputFormat`",
    );
    expect(
      expectError(() => hausdorffDistance([[1]], [[1]], { percentil: 95 } as never), "invalid_option")
        .message,
    ).toContain("did you mean `percentile`?");
    expect(expectError(() => meanIouDef(undefined as never), "invalid_option").message).toBe(
      "meanIou: option `numClasses` is required",
    );
  });

  it("refuses numClasses 1e6 for mean IoU with the memory its confusion matrices would need", () => {
    const error = expectError(() => meanIouDef({ numClasses: 1e6 }), "invalid_option");
    expect(error.message).toMatch(
      /^meanIou: option `numClasses` = 1000000 would need 14\.6 TiB, above the 1 GiB allocation limit/,
    );
    // Dice keeps per-class counts, not a matrix: a million classes fit.
    expect(() => diceScore([[0]], [[0]], { numClasses: 1e6 })).not.toThrow();
  });

  it("reports a fractional label as such", () => {
    expectError(
      () => meanIou([[0, 2.5]], [[0, 1]], { numClasses: 3 }),
      "invalid_value",
      "meanIou: `preds` must contain integer labels in [0, 3), got 2.5 at index 1",
    );
  });

  it("refuses category ids past 2^20 - 2 in panoptic quality", () => {
    expect(
      expectError(
        () => panopticQuality([[[0, 0]]], [[[0, 0]]], { things: [2 ** 21], stuffs: [] }),
        "invalid_option",
      ).message,
    ).toBe(
      "panopticQuality: option `things` must hold integer category ids in [0, 1048574], got 2097152 at index 0",
    );
  });

  it("gives one-line invalid_value for hostile .npy headers", () => {
    expectError(
      () => parseNpy(npy("{'descr': '|constructor', 'fortran_order': False, 'shape': (2,), }")),
      "invalid_value",
      'parseNpy: malformed dtype descriptor "|constructor" (expected a byte order, a kind and a size, e.g. "<i8")',
    );
    expectError(
      () => parseNpy(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1e9,), }")),
      "invalid_value",
      "parseNpy: malformed shape (1e9,): expected non-negative integers",
    );
    expect(
      expectError(
        () => parseNpy(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }")),
        "invalid_value",
      ).message,
    ).toBe("parseNpy: data is truncated: shape [100000, 100000] needs 80000000000 bytes, got 0");
    expect(
      expectError(
        () => parseNpy(npy("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }")),
        "unsupported",
      ).message,
    ).toBe("parseNpy: dtype <c16 is not supported (use bool, integers or floats)");
    const huge = npy("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", [1, 0, 0, 0, 7, 0, 0, 0]);
    new DataView(huge.buffer).setUint16(8, 60000, true);
    expect(expectError(() => parseNpy(huge), "invalid_value").message).toMatch(
      /^parseNpy: header length 60000 does not fit the file/,
    );
    expect(
      parseNpy(npy("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", [1, 0, 0, 0, 7, 0, 0, 0]))
        .data,
    ).toEqual(Float64Array.of(1, 7));
  });
});
