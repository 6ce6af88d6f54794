import { readdirSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { describeValue, fail, isPlumblineError } from "../../core/errors.js";
import type { ImageSource } from "./image-input.js";
import { decodePngRgb } from "./png.js";

/** Image extensions pytorch-fid reads that plumbline does not decode (only PNG is lossless and exact). */
const OTHER_IMAGE_EXTENSIONS = new Set([".bmp", ".jpg", ".jpeg", ".pgm", ".ppm", ".tif", ".tiff", ".webp"]);

/** Orders strings by Unicode code points, as Python's `sorted` (JavaScript's default sort uses UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/**
 * The PNG files given by path, read and decoded one at a time (in this order), each as Pillow's
 * `convert("RGB")` does.
 */
export function pngFiles(paths: readonly string[]): ImageSource {
  const fn = "pngFiles";
  if (!Array.isArray(paths) || !paths.every((p) => typeof p === "string" && p.length > 0))
    fail("invalid_value", `${fn}: \`paths\` must be an array of file paths, got ${describeValue(paths)}`);
  const list = [...paths];
  return {
    count: list.length,
    describe: (i) => `image ${i} (${list[i]})`,
    read: async (i) => {
      const path = list[i]!;
      let bytes: Uint8Array;
      try {
        bytes = await readFile(path);
      } catch (error) {
        return fail("io_error", `${fn}: cannot read ${path} (${errorCode(error)})`);
      }
      return decodePngRgb(fn, path, bytes);
    },
  };
}

/**
 * The PNG images of a folder (not its sub-folders), sorted by file name in code-point order as
 * pytorch-fid sorts them, read one at a time. The `.png` extension is matched in any case.
 * Refused: a missing folder or one without PNG files (`io_error`, `empty_input`), and a folder
 * that also holds JPEG, BMP, TIFF, WebP or PPM images, which pytorch-fid would include and
 * plumbline cannot decode exactly (`unsupported`: convert them to PNG).
 *
 * @example const fid = await frechetInceptionDistance(pngFolder("real/"), pngFolder("fake/"), { model });
 */
export function pngFolder(path: string): ImageSource {
  const fn = "pngFolder";
  if (typeof path !== "string" || path.length === 0)
    fail("invalid_value", `${fn}: \`path\` must be a folder path, got ${describeValue(path)}`);
  let names: string[];
  try {
    if (!statSync(path).isDirectory()) fail("io_error", `${fn}: ${path} is not a folder`);
    names = readdirSync(path);
  } catch (error) {
    if (isPlumblineError(error)) throw error;
    return fail("io_error", `${fn}: cannot read folder ${path} (${errorCode(error)})`);
  }
  const others = names.filter((n) => OTHER_IMAGE_EXTENSIONS.has(extname(n).toLowerCase()));
  if (others.length > 0)
    fail(
      "unsupported",
      `${fn}: ${path} holds ${others.length} images plumbline cannot decode exactly (${others.slice(0, 3).join(", ")}${others.length > 3 ? ", …" : ""}); convert them to PNG`,
    );
  const pngs = names
    .filter((n) => extname(n).toLowerCase() === ".png")
    .sort(compareCodePoints)
    .map((n) => join(path, n))
    .filter((p) => {
      try {
        return statSync(p).isFile();
      } catch {
        return false;
      }
    });
  if (pngs.length === 0) fail("empty_input", `${fn}: ${path} has no .png images`);
  return pngFiles(pngs);
}
