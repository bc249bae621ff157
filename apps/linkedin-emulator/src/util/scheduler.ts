import type { Clock } from './clock';

interface Task {
  dueAt: number;
  run: () => void;
  timer: NodeJS.Timeout | null;
}

/** Runs callbacks at emulator-clock times; moving the clock forward fires what became due. */
export class Scheduler {
  private readonly tasks = new Set<Task>();

  constructor(private readonly clock: Clock) {
    clock.onChange(() => this.fireDue());
  }

  at(delayMs: number, run: () => void): void {
    const task: Task = { dueAt: this.clock.now() + delayMs, run, timer: null };
    this.tasks.add(task);
    this.arm(task);
  }

  get pending(): number {
    return this.tasks.size;
  }

  clear(): void {
    for (const t of this.tasks) if (t.timer) clearTimeout(t.timer);
    this.tasks.clear();
  }

  private arm(task: Task): void {
    if (task.timer) clearTimeout(task.timer);
    const wait = Math.max(0, task.dueAt - this.clock.now());
    task.timer = setTimeout(() => this.fire(task), wait);
  }

  private fire(task: Task): void {
    if (!this.tasks.delete(task)) return;
    if (task.timer) clearTimeout(task.timer);
    task.run();
  }

  private fireDue(): void {
    const now = this.clock.now();
    for (const t of [...this.tasks]) {
      if (t.dueAt <= now) this.fire(t);
      else this.arm(t);
    }
  }
}
