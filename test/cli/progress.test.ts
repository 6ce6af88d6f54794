import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { startProgress } from "../../src/cli/grammar.js";

/** A stream that records what is written, claiming to be a terminal or not. */
function stream(isTTY: boolean) {
  const s = new PassThrough();
  let text = "";
  s.on("data", (d) => {
    text += String(d);
  });
  return {
    stream: Object.assign(s, { isTTY, columns: 80 }) as unknown as NodeJS.WriteStream,
    text: () => text,
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 100));

describe("startProgress", () => {
  it("draws a bar on a terminal once the work has lasted the delay", async () => {
    const out = stream(true);
    const progress = startProgress("reading", 1000, { delayMs: 0, stream: out.stream });
    progress.update(100);
    await tick();
    progress.update(600);
    progress.stop();
    expect(out.text()).toContain("reading [");
    expect(out.text()).toContain("60%");
  });

  it("draws during synchronous work too (no event-loop turn between updates)", () => {
    const out = stream(true);
    const progress = startProgress("matching", 4, { delayMs: 0, stream: out.stream });
    for (let done = 1; done <= 4; done++) progress.update(done);
    progress.stop();
    // The stream buffers writes until the loop turns; what was written is what the bar drew.
    return tick().then(() => {
      expect(out.text()).toContain("matching [");
    });
  });

  it("stays silent when stderr is not a terminal, and before the delay", async () => {
    const pipe = stream(false);
    const quiet = startProgress("reading", 1000, { delayMs: 0, stream: pipe.stream });
    quiet.update(500);
    await tick();
    quiet.update(900);
    quiet.stop();
    const early = stream(true);
    const fast = startProgress("reading", 1000, { stream: early.stream });
    fast.update(500);
    await tick();
    fast.stop();
    expect(pipe.text() + early.text()).toBe("");
  });
});
