// Decides which clients a deployment needs and builds each with the
// builder it is given, once.
export function selectTopology<T>(split: boolean, builders: { writer: () => T; replica: (url: string) => T }) {
  const writer = builders.writer()
  return { writer, replica: split ? builders.replica(process.env.REPLICA_URL!) : writer }
}
