import { defineConfig, type UserConfigExport } from '@tarojs/cli'

// The API's base URL is baked in at build time: same origin for H5, loopback for a local weapp build.
function apiBase(): string {
  if (process.env.TARO_APP_API_BASE !== undefined) return process.env.TARO_APP_API_BASE
  return process.env.TARO_ENV === 'h5' ? '' : 'http://127.0.0.1:3000'
}

// H5 only: '1' shows a "微信授权登录（开发）" button that logs in through the fake WeChat's dev codes
// (`dev:<openid>:<nonce>`). The dev/test build (scripts/h5-build.ts) sets it; a production H5 build leaves it
// off, so only the password login shows there. The mini-program always uses the real Taro.login.
function devWechatLogin(): string {
  return process.env.TARO_ENV === 'h5' && process.env.TARO_APP_DEV_WECHAT_LOGIN === '1' ? '1' : ''
}

// Taro writes process.env.TARO_APP_ID into dist/weapp/project.config.json (generateProjectConfig, after this
// file runs); the API's WECHAT_APPID names the same mini-program, so one variable is enough.
if (!process.env.TARO_APP_ID && process.env.WECHAT_APPID) process.env.TARO_APP_ID = process.env.WECHAT_APPID

export default defineConfig<'vite'>(async () => {
  const config: UserConfigExport<'vite'> = {
    projectName: 'jiuye',
    date: '2026-11-24',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {},
    env: {
      TARO_APP_API_BASE: JSON.stringify(apiBase()),
      TARO_APP_DEV_WECHAT_LOGIN: JSON.stringify(devWechatLogin()),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: {
      type: 'vite',
      vitePlugins: [
        {
          // noble (the ticket QR codes' Ed25519) raises BigInts with `**`; lowering to es6 turns that
          // into Math.pow, which throws on a BigInt. Both WeChat's engines and our H5 targets have `**`.
          name: 'jiuye:keep-exponent-operator',
          config: () => ({ esbuild: { supported: { 'exponent-operator': true } } }),
        },
      ],
    },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  }
  return config
})
