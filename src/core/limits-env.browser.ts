/**
 * limits-env.ts for browser bundles (the package's `browser` field maps one to the other): a
 * browser has no environment, so its limits come from the defaults and `setLimits` alone.
 */
export function limitsFromEnvironment(): { maxAllocationBytes?: number } {
  return {};
}
