import { type MatrixInput, toFloat64, toMatrix } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";
import { assertNumberOption, assertOneOf } from "../../core/validate.js";
import type { MetricMeta } from "../../metric.js";

/**
 * Box operations with torchvision 0.26 parity (`torchvision.ops`): format conversion, pairwise
 * IoU, GIoU, DIoU and CIoU matrices, NMS and batched NMS. Boxes are N x 4 matrices
 * (`number[][]`, `{ data, rows, cols }` or a rank-2 tensor); torchvision's format is xyxy.
 */

/** Box layouts: corners (xyxy), corner + size (xywh, COCO JSON), centre + size (cxcywh). */
export type BoxFormat = "xyxy" | "xywh" | "cxcywh";

const formats: readonly BoxFormat[] = ["xyxy", "xywh", "cxcywh"];

export const boxIouMeta: MetricMeta = {
  id: "detection/box_iou",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchvision-0.26"],
};

export const generalizedBoxIouMeta: MetricMeta = {
  id: "detection/generalized_box_iou",
  range: [-1, 1],
  direction: "higher",
  conventions: ["torchvision-0.26"],
};

export const distanceBoxIouMeta: MetricMeta = {
  id: "detection/distance_box_iou",
  range: [-1, 1],
  direction: "higher",
  conventions: ["torchvision-0.26"],
};

export const completeBoxIouMeta: MetricMeta = {
  id: "detection/complete_box_iou",
  range: [-1.5, 1],
  direction: "higher",
  conventions: ["torchvision-0.26"],
};

export const nmsMeta: MetricMeta = {
  id: "detection/nms",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "none",
  conventions: ["torchvision-0.26"],
};

/** Reads an N x 4 box matrix, checking the column count and finiteness. */
export function readBoxes(boxes: MatrixInput, fn: string, arg: string): Float64Array {
  const m = toMatrix(boxes, fn, arg);
  if (m.rows > 0 && m.cols !== 4)
    fail("shape_mismatch", `${fn}: \`${arg}\` must have 4 columns, got ${m.cols}`);
  for (let i = 0; i < m.data.length; i++) {
    if (!Number.isFinite(m.data[i]!))
      fail(
        "invalid_value",
        `${fn}: \`${arg}\` must be finite, got ${describeValue(m.data[i])} at [${Math.floor(i / 4)}][${i % 4}]`,
      );
  }
  return m.data;
}

function toRows(data: Float64Array): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < data.length; i += 4) out.push([data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!]);
  return out;
}

/** Converts flat boxes between formats (in place into a new array), as torchvision `box_convert`. */
export function convertFlatBoxes(data: Float64Array, from: BoxFormat, to: BoxFormat): Float64Array {
  if (from === to) return data.slice();
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i += 4) {
    let x1 = data[i]!;
    let y1 = data[i + 1]!;
    let x2: number;
    let y2: number;
    if (from === "xywh") {
      x2 = x1 + data[i + 2]!;
      y2 = y1 + data[i + 3]!;
    } else if (from === "cxcywh") {
      const cx = x1;
      const cy = y1;
      const w = data[i + 2]!;
      const h = data[i + 3]!;
      x1 = cx - 0.5 * w;
      y1 = cy - 0.5 * h;
      x2 = cx + 0.5 * w;
      y2 = cy + 0.5 * h;
    } else {
      x2 = data[i + 2]!;
      y2 = data[i + 3]!;
    }
    if (to === "xyxy") {
      out[i] = x1;
      out[i + 1] = y1;
      out[i + 2] = x2;
      out[i + 3] = y2;
    } else if (to === "xywh") {
      out[i] = x1;
      out[i + 1] = y1;
      out[i + 2] = x2 - x1;
      out[i + 3] = y2 - y1;
    } else {
      out[i] = (x1 + x2) / 2;
      out[i + 1] = (y1 + y2) / 2;
      out[i + 2] = x2 - x1;
      out[i + 3] = y2 - y1;
    }
  }
  return out;
}

/**
 * Converts boxes between `xyxy`, `xywh` and `cxcywh` (torchvision `box_convert`; when both
 * formats differ from xyxy the conversion goes through xyxy, as torchvision does).
 * @example boxConvert([[10, 10, 20, 30]], "xywh", "xyxy") // [[10, 10, 30, 40]]
 */
export function boxConvert(boxes: MatrixInput, inFormat: BoxFormat, outFormat: BoxFormat): number[][] {
  assertOneOf(inFormat, formats, "boxConvert", "inFormat");
  assertOneOf(outFormat, formats, "boxConvert", "outFormat");
  const data = readBoxes(boxes, "boxConvert", "boxes");
  return toRows(convertFlatBoxes(data, inFormat, outFormat));
}

