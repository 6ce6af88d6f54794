/**
 * The thresholds `advise` uses to turn measurements into traits. They are rules of thumb, stated
 * here and in docs/defaults.md so every finding can be traced to a number.
 */
export const THRESHOLDS = {
  /** Classes are imbalanced when the largest class has at least this many times the smallest's samples. */
  imbalanceRatio: 4,
  /** A class is rare (per-class metrics unreliable) below this many samples... */
  rareClassCount: 10,
  /** ...or below this share of the samples. */
  rareClassShare: 0.01,
  /** Many classes (top-k accuracy, sparse targets, label smoothing) from this many classes. */
  manyClasses: 100,
  /** Regression: a target is skewed when |sample skewness| exceeds this. */
  skewness: 1,
  /** Regression: heavy tails when the excess kurtosis exceeds this. */
  excessKurtosis: 3,
  /** Regression: an outlier lies beyond Q1 - k·IQR or Q3 + k·IQR (Tukey's far-out fences). */
  tukeyFence: 3,
  /** Regression: targets span orders of magnitude when max/min of positive targets reaches this. */
  dynamicRange: 100,
  /** Regression: a target is near zero when |y| is below this share of the median |y|. */
  nearZeroShare: 1e-3,
  /** Regression: heteroscedastic when Spearman's rho of |residual| and |prediction| reaches this... */
  heteroscedasticRho: 0.3,
  /** ...measured on at least this many samples. */
  heteroscedasticMinSamples: 20,
  /** Detection: COCO's area limits of small and medium objects (pixels²). */
  cocoSmallArea: 32 * 32,
  cocoMediumArea: 96 * 96,
  /** Detection: small objects matter when at least this share of the boxes is small. */
  smallObjectShare: 0.3,
  /** Detection: crowded when images hold at least this many objects on average... */
  crowdedObjectsPerImage: 10,
  /** ...or at least this share of boxes overlaps another ground-truth box with IoU > 0.3. */
  crowdedOverlapShare: 0.1,
  /** Detection: scale variation when the 95th/5th percentile ratio of √area reaches this. */
  scaleSpread: 8,
  /** Detection and segmentation: class imbalance when the largest/smallest class count ratio reaches this. */
  instanceImbalanceRatio: 10,
  /** Segmentation: foreground (non-background) pixels below this share means heavy imbalance. */
  foregroundShare: 0.1,
  /** Segmentation: a connected region below this share of its image is a small structure... */
  smallRegionShare: 0.01,
  /** ...and small structures matter when at least this share of the foreground regions are small. */
  smallRegionsShare: 0.25,
  /** Segmentation: images up to this many pixels get connected-component analysis. */
  maxComponentPixels: 16_000_000,
  /** Text: a corpus with fewer segments than this is too small for stable corpus-level scores. */
  fewSegments: 100,
} as const;
