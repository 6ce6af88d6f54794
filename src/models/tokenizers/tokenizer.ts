/**
 * A subword tokenizer as the text towers of the model-based metrics need it: token ids of a text
 * with the model's special tokens around them, truncated to the model's length.
 */
export interface Tokenizer {
  /** The algorithm: BERT's WordPiece, GPT-2/RoBERTa's byte-level BPE, or CLIP's BPE. */
  readonly kind: "wordpiece" | "byte-level-bpe" | "clip-bpe";
  /** The subword tokens of a text, without special tokens (for inspection and tests). */
  tokenize(text: string): string[];
  /** Token ids with the special tokens (`[CLS] ... [SEP]`, `<s> ... </s>`, `<|startoftext|> ... <|endoftext|>`), truncated to `maxLength`. */
  encode(text: string): number[];
  /** Id of the token that opens a sequence ([CLS], <s>, <|startoftext|>). */
  readonly startId: number;
  /** Id of the token that closes a sequence ([SEP], </s>, <|endoftext|>). */
  readonly endId: number;
  /** Id used to pad a batch. */
  readonly padId: number;
  /** Number of ids in the vocabulary (the largest id plus one). */
  readonly vocabularySize: number;
  /** Longest sequence `encode` returns, special tokens included. */
  readonly maxLength: number;
}
