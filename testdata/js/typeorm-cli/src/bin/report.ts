import { DataSource } from 'typeorm'
import { Album } from '../entities/album'

// A script of its own: nobody else can destroy this one.
const dataSource = new DataSource({ // want: release "never released"
  type: 'postgres',
  url: process.env.DB_URL ?? 'postgres://localhost:5432/photos',
  entities: [Album],
})

await dataSource.initialize()
const count = await dataSource.getRepository(Album).count()
console.log(`${count} albums`)
