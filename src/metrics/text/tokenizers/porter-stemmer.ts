/**
 * The Porter stemmer in the variant nltk 3.8 calls `PorterStemmer.NLTK_EXTENSIONS` (its default),
 * which rouge-score 0.1.2 and nltk's METEOR use.
 *
 * Porter (1980) "An algorithm for suffix stripping", with Martin Porter's later changes and the
 * nltk additions: a small table of irregular forms (sky/skies, dying, lying, tying, news,
 * innings, outings, cannings, howe, proceed, exceed, succeed), `ies`/`ied` on four-letter words,
 * the relaxed `y -> i` rule of step 1c, `alli`, `fulli` and `logi` in step 2, and the two-letter
 * `*o` condition. Words of one or two characters are returned (lowercased) as they are.
 *
 * Written from the published algorithm and checked against nltk's output; characters outside the
 * BMP count as one character each, as Python counts them.
 *
 * Cost: O(length of the word) per call, plus a cache of recent results in {@link cachedStemmer}.
 */

/** nltk's irregular forms, "word:stem" (no stem: the word is its own). */
const IRREGULAR: ReadonlyMap<string, string> = new Map(
  "sky skies:sky dying:die lying:lie tying:tie news innings:inning inning outings:outing outing cannings:canning canning howe proceed exceed succeed"
    .split(" ")
    .map((entry) => {
      const [word, stem = word] = entry.split(":");
      return [word!, stem!];
    }),
);

function isVowelChar(c: string): boolean {
  return c === "a" || c === "e" || c === "i" || c === "o" || c === "u";
}

/** Porter's consonant test: not a vowel, and `y` only when it follows a vowel (or starts the word). */
function isConsonant(word: string, i: number): boolean {
  const c = word[i] as string;
  if (isVowelChar(c)) return false;
  if (c === "y") return i === 0 ? true : !isConsonant(word, i - 1);
  return true;
}

/** The measure m of [C](VC){m}[V]: the number of vowel-to-consonant transitions. */
function measure(stem: string): number {
  let m = 0;
  let previousVowel = false;
  for (let i = 0; i < stem.length; i++) {
    const consonant = isConsonant(stem, i);
    if (consonant && previousVowel) m++;
    previousVowel = !consonant;
  }
  return m;
}

function containsVowel(stem: string): boolean {
  for (let i = 0; i < stem.length; i++) if (!isConsonant(stem, i)) return true;
  return false;
}

function endsDoubleConsonant(word: string): boolean {
  const n = word.length;
  return n >= 2 && word[n - 1] === word[n - 2] && isConsonant(word, n - 1);
}

/** Condition *o: ends consonant-vowel-consonant, the last not w, x or y (nltk: also a two-letter vowel-consonant word). */
function endsCvc(word: string): boolean {
  const n = word.length;
  if (n >= 3) {
    const last = word[n - 1] as string;
    if (
      isConsonant(word, n - 3) &&
      !isConsonant(word, n - 2) &&
      isConsonant(word, n - 1) &&
      last !== "w" &&
      last !== "x" &&
      last !== "y"
    ) {
      return true;
    }
  }
  return n === 2 && !isConsonant(word, 0) && isConsonant(word, 1);
}

type Rule = readonly [suffix: string, replacement: string, condition: ((stem: string) => boolean) | null];

/** Applies the first rule whose suffix matches (the "*d" pseudo-suffix means a double consonant). */
function applyRules(word: string, rules: readonly Rule[]): string {
  for (const [suffix, replacement, condition] of rules) {
    if (suffix === "*d" && endsDoubleConsonant(word)) {
      const stem = word.slice(0, -2);
      return condition === null || condition(stem) ? stem + replacement : word;
    }
    if (suffix !== "*d" && word.endsWith(suffix)) {
      const stem = suffix === "" ? word : word.slice(0, word.length - suffix.length);
      return condition === null || condition(stem) ? stem + replacement : word;
    }
  }
  return word;
}

const positive = (stem: string): boolean => measure(stem) > 0;
const aboveOne = (stem: string): boolean => measure(stem) > 1;

function step1a(word: string): string {
  if (word.length === 4 && word.endsWith("ies")) return `${word.slice(0, -3)}ie`;
  return applyRules(word, [
    ["sses", "ss", null],
    ["ies", "i", null],
    ["ss", "ss", null],
    ["s", "", null],
  ]);
}

