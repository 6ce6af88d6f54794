/** plumbline/text: the public API of the text metrics. */
export { entries as catalog } from "./catalog.js";
