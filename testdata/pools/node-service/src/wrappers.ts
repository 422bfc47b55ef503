import Redis from "ioredis";
import { Pool } from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";

// Prisma over a driver adapter: the pg pool handed to it is the one that
// holds connections.
function buildClient() {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 8 }); // pools: max=8 instances=0 server=postgres
  return new PrismaClient({ adapter: new PrismaPg(pool) }); // pools: kind=wraps max=0 instances=0
}

export const adapterDb = buildClient(); // pools: max=8 instances=1 server=postgres

// A class that builds its client in its constructor.
class Cache {
  private client: Redis;

  constructor(url: string) {
    this.client = new Redis(url); // pools: kind=connection max=1 instances=0
  }

  get(key: string) {
    return this.client.get(key);
  }
}

export const cache = new Cache(process.env.REDIS_URL!); // pools: kind=connection max=1 instances=1
