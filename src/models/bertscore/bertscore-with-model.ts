import { describeValue, fail } from "../../core/errors.js";
import { assertAllocation } from "../../core/limits.js";
import { optBoolean, optInteger, optionNames, readOptions } from "../../core/options.js";
import { type BertScoreBaseline, type BertScoreScore, greedyMatch } from "../../metrics/text/index.js";
import { inBatches, type ProgressOption, readProgress } from "../runtime/batches.js";
import type { ModelContract } from "../runtime/contract.js";
import { type ModelSource, type OpenedModel, openModel, runModel } from "../runtime/model.js";
import type { OrtModule } from "../runtime/ort.js";
import type { Tokenizer } from "../tokenizers/tokenizer.js";

/**
 * The encoder BERTScore expects (docs/models.md): a BERT-family model cut to the layer
 * bert_score uses (`num_layers`), inputs `input_ids` and `attention_mask` int64
 * `[batch, sequence]` (and `token_type_ids`, fed with zeros, when the model has it), output
 * `last_hidden_state` float32 `[batch, sequence, hidden]`.
 */
export const BERTSCORE_CONTRACT: ModelContract = {
  title: "BERTScore encoder (a BERT-family model cut to its scoring layer)",
  inputs: {
    input_ids: { type: "int64", dims: ["batch", "sequence"] },
    attention_mask: { type: "int64", dims: ["batch", "sequence"] },
  },
  optionalInputs: { token_type_ids: { type: "int64", dims: ["batch", "sequence"] } },
  outputs: { last_hidden_state: { type: "float32", dims: ["batch", "sequence", "hidden"] } },
  howTo:
    "export it with scripts/models/export_bertscore.py, which cuts it to bert_score's layer; see docs/models.md",
};

/** Options of {@link bertScoreWithModel}. */
export interface BertScoreWithModelOptions {
  /** The encoder (ONNX) cut to the scoring layer: a file path, its bytes, or a model from `loadModel` (required). */
  readonly model?: ModelSource;
  /** The model's tokenizer: `wordPieceTokenizer` (BERT) or `byteLevelBpeTokenizer` (RoBERTa), required. */
  readonly tokenizer?: Tokenizer;
  /** Weight tokens by their inverse document frequency over the references (bert_score's `idf=True`); default false. */
  readonly idf?: boolean;
  /**
   * Rescale with these baselines, `(s - b) / (1 - b)` per component (bert_score's
   * `rescale_with_baseline`; read a bert_score baseline file with `readBertScoreBaseline`); default none.
   */
  readonly baseline?: BertScoreBaseline;
  /** Sentences per model run; default 64 (bert_score's). */
  readonly batchSize?: number;
  /** Progress: `true` for a bar on a TTY, or a `(done, total)` callback; default none. */
  readonly progress?: ProgressOption;
  /** ONNX Runtime module; default `onnxruntime-node` in Node. */
  readonly runtime?: OrtModule;
  /** ONNX Runtime intra-op threads when plumbline loads the model; default the runtime's choice. */
  readonly threads?: number;
}

const OPTIONS = optionNames<BertScoreWithModelOptions>()(
  "model",
  "tokenizer",
  "idf",
  "baseline",
  "batchSize",
  "progress",
  "runtime",
  "threads",
);

/** BERTScore per candidate (the best over its references, per component) and the means. */
export interface BertScoreWithModelResult {
  readonly precision: readonly number[];
  readonly recall: readonly number[];
  readonly f1: readonly number[];
  readonly mean: BertScoreScore;
}

function checkBaseline(fn: string, baseline: unknown): BertScoreBaseline | undefined {
  if (baseline === undefined) return undefined;
  const b = baseline as Partial<BertScoreBaseline> | null;
  for (const key of ["precision", "recall", "f1"] as const) {
    const v = b?.[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v >= 1)
      fail(
        "invalid_option",
        `${fn}: \`baseline.${key}\` must be a finite number below 1, got ${describeValue(v)}`,
      );
  }
  return b as BertScoreBaseline;
}

/**
 * Token embeddings of every distinct sentence (the encoder's last hidden state, special tokens
 * included), in batches padded with the tokenizer's pad id and masked.
 */
