export declare class PrismaClient {
  constructor(options?: unknown);
  $disconnect(): Promise<void>;
  user: { count(): Promise<number> };
}
