/**
 * Plain-text rendering of catalog values for terminals: numbers and ranges with their usual
 * symbols (ln 2, π, ∞) and LaTeX formulas as Unicode text.
 */

/** Constants that ranges use, printed by name. */
const NAMED: readonly [number, string][] = [
  [Math.LN2, "ln 2"],
  [Math.PI, "π"],
  [Math.PI / 2, "π/2"],
];

/** A number for display: ∞, named constants, integers as is, others to 4 significant digits. */
export function formatNumber(x: number): string {
  if (x === Number.POSITIVE_INFINITY) return "∞";
  if (x === Number.NEGATIVE_INFINITY) return "-∞";
  if (Number.isNaN(x)) return "NaN";
  for (const [value, name] of NAMED) {
    if (x === value) return name;
    if (x === -value) return `-${name}`;
  }
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(4)));
}

/** `[0, 1]`, `[0, ∞)`, `(-∞, ∞)`, `[0, ln 2]`. */
export function formatRange(range: readonly [number, number]): string {
  const open = Number.isFinite(range[0]) ? "[" : "(";
  const close = Number.isFinite(range[1]) ? "]" : ")";
  return `${open}${formatNumber(range[0])}, ${formatNumber(range[1])}${close}`;
}

const SYMBOLS: Readonly<Record<string, string>> = {
  alpha: "α",
  beta: "β",
  gamma: "γ",
  delta: "δ",
  Delta: "Δ",
  epsilon: "ε",
  varepsilon: "ε",
  zeta: "ζ",
  eta: "η",
  theta: "θ",
  kappa: "κ",
  lambda: "λ",
  mu: "μ",
  nu: "ν",
  xi: "ξ",
  pi: "π",
  rho: "ρ",
  sigma: "σ",
  Sigma: "Σ",
  tau: "τ",
  phi: "φ",
  varphi: "φ",
  chi: "χ",
  psi: "ψ",
  omega: "ω",
  Omega: "Ω",
  Gamma: "Γ",
  Lambda: "Λ",
  Phi: "Φ",
  Psi: "Ψ",
  Pi: "Π",
  Theta: "Θ",
  sum: "Σ",
  prod: "Π",
  int: "∫",
  nabla: "∇",
  partial: "∂",
  ell: "ℓ",
  infty: "∞",
  le: "≤",
  leq: "≤",
  ge: "≥",
  geq: "≥",
  ne: "≠",
  neq: "≠",
  approx: "≈",
  sim: "~",
  equiv: "≡",
  cdot: "·",
  times: "×",
  pm: "±",
  in: "∈",
  notin: "∉",
  subset: "⊂",
  cap: "∩",
  cup: "∪",
  setminus: "∖",
  exists: "∃",
  forall: "∀",
  neg: "¬",
  mid: "|",
  vert: "|",
  Vert: "‖",
  lVert: "‖",
  rVert: "‖",
  "|": "‖",
  top: "⊤",
  langle: "⟨",
  rangle: "⟩",
  to: "→",
  rightarrow: "→",
  leftarrow: "←",
  leftrightarrow: "↔",
  dots: "…",
  ldots: "…",
  cdots: "⋯",
  emptyset: "∅",
  lfloor: "⌊",
  rfloor: "⌋",
  lceil: "⌈",
  rceil: "⌉",
  "{": "{",
  "}": "}",
  "%": "%",
  "#": "#",
  "&": "&",
  _: "_",
};

/** Words printed as themselves (\log → log). */
const WORDS = new Set([
  "log",
  "ln",
  "exp",
  "max",
  "min",
  "sup",
  "inf",
  "arg",
  "det",
  "cos",
  "sin",
  "tan",
  "arccos",
  "arcsin",
  "arctan",
  "tanh",
  "cosh",
  "sinh",
  "lim",
  "Pr",
  "tr",
]);

/** Big operators: printed with a space before them. */
const BIG = new Set(["sum", "prod", "int"]);

/** Commands that only space or size things. */
const SPACING = new Set([
  ",",
  ";",
  "!",
  ":",
  " ",
  "quad",
  "qquad",
  "left",
  "right",
  "big",
  "Big",
  "bigg",
  "Bigg",
  "displaystyle",
]);

/** Commands whose single argument is printed as is. */
const WRAPPERS = new Set([
  "text",
  "mathrm",
  "operatorname",
  "mathbf",
  "mathit",
  "mathsf",
  "boldsymbol",
  "mathcal",
  "textrm",
]);

const ACCENTS: Readonly<Record<string, string>> = {
  hat: "\u0302",
  widehat: "\u0302",
  bar: "\u0304",
  overline: "\u0304",
  tilde: "\u0303",
  widetilde: "\u0303",
  dot: "\u0307",
  vec: "\u20d7",
};

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
  "+": "⁺",
  "-": "⁻",
  "−": "⁻",
  "(": "⁽",
  ")": "⁾",
  n: "ⁿ",
  i: "ⁱ",
  T: "ᵀ",
  k: "ᵏ",
  p: "ᵖ",
  "*": "*",
  "⊤": "ᵀ",
};
const SUBSCRIPT: Readonly<Record<string, string>> = {
  "0": "₀",
  "1": "₁",
  "2": "₂",
  "3": "₃",
  "4": "₄",
  "5": "₅",
  "6": "₆",
  "7": "₇",
  "8": "₈",
  "9": "₉",
  "+": "₊",
  "-": "₋",
  "(": "₍",
  ")": "₎",
  a: "ₐ",
  e: "ₑ",
  h: "ₕ",
  i: "ᵢ",
  j: "ⱼ",
  k: "ₖ",
  l: "ₗ",
  m: "ₘ",
  n: "ₙ",
  o: "ₒ",
  p: "ₚ",
  r: "ᵣ",
  s: "ₛ",
  t: "ₜ",
  u: "ᵤ",
  v: "ᵥ",
  x: "ₓ",
};

