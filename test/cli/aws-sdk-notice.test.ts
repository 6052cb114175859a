// The AWS SDK's Node version notice: switched off by the CLI only where the SDK would print it,
// and never over a choice the user made. (installed-app.test.ts runs real pulls for the rest.)
import { describe, expect, it } from 'vitest';
import { AWS_SDK_NOTICE_SWITCH, awsSdkWouldWarn, quietAwsSdkNodeNotice } from '../../main/cli/aws-sdk-notice';

describe('quietAwsSdkNodeNotice', () => {
  it('switches the notice off on Node 20 and 21, where the SDK prints it', () => {
    for (const version of ['v20.19.0', 'v20.20.2', 'v21.7.3']) {
      const env: NodeJS.ProcessEnv = {};
      expect(quietAwsSdkNodeNotice(env, version)).toBe(true);
      expect(env).toEqual({ [AWS_SDK_NOTICE_SWITCH]: 'true' });
    }
  });

  it('leaves everything as it is on Node 22 and later', () => {
    for (const version of ['v22.12.0', 'v24.11.0', 'v24.22.3', 'v26.0.0']) {
      const env: NodeJS.ProcessEnv = {};
      expect(quietAwsSdkNodeNotice(env, version)).toBe(false);
      expect(env).toEqual({});
    }
  });

  it('keeps a value the user set, either way', () => {
    const env: NodeJS.ProcessEnv = { [AWS_SDK_NOTICE_SWITCH]: 'false' };
    expect(quietAwsSdkNodeNotice(env, 'v20.20.2')).toBe(false);
    expect(env).toEqual({ [AWS_SDK_NOTICE_SWITCH]: 'false' });
  });

  it('reads the major version as the SDK does, and nothing from a version it cannot read', () => {
    expect(awsSdkWouldWarn('v9.11.2')).toBe(true);
    expect(awsSdkWouldWarn('v100.0.0')).toBe(false);
    expect(awsSdkWouldWarn('')).toBe(false);
  });
});
