// Benchmark: COCO evaluation, plumbline vs pycocotools in the same run, on generated COCO-like
// sets (seeded):
//   bbox       5,000 images, 80 categories, ~7 ground-truth boxes and 100 detections per image
//   segm       1,000 images, 80 categories, ground-truth polygons, 100 RLE result masks per image
//   keypoints  5,000 images, 1 category, ~4 people with 17 keypoints and 20 detections per image
//
//   npx tsc --build && node bench/detection.mjs [--quick] [--only bbox|segm|keypoints] [--runs N]
//
// Each side runs in a child process that reads the same two JSON files and reports its CPU and
// wall time, its own peak RSS and its summary numbers; the numbers are compared bit for bit.
// Both sides time the same work: reading and parsing both JSON files (pycocotools: json.load in
// COCO() and loadRes; plumbline: JSON.parse of the ground truth, readCocoResults of the results
// file's bytes), evaluate, accumulate, summarize. Each side also times its parsing of the
// two files alone (Python: one more json.load of each after the timed run; plumbline: its ground
// truth and its results apart), and a second ratio leaves parsing out of both sides.
//
// pycocotools is run by /usr/bin/python3 with PYCOCOTOOLS_SRC (default /tmp/det_ref/PythonAPI:
// a cocoapi PythonAPI folder whose _mask extension is built; without Cython, a ctypes module
// over the same maskApi.c serves, which adds its call overhead to segm: cProfile puts
// _frString and create_string_buffer at about 5% of the segm run) on PYTHONPATH; when
// `import pycocotools.cocoeval` fails the bench times plumbline only. `--runs N` repeats both
// sides N times and prints every ratio; `--record` keeps them for the README's speed table
// (bench/record.mjs).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  mulberry32,
  pythonAvailable,
  pythonEnv,
  record,
  runPython,
  sizeOption,
  writeTempData,
} from "./lib.mjs";

const argv = process.argv.slice(2);
const only = argv.includes("--only") ? argv[argv.indexOf("--only") + 1] : undefined;
const runs = sizeOption("runs", 1, 1);
const r2 = (x) => Math.round(x * 100) / 100;

const dist = (p) => fileURLToPath(new URL(`../dist/metrics/detection/${p}`, import.meta.url));
const lib = fileURLToPath(new URL("./lib.mjs", import.meta.url));

function boxWorkload(nImages, nCats, detsPerImage, seed) {
  const rand = mulberry32(seed);
  const images = [];
  const annotations = [];
  const results = [];
  const categories = Array.from({ length: nCats }, (_, i) => ({ id: i + 1, name: `c${i + 1}` }));
  for (let img = 1; img <= nImages; img++) {
    images.push({ id: img, width: 640, height: 480, file_name: `${img}.jpg` });
    const nGt = 1 + Math.floor(rand() * 13);
    const gts = [];
    for (let g = 0; g < nGt; g++) {
      const w = 4 + rand() * 300;
      const h = 4 + rand() * 250;
      const x = rand() * (640 - w);
      const y = rand() * (480 - h);
      const cat = 1 + Math.floor(rand() * nCats);
      const bbox = [r2(x), r2(y), r2(w), r2(h)];
      gts.push({ bbox, cat });
      annotations.push({
        id: annotations.length + 1,
        image_id: img,
        category_id: cat,
        bbox,
        area: r2(w * h * (0.5 + rand() * 0.5)),
        iscrowd: rand() < 0.01 ? 1 : 0,
      });
    }
    for (let d = 0; d < detsPerImage; d++) {
      let bbox;
      let cat;
      if (d < gts.length * 4 && rand() < 0.8) {
        const g = gts[d % gts.length];
        const [x, y, w, h] = g.bbox;
        bbox = [
          r2(x + (rand() - 0.5) * w * 0.3),
          r2(y + (rand() - 0.5) * h * 0.3),
          r2(Math.max(1, w * (0.8 + rand() * 0.4))),
          r2(Math.max(1, h * (0.8 + rand() * 0.4))),
        ];
        cat = rand() < 0.9 ? g.cat : 1 + Math.floor(rand() * nCats);
      } else {
        const w = 4 + rand() * 200;
        const h = 4 + rand() * 200;
        bbox = [r2(rand() * (640 - w)), r2(rand() * (480 - h)), r2(w), r2(h)];
        cat = 1 + Math.floor(rand() * nCats);
      }
      results.push({ image_id: img, category_id: cat, bbox, score: Math.round(rand() * 1e4) / 1e4 });
    }
  }
  return { gt: { images, annotations, categories }, results };
}

