// Vitest runs outside React's server environment, where the real "server-only"
// package throws on import; tests of server modules load this instead.
export {};
