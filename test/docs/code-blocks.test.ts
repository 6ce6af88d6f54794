/**
 * Every ts/js/sh code block of README.md and docs/*.md runs on the bundled sample data (issue 10
 * §2). How blocks run and how to mark one that cannot: test/docs/blocks.ts. Blocks listed in
 * test/docs/known-failing.json are expected to fail until the text around them is fixed; one
 * that starts passing must leave the list.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  blockKey,
  type CodeBlock,
  createSandbox,
  documentationFiles,
  extractBlocks,
  knownFailing,
  runScript,
  runShell,
} from "./blocks.js";

const ROOT = resolve(".");
const sandbox = createSandbox(ROOT);
afterAll(() => sandbox.dispose());

const known = knownFailing(ROOT);
const blocks: CodeBlock[] = documentationFiles(ROOT).flatMap((file) =>
  extractBlocks(file, readFileSync(resolve(ROOT, file), "utf8")),
);

/** The program a ts/js block runs as: the blocks it continues, then itself. */
function program(index: number): string {
  const parts = [blocks[index]!.code];
  for (let i = index; blocks[i]!.continues && i > 0 && blocks[i - 1]!.file === blocks[i]!.file; i--)
    parts.unshift(blocks[i - 1]!.code);
  return parts.join("\n");
}

describe("code blocks of the README and the docs", () => {
  it("finds the blocks, and every mark is well formed", () => {
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.filter((b) => b.markError).map((b) => `${b.file}:${b.line} ${b.markError}`)).toEqual([]);
  });

  it("lists in known-failing.json only blocks that exist", () => {
    const keys = new Set(blocks.map(blockKey));
    expect([...known.keys()].filter((k) => !keys.has(k))).toEqual([]);
  });

  blocks.forEach((block, index) => {
    const name = `${block.file}:${block.line} (${block.language})`;
    if (block.skip !== undefined) {
      it.skip(`${name}: ${block.skip}`, () => {});
      return;
    }
    it(name, () => {
      const run =
        block.language === "sh"
          ? runShell(sandbox, block.code)
          : runScript(sandbox, `${block.file}-${block.line}`, program(index), block.language);
      const expected = known.get(blockKey(block));
      if (expected !== undefined) {
        expect(run.ok, `${name} now runs: remove it from test/docs/known-failing.json`).toBe(false);
      } else {
        expect(run.ok, `${name} failed:\n${run.output}`).toBe(true);
      }
    }, 360_000);
  });
});
