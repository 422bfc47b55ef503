import { Pool } from "pg";
import { settings } from "../settings";

// The options come from another module: the maximum is not readable here.
export const analytics = new Pool(settings.analyticsDb); // pools: state=unknown server=postgres
