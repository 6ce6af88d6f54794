import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/program.js";

/** Every command path with its options, in registration order. */
function tree(command: Command, prefix = ""): string[] {
  return command.commands.flatMap((c) => {
    const name = `${prefix}${c.name()}`;
    return [`${name}: ${c.options.map((o) => o.flags).join(" ")}`, ...tree(c, `${name} `)];
  });
}

describe("the CLI loads only the command it runs (cli/program.ts)", () => {
  it("registers the named command, or eval task, exactly as the full tree has it", async () => {
    const full = tree(await buildProgram());
    const tasks = (await buildProgram(["eval"])).commands[0]!.commands.map((c) => c.name());
    expect(tasks.length).toBeGreaterThan(5);
    expect(tasks.map((task) => `eval ${task}:`)).toEqual(
      full.filter((line) => line.startsWith("eval ")).map((line) => line.replace(/:.*/, ":")),
    );
    for (const task of tasks) {
      const one = tree(await buildProgram(["eval", task, "--preds", "x"]));
      expect(one).toEqual(
        full.filter((line) => line.startsWith("eval:") || line.startsWith(`eval ${task}:`)),
      );
    }
    const top = (await buildProgram()).commands.map((c) => c.name());
    for (const name of top) {
      const one = tree(await buildProgram([name]));
      // The named command as the full tree has it, and only commands of the full tree.
      const own = full.filter((line) => line.startsWith(`${name}:`) || line.startsWith(`${name} `));
      expect(one.filter((line) => own.includes(line))).toEqual(own);
      expect(one.every((line) => full.includes(line))).toBe(true);
      if (name !== "eval") expect(one.length).toBeLessThan(full.length / 2);
    }
  });

  it("registers every command for help or an unknown name, and none for --version", async () => {
    const all = (await buildProgram()).commands.length;
    expect(all).toBeGreaterThan(5);
    expect((await buildProgram(["--help"])).commands).toHaveLength(all);
    expect((await buildProgram(["evl", "classification"])).commands).toHaveLength(all);
    expect((await buildProgram(["eval", "clasification"])).commands[0]!.commands).toHaveLength(7);
    expect((await buildProgram(["--version"])).commands).toHaveLength(0);
  });
});
