export const settings = {
  analyticsDb: { connectionString: process.env.ANALYTICS_URL, max: 5 },
};