async function embedSentences(
  fn: string,
  sentences: readonly string[],
  ids: ReadonlyMap<string, number[]>,
  opened: OpenedModel,
  batchSize: number,
  progress: ProgressOption,
  padId: number,
): Promise<Map<string, number[][]>> {
  const out = new Map<string, number[][]>();
  // longest first, as bert_score orders them, so padding stays small
  const order = [...sentences].sort((a, b) => ids.get(b)!.length - ids.get(a)!.length);
  await inBatches(order.length, batchSize, progress, "BERTScore", async (start, end) => {
    const batch = order.slice(start, end);
    const length = batch.reduce((m, s) => Math.max(m, ids.get(s)!.length), 0);
    const hidden = opened.sizes.hidden ?? 0;
    assertAllocation(
      fn,
      `a batch of ${batch.length} x ${length} token embeddings`,
      batch.length * length * Math.max(hidden, 1) * 4,
    );
    const inputIds = new BigInt64Array(batch.length * length).fill(BigInt(padId));
    const mask = new BigInt64Array(batch.length * length);
    batch.forEach((s, b) => {
      ids.get(s)!.forEach((id, k) => {
        inputIds[b * length + k] = BigInt(id);
        mask[b * length + k] = 1n;
      });
    });
    const dims = [batch.length, length];
    const { last_hidden_state } = await runModel(
      fn,
      opened,
      BERTSCORE_CONTRACT,
      {
        input_ids: { type: "int64", data: inputIds, dims },
        attention_mask: { type: "int64", data: mask, dims },
      },
      ["last_hidden_state"],
      batch.length,
    );
    const { data, dims: outDims } = last_hidden_state!;
    const width = outDims[2]!;
    batch.forEach((s, b) => {
      const rows: number[][] = [];
      for (let k = 0; k < ids.get(s)!.length; k++) {
        const offset = (b * length + k) * width;
        rows.push(Array.from(data.subarray(offset, offset + width)));
      }
      out.set(s, rows);
    });
  });
  return out;
}

/**
 * BERTScore (Zhang et al. 2020) with a user-supplied BERT-family encoder (ONNX, cut to the
 * scoring layer) and its local vocabulary, following bert_score 0.3.13's `score`: sentences are
 * stripped and encoded with the special tokens (`[CLS] ... [SEP]`, `<s> ... </s>`; an empty
 * sentence is just those two), embedded by the encoder, and each candidate-reference pair is
 * greedily matched on cosine similarity (plumbline/text's `greedyMatch`; the special tokens take
 * part in the matching with weight 0). Weights are 1, or with `idf` the inverse document frequency
 * `ln((M + 1) / (df + 1))` of each token id over the M references (`ln(M + 1)` for unseen ids; the
 * special tokens, in every reference, get 0). With several references a candidate keeps the best
 * P, R and F1 separately; `baseline` then rescales `(s - b) / (1 - b)`.
 *
 * Equal to bert_score on the same model and tokenizer with `batch_size=1`. With larger batches
 * bert_score zeroes the similarities of padded positions, so a token whose best cosine is negative
 * scores 0 there; plumbline takes the best over real tokens. A pair where a side has zero total
 * weight scores 0 for P, R and F1 (bert_score reports NaN precision for a candidate whose tokens
 * all have idf 0).
 *
 * @example await bertScoreWithModel(cands, refs, { model: "roberta-large-L17.onnx", tokenizer, idf: true, baseline })
 */
