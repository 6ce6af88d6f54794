import { describe, expect, it } from "vitest";
import { annotationFileFor, annotations } from "./annotations/index.js";
import { defaultIdeal } from "./build.js";
import { definitions } from "./definitions.js";
import {
  catalog,
  describe as describeEntry,
  RULES,
  SURVEY_GAPS,
  SURVEY_SECTIONS,
  TASKS,
  TRAITS,
} from "./index.js";

/** LaTeX whose braces, \left/\right and \begin/\end pairs balance; the problems found otherwise. */
function latexProblems(formula: string): string[] {
  const problems: string[] = [];
  let depth = 0;
  for (let i = 0; i < formula.length; i++) {
    const c = formula[i];
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "}" && --depth < 0) problems.push(`unbalanced } at ${i}`);
  }
  if (depth > 0) problems.push(`${depth} unclosed {`);
  const count = (re: RegExp) => formula.match(re)?.length ?? 0;
  if (count(/\\left\b/g) !== count(/\\right\b/g)) problems.push("\\left and \\right do not pair");
  if (count(/\\begin\{/g) !== count(/\\end\{/g)) problems.push("\\begin and \\end do not pair");
  return problems;
}

describe("catalog: every entry is annotated", () => {
  it("has an annotation for every definition (the failure says where to add it)", () => {
    const missing = definitions
      .filter((d) => !Object.hasOwn(annotations, d.id))
      .map((d) => `${d.id} -> add it to ${annotationFileFor(d.id)}`);
    expect(missing).toEqual([]);
  });

  it("has no annotation for an id that no definition declares", () => {
    const ids = new Set(definitions.map((d) => d.id));
    expect(Object.keys(annotations).filter((id) => !ids.has(id))).toEqual([]);
  });

  it("gives every entry usage, advantages, limitations, properties and a survey section or a reason", () => {
    const incomplete = catalog.flatMap((e) => {
      const problems: string[] = [];
      if (e.usage.length < 10) problems.push("usage");
      if (e.advantages.length === 0) problems.push("advantages");
      if (e.limitations.length === 0) problems.push("limitations");
      if (e.survey.length === 0 && !e.beyondSurvey) problems.push("survey section or beyondSurvey");
      if (e.survey.length > 0 && e.beyondSurvey) problems.push("beyondSurvey despite survey sections");
      for (const s of e.survey)
        if (!Object.hasOwn(SURVEY_SECTIONS, s.section)) problems.push(`unknown section ${s.section}`);
      return problems.map((p) => `${e.id}: ${p} (${annotationFileFor(e.id)})`);
    });
    expect(incomplete).toEqual([]);
  });

  it("explains every pairing and pairs every loss with at least one metric", () => {
    const problems = catalog.flatMap((e) => [
      ...e.pairings.filter((p) => p.why.length === 0).map((p) => `${e.id} -> ${p.id}: no reason`),
      ...e.pairings
        .filter((p) => describeEntry(p.id) === undefined)
        .map((p) => `${e.id} -> ${p.id}: no such entry`),
      ...(e.kind === "loss" && !e.pairings.some((p) => describeEntry(p.id)?.kind === "metric")
        ? [`${e.id}: no metric to pair with`]
        : []),
    ]);
    expect(problems).toEqual([]);
  });

  it("covers every item section of the survey with an entry or a listed gap", () => {
    const uncovered = Object.keys(SURVEY_SECTIONS)
      .filter((s) => /^\d+\.\d+\.\d+$/.test(s))
      .filter(
        (s) =>
          !catalog.some((e) => e.survey.some((r) => r.section === s)) &&
          !SURVEY_GAPS.some((g) => g.section === s),
      );
    expect(uncovered).toEqual([]);
    for (const gap of SURVEY_GAPS)
      if (gap.section !== "") expect(SURVEY_SECTIONS, gap.item).toHaveProperty(gap.section);
  });

  it("maps every entry onto survey tasks, its home area first", () => {
    for (const e of catalog) {
      expect(e.tasks.length, e.id).toBeGreaterThan(0);
      for (const t of e.tasks) expect(TASKS, e.id).toContain(t);
    }
  });
});

describe("catalog: formula, range and direction agree", () => {
  it("has unique, well-formed ids", () => {
    const ids = catalog.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9_-]+\/[a-z0-9_]+$/);
  });

  it("has balanced LaTeX in every formula", () => {
    const bad = catalog.flatMap((e) => latexProblems(e.formula).map((p) => `${e.id}: ${p}`));
    expect(bad).toEqual([]);
  });

  it("has ordered ranges, bounded exactly when both ends are finite, and losses that go down", () => {
    for (const e of catalog) {
      expect(e.range[0] <= e.range[1], e.id).toBe(true);
      expect(e.properties.bounded, e.id).toBe(Number.isFinite(e.range[0]) && Number.isFinite(e.range[1]));
      if (e.kind === "loss") expect(e.direction, e.id).toBe("lower");
    }
  });

  it("puts each ideal value inside the range, at the end the direction points to unless stated", () => {
    const bad = catalog.flatMap((e) => {
      if (e.ideal === null) return [];
      const problems: string[] = [];
      if (!(e.ideal >= e.range[0] && e.ideal <= e.range[1]))
        problems.push(`ideal ${e.ideal} outside the range`);
      if (e.direction === "none") problems.push("an ideal without a direction");
      const explicit = annotations[e.id]?.ideal !== undefined;
      if (!explicit && e.ideal !== defaultIdeal(e.direction, e.range))
        problems.push("ideal is not the range end");
      return problems.map((p) => `${e.id}: ${p}`);
    });
    expect(bad).toEqual([]);
  });

  it("keeps a correction (`fix`) only while the definition still differs from it", () => {
    const stale = definitions.flatMap((meta) => {
      const fix = Object.hasOwn(annotations, meta.id) ? annotations[meta.id]!.fix : undefined;
      if (!fix) return [];
      const same = [
        fix.formula !== undefined && fix.formula === meta.formula ? "formula" : "",
        fix.range?.every((v, i) => v === meta.range[i]) ? "range" : "",
        fix.direction !== undefined && fix.direction === meta.direction ? "direction" : "",
      ].filter(Boolean);
      return same.map((field) => `${meta.id}: the definition now has the fixed ${field}; remove the fix`);
    });
    expect(stale).toEqual([]);
  });
});

