package pgx

import "context"

// NamedArgs rewrites @name placeholders to positional ones.
type NamedArgs map[string]any

func (na NamedArgs) RewriteQuery(ctx context.Context, conn *Conn, sql string, args []any) (newSQL string, newArgs []any, err error) {
	return sql, args, nil
}

// StrictNamedArgs is NamedArgs that fails on a missing or unused argument.
type StrictNamedArgs map[string]any

func (sna StrictNamedArgs) RewriteQuery(ctx context.Context, conn *Conn, sql string, args []any) (newSQL string, newArgs []any, err error) {
	return sql, args, nil
}
