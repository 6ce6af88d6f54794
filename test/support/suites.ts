import { expect } from "vitest";
import { createMetric, type MetricDef, runOnce } from "../../src/metric.js";
import { findDefinition } from "../../src/metrics/registry.js";

/**
 * Test helper for the task suites (collections): over `batches` (argument lists), the suite's
 * result equals each member's one-shot result on all the data (`oneShots`, by member name);
 * the suite merged from one metric per batch equals the one-shot suite; and the suite rebuilt by
 * the registry from its JSON options computes the same from a JSON snapshot.
 */
export async function expectSuiteEquivalence(
  // biome-ignore lint/suspicious/noExplicitAny: suites of any member types.
  def: MetricDef<any, any[], any>,
  batches: readonly (readonly unknown[])[],
  all: readonly unknown[],
  oneShots: Readonly<Record<string, () => unknown>>,
): Promise<void> {
  const result = runOnce(def, ...all) as Record<string, unknown>;
  expect(Object.keys(result)).toEqual(Object.keys(oneShots));
  for (const [name, oneShot] of Object.entries(oneShots)) expect(result[name], name).toEqual(oneShot());
  const parts = batches.map((batch) => createMetric(def).update(...batch));
  const merged = parts.slice(1).reduce((a, b) => a.merge(b), parts[0]!);
  expect(merged.compute()).toEqual(result);
  const rebuilt = await findDefinition(def.id, JSON.parse(JSON.stringify(def.options)));
  const snapshot = JSON.parse(JSON.stringify(merged.snapshot({ label: "all" })));
  expect(createMetric(rebuilt).fromJSON(snapshot).compute()).toEqual(result);
}
