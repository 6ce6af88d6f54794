/** plumbline/segmentation: the public API of the segmentation metrics. */
export { entries as catalog } from "./catalog.js";
