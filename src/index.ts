/**
 * plumbline: deep-learning loss functions and evaluation metrics for TypeScript.
 * Import a task's subpath (`plumbline/classification`, `plumbline/losses`, ...) for its API;
 * this entry point re-exports the core and the catalog only.
 */

export type { CatalogEntry, Recommendation, RecommendQuery, Reference, Task } from "./catalog/index.js";
export { catalog, describe, recommend } from "./catalog/index.js";
export * from "./core/index.js";
