import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matmul, symmetricEigen, symmetricSqrt } from "./linalg.js";
import { traceSqrtProduct } from "./trace-sqrt-product.js";

function randomSymmetric(n: number, seed: number): Float64Array {
  let s = seed;
  const r = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647 - 0.5;
  };
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = r();
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  return a;
}

function reconstructionError(a: Float64Array, n: number): number {
  const { values, vectors } = symmetricEigen(a, n);
  let err = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let t = 0;
      for (let k = 0; k < n; k++) t += vectors[i * n + k]! * values[k]! * vectors[j * n + k]!;
      err = Math.max(err, Math.abs(t - a[i * n + j]!));
    }
  }
  return err;
}

describe("symmetricEigen", () => {
  it("diagonalises a 2x2 matrix by hand: [[2, 1], [1, 2]] has eigenvalues 1 and 3", () => {
    const { values } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect(values[0]).toBeCloseTo(1, 14);
    expect(values[1]).toBeCloseTo(3, 14);
  });

  it("reconstructs random symmetric matrices as V diag(lambda) V^T", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 2 ** 30 }), (n, seed) => {
        expect(reconstructionError(randomSymmetric(n, seed), n)).toBeLessThan(1e-12);
      }),
      { numRuns: 40 },
    );
  });

  it("returns orthonormal eigenvectors", () => {
    const n = 12;
    const { vectors } = symmetricEigen(randomSymmetric(n, 7), n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let dot = 0;
        for (let k = 0; k < n; k++) dot += vectors[k * n + i]! * vectors[k * n + j]!;
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
  });
});

describe("symmetricSqrt and traceSqrtProduct", () => {
  it("squares back to a positive definite matrix", () => {
    const n = 6;
    const b = randomSymmetric(n, 3);
    const spd = matmul(b, b, n);
    for (let i = 0; i < n; i++) spd[i * n + i]! += 0.1;
    const root = symmetricSqrt(spd, n);
    const back = matmul(root, root, n);
    for (let i = 0; i < n * n; i++) expect(back[i]).toBeCloseTo(spd[i]!, 12);
  });

  it("tr sqrt(S S) = tr S for positive definite S (hand-worked: S = diag(1, 4) gives 5)", () => {
    expect(traceSqrtProduct(Float64Array.from([1, 0, 0, 4]), Float64Array.from([1, 0, 0, 4]), 2)).toBeCloseTo(
      5,
      14,
    );
  });
});
