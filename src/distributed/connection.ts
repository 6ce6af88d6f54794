/**
 * Redis connection options from a URL (`redis://[user:password@]host[:port][/db]`, `rediss://`
 * for TLS), and how the server is named in messages: host and port only, never the password.
 */
import { describeValue, fail } from "../core/errors.js";

/** The ioredis options BullMQ takes, and the server as messages name it. */
export interface RedisTarget {
  readonly connection: {
    host: string;
    port: number;
    username?: string;
    password?: string;
    db?: number;
    tls?: Record<string, never>;
    maxRetriesPerRequest: null;
    retryStrategy?: (times: number) => number | null;
  };
  /** `host:port` (no credentials). */
  readonly where: string;
}

/**
 * Parses a Redis URL. `failFast` gives up after 5 failed connection attempts (3 s)
 * (a producer waiting on a server that is not there); a worker retries for ever.
 */
export function redisTarget(fn: string, url: unknown, failFast: boolean): RedisTarget {
  let parsed: URL | undefined;
  try {
    parsed = typeof url === "string" ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  if (
    parsed === undefined ||
    (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") ||
    !parsed.hostname
  )
    return fail(
      "invalid_option",
      `${fn}: --redis must be a URL redis://[user:password@]host[:port][/db] (rediss:// for TLS), got ${typeof url === "string" ? JSON.stringify(url.replace(/\/\/[^@/]*@/, "//***@")) : describeValue(url)}`,
    );
  const port = parsed.port === "" ? 6379 : Number(parsed.port);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : undefined;
  if (db !== undefined && !(Number.isInteger(db) && db >= 0))
    fail(
      "invalid_option",
      `${fn}: --redis database must be a number after the slash, got ${JSON.stringify(parsed.pathname)}`,
    );
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  return {
    connection: {
      host,
      port,
      ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
      ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
      ...(db !== undefined ? { db } : {}),
      ...(parsed.protocol === "rediss:" ? { tls: {} } : {}),
      maxRetriesPerRequest: null,
      ...(failFast ? { retryStrategy: (times: number) => (times > 5 ? null : 200 * times) } : {}),
    },
    where: `${host}:${port}`,
  };
}
