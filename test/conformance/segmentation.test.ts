import { describeConformance } from "./harness.js";

describeConformance("segmentation", ["cases.json"]);
