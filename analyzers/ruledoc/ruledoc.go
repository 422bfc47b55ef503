// Package ruledoc is the documentation of connlint's rules as data: what
// each rule flags, why it matters, and a bad and a good example in Go and
// in TypeScript. `connlint rules`, the SARIF output's rule help and
// docs/rules.md are all made from it, and its examples are checked by
// running the analyzers on them.
package ruledoc

import (
	"fmt"
	"strings"

	"github.com/connlint/connlint/analyzers/diag"
)

// HelpBase is where the rules are documented on the web; a rule's help URI
// is HelpBase#<id>.
const HelpBase = "https://github.com/connlint/connlint/blob/main/docs/rules.md"

// Example is one program in one language. Code is a whole file, so that it
// can be checked as it stands; File is the name it is checked under (it
// matters: a Next.js route handler is recognized by its path).
type Example struct {
	File string
	Code string
}

// Rule documents one rule.
type Rule struct {
	ID      string // diag.RuleSingleton, diag.RuleRelease
	Name    string // a title
	Summary string // one line
	Why     string // a paragraph: what goes wrong in production
	Fix     string // what to do instead, one or two sentences

	GoBad, GoGood Example
	TSBad, TSGood Example
}

// HelpURI is the rule's documentation on the web.
func (r Rule) HelpURI() string { return HelpBase + "#" + r.ID }

// Rules are connlint's rules, in the order they are listed everywhere.
var Rules = []Rule{
	{
		ID:      diag.RuleSingleton,
		Name:    "Database client built outside the singleton",
		Summary: "A database client (a connection pool or server connection) is built per call, or somewhere other than the project's one singleton.",
		Why: "Every client owns a pool of connections (or a server connection of its own). " +
			"Built in a request handler, a loop or any function whose result is not kept, each call opens another pool; " +
			"built in a second place beside the singleton, each copy opens its own. " +
			"Under load their sum passes the server's max_connections and new connections fail " +
			"(PostgreSQL: \"sorry, too many clients already\", MySQL: error 1040) until the process restarts.",
		Fix: "Build each client once per process, in one module (the singleton: a package-level variable or a sync.Once in Go, " +
			"a client cached on globalThis in TS/JS), and import it everywhere else.",
		GoBad: Example{File: "api/orders.go", Code: `package api

import (
	"database/sql"
	"net/http"
	"os"
)

// Orders opens a new pool on every request.
func Orders(w http.ResponseWriter, r *http.Request) {
	db, err := sql.Open("pgx", os.Getenv("DATABASE_URL"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(r.Context(), "SELECT count(*) FROM orders").Scan(&n); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}
`},
		GoGood: Example{File: "internal/db/db.go", Code: `package db

import (
	"database/sql"
	"os"
	"sync"
)

var (
	once sync.Once
	pool *sql.DB
	err  error
)

// Pool returns the one pool of the process, opened on first use; handlers
// call db.Pool() instead of sql.Open.
func Pool() (*sql.DB, error) {
	once.Do(func() {
		pool, err = sql.Open("pgx", os.Getenv("DATABASE_URL"))
	})
	return pool, err
}
`},
		TSBad: Example{File: "app/api/users/route.ts", Code: `import { PrismaClient } from "@prisma/client";

// A new client, and a new pool, on every request.
export async function GET() {
  const prisma = new PrismaClient();
  const users = await prisma.user.findMany();
  await prisma.$disconnect();
  return Response.json(users);
}
`},
		TSGood: Example{File: "lib/prisma.ts", Code: `import { PrismaClient } from "@prisma/client";

// One client per process, kept on globalThis so that hot reload reuses it;
// route handlers import { prisma } from "@/lib/prisma".
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const prisma = globalForPrisma.prisma ?? new PrismaClient();

if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = prisma;
`},
	},
	{
		ID:      diag.RuleRelease,
		Name:    "Connection-holding resource not released on every path",
		Summary: "Rows, a statement, a transaction, a pooled connection or a short-lived client is not released on some path.",
		Why: "Rows, statements, transactions and connections taken from a pool each hold a connection until they are released. " +
			"A path that returns early, breaks out of a loop or takes an error branch without Close, Release, Commit or Rollback " +
			"keeps that connection checked out for good. The pool runs dry one leak at a time, and then every request waits " +
			"for a connection until it times out.",
		Fix: "Release right after acquiring, on every path: defer rows.Close() (or tx.Rollback()) in Go, " +
			"a finally block in TS/JS.",
		GoBad: Example{File: "store/names.go", Code: `package store

import (
	"context"
	"database/sql"
)

// Names leaves the rows open when a scan fails.
func Names(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM users")
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}
`},
		GoGood: Example{File: "store/names.go", Code: `package store

import (
	"context"
	"database/sql"
)

// Names closes the rows on every path.
func Names(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM users")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}
`},
		TSBad: Example{File: "src/transfer.ts", Code: `import { Pool } from "pg";

export const pool = new Pool({ connectionString: process.env.DATABASE_URL });

// When a query throws, the client is never given back to the pool.
export async function transfer(from: number, to: number, amount: number) {
  const client = await pool.connect();
  await client.query("BEGIN");
  await client.query("UPDATE accounts SET balance = balance - $1 WHERE id = $2", [amount, from]);
  await client.query("UPDATE accounts SET balance = balance + $1 WHERE id = $2", [amount, to]);
  await client.query("COMMIT");
  client.release();
}
`},
		TSGood: Example{File: "src/transfer.ts", Code: `import { Pool } from "pg";

export const pool = new Pool({ connectionString: process.env.DATABASE_URL });

// The client goes back to the pool on every path.
export async function transfer(from: number, to: number, amount: number) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("UPDATE accounts SET balance = balance - $1 WHERE id = $2", [amount, from]);
    await client.query("UPDATE accounts SET balance = balance + $1 WHERE id = $2", [amount, to]);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    client.release();
  }
}
`},
	},
}

