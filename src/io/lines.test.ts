import { describe, expect, it } from "vitest";
import { readAllLines, readLines } from "./lines.js";
import { bufferSource } from "./source.js";

describe("readLines", () => {
  it("splits on LF and CRLF, keeps a last line without newline, skips a BOM, batches", async () => {
    expect(await readAllLines(bufferSource("t", "a.txt", "\uFEFFone\r\ntwo\n\nthree"), "t")).toEqual([
      "one",
      "two",
      "",
      "three",
    ]);
    const batches: string[][] = [];
    for await (const b of readLines(bufferSource("t", "a.txt", "1\n2\n3\n"), "t", 2)) batches.push(b);
    expect(batches).toEqual([["1", "2"], ["3"]]);
  });
  it("refuses bytes that are not UTF-8, naming the line", async () => {
    await expect(
      readAllLines(bufferSource("t", "a.txt", Buffer.from([0x61, 0x0a, 0xff, 0x0a])), "t"),
    ).rejects.toThrow("t: a.txt line 2 is not valid UTF-8");
  });
});
