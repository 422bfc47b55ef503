import { MongoClient } from "mongodb";
import mongoose from "mongoose";

// holdout: neg (mongoose connect at module scope: shared connection for the process)
await mongoose.connect(process.env.MONGO_URL!);

export async function latestReviews(productId: string) {
  // holdout: pos singleton (rule 1: MongoClient.connect in a function whose result is not cached), neg release (close in finally)
  const client = await MongoClient.connect(process.env.MONGO_URL!);
  try {
    return await client.db("catalog").collection("reviews").find({ productId }).limit(20).toArray();
  } finally {
    await client.close();
  }
}

export async function reviewCount(productId: string) {
  // holdout: pos singleton, neg release (per-call MongoClient, early return skips close) [relabelled after the first run: RULES.md 'One finding per problem ... not into extra findings'; the per-call construction is the problem singleton reports, and building the client once removes the missing release too]
  const client = new MongoClient(process.env.MONGO_URL!);
  const coll = client.db("catalog").collection("reviews");
  const n = await coll.countDocuments({ productId });
  if (n === 0) return 0;
  await client.close();
  return n;
}
