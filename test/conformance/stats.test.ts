import { describeConformance } from "./harness.js";

describeConformance("stats", ["golden/stats_cases.json"]);
