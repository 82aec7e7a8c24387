const WINDOW_MS = 10_000;

/** Events published per second over the last ten seconds, for the readiness details. */
export class PublicationRate {
  private readonly batches: { at: number; count: number }[] = [];

  record(count: number): void {
    this.batches.push({ at: Date.now(), count });
    this.forgetOld();
  }

  perSecond(): number {
    this.forgetOld();
    return this.batches.reduce((sum, { count }) => sum + count, 0) / (WINDOW_MS / 1000);
  }

  private forgetOld(): void {
    const since = Date.now() - WINDOW_MS;
    while ((this.batches[0]?.at ?? since) < since) this.batches.shift();
  }
}
