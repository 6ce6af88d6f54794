// Preloaded (`node --import`) into one worker process of the BullMQ test: its reads of a byte
// range (a shard's rows, start > 0) hand over the first chunk and then never go on, as a worker
// whose machine hangs mid-shard. It says so on stderr, so the test kills it at that moment.
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { PassThrough } from "node:stream";

const original = fs.createReadStream;
fs.createReadStream = function createReadStream(path, options) {
  const real = original.call(this, path, options);
  if (!(options !== null && typeof options === "object" && options.start > 0)) return real;
  const stalled = new PassThrough();
  real.once("data", (chunk) => {
    real.destroy();
    stalled.write(chunk);
    process.stderr.write("stalled mid-shard\n");
  });
  return stalled;
};
syncBuiltinESMExports();
