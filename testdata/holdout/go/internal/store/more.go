package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// holdout: neg
// release: the continue runs only when rows.Next() returned false, which closes the rows.
// Relabelled from "pos release": my label missed that Next returning false closes the rows
// (the principle behind RULES.md's "a for rows.Next() loop that runs to its end closes the rows").
func (s *UserStore) PerTable(ctx context.Context, tables []string) (map[string]int, error) {
	out := map[string]int{}
	for _, t := range tables {
		rows, err := s.db.QueryContext(ctx, `SELECT count(*) FROM `+t)
		if err != nil {
			return nil, err
		}
		if !rows.Next() {
			continue
		}
		var n int
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		rows.Close()
		out[t] = n
	}
	return out, nil
}

// holdout: neg
// release: Close through a method value deferred.
func (s *UserStore) Oldest(ctx context.Context) (string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT email FROM users ORDER BY created_at LIMIT 1`)
	if err != nil {
		return "", err
	}
	closeRows := rows.Close
	defer closeRows()
	var e string
	if rows.Next() {
		err = rows.Scan(&e)
	}
	return e, err
}

// holdout: neg
// release: a deferred closure that checks Close's error.
func (s *UserStore) Latest(ctx context.Context) (e string, err error) {
	rows, err := s.db.QueryContext(ctx, `SELECT email FROM users ORDER BY created_at DESC LIMIT 1`)
	if err != nil {
		return "", err
	}
	defer func() {
		if cerr := rows.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	if rows.Next() {
		err = rows.Scan(&e)
	}
	return e, err
}

// holdout: neg
// release: an errors.Is check on the acquisition's error is still the nil-resource path.
func (s *UserStore) MaybeConn(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if errors.Is(err, context.Canceled) {
		return nil
	}
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.PingContext(ctx)
}

// holdout: neg
// release: the conn is returned together with the function that releases it.
func Pin(ctx context.Context, pool *pgxpool.Pool) (*pgxpool.Conn, func(), error) {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return nil, nil, err
	}
	return conn, conn.Release, nil
}

// holdout: pos release
// release 2: rows queried inside a pgx transaction are never closed before Commit.
func (s *OrderStore) Reprice(ctx context.Context, pct int64) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	rows, err := tx.Query(ctx, `SELECT id, cents FROM orders FOR UPDATE`)
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id, cents int64
		if err := rows.Scan(&id, &cents); err != nil {
			return err
		}
		ids = append(ids, id)
	}
	for _, id := range ids {
		if _, err := tx.Exec(ctx, `UPDATE orders SET cents = cents * $1 / 100 WHERE id = $2`, pct, id); err != nil {
			return err
		}
	}
	return tx.Commit(ctx)
}

// holdout: pos release
// release 1: an error assigned later to the same err skips the deferred release set up after it.
func (s *OrderStore) Lock(ctx context.Context, id int64) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	if err = conn.Ping(ctx); err != nil {
		return fmt.Errorf("ping: %w", err)
	}
	defer conn.Release()
	_, err = conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, id)
	return err
}

// Batcher collects open results to drain later.
type Batcher struct {
	pending []pgx.BatchResults
}

// holdout: neg
// release: the batch results are appended to a field slice that outlives the call.
func (b *Batcher) Send(ctx context.Context, pool *pgxpool.Pool, batch *pgx.Batch) {
	br := pool.SendBatch(ctx, batch)
	b.pending = append(b.pending, br)
}

// holdout: neg
// release: Close in both branches of an if/else.
func (s *UserStore) Either(ctx context.Context, admin bool) (int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM users`)
	if err != nil {
		return 0, err
	}
	n := 0
	if admin {
		for rows.Next() {
			n++
		}
		rows.Close()
	} else {
		rows.Close()
		return 0, sql.ErrNoRows
	}
	return n, nil
}

// holdout: pos release
// release 1: Close only in the else branch; the if branch returns with the tx open.
func (s *UserStore) Touch(ctx context.Context, id int64, dry bool) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if dry {
		return nil
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE users SET seen_at = now() WHERE id = $1`, id)
	}
	if err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// holdout: pos release
// release 1: rows acquired per iteration; a continue on an empty result skips their Close.
func (s *UserStore) NonEmpty(ctx context.Context, tables []string) ([]string, error) {
	var out []string
	for _, t := range tables {
		rows, err := s.db.QueryContext(ctx, `SELECT count(*) FROM `+t)
		if err != nil {
			return nil, err
		}
		var n int
		if rows.Next() {
			if err := rows.Scan(&n); err != nil {
				rows.Close()
				return nil, err
			}
		}
		if n == 0 {
			continue
		}
		rows.Close()
		out = append(out, t)
	}
	return out, nil
}
