/** Most threads a parallel call (`--workers`, `evaluateInWorkers`, `evaluateFileInWorkers`) may ask for. */
export const MAX_WORKERS = 256;
