import { observabilityConfigFromEnv } from '../../../observability/config';

describe('observability configuration from the environment', () => {
  it('defaults: metrics on loopback, the API and the stack on 9464, a worker on 9465, the SDK on 9466, info logs', () => {
    expect(observabilityConfigFromEnv('api', {})).toEqual({
      metrics: { host: '127.0.0.1', port: 9464 },
      sdkMetricsBindAddress: '127.0.0.1:9466',
      logLevel: 'info',
    });
    expect(observabilityConfigFromEnv('worker', {}).metrics?.port).toBe(9465);
    expect(observabilityConfigFromEnv('stack', {}).metrics?.port).toBe(9464);
  });

  it('a host, a token, a level, and `off` for either listener', () => {
    expect(
      observabilityConfigFromEnv('worker', {
        SECONDMENT_METRICS_HOST: '0.0.0.0',
        SECONDMENT_METRICS_PORT: '9100',
        SECONDMENT_METRICS_TOKEN: ' s3cret ',
        TEMPORAL_SDK_METRICS_PORT: 'off',
        LOG_LEVEL: 'debug',
      }),
    ).toEqual({
      metrics: { host: '0.0.0.0', port: 9100, token: 's3cret' },
      sdkMetricsBindAddress: null,
      logLevel: 'debug',
    });
    expect(observabilityConfigFromEnv('api', { SECONDMENT_METRICS_PORT: 'off' }).metrics).toBeNull();
  });

  it('refuses a bad port or level, naming the variable', () => {
    expect(() => observabilityConfigFromEnv('api', { SECONDMENT_METRICS_PORT: '70000' })).toThrow(
      /SECONDMENT_METRICS_PORT: expected a port 1–65535 or "off", got "70000"/,
    );
    expect(() => observabilityConfigFromEnv('api', { LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
});
