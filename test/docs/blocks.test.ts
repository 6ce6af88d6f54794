import { resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { blockKey, createSandbox, extractBlocks, runScript, runShell } from "./blocks.js";

const sandbox = createSandbox(resolve("."));
afterAll(() => sandbox.dispose());

const markdown = [
  "# t",
  "```ts",
  "const a = 1;",
  "```",
  "<!-- docs-test: continues -->",
  "```js",
  "console.log(a + 1);",
  "```",
  "<!-- docs-test: skip (needs an API key) -->",
  "",
  "```sh",
  "plumbline eval rag --judge-url $URL",
  "```",
  "<!-- docs-test: skip -->",
  "```bash",
  "echo",
  "```",
  "```python",
  "print(1)",
  "```",
  "````ts",
  "const fence = '```';",
  "````",
].join("\n");

describe("the docs code-block runner", () => {
  it("finds ts/js/sh blocks with their lines and marks, and leaves other languages out", () => {
    const blocks = extractBlocks("x.md", markdown);
    expect(blocks.map((b) => [b.line, b.language, b.continues, b.skip, b.markError])).toEqual([
      [2, "ts", false, undefined, undefined],
      [6, "js", true, undefined, undefined],
      [11, "sh", false, "needs an API key", undefined],
      [15, "sh", false, undefined, 'docs-test mark "skip": write "skip (reason)" or "continues"'],
      [21, "ts", false, undefined, undefined],
    ]);
    expect(blocks[4]!.code).toBe("const fence = '```';");
    expect(blockKey(blocks[0]!)).toBe("x.md: const a = 1;");
  });

  it("runs TypeScript against the build through the package's own name, and reports failures", () => {
    const ok = runScript(
      sandbox,
      "ok",
      'import { binaryAuroc } from "plumbline/classification";\nconst v: number = binaryAuroc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);\nif (v !== 0.75) throw new Error(String(v));',
      "ts",
    );
    expect(ok).toEqual({ ok: true, output: "" });
    const bad = runScript(sandbox, "bad", "undefinedThing();", "js");
    expect(bad.ok).toBe(false);
    expect(bad.output).toContain("ReferenceError: undefinedThing is not defined");
  });

  it("runs shell lines with plumbline as this repository's CLI, in a scratch directory linking the data", () => {
    const run = runShell(
      sandbox,
      "npx plumbline list --task classification | head -3 > out.txt\ntest -s out.txt\nls data/samples/classification/binary_preds.csv",
    );
    expect(run).toEqual({ ok: true, output: "data/samples/classification/binary_preds.csv" });
    expect(runShell(sandbox, "false\necho never").ok).toBe(false);
    expect(runShell(sandbox, "npm ci && npm test").output).toContain('refused: "npm ci && npm test"');
  });
});
