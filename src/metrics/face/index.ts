/** plumbline/face: face recognition (verification and identification) metrics. */
export {
  type IdentificationOptions,
  type IdentificationResult,
  type IdentificationState,
  identificationMeta,
  identificationRank,
  identificationRankDef,
} from "./identification.js";
export {
  cedFailureRateAndAuc,
  type LandmarkErrorOptions,
  type LandmarkErrorResult,
  type LandmarkErrorState,
  type LandmarkNormalization,
  landmarkError,
  landmarkErrorDef,
  landmarkErrorMeta,
} from "./landmarks.js";
export { pairwiseSimilarity, type SimilarityOptions } from "./similarity.js";
export {
  faceVerification,
  faceVerificationDef,
  type VerificationOptions,
  type VerificationPoint,
  type VerificationResult,
  verificationMeta,
} from "./verification.js";
