import { describeConformance } from "./harness.js";

describeConformance("depth", ["cases.json"]);
