import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runEvalCommand } from "../../../test/support/cli.js";
import { parseNpy } from "../../metrics/segmentation/npy.js";
import { readLabelFile, register } from "./segmentation.js";

const sample = fileURLToPath(new URL("../../../data/samples/segmentation/", import.meta.url));

const run = (args: string[]) => runEvalCommand(register, "segmentation", args);

/** A .npy file (format 1.0, little-endian int32) holding `values` with `shape`. */
function npy(values: number[], shape: number[], fortran = false): Uint8Array {
  let header = `{'descr': '<i4', 'fortran_order': ${fortran ? "True" : "False"}, 'shape': (${shape.join(", ")}${shape.length === 1 ? "," : ""}), }`;
  header += `${" ".repeat((64 - ((10 + header.length + 1) % 64)) % 64)}\n`;
  const out = new Uint8Array(10 + header.length + values.length * 4);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  values.forEach((v, i) => {
    view.setInt32(10 + header.length + i * 4, v, true);
  });
  return out;
}

describe("parseNpy", () => {
  it("reads C and Fortran order", () => {
    expect(parseNpy(npy([1, 2, 3, 4, 5, 6], [2, 3]))).toMatchObject({ shape: [2, 3], dtype: "<i4" });
    expect(Array.from(parseNpy(npy([1, 2, 3, 4, 5, 6], [2, 3])).data)).toEqual([1, 2, 3, 4, 5, 6]);
    // Fortran order stores columns first: [[1, 3, 5], [2, 4, 6]] row-major.
    expect(Array.from(parseNpy(npy([1, 2, 3, 4, 5, 6], [2, 3], true)).data)).toEqual([1, 3, 5, 2, 4, 6]);
  });
  it("rejects what is not a .npy file", () => {
    expect(() => parseNpy(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))).toThrow(
      "parseNpy: not a .npy file (missing the \\x93NUMPY magic)",
    );
  });
});

describe("plumbline eval segmentation", () => {
  it("evaluates the sample folders (PNG and .npy)", async () => {
    const r = await run([
      "--preds",
      join(sample, "preds"),
      "--target",
      join(sample, "target"),
      "--ignore-index",
      "255",
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("4 image pairs, 4 classes, ignore index 255");
    expect(r.out).toMatch(/pixel accuracy\s+0\.9377/);
    expect(readLabelFile(join(sample, "preds", "scene4.npy")).shape).toEqual([1, 48, 64]);
  });
  it("exits 2 with one line for unpaired files and out-of-range labels", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plumbline-seg-cli-"));
    mkdirSync(join(dir, "p"));
    mkdirSync(join(dir, "t"));
    writeFileSync(join(dir, "p", "a.npy"), npy([0, 1, 2, 1], [2, 2]));
    writeFileSync(join(dir, "t", "b.npy"), npy([0, 1, 1, 1], [2, 2]));
    let r = await run(["--preds", join(dir, "p"), "--target", join(dir, "t")]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("target b has no prediction");
    writeFileSync(join(dir, "t", "a.npy"), npy([0, 1, 1, 1], [2, 2]));
    writeFileSync(join(dir, "p", "b.npy"), npy([0, 1, 1, 1], [2, 2]));
    r = await run(["--preds", join(dir, "p"), "--target", join(dir, "t"), "--num-classes", "2"]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toContain("must contain integer labels in [0, 2), got 2 at index 2");
  });
});
