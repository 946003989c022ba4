/** Another instance took the source's lease (ours expired): our writes must not land. */
export class LeaseLostError extends Error {
  constructor(sourceId: string) {
    super(`Lost the lease on source ${sourceId}; another instance polls it now`);
    this.name = 'LeaseLostError';
  }
}
