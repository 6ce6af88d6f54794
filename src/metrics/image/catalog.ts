import type { CatalogEntry } from "../../catalog/types.js";
import { ergasMeta } from "./ergas.js";
import { msSsimMeta } from "./ms-ssim.js";
import { psnrMeta } from "./psnr.js";
import { samMeta } from "./sam.js";
import { ssimMeta } from "./ssim.js";
import { totalVariationMeta } from "./total-variation.js";
import { uqiMeta } from "./uqi.js";

/** Catalog entries of the image metrics (each metric file exports its own meta; listed here). */
export const entries: readonly CatalogEntry[] = [
  psnrMeta,
  ssimMeta,
  msSsimMeta,
  uqiMeta,
  totalVariationMeta,
  ergasMeta,
  samMeta,
];
