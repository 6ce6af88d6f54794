/** plumbline/depth: the public API of the depth metrics. */
export { entries as catalog } from "./catalog.js";
