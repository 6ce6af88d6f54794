/** Public text metrics, part a (re-exported by index.ts). */
export {};
