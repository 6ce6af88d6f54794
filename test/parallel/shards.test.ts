import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { parquetWriteBuffer } from "hyparquet-writer";
import { describe, expect, it } from "vitest";
import { isPlumblineError } from "../../src/core/errors.js";
import { openNumericTable } from "../../src/io/open.js";
import type { TableFormat } from "../../src/io/table.js";
import { readShard } from "../../src/parallel/shard-reader.js";
import { planShards, type ShardedInput } from "../../src/parallel/shards.js";

const dir = mkdtempSync(join(tmpdir(), "plumbline-shards-"));
let files = 0;

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, `${files++}-${name}`);
  writeFileSync(path, content);
  return path;
}

function input(
  path: string,
  format: TableFormat,
  columns: string[],
  extra: Partial<ShardedInput> = {},
): ShardedInput {
  return { path, format, header: "auto", columns, predsColumns: 1, ...extra };
}

/** Every row of every shard, in shard order, as [preds..., target...] arrays. */
async function shardRows(sharded: ShardedInput, count: number) {
  const plan = await planShards(sharded, { fn: "test", count });
  if (plan === undefined) throw new Error("not shardable");
  const rows: number[][] = [];
  for (const shard of plan.shards)
    for await (const batch of readShard("test", plan.input, shard))
      for (let r = 0; r < batch.rows; r++) rows.push([...batch.preds, ...batch.target].map((c) => c[r]!));
  return { rows, plan };
}

/** The rows the ordinary whole-file reader gives. */
async function wholeRows(sharded: ShardedInput) {
  const reader = await openNumericTable(sharded.path, {
    fn: "test",
    format: sharded.format,
    header: sharded.header,
    comment: sharded.comment,
    columns: sharded.columns,
  });
  const rows: number[][] = [];
  for await (const batch of reader.batches())
    for (let r = 0; r < batch.rows; r++) rows.push(batch.columns.map((c) => c[r]!));
  return rows;
}

