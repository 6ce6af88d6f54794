/**
 * The platform's byte order, for code that reads a float64's two 32-bit words through a
 * Uint32Array view: `HI_WORD` is the index of the word holding the sign, exponent and top of the
 * significand, `LO_WORD` the other.
 */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
export const HI_WORD = LITTLE_ENDIAN ? 1 : 0;
export const LO_WORD = 1 - HI_WORD;
