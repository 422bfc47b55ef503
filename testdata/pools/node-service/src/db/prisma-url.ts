import { PrismaClient } from "@prisma/client";
import { withParams } from "../settings";

// The URL is computed: a password written in the code is never quoted back.
export const reports = new PrismaClient({ datasourceUrl: withParams("postgresql://reports:Hunter2-Leak@db:5432/reports") }); // pools: state=unknown source=url
