export const users = { name: 'users' } as const
