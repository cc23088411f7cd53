import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from './config.js';

describe('settings from the environment', () => {
  it('takes the defaults when nothing is set, and numbers as given', () => {
    expect(configFromEnv({})).toMatchObject({ port: 3000, retentionDays: 0, idleSeminarMs: 10 * 60_000 });
    expect(configFromEnv({ PORT: '8080', TAVLA_IDLE_SEMINAR_MINUTES: '2.5', TAVLA_RETENTION_DAYS: '' })).toMatchObject({ port: 8080, idleSeminarMs: 150_000, retentionDays: 0 });
  });

  it('refuses a setting that is not a number of 0 or more, naming it', () => {
    for (const [name, value] of [['TAVLA_RETENTION_DAYS', 'thirty'], ['TAVLA_IDLE_SEMINAR_MINUTES', '-1'], ['TAVLA_COMMIT_DELAY_MS', 'Infinity']] as const) {
      expect(() => configFromEnv({ [name]: value })).toThrow(ConfigError);
      expect(() => configFromEnv({ [name]: value })).toThrow(`${name} must be a number of 0 or more, not "${value}"`);
    }
    for (const port of ['http', '80.5', '70000'])
      expect(() => configFromEnv({ PORT: port })).toThrow(`PORT must be a whole number from 0 to 65535, not "${port}"`);
  });
});
