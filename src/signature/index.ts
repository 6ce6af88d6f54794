/** plumbline/signature: a compact line that says how a number was computed, and back. */
export {
  encodeSignatureValue,
  MAX_SIGNATURE_LENGTH,
  type ParsedSignature,
  parseSignature,
  readSignature,
  referenceOf,
  type SignatureFields,
  signature,
} from "./signature.js";
export { VERSION } from "./version.js";
