/**
 * The one redaction point of the judge client. Every string the client hands out (reply text,
 * error messages, warnings) passes through the {@link Redactor} built from its secrets, at the
 * moment the text is read from the network, before it is cut, parsed or stored. Caches, result
 * files, reasons and reports only ever see redacted text, so the API key can reach none of them.
 *
 * A server that echoes the request may encode what it echoes, so each secret is removed in every
 * form a reply can plausibly carry: as sent, URL-encoded, JSON-escaped (`\uXXXX` for every
 * character), hex, and base64 at each of the three byte alignments a secret can have inside a
 * longer base64 text (the `Bearer <key>` header value included).
 */

/** Removes every known form of the secrets from a text. */
export type Redactor = (text: string) => string;

/** What a secret is replaced by. */
export const REDACTED = "[redacted]";

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function base64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += BASE64[(n >> 18) & 63]! + BASE64[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? BASE64[(n >> 6) & 63]! : "=";
    out += i + 2 < bytes.length ? BASE64[n & 63]! : "=";
  }
  return out;
}

/**
 * The base64 characters that encode `bytes` whatever its offset inside a longer message: for
 * each alignment (0, 1 or 2 bytes before it), the characters fully determined by the secret.
 */
function base64Cores(bytes: Uint8Array): string[] {
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const padded = new Uint8Array(shift + bytes.length);
    padded.set(bytes, shift);
    let text = base64(padded).replace(/=+$/, "");
    // Characters touched by the padding bytes before, or by unknown bytes after, are dropped.
    const head = Math.ceil((shift * 4) / 3);
    const end = Math.floor(((shift + bytes.length) * 4) / 3);
    text = text.slice(head, end);
    for (const variant of [text, text.replace(/\+/g, "-").replace(/\//g, "_")])
      if (variant.length >= 8) cores.push(variant);
  }
  return cores;
}

/** Every form of one secret that a reply may carry. */
export function secretForms(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const forms = new Set<string>([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
  forms.add(Array.from(secret, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join(""));
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  forms.add(hex);
  for (const core of base64Cores(bytes)) forms.add(core);
  for (const core of base64Cores(new TextEncoder().encode(`Bearer ${secret}`))) forms.add(core);
  return [...forms].filter((f) => f.length > 0).sort((a, b) => b.length - a.length);
}

/**
 * A redactor for `secrets` (empty and very short strings are ignored: a secret of fewer than 4
 * characters would redact ordinary text). Without secrets it returns the text unchanged.
 */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const forms = [...new Set(secrets.filter((s): s is string => typeof s === "string" && s.length >= 4))]
    .flatMap(secretForms)
    .sort((a, b) => b.length - a.length);
  if (forms.length === 0) return (text) => String(text);
  // One case-insensitive pass over every form, longest first (an echo in another case is still the secret).
  const pattern = new RegExp(forms.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "gi");
  return (text) => String(text).replace(pattern, REDACTED);
}
