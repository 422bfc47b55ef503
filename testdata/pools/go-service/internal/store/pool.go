package store

import "database/sql"

// NewPool opens a pool of at most maxConns connections: its callers say
// how many.
func NewPool(dsn string, maxConns int) (*sql.DB, error) {
	db, err := sql.Open("pgx", dsn) // pools: max=15 source=setter server=postgres
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(maxConns)
	return db, nil
}
