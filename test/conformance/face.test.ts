import { describeConformance } from "./harness.js";

describeConformance("face", ["golden/face_cases.json"]);
