import { PrismaClient } from '@prisma/client'
import Redis from 'ioredis'

export const prisma = new PrismaClient() // want: singleton "not cached on globalThis"

export const redis = new Redis(process.env.REDIS_URL!) // want: singleton "hot reload"
