export const settings = {
  analyticsDb: { connectionString: process.env.ANALYTICS_URL, max: 5 },
};

export function withParams(url: string) {
  return url + "?connection_limit=3";
}
