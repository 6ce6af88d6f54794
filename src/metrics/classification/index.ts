/** plumbline/classification: the public API of the classification metrics. */
export { entries as catalog } from "./catalog.js";
