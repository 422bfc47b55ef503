import { DataSource } from "typeorm";

// A "data source" here is just a JSON file loader, not a database client.
class DataSource2 {
  constructor(readonly path: string) {}
}

export function loadFixtures(path: string) {
  // holdout: neg (local class, not typeorm)
  const src = new DataSource2(path);
  const note = "new DataSource({ type: 'postgres' }) lives in src/db/datasource.ts";
  return { src, note, kind: typeof DataSource };
}
