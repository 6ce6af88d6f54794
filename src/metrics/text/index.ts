/** plumbline/text: the public API of the text metrics. */
export { entries as catalog } from "./catalog.js";
export * from "./exports-a.js";
export * from "./exports-b.js";
