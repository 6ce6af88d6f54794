import type { ChatMessage } from "./types.js";

/**
 * Token estimates for cost planning (`--dry-run`, `--max-cost`), without shipping a tokenizer:
 * the text is split the way GPT-style byte-pair tokenizers pre-split it (words with their leading
 * space, runs of digits, runs of punctuation, whitespace), and each piece is priced from what the
 * o200k and cl100k vocabularies do with it: a word is one token (a long one, one more per four
 * letters past eight), digits go by three, a punctuation run is one token plus one per four
 * characters, a newline run is one, and a long hexadecimal run (the prompt fences' tags) about
 * two characters per token. Checked against o200k_base (the `gpt-tokenizer` package) on the
 * bundled prompts and samples in test/rag/tokens.test.ts. A planning figure: a real run accounts
 * the usage the server reports.
 */
const PIECES = /[0-9a-f]{16,}|'(?:s|t|re|ve|m|ll|d)\b| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+/gu;

/** Estimated tokens of one text. */
export function estimateTokens(text: string): number {
  let tokens = 0;
  for (const match of text.matchAll(PIECES)) {
    const piece = match[0];
    const core = piece.startsWith(" ") ? piece.length - 1 : piece.length;
    if (/^[0-9a-f]{16,}$/.test(piece)) tokens += Math.ceil(core * 0.65);
    else if (/^\s+$/.test(piece)) tokens += piece.includes("\n") ? 1 : 0;
    else if (/\p{L}/u.test(piece)) tokens += 1 + Math.max(0, Math.ceil((core - 8) / 4));
    else if (/\p{N}/u.test(piece)) tokens += Math.ceil(core / 3);
    else tokens += 1 + Math.floor(core / 4);
  }
  return tokens;
}

/**
 * Estimated prompt tokens of a chat request: the messages' text plus OpenAI's chat framing
 * (3 tokens per message and 3 to prime the reply, as the OpenAI cookbook counts them).
 */
export function estimateMessageTokens(messages: readonly ChatMessage[]): number {
  let tokens = 3;
  for (const m of messages) tokens += 3 + estimateTokens(m.role) + estimateTokens(m.content);
  return tokens;
}
