import { Router } from "express";
import { createConnection } from "node:net";

export const misc = Router();

function createClient(name: string) {
  return { name, startedAt: Date.now() };
}

misc.get("/smtp-check", (_req, res) => {
  // holdout: neg (lookalike: node:net createConnection)
  const sock = createConnection({ host: "smtp.internal", port: 25 });
  sock.once("connect", () => {
    sock.end();
    res.send("ok");
  });
  sock.once("error", () => res.status(503).send("down"));
});

misc.get("/whoami", (req, res) => {
  // holdout: neg (lookalike: local createClient)
  const c = createClient(String(req.query.name ?? "anon"));
  res.json(c);
});
