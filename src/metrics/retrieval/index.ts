/** plumbline/retrieval: the public API of the retrieval metrics. */
export { entries as catalog } from "./catalog.js";
