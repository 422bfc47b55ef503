// Data the seed reads: not an entrypoint, and nothing to release.
export const users = [{ email: 'seed@example.com' }]
