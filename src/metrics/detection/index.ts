/** plumbline/detection: the public API of the detection metrics. */
export { entries as catalog } from "./catalog.js";
