import { describeConformance } from "./harness.js";

describeConformance("classification", ["cases.json"]);
