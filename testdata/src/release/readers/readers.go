// Package readers holds rows handed to functions that only read them: a
// library's reader (sqlx.StructScan, pgx's RowTo functions) or a
// project's helper built on one. They neither close nor keep the rows, so
// the caller still must close them on every path.
package readers

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jmoiron/sqlx"
)

type Tag struct {
	ID   int64
	Name string
}

// scanTags is a project's read-only helper: it hands the rows to
// sqlx.StructScan, which closes nothing.
func scanTags(rows *sqlx.Rows) ([]Tag, error) {
	var out []Tag
	err := sqlx.StructScan(rows, &out)
	return out, err
}

func tagsViaHelper(ctx context.Context, db *sqlx.DB) ([]Tag, error) {
	rows, err := db.QueryxContext(ctx, "SELECT id, name FROM tags") // want `rows \(\*sqlx.Rows\) from QueryxContext is never closed: it leaks on the path through the return at line 32`
	if err != nil {
		return nil, err
	}
	return scanTags(rows)
}

func tagsViaHelperClosed(ctx context.Context, db *sqlx.DB) ([]Tag, error) {
	rows, err := db.QueryxContext(ctx, "SELECT id, name FROM tags")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanTags(rows)
}

// A helper that closes what it reads releases it for its caller.
func scanTagsClosing(rows *sqlx.Rows) ([]Tag, error) { // want scanTagsClosing:"params releases"
	defer rows.Close()
	var out []Tag
	err := sqlx.StructScan(rows, &out)
	return out, err
}

func tagsViaClosingHelper(ctx context.Context, db *sqlx.DB) ([]Tag, error) {
	rows, err := db.QueryxContext(ctx, "SELECT id, name FROM tags")
	if err != nil {
		return nil, err
	}
	return scanTagsClosing(rows)
}

// sqlx.StructScan reads *sql.Rows the same way.
func tagsFromSQLRows(ctx context.Context, db *sqlx.DB) ([]Tag, error) {
	rows, err := db.DB.QueryContext(ctx, "SELECT id, name FROM tags") // want `rows \(\*sql.Rows\) from QueryContext is never closed: it leaks on the path through the return at line 67`
	if err != nil {
		return nil, err
	}
	var out []Tag
	return out, sqlx.StructScan(rows, &out)
}

type Job struct {
	ID   int64
	Kind string
}

// pgx.RowToAddrOfStructByName reads the current row (reduced from a job
// queue's fetch): a failed conversion returns from inside the loop with
// the rows open.
func pendingJobs(ctx context.Context, conn *pgx.Conn) ([]*Job, error) {
	rows, err := conn.Query(ctx, "SELECT id, kind FROM jobs WHERE state = 'pending'") // want `rows \(pgx.Rows\) from Query is not closed on the path through the return at line 87`
	if err != nil {
		return nil, err
	}
	var out []*Job
	for rows.Next() {
		j, err := pgx.RowToAddrOfStructByName[Job](rows)
		if err != nil {
			return nil, err
		}
		out = append(out, j)
	}
	return out, rows.Err()
}

func pendingJobsClosed(ctx context.Context, conn *pgx.Conn) ([]*Job, error) {
	rows, err := conn.Query(ctx, "SELECT id, kind FROM jobs WHERE state = 'pending'")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Job
	for rows.Next() {
		j, err := pgx.RowToAddrOfStructByName[Job](rows)
		if err != nil {
			return nil, err
		}
		out = append(out, j)
	}
	return out, rows.Err()
}

// The RowTo function handed to CollectRows: CollectRows closes the rows.
func collectJobs(ctx context.Context, conn *pgx.Conn) ([]*Job, error) {
	rows, err := conn.Query(ctx, "SELECT id, kind FROM jobs")
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToAddrOfStructByName[Job])
}