// Lookup returns the rule with an ID.
func Lookup(id string) (Rule, bool) {
	for _, r := range Rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// Text is the rule's documentation as plain text, for a terminal.
func (r Rule) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n\n%s\n\nWhy: %s\n\nFix: %s\n", r.ID, r.Name, r.Summary, r.Why, r.Fix)
	for _, ex := range []struct {
		title string
		ex    Example
	}{{"Bad (Go)", r.GoBad}, {"Good (Go)", r.GoGood}, {"Bad (TypeScript)", r.TSBad}, {"Good (TypeScript)", r.TSGood}} {
		fmt.Fprintf(&b, "\n%s, %s:\n%s", ex.title, ex.ex.File, indent(ex.ex.Code, "    "))
	}
	fmt.Fprintf(&b, "\nMore: %s\n", r.HelpURI())
	return b.String()
}

// Markdown is the rule's documentation as a Markdown section (a level-2
// heading whose anchor is the rule ID).
func (r Rule) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n**%s.** %s\n\n**Why it matters.** %s\n\n**Fix.** %s\n", r.ID, r.Name, r.Summary, r.Why, r.Fix)
	for _, ex := range []struct {
		title, lang string
		ex          Example
	}{{"Bad", "go", r.GoBad}, {"Good", "go", r.GoGood}, {"Bad", "ts", r.TSBad}, {"Good", "ts", r.TSGood}} {
		fmt.Fprintf(&b, "\n%s (`%s`):\n\n```%s\n%s```\n", ex.title, ex.ex.File, ex.lang, ex.ex.Code)
	}
	return b.String()
}

// HelpMarkdown is the rule's help without the heading, for SARIF.
func (r Rule) HelpMarkdown() string {
	md := r.Markdown()
	_, rest, _ := strings.Cut(md, "\n\n")
	return rest
}

// HelpText is the rule's help without the ID line, for SARIF's help.text.
func (r Rule) HelpText() string {
	_, rest, _ := strings.Cut(r.Text(), "\n\n")
	return rest
}

// Document is docs/rules.md.
func Document() string {
	var b strings.Builder
	b.WriteString("# connlint rules\n\n<!-- Generated from analyzers/ruledoc by `go test ./analyzers/ruledoc -update`; do not edit. -->\n\n")
	b.WriteString("`connlint rules` prints the same text. Silence one finding with `//nolint:connlint/<rule>` ")
	b.WriteString("or `// connlint-ignore <rule> -- reason` on its line or the line above.\n")
	for _, r := range Rules {
		b.WriteString("\n")
		b.WriteString(r.Markdown())
	}
	return b.String()
}

func indent(s, prefix string) string {
	lines := strings.SplitAfter(s, "\n")
	var b strings.Builder
	for _, l := range lines {
		if l == "" {
			continue
		}
		if l != "\n" {
			b.WriteString(prefix)
		}
		b.WriteString(l)
	}
	return b.String()
}
