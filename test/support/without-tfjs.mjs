// Test helper: `node --import ./test/support/without-tfjs.mjs ...` runs a program as if the
// optional TensorFlow.js peer dependencies were not installed (every "@tensorflow/..." import
// fails with ERR_MODULE_NOT_FOUND), to check that plumbline degrades with one line.
import { register } from "node:module";

register("./without-tfjs-hooks.mjs", import.meta.url);
