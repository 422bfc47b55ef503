import { prisma } from "@/lib/db";
import { PrismaClient } from "@prisma/client";
import { createPost } from "./actions";

export default async function Dashboard() {
  // holdout: neg (server component using the singleton)
  const posts = await prisma.post.findMany({ take: 10 });

  async function publish(formData: FormData) {
    "use server";
    // holdout: pos singleton (inline server action)
    const db = new PrismaClient();
    try {
      await db.post.update({ where: { id: Number(formData.get("id")) }, data: { published: true } });
    } finally {
      await db.$disconnect();
    }
  }

  return (
    <main>
      <form action={createPost}>
        <input name="title" />
        <button type="submit">Create</button>
      </form>
      {posts.map((p) => (
        <form key={p.id} action={publish}>
          <input type="hidden" name="id" value={p.id} />
          <span>{p.title}</span>
          <button type="submit">Publish</button>
        </form>
      ))}
    </main>
  );
}
