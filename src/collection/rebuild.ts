/**
 * Rebuilding a collection from its id and options (`plumbline merge`, worker threads): each
 * member is found by its own id and options, then the collection is built again.
 */
import { describeValue, fail } from "../core/errors.js";
import type { AnyMetricDef } from "../metric.js";
import { COLLECTION_ID, MAX_MEMBERS, metricCollection } from "./metric-collection.js";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

/** The collection with this id and options, its members found by `find` (the registry's `findDefinition`). */
export async function rebuildCollection(
  id: unknown,
  options: unknown,
  find: (id: unknown, options: unknown) => Promise<AnyMetricDef>,
): Promise<AnyMetricDef> {
  if (id !== COLLECTION_ID)
    fail("invalid_state", `no collection has the id ${describeValue(id)}; collections are ${COLLECTION_ID}`);
  const metrics = isRecord(options) && Object.keys(options).length === 1 ? options.metrics : undefined;
  if (!isRecord(metrics) || Object.keys(metrics).length > MAX_MEMBERS)
    fail(
      "invalid_state",
      `${COLLECTION_ID}: options must be { metrics: { name: { id, options } } }, got ${describeValue(options)}`,
    );
  const members: Record<string, AnyMetricDef> = {};
  for (const [name, member] of Object.entries(metrics)) {
    if (
      !isRecord(member) ||
      typeof member.id !== "string" ||
      !Object.keys(member).every((k) => k === "id" || k === "options")
    )
      fail(
        "invalid_state",
        `${COLLECTION_ID}: member ${describeValue(name)} must be { id, options }, got ${describeValue(member)}`,
      );
    const def = await find(member.id, member.options ?? {});
    if (def.id !== member.id)
      fail("invalid_state", `${COLLECTION_ID}: member ${name} rebuilt as ${def.id}, not ${member.id}`);
    members[name] = def;
  }
  try {
    return metricCollection(members);
  } catch (error) {
    return fail("invalid_state", `${COLLECTION_ID}: ${(error as Error).message}`);
  }
}
