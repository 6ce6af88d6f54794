/**
 * plumbline/text/node: the Node-only part of the text metrics, the loader of the WordNet 3.0 that
 * METEOR's synonym stage reads. Everything else lives in the browser-safe `plumbline/text`.
 *
 * ```ts
 * import { meteor } from "plumbline/text";
 * import { wordNet30 } from "plumbline/text/node";
 * meteor(hypotheses, references, { wordnet: wordNet30() });
 * ```
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { type WordNet, type WordNetData, wordNetFromData } from "./translation/wordnet.js";

let bundled: WordNet | undefined;

/**
 * WordNet 3.0 (the version nltk 3.8 uses by default), from the data file shipped with plumbline
 * (`data/wordnet/wn30-meteor.json.gz`, 1.8 MB, converted from Debian's wordnet-base 1:3.0-37 by
 * `data/wordnet/build.py`). Loaded once, synchronously, on the first call.
 */
export function wordNet30(): WordNet {
  if (bundled !== undefined) return bundled;
  const url = new URL("../../../data/wordnet/wn30-meteor.json.gz", import.meta.url);
  const text = new TextDecoder().decode(gunzipSync(readFileSync(url)));
  bundled = wordNetFromData(JSON.parse(text) as WordNetData);
  return bundled;
}