describe("catalog: the advice rules", () => {
  it("has one rule per trait of every task's vocabulary, and no other", () => {
    for (const task of TASKS)
      expect(Object.keys(RULES[task].traits).sort(), task).toEqual(Object.keys(TRAITS[task]).sort());
  });

  it("names only entries of the task, with reasons, never preferring and avoiding the same entry", () => {
    const problems: string[] = [];
    for (const task of TASKS) {
      const rules = RULES[task];
      const check = (id: string, where: string, kind?: "metric" | "loss") => {
        const e = describeEntry(id);
        if (!e) problems.push(`${task} ${where}: no entry ${id}`);
        else if (!e.tasks.includes(task)) problems.push(`${task} ${where}: ${id} is not tagged ${task}`);
        else if (kind === "metric" && e.kind !== "metric")
          problems.push(`${task} ${where}: ${id} is not a metric`);
        else if (kind === "loss" && e.kind === "metric") problems.push(`${task} ${where}: ${id} is a metric`);
      };
      for (const id of rules.metrics) check(id, "metrics", "metric");
      for (const id of rules.losses) check(id, "losses", "loss");
      for (const [trait, rule] of Object.entries(rules.traits)) {
        if (Object.keys(rule.prefer).length === 0) problems.push(`${task}/${trait}: nothing preferred`);
        for (const [id, why] of Object.entries(rule.prefer)) {
          check(id, `${trait}.prefer`);
          if (why.length < 10) problems.push(`${task}/${trait}: ${id} lacks a reason`);
          if (Object.hasOwn(rule.avoid, id))
            problems.push(`${task}/${trait}: ${id} both preferred and avoided`);
        }
        for (const [id, why] of Object.entries(rule.avoid)) {
          check(id, `${trait}.avoid`);
          if (why.length < 10) problems.push(`${task}/${trait}: ${id} lacks a reason`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("keeps 'suited to' and 'misleading under' as separate fields from the rules", () => {
    const accuracy = describeEntry("classification/accuracy")!;
    expect(accuracy.misleadingUnder.map((n) => `${n.task}/${n.trait}`)).toContain(
      "classification/imbalanced",
    );
    expect(accuracy.suitedTo.map((n) => `${n.task}/${n.trait}`)).not.toContain("classification/imbalanced");
    const ap = describeEntry("classification/average_precision")!;
    expect(ap.suitedTo.map((n) => n.trait)).toContain("imbalanced");
  });
});
