import { describe, expect, it } from "vitest";
import { runCommand } from "../../test/support/cli.js";
import { TASKS } from "../catalog/index.js";
import { registerCatalog } from "./catalog.js";

/** Runs `plumbline <args>` in-process with the catalog commands. */
const run = (...args: string[]) => runCommand(registerCatalog, args);

describe("plumbline describe: where to import an entry's functions from", () => {
  it("names the subpath of the exports, including the model-based metrics of plumbline/models", async () => {
    const lpips = await run("describe", "models/lpips");
    expect(lpips.code).toBe(0);
    expect(lpips.out).toContain("exports      lpips (import from plumbline/models)");
    const auc = await run("describe", "classification/auroc");
    expect(auc.out.replace(/\s+/g, " ")).toContain("(import from plumbline/classification)");
    const loss = await run("describe", "depth/edge_loss", "--format", "json");
    expect(JSON.parse(loss.out)).toMatchObject({
      module: "plumbline/losses",
      exports: ["edgeLoss", "edgeLossFactory"],
    });
  });
});

describe("plumbline list", () => {
  it("aligns its columns and prints ranges with their symbols", async () => {
    const { out, code } = await run("list", "--task", "regression");
    expect(code).toBe(0);
    const lines = out.trimEnd().split("\n").slice(0, -1);
    const kindColumn = lines[0]!.indexOf("kind");
    for (const line of lines.slice(1))
      expect(line.indexOf(line.includes(" metric ") ? " metric " : " loss ") + 1).toBe(kindColumn);
    const js = lines.find((l) => l.startsWith("regression/js_divergence"))!;
    expect(js).toContain("[0, ln 2]");
    expect(out).not.toContain("0.6931471805599453");
    expect(out).toMatch(/\n\d+ entries\n$/);
  });

  it("exits 2 with the vocabulary for an unknown task or kind", async () => {
    const task = await run("list", "--task", "nope");
    expect(task.code).toBe(2);
    expect(task.out).toBe("");
    expect(task.err).toBe(`plumbline: list: unknown task "nope"; tasks: ${TASKS.join(", ")}\n`);
    const kind = await run("list", "--kind", "metrics");
    expect(kind.code).toBe(2);
    expect(kind.err).toMatch(/--kind must be one of metric, loss, weighting, got "metrics"/);
  });

  it("accepts aliases and prints JSON with snake_case keys", async () => {
    const { out, code } = await run("list", "--task", "nlp", "--kind", "loss", "--format", "json");
    expect(code).toBe(0);
    const rows = JSON.parse(out) as { id: string; tasks: string[]; properties: Record<string, unknown> }[];
    expect(rows.map((r) => r.id)).toContain("sequence/ctc_loss");
    for (const r of rows) expect(r.tasks).toContain("text");
    expect(Object.keys(rows[0]!.properties)).toContain("robust_to_outliers");
  });
});

describe("plumbline describe", () => {
  it("pretty-prints formula, range, direction, properties, survey sections, references and pairings", async () => {
    const { out, code } = await run("describe", "regression/r2_score");
    expect(code).toBe(0);
    expect(out).toContain(
      "formula      R² = 1 - (Σᵢ (yᵢ - ŷᵢ)²)/(Σᵢ (yᵢ - ȳ)²); R²_adj = 1 - (1 - R²)(n - 1)/(n - k - 1)",
    );
    expect(out).toContain("range        (-∞, 1], higher is better, best 1");
    expect(out).toMatch(/survey {7}- §2\.2\.4 Coefficient of determination R²\n {13}- §2\.2\.5 Adjusted R²/);
    expect(out).toMatch(/references {3}- .*scikit-learn/);
    expect(out).toMatch(/pairings {5}- regression\/root_mean_squared_error: /);
    expect(out).not.toContain('"formula"');
  });

  it("keeps JSON with --format json", async () => {
    const { out } = await run("describe", "classification/accuracy", "--format", "json");
    const entry = JSON.parse(out) as Record<string, unknown>;
    expect(entry.formula).toBe("\\frac{TP+TN}{TP+FP+TN+FN}");
    expect(Object.keys(entry)).toEqual(
      expect.arrayContaining(["suited_to", "misleading_under", "survey", "pairings"]),
    );
  });

  it("finds the entry from a definition id or a whole signature, as eval prints them", async () => {
    const { out, code } = await run("describe", "classification/binary_auroc");
    expect(code).toBe(0);
    expect(out.split("\n")[0]).toBe("classification/auroc — Area under the ROC curve (AUROC)");
    const signed = await run("describe", "retrieval/retrieval_ndcg|ref:torchmetrics-1.9.0|version:0.1.0");
    expect(signed.out.split("\n")[0]).toMatch(/^retrieval\/ndcg — /);
  });

  it("exits 2 for an unknown id with a suggestion", async () => {
    const { err, code } = await run("describe", "classification/acuracy");
    expect(code).toBe(2);
    expect(err).toContain("did you mean `classification/accuracy`?");
  });
});

describe("plumbline recommend and traits", () => {
  it("prints the advice as JSON in the issue's shape (pairs_with, as every CLI JSON key is snake_case)", async () => {
    const { out, code } = await run(
      "recommend",
      "--task",
      "classification",
      "--traits",
      "imbalanced",
      "--format",
      "json",
    );
    expect(code).toBe(0);
    const rec = JSON.parse(out) as {
      task: string;
      traits: string[];
      metrics: { id: string; why: string }[];
      losses: { id: string; why: string; pairs_with: string[] }[];
      avoid: { id: string; why: string }[];
    };
    expect(Object.keys(rec)).toEqual(["task", "traits", "metrics", "losses", "avoid"]);
    expect(rec.task).toBe("classification");
    expect(rec.traits).toEqual(["imbalanced"]);
    expect(rec.metrics[0]!.id).toBe("classification/average_precision");
    expect(Object.keys(rec.losses[0]!)).toEqual(["id", "why", "pairs_with"]);
    expect(rec.avoid[0]!.id).toBe("classification/accuracy");
  });

  it("prints a ranked table with reasons and the avoid list", async () => {
    const { out } = await run("recommend", "--task", "regression", "--traits", "outliers");
    expect(out).toMatch(
      /^recommend: regression, traits outliers\n\nmetrics \(best first\)\n {3}1\. regression\/mean_absolute_error/,
    );
    expect(out).toMatch(/avoid\n {3}- regression\/mse_loss: squared errors/);
  });

  it("exits 2 with the vocabulary for an unknown trait, and when --task is missing", async () => {
    const trait = await run("recommend", "--task", "classification", "--traits", "nope");
    expect(trait.code).toBe(2);
    expect(trait.err).toBe(
      'plumbline: recommend: unknown trait "nope" for task classification; traits of classification: imbalanced, calibration, noisy-labels, multilabel, cost-sensitive, threshold-free, many-classes, fairness\n',
    );
    const missing = await run("recommend");
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--task is required/);
  });

  it("prints the vocabulary with --list-traits and with `traits`", async () => {
    const all = await run("recommend", "--list-traits");
    for (const task of TASKS)
      expect(all.out).toContain(`\n${task} — `.slice(all.out.startsWith(task) ? 1 : 0));
    const depth = await run("traits", "--task", "depth", "--format", "csv");
    expect(depth.out.split("\n")[0]).toBe("task,trait,description");
    expect(depth.out).toContain("depth,scale-ambiguity,");
  });
});
