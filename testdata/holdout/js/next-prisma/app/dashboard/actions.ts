"use server";

import { revalidatePath } from "next/cache";
import { PrismaClient } from "@prisma/client";
import { prisma } from "@/lib/db";

export async function createPost(formData: FormData) {
  // holdout: pos singleton (rule 1: server action)
  const db = new PrismaClient();
  try {
    await db.post.create({
      data: { title: String(formData.get("title")), authorId: Number(formData.get("authorId")) },
    });
  } finally {
    await db.$disconnect();
  }
  revalidatePath("/dashboard");
}

export async function deletePost(id: number) {
  // holdout: neg (server action using the singleton)
  await prisma.post.delete({ where: { id } });
  revalidatePath("/dashboard");
}
