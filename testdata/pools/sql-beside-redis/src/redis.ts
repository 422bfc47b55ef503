import Redis from "ioredis";

export const redis = new Redis(process.env.REDIS_URL!); // pools: kind=connection max=1 server=redis apps=wiki
