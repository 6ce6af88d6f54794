/**
 * The judgment cache: parsed judgments (and embeddings) keyed by a hash of the request, behind
 * an injected store, so the same code runs in browsers (memory or IndexedDB stores) and in Node
 * (`fileStore` from `plumbline/rag/node`).
 *
 * - Key: SHA-256 of the canonical JSON of what determines the answer: the judge's identity
 *   (model and request parameters), the prompt template's id and version, the rendered messages
 *   (which hold the inputs) and the trial number. Never headers, never the API key.
 * - Value: `{ format, value }` where `value` is the judgment after its schema parsed it. Raw
 *   replies are never stored, and a malformed reply is never cached (it fails the schema first).
 * - Reads re-validate the entry with the same schema: a damaged entry (`{"value": null}`, a
 *   truncated file, another format) is a miss, counted in `badEntries`, and is overwritten.
 * - A store that fails to write does not lose the judgment: the value is returned, the first
 *   failure is reported once through `onWarning`, and `stats().writeFailures` tells the caller
 *   (the CLI turns it into its exit code).
 */
import { sha256 } from "../core/sha256.js";
import { canonicalJson } from "../metric.js";
import type { Schema } from "./schema.js";

/** Where cache entries live. `get` resolves to undefined on a miss. */
export interface JudgmentStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  /** Where the entries go, for messages ("directory .plumbline-cache"). */
  readonly description?: string;
}

/** Counters of a {@link JudgmentCache}. */
export interface CacheStats {
  hits: number;
  misses: number;
  writes: number;
  badEntries: number;
  readFailures: number;
  writeFailures: number;
  /** The first write failure's message (absent while writes succeed). */
  firstWriteFailure?: string;
}

/** A store with the read/write policy above. */
export interface JudgmentCache {
  /** The cached value of `key` if the store holds a valid one, else undefined. */
  read<T>(key: string, schema: Schema<T>): Promise<T | undefined>;
  /** Stores a value; never throws (failures are counted and reported once). */
  write(key: string, value: unknown): Promise<void>;
  stats(): CacheStats;
}

/** The format tag of cache entries; a change of layout changes it, so old entries become misses. */
export const CACHE_FORMAT = "plumbline-judgment/1";

/** SHA-256 hex of the canonical JSON of `parts` (object keys sorted). */
export function requestKey(parts: unknown): string {
  return sha256(canonicalJson(parts));
}

/** A store in memory (the default in browsers and tests). */
export function memoryStore(): JudgmentStore & { readonly size: number } {
  const entries = new Map<string, string>();
  return {
    description: "memory",
    get size() {
      return entries.size;
    },
    async get(key) {
      const text = entries.get(key);
      return text === undefined ? undefined : JSON.parse(text);
    },
    async set(key, value) {
      entries.set(key, JSON.stringify(value));
    },
  };
}

/** Wraps a store with the cache policy (see the module comment). */
export function judgmentCache(
  store: JudgmentStore,
  options: { onWarning?: (message: string) => void } = {},
): JudgmentCache {
  const stats: CacheStats = {
    hits: 0,
    misses: 0,
    writes: 0,
    badEntries: 0,
    readFailures: 0,
    writeFailures: 0,
  };
  const where = store.description ?? "the store";
  return {
    async read<T>(key: string, schema: Schema<T>) {
      let entry: unknown;
      try {
        entry = await store.get(key);
      } catch {
        stats.readFailures++;
        stats.misses++;
        return undefined;
      }
      if (entry === undefined) {
        stats.misses++;
        return undefined;
      }
      const record = entry as { format?: unknown; value?: unknown } | null;
      try {
        if (record === null || typeof record !== "object" || record.format !== CACHE_FORMAT)
          throw new Error("not a cache entry");
        const value = schema.parse(record.value);
        stats.hits++;
        return value;
      } catch {
        stats.badEntries++;
        stats.misses++;
        return undefined;
      }
    },
    async write(key, value) {
      try {
        await store.set(key, { format: CACHE_FORMAT, value });
        stats.writes++;
      } catch (error) {
        stats.writeFailures++;
        if (stats.firstWriteFailure === undefined) {
          const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
          stats.firstWriteFailure = `cannot write the judgment cache in ${where} (${reason}); judgments are kept for this run but will be paid again next time`;
          options.onWarning?.(stats.firstWriteFailure);
        }
      }
    },
    stats: () => ({ ...stats }),
  };
}
