import { describe, expect, it } from 'vitest';
import { SettingsError, settingsFromEnv } from './settings.js';

describe('request body settings', () => {
  it('default to a 256 MiB budget, a 15 s idle timeout and a 120 s deadline', () => {
    expect(settingsFromEnv({}, '/').bodies).toEqual({ budgetBytes: 256 * 1024 * 1024, idleMs: 15_000, deadlineMs: 120_000 });
  });

  it('read SLUIS_BODY_BUDGET_BYTES, SLUIS_BODY_IDLE_SECONDS and SLUIS_BODY_DEADLINE_SECONDS', () => {
    const env = { SLUIS_BODY_BUDGET_BYTES: '33554432', SLUIS_BODY_IDLE_SECONDS: '5', SLUIS_BODY_DEADLINE_SECONDS: '60' };
    expect(settingsFromEnv(env, '/').bodies).toEqual({ budgetBytes: 33_554_432, idleMs: 5000, deadlineMs: 60_000 });
  });

  it.each([
    ['SLUIS_BODY_BUDGET_BYTES', '1000'],
    ['SLUIS_BODY_BUDGET_BYTES', 'lots'],
    ['SLUIS_BODY_IDLE_SECONDS', '0'],
    ['SLUIS_BODY_DEADLINE_SECONDS', '-1'],
    ['SLUIS_BODY_DEADLINE_SECONDS', '3601'],
  ])('refuse %s=%s, naming the variable', (name, value) => {
    expect(() => settingsFromEnv({ [name]: value }, '/')).toThrow(SettingsError);
    try {
      settingsFromEnv({ [name]: value }, '/');
    } catch (e) {
      expect((e as SettingsError).source).toBe(name);
    }
  });
});
