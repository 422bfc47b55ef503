export function singleton<T>(name: string, init: () => T): T {
  const g = globalThis as unknown as { __singletons?: Record<string, unknown> }
  g.__singletons ??= {}
  return (g.__singletons[name] ??= init()) as T
}
