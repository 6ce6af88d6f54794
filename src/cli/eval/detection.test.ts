import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { runEvalCommand } from "../../../test/support/cli.js";
import { register } from "./detection.js";

const sample = fileURLToPath(new URL("../../../data/samples/detection/", import.meta.url));

const run = (args: string[]) => runEvalCommand(register, "detection", args);

afterEach(() => {
  process.exitCode = 0;
});

describe("plumbline eval detection", () => {
  it("prints the COCO summary and per-class AP for the sample (pycocotools: AP 0.307, AP50 0.605)", async () => {
    const r = await run(["--gt", join(sample, "instances.json"), "--preds", join(sample, "results.json")]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      " Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.307",
    );
    expect(r.out).toContain(
      " Average Precision  (AP) @[ IoU=0.50      | area=   all | maxDets=100 ] = 0.605",
    );
    expect(r.out).toMatch(/person\s+1\s+0\.3232/);
  });
  it("exits 2 with one line for malformed JSON, unknown ids, missing keys and degenerate boxes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plumbline-det-cli-"));
    const files: Record<string, string> = {
      bad: "{bad",
      unknown: JSON.stringify([{ image_id: 999, category_id: 1, bbox: [0, 0, 1, 1], score: 1 }]),
      missing: JSON.stringify([{ image_id: 1, bbox: [0, 0, 1, 1], score: 1 }]),
      degenerate: JSON.stringify([{ image_id: 1, category_id: 1, bbox: [0, 0, -1, 1], score: 1 }]),
    };
    const expected: Record<string, string> = {
      bad: "is not valid JSON",
      unknown: "results[0].image_id 999 is not in groundTruth.images",
      missing: 'results[0] is missing the key "category_id"',
      degenerate: "bbox is degenerate",
    };
    for (const [name, text] of Object.entries(files)) {
      const path = join(dir, `${name}.json`);
      writeFileSync(path, text);
      const r = await run(["--gt", join(sample, "instances.json"), "--preds", path]);
      expect(r.code, name).toBe(2);
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(r.err).toContain(expected[name]);
    }
  });

  it("follows the CLI grammar: --format json (snake_case keys) and csv, --metrics, --emit-state mistakes", async () => {
    const base = ["--gt", join(sample, "instances.json"), "--preds", join(sample, "results.json")];
    const json = JSON.parse(
      (await run([...base, "--format", "json", "--metrics", "ap,ap_50,ar_100,per_class"])).out,
    );
    expect(Object.keys(json)).toEqual(["iou_type", "stats", "stat_labels", "per_class", "signatures"]);
    expect(Object.keys(json.stats)).toEqual(["ap", "ap_50", "ar_100"]);
    expect(json.stats.ap_50).toBeCloseTo(0.605, 3);
    expect(Object.keys(json.per_class[0])).toEqual(["category_id", "name", "ap", "ar"]);
    const csv = (await run([...base, "--format", "csv", "--metrics", "ap"])).out.trim().split("\n");
    expect(csv[0]).toBe("metric,category_id,name,value,signature");
    expect(csv).toHaveLength(2);
    const table = await run([...base, "--metrics", "ap_75"]);
    // The summary row, then the signature of the evaluation.
    const lines = table.out.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^signature bbox: detection\/coco_map\|/);
    const unknown = await run([...base, "--metrics", "map"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown metric "map"');
    const missing = await run([...base, "--emit-state", "/nonexistent-dir/state.json"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(
      "plumbline: eval detection: cannot write --emit-state /nonexistent-dir/state.json: folder /nonexistent-dir does not exist\n",
    );
    const folder = await run([...base, "--emit-state", tmpdir()]);
    expect(folder.code).toBe(2);
    expect(folder.err).toBe(
      `plumbline: eval detection: cannot write --emit-state ${tmpdir()}: it is a folder; give a file name\n`,
    );
  });

  it("answers a polygon with a 1e9 coordinate and a 1e9 x 1e9 image with one line, exit 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plumbline-det-cli-"));
    const gt = (size: number, polygon: number[]) => ({
      images: [{ id: 1, height: size, width: size }],
      categories: [{ id: 1 }],
      annotations: [
        {
          id: 1,
          image_id: 1,
          category_id: 1,
          segmentation: [polygon],
          area: 10,
          bbox: [0, 0, 10, 10],
          iscrowd: 0,
        },
      ],
    });
    writeFileSync(join(dir, "big-coordinate.json"), JSON.stringify(gt(100, [0, 0, 1e9, 0, 1e9, 1e9])));
    writeFileSync(join(dir, "big-image.json"), JSON.stringify(gt(1e9, [0, 0, 10, 0, 10, 10])));
    writeFileSync(
      join(dir, "res.json"),
      JSON.stringify([{ image_id: 1, category_id: 1, segmentation: [[0, 0, 10, 0, 10, 10]], score: 0.5 }]),
    );
    const expected: Record<string, string> = {
      "big-coordinate": "must contain finite coordinates within ±429496728, got 1000000000 at index 2",
      "big-image":
        "`image 1: height x width` must be [height, width] with non-negative integers and at most 2^32 - 1 pixels",
    };
    for (const [name, message] of Object.entries(expected)) {
      const r = await run([
        "--gt",
        join(dir, `${name}.json`),
        "--preds",
        join(dir, "res.json"),
        "--iou-type",
        "segm",
      ]);
      expect(r.code, name).toBe(2);
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(r.err).toContain(message);
    }
  });
});
