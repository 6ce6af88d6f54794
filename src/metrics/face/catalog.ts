import type { CatalogEntry } from "../../catalog/types.js";
import { identificationMeta } from "./identification.js";
import { landmarkErrorMeta } from "./landmarks.js";
import { verificationMeta } from "./verification.js";

/** Catalog entries of the face-recognition metrics. */
export const entries: readonly CatalogEntry[] = [verificationMeta, identificationMeta, landmarkErrorMeta];
