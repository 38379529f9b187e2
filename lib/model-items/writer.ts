/**
 * Group commit for finished items: lanes hand their result over and go on to the next request while the
 * writer stores everything that arrived meanwhile in one transaction (`store`, built on storeOnce). At high
 * concurrency this turns ~8 round trips per result into ~8 per batch, which is what keeps throughput near
 * concurrency / latency. A lane waits only when `maxUncommitted` results are already waiting, so a crash loses
 * (and a restart asks again for) at most that many answered items plus those in flight — never stores anything twice.
 * With `maxUncommitted` 1 every lane waits for its own result to be committed before it asks anything else.
 */
export class GroupWriter<S> {
  private queue: { input: S; done: (stored: boolean) => void; fail: (e: unknown) => void }[] = [];
  private running: Promise<void> | null = null;
  private pending = new Set<Promise<unknown>>();
  error: unknown = null;

  constructor(
    private readonly store: (batch: S[]) => Promise<boolean[]>,
    private readonly onStored: (input: S, stored: boolean) => void,
    private readonly maxUncommitted: number,
    private readonly maxBatch = 200,
  ) {}

  /** Queues a result; resolves once it is committed. Await it only when `backlogged`. */
  write(input: S): Promise<boolean> {
    const p = new Promise<boolean>((done, fail) => this.queue.push({ input, done, fail }));
    const tracked = p.then((stored) => this.onStored(input, stored), (e) => { this.error ??= e; });
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
    this.kick();
    return p;
  }

  private kick(): void {
    if (this.running) return;
    // re-kick on the way out: a write may land between the loop's last check and this callback
    this.running = this.drainQueue().finally(() => { this.running = null; if (this.queue.length) this.kick(); });
  }

  get backlogged(): boolean {
    return this.pending.size >= this.maxUncommitted;
  }

  /** Waits until everything queued is committed (or has failed). */
  async flush(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  private async drainQueue(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const stored = await this.store(batch.map((b) => b.input));
        batch.forEach((b, i) => b.done(stored[i]!));
      } catch (err) {
        for (const b of batch) b.fail(err);
      }
    }
  }
}
