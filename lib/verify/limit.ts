/** At most `max` tasks in flight; the others wait in arrival order. */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(public readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`Limiter: max must be a whole number >= 1 (received ${max})`);
  }

  /** Runs `task` when a slot is free. */
  public async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((res) => this.waiting.push(res));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

/** Maps `items` through `fn` with at most `max` calls in flight, keeping the input order. */
export async function mapLimit<T, R>(items: readonly T[], max: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const limiter = new Limiter(max);
  return Promise.all(items.map((item, i) => limiter.run(() => fn(item, i))));
}
