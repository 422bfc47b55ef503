package stmt

import (
	"context"
	"database/sql"
)

type Store struct {
	db     *sql.DB
	insert *sql.Stmt
}

func (s *Store) bulkInsertLeak(ctx context.Context, names []string) error {
	stmt, err := s.db.PrepareContext(ctx, "INSERT INTO tags (name) VALUES ($1)") // want `stmt \(\*sql.Stmt\) from PrepareContext is never closed`
	if err != nil {
		return err
	}
	for _, n := range names {
		if _, err := stmt.ExecContext(ctx, n); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) bulkInsert(ctx context.Context, names []string) error {
	stmt, err := s.db.PrepareContext(ctx, "INSERT INTO tags (name) VALUES ($1)")
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, n := range names {
		if _, err := stmt.ExecContext(ctx, n); err != nil {
			return err
		}
	}
	return nil
}

// Kept in a field for the life of the store.
func (s *Store) prepare(ctx context.Context) error {
	stmt, err := s.db.PrepareContext(ctx, "INSERT INTO events (kind) VALUES ($1)")
	if err != nil {
		return err
	}
	s.insert = stmt
	return nil
}

func (s *Store) prepareDirect(ctx context.Context) (err error) {
	s.insert, err = s.db.PrepareContext(ctx, "INSERT INTO events (kind) VALUES ($1)")
	return err
}

func (s *Store) lockLeak(ctx context.Context) error {
	conn, err := s.db.Conn(ctx) // want `conn \(\*sql.Conn\) from Conn is not closed on the path through the return at line 61`
	if err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(1)"); err != nil {
		return err
	}
	return conn.Close()
}

func (s *Store) withConn(ctx context.Context, fn func(*sql.Conn) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return fn(conn)
}
