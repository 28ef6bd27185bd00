import cliProgress from 'cli-progress';
import type { SyncProgress } from '../engine/index.ts';

/**
 * A progress bar on stderr while a sync runs, only when stderr is a terminal: piped or scheduled runs
 * stay quiet. The feeds do not say how many tickets remain, so the total grows page by page.
 */
export function progressReporter(enabled = Boolean(process.stderr.isTTY)): { onProgress: (p: SyncProgress) => void; stop(): void } {
  if (!enabled) return { onProgress: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: 'sync {bar} {value} tickets | {feed} page {page}', hideCursor: true, clearOnComplete: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress: (p) => {
      const total = Math.max(p.processed - p.done + p.tickets, 1);
      if (!started) {
        bar.start(total, p.processed, { feed: p.feed, page: p.page });
        started = true;
        return;
      }
      bar.setTotal(total);
      bar.update(p.processed, { feed: p.feed, page: p.page });
    },
    stop: () => {
      if (started) bar.stop();
      started = false;
    },
  };
}
