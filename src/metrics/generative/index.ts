/** plumbline/generative: the public API of the generative metrics. */
export { entries as catalog } from "./catalog.js";
