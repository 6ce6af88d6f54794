// Writes the detection demo sample (seeded, reproducible): data/samples/detection/instances.json
// (COCO ground truth: 40 images, 5 categories, boxes, polygons, a few crowd regions) and
// results.json (COCO results: boxes, polygon masks and scores).
//   node scripts/detection_make_samples.mjs
import { mkdirSync, writeFileSync } from "node:fs";

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(1234);
const r2 = (x) => Math.round(x * 100) / 100;
const W = 320;
const H = 240;
const names = ["person", "bicycle", "car", "dog", "cat"];
const categories = names.map((name, i) => ({ id: i + 1, name, supercategory: "thing" }));

/** An octagon inscribed in the box, as a COCO polygon. */
function octagon([x, y, w, h]) {
  const pts = [];
  for (let k = 0; k < 8; k++) {
    const a = (k / 8) * 2 * Math.PI;
    pts.push(r2(x + w / 2 + (w / 2) * Math.cos(a)), r2(y + h / 2 + (h / 2) * Math.sin(a)));
  }
  return [pts];
}
function polygonArea(poly) {
  let s = 0;
  for (let i = 0; i < poly.length; i += 2) {
    const j = (i + 2) % poly.length;
    s += poly[i] * poly[j + 1] - poly[j] * poly[i + 1];
  }
  return r2(Math.abs(s) / 2);
}

const images = [];
const annotations = [];
const results = [];
for (let img = 1; img <= 40; img++) {
  images.push({ id: img, file_name: `${String(img).padStart(6, "0")}.jpg`, width: W, height: H });
  const n = Math.floor(rand() * 5);
  for (let g = 0; g < n; g++) {
    const w = 8 + rand() * 150;
    const h = 8 + rand() * 120;
    const bbox = [r2(rand() * (W - w)), r2(rand() * (H - h)), r2(w), r2(h)];
    const cat = 1 + Math.floor(rand() * names.length);
    const segmentation = octagon(bbox);
    const iscrowd = rand() < 0.05 ? 1 : 0;
    annotations.push({
      id: annotations.length + 1,
      image_id: img,
      category_id: cat,
      bbox,
      area: polygonArea(segmentation[0]),
      iscrowd,
      segmentation,
    });
    if (rand() < 0.85) {
      const jitter = () => (rand() - 0.5) * 0.25;
      const box = [
        r2(bbox[0] + bbox[2] * jitter()),
        r2(bbox[1] + bbox[3] * jitter()),
        r2(bbox[2] * (1 + jitter())),
        r2(bbox[3] * (1 + jitter())),
      ];
      results.push({
        image_id: img,
        category_id: rand() < 0.9 ? cat : 1 + Math.floor(rand() * names.length),
        bbox: box,
        score: Math.round((0.3 + rand() * 0.7) * 1000) / 1000,
        segmentation: octagon(box),
      });
    }
  }
  for (let f = 0; f < 2; f++) {
    if (rand() < 0.5) continue;
    const w = 8 + rand() * 80;
    const h = 8 + rand() * 80;
    const box = [r2(rand() * (W - w)), r2(rand() * (H - h)), r2(w), r2(h)];
    results.push({
      image_id: img,
      category_id: 1 + Math.floor(rand() * names.length),
      bbox: box,
      score: Math.round(rand() * 0.6 * 1000) / 1000,
      segmentation: octagon(box),
    });
  }
}
const dir = new URL("../data/samples/detection/", import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(
  new URL("instances.json", dir),
  `${JSON.stringify({ info: { description: "plumbline detection sample (synthetic, seeded)" }, images, annotations, categories })}\n`,
);
writeFileSync(new URL("results.json", dir), `${JSON.stringify(results)}\n`);
console.log(`${images.length} images, ${annotations.length} annotations, ${results.length} detections`);