export async function bertScoreWithModel(
  candidates: readonly string[],
  references: readonly (string | readonly string[])[],
  options: BertScoreWithModelOptions,
): Promise<BertScoreWithModelResult> {
  const fn = "bertScoreWithModel";
  const o = readOptions<BertScoreWithModelOptions>(fn, options, OPTIONS);
  const tokenizer = o.tokenizer as Partial<Tokenizer> | undefined;
  if (tokenizer === undefined)
    fail(
      "invalid_option",
      `${fn}: option \`tokenizer\` is required: the encoder's tokenizer (wordPieceTokenizer or byteLevelBpeTokenizer)`,
    );
  if (
    typeof tokenizer !== "object" ||
    tokenizer === null ||
    (tokenizer.kind !== "wordpiece" && tokenizer.kind !== "byte-level-bpe") ||
    typeof tokenizer.encode !== "function"
  )
    fail(
      "invalid_option",
      `${fn}: option \`tokenizer\` must be a WordPiece or byte-level BPE tokenizer, got ${describeValue(tokenizer)}`,
    );
  const t = tokenizer as Tokenizer;
  const idf = optBoolean(fn, "idf", o.idf, false);
  const baseline = checkBaseline(fn, o.baseline);
  const batchSize = optInteger(fn, "batchSize", o.batchSize, 64, { min: 1, max: 1_000_000 });
  const progress = readProgress(fn, o.progress);
  const threads = optInteger(fn, "threads", o.threads, undefined, { min: 1, max: 1024 });

  if (!Array.isArray(candidates) || !candidates.every((c) => typeof c === "string"))
    fail(
      "invalid_value",
      `${fn}: \`candidates\` must be an array of strings, got ${describeValue(candidates)}`,
    );
  if (!Array.isArray(references) || references.length !== candidates.length)
    fail(
      "shape_mismatch",
      `${fn}: \`references\` must have one entry per candidate, got ${Array.isArray(references) ? references.length : describeValue(references)} for ${candidates.length} candidates`,
    );
  const groups = references.map((r, i) => {
    const group = typeof r === "string" ? [r] : r;
    if (!Array.isArray(group) || group.length === 0 || !group.every((x) => typeof x === "string"))
      fail(
        "invalid_value",
        `${fn}: \`references\` must hold strings or non-empty string arrays, got ${describeValue(r)} at index ${i}`,
      );
    return group as readonly string[];
  });
  if (candidates.length === 0) fail("empty_input", `${fn}: no candidates`);

  const ids = new Map<string, number[]>();
  for (const s of [...candidates, ...groups.flat()]) if (!ids.has(s)) ids.set(s, t.encode(s));
  const special = new Set([t.startId, t.endId]);
  let weight: (id: number) => number = (id) => (special.has(id) ? 0 : 1);
  if (idf) {
    const flat = groups.flat();
    const df = new Map<number, number>();
    for (const r of flat) for (const id of new Set(ids.get(r)!)) df.set(id, (df.get(id) ?? 0) + 1);
    weight = (id) => Math.log((flat.length + 1) / ((df.get(id) ?? 0) + 1));
  }

  const opened = await openModel(fn, o.model, BERTSCORE_CONTRACT, { runtime: o.runtime, threads });
  let embeddings: Map<string, number[][]>;
  try {
    embeddings = await embedSentences(fn, [...ids.keys()], ids, opened, batchSize, progress, t.padId);
  } finally {
    await opened.close();
  }

  const rescale = (s: number, b: number | undefined) => (b === undefined ? s : (s - b) / (1 - b));
  const precision: number[] = [];
  const recall: number[] = [];
  const f1: number[] = [];
  candidates.forEach((cand, i) => {
    let best: BertScoreScore | undefined;
    for (const ref of groups[i]!) {
      const s = greedyMatch(embeddings.get(cand)!, embeddings.get(ref)!, {
        candidate: ids.get(cand)!.map(weight),
        reference: ids.get(ref)!.map(weight),
      });
      best =
        best === undefined
          ? s
          : {
              precision: Math.max(best.precision, s.precision),
              recall: Math.max(best.recall, s.recall),
              f1: Math.max(best.f1, s.f1),
            };
    }
    precision.push(rescale(best!.precision, baseline?.precision));
    recall.push(rescale(best!.recall, baseline?.recall));
    f1.push(rescale(best!.f1, baseline?.f1));
  });
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  return { precision, recall, f1, mean: { precision: mean(precision), recall: mean(recall), f1: mean(f1) } };
}

/**
 * The baseline of one layer from a bert_score rescale file (`rescale_baseline/<lang>/<model>.tsv`:
 * a `LAYER,P,R,F` header, then one comma-separated row per layer; bert_score reads the row at
 * index `num_layers`).
 */
export function readBertScoreBaseline(text: string, layer: number): BertScoreBaseline {
  const fn = "readBertScoreBaseline";
  if (typeof text !== "string")
    fail("invalid_value", `${fn}: \`text\` must be the baseline file's text, got ${describeValue(text)}`);
  if (!Number.isInteger(layer) || layer < 0)
    fail("invalid_value", `${fn}: \`layer\` must be a non-negative integer, got ${describeValue(layer)}`);
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = lines[0]?.split(",").map((h) => h.trim());
  if (header?.join(",") !== "LAYER,P,R,F")
    fail(
      "invalid_value",
      `${fn}: a bert_score baseline starts with the header LAYER,P,R,F, got ${describeValue(lines[0])}`,
    );
  const row = lines[1 + layer];
  if (row === undefined)
    fail(
      "invalid_value",
      `${fn}: the baseline has ${lines.length - 1} layers (0 to ${lines.length - 2}), not layer ${layer}`,
    );
  const [, p, r, f] = row.split(",").map(Number);
  const baseline = { precision: p!, recall: r!, f1: f! };
  return checkBaseline(fn, baseline)!;
}
