// Package gen writes a synthetic but realistic TS/JS project tree for the
// benchmarks: a Next.js app with a Prisma singleton, React components,
// utility modules, API routes, an Express + pg service and scripts. About
// one file in a hundred has a real problem for the rules to find.
package gen

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
)

// Tree writes n source files (plus package.json and tsconfig.json) under
// dir and returns the total bytes of source written.
func Tree(dir string, n int, seed int64) (int64, error) {
	r := rand.New(rand.NewSource(seed))
	var total int64
	write := func(rel, text string) error {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		total += int64(len(text))
		return os.WriteFile(p, []byte(text), 0o644)
	}
	if err := write("package.json", `{"name":"bench-app","private":true,"dependencies":{"next":"15.0.0","@prisma/client":"6.0.0","pg":"8.13.0","react":"19.0.0"}}`); err != nil {
		return 0, err
	}
	if err := write("tsconfig.json", `{"compilerOptions":{"baseUrl":".","paths":{"@/*":["./src/*"]}}}`); err != nil {
		return 0, err
	}
	total = 0 // count source files only
	if err := write("src/lib/prisma.ts", prismaSingleton); err != nil {
		return 0, err
	}
	if err := write("src/server/db.js", pgSingleton); err != nil {
		return 0, err
	}
	for i := 0; i < n-2; i++ {
		area := areas[r.Intn(len(areas))]
		var rel, text string
		switch k := r.Intn(100); {
		case k < 40:
			rel, text = fmt.Sprintf("src/components/%s/%s%d.tsx", area, pascal(area), i), component(r, area, i)
		case k < 70:
			rel, text = fmt.Sprintf("src/utils/%s/%s%d.ts", area, area, i), utility(r, area, i)
		case k < 82:
			rel, text = fmt.Sprintf("src/app/api/%s/r%d/route.ts", area, i), route(r, area, i)
		case k < 92:
			rel, text = fmt.Sprintf("src/server/routes/%s%d.js", area, i), express(r, area, i)
		case k < 97:
			rel, text = fmt.Sprintf("src/hooks/use%s%d.ts", pascal(area), i), hook(r, area, i)
		default:
			rel, text = fmt.Sprintf("scripts/%s%d.ts", area, i), script(r, area, i)
		}
		if err := write(rel, text); err != nil {
			return 0, err
		}
	}
	return total, nil
}

var areas = []string{"users", "orders", "billing", "catalog", "search", "auth", "reports", "inbox", "settings", "teams"}

func pascal(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

const prismaSingleton = `import { PrismaClient } from '@prisma/client'

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient }

export const prisma = globalForPrisma.prisma ?? new PrismaClient({ log: ['warn', 'error'] })

if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma
`

const pgSingleton = `const { Pool } = require('pg')

const pool = new Pool({ max: 20, idleTimeoutMillis: 30000 })

module.exports = { pool, query: (text, params) => pool.query(text, params) }
`

func fields(r *rand.Rand) string {
	var b strings.Builder
	for i := 0; i < 3+r.Intn(8); i++ {
		fmt.Fprintf(&b, "  field%d%s: %s\n", i, map[bool]string{true: "?", false: ""}[r.Intn(3) == 0], []string{"string", "number", "boolean", "Date", "string[]", "Record<string, unknown>"}[r.Intn(6)])
	}
	return b.String()
}

func component(r *rand.Rand, area string, i int) string {
	name := pascal(area) + fmt.Sprint(i)
	var b strings.Builder
	fmt.Fprintf(&b, `'use client'

import { useEffect, useMemo, useState } from 'react'
import { formatDate, classNames } from '@/utils/format'
import type { %sItem } from '@/types/%s'

export interface %sProps {
%s  onSelect?: (id: string) => void
  items: %sItem[]
}

export default function %s({ items, onSelect, ...rest }: %sProps) {
  const [filter, setFilter] = useState('')
  const [page, setPage] = useState(0)
  const visible = useMemo(
    () => items.filter((it) => it.name.toLowerCase().includes(filter.toLowerCase())).slice(page * 20, page * 20 + 20),
    [items, filter, page],
  )
  useEffect(() => {
    if (page > 0 && visible.length === 0) setPage(0)
  }, [page, visible.length])
`, pascal(area), area, name, fields(r), pascal(area), name, name)
	for j := 0; j < 1+r.Intn(4); j++ {
		fmt.Fprintf(&b, `  const handle%d = (id: string) => {
    // new PrismaClient() in a comment is not code
    if (!id) return
    onSelect?.(id)
    console.debug('select %%s', id, %d)
  }
`, j, j)
	}
	fmt.Fprintf(&b, `  return (
    <section className={classNames('panel', rest.field0 && 'active')}>
      <input value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter %s" />
      <ul>
        {visible.map((it) => (
          <li key={it.id} onClick={() => handle0(it.id)}>
            <strong>{it.name}</strong> <time>{formatDate(it.createdAt)}</time>
          </li>
        ))}
      </ul>
      <button disabled={page === 0} onClick={() => setPage((p) => p - 1)}>Previous</button>
      <button onClick={() => setPage((p) => p + 1)}>Next</button>
    </section>
  )
}
`, area)
	return b.String()
}

func utility(r *rand.Rand, area string, i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `import { z } from 'zod'

export const %sSchema = z.object({
  id: z.string().uuid(),
  name: z.string().min(1).max(200),
  tags: z.array(z.string()).default([]),
  createdAt: z.coerce.date(),
})

export type %s = z.infer<typeof %sSchema>

`, area, pascal(area), area)
	for j := 0; j < 2+r.Intn(6); j++ {
		fmt.Fprintf(&b, `export function %sTransform%d(input: %s[], opts: { limit?: number; sort?: 'asc' | 'desc' } = {}): %s[] {
  const limit = opts.limit ?? 50
  const out = [...input].sort((a, b) => (opts.sort === 'desc' ? b.name.localeCompare(a.name) : a.name.localeCompare(b.name)))
  for (const item of out) {
    if (item.tags.length > %d) {
      item.tags = item.tags.slice(0, %d)
    }
  }
  return out.slice(0, limit)
}

`, area, j, pascal(area), pascal(area), j+2, j+2)
	}
	fmt.Fprintf(&b, `export class %sCache<K, V> {
  private store = new Map<K, { value: V; at: number }>()
  constructor(private ttl = %d) {}
  get(key: K): V | undefined {
    const hit = this.store.get(key)
    if (!hit || Date.now() - hit.at > this.ttl) return undefined
    return hit.value
  }
  set(key: K, value: V) {
    this.store.set(key, { value, at: Date.now() })
  }
}
`, pascal(area), 1000*(1+r.Intn(60)))
	return b.String()
}