/** Area of xyxy boxes, (x2 - x1) * (y2 - y1) as torchvision `box_area`. */
export function boxArea(boxes: MatrixInput): number[] {
  const b = readBoxes(boxes, "boxArea", "boxes");
  const out: number[] = [];
  for (let i = 0; i < b.length; i += 4) out.push((b[i + 2]! - b[i]!) * (b[i + 3]! - b[i + 1]!));
  return out;
}

type PairKernel = (a: Float64Array, i: number, b: Float64Array, j: number) => number;

function pairwise(fn: string, boxes1: MatrixInput, boxes2: MatrixInput, kernel: PairKernel): number[][] {
  const a = readBoxes(boxes1, fn, "boxes1");
  const b = readBoxes(boxes2, fn, "boxes2");
  const out: number[][] = [];
  for (let i = 0; i < a.length; i += 4) {
    const row = new Array<number>(b.length / 4);
    for (let j = 0; j < b.length; j += 4) row[j / 4] = kernel(a, i, b, j);
    out.push(row);
  }
  return out;
}

function interUnion(a: Float64Array, i: number, b: Float64Array, j: number): [number, number] {
  const area1 = (a[i + 2]! - a[i]!) * (a[i + 3]! - a[i + 1]!);
  const area2 = (b[j + 2]! - b[j]!) * (b[j + 3]! - b[j + 1]!);
  const w = Math.max(Math.min(a[i + 2]!, b[j + 2]!) - Math.max(a[i]!, b[j]!), 0);
  const h = Math.max(Math.min(a[i + 3]!, b[j + 3]!) - Math.max(a[i + 1]!, b[j + 1]!), 0);
  const inter = w * h;
  return [inter, area1 + area2 - inter];
}

const iouKernel: PairKernel = (a, i, b, j) => {
  const [inter, union] = interUnion(a, i, b, j);
  return inter / union;
};

const giouKernel: PairKernel = (a, i, b, j) => {
  const [inter, union] = interUnion(a, i, b, j);
  const iou = inter / union;
  const w = Math.max(Math.max(a[i + 2]!, b[j + 2]!) - Math.min(a[i]!, b[j]!), 0);
  const h = Math.max(Math.max(a[i + 3]!, b[j + 3]!) - Math.min(a[i + 1]!, b[j + 1]!), 0);
  const area = w * h;
  return iou - (area - union) / area;
};

const EPS = 1e-7;

function diouParts(a: Float64Array, i: number, b: Float64Array, j: number): [number, number] {
  const iou = iouKernel(a, i, b, j);
  const w = Math.max(Math.max(a[i + 2]!, b[j + 2]!) - Math.min(a[i]!, b[j]!), 0);
  const h = Math.max(Math.max(a[i + 3]!, b[j + 3]!) - Math.min(a[i + 1]!, b[j + 1]!), 0);
  const diagonal = w ** 2 + h ** 2 + EPS;
  const dx = (a[i]! + a[i + 2]!) / 2 - (b[j]! + b[j + 2]!) / 2;
  const dy = (a[i + 1]! + a[i + 3]!) / 2 - (b[j + 1]! + b[j + 3]!) / 2;
  return [iou - (dx ** 2 + dy ** 2) / diagonal, iou];
}

const diouKernel: PairKernel = (a, i, b, j) => diouParts(a, i, b, j)[0];

const ciouKernel: PairKernel = (a, i, b, j) => {
  const [diou, iou] = diouParts(a, i, b, j);
  const wp = a[i + 2]! - a[i]!;
  const hp = a[i + 3]! - a[i + 1]!;
  const wg = b[j + 2]! - b[j]!;
  const hg = b[j + 3]! - b[j + 1]!;
  const v = (4 / Math.PI ** 2) * (Math.atan(wp / hp) - Math.atan(wg / hg)) ** 2;
  const alpha = v / (1 - iou + v + EPS);
  return diou - alpha * v;
};

/**
 * Pairwise IoU of two sets of xyxy boxes, N x M (torchvision 0.26 `box_iou`): intersection /
 * (area1 + area2 - intersection). Degenerate boxes give NaN (0/0) as torchvision does. O(N*M).
 * @example boxIou([[0, 0, 2, 2]], [[1, 1, 3, 3]]) // [[1 / 7]]
 */
export function boxIou(boxes1: MatrixInput, boxes2: MatrixInput): number[][] {
  return pairwise("boxIou", boxes1, boxes2, iouKernel);
}

/**
 * Pairwise generalized IoU, N x M (torchvision 0.26 `generalized_box_iou`):
 * IoU - (|C| - |A ∪ B|) / |C| with C the smallest enclosing box. O(N*M).
 */
