import { describe, expect, it } from "vitest";
import { catalog } from "./index.js";
import { formatNumber, formatRange, latexToText } from "./render.js";

describe("formatNumber and formatRange", () => {
  it("print infinities, named constants and short decimals", () => {
    expect(formatRange([0, Math.LN2])).toBe("[0, ln 2]");
    expect(formatRange([0, Math.PI])).toBe("[0, π]");
    expect(formatRange([Number.NEGATIVE_INFINITY, 1])).toBe("(-∞, 1]");
    expect(formatRange([0, Number.POSITIVE_INFINITY])).toBe("[0, ∞)");
    expect(formatNumber(-1.5)).toBe("-1.5");
    expect(formatNumber(1 / 3)).toBe("0.3333");
  });
});

describe("latexToText", () => {
  it("turns fractions, roots, scripts, accents and cases into Unicode text", () => {
    expect(latexToText("\\frac{TP}{TP+FP}")).toBe("TP/(TP+FP)");
    expect(latexToText("\\sqrt{\\frac{1}{n}\\sum_i (y_i - \\hat y_i)^2}")).toBe("√(1/n Σᵢ (yᵢ - ŷᵢ)²)");
    expect(latexToText("\\tfrac12 KL(p \\| m)")).toBe("½ KL(p ‖ m)");
    expect(
      latexToText(
        "\\begin{cases} \\tfrac12 r^2 & |r| \\le \\delta \\\\ \\delta(|r| - \\tfrac12\\delta) & \\text{otherwise} \\end{cases}",
      ),
    ).toBe("{½ r² if |r| ≤ δ; δ(|r| - ½δ) otherwise}");
    expect(latexToText("\\max_i |y_i - \\hat y_i|")).toBe("maxᵢ |yᵢ - ŷᵢ|");
    expect(latexToText("10 \\log_{10} \\frac{R^2}{\\mathrm{MSE}}")).toBe("10 log₁₀ R²/MSE");
  });

  it("leaves no LaTeX command behind for any catalog formula", () => {
    const leftovers = catalog.flatMap((e) => {
      const text = latexToText(e.formula);
      return /\\[a-zA-Z]/.test(text) ? [`${e.id}: ${text}`] : [];
    });
    expect(leftovers).toEqual([]);
  });
});
