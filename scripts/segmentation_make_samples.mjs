// Writes the segmentation demo sample (seeded): data/samples/segmentation/{preds,target}/ with
// four 48x64 label maps (classes 0..3, 255 = ignore in the targets' borders) as 8-bit grey PNGs
// and one as a NumPy .npy (int64), plus panoptic.json (a small panoptic pair).
//   node scripts/segmentation_make_samples.mjs
import { mkdirSync, writeFileSync } from "node:fs";
import { encode } from "fast-png";
import { seededRandom } from "../dist/core/random.js";

const rand = seededRandom(99).next;
const H = 48;
const W = 64;

function scene() {
  const target = new Uint8Array(H * W);
  const blobs = Array.from({ length: 3 }, (_, k) => ({
    cls: k + 1,
    cy: rand() * H,
    cx: rand() * W,
    ry: 5 + rand() * 12,
    rx: 5 + rand() * 16,
  }));
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++)
      for (const b of blobs)
        if (((y - b.cy) / b.ry) ** 2 + ((x - b.cx) / b.rx) ** 2 <= 1) target[y * W + x] = b.cls;
  const preds = new Uint8Array(H * W);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const sy = Math.min(H - 1, Math.max(0, y + Math.round((rand() - 0.5) * 2)));
      preds[y * W + x] = rand() < 0.03 ? Math.floor(rand() * 4) : target[sy * W + Math.min(W - 1, x + 1)];
    }
  // An ignore frame in the target, as VOC-style datasets mark boundaries with 255.
  for (let x = 0; x < W; x++) target[x] = 255;
  return { preds, target };
}

function npy(data, shape) {
  let header = `{'descr': '<i8', 'fortran_order': False, 'shape': (${shape.join(", ")}), }`;
  const total = 10 + header.length + 1;
  header += `${" ".repeat((64 - (total % 64)) % 64)}\n`;
  const out = new Uint8Array(10 + header.length + data.length * 8);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  const view = new DataView(out.buffer, 10 + header.length);
  for (let i = 0; i < data.length; i++) view.setBigInt64(i * 8, BigInt(data[i]), true);
  return out;
}

const base = new URL("../data/samples/segmentation/", import.meta.url);
for (const sub of ["preds", "target"]) mkdirSync(new URL(`${sub}/`, base), { recursive: true });
for (let i = 1; i <= 4; i++) {
  const { preds, target } = scene();
  const name = `scene${i}`;
  if (i === 4) {
    writeFileSync(new URL(`preds/${name}.npy`, base), npy(preds, [H, W]));
    writeFileSync(new URL(`target/${name}.npy`, base), npy(target, [H, W]));
  } else {
    writeFileSync(
      new URL(`preds/${name}.png`, base),
      encode({ width: W, height: H, data: preds, channels: 1, depth: 8 }),
    );
    writeFileSync(
      new URL(`target/${name}.png`, base),
      encode({ width: W, height: H, data: target, channels: 1, depth: 8 }),
    );
  }
}
// A small panoptic pair: [1, 12, 16, 2] (category, instance); things 1, 2; stuffs 10, 11.
const pan = (shift) => {
  const img = [];
  for (let y = 0; y < 12; y++) {
    const row = [];
    for (let x = 0; x < 16; x++) {
      if (y < 4) row.push([10, 0]);
      else if (x + shift < 7) row.push([1, 1]);
      else if (x + shift < 12) row.push([1, 2]);
      else if (y > 9) row.push([2, 1]);
      else row.push([11, 0]);
    }
    img.push(row);
  }
  return [img];
};
writeFileSync(
  new URL("panoptic.json", base),
  `${JSON.stringify({ things: [1, 2], stuffs: [10, 11], preds: pan(1), target: pan(0) })}\n`,
);
console.log("wrote 4 label-map pairs and panoptic.json");
