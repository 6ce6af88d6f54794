import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { frechetDistance } from "./frechet-distance.js";
import { matmul, symmetricEigen, symmetricSqrt } from "./linalg.js";
import { pivotedCholesky } from "./pivoted-cholesky.js";
import { symmetricEigenvalues } from "./symmetric-eigenvalues.js";
import { traceSqrtProduct } from "./trace-sqrt-product.js";

/** The eigenvector route, as an independent oracle: sum sqrt(eig(sqrt(S1) S2 sqrt(S1))). */
function traceSqrtProductByEigenvectors(s1: Float64Array, s2: Float64Array, n: number): number {
  const root = symmetricSqrt(s1, n);
  const m = matmul(matmul(root, s2, n), root, n);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) m[i * n + j] = m[j * n + i] = (m[i * n + j]! + m[j * n + i]!) / 2;
  return symmetricEigen(m, n).values.reduce((sum, v) => sum + Math.sqrt(Math.max(v, 0)), 0);
}

interface Case {
  name: string;
  n: number;
  s1: string;
  s2: string;
  trace_sqrtm: number;
  eigvalsh_s1: number[];
}

const golden = JSON.parse(
  readFileSync(join(import.meta.dirname, "../../../test/data/models/linalg.json"), "utf8"),
) as { cases: Case[] };

const float64 = (b64: string) => {
  const b = Buffer.from(b64, "base64");
  return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};

/** A random symmetric PSD n x n matrix X^T X / m from m samples (rank min(m, n)). */
function covariance(values: number[], m: number, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let s = 0; s < m; s++)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) out[i * n + j]! += (values[s * n + i]! * values[s * n + j]!) / m;
  return out;
}

describe("traceSqrtProduct", () => {
  it("equals scipy's sqrtm(S1 @ S2).trace().real", () => {
    for (const c of golden.cases) {
      const got = traceSqrtProduct(float64(c.s1), float64(c.s2), c.n);
      // rank-deficient S1: scipy's trace carries square roots of rounding-noise eigenvalues
      const tolerance = c.name.startsWith("rank") ? 1e-5 : 1e-10;
      if (c.trace_sqrtm === 0) expect(got, c.name).toBe(0);
      else expect(Math.abs(got - c.trace_sqrtm) / c.trace_sqrtm, c.name).toBeLessThan(tolerance);
    }
  });

  it("equals the eigenvector route on random full-rank and rank-deficient covariances", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(
          fc.integer({ min: -3000, max: 3000 }).map((x) => x / 1000),
          { minLength: 2 * 20 * 12, maxLength: 2 * 20 * 12 },
        ),
        (n, m, values) => {
          const s1 = covariance(values, m, n);
          const s2 = covariance(values.slice(20 * 12), m, n);
          const expected = traceSqrtProductByEigenvectors(s1, s2, n);
          const got = traceSqrtProduct(s1, s2, n);
          expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-6 * Math.max(1, expected));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("stays finite on subnormal and zero covariances", () => {
    // S1 with a subnormal off-diagonal, S2 = 0: the trace is 0
    expect(traceSqrtProduct(new Float64Array([0, -5e-324, -5e-324, 0.75]), new Float64Array(4), 2)).toBe(0);
    expect(traceSqrtProduct(new Float64Array(9), new Float64Array(9), 3)).toBe(0);
    expect(traceSqrtProduct(new Float64Array([4]), new Float64Array([9]), 1)).toBe(6);
  });
});

describe("symmetricEigenvalues and pivotedCholesky", () => {
  it("symmetricEigenvalues equals numpy's eigvalsh", () => {
    for (const c of golden.cases) {
      const a = float64(c.s1);
      const got = symmetricEigenvalues(a.slice(), c.n);
      const scale = Math.max(1, ...c.eigvalsh_s1.map(Math.abs));
      c.eigvalsh_s1.forEach((v, i) => {
        expect(Math.abs(got[i]! - v) / scale, c.name).toBeLessThan(1e-12);
      });
    }
  });

  it("pivotedCholesky reconstructs P^T A P = L L^T with the numerical rank", () => {
    for (const c of golden.cases) {
      const a = float64(c.s1);
      const { rank, perm, factor } = pivotedCholesky(a, c.n);
      const expectedRank = c.eigvalsh_s1.filter((v) => v > 1e-9 * Math.max(...c.eigvalsh_s1)).length;
      expect(rank, c.name).toBe(expectedRank);
      let worst = 0;
      let scale = 0;
      for (let i = 0; i < c.n; i++) {
        for (let j = 0; j < c.n; j++) {
          let s = 0;
          for (let k = 0; k < rank; k++) s += factor[i * c.n + k]! * factor[j * c.n + k]!;
          worst = Math.max(worst, Math.abs(s - a[perm[i]! * c.n + perm[j]!]!));
          scale = Math.max(scale, Math.abs(a[i * c.n + j]!));
        }
      }
      expect(worst, c.name).toBeLessThanOrEqual(1e-12 * Math.max(scale, 1));
    }
  });
});

describe("frechetDistance on nearly singular covariances (issue 9: the eigenvector route gave NaN)", () => {
  const file = JSON.parse(
    readFileSync(
      join(import.meta.dirname, "../../../test/data/golden/generative_frechet_nearly_singular.json"),
      "utf8",
    ),
  ) as { cases: { name: string; real: number[][]; fake: number[][]; value: number }[] };

  it("equals pytorch-fid's formula with scipy 1.10 sqrtm (scripts/golden/generative_frechet_nearly_singular.py)", () => {
    expect(file.cases.length).toBe(5);
    for (const c of file.cases) {
      const got = frechetDistance(c.real, c.fake);
      expect(Number.isFinite(got), c.name).toBe(true);
      expect(Math.abs(got - c.value), c.name).toBeLessThanOrEqual(1e-9 * Math.max(1, c.value));
    }
  });

  it("symmetricEigen deflates a subnormal off-diagonal instead of overflowing the QL shift", () => {
    const { values, vectors } = symmetricEigen(new Float64Array([0, -5e-324, -5e-324, 0.75]), 2);
    expect(Array.from(values)).toEqual([0, 0.75]);
    expect(vectors.every(Number.isFinite)).toBe(true);
    expect(symmetricSqrt(new Float64Array([1e-320, 1e-321, 1e-321, 1]), 2).every(Number.isFinite)).toBe(true);
  });
});
