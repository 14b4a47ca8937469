/** Where the DevTools suite serves the API; the mini-program is built to call exactly this origin. */
export function devtoolsApiPort(): number {
  const port = Number(process.env.DEVTOOLS_API_PORT ?? 3100)
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`DEVTOOLS_API_PORT must be a TCP port, got ${process.env.DEVTOOLS_API_PORT}`)
  }
  return port
}

export function devtoolsApiBase(): string {
  return `http://127.0.0.1:${devtoolsApiPort()}`
}
