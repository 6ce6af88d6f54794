import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runEvalCommand } from "../../../test/support/cli.js";
import { evaluateTrec, parseTrecQrels, parseTrecRun } from "../../metrics/retrieval/trec.js";
import { register } from "./retrieval.js";

const runFile = new URL("../../../data/samples/retrieval/run.txt", import.meta.url).pathname;
const qrelsFile = new URL("../../../data/samples/retrieval/qrels.txt", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "plumbline-eval-retrieval-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const evalRetrieval = (...args: string[]) => runEvalCommand(register, "retrieval", args);

describe("plumbline eval retrieval", () => {
  const expected = evaluateTrec(
    parseTrecRun(readFileSync(runFile, "utf8")),
    parseTrecQrels(readFileSync(qrelsFile, "utf8")),
    ["map", "ndcg@10"],
  );

  it("prints the table, JSON (snake_case, one object per query) and CSV of the same numbers", async () => {
    const table = await evalRetrieval("--run", runFile, "--qrels", qrelsFile, "--metrics", "map,ndcg@10");
    expect(table.code).toBe(0);
    expect(table.out).toContain(`map            ${expected.means.map!.toFixed(4)}`);
    const json = await evalRetrieval(
      "--run",
      runFile,
      "--qrels",
      qrelsFile,
      "--metrics",
      "map,ndcg@10",
      "--format",
      "json",
      "--per-query",
    );
    const parsed = JSON.parse(json.out);
    expect(parsed.means).toEqual(expected.means);
    expect(parsed.queries).toBe(expected.queries.length);
    expect(parsed.per_query[0]).toEqual({
      query: expected.queries[0],
      ...expected.perQuery[expected.queries[0]!],
    });
    const csv = await evalRetrieval(
      "--run",
      runFile,
      "--qrels",
      qrelsFile,
      "--metrics",
      "map",
      "--format",
      "csv",
    );
    expect(csv.out).toBe(`metric,mean\nmap,${expected.means.map}\n`);
  });

  it("refuses a run with a duplicate document: one line naming the file and both lines, exit 2", async () => {
    const dup = join(dir, "dup-run.txt");
    writeFileSync(dup, "q1 Q0 d1 1 0.9 t\nq1 Q0 d2 2 0.5 t\nq1 Q0 d1 3 0.4 t\n");
    const r = await evalRetrieval("--run", dup, "--qrels", qrelsFile);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `plumbline: eval retrieval: ${dup} line 3: the run lists document "d1" for query "q1" twice (first at line 1); trec_eval refuses duplicate documents\n`,
    );
    expect(r.out).toBe("");
  });

  it("unknown metric names and formats exit 2 with the vocabulary", async () => {
    const r = await evalRetrieval("--run", runFile, "--qrels", qrelsFile, "--metrics", "mapp");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^plumbline: eval retrieval: unknown metric "mapp" \(did you mean `map`\?\); choose from map, mrr, /,
    );
    const f = await evalRetrieval("--run", runFile, "--qrels", qrelsFile, "--format", "xml");
    expect(f.code).toBe(2);
    expect(f.err).toBe('plumbline: eval retrieval: --format must be one of table, json, csv, got "xml"\n');
    const missing = await evalRetrieval("--run", join(dir, "nope.txt"), "--qrels", qrelsFile);
    expect(missing.err).toContain("cannot read");
    expect(missing.code).toBe(2);
  });

  it("the torchmetrics convention prints its means in every format", async () => {
    const r = await evalRetrieval(
      "--run",
      runFile,
      "--qrels",
      qrelsFile,
      "--metrics",
      "map",
      "--convention",
      "torchmetrics",
      "--ties",
      "average",
      "--format",
      "json",
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ convention: "torchmetrics", ties: "average" });
    const bad = await evalRetrieval("--run", runFile, "--qrels", qrelsFile, "--ties", "average");
    expect(bad.err).toBe(
      "plumbline: eval retrieval: --ties and --empty-target-action need --convention torchmetrics\n",
    );
  });
});