export function generalizedBoxIou(boxes1: MatrixInput, boxes2: MatrixInput): number[][] {
  return pairwise("generalizedBoxIou", boxes1, boxes2, giouKernel);
}

/**
 * Pairwise distance IoU, N x M (torchvision 0.26 `distance_box_iou`, eps = 1e-7):
 * IoU - d² / (c² + eps), d the distance of the centres, c the diagonal of the enclosing box.
 */
export function distanceBoxIou(boxes1: MatrixInput, boxes2: MatrixInput): number[][] {
  return pairwise("distanceBoxIou", boxes1, boxes2, diouKernel);
}

/**
 * Pairwise complete IoU, N x M (torchvision 0.26 `complete_box_iou`, eps = 1e-7):
 * DIoU - α v with v = 4/π² (atan(w1/h1) - atan(w2/h2))² and α = v / (1 - IoU + v + eps).
 */
export function completeBoxIou(boxes1: MatrixInput, boxes2: MatrixInput): number[][] {
  return pairwise("completeBoxIou", boxes1, boxes2, ciouKernel);
}

function nmsOnIndices(b: Float64Array, scores: Float64Array, indices: number[], threshold: number): number[] {
  // Descending by score; ties keep input order (torchvision's CPU kernel sorts descending and
  // does not promise an order among ties).
  const order = indices.slice().sort((x, y) => scores[y]! - scores[x]! || x - y);
  const suppressed = new Uint8Array(order.length);
  const keep: number[] = [];
  for (let p = 0; p < order.length; p++) {
    if (suppressed[p]) continue;
    const i = order[p]!;
    keep.push(i);
    for (let q = p + 1; q < order.length; q++) {
      if (suppressed[q]) continue;
      if (iouKernel(b, i * 4, b, order[q]! * 4) > threshold) suppressed[q] = 1;
    }
  }
  return keep;
}

function readScores(scores: unknown, n: number, fn: string): Float64Array {
  const s = toFloat64(scores, fn, "scores");
  if (s.length !== n)
    fail(
      "shape_mismatch",
      `${fn}: \`boxes\` and \`scores\` must have the same length, got ${n} and ${s.length}`,
    );
  for (let i = 0; i < s.length; i++)
    if (Number.isNaN(s[i]!))
      fail("invalid_value", `${fn}: \`scores\` must not contain NaN, got NaN at index ${i}`);
  return s;
}

/**
 * Non-maximum suppression (torchvision 0.26 `nms`): visits boxes by decreasing score and drops
 * every later box whose IoU with a kept box is greater than `iouThreshold`. Returns the kept
 * indices by decreasing score; equal scores keep input order. O(N²) worst case.
 * @example nms([[0, 0, 10, 10], [1, 1, 10, 10], [20, 20, 30, 30]], [0.9, 0.8, 0.7], 0.5) // [0, 2]
 */
export function nms(boxes: MatrixInput, scores: ArrayLike<number>, iouThreshold: number): number[] {
  assertNumberOption(iouThreshold, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, "nms", "iouThreshold");
  const b = readBoxes(boxes, "nms", "boxes");
  const s = readScores(scores, b.length / 4, "nms");
  return nmsOnIndices(
    b,
    s,
    Array.from({ length: s.length }, (_, i) => i),
    iouThreshold,
  );
}

/**
 * NMS applied per category (torchvision 0.26 `batched_nms`): boxes of different `idxs` never
 * suppress each other. Returns kept indices sorted by decreasing score (ties by input order).
 */
export function batchedNms(
  boxes: MatrixInput,
  scores: ArrayLike<number>,
  idxs: ArrayLike<number>,
  iouThreshold: number,
): number[] {
  assertNumberOption(
    iouThreshold,
    Number.NEGATIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    "batchedNms",
    "iouThreshold",
  );
  const b = readBoxes(boxes, "batchedNms", "boxes");
  const s = readScores(scores, b.length / 4, "batchedNms");
  const ids = toFloat64(idxs, "batchedNms", "idxs");
  if (ids.length !== s.length)
    fail(
      "shape_mismatch",
      `batchedNms: \`boxes\` and \`idxs\` must have the same length, got ${s.length} and ${ids.length}`,
    );
  const groups = new Map<number, number[]>();
  for (let i = 0; i < ids.length; i++) {
    const key = ids[i]!;
    let g = groups.get(key);
    if (!g) {
      g = [];
      groups.set(key, g);
    }
    g.push(i);
  }
  const kept: number[] = [];
  for (const g of groups.values()) kept.push(...nmsOnIndices(b, s, g, iouThreshold));
  return kept.sort((x, y) => s[y]! - s[x]! || x - y);
}
