import { defineConfig } from 'vitest/config'

// The weapp stage of `npm test`: WeChat's compilers and the package budget on the real build, and the
// headless mini-program runtime's flows (tests/weapp/flows/, against the real API and database).
export default defineConfig({
  test: {
    include: ['tests/weapp/**/*.test.ts'],
    // the build first (once per run), then the database the flows need
    globalSetup: ['tests/weapp/support/build-setup.ts', 'tests/support/global-setup.ts'],
    setupFiles: ['tests/support/db-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 240_000,
    env: {
      NODE_ENV: 'test',
      // tests are the local stack: the built-in ID_CARD_KEY may be used (api/_lib/auth/secret-env.ts)
      JIUYE_LOCAL_SECRETS: '1',
      SUPABASE_JWT_SECRET: 'test-secret-for-vitest-only-0123456789abcdef',
      // tests log in from one address many times; the limit itself has its own test
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    },
  },
})
