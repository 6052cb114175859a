import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Integration suites start real servers (PostgreSQL, S3) and a real browser.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    reporters: ['default'],
    // Never let the AWS SDK's credential chain ask an instance-metadata address (tests stay on
    // 127.0.0.1; the S3 helpers also set this for the processes they start). Its Node 20 notice
    // is left on: only the CLI turns it off (main/cli/aws-sdk-notice.ts), and tests check that.
    env: { AWS_EC2_METADATA_DISABLED: 'true' },
  },
});
