import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm'

@Entity('albums')
export class Album {
  @PrimaryGeneratedColumn('uuid')
  id!: string

  @Column()
  title!: string
}
