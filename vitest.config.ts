import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // tests/devtools/** needs WeChat DevTools: npm run test:devtools (vitest.devtools.config.ts)
    exclude: ['tests/e2e/**', 'tests/weapp/**', 'tests/devtools/**', 'node_modules/**'],
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/db-setup.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
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
