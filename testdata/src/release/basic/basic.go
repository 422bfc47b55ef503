package basic

import (
	"context"
	"database/sql"
	"log"
)

type User struct {
	ID   int64
	Name string
}

func listUsersEarlyReturn(ctx context.Context, db *sql.DB) ([]User, error) {
	rows, err := db.QueryContext(ctx, "SELECT id, name FROM users") // want `rows \(\*sql.Rows\) from QueryContext is not closed on the path through the return at line 23`
	if err != nil {
		return nil, err
	}
	var users []User
	for rows.Next() {
		var u User
		if err := rows.Scan(&u.ID, &u.Name); err != nil {
			return nil, err
		}
		users = append(users, u)
	}
	return users, rows.Err()
}

func listUsersDeferred(ctx context.Context, db *sql.DB) ([]User, error) {
	rows, err := db.QueryContext(ctx, "SELECT id, name FROM users")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var users []User
	for rows.Next() {
		var u User
		if err := rows.Scan(&u.ID, &u.Name); err != nil {
			return nil, err
		}
		users = append(users, u)
	}
	return users, rows.Err()
}

func countNeverClosed(db *sql.DB) (int, error) {
	rows, err := db.Query("SELECT 1") // want `rows \(\*sql.Rows\) from Query is never closed: it leaks on the path through the return at line`
	if err != nil {
		return 0, err
	}
	n := 0
	if rows.Next() {
		n++
	}
	return n, nil
}

func fatalOnError(db *sql.DB) {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		log.Fatal(err)
	}
	defer rows.Close()
	if !rows.Next() {
		log.Fatalf("no rows")
	}
}

func firstNameOnlyIf(ctx context.Context, db *sql.DB, id int64) (string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM users WHERE id = $1", id) // want `rows \(\*sql.Rows\) from QueryContext is never closed: it leaks on the path through the return at line 78`
	if err != nil {
		return "", err
	}
	var name string
	if rows.Next() {
		if err := rows.Scan(&name); err != nil {
			return "", err
		}
		return name, nil
	}
	return "", rows.Err()
}

func closedOnEveryPath(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT name FROM tags")
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return nil, err
	}
	rows.Close()
	return out, nil
}

// The loop runs to its end on every path: rows close themselves.
func drainedLoop(db *sql.DB) (int, error) {
	rows, err := db.Query("SELECT id FROM jobs")
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

func breakOutOfLoop(db *sql.DB, want int64) (bool, error) {
	rows, err := db.Query("SELECT id FROM jobs") // want `rows \(\*sql.Rows\) from Query is not closed on the path through the break at line 133`
	if err != nil {
		return false, err
	}
	found := false
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			continue
		}
		if id == want {
			found = true
			break
		}
	}
	return found, rows.Err()
}

func discarded(ctx context.Context, db *sql.DB) error {
	_, err := db.QueryContext(ctx, "UPDATE users SET seen = now()") // want `\*sql.Rows from QueryContext is discarded, so it is never closed`
	return err
}

func errCheckedLater(ctx context.Context, db *sql.DB, log *log.Logger) ([]int64, error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users")
	log.Printf("query sent")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func errEqualsNil(db *sql.DB) int {
	rows, err := db.Query("SELECT 1")
	if err == nil {
		defer rows.Close()
		for rows.Next() {
		}
		return 1
	}
	return 0
}

func nilRowsCheck(db *sql.DB) error {
	rows, _ := db.Query("SELECT 1")
	if rows == nil {
		return nil
	}
	defer rows.Close()
	return rows.Err()
}

func closedInDeferredClosure(db *sql.DB, logger *log.Logger) error {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	defer func() {
		if cerr := rows.Close(); cerr != nil {
			logger.Printf("close rows: %v", cerr)
		}
	}()
	for rows.Next() {
	}
	return rows.Err()
}

func panicsOnScanError(db *sql.DB) []string {
	rows, err := db.Query("SELECT name FROM users")
	if err != nil {
		panic(err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			panic(err)
		}
		names = append(names, n)
	}
	return names
}

// An acquisition inside a closure is followed in the closure.
func inClosure(ctx context.Context, db *sql.DB, ids []int64) error {
	check := func(id int64) (bool, error) {
		rows, err := db.QueryContext(ctx, "SELECT 1 FROM users WHERE id = $1", id) // want `rows \(\*sql.Rows\) from QueryContext is never closed`
		if err != nil {
			return false, err
		}
		return rows.Next(), nil
	}
	for _, id := range ids {
		if ok, err := check(id); err != nil || !ok {
			return err
		}
	}
	return nil
}

func switchOnErr(ctx context.Context, db *sql.DB) (int, error) {
	rows, err := db.QueryContext(ctx, "SELECT count(*) FROM users")
	switch {
	case err != nil:
		return 0, err
	}
	defer rows.Close()
	var n int
	for rows.Next() {
		if err := rows.Scan(&n); err != nil {
			return 0, err
		}
	}
	return n, rows.Err()
}
