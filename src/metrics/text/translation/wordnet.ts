import { refuse } from "../shared/inputs.js";

/** Parts of speech in nltk's `POS_LIST` order: noun, verb, adjective, adverb. */
export type WordNetPos = "n" | "v" | "a" | "r";

const POS_LIST: readonly WordNetPos[] = ["n", "v", "a", "r"];

/** The compact WordNet data METEOR needs (the format of `data/wordnet/wn30-meteor.json.gz`). */
export interface WordNetData {
  readonly version: string;
  /** One line per synset: its lemma names without "_", space-separated. */
  readonly synsets: string;
  /** Per POS: lines "lemma\tid,id" (synset numbers in hex). */
  readonly index: Readonly<Record<WordNetPos, string>>;
  /** Per POS: morphy's exception lines "inflected\tbase base". */
  readonly exceptions: Readonly<Record<WordNetPos, string>>;
}

/** What METEOR's synonym stage asks of WordNet. */
export interface WordNet {
  readonly version: string;
  /**
   * The union of the lemma names (without "_") of `wordnet.synsets(word)` over all parts of
   * speech, as nltk 3.8 computes them (lowercased lookup, morphy with exceptions).
   */
  synonyms(word: string): ReadonlySet<string>;
}

/** nltk's MORPHOLOGICAL_SUBSTITUTIONS. */
const SUBSTITUTIONS: Readonly<Record<WordNetPos, readonly (readonly [string, string])[]>> = {
  n: [
    ["s", ""],
    ["ses", "s"],
    ["ves", "f"],
    ["xes", "x"],
    ["zes", "z"],
    ["ches", "ch"],
    ["shes", "sh"],
    ["men", "man"],
    ["ies", "y"],
  ],
  v: [
    ["s", ""],
    ["ies", "y"],
    ["es", "e"],
    ["es", ""],
    ["ed", "e"],
    ["ed", ""],
    ["ing", "e"],
    ["ing", ""],
  ],
  a: [
    ["er", ""],
    ["est", ""],
    ["er", "e"],
    ["est", "e"],
  ],
  r: [],
};

class CompactWordNet implements WordNet {
  readonly version: string;
  readonly #synsets: readonly string[][];
  readonly #index: Readonly<Record<WordNetPos, Map<string, readonly number[]>>>;
  readonly #exceptions: Readonly<Record<WordNetPos, Map<string, readonly string[]>>>;
  readonly #cache = new Map<string, ReadonlySet<string>>();

  constructor(data: WordNetData) {
    this.version = data.version;
    this.#synsets = data.synsets.split("\n").map((line) => (line === "" ? [] : line.split(" ")));
    const index = {} as Record<WordNetPos, Map<string, readonly number[]>>;
    const exceptions = {} as Record<WordNetPos, Map<string, readonly string[]>>;
    for (const pos of POS_LIST) {
      index[pos] = keyedLines(data.index[pos], (rest) => rest.split(",").map((h) => Number.parseInt(h, 16)));
      exceptions[pos] = keyedLines(data.exceptions[pos], (rest) =>
        rest.split(" ").filter((s) => s.length > 0),
      );
    }
    this.#index = index;
    this.#exceptions = exceptions;
  }

  /** nltk `_morphy(form, pos, check_exceptions=True)`. */
  morphy(form: string, pos: WordNetPos): string[] {
    const index = this.#index[pos];
    const filter = (forms: readonly string[]): string[] => {
      const out: string[] = [];
      for (const f of forms) if (index.has(f) && !out.includes(f)) out.push(f);
      return out;
    };
    const rules = SUBSTITUTIONS[pos];
    const apply = (forms: readonly string[]): string[] => {
      const out: string[] = [];
      for (const f of forms)
        for (const [old, replacement] of rules)
          if (f.endsWith(old)) out.push(f.slice(0, f.length - old.length) + replacement);
      return out;
    };
    const exception = this.#exceptions[pos].get(form);
    if (exception !== undefined) return filter([form, ...exception]);
    let forms = apply([form]);
    const results = filter([form, ...forms]);
    if (results.length > 0) return results;
    while (forms.length > 0) {
      forms = apply(forms);
      const found = filter(forms);
      if (found.length > 0) return found;
    }
    return [];
  }

  synonyms(word: string): ReadonlySet<string> {
    const lemma = word.toLowerCase();
    const cached = this.#cache.get(lemma);
    if (cached !== undefined) return cached;
    const out = new Set<string>();
    for (const pos of POS_LIST) {
      for (const form of this.morphy(lemma, pos)) {
        for (const id of this.#index[pos].get(form) ?? [])
          for (const name of this.#synsets[id] ?? []) out.add(name);
      }
    }
    if (this.#cache.size > 50_000) this.#cache.clear();
    this.#cache.set(lemma, out);
    return out;
  }
}

/**
 * Builds a {@link WordNet} from data in the compact format of `data/wordnet/wn30-meteor.json.gz`
 * (gunzipped and parsed). In Node, `wordNet30()` from `plumbline/text/node` does this for the
 * shipped file; a browser fetches the file (`DecompressionStream("gzip")`) and calls this.
 */
export function wordNetFromData(data: WordNetData): WordNet {
  if (
    data === null ||
    typeof data !== "object" ||
    typeof data.synsets !== "string" ||
    typeof data.index !== "object" ||
    typeof data.exceptions !== "object"
  ) {
    refuse("wordNetFromData", "data", "must be { version, synsets, index, exceptions }", data);
  }
  return new CompactWordNet(data);
}

/** The lines `key<TAB>rest` of `text` as a map from key to `value(rest)` (other lines skipped). */
function keyedLines<V>(text: string, value: (rest: string) => V): Map<string, V> {
  const map = new Map<string, V>();
  for (const line of text.split("\n")) {
    const tab = line.indexOf("\t");
    if (tab > 0) map.set(line.slice(0, tab), value(line.slice(tab + 1)));
  }
  return map;
}
