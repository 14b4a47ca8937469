import './services/zod-setup'
import { useDidShow } from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { markOpenedMessage } from './services/opened-message'
import './app.css'

function App({ children }: PropsWithChildren) {
  // the app shows with the page (and query) a WeChat message card opened
  useDidShow((options?: { query?: Record<string, string> }) => markOpenedMessage(options?.query))
  return children
}

export default App
