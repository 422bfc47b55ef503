import { MongoClient } from "mongodb";

export const mongo = new MongoClient(process.env.MONGO_URL!, { maxPoolSize: 50 }); // pools: max=50 source=option server=mongodb
