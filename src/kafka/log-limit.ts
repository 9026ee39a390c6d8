/**
 * Kafka's client logs the same failure over and over while a broker is down (hundreds of lines a
 * minute). The gateway keeps the first line of each kind, drops its repeats for a while and then says
 * how many it dropped, so the log stays readable and an outage is still visible.
 */
import type { KafkaLogSink } from './client.js';

export interface LogLimitOptions {
  /** Repeats of one (level, message) within this window after it was written are counted, not written. Default 60 s. */
  readonly windowMs?: number;
  /** The clock (ms); injected so the limit can be tested. */
  readonly now?: () => number;
}

/** A sink that writes each warn/error line at most once per window, with `repeated` on the next one written. */
export function limitRepeats(sink: KafkaLogSink, o: LogLimitOptions = {}): KafkaLogSink {
  const windowMs = o.windowMs ?? 60_000;
  const now = o.now ?? Date.now;
  const seen = new Map<string, { at: number; dropped: number }>();
  return (level, message, extra) => {
    if (level === 'info') return sink(level, message, extra);
    const key = `${level}\u0000${message}`;
    const t = now();
    const last = seen.get(key);
    if (last && t - last.at < windowMs) {
      last.dropped++;
      return;
    }
    // Bounded: a flood of distinct messages must not grow the map without end.
    if (!last && seen.size >= 1000) seen.clear();
    seen.set(key, { at: t, dropped: 0 });
    sink(level, message, last && last.dropped > 0 ? { ...extra, repeated: last.dropped } : extra);
  };
}
