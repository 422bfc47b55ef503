import { AnalyticsClient } from '@acme/analytics-db'

export async function recordEvent(name: string) {
  const analytics = new AnalyticsClient() // want: singleton "does not cache it"
  await analytics.event.create({ data: { id: crypto.randomUUID(), name } })
  await analytics.$disconnect()
}
