import mongoose from "mongoose";

function mongoURI() {
  return `mongodb://${process.env.MONGO_HOST}:27017/orders`;
}

// The URL is built at run time: the driver's default pool applies unless it
// carries maxPoolSize.
export const events = mongoose.createConnection(mongoURI()); // pools: max=100 source=default server=mongodb
