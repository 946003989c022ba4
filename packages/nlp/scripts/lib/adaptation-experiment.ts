/**
 * Issue 14's adaptation experiment (adaptation-gain, category-learned-f1). Filled in by the
 * workspace-model work; prints nothing until then.
 */
export function runAdaptationExperiment(dir: string): void {
  void dir;
}
