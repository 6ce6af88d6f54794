/**
 * The hand-worked 2x2 segmentation pair of the segmentation tests: preds [[0,1],[1,1]] vs
 * target [[0,1],[0,1]] (3 of 4 pixels agree; class 0: |P|=1, |T|=2, |P∩T|=1; class 1: |P|=3,
 * |T|=2, |P∩T|=2).
 */
export const handPreds = [
  [0, 1],
  [1, 1],
];
export const handTarget = [
  [0, 1],
  [0, 1],
];
