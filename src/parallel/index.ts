/** Evaluation across worker threads: each thread holds a partial state, merged at the end. */
export { evaluateInWorkers, type WorkerOptions } from "./evaluate-in-workers.js";
