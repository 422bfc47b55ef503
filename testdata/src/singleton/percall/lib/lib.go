// Package lib builds short-lived clients for one-shot work: an admin
// connection to create a database, a migration run on a fresh database.
// Its builders are facts; whether they run per call is up to the callers.
package lib

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// CreateDatabase connects as the admin, creates the database and closes
// the connection.
func CreateDatabase(ctx context.Context, adminDSN, name string) error { // want CreateDatabase:"builds short-lived \\*pgx.Conn"
	conn, err := pgx.Connect(ctx, adminDSN)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
	return err
}

// Migrate opens the freshly created database, migrates it and closes it.
func Migrate(ctx context.Context, dsn string) error { // want Migrate:"builds short-lived \\*sql.DB"
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS jobs (id bigint)")
	return err
}

// ping is unexported: a builder of its own package only (no fact).
func ping(ctx context.Context, dsn string) error {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	return conn.Close(ctx)
}

// Ready waits for the server: a retry loop, one client per call.
func Ready(ctx context.Context, dsn string) error { // want Ready:"builds short-lived \\*pgx.Conn"
	var err error
	for range 30 {
		if err = ping(ctx, dsn); err == nil {
			return nil
		}
	}
	return err
}

// OpenPool returns its pool: a wrapper (rule 5), not a builder.
func OpenPool(ctx context.Context, dsn string) (*pgxpool.Pool, error) { // want OpenPool:"wraps pgxpool"
	return pgxpool.New(ctx, dsn)
}
