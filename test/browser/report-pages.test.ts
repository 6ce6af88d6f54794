/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The reports in a real browser (headless Debian Chromium): the page loads nothing from the
 * network, every text of every plot is inside its SVG (long names wrapped, not clipped),
 * legends sit inside their plot frame, heatmap values contrast with their cells, and each plot
 * looks like its committed baseline screenshot within a tolerance.
 *
 * Baselines: test/browser/baselines/<page>-<figure>.png. After a deliberate change to the plots,
 * run `PLUMBLINE_UPDATE_BASELINES=1 npx vitest run test/browser` and look at the new PNGs.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./chromium.js";
import { type FixturePage, fixturePages } from "./fixtures.js";
import { externalUrls } from "./page-checks.js";
import { pixelDiff } from "./pixel-diff.js";

const BASELINES = "test/browser/baselines";
const UPDATE = process.env.PLUMBLINE_UPDATE_BASELINES === "1";
/** Share of pixels allowed to differ (by more than 48 of 255 in a channel) from the baseline. */
const TOLERANCE = 0.005;

let pages: FixturePage[] = [];
let context: BrowserContext;
let close: () => Promise<void>;
const requests: string[] = [];
const dir = mkdtempSync(join(tmpdir(), "plumbline-pages-"));

beforeAll(async () => {
  pages = await fixturePages();
  ({ context, close } = await launchChromium());
  // Anything but the page file itself is recorded and refused.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file://") || url.startsWith("data:")) return route.continue();
    requests.push(url);
    return route.abort();
  });
}, 60_000);

afterAll(async () => {
  await close?.();
});

interface Layout {
  id: string;
  width: number;
  height: number;
  outside: string[];
  legendsOutsideFrame: number;
  legends: number;
  lowContrast: string[];
}

/** Runs in the page: each SVG's texts against its viewport, legends against frames, heatmap contrast. */
function measure(): Layout[] {
  const luminance = (colour: string) => {
    const [r, g, b] = (colour.match(/\d+(\.\d+)?/g) ?? ["0", "0", "0"]).map(Number).map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const contrast = (a: string, b: string) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x! + 0.05) / (y! + 0.05);
  };
  return [...document.querySelectorAll("svg")].map((svg) => {
    const width = svg.viewBox.baseVal.width;
    const height = svg.viewBox.baseVal.height;
    const outside: string[] = [];
    for (const text of svg.querySelectorAll("text")) {
      const box = text.getBBox();
      const m = text.getCTM();
      const inv = svg.getCTM()?.inverse();
      const corners = [
        [box.x, box.y],
        [box.x + box.width, box.y + box.height],
        [box.x + box.width, box.y],
        [box.x, box.y + box.height],
      ].map(([x, y]) => {
        const p = new DOMPoint(x, y).matrixTransform(m!).matrixTransform(inv!);
        return [p.x, p.y];
      });
      const xs = corners.map((c) => c[0]!);
      const ys = corners.map((c) => c[1]!);
      if (
        Math.min(...xs) < -1 ||
        Math.max(...xs) > width + 1 ||
        Math.min(...ys) < -1 ||
        Math.max(...ys) > height + 1
      )
        outside.push(text.textContent ?? "");
    }
    const frame = [...svg.querySelectorAll("rect")].find(
      (r) => r.getAttribute("fill") === "none" && r.getAttribute("stroke") === "#333",
    );
    let legendsOutsideFrame = 0;
    const legends = [...svg.querySelectorAll<SVGGElement>("g.legend")];
    for (const legend of legends) {
      const box = legend.getBBox();
      const f = frame?.getBBox();
      if (
        !f ||
        box.x < f.x ||
        box.y < f.y ||
        box.x + box.width > f.x + f.width ||
        box.y + box.height > f.y + f.height
      )
        legendsOutsideFrame++;
    }
    const lowContrast: string[] = [];
    const cells = [...svg.querySelectorAll("rect")].filter((r) => r.querySelector("title"));
    for (const text of svg.querySelectorAll<SVGTextElement>("text[fill]")) {
      const t = text.getBBox();
      const cx = t.x + t.width / 2;
      const cy = t.y + t.height / 2;
      const cell = cells.find((r) => {
        const b = r.getBBox();
        return cx >= b.x && cx <= b.x + b.width && cy >= b.y && cy <= b.y + b.height;
      });
      if (!cell) continue;
      const ratio = contrast(getComputedStyle(text).fill, getComputedStyle(cell).fill);
      if (ratio < 4.5) lowContrast.push(`${text.textContent} (${ratio.toFixed(2)})`);
    }
    return { id: svg.id, width, height, outside, legendsOutsideFrame, legends: legends.length, lowContrast };
  });
}

describe("reports in headless Chromium", () => {
  it("load nothing from the network and reference no external URL", async () => {
    for (const { name, html } of pages) {
      expect(externalUrls(html), name).toEqual([]);
      const path = join(dir, `${name}.html`);
      writeFileSync(path, html);
      const page = await context.newPage();
      await page.goto(`file://${path}`);
      await page.close();
    }
    expect(requests).toEqual([]);
  });

  it("keep every text inside its plot, legends inside their frames, heatmap values readable", async () => {
    for (const { name, html } of pages) {
      const path = join(dir, `${name}-layout.html`);
      writeFileSync(path, html);
      const page = await context.newPage();
      await page.goto(`file://${path}`);
      const layouts = await page.evaluate(measure);
      await page.close();
      expect(layouts.length, name).toBeGreaterThan(0);
      expect(new Set(layouts.map((l) => l.id)).size, `${name}: unique SVG ids`).toBe(layouts.length);
      for (const layout of layouts) {
        expect(layout.outside, `${name} ${layout.id}: texts outside the SVG`).toEqual([]);
        expect(layout.legendsOutsideFrame, `${name} ${layout.id}: legends outside the frame`).toBe(0);
        expect(layout.lowContrast, `${name} ${layout.id}: heatmap values below contrast 4.5`).toEqual([]);
      }
    }
  });

  it("look like their baseline screenshots", async () => {
    mkdirSync(BASELINES, { recursive: true });
    const failures: string[] = [];
    for (const { name, html } of pages) {
      const path = join(dir, `${name}-shot.html`);
      writeFileSync(path, html);
      const page = await context.newPage();
      await page.goto(`file://${path}`);
      for (const svg of await page.locator("svg").all()) {
        const id = await svg.getAttribute("id");
        const shot = await svg.screenshot({ animations: "disabled" });
        const baseline = join(BASELINES, `${name}-${id}.png`);
        if (UPDATE) {
          writeFileSync(baseline, shot);
          continue;
        }
        if (!existsSync(baseline)) {
          failures.push(`${baseline} is missing (PLUMBLINE_UPDATE_BASELINES=1 writes it)`);
          continue;
        }
        const diff = pixelDiff(new Uint8Array(readFileSync(baseline)), new Uint8Array(shot));
        if (!diff.sameSize || diff.share > TOLERANCE) {
          const actual = join(dir, `${name}-${id}.actual.png`);
          writeFileSync(actual, shot);
          failures.push(
            `${baseline}: ${diff.sameSize ? `${(diff.share * 100).toFixed(2)}% of pixels differ` : "size differs"} (actual: ${actual})`,
          );
        }
      }
      await page.close();
    }
    expect(failures).toEqual([]);
  });
});
