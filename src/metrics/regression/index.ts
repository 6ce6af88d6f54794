/** plumbline/regression: the public API of the regression metrics. */
export { entries as catalog } from "./catalog.js";
