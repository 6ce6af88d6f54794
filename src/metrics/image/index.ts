/** plumbline/image: the public API of the image metrics. */
export { entries as catalog } from "./catalog.js";
