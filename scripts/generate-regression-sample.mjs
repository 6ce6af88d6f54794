#!/usr/bin/env node
/**
 * Writes data/samples/regression/{target,preds}.csv: a small, realistic regression sample
 * (delivery times in minutes for 240 orders) from a seeded generator, so it is reproducible.
 * The model is decent on most orders, biased slightly low on long trips, and misses five
 * outliers badly (traffic jams the model never saw): the sample shows how MSE/RMSE react to
 * outliers while MAE, the median absolute error and Spearman barely move.
 *
 * Run: node scripts/generate-regression-sample.mjs
 */
import { mkdirSync, writeFileSync } from "node:fs";

/** mulberry32, seeded. */
function generator(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = generator(20260127);
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

const n = 240;
const target = [];
const preds = [];
for (let i = 0; i < n; i++) {
  const distanceKm = 0.5 + 14 * random() ** 1.5;
  const prep = 8 + 6 * random();
  const actual = prep + 3.2 * distanceKm + normal() * (1 + 0.15 * distanceKm);
  const predicted = prep + 2.9 * distanceKm + 1.5 + normal() * 1.5;
  target.push(actual);
  preds.push(predicted);
}
// Five orders stuck in traffic: the true time is far above the prediction.
for (const i of [17, 63, 118, 171, 229]) target[i] += 35 + 25 * random();

const dir = new URL("../data/samples/regression/", import.meta.url);
mkdirSync(dir, { recursive: true });
const round = (v) => Math.round(v * 100) / 100;
writeFileSync(new URL("target.csv", dir), `actual_minutes\n${target.map((v) => round(v)).join("\n")}\n`);
writeFileSync(new URL("preds.csv", dir), `predicted_minutes\n${preds.map((v) => round(v)).join("\n")}\n`);
console.log(`wrote ${n} rows to data/samples/regression/`);
