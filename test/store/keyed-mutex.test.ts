import { describe, expect, it } from 'vitest';
import { KeyedMutex } from '../../src/store/keyed-mutex.ts';

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('KeyedMutex', () => {
  it('hands one key out in arrival order and forgets it when the queue is empty', async () => {
    const mutex = new KeyedMutex();
    const order: string[] = [];
    const first = await mutex.acquire('k');
    const second = mutex.acquire('k').then((release) => (order.push('second'), release));
    const third = mutex.acquire('k').then((release) => (order.push('third'), release));
    await tick();
    expect(order).toEqual([]);
    first();
    (await second)();
    (await third)();
    expect(order).toEqual(['second', 'third']);
    expect(mutex.isHeld('k')).toBe(false);
  });

  it('refuses a try-acquire while the key is held or awaited, and ignores a second release', async () => {
    const mutex = new KeyedMutex();
    const release = mutex.tryAcquire('k')!;
    expect(mutex.tryAcquire('k')).toBeNull();
    expect(mutex.tryAcquire('other')).not.toBeNull();
    release();
    release();
    expect(mutex.isHeld('k')).toBe(false);
    expect(mutex.tryAcquire('k')).not.toBeNull();
  });

  it('releases after the work fails', async () => {
    const mutex = new KeyedMutex();
    await expect(mutex.run('k', async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(mutex.isHeld('k')).toBe(false);
  });
});
