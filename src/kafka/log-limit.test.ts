import { describe, expect, it } from 'vitest';
import type { KafkaLogSink } from './client.js';
import { limitRepeats } from './log-limit.js';

function recorder(): { sink: KafkaLogSink; lines: { level: string; message: string; extra: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; extra: Record<string, unknown> }[] = [];
  return { lines, sink: (level, message, extra) => lines.push({ level, message, extra }) };
}

describe('limitRepeats', () => {
  it('writes a repeated error once per window and then says how many it dropped', () => {
    let t = 0;
    const r = recorder();
    const log = limitRepeats(r.sink, { windowMs: 60_000, now: () => t });
    for (let i = 0; i < 450; i++) {
      log('error', 'Connection error: connect ECONNREFUSED', {});
      t += 250; // 450 lines in ~2 minutes, as measured while the broker was down
    }
    expect(r.lines.length).toBe(2);
    expect(r.lines[0]!.extra).toEqual({});
    expect(r.lines[1]!.extra).toEqual({ repeated: 239 });
  });

  it('keeps distinct messages and levels apart, and never limits info lines', () => {
    const r = recorder();
    const log = limitRepeats(r.sink, { now: () => 0 });
    log('error', 'a', {});
    log('warn', 'a', {});
    log('error', 'b', {});
    log('error', 'a', {});
    for (let i = 0; i < 3; i++) log('info', 'joined', { i });
    expect(r.lines.map((l) => `${l.level}:${l.message}`)).toEqual([
      'error:a',
      'warn:a',
      'error:b',
      'info:joined',
      'info:joined',
      'info:joined',
    ]);
  });
});