/** A polygon inscribed in a box: an octagon with jittered corners. */
function octagon(rand, [x, y, w, h]) {
  const pts = [];
  for (let k = 0; k < 8; k++) {
    const a = (k / 8) * 2 * Math.PI;
    const j = 0.8 + rand() * 0.2;
    pts.push(r2(x + w / 2 + (Math.cos(a) * w * j) / 2), r2(y + h / 2 + (Math.sin(a) * h * j) / 2));
  }
  return pts;
}

async function segmWorkload(nImages) {
  const { rleFromPolygon, rleToCoco } = await import(dist("rle.js"));
  const { gt, results } = boxWorkload(nImages, 80, 100, 20240602);
  const rand = mulberry32(77);
  for (const a of gt.annotations) {
    a.segmentation = [octagon(rand, a.bbox)];
  }
  const segm = results.map((r) => {
    const rle = rleToCoco(rleFromPolygon(octagon(rand, r.bbox), 480, 640));
    return { image_id: r.image_id, category_id: r.category_id, segmentation: rle, score: r.score };
  });
  return { gt, results: segm };
}

function keypointWorkload(nImages) {
  const rand = mulberry32(424242);
  const images = [];
  const annotations = [];
  const results = [];
  for (let img = 1; img <= nImages; img++) {
    images.push({ id: img, width: 640, height: 480 });
    const people = 1 + Math.floor(rand() * 7);
    const truths = [];
    for (let p = 0; p < people; p++) {
      const w = 30 + rand() * 200;
      const h = 60 + rand() * 250;
      const x = rand() * (640 - w);
      const y = rand() * (480 - h);
      const kps = [];
      let visible = 0;
      for (let k = 0; k < 17; k++) {
        const v = rand() < 0.2 ? 0 : rand() < 0.3 ? 1 : 2;
        if (v) visible++;
        kps.push(v ? r2(x + rand() * w) : 0, v ? r2(y + rand() * h) : 0, v);
      }
      truths.push({ kps, box: [x, y, w, h] });
      annotations.push({
        id: annotations.length + 1,
        image_id: img,
        category_id: 1,
        bbox: [r2(x), r2(y), r2(w), r2(h)],
        area: r2(w * h * 0.6),
        iscrowd: 0,
        keypoints: kps,
        num_keypoints: visible,
      });
    }
    for (let d = 0; d < 20; d++) {
      const t = truths[d % truths.length];
      const noise = d < truths.length * 2 ? 2 + rand() * 10 : 40 + rand() * 80;
      const kps = [];
      for (let k = 0; k < 17; k++) {
        kps.push(
          r2(t.kps[3 * k] + (rand() - 0.5) * noise || t.box[0] + rand() * t.box[2]),
          r2(t.kps[3 * k + 1] + (rand() - 0.5) * noise || t.box[1] + rand() * t.box[3]),
          1,
        );
      }
      results.push({ image_id: img, category_id: 1, keypoints: kps, score: Math.round(rand() * 1e4) / 1e4 });
    }
  }
  return { gt: { images, annotations, categories: [{ id: 1, name: "person" }] }, results };
}

const plumblineChild = `
import { readFileSync } from "node:fs";
const { cocoEvaluate, readCocoResults } = await import(${JSON.stringify(dist("index.js"))});
const { cpuTime } = await import(${JSON.stringify(lib)});
const iouType = process.argv[3];
let parseCpu = 0;
let gtCpu = 0;
const seconds = (used) => (used.user + used.system) / 1e6;
const r = cpuTime(() => {
  const c0 = process.cpuUsage();
  const gt = JSON.parse(readFileSync(process.argv[1], "utf8"));
  gtCpu = seconds(process.cpuUsage(c0));
  const results = readCocoResults(readFileSync(process.argv[2]));
  parseCpu = seconds(process.cpuUsage(c0));
  return cocoEvaluate(gt, results, { iouType }).stats;
});
process.stdout.write(JSON.stringify({ ...r, parseCpu, gtCpu, maxRssKb: process.resourceUsage().maxRSS }));
`;