/** A LaTeX tokenizer-free converter: reads the formula left to right, one group at a time. */
class Reader {
  i = 0;
  constructor(readonly s: string) {}

  /** Converts until `stop` (a closing brace) or the end. */
  run(stop?: string): string {
    let out = "";
    while (this.i < this.s.length) {
      const c = this.s[this.i]!;
      if (stop !== undefined && c === stop) {
        this.i++;
        return out;
      }
      out += this.token();
    }
    return out;
  }

  /** One argument: a braced group or a single token. */
  argument(): string {
    this.skipSpaces();
    if (this.s[this.i] === "{") {
      this.i++;
      return this.run("}");
    }
    return this.token();
  }

  skipSpaces(): void {
    while (this.s[this.i] === " ") this.i++;
  }

  command(): string {
    const start = this.i;
    if (/[a-zA-Z]/.test(this.s[this.i] ?? "")) while (/[a-zA-Z]/.test(this.s[this.i] ?? "")) this.i++;
    else this.i++;
    return this.s.slice(start, this.i);
  }

  token(): string {
    const c = this.s[this.i++]!;
    if (c === "{") return this.run("}");
    if (c === "}") return "";
    if (c === "^" || c === "_") return script(this.argument(), c === "^" ? SUPERSCRIPT : SUBSCRIPT, c);
    if (c === "&") return " if ";
    if (c !== "\\") return c;
    const name = this.command();
    if (name === "\\") return "; ";
    if (SPACING.has(name)) return " ";
    if (name === "frac" || name === "tfrac" || name === "dfrac")
      return fraction(this.argument(), this.argument());
    if (name === "sqrt") return `√${group(this.argument())}`;
    if (name === "mathbb") return this.argument() === "E" ? "𝔼" : "";
    if (WRAPPERS.has(name)) return this.argument();
    if (Object.hasOwn(ACCENTS, name)) return accent(this.argument(), ACCENTS[name]!);
    if (name === "begin" || name === "end") {
      this.argument();
      return name === "begin" ? "{ " : " }";
    }
    if (WORDS.has(name)) return ` ${name} `;
    if (BIG.has(name)) return ` ${SYMBOLS[name]}`;
    if (Object.hasOwn(SYMBOLS, name)) return SYMBOLS[name]!;
    return name;
  }
}

/** True when `text` (from index `from`) is one bracket group closing at its last character. */
function closesAtEnd(text: string, from: number): boolean {
  const open = text[from];
  const close = open === "(" ? ")" : open === "[" ? "]" : open === "{" ? "}" : undefined;
  if (close === undefined || text[text.length - 1] !== close) return false;
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === open) depth++;
    else if (text[i] === close && --depth === 0) return i === text.length - 1;
  }
  return false;
}

/** `x`, `f(x)`, `|x|` or `(x + y)`: parentheses only around text of several terms. */
function group(text: string): string {
  const t = text.trim();
  if (/^[\p{L}\p{N}._′*\p{M}\p{Sk}ᵢⱼₖₙₜₓₐₑₕₗₘₒₚᵣₛᵤᵥ₀-₉⁰-⁹ᵀⁿⁱᵏᵖ]+$/u.test(t)) return t;
  if (/^\|[^|]*\|$/.test(t) || /^‖[^‖]*‖$/.test(t)) return t;
  const call = /^[\p{L}\p{N}\p{M}ᵢⱼₖₙₜₓ₀-₉]*/u.exec(t)![0].length;
  if (closesAtEnd(t, call)) return t;
  return `(${t})`;
}

function fraction(numerator: string, denominator: string): string {
  const n = numerator.trim();
  const d = denominator.trim();
  if (n === "1" && d === "2") return "½";
  return `${group(n)}/${group(d)}`;
}

function accent(text: string, mark: string): string {
  const t = text.trim();
  return [...t].length === 1 ? `${t}${mark}` : `${group(t)}${mark}`;
}

function script(text: string, table: Readonly<Record<string, string>>, marker: string): string {
  const t = text.trim();
  const chars = [...t];
  if (chars.length > 0 && chars.every((ch) => Object.hasOwn(table, ch)))
    return chars.map((ch) => table[ch]).join("");
  return `${marker}${group(t)}`;
}

/** A LaTeX formula as readable Unicode text (`\frac{TP}{TP+FP}` → `TP/(TP+FP)`). */
export function latexToText(formula: string): string {
  return new Reader(formula)
    .run()
    .replace(/\s+/g, " ")
    .replace(/ if otherwise/g, " otherwise")
    .replace(
      /\b(log|ln|exp|max|min|sup|inf|arg|det|cos|sin|tan|arccos|arcsin|arctan|tanh|cosh|sinh|lim|tr) (?=[([{|])/g,
      "$1",
    )
    .replace(/\b(arg) (max|min)\b/g, "$1$2")
    .replace(/\b(max|min|sup|inf|argmax|argmin|log|lim) (?=[_ᵢⱼₖₙₜₓₐₑₕₗₘₒₚᵣₛᵤᵥ₀-₉])/g, "$1")
    .replace(/\s+([,;)\]}])/g, "$1")
    .replace(/([([{])\s+/g, "$1")
    .trim()
    .normalize("NFC");
}
