/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'rn' | 'harmony' | 'jdrn'
    /** the API's base URL, baked in at build time (config/index.ts) */
    TARO_APP_API_BASE: string
    /** H5 dev/test builds: '1' shows the dev WeChat login (fake WeChat's dev codes); '' otherwise */
    TARO_APP_DEV_WECHAT_LOGIN: string
    /** the mini-program appid Taro writes into dist/weapp/project.config.json (falls back to WECHAT_APPID) */
    TARO_APP_ID: string
  }
}
