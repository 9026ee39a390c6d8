import { describe, expect, it } from 'vitest';
import { demoExposureProblem, isLoopbackHost, settingsFromEnv, SettingsError } from './settings.js';

describe('settings: the demo parties config stays on this machine', () => {
  it('binds the demo config to 127.0.0.1 when HOST is not set; a real parties config to 0.0.0.0', () => {
    expect(settingsFromEnv({}, '/x').host).toBe('127.0.0.1');
    expect(settingsFromEnv({ SLUIS_PARTIES: 'p.json' }, '/x').host).toBe('0.0.0.0');
    expect(demoExposureProblem(settingsFromEnv({}, '/x'))).toBeUndefined();
  });

  it('refuses the demo config on a public HOST unless SLUIS_DEMO_PUBLIC=1 is set as well', () => {
    const p = demoExposureProblem(settingsFromEnv({ HOST: '0.0.0.0' }, '/x'));
    expect(p).toBeInstanceOf(SettingsError);
    expect(p?.source).toBe('HOST');
    expect(p?.message).toMatch(/SLUIS_DEMO_PUBLIC=1/);
    expect(demoExposureProblem(settingsFromEnv({ HOST: '0.0.0.0', SLUIS_DEMO_PUBLIC: '1' }, '/x'))).toBeUndefined();
    expect(demoExposureProblem(settingsFromEnv({ HOST: '::', SLUIS_DEMO_PUBLIC: '0' }, '/x'))).toBeDefined();
    expect(() => settingsFromEnv({ SLUIS_DEMO_PUBLIC: 'yes' }, '/x')).toThrow(/SLUIS_DEMO_PUBLIC/);
  });

  it('knows loopback hosts', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '10.0.0.1', '192.168.1.2', 'example.org']) expect(isLoopbackHost(h), h).toBe(false);
  });
});

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

describe('the conversation rules setting', () => {
  it('SLUIS_CONVERSATION: advise by default, off when asked, anything else refused with its name', () => {
    expect(settingsFromEnv({}, '/').conversation).toBe('advise');
    expect(settingsFromEnv({ SLUIS_CONVERSATION: 'off' }, '/').conversation).toBe('off');
    expect(() => settingsFromEnv({ SLUIS_CONVERSATION: 'enforce' }, '/')).toThrow(/SLUIS_CONVERSATION must be advise or off/);
  });
});

describe('the stored contract registry poll', () => {
  it('SLUIS_REGISTRY_POLL_MS: 2000 by default, 100–3600000 ms, anything else refused with its name', () => {
    expect(settingsFromEnv({}, '/').registryPollMs).toBe(2000);
    expect(settingsFromEnv({ SLUIS_REGISTRY_POLL_MS: '500' }, '/').registryPollMs).toBe(500);
    for (const v of ['50', '3600001', 'x', '1.5'])
      expect(() => settingsFromEnv({ SLUIS_REGISTRY_POLL_MS: v }, '/'), v).toThrow(/SLUIS_REGISTRY_POLL_MS/);
  });
});
