export {
  createDetector,
  detectorFromJSON,
  resolveOptions,
  type Detector,
  type DetectorEvent,
  type DetectorJson,
  type DetectorOptions,
  type DetectorState,
  type ResolvedDetectorOptions,
  type SignalMetric,
} from './detector.js';
export { hourOfWeekIn } from './hour-of-week.js';
export { topTerms, tokenize, type TopTerm } from './top-terms.js';
