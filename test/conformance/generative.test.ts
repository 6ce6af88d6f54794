import { describeConformance } from "./harness.js";

describeConformance("generative", ["cases.json"]);
