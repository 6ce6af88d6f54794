/**
 * A case's `(preds, target)` inputs as the first two arguments of a library function. Typed
 * `never` so they fit any input type: the conformance data are checked by the library itself.
 */
export const predsTarget = (inputs: Record<string, unknown>): [never, never] => [
  inputs.preds as never,
  inputs.target as never,
];
