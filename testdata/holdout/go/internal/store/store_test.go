package store

import (
	"context"
	"database/sql"
	"os"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	_ "github.com/jackc/pgx/v5/stdlib"
)

var testDB *sql.DB

// holdout: neg
// test files are not checked; TestMain builds the shared test client.
func TestMain(m *testing.M) {
	var err error
	testDB, err = sql.Open("pgx", os.Getenv("TEST_DATABASE_URL"))
	if err != nil {
		panic(err)
	}
	code := m.Run()
	testDB.Close()
	os.Exit(code)
}

// holdout: neg
// test files are not checked: a pool per test, rows left open.
func TestOrdersForUser(t *testing.T) {
	if os.Getenv("TEST_DATABASE_URL") == "" {
		t.Skip("no database")
	}
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, os.Getenv("TEST_DATABASE_URL"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := pool.Query(ctx, `SELECT 1`)
	if err != nil {
		t.Fatal(err)
	}
	_ = rows
	if _, err := NewOrderStore(pool).ForUser(ctx, 1); err != nil {
		t.Fatal(err)
	}
}

// holdout: neg
// test files are not checked: a client per table-test case in a loop.
func TestUserStore(t *testing.T) {
	for _, dsn := range []string{os.Getenv("TEST_DATABASE_URL")} {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := NewUserStore(db).List(context.Background(), 1); err != nil {
			t.Log(err)
		}
	}
}
