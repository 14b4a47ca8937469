import { defineConfig } from 'vitest/config'

// `npm run test:devtools` (scripts/devtools-test.ts checks for DevTools first): the miniprogram-automator
// suite against WeChat DevTools. Not part of `npm test`: DevTools has no Linux build.
export default defineConfig({
  test: {
    include: ['tests/devtools/**/*.test.ts'],
    // the build with the suite's API base first, then the database
    globalSetup: ['tests/devtools/support/build-setup.ts', 'tests/support/global-setup.ts'],
    setupFiles: ['tests/support/db-setup.ts'],
    pool: 'forks',
    // one DevTools window and one API port (the one baked into the build) at a time
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
    env: {
      NODE_ENV: 'test',
      // tests are the local stack: the built-in ID_CARD_KEY may be used (api/_lib/auth/secret-env.ts)
      JIUYE_LOCAL_SECRETS: '1',
      SUPABASE_JWT_SECRET: 'test-secret-for-vitest-only-0123456789abcdef',
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    },
  },
})
