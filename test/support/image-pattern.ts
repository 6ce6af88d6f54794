/**
 * Test helper: the 8-bit test pattern of the model generators (scripts/models/tiny_lpips.py,
 * tiny_clip.py), channels first: ((31 i + 17 j + 7 c + (i j mod 13) + salt (i + 3 j + c)^2) mod 256).
 */
export function imagePattern([c, h, w]: readonly [number, number, number], salt: number): Uint8Array {
  const out = new Uint8Array(c * h * w);
  let n = 0;
  for (let k = 0; k < c; k++)
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++)
        out[n++] = (31 * i + 17 * j + 7 * k + ((i * j) % 13) + salt * (i + 3 * j + k) ** 2) % 256;
  return out;
}
