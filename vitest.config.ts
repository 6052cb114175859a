import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Integration suites start real servers (PostgreSQL, S3) and a real browser.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    reporters: ['default'],
    // Test helpers make S3 clients too: keep the SDK's multi-line Node 20 notice out of the log,
    // and never let its credential chain ask an instance-metadata address (tests stay on
    // 127.0.0.1; the S3 helpers also set this for the processes they start).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', AWS_EC2_METADATA_DISABLED: 'true' },
  },
});
