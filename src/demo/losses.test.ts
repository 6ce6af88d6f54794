/**
 * `plumbline demo`'s losses section from the built CLI, in a child process: with TensorFlow.js it
 * prints its table and no TensorFlow.js banner; without it (every "@tensorflow/..." import made
 * to fail) it prints one line saying what to install and the other sections still run, exit 0.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
const withoutTfjs = fileURLToPath(new URL("../../test/support/without-tfjs.mjs", import.meta.url));

function demo(args: string[], nodeArgs: string[] = []) {
  const run = spawnSync(process.execPath, [...nodeArgs, cli, "demo", ...args], { encoding: "utf8" });
  return { out: run.stdout, err: run.stderr, code: run.status };
}

describe("demo: losses section", () => {
  it("trains the four losses and prints their metrics, with no TensorFlow.js banner anywhere", () => {
    const { out, err, code } = demo(["--only", "losses"]);
    expect(code).toBe(0);
    expect(out).toContain("AUROC");
    expect(out).toContain("focal (alpha .25, gamma 2)");
    expect(`${out}${err}`).not.toContain("looks like you are running TensorFlow.js");
    expect(err).toBe("");
  });

  it("without TensorFlow.js says how to enable it in one line, and the rest of the demo runs", () => {
    const { out, err, code } = demo(["--only", "losses,regression"], ["--import", withoutTfjs]);
    expect(code).toBe(0);
    const section = out.split("== losses ==\n")[1]!.split("\n== regression ==")[0]!.trim();
    expect(section).toBe(
      "skipped: TensorFlow.js is not installed (@tensorflow/tfjs-core is missing); `npm install @tensorflow/tfjs-core@4 @tensorflow/tfjs-backend-cpu@4 @tensorflow/tfjs-layers@4` enables it (then run `plumbline demo --only losses`)",
    );
    expect(out).toContain("R²");
    expect(err).toBe("");
  });
});
