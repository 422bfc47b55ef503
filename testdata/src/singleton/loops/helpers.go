package loops

import (
	"database/sql"
	"testing"
)

// NewTestDB is test support code outside a _test.go file: it takes a
// *testing.T, runs under tests only, and builds the test's own client.
func NewTestDB(t testing.TB, dsn string) *sql.DB { // want NewTestDB:"wraps sql"
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// SeedAll opens each fixture database in turn.
func SeedAll(t *testing.T, dsns []string) {
	for _, dsn := range dsns {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec("SELECT 1"); err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
}
