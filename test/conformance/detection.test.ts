import { describeConformance } from "./harness.js";

describeConformance("detection", ["cases.json", "coco_cases.json"]);
