// Benchmark: COCO bbox evaluation on a generated COCO-like set (5,000 images, 80 categories,
// ~7 ground-truth boxes and 100 detections per image), plumbline vs pycocotools in the same run.
//
//   npx tsc --build && node bench/detection.mjs [--images N]
//
// Both sides run in a child process that reads the same two JSON files from a temp folder and
// reports its wall time (load + evaluate + accumulate + summarize) and its own peak RSS.
// pycocotools is spawned with /usr/bin/python3 and whatever PYTHONPATH the environment has; it
// is not in Debian, so when `import pycocotools` fails the bench says so and times plumbline only.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const nImages = Number(args[args.indexOf("--images") + 1] ?? 5000) || 5000;
const nCats = 80;

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

const here = fileURLToPath(new URL(".", import.meta.url));
const dist = join(here, "..", "dist", "metrics", "detection", "index.js");

const plumblineChild = `
import { readFileSync } from "node:fs";
const { cocoEvaluate } = await import(${JSON.stringify(dist)});
const t0 = performance.now();
const gt = JSON.parse(readFileSync(process.argv[1], "utf8"));
const results = JSON.parse(readFileSync(process.argv[2], "utf8"));
const r = cocoEvaluate(gt, results, { iouType: "bbox" });
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(JSON.stringify({ seconds, maxRssKb: process.resourceUsage().maxRSS, stats: r.stats }));
`;

const pythonChild = `
import contextlib, io, json, resource, sys, time
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval
t0 = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    gt = COCO(sys.argv[1])
    dt = gt.loadRes(sys.argv[2])
    ev = COCOeval(gt, dt, "bbox")
    ev.evaluate(); ev.accumulate(); ev.summarize()
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "maxRssKb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "stats": [float(s) for s in ev.stats]}))
`;

const dir = mkdtempSync(join(tmpdir(), "plumbline-bench-det-"));
try {
  const { gt, results } = generate();
  const gtPath = join(dir, "instances.json");
  const resPath = join(dir, "results.json");
  writeFileSync(gtPath, JSON.stringify(gt));
  writeFileSync(resPath, JSON.stringify(results));
  console.log(
    `COCO bbox evaluation: ${nImages} images, ${nCats} categories, ${gt.annotations.length} ground-truth boxes, ${results.length} detections`,
  );

  const ours = spawnSync(
    process.execPath,
    ["--max-old-space-size=8192", "--input-type=module", "-e", plumblineChild, gtPath, resPath],
    { encoding: "utf8", maxBuffer: 1 << 26 },
  );
  if (ours.status !== 0) {
    console.error(ours.stderr);
    throw new Error("plumbline child failed (did you run `npx tsc --build`?)");
  }
  const p = JSON.parse(ours.stdout);

  const probe = spawnSync("/usr/bin/python3", ["-c", "import pycocotools.cocoeval"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    console.log(`plumbline: ${p.seconds.toFixed(2)} s, peak RSS ${(p.maxRssKb / 1024).toFixed(0)} MiB`);
    console.log(
      "reference: pycocotools is not importable by /usr/bin/python3 (it is not in Debian; build cocoapi's PythonAPI outside the repo and set PYTHONPATH), skipped",
    );
  } else {
    const ref = spawnSync("/usr/bin/python3", ["-c", pythonChild, gtPath, resPath], {
      encoding: "utf8",
      maxBuffer: 1 << 26,
    });
    if (ref.status !== 0) {
      console.log(`plumbline: ${p.seconds.toFixed(2)} s, peak RSS ${(p.maxRssKb / 1024).toFixed(0)} MiB`);
      console.log(`reference: pycocotools failed: ${ref.stderr.trim().split("\n").pop()}`);
    } else {
      const r = JSON.parse(ref.stdout);
      const maxDiff = Math.max(...p.stats.map((v, i) => Math.abs(v - r.stats[i])));
      console.log(
        `plumbline: ${p.seconds.toFixed(2)} s, reference: ${r.seconds.toFixed(2)} s, ratio: ${(r.seconds / p.seconds).toFixed(1)} x`,
      );
      console.log(
        `peak RSS plumbline: ${(p.maxRssKb / 1024).toFixed(0)} MiB, reference: ${(r.maxRssKb / 1024).toFixed(0)} MiB, ratio: ${(r.maxRssKb / p.maxRssKb).toFixed(1)} x`,
      );
      console.log(`stats agree: max |difference| over the 12 summary numbers = ${maxDiff.toExponential(2)}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