const pythonChild = (iouType) => `
import contextlib, io, resource
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval
def evaluate():
    with contextlib.redirect_stdout(io.StringIO()):
        gt = COCO(path("instances.json"))
        dt = gt.loadRes(path("results.json"))
        ev = COCOeval(gt, dt, "${iouType}")
        ev.evaluate(); ev.accumulate(); ev.summarize()
    return [float(s) for s in ev.stats]
r = timed(evaluate)
r["maxRssKb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
def parse_only():
    load_json("instances.json")
    load_json("results.json")
r["parseCpu"] = timed(parse_only)["cpu"]
emit(r)
`;

function runOurs(data, iouType) {
  const child = spawnSync(
    process.execPath,
    [
      "--max-old-space-size=8192",
      "--input-type=module",
      "-e",
      plumblineChild,
      data.path("instances.json"),
      data.path("results.json"),
      iouType,
    ],
    { encoding: "utf8", maxBuffer: 1 << 26 },
  );
  if (child.status !== 0) {
    console.error(child.stderr);
    throw new Error("plumbline child failed (did you run `npx tsc --build`?)");
  }
  return JSON.parse(child.stdout);
}

const env = pythonEnv(process.env.PYCOCOTOOLS_SRC ?? "/tmp/det_ref/PythonAPI");
const available = pythonAvailable(["pycocotools.cocoeval"], { env });
const mib = (kb) => (kb / 1024).toFixed(0);

const workloads = {
  bbox: () => boxWorkload(sizeOption("images", 5000), 80, 100, 20240601),
  segm: () => segmWorkload(sizeOption("segm-images", 1000)),
  keypoints: () => keypointWorkload(sizeOption("keypoint-images", 5000)),
};

for (const [iouType, make] of Object.entries(workloads)) {
  if (only && only !== iouType) continue;
  const { gt, results } = await make();
  const data = writeTempData({ "instances.json": gt, "results.json": results });
  try {
    console.log(
      `COCO ${iouType}: ${gt.images.length} images, ${gt.categories.length} categories, ${gt.annotations.length} ground-truth objects, ${results.length} detections`,
    );
    for (let run = 1; run <= runs; run++) {
      const ours = runOurs(data, iouType);
      const ref = available.ok ? runPython(pythonChild(iouType), data, { env }) : available;
      if (!ref.ok) {
        console.log(
          `  run ${run}: plumbline ${ours.cpu.toFixed(2)} s CPU, ${mib(ours.maxRssKb)} MiB; reference ${ref.message}`,
        );
        continue;
      }
      const theirs = ref.result;
      record(`COCO ${iouType}`, ours, theirs);
      const differing = ours.value
        .map((v, i) => (Object.is(v, theirs.value[i]) ? -1 : i))
        .filter((i) => i >= 0);
      const parsing = `excluding JSON parsing on both sides ${((theirs.cpu - theirs.parseCpu) / (ours.cpu - ours.parseCpu)).toFixed(2)} x CPU (parse: plumbline ${ours.parseCpu.toFixed(3)} s = ground truth ${ours.gtCpu.toFixed(3)} + results ${(ours.parseCpu - ours.gtCpu).toFixed(3)}, Python json ${theirs.parseCpu.toFixed(2)} s)`;
      console.log(
        `  run ${run}: speedup ${(theirs.cpu / ours.cpu).toFixed(2)} x CPU (plumbline ${ours.cpu.toFixed(2)} s, pycocotools ${theirs.cpu.toFixed(2)} s), ${(theirs.wall / ours.wall).toFixed(2)} x wall; peak RSS plumbline ${mib(ours.maxRssKb)} MiB, pycocotools ${mib(theirs.maxRssKb)} MiB; ${differing.length === 0 ? `all ${ours.value.length} numbers bit-identical` : `numbers differ at ${differing.map((i) => `${i} (${ours.value[i]} vs ${theirs.value[i]})`).join(", ")}`}; ${parsing}`,
      );
    }
  } finally {
    // PLUMBLINE_BENCH_KEEP=1 keeps the generated files (their folder is printed) for inspection.
    if (process.env.PLUMBLINE_BENCH_KEEP) console.log(`  data kept in ${data.dir}`);
    else data.cleanup();
  }
}
