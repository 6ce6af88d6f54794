/** plumbline/detection: the public API of the detection metrics. */

export {
  type BoxFormat,
  batchedNms,
  boxArea,
  boxConvert,
  boxIou,
  boxIouMeta,
  completeBoxIou,
  completeBoxIouMeta,
  distanceBoxIou,
  distanceBoxIouMeta,
  generalizedBoxIou,
  generalizedBoxIouMeta,
  nms,
  nmsMeta,
} from "./box-ops.js";
export {
  type AreaRange,
  COCO_KEYPOINT_SIGMAS,
  type CocoDetectionObject,
  type CocoEvalOptions,
  type CocoEvalResult,
  type CocoEvalState,
  type CocoGroundTruthObject,
  type CocoImage,
  cocoEvalDef,
  cocoEvaluateImages,
  cocoMapMeta,
  type IouType,
  linspace,
  type SummaryMode,
} from "./coco-eval.js";
export { type CocoGroundTruth, cocoEvaluate, cocoToImages, parseCocoGroundTruth } from "./coco-json.js";
export { type CocoResultColumns, readCocoResults } from "./coco-results.js";
export {
  type DetectionMapOptions,
  type DetectionPrediction,
  type DetectionTarget,
  detectionMap,
  detectionMapDef,
  detectionMapMeta,
  type TorchmetricsMapDict,
  toTorchmetricsDict,
} from "./detection-map.js";
export {
  type BinaryMask,
  type CocoRle,
  type CocoSegmentation,
  type Rle,
  rleArea,
  rleDecode,
  rleEncode,
  rleFromBbox,
  rleFromPolygon,
  rleFromString,
  rleIou,
  rleMerge,
  rleMeta,
  rleToBbox,
  rleToCoco,
  rleToString,
  toRle,
} from "./rle.js";
export * from "./suite.js";
export {
  type VocApOptions,
  type VocApResult,
  type VocApState,
  type VocImage,
  vocAp,
  vocApDef,
  vocApFromCurve,
  vocApMeta,
} from "./voc-ap.js";
