import { describe, expect, it } from 'vitest';
import type { KafkaLogSink } from '../kafka/client.js';
import { logIngressEvent } from './kafka-from-env.js';

describe('log lines for the Kafka ingress', () => {
  const lines: { level: string; message: string; extra: Record<string, unknown> }[] = [];
  const sink: KafkaLogSink = (level, message, extra) => lines.push({ level, message, extra });

  it('one line per bericht taken in and per dead-lettered message, without the reason detail', () => {
    logIngressEvent(sink, { type: 'stored', id: '01M98SSZYC6VGQN3WTKP1JMWPK', replay: false, partition: 2, offset: '41' });
    logIngressEvent(sink, { type: 'dead-letter', reason: 'refused', detail: 'Bsn 999993653 is not valid', partition: 1, offset: '7' });
    logIngressEvent(sink, { type: 'retry', error: 'store down', partition: 1, offset: '8', attempt: 2 });
    expect(lines).toEqual([
      {
        level: 'info',
        message: 'bericht taken in from Kafka',
        extra: { ingress: 'stored', id: '01M98SSZYC6VGQN3WTKP1JMWPK', replay: false, partition: 2, offset: '41' },
      },
      { level: 'warn', message: 'message dead-lettered', extra: { ingress: 'dead-letter', reason: 'refused', partition: 1, offset: '7' } },
    ]);
    expect(JSON.stringify(lines)).not.toContain('999993653');
  });
});
