// Package reporting opens connections to the reporting replica.
package reporting

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
)

// Open connects to the reporting replica; the caller closes the connection.
func Open(ctx context.Context, dsn string) (*pgx.Conn, error) {
	return pgx.Connect(ctx, dsn)
}

// Replica is a connection to the reporting replica checked at startup.
type Replica struct{ conn *pgx.Conn }

// Dial connects and checks the replica's role; a failed check returns
// without closing the connection.
func Dial(ctx context.Context, dsn string) (*Replica, error) {
	conn, err := pgx.Connect(ctx, dsn) // want-e2e: release
	if err != nil {
		return nil, err
	}
	var standby bool
	if err := conn.QueryRow(ctx, `SELECT pg_is_in_recovery()`).Scan(&standby); err != nil {
		return nil, err
	}
	if !standby {
		_ = conn.Close(ctx)
		return nil, errors.New("reporting: not a standby")
	}
	return &Replica{conn: conn}, nil
}
