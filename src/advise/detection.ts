import { parseCocoGroundTruth } from "../metrics/detection/coco-json.js";
import { type AdviceReport, type Finding, percent, report } from "./report.js";
import { quantileSorted, sorted } from "./stats.js";
import { THRESHOLDS } from "./thresholds.js";

type Box = readonly [number, number, number, number];

function boxOf(annotation: Record<string, unknown>): Box | undefined {
  const b = annotation.bbox;
  if (!Array.isArray(b) || b.length !== 4 || !b.every((v) => typeof v === "number" && Number.isFinite(v)))
    return undefined;
  return b as unknown as Box;
}

function iou(a: Box, b: Box): number {
  const w = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a[2] * a[3] + b[2] * b[3] - inter);
}

/** Box pairs the overlap check compares at most, over all images (bounded time on any input). */
const MAX_PAIRS = 20_000_000;

/**
 * Measures a COCO ground truth (the `instances.json` dict): object sizes against COCO's
 * small/medium/large limits, objects per image and overlaps, crowd regions, the spread of scales
 * and the per-category instance counts; then recommends from the traits found.
 */
export function adviseDetection(groundTruth: unknown): AdviceReport {
  const gt = parseCocoGroundTruth(groundTruth);
  const annotations = gt.annotations;
  const areas: number[] = [];
  const perImage = new Map<number, Box[]>();
  const perCategory = new Map<number, number>();
  let crowd = 0;
  for (const a of annotations) {
    if (a.iscrowd === 1) {
      crowd++;
      continue;
    }
    const box = boxOf(a);
    const area =
      typeof a.area === "number" && Number.isFinite(a.area) ? a.area : box ? box[2] * box[3] : undefined;
    if (area !== undefined) areas.push(area);
    const image = a.image_id as number;
    if (box) perImage.set(image, [...(perImage.get(image) ?? []), box]);
    const category = a.category_id as number;
    perCategory.set(category, (perCategory.get(category) ?? 0) + 1);
  }
  const n = areas.length;
  const findings: Finding[] = [];
  if (n === 0) {
    findings.push({ measure: "objects", value: 0, note: "No (non-crowd) annotations: nothing to measure." });
    return report("detection", gt.images.length, "images", findings);
  }
  const small = areas.filter((a) => a < THRESHOLDS.cocoSmallArea).length;
  const medium = areas.filter((a) => a >= THRESHOLDS.cocoSmallArea && a < THRESHOLDS.cocoMediumArea).length;
  const large = n - small - medium;
  findings.push({
    measure: "objects by COCO size (small < 32², medium < 96², large)",
    value: `${small} small, ${medium} medium, ${large} large`,
    ...(small / n >= THRESHOLDS.smallObjectShare ? { trait: "small-objects" } : {}),
    note:
      small / n >= THRESHOLDS.smallObjectShare
        ? `${percent(small / n)} of the objects are small: read APs/ARs, and prefer scale-invariant box losses.`
        : `${percent(small / n)} of the objects are small.`,
  });
  const objectsPerImage = n / Math.max(1, gt.images.length);
  let overlapping = 0;
  let checked = 0;
  let maxPerImage = 0;
  let pairs = 0;
  for (const boxes of perImage.values()) {
    maxPerImage = Math.max(maxPerImage, boxes.length);
    if (pairs + boxes.length * boxes.length > MAX_PAIRS) continue;
    pairs += boxes.length * boxes.length;
    checked += boxes.length;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = 0; j < boxes.length; j++) {
        if (i !== j && iou(boxes[i]!, boxes[j]!) > 0.3) {
          overlapping++;
          break;
        }
      }
    }
  }
  const overlapShare = overlapping / Math.max(checked, 1);
  const crowded =
    objectsPerImage >= THRESHOLDS.crowdedObjectsPerImage ||
    overlapShare >= THRESHOLDS.crowdedOverlapShare ||
    crowd > 0;
  findings.push({
    measure:
      "objects per image (mean, max); share of boxes overlapping another with IoU > 0.3; crowd regions",
    value: `${objectsPerImage.toFixed(1)}, ${maxPerImage}; ${percent(overlapShare)}${checked < n ? ` (of ${checked} boxes checked)` : ""}; ${crowd}`,
    ...(crowded ? { trait: "crowded" } : {}),
    note: crowded
      ? `${[
          objectsPerImage >= THRESHOLDS.crowdedObjectsPerImage ? "many objects per image" : "",
          overlapShare >= THRESHOLDS.crowdedOverlapShare ? "overlapping boxes" : "",
          crowd > 0 ? "crowd regions (iscrowd)" : "",
        ]
          .filter((s) => s.length > 0)
          .join(
            ", ",
          )}: NMS thresholds, crowd handling and the per-image detection cap (maxDets) matter; read AR at several caps.`
      : "Objects are sparse and rarely overlap.",
  });
  const roots = sorted(areas.map(Math.sqrt));
  const spread = quantileSorted(roots, 0.95) / Math.max(quantileSorted(roots, 0.05), 1e-12);
  findings.push({
    measure: "scale spread (95th / 5th percentile of √area)",
    value: spread,
    ...(spread >= THRESHOLDS.scaleSpread ? { trait: "scale-variation" } : {}),
    note:
      spread >= THRESHOLDS.scaleSpread
        ? "Object sizes vary by an order of magnitude: absolute-offset box losses let large boxes dominate."
        : "Object sizes are fairly uniform.",
  });
  const counts = [...perCategory.values()];
  const ratio = Math.max(...counts) / Math.min(...counts);
  findings.push({
    measure: "instances per category (largest / smallest)",
    value: ratio,
    ...(perCategory.size > 1 && ratio >= THRESHOLDS.instanceImbalanceRatio ? { trait: "imbalanced" } : {}),
    note: `${perCategory.size} categories with ${Math.min(...counts)} to ${Math.max(...counts)} instances each; COCO AP averages categories equally.`,
  });
  return report("detection", gt.images.length, "images", findings);
}
