import { describeConformance } from "./harness.js";

describeConformance("regression", ["cases.json"]);
