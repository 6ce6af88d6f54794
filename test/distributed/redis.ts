import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Debian's Redis server, which .ci/run installs. */
export const REDIS_SERVER = "/usr/bin/redis-server";

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once `child`'s `stream` has printed a line matching `pattern`. */
export function waitForLine(
  child: ChildProcess,
  stream: "stdout" | "stderr",
  pattern: RegExp,
  what: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    const onData = (data: Buffer) => {
      text += data.toString();
      const line = text.split("\n").find((l) => pattern.test(l));
      if (line !== undefined) {
        child[stream]!.off("data", onData);
        resolve(line);
      }
    };
    child[stream]!.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`${what} exited (${code}) before printing ${pattern}: ${text}`)),
    );
  });
}

/** Resolves with the exit code once `child` has exited. */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/**
 * Starts Debian's redis-server on 127.0.0.1 on a free port, without persistence. Throws (the
 * test fails, loudly) when the binary is missing: the test never skips.
 */
export async function startRedis(): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  if (!existsSync(REDIS_SERVER))
    throw new Error(
      `${REDIS_SERVER} is missing: the distributed tests need Debian's redis-server (apt-get install redis-server; .ci/run installs it)`,
    );
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "plumbline-redis-"));
  const server = spawn(
    REDIS_SERVER,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  await waitForLine(server, "stdout", /Ready to accept connections/, "redis-server");
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      server.kill("SIGTERM");
      await exited(server);
    },
  };
}
