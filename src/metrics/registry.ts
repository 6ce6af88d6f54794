import { describeValue, fail } from "../core/errors.js";
import type { AnyMetricDef } from "../metric.js";

/**
 * Where each task's metric definitions live, for rebuilding a metric from its id and options
 * (`plumbline merge`, worker threads). Loaded lazily: merging classification states never
 * loads the text metrics.
 */
const taskModules: Readonly<Record<string, () => Promise<Record<string, unknown>>>> = {
  classification: () => import("./classification/index.js"),
  regression: () => import("./regression/index.js"),
  detection: () => import("./detection/index.js"),
  segmentation: () => import("./segmentation/index.js"),
  image: () => import("./image/index.js"),
  depth: () => import("./depth/index.js"),
  generative: () => import("./generative/index.js"),
  text: () => import("./text/index.js"),
  retrieval: () => import("./retrieval/index.js"),
  face: () => import("./face/index.js"),
};

/** A `*Def` factory of a task module, by its export name. */
export interface DefinitionFactory {
  readonly name: string;
  readonly factory: (options: unknown) => AnyMetricDef;
}

/**
 * The factory and the definition with this id built with these options: among the `*Def`
 * factories of the id's task module, the first that, given the options, has the id.
 * `invalid_state` when none does.
 */
export async function findFactory(
  id: unknown,
  options: unknown,
): Promise<DefinitionFactory & { readonly def: AnyMetricDef }> {
  const task = typeof id === "string" ? id.split("/")[0]! : "";
  if (task === "collection") {
    // A collection is rebuilt member by member, each through this registry.
    const { rebuildCollection } = await import("../collection/index.js");
    const def = await rebuildCollection(id, options, findDefinition);
    // A collection has no synchronous factory of its options: it is rebuilt member by member.
    const factory = (): AnyMetricDef =>
      fail("unsupported", "a collection is rebuilt from its members with findDefinition, not by a factory");
    return { name: "metricCollection", factory, def };
  }
  const load = Object.hasOwn(taskModules, task) ? taskModules[task] : undefined;
  if (!load)
    fail(
      "invalid_state",
      `a metric id must start with a task (${Object.keys(taskModules).join(", ")}), got ${describeValue(id)}`,
    );
  const module = await load();
  for (const [name, value] of Object.entries(module)) {
    if (!name.endsWith("Def") || typeof value !== "function") continue;
    const factory = value as (o: unknown) => AnyMetricDef;
    try {
      const def = factory(options);
      if (def?.id === id) return { name, factory, def };
    } catch {
      // A factory that rejects these options is not the one asked for.
    }
  }
  return fail(
    "invalid_state",
    `no metric definition of ${task} produces id ${describeValue(id)} with options ${JSON.stringify(options)}`,
  );
}

/** The definition with this id built with these options (see {@link findFactory}). */
export async function findDefinition(id: unknown, options: unknown): Promise<AnyMetricDef> {
  return (await findFactory(id, options)).def;
}

/** The task modules a metric id may start with. */
export const METRIC_TASKS: readonly string[] = Object.keys(taskModules);
