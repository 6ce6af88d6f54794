import { run as classification } from "./classification.js";
import { run as detection } from "./detection.js";
import { run as losses } from "./losses.js";
import { run as rag } from "./rag.js";
import { run as regression } from "./regression.js";
import { run as retrieval } from "./retrieval.js";
import { run as segmentation } from "./segmentation.js";
import { run as text } from "./text.js";

export const demoSections: Readonly<Record<string, (print: (line: string) => void) => Promise<void>>> = {
  classification,
  regression,
  detection,
  segmentation,
  text,
  retrieval,
  rag,
  losses,
};
