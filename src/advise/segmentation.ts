import { describeValue, fail } from "../core/errors.js";
import { readOptions } from "../core/options.js";
import { type AdviceReport, type Finding, percent, report } from "./report.js";
import { THRESHOLDS } from "./thresholds.js";

/** A stack of label maps: `data` holds N images of H × W class ids, row-major. */
export interface LabelMaps {
  readonly data: ArrayLike<number>;
  /** [N, H, W]. */
  readonly shape: readonly [number, number, number];
}

/** Options of {@link adviseSegmentation}. */
export interface AdviseSegmentationOptions {
  /** The background class (default 0); null when no class is background. */
  readonly background?: number | null;
  /** Pixels with this label are ignored (default 255, the VOC/Cityscapes convention); null for none. */
  readonly ignoreIndex?: number | null;
}

const OPTIONS = ["background", "ignoreIndex"] as const;
const FN = "adviseSegmentation";

/** Sizes of the 4-connected regions of each non-background, non-ignored class in one image. */
function regionSizes(
  labels: ArrayLike<number>,
  offset: number,
  h: number,
  w: number,
  skip: (c: number) => boolean,
): number[] {
  const seen = new Uint8Array(h * w);
  const stack = new Int32Array(h * w);
  const sizes: number[] = [];
  for (let start = 0; start < h * w; start++) {
    const c = labels[offset + start]!;
    if (seen[start] || skip(c)) continue;
    let top = 0;
    let size = 0;
    stack[top++] = start;
    seen[start] = 1;
    const visit = (q: number) => {
      if (!seen[q] && labels[offset + q] === c) {
        seen[q] = 1;
        stack[top++] = q;
      }
    };
    while (top > 0) {
      const p = stack[--top]!;
      size++;
      const y = Math.floor(p / w);
      const x = p - y * w;
      if (x > 0) visit(p - 1);
      if (x < w - 1) visit(p + 1);
      if (y > 0) visit(p - w);
      if (y < h - 1) visit(p + w);
    }
    sizes.push(size);
  }
  return sizes;
}

/**
 * Measures semantic label maps: class pixel frequencies, the foreground share, ignored pixels,
 * rare classes and the size of connected regions against the image; then recommends from the
 * traits found (imbalanced, small-structures).
 */
