/**
 * The code blocks of the README and docs/*.md, and how to run one (test/docs/code-blocks.test.ts).
 *
 * Every ```ts, ```js and ```sh block runs on the bundled sample data. A comment on the line
 * before a fence changes that:
 *
 *     <!-- docs-test: skip (needs an API key) -->      the block is not run; the reason is required
 *     <!-- docs-test: continues -->                    the block runs after the previous block of
 *                                                      the same file, as one program (ts/js)
 *
 * ts/js blocks run as ES modules under Node (TypeScript through esbuild's type stripping); their
 * `plumbline/...` imports resolve to this repository's build by the package's self-reference.
 * sh blocks run line by line in bash with `set -e -o pipefail`, where `plumbline` and `npx
 * plumbline` run this repository's CLI; `npm ci`, `npm install` and `npm test` are refused (they
 * would reinstall or re-run the repository: mark such a block skip). Both run in a scratch
 * directory that links the repository's data/, test/, docs/ and examples/, so files a block
 * writes do not land in the repository.
 */
import { spawnSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { transformSync } from "esbuild";

export type BlockLanguage = "ts" | "js" | "sh";

export interface CodeBlock {
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly language: BlockLanguage;
  readonly code: string;
  /** Why the block is not run (a `docs-test: skip (...)` mark). */
  readonly skip?: string;
  /** Runs after the previous ts/js block of the file, as one program. */
  readonly continues: boolean;
  /** A malformed mark (skip without a reason, unknown word). */
  readonly markError?: string;
}

const LANGUAGES: Readonly<Record<string, BlockLanguage>> = {
  ts: "ts",
  typescript: "ts",
  js: "js",
  javascript: "js",
  mjs: "js",
  sh: "sh",
  bash: "sh",
  shell: "sh",
};

const MARK = /^<!--\s*docs-test:\s*(.*?)\s*-->\s*$/;

/** The runnable blocks of a Markdown text (other languages are left out). */
export function extractBlocks(file: string, text: string): CodeBlock[] {
  const lines = text.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[2]!;
    let end = i + 1;
    while (end < lines.length && !lines[end]!.trim().startsWith(fence)) end++;
    const language = LANGUAGES[open[3]!.toLowerCase()];
    if (language) {
      let before = i - 1;
      while (before >= 0 && lines[before]!.trim() === "") before--;
      const mark = before >= 0 ? MARK.exec(lines[before]!.trim()) : null;
      let skip: string | undefined;
      let continues = false;
      let markError: string | undefined;
      if (mark) {
        const words = mark[1]!;
        const skipped = /^skip\s*\((.+)\)$/.exec(words);
        if (skipped) skip = skipped[1]!.trim();
        else if (words === "continues") continues = true;
        else markError = `docs-test mark ${JSON.stringify(words)}: write "skip (reason)" or "continues"`;
      }
      blocks.push({
        file,
        line: i + 1,
        language,
        code: lines.slice(i + 1, end).join("\n"),
        ...(skip !== undefined ? { skip } : {}),
        continues,
        ...(markError !== undefined ? { markError } : {}),
      });
    }
    i = end;
  }
  return blocks;
}

/** README.md and docs/*.md of the repository at `root`, in a stable order. */
export function documentationFiles(root: string): string[] {
  const docs = readdirSync(join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => `docs/${f}`);
  return ["README.md", ...docs];
}

/** What running a block gave. */
export interface BlockRun {
  readonly ok: boolean;
  readonly output: string;
}

/** Where blocks run: module files inside the package (self-reference), a scratch working directory. */
export interface Sandbox {
  readonly root: string;
  readonly modules: string;
  readonly cwd: string;
  dispose(): void;
}

export function createSandbox(root: string): Sandbox {
  mkdirSync(join(root, "dist"), { recursive: true });
  const modules = mkdtempSync(join(root, "dist", ".docs-run-"));
  const cwd = mkdtempSync(join(tmpdir(), "plumbline-docs-"));
  for (const linked of ["data", "test", "docs", "examples"])
    symlinkSync(join(root, linked), join(cwd, linked));
  return {
    root,
    modules,
    cwd,
    dispose() {
      rmSync(modules, { recursive: true, force: true });
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}

const REFUSED = /(^|[;&|]\s*)npm\s+(ci|install|i|test|t|run\s+test)\b/;

/** Runs a ts/js program (the block and the blocks it continues). */
export function runScript(
  sandbox: Sandbox,
  name: string,
  code: string,
  language: "ts" | "js",
  timeout = 120_000,
): BlockRun {
  let js: string;
  try {
    js = transformSync(code, { loader: language, format: "esm", target: "es2022" }).code;
  } catch (error) {
    return { ok: false, output: `does not compile: ${(error as Error).message}` };
  }
  const path = join(sandbox.modules, `${name.replace(/[^\w.-]+/g, "_")}.mjs`);
  writeFileSync(path, js);
  const result = spawnSync(process.execPath, [path], { cwd: sandbox.cwd, encoding: "utf8", timeout });
  return {
    ok: result.status === 0,
    output: `${result.stdout}${result.stderr}${result.error ? String(result.error) : ""}`.trim(),
  };
}

/** Runs an sh block line by line (`set -e`), with `plumbline` and `npx plumbline` as this repository's CLI. */
export function runShell(sandbox: Sandbox, code: string, timeout = 300_000): BlockRun {
  const refused = code.split("\n").find((l) => REFUSED.test(l.replace(/#.*$/, "")));
  if (refused)
    return {
      ok: false,
      output: `refused: ${JSON.stringify(refused.trim())} would reinstall or re-run the repository; mark the block <!-- docs-test: skip (reason) -->`,
    };
  const cli = join(sandbox.root, "dist/cli/main.js");
  const prelude = [
    "set -e -o pipefail",
    `plumbline() { node ${JSON.stringify(cli)} "$@"; }`,
    'npx() { if [ "$1" = plumbline ]; then shift; plumbline "$@"; else command npx "$@"; fi; }',
  ].join("\n");
  const result = spawnSync("bash", ["-c", `${prelude}\n${code}`], {
    cwd: sandbox.cwd,
    encoding: "utf8",
    timeout,
    env: { ...process.env, NO_COLOR: "1" },
  });
  return {
    ok: result.status === 0,
    output:
      `${result.stdout.slice(-2000)}${result.stderr.slice(-2000)}${result.error ? String(result.error) : ""}`.trim(),
  };
}

/** A block's identity that survives edits above it: the file and its first code line. */
export function blockKey(block: CodeBlock): string {
  const first = block.code.split("\n").find((l) => l.trim() !== "") ?? "";
  return `${block.file}: ${first.trim()}`;
}

/** The blocks expected to fail today, with why (test/docs/known-failing.json). */
export function knownFailing(root: string): Map<string, string> {
  const entries = JSON.parse(readFileSync(join(root, "test/docs/known-failing.json"), "utf8")) as {
    block: string;
    reason: string;
  }[];
  return new Map(entries.map((e) => [e.block, e.reason]));
}
