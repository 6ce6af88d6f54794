import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import { noGrad } from "../gradient-tools.js";
import { optionNames } from "../options.js";
import type { Reduction } from "../reduction.js";
import { assertSameShape, asTensor, type TensorInput } from "../tensor-input.js";

/** Options shared by the box-overlap losses. */
export interface BoxLossOptions {
  /** Default `"none"`, as torchvision. `mean` of an empty batch is 0. */
  readonly reduction?: Reduction;
  /** Added to denominators. Default 1e-7 (torchvision). */
  readonly eps?: number;
}

export const BOX_LOSS_OPTIONS = optionNames<BoxLossOptions>()("reduction", "eps");

/** The coordinates of a pair of box tensors [..., 4] (x1, y1, x2, y2), split into [...] columns. */
export interface BoxPair {
  readonly x1: tf.Tensor;
  readonly y1: tf.Tensor;
  readonly x2: tf.Tensor;
  readonly y2: tf.Tensor;
  readonly gx1: tf.Tensor;
  readonly gy1: tf.Tensor;
  readonly gx2: tf.Tensor;
  readonly gy2: tf.Tensor;
}

/** Splits predicted and target boxes (xyxy, same shape [..., 4]) into columns. */
export function boxPair(boxes1: TensorInput, boxes2: TensorInput, fn: string): BoxPair {
  const a = asTensor(boxes1, fn, "boxes1");
  const b = asTensor(boxes2, fn, "boxes2");
  if (a.rank < 1 || a.shape[a.rank - 1] !== 4)
    fail("shape_mismatch", `${fn}: \`boxes1\` must have shape [..., 4], got [${a.shape}]`);
  assertSameShape(a, b, fn, "boxes1", "boxes2");
  const [x1, y1, x2, y2] = tf.unstack(a, -1) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
  const [gx1, gy1, gx2, gy2] = tf.unstack(b, -1) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
  return { x1, y1, x2, y2, gx1, gy1, gx2, gy2 };
}

/**
 * Intersection and union areas as torchvision's `_loss_inter_union`: the intersection is kept
 * only where both overlap extents are positive (elsewhere 0 with a zero gradient).
 */
export function interUnion(p: BoxPair): { inter: tf.Tensor; union: tf.Tensor } {
  const w = tf.sub(tf.minimum(p.x2, p.gx2), tf.maximum(p.x1, p.gx1));
  const h = tf.sub(tf.minimum(p.y2, p.gy2), tf.maximum(p.y1, p.gy1));
  const overlap = noGrad((a, b) => tf.logicalAnd(tf.greater(a, 0), tf.greater(b, 0)), w, h);
  const inter = tf.where(overlap, tf.mul(w, h), tf.zerosLike(w));
  const area1 = tf.mul(tf.sub(p.x2, p.x1), tf.sub(p.y2, p.y1));
  const area2 = tf.mul(tf.sub(p.gx2, p.gx1), tf.sub(p.gy2, p.gy1));
  return { inter, union: tf.sub(tf.add(area1, area2), inter) };
}

/** Corners of the smallest box enclosing both. */
export function enclosing(p: BoxPair): { cx1: tf.Tensor; cy1: tf.Tensor; cx2: tf.Tensor; cy2: tf.Tensor } {
  return {
    cx1: tf.minimum(p.x1, p.gx1),
    cy1: tf.minimum(p.y1, p.gy1),
    cx2: tf.maximum(p.x2, p.gx2),
    cy2: tf.maximum(p.y2, p.gy2),
  };
}

/** DIoU loss and IoU per box pair as torchvision's `_diou_iou_loss`. */
export function diouAndIou(p: BoxPair, eps: number): { loss: tf.Tensor; iou: tf.Tensor } {
  const { inter, union } = interUnion(p);
  const iou = tf.div(inter, tf.add(union, eps));
  const c = enclosing(p);
  const diagonal = tf.add(tf.add(tf.square(tf.sub(c.cx2, c.cx1)), tf.square(tf.sub(c.cy2, c.cy1))), eps);
  const dx = tf.sub(tf.div(tf.add(p.x1, p.x2), 2), tf.div(tf.add(p.gx1, p.gx2), 2));
  const dy = tf.sub(tf.div(tf.add(p.y1, p.y2), 2), tf.div(tf.add(p.gy1, p.gy2), 2));
  const centers = tf.add(tf.square(dx), tf.square(dy));
  return { loss: tf.add(tf.sub(1, iou), tf.div(centers, diagonal)), iou };
}
