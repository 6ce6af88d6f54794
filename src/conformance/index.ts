export {
  caseInputs,
  closingLine,
  findAdapter,
  formatReport,
  readConformanceFile,
  runCase,
  runConformance,
} from "./runner.js";
export type {
  Adapter,
  AdapterContext,
  CaseResult,
  ConformanceCase,
  ConformanceFile,
  ConformanceReport,
} from "./types.js";
