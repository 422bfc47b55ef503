package noreturn

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"os"
)

func die(format string, args ...any) { // want die:"noReturn"
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

func mustNot(err error) {
	if err != nil {
		log.Fatalf("fatal: %v", err)
	}
}

func exitOnScanError(ctx context.Context, db *sql.DB) []string {
	rows, err := db.QueryContext(ctx, "SELECT name FROM users")
	if err != nil {
		die("query: %v", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			die("scan: %v", err)
		}
		names = append(names, n)
	}
	return names
}

func osExitPath(db *sql.DB) {
	tx, err := db.Begin()
	if err != nil {
		os.Exit(2)
	}
	if _, err := tx.Exec("VACUUM"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := tx.Commit(); err != nil {
		log.Fatal(err)
	}
}

// mustNot returns when err is nil, so it does not end the path.
func mustNotReturns(db *sql.DB) {
	tx, err := db.Begin() // want `tx \(\*sql.Tx\) from Begin is not committed or rolled back on the path through the return at line 59`
	mustNot(err)
	if _, err := tx.Exec("DELETE FROM tmp"); err != nil {
		log.Printf("delete: %v", err)
		return
	}
	mustNot(tx.Commit())
}

func panicPath(ctx context.Context, db *sql.DB) int {
	rows, err := db.QueryContext(ctx, "SELECT count(*) FROM users")
	if err != nil {
		panic(err)
	}
	defer rows.Close()
	var n int
	if !rows.Next() {
		panic("no count")
	}
	if err := rows.Scan(&n); err != nil {
		panic(fmt.Sprintf("scan: %v", err))
	}
	return n
}
