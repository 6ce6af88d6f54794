import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
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
    expect(r.out).toContain("4 image pairs, 4 classes (the labels present), ignore index 255");
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
    expect(r.err).toContain("must contain integer labels in [0, 2) or ignoreIndex 255, got 2 at index 2");
  });

  it("leaves 255 out by default as VOC, Cityscapes and ADE20K do, and says so (mIoU 0.8395, not 0.6633)", async () => {
    const r = await run(["--preds", join(sample, "preds"), "--target", join(sample, "target")]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/mean IoU \(dataset\)\s+0\.8395/);
    expect(r.out.split("\n").filter((l) => /^\s+\d+\s+\d/.test(l))).toHaveLength(4);
    expect(r.out).toContain(
      'note: label 255 is left out as "ignore" (the VOC, Cityscapes and ADE20K convention); pass --ignore-index none to count it as a class',
    );
    const counted = await run([
      "--preds",
      join(sample, "preds"),
      "--target",
      join(sample, "target"),
      "--ignore-index",
      "none",
      "--format",
      "csv",
    ]);
    expect(counted.out.trim().split("\n").at(-1)).toBe("255,0,0");
  });

  it("infers the classes from the labels present, not from the largest label", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plumbline-seg-cli-"));
    mkdirSync(join(dir, "p"));
    mkdirSync(join(dir, "t"));
    writeFileSync(join(dir, "p", "a.npy"), npy([0, 10000, 1, 1], [2, 2]));
    writeFileSync(join(dir, "t", "a.npy"), npy([0, 10000, 1, 0], [2, 2]));
    const r = await run(["--preds", join(dir, "p"), "--target", join(dir, "t"), "--format", "json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.num_classes).toBe(3);
    expect(json.per_class.map((c: { class: number }) => c.class)).toEqual([0, 1, 10000]);
    expect(json.per_class[2].iou).toBe(1);
    expect(Object.keys(json)).toEqual([
      "images",
      "num_classes",
      "ignore_index",
      "pixel_accuracy",
      "mean_iou",
      "frequency_weighted_iou",
      "per_class",
      "notes",
      "signatures",
    ]);
  });

  it("names a fractional label as such", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plumbline-seg-cli-"));
    mkdirSync(join(dir, "p"));
    mkdirSync(join(dir, "t"));
    writeFileSync(join(dir, "p", "a.npy"), npy([0, 1, 1, 1], [2, 2]));
    const f8 = parseNpy(npy([0, 1, 1, 1], [2, 2]));
    expect(f8.dtype).toBe("<i4");
    // A float64 .npy holding 2.5.
    const header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }";
    const padded = `${header}${" ".repeat((64 - ((10 + header.length + 1) % 64)) % 64)}\n`;
    const bytes = new Uint8Array(10 + padded.length + 32);
    bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    new DataView(bytes.buffer).setUint16(8, padded.length, true);
    bytes.set(new TextEncoder().encode(padded), 10);
    new Float64Array(bytes.buffer, 10 + padded.length, 4).set([0, 2.5, 1, 1]);
    writeFileSync(join(dir, "t", "a.npy"), bytes);
    const r = await run(["--preds", join(dir, "p"), "--target", join(dir, "t")]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `plumbline: eval segmentation: ${join(dir, "t", "a.npy")}: 2.5 at pixel 1 is not a class label (labels are integers >= 0)\n`,
    );
  });

  it("follows the CLI grammar: --metrics, --format, and one line for --emit-state mistakes", async () => {
    const base = ["--preds", join(sample, "preds"), "--target", join(sample, "target")];
    const csv = await run([...base, "--metrics", "dice", "--format", "csv"]);
    expect(csv.out.split("\n")[0]).toBe("class,dice");
    const unknown = await run([...base, "--metrics", "miou"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown metric "miou"');
    const badFormat = await run([...base, "--format", "yaml"]);
    expect(badFormat.err).toBe(
      'plumbline: eval segmentation: --format must be one of table, json, csv, got "yaml"\n',
    );
    const huge = await run([...base, "--num-classes", "1e9"]);
    expect(huge.code).toBe(2);
    expect(huge.err).toMatch(
      /^plumbline: eval segmentation: --num-classes 1000000000: meanIou: option `numClasses` = 1000000000 would need .* above the 1 GiB allocation limit/,
    );
    const noClasses = await run([...base, "--emit-state", join(tmpdir(), "s.json")]);
    expect(noClasses.err).toBe(
      "plumbline: eval segmentation: --emit-state needs --num-classes, so that every shard's states index the same classes\n",
    );
    const missing = await run([...base, "--num-classes", "4", "--emit-state", "/nonexistent-dir/s.json"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(
      "plumbline: eval segmentation: cannot write --emit-state /nonexistent-dir/s.json: folder /nonexistent-dir does not exist\n",
    );
    const folder = await run([...base, "--num-classes", "4", "--emit-state", tmpdir()]);
    expect(folder.err).toBe(
      `plumbline: eval segmentation: cannot write --emit-state ${tmpdir()}: it is a folder; give a file name\n`,
    );
    const written = join(mkdtempSync(join(tmpdir(), "plumbline-seg-cli-")), "s.json");
    const ok = await run([...base, "--num-classes", "4", "--emit-state", written]);
    expect(ok.code).toBe(0);
    // One snapshot: the public segmentation suite (a collection).
    const snapshots = JSON.parse(readFileSync(written, "utf8")).snapshots as { id: string }[];
    expect(snapshots.map((x) => x.id)).toEqual(["collection/metrics"]);
  });
});
