import { describeConformance } from "./harness.js";

describeConformance("image", ["cases.json"]);
