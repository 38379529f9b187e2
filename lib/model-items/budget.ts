/**
 * The budget cap. Before an item starts, its worst-case cost (estimated prompt + the completion cap) is
 * reserved; when spent + reserved would pass the cap, no further item starts. In-flight items finish and
 * are paid for, so the total stays within the cap as long as replies stay within the requested limits.
 */
export class Budget {
  private reserved = 0;
  constructor(readonly capUsd: number | undefined, private spent: number) {}

  tryReserve(usd: number): boolean {
    if (this.capUsd === undefined) return true;
    if (this.spent + this.reserved + usd > this.capUsd + 1e-12) return false;
    this.reserved += usd;
    return true;
  }

  settle(reservedUsd: number, actualUsd: number): void {
    if (this.capUsd !== undefined) this.reserved = Math.max(0, this.reserved - reservedUsd);
    this.spent += actualUsd;
  }

  get spentUsd(): number {
    return this.spent;
  }
}
