/** Emulator time: real time plus an offset the admin API can move, or frozen at a set instant. */
export class Clock {
  private offsetMs = 0;
  private frozenAt: number | null = null;
  private readonly listeners = new Set<() => void>();

  now(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offsetMs += ms;
    this.changed();
  }

  set(epochMs: number, freeze = false): void {
    if (freeze) this.frozenAt = epochMs;
    else {
      this.frozenAt = null;
      this.offsetMs = epochMs - Date.now();
    }
    this.changed();
  }

  reset(): void {
    this.offsetMs = 0;
    this.frozenAt = null;
    this.changed();
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
