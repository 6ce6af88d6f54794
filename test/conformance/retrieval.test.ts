import { describeConformance } from "./harness.js";

describeConformance("retrieval", ["cases.json"]);
