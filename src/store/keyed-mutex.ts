/**
 * In-process mutual exclusion per key, first come first served. Used for the SQLite transaction
 * (one connection: a second transaction must wait, not interleave) and for ticket locks.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  isHeld(key: string): boolean {
    return this.tails.has(key);
  }

  /** Waits for the key and returns its release function (call it exactly once). */
  async acquire(key: string): Promise<() => void> {
    const previous = this.tails.get(key);
    const release = this.enqueue(key, previous);
    if (previous) await previous;
    return release;
  }

  /** Takes the key if nobody holds or waits for it, else null. */
  tryAcquire(key: string): (() => void) | null {
    return this.tails.has(key) ? null : this.enqueue(key, undefined);
  }

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire(key);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  private enqueue(key: string, previous: Promise<void> | undefined): () => void {
    let open!: () => void;
    const mine = new Promise<void>((resolve) => (open = resolve));
    const tail = previous ? previous.then(() => mine) : mine;
    this.tails.set(key, tail);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      open();
      // Last in the queue: forget the key so the map does not grow with every ticket ever locked.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }
}
