import { describeConformance } from "./harness.js";

describeConformance("losses", ["cases.json"], { backend: "cpu" });
describeConformance("losses", ["cases.json"], { backend: "wasm" });
