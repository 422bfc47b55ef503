import { DataSource } from 'typeorm'
import { Album } from '../entities/album'

// Read by the TypeORM CLI (`typeorm -d dist/bin/data-source.js`), which
// initialises and destroys the exported data source itself: the module
// hands its client to whoever loads it.
export const dataSource = new DataSource({
  type: 'postgres',
  url: process.env.DB_URL ?? 'postgres://localhost:5432/photos',
  entities: [Album],
  migrations: ['dist/migrations/*.js'],
})
