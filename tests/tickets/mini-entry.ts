// The shared ticket code and offline verifier as one bundle entry, for code.test.ts's build checks
// (bundled like the mini-program build and run in a context without web/node globals).
export * from '../../src/contracts/checkin-verifier'
export * from '../../src/contracts/ticket-code'
