type Handler = (req: Request) => Promise<Response>;

export function withAuth(h: Handler): Handler {
  return async (req) => {
    if (!req.headers.get("authorization")) return new Response("unauthorized", { status: 401 });
    return h(req);
  };
}
