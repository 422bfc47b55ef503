// Package reporting opens connections to the reporting replica.
package reporting

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// Open connects to the reporting replica; the caller closes the connection.
func Open(ctx context.Context, dsn string) (*pgx.Conn, error) {
	return pgx.Connect(ctx, dsn)
}
