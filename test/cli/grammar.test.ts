import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/program.js";
import { runCli } from "./run.js";

/** Every leaf command of the CLI with its full name (`plumbline eval classification`). */
function leafCommands(command: Command, prefix = "plumbline"): { name: string; command: Command }[] {
  return command.commands.flatMap((c) => {
    const name = `${prefix} ${c.name()}`;
    return c.commands.length > 0 ? leafCommands(c, name) : [{ name, command: c }];
  });
}

/** The rows of the command table in docs/cli.md, by command. */
function documentedRows(): Map<string, { args: string[]; flags: string[]; formats: string[] }> {
  const rows = new Map<string, { args: string[]; flags: string[]; formats: string[] }>();
  const ticks = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  for (const line of readFileSync("docs/cli.md", "utf8").split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    if (cells.length < 6 || !cells[1]!.startsWith("`plumbline")) continue;
    rows.set(ticks(cells[1]!)[0]!, {
      args: ticks(cells[2]!),
      flags: ticks(cells[3]!),
      formats: cells[4]!.split(",").map((f) => f.trim()),
    });
  }
  return rows;
}

/** The formats a command offers: `--format`'s choices, or table (+ json with `--json`). */
function formatsOf(command: Command): string[] {
  const format = command.options.find((o) => o.long === "--format");
  if (format) return format.description.replace(/^output format: /, "").split(" | ");
  return command.options.some((o) => o.long === "--json") ? ["table", "json"] : ["table"];
}

const program = await buildProgram();

describe("the CLI grammar (docs/cli.md)", () => {
  const rows = documentedRows();
  const commands = leafCommands(program);

  it("documents every registered command with its arguments, flags and formats", () => {
    for (const { name, command } of commands) {
      const row = rows.get(name);
      const flags = command.options.map((o) => o.long!);
      const args = command.registeredArguments.map((a) => (a.variadic ? `${a.name()}...` : a.name()));
      const formats = formatsOf(command);
      const want = `| \`${name}\` | ${args.map((a) => `\`${a}\``).join(", ")} | ${flags.map((f) => `\`${f}\``).join(", ")} | ${formats.join(", ")} |`;
      expect(
        row,
        `${name} is registered but docs/cli.md has no row for it; add\n${want}\nto the command table (whoever adds a command adds its row)`,
      ).toBeDefined();
      expect(
        { args: row!.args, flags: [...row!.flags].sort(), formats: row!.formats },
        `docs/cli.md's row for ${name} is out of date; it should read\n${want}`,
      ).toEqual({ args, flags: [...flags].sort(), formats });
    }
    const registered = new Set(commands.map((c) => c.name));
    for (const name of rows.keys())
      expect(registered.has(name), `docs/cli.md lists ${name}, which is not registered`).toBe(true);
  });

  it("rejects an unknown --format in one line with exit code 2 and the vocabulary", async () => {
    const withFormat = commands.filter(({ command }) => command.options.some((o) => o.long === "--format"));
    expect(withFormat.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        "plumbline conformance",
        "plumbline eval classification",
        "plumbline eval regression",
        "plumbline merge",
      ]),
    );
    const base: Record<string, string[]> = {
      "plumbline conformance": ["--cases", "test/data/conformance/cases.json"],
      "plumbline eval classification": ["--preds", "x.csv", "--target", "x.csv"],
      "plumbline eval regression": ["--preds", "x.csv", "--target", "x.csv"],
      "plumbline merge": ["x.json"],
    };
    for (const { name } of withFormat) {
      if (!(name in base)) continue;
      const run = await runCli([...name.split(" ").slice(1), ...base[name]!, "--format", "jsno"]);
      expect(run.code, name).toBe(2);
      const command = name.replace(/^plumbline /, "");
      expect(run.err).toBe(
        `plumbline: ${command}: --format must be one of table, json, csv, got "jsno" (did you mean \`json\`?)\n`,
      );
    }
  });

  it("ends quietly when stdout is closed early (| head)", () => {
    const cases = "test/data/conformance/cases.json";
    const run = spawnSync(
      "bash",
      [
        "-c",
        `node dist/cli/main.js conformance --cases ${cases} ${cases} --family classification --format json | head -c 10 >/dev/null; echo "exit \${PIPESTATUS[0]}" >&2`,
      ],
      { encoding: "utf8" },
    );
    expect(run.stderr.trim().split("\n")).toEqual(["504 passed, 0 failed", "exit 0"]);
  });

  it("exits 2 with the vocabulary when a conformance filter matches nothing (no vacuous pass)", () => {
    const run = spawnSync(
      "node",
      ["dist/cli/main.js", "conformance", "--cases", "test/data/conformance/cases.json", "--family", "nope"],
      {
        encoding: "utf8",
      },
    );
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      'plumbline: conformance: --family "nope" matches no case; families in these files: classification, depth, detection, generative, image, losses, regression, retrieval, segmentation, text\n',
    );
    const metric = spawnSync(
      "node",
      [
        "dist/cli/main.js",
        "conformance",
        "--cases",
        "test/data/conformance/cases.json",
        "--family",
        "regression",
        "--metric",
        "concordanse",
      ],
      { encoding: "utf8" },
    );
    expect(metric.status).toBe(2);
    expect(metric.stderr).toMatch(
      /^plumbline: conformance: --metric "concordanse" matches no case \(did you mean `concordance`\?\); metrics of regression: /,
    );
  });
});
