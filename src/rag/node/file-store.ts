import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fail } from "../../core/errors.js";
import type { JudgmentStore } from "../cache.js";

let sequence = 0;

/**
 * A judgment store in a directory (Node only): one JSON file per entry at
 * `<dir>/<first two hex digits>/<key>.json`, written to a temporary file and renamed into place,
 * so a killed run never leaves a half-written entry under a real name. Keys must be SHA-256 hex
 * (the cache's keys), so no key can name a path outside the directory. A missing file is a miss;
 * an unparsable one comes back as its text and an unreadable one as an error, and the cache
 * counts either as a miss.
 */
export function fileStore(dir: string): JudgmentStore {
  if (typeof dir !== "string" || dir === "")
    fail("invalid_option", `fileStore: \`dir\` must be a non-empty path, got ${JSON.stringify(dir)}`);
  const pathOf = (key: string) => {
    if (!/^[0-9a-f]{64}$/.test(key))
      fail("invalid_value", `fileStore: keys are SHA-256 hex, got ${JSON.stringify(key)}`);
    return join(dir, key.slice(0, 2), `${key}.json`);
  };
  return {
    description: `directory ${dir}`,
    async get(key) {
      let text: string;
      try {
        text = await readFile(pathOf(key), "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
      try {
        return JSON.parse(text);
      } catch {
        return text; // not JSON: the cache sees no entry format and counts a bad entry
      }
    },
    async set(key, value) {
      const path = pathOf(key);
      await mkdir(join(dir, key.slice(0, 2)), { recursive: true });
      const tmp = `${path}.${process.pid}.${++sequence}.tmp`;
      try {
        await writeFile(tmp, JSON.stringify(value));
        await rename(tmp, path);
      } catch (error) {
        await rm(tmp, { force: true }).catch(() => {});
        throw error;
      }
    },
  };
}