describe("planShards and readShard", () => {
  it("split a CSV with a header into byte ranges at line starts that cover its data once", async () => {
    const text = `score,label\n${Array.from({ length: 50 }, (_, i) => `${i / 50},${i % 2}`).join("\n")}\n`;
    const path = file("a.csv", text);
    const sharded = input(path, "csv", ["score", "label"]);
    const { rows, plan } = await shardRows(sharded, 4);
    expect(plan.input.header).toBe("yes");
    expect(plan.shards).toHaveLength(4);
    const headerEnd = "score,label\n".length;
    let at = headerEnd;
    for (const shard of plan.shards) {
      expect(shard.bytes![0]).toBe(at);
      expect(shard.headerEnd).toBe(headerEnd);
      expect(text[shard.bytes![0] - 1]).toBe("\n");
      expect(shard.label).toBe(`${path.split("/").pop()}:bytes ${shard.bytes![0]}-${shard.bytes![1]}`);
      at = shard.bytes![1];
    }
    expect(at).toBe(text.length);
    expect(rows).toEqual(await wholeRows(sharded));
    // The same file always gives the same shards (their labels are shard identities).
    expect((await planShards(sharded, { fn: "test", count: 4 }))!.shards).toEqual(plan.shards);
  });

  it("equal the whole-file reader on any CSV/TSV/JSONL content, line endings, blank lines and comments", async () => {
    const row = fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 1 }));
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 0, maxLength: 60 }),
        fc.constantFrom("csv", "tsv", "jsonl", "headerless", "bom"),
        fc.constantFrom("\n", "\r\n"),
        fc.integer({ min: 1, max: 9 }),
        fc.array(fc.nat(70), { maxLength: 4 }),
        async (rows, kind, eol, count, blanks) => {
          const sep = kind === "tsv" ? "\t" : ",";
          const lines =
            kind === "jsonl"
              ? rows.map(([s, l]) => JSON.stringify({ s: s / 8, l }))
              : rows.map(([s, l]) => `${s / 8}${sep}${l}`);
          for (const b of blanks) lines.splice(Math.min(b, lines.length), 0, b % 2 ? "" : "# note");
          if (kind === "jsonl")
            for (let i = lines.length - 1; i >= 0; i--) if (lines[i] === "# note") lines[i] = "";
          const head = kind === "jsonl" || kind === "headerless" ? [] : [`s${sep}l`];
          const body = [...head, ...lines].join(eol) + (rows.length % 2 ? eol : "");
          const text = kind === "bom" ? `\ufeff${body}` : body;
          if (kind !== "jsonl" && kind !== "headerless" && rows.length === 0) return;
          if (kind === "headerless" && rows.length === 0) return;
          const format: TableFormat = kind === "tsv" ? "tsv" : kind === "jsonl" ? "jsonl" : "csv";
          const columns = kind === "headerless" ? ["0", "1"] : kind === "jsonl" ? ["s", "l"] : ["s", "l"];
          const sharded = input(file(`p.${format}`, text), format, columns, { comment: "#" });
          if (kind === "jsonl") delete (sharded as { comment?: string }).comment;
          const whole = await wholeRows(sharded).catch((e: unknown) => e);
          if (!Array.isArray(whole)) return; // inputs the reader refuses (JSONL with no rows)
          expect((await shardRows(sharded, count)).rows).toEqual(whole);
        },
      ),
      { numRuns: 120 },
    );
  });

  it("read a headerless CSV from byte 0 with positional names", async () => {
    const path = file("b.csv", "0.5,1\n0.25,0\n0.75,1\n");
    const sharded = input(path, "csv", ["0", "1"]);
    const { rows, plan } = await shardRows(sharded, 2);
    expect(plan.input.header).toBe("no");
    expect(plan.shards[0]!.bytes![0]).toBe(0);
    expect(plan.shards[0]!.headerEnd).toBeUndefined();
    expect(rows).toEqual([
      [0.5, 1],
      [0.25, 0],
      [0.75, 1],
    ]);
  });

  it("split Parquet at row-group boundaries", async () => {
    const n = 10;
    const bytes = parquetWriteBuffer({
      columnData: [
        { name: "score", data: Float64Array.from({ length: n }, (_, i) => i / n), type: "DOUBLE" },
        { name: "label", data: Int32Array.from({ length: n }, (_, i) => i % 2), type: "INT32" },
      ],
      rowGroupSize: 3,
    });
    const path = file("c.parquet", Buffer.from(bytes));
    const sharded = input(path, "parquet", ["score", "label"]);
    const { rows, plan } = await shardRows(sharded, 2);
    expect(plan.shards.map((s) => s.rows)).toEqual([
      [0, 6],
      [6, 10],
    ]);
    expect(plan.shards.map((s) => s.label)).toEqual([
      `${path.split("/").pop()}:rows 0-6`,
      `${path.split("/").pop()}:rows 6-10`,
    ]);
    expect(rows).toEqual(await wholeRows(sharded));
  });

  it("do not split JSON arrays, Arrow, or a CSV whose header is quoted", async () => {
    expect(
      await planShards(input(file("d.json", "[[1,0]]"), "json", ["0", "1"]), { fn: "t", count: 2 }),
    ).toBeUndefined();
    const quoted = file("e.csv", '"s","l"\n0.5,1\n');
    expect(await planShards(input(quoted, "csv", ["s", "l"]), { fn: "t", count: 2 })).toBeUndefined();
  });

  it("make fewer shards than asked when the ranges would be smaller than minBytes", async () => {
    const path = file("f.csv", `s,l\n${"0.5,1\n".repeat(1000)}`);
    const plan = await planShards(input(path, "csv", ["s", "l"]), { fn: "t", count: 8, minBytes: 2000 });
    expect(plan!.shards).toHaveLength(3);
  });

  it("refuse a record whose quoted field spans lines instead of misreading it", async () => {
    const text = `s,l\n${"0.5,1\n".repeat(20)}"0.\n5",1\n${"0.5,0\n".repeat(20)}`;
    const path = file("g.csv", text);
    const plan = (await planShards(input(path, "csv", ["s", "l"]), { fn: "t", count: 2 }))!;
    const cut = text.indexOf('"0.\n') + 4;
    const shards = [
      { label: "a", bytes: [plan.shards[0]!.bytes![0], cut] as const, headerEnd: 4 },
      { label: "b", bytes: [cut, text.length] as const, headerEnd: 4 },
    ];
    const error = await (async () => {
      for await (const _ of readShard("t", plan.input, shards[0]!));
    })().catch((e: unknown) => e);
    expect(isPlumblineError(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /\[bytes 4-\d+\] line 22, column 1 \("s"\): a quoted field is never closed/,
    );
    expect(readFileSync(path, "utf8")).toBe(text);
  });
});