export function adviseSegmentation(
  maps: readonly LabelMaps[],
  options?: AdviseSegmentationOptions,
): AdviceReport {
  const opts = readOptions<AdviseSegmentationOptions>(FN, options, OPTIONS);
  const background = opts.background === undefined ? 0 : opts.background;
  const ignore = opts.ignoreIndex === undefined ? 255 : opts.ignoreIndex;
  if (!Array.isArray(maps) || maps.length === 0)
    fail(
      "empty_input",
      `${FN}: \`maps\` must be a non-empty array of label maps, got ${describeValue(maps)}`,
    );
  const pixels = new Map<number, number>();
  let ignored = 0;
  let images = 0;
  let regions = 0;
  let smallRegions = 0;
  let analysed = true;
  for (const [m, map] of maps.entries()) {
    const [n, h, w] = map.shape;
    if (map.data.length !== n * h * w)
      fail(
        "shape_mismatch",
        `${FN}: maps[${m}] has ${map.data.length} values for shape [${map.shape.join(", ")}]`,
      );
    for (let i = 0; i < map.data.length; i++) {
      const c = map.data[i]!;
      if (!Number.isInteger(c) || c < 0)
        fail(
          "invalid_value",
          `${FN}: maps[${m}] must hold non-negative integer class ids, got ${describeValue(c)} at index ${i}`,
        );
      if (c === ignore) ignored++;
      else pixels.set(c, (pixels.get(c) ?? 0) + 1);
    }
    for (let k = 0; k < n; k++) {
      images++;
      if (h * w > THRESHOLDS.maxComponentPixels) {
        analysed = false;
        continue;
      }
      const sizes = regionSizes(map.data, k * h * w, h, w, (c) => c === ignore || c === background);
      regions += sizes.length;
      smallRegions += sizes.filter((s) => s < THRESHOLDS.smallRegionShare * h * w).length;
    }
  }
  const valid = [...pixels.values()].reduce((a, b) => a + b, 0);
  const findings: Finding[] = [];
  const classes = [...pixels.entries()].sort(([a], [b]) => a - b);
  findings.push({
    measure: "pixel share per class",
    value: classes.map(([c, count]) => `${c}: ${percent(count / Math.max(valid, 1))}`).join(", "),
    note: `${classes.length} classes over ${valid} labelled pixels in ${images} images.`,
  });
  if (ignored > 0)
    findings.push({
      measure: `ignored pixels (label ${ignore})`,
      value: ignored / (valid + ignored),
      note: `Label ${ignore} is treated as "ignore", as VOC and Cityscapes do: evaluate with ignoreIndex ${ignore}, or it becomes a class of its own.`,
    });
  if (background !== null && pixels.has(background)) {
    const foreground = 1 - pixels.get(background)! / valid;
    findings.push({
      measure: `foreground share (pixels not of background class ${background})`,
      value: foreground,
      ...(foreground < THRESHOLDS.foregroundShare ? { trait: "imbalanced" } : {}),
      note:
        foreground < THRESHOLDS.foregroundShare
          ? `Only ${percent(foreground)} of the pixels are foreground: an empty prediction already scores ${percent(1 - foreground)} pixel accuracy.`
          : `${percent(foreground)} of the pixels are foreground.`,
    });
  }
  const counts = classes.map(([, c]) => c);
  const ratio = Math.max(...counts) / Math.min(...counts);
  if (classes.length > 1)
    findings.push({
      measure: "pixel imbalance (largest / smallest class)",
      value: ratio,
      ...(ratio >= THRESHOLDS.instanceImbalanceRatio ? { trait: "imbalanced" } : {}),
      note:
        ratio >= THRESHOLDS.instanceImbalanceRatio
          ? "Class areas differ by an order of magnitude or more: average per class (mean IoU, Dice), not per pixel."
          : "Class areas are comparable.",
    });
  const rare = classes.filter(([, c]) => c < THRESHOLDS.rareClassShare * valid).map(([k]) => k);
  if (rare.length > 0)
    findings.push({
      measure: `classes under ${percent(THRESHOLDS.rareClassShare)} of the pixels`,
      value: rare.join(", "),
      trait: "small-structures",
      note: "These classes cover very few pixels: overlap losses (Dice, Tversky) and per-class IoU keep them visible.",
    });
  if (analysed && regions > 0) {
    const share = smallRegions / regions;
    findings.push({
      measure: `foreground regions smaller than ${percent(THRESHOLDS.smallRegionShare)} of their image`,
      value: `${smallRegions} of ${regions}`,
      ...(share >= THRESHOLDS.smallRegionsShare ? { trait: "small-structures" } : {}),
      note:
        share >= THRESHOLDS.smallRegionsShare
          ? `${percent(share)} of the regions are small structures, which pixel accuracy and plain cross-entropy overlook.`
          : "Most regions are large relative to the image.",
    });
  }
  return report("segmentation", images, "images", findings);
}

/** A panoptic label stack: per pixel [category id, instance id], with the thing and stuff category ids. */
export interface PanopticMaps {
  readonly things: readonly number[];
  readonly stuffs: readonly number[];
  /** [image][row][column] → [category, instance]. */
  readonly target: readonly (readonly (readonly (readonly number[])[])[])[];
}

/** Measures panoptic ground truth: segments per image, thing instances and stuff regions. */
export function advisePanoptic(panoptic: PanopticMaps): AdviceReport {
  const fn = "advisePanoptic";
  if (panoptic === null || typeof panoptic !== "object" || !Array.isArray(panoptic.target))
    fail(
      "invalid_value",
      `${fn}: expected { things, stuffs, target } with target [image][row][column][category, instance], got ${describeValue(panoptic)}`,
    );
  const things = new Set(panoptic.things);
  const stuffs = new Set(panoptic.stuffs);
  let thingSegments = 0;
  let stuffSegments = 0;
  for (const image of panoptic.target) {
    const segments = new Set<string>();
    for (const row of image) for (const [category, instance] of row) segments.add(`${category}:${instance}`);
    for (const key of segments) {
      const category = Number(key.split(":")[0]);
      if (things.has(category)) thingSegments++;
      else if (stuffs.has(category)) stuffSegments++;
    }
  }
  const images = panoptic.target.length;
  return report("segmentation", images, "images", [
    {
      measure: "segments (thing instances, stuff regions)",
      value: `${thingSegments}, ${stuffSegments}`,
      trait: "panoptic",
      note: `Things and stuff labelled together in ${images} images: panoptic quality scores both, matching segments at IoU > 0.5.`,
    },
    {
      measure: "thing instances per image",
      value: thingSegments / Math.max(images, 1),
      trait: "instances",
      note: "Instances of the same class must be told apart: semantic metrics (mean IoU) merge them.",
    },
  ]);
}
