import { describeConformance } from "./harness.js";

describeConformance("text", ["cases.json", "text_cases.json"]);