func route(r *rand.Rand, area string, i int) string {
	if r.Intn(50) == 0 {
		return fmt.Sprintf(`import { NextResponse } from 'next/server'
import { PrismaClient } from '@prisma/client'

export async function GET() {
  const prisma = new PrismaClient()
  const rows = await prisma.%s.findMany({ take: 10 })
  return NextResponse.json(rows)
}
`, area)
	}
	return fmt.Sprintf(`import { NextRequest, NextResponse } from 'next/server'
import { prisma } from '@/lib/prisma'
import { %sSchema } from '@/utils/%s/%s'

export async function GET(req: NextRequest) {
  const { searchParams } = new URL(req.url)
  const take = Number(searchParams.get('take') ?? 20)
  const rows = await prisma.%s.findMany({ take, orderBy: { createdAt: 'desc' } })
  return NextResponse.json(rows)
}

export async function POST(req: NextRequest) {
  const body = %sSchema.parse(await req.json())
  try {
    const row = await prisma.%s.create({ data: body })
    return NextResponse.json(row, { status: 201 })
  } catch (e) {
    return NextResponse.json({ error: String(e) }, { status: 400 })
  }
}
`, area, area, area, area, area, area)
}

func express(r *rand.Rand, area string, i int) string {
	release := "    client.release()\n"
	finallyOpen, finallyClose := "  try {\n", "  } finally {\n"+release+"  }\n"
	if r.Intn(40) == 0 {
		finallyOpen, finallyClose = "  {\n", "  }\n"+release
	}
	return fmt.Sprintf(`const express = require('express')
const { pool, query } = require('../db')

const router = express.Router()

router.get('/%s', async (req, res, next) => {
  try {
    const { rows } = await query('SELECT * FROM %s WHERE tenant = $1 LIMIT 50', [req.user.tenant])
    res.json(rows)
  } catch (err) {
    next(err)
  }
})

router.post('/%s/:id', async (req, res) => {
  const client = await pool.connect()
%s    await client.query('BEGIN')
    await client.query('UPDATE %s SET name = $1 WHERE id = $2', [req.body.name, req.params.id])
    await client.query('COMMIT')
    res.status(204).end()
%s})

module.exports = router
`, area, area, area, finallyOpen, area, finallyClose)
}

func hook(r *rand.Rand, area string, i int) string {
	return fmt.Sprintf(`import { useQuery } from '@tanstack/react-query'

export function use%s%d(id?: string) {
  return useQuery({
    queryKey: ['%s', id],
    queryFn: async () => {
      const res = await fetch('/api/%s?id=' + encodeURIComponent(id ?? ''))
      if (!res.ok) throw new Error('failed')
      return res.json()
    },
    enabled: Boolean(id),
    staleTime: %d,
  })
}
`, pascal(area), i, area, area, 1000*(1+r.Intn(30)))
}

func script(r *rand.Rand, area string, i int) string {
	return fmt.Sprintf(`import { prisma } from '../src/lib/prisma'

async function main() {
  const n = await prisma.%s.count()
  console.log('%s', n)
}

main()
  .catch((e) => {
    console.error(e)
    process.exitCode = 1
  })
  .finally(() => prisma.$disconnect())
`, area, area)
}
