/** Public text metrics, part b (re-exported by index.ts). */
export {};