function step1b(word: string): string {
  if (word.endsWith("ied")) return word.length === 4 ? `${word.slice(0, -3)}ie` : `${word.slice(0, -3)}i`;
  if (word.endsWith("eed")) {
    const stem = word.slice(0, -3);
    return measure(stem) > 0 ? `${stem}ee` : word;
  }
  let intermediate: string | undefined;
  for (const suffix of ["ed", "ing"]) {
    if (word.endsWith(suffix)) {
      const stem = word.slice(0, word.length - suffix.length);
      if (containsVowel(stem)) {
        intermediate = stem;
        break;
      }
    }
  }
  if (intermediate === undefined) return word;
  const last = intermediate[intermediate.length - 1] as string;
  return applyRules(intermediate, [
    ["at", "ate", null],
    ["bl", "ble", null],
    ["iz", "ize", null],
    ["*d", last, () => last !== "l" && last !== "s" && last !== "z"],
    ["", "e", (stem) => measure(stem) === 1 && endsCvc(stem)],
  ]);
}

function step1c(word: string): string {
  return applyRules(word, [["y", "i", (stem) => stem.length > 1 && isConsonant(stem, stem.length - 1)]]);
}

/** Rules written "suffix:replacement" (no replacement: the suffix is dropped), one condition for all. */
function rules(text: string, condition: (stem: string) => boolean): Rule[] {
  return text.split(" ").map((rule): Rule => {
    const [suffix, replacement = ""] = rule.split(":");
    return [suffix!, replacement, condition];
  });
}

const STEP2_RULES = rules(
  "ational:ate tional:tion enci:ence anci:ance izer:ize bli:ble alli:al entli:ent eli:e ousli:ous ization:ize ation:ate ator:ate alism:al iveness:ive fulness:ful ousness:ous aliti:al iviti:ive biliti:ble fulli:ful",
  positive,
);

function step2(word: string): string {
  if (word.endsWith("alli") && positive(word.slice(0, -4))) return step2(`${word.slice(0, -4)}al`);
  // "logi" -> "log" is judged on the stem plus its "l" (nltk's measure of word[:-3]).
  return applyRules(word, [...STEP2_RULES, ["logi", "log", () => positive(word.slice(0, -3))]]);
}

const STEP3_RULES = rules("icate:ic ative alize:al iciti:ic ical:ic ful ness", positive);

const STEP4_RULES: readonly Rule[] = [
  ...rules("al ance ence er ic able ible ant ement ment ent", aboveOne),
  ["ion", "", (stem) => measure(stem) > 1 && (stem.endsWith("s") || stem.endsWith("t"))],
  ...rules("ou ism ate iti ous ive ize", aboveOne),
];

function step5a(word: string): string {
  if (!word.endsWith("e")) return word;
  const stem = word.slice(0, -1);
  const m = measure(stem);
  if (m > 1) return stem;
  if (m === 1 && !endsCvc(stem)) return stem;
  return word;
}

function step5b(word: string): string {
  return applyRules(word, [["ll", "l", () => measure(word.slice(0, -1)) > 1]]);
}

function stemBmp(word: string): string {
  let w = word;
  w = step1a(w);
  w = step1b(w);
  w = step1c(w);
  w = step2(w);
  w = applyRules(w, STEP3_RULES);
  w = applyRules(w, STEP4_RULES);
  w = step5a(w);
  return step5b(w);
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Stems one word as nltk 3.8 `PorterStemmer().stem(word)` does (NLTK_EXTENSIONS, lowercasing).
 *
 * @example porterStem("connected") // "connect"; porterStem("happiness") // "happi"
 */
export function porterStem(word: string): string {
  const lower = word.toLowerCase();
  // nltk looks the irregular forms up with the word as given (before lowercasing).
  const irregular = IRREGULAR.get(word);
  if (irregular !== undefined) return irregular;
  if (!SURROGATE.test(lower)) {
    if (lower.length <= 2) return lower;
    return stemBmp(lower);
  }
  // Astral characters: map each to one private-use BMP character (a consonant, like the
  // original), stem, and map back, so lengths count code points as in Python.
  const chars = Array.from(lower);
  if (chars.length <= 2) return lower;
  const toPrivate = new Map<string, string>();
  const fromPrivate = new Map<string, string>();
  let next = 0xe000;
  const mapped = chars
    .map((c) => {
      if (c.length === 1) return c;
      let p = toPrivate.get(c);
      if (p === undefined) {
        p = String.fromCharCode(next++);
        toPrivate.set(c, p);
        fromPrivate.set(p, c);
      }
      return p;
    })
    .join("");
  return Array.from(stemBmp(mapped), (c) => fromPrivate.get(c) ?? c).join("");
}

/** A stemmer with a bounded memo (stemming is pure, and corpora repeat words a lot). */
export function cachedStemmer(limit = 100_000): (word: string) => string {
  const cache = new Map<string, string>();
  return (word: string): string => {
    let stem = cache.get(word);
    if (stem === undefined) {
      stem = porterStem(word);
      if (cache.size >= limit) cache.clear();
      cache.set(word, stem);
    }
    return stem;
  };
}
