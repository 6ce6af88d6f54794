// Benchmark: COCO bbox evaluation on a generated COCO-like set (5,000 images, 80 categories,
// ~7 ground-truth boxes and 100 detections per image), plumbline vs pycocotools in the same run.
//
//   npx tsc --build && node bench/detection.mjs [--images N] [--quick]   (--quick: 500 images)
//
// Both sides run in a child process that reads the same two JSON files from a temp folder and
// reports its CPU and wall time (load + evaluate + accumulate + summarize) and its own peak RSS.
// pycocotools is run by /usr/bin/python3 with PYCOCOTOOLS_SRC (default /tmp/det_ref/PythonAPI, a
// built cocoapi PythonAPI folder) on PYTHONPATH; it is not in Debian, so when
// `import pycocotools.cocoeval` fails the bench says so and times plumbline only.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  mulberry32,
  pythonAvailable,
  pythonEnv,
  report,
  runPython,
  sizeOption,
  writeTempData,
} from "./lib.mjs";

const nImages = sizeOption("images", 5000);
const nCats = 80;

function generate() {
  const rand = mulberry32(20240601);
  const r2 = (x) => Math.round(x * 100) / 100;
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
    for (let d = 0; d < 100; d++) {
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

const dist = fileURLToPath(new URL("../dist/metrics/detection/index.js", import.meta.url));
const lib = fileURLToPath(new URL("./lib.mjs", import.meta.url));

const plumblineChild = `
import { readFileSync } from "node:fs";
const { cocoEvaluate } = await import(${JSON.stringify(dist)});
const { cpuTime } = await import(${JSON.stringify(lib)});
const r = cpuTime(() => {
  const gt = JSON.parse(readFileSync(process.argv[1], "utf8"));
  const results = JSON.parse(readFileSync(process.argv[2], "utf8"));
  return cocoEvaluate(gt, results, { iouType: "bbox" }).stats;
});
process.stdout.write(JSON.stringify({ ...r, maxRssKb: process.resourceUsage().maxRSS }));
`;

const pythonChild = `
import contextlib, io, resource
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval
def evaluate():
    with contextlib.redirect_stdout(io.StringIO()):
        gt = COCO(path("instances.json"))
        dt = gt.loadRes(path("results.json"))
        ev = COCOeval(gt, dt, "bbox")
        ev.evaluate(); ev.accumulate(); ev.summarize()
    return [float(s) for s in ev.stats]
r = timed(evaluate)
r["maxRssKb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
emit(r)
`;

const { gt, results } = generate();
const data = writeTempData({ "instances.json": gt, "results.json": results });
try {
  console.log(
    `COCO bbox evaluation: ${nImages} images, ${nCats} categories, ${gt.annotations.length} ground-truth boxes, ${results.length} detections`,
  );

  const child = spawnSync(
    process.execPath,
    [
      "--max-old-space-size=8192",
      "--input-type=module",
      "-e",
      plumblineChild,
      data.path("instances.json"),
      data.path("results.json"),
    ],
    { encoding: "utf8", maxBuffer: 1 << 26 },
  );
  if (child.status !== 0) {
    console.error(child.stderr);
    throw new Error("plumbline child failed (did you run `npx tsc --build`?)");
  }
  const ours = JSON.parse(child.stdout);

  const env = pythonEnv(process.env.PYCOCOTOOLS_SRC ?? "/tmp/det_ref/PythonAPI");
  const available = pythonAvailable(["pycocotools.cocoeval"], { env });
  const run = available.ok ? runPython(pythonChild, data, { env }) : available;
  const reference = run.ok ? run.result : { skipped: run.message };
  report("COCOeval bbox (pycocotools)", ours, reference, {
    values: run.ok && { plumbline: ours.value, reference: reference.value },
  });
  console.log(
    `  peak RSS: plumbline ${(ours.maxRssKb / 1024).toFixed(0)} MiB${run.ok ? `, reference ${(reference.maxRssKb / 1024).toFixed(0)} MiB` : ""}`,
  );
} finally {
  data.cleanup();
}
