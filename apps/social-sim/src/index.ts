export {
  createSocialSim,
  ROOT_PORT_OFFSETS,
  type SocialSim,
  type SocialSimOptions,
  type SimControl,
  type SimState,
  type SeededPost,
  type RequestLogEntry,
  type HistoryIncident,
  type HistoryOptions,
  type HistorySummary,
  type LiveStream,
  type SimCompetitor,
  DEMO_HISTORY_PER_DAY,
} from './sim.js';
export { FAULT_KINDS, type FaultKind, type FaultSpec, type ActiveFault } from './faults.js';
export { SCENARIOS, type ScenarioName, type ScenarioOptions } from './scenario.js';
export { SIM_PLATFORMS, type SimPlatform, type SeedOptions, type SimReply } from './sim-model.js';
export { loadCorpus, defaultEvalDir, rewriteBrand, type Brand, type Corpus, type CorpusPost } from './data/corpus.js';
