import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { expectRejection } from "../../../test/support/expect-rejection.js";
import { inceptionContract } from "../inception/inception-features.js";
import { inBatches } from "./batches.js";
import { loadModel, type OnnxModel, openModel, runModel } from "./model.js";

const DATA = join(import.meta.dirname, "../../../test/data/models");
const D16 = join(DATA, "inception/tiny-inception-d6.onnx");
const contract = inceptionContract(["pool3", "logits_unbiased"]);
const howTo =
  "export pytorch-fid's or torch-fidelity's Inception-v3 with scripts/models/export_inception.py; see docs/models.md";

describe("model loading", () => {
  const loaded: OnnxModel[] = [];
  afterAll(async () => {
    for (const m of loaded) await m.release();
  });

  it("loads a model from a path or from its bytes and reads the sizes it states", async () => {
    for (const source of [D16, new Uint8Array(readFileSync(D16))]) {
      const model = await loadModel(source, { threads: 1 });
      loaded.push(model);
      const opened = await openModel("test", model, contract, {});
      expect(opened.sizes).toEqual({ features: 6, classes: 10 });
      const out = await runModel(
        "test",
        opened,
        contract,
        { images: { type: "float32", data: new Float32Array(2 * 3 * 299 * 299), dims: [2, 3, 299, 299] } },
        ["pool3", "logits_unbiased"],
        2,
      );
      expect(out.pool3!.dims).toEqual([2, 6]);
      expect(out.logits_unbiased!.dims).toEqual([2, 10]);
      // zero images give equal rows
      expect(Array.from(out.pool3!.data.slice(0, 6))).toEqual(Array.from(out.pool3!.data.slice(6)));
    }
  });

  it("runs with an injected runtime module (how plumbline/models/web takes onnxruntime-web)", async () => {
    const ort = await import("onnxruntime-node");
    const model = await loadModel(new Uint8Array(readFileSync(D16)), { runtime: ort as never, threads: 1 });
    loaded.push(model);
    expect(model.runtime).toBe(ort);
    expect(model.label).toBe(`<${readFileSync(D16).length} bytes>`);
  });

  it("refuses a missing file, bytes that are not a model and bad options", async () => {
    await expectRejection(
      () => loadModel("/nonexistent/inception.onnx"),
      "io_error",
      /^loadModel: could not load the ONNX model "\/nonexistent\/inception.onnx": .*File doesn't exist \(the user supplies the model file; see docs\/models.md\)$/,
    );
    await expectRejection(
      () => loadModel(new Uint8Array([1, 2, 3])),
      "io_error",
      "loadModel: could not load the ONNX model <3 bytes>: Failed to load model because protobuf parsing failed. (the user supplies the model file; see docs/models.md)",
    );
    await expectRejection(
      () => loadModel(D16, { thread: 1 } as never),
      "invalid_option",
      "loadModel: unknown option `thread` (did you mean `threads`?); known: `runtime`, `threads`",
    );
    await expectRejection(
      () => loadModel(D16, { threads: 0 }),
      "invalid_option",
      "loadModel: option `threads` must be an integer in [1, 1024], got 0",
    );
    await expectRejection(
      () => loadModel(D16, { runtime: {} as never }),
      "invalid_option",
      "loadModel: option `runtime` must be an ONNX Runtime module (InferenceSession and Tensor), got an object (Object)",
    );
    await expectRejection(
      () => loadModel(42 as never),
      "invalid_value",
      "loadModel: `source` must be a file path or the model's bytes, got 42",
    );
  });

  it("names what the metric expects and what the model has when they differ", async () => {
    await expectRejection(
      () => openModel("fid", join(DATA, "inception/other-names.onnx"), contract, {}),
      "invalid_option",
      `fid: model "${join(DATA, "inception/other-names.onnx")}" does not fit the Inception-v3 feature extractor: it has no input \`images\`; expected input \`images\` float32 [batch, 3, 299, 299], output \`pool3\` float32 [batch, features], output \`logits_unbiased\` float32 [batch, classes]; the model has inputs \`input.1\` float32 [n, 3, 299, 299] and outputs \`features\` float32 [n, 6], \`logits\` float32 [n, 10] (${howTo})`,
    );
    await expectRejection(
      () => openModel("fid", join(DATA, "inception/fixed-batch.onnx"), contract, {}),
      "invalid_option",
      /: its input `images` has a fixed batch size 2 \(export it with a dynamic batch axis\);/,
    );
    await expectRejection(
      () => openModel("fid", undefined, contract, {}),
      "invalid_option",
      `fid: option \`model\` is required: the Inception-v3 feature extractor (${howTo})`,
    );
    await expectRejection(
      () => openModel("fid", 7, contract, {}),
      "invalid_option",
      "fid: option `model` must be a file path, the model's bytes or a model from loadModel, got 7",
    );
  });

  it("turns a failure inside ONNX Runtime into one error naming the batch", async () => {
    const model = await loadModel(D16, { threads: 1 });
    loaded.push(model);
    const opened = await openModel("test", model, contract, {});
    await expectRejection(
      () =>
        runModel(
          "test",
          opened,
          contract,
          { images: { type: "float32", data: new Float32Array(3 * 5 * 5), dims: [1, 3, 5, 5] } },
          ["pool3"],
          1,
        ),
      "unsupported",
      /^test: model ".*tiny-inception-d6.onnx" failed on a batch \(images \[1, 3, 5, 5\]\): Got invalid dimensions for input: images/,
    );
  });
});

describe("batches", () => {
  it("covers every item once in order and reports progress after each batch", async () => {
    const seen: number[][] = [];
    const reports: number[][] = [];
    await inBatches(
      7,
      3,
      (done, total) => reports.push([done, total]),
      "test",
      async (start, end) => {
        seen.push([start, end]);
      },
    );
    expect(seen).toEqual([
      [0, 3],
      [3, 6],
      [6, 7],
    ]);
    expect(reports).toEqual([
      [3, 7],
      [6, 7],
      [7, 7],
    ]);
  });

  it("draws no bar when stderr is not a TTY and stops on errors", async () => {
    await expect(
      inBatches(4, 2, true, "test", async (start) => {
        if (start === 2) throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
  });
});
