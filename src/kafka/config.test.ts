import { describe, expect, it } from 'vitest';
import { KafkaConfigError, kafkaSettingsFromEnv } from './config.js';

const base = { KAFKA_BROKERS: 'k1:9092, k2:9093', SLUIS_KAFKA_KEY_SECRET: 'a-secret-of-16-chars' };

describe('Kafka settings from the environment', () => {
  it('is off without KAFKA_BROKERS', () => {
    expect(kafkaSettingsFromEnv({})).toBeUndefined();
    expect(kafkaSettingsFromEnv({ KAFKA_BROKERS: '  ' })).toBeUndefined();
  });

  it('reads brokers, topics (with prefix or per role), group, ingress switch', () => {
    const s = kafkaSettingsFromEnv({
      ...base,
      SLUIS_KAFKA_TOPIC_PREFIX: 'acc.',
      SLUIS_KAFKA_TOPIC_EVENTS: 'my-events',
      SLUIS_KAFKA_INGRESS: '1',
      SLUIS_KAFKA_GROUP_ID: 'sluis-acc',
    })!;
    expect(s.brokers).toEqual(['k1:9092', 'k2:9093']);
    expect(s.topics).toEqual({
      inbound: 'acc.sluis.inbound',
      events: 'my-events',
      ingress: 'acc.sluis.ingress',
      deadletter: 'acc.sluis.deadletter',
    });
    expect(s.ingress).toBe(true);
    expect(s.groupId).toBe('sluis-acc');
    expect(s.sessionTimeoutMs).toBe(30_000);
  });

  it('refuses bad values with the variable named', () => {
    const bad: [Record<string, string>, string][] = [
      [{ ...base, KAFKA_BROKERS: 'no-port' }, 'KAFKA_BROKERS'],
      [{ KAFKA_BROKERS: 'k:1' }, 'SLUIS_KAFKA_KEY_SECRET'],
      [{ ...base, SLUIS_KAFKA_KEY_SECRET: 'short' }, 'SLUIS_KAFKA_KEY_SECRET'],
      [{ ...base, SLUIS_KAFKA_TOPIC_INBOUND: 'bad topic' }, 'SLUIS_KAFKA_TOPIC_INBOUND'],
      [{ ...base, KAFKA_SASL_MECHANISM: 'kerberos' }, 'KAFKA_SASL_MECHANISM'],
      [{ ...base, SLUIS_KAFKA_SESSION_TIMEOUT_MS: '10' }, 'SLUIS_KAFKA_SESSION_TIMEOUT_MS'],
    ];
    for (const [env, variable] of bad) {
      expect(() => kafkaSettingsFromEnv(env)).toThrowError(KafkaConfigError);
      try {
        kafkaSettingsFromEnv(env);
      } catch (e) {
        expect((e as KafkaConfigError).variable).toBe(variable);
      }
    }
  });
});
