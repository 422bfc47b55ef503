package store

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// TagSession marks a dedicated connection for the admin console but never
// gives it back to the pool.
func (u *Users) TagSession(ctx context.Context, name string) error {
	conn, err := u.pool.Acquire(ctx) // want-e2e: release
	if err != nil {
		return err
	}
	_, err = conn.Exec(ctx, `SELECT set_config('application_name', $1, false)`, name)
	return err
}

// Vacuum takes a connection and releases it when done.
func (u *Users) Vacuum(ctx context.Context) error {
	conn, err := u.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	_, err = conn.Exec(ctx, `VACUUM ANALYZE users`)
	return err
}

// Ping uses AcquireFunc, which releases the connection itself.
func (u *Users) Ping(ctx context.Context) error {
	return u.pool.AcquireFunc(ctx, func(c *pgxpool.Conn) error {
		return c.Ping(ctx)
	})
}

// Touch sends a batch and never closes its results.
func (u *Users) Touch(ctx context.Context, ids []int64) error {
	b := &pgx.Batch{}
	for _, id := range ids {
		b.Queue(`UPDATE users SET seen_at = now() WHERE id = $1`, id)
	}
	br := u.pool.SendBatch(ctx, b) // want-e2e: release
	_, err := br.Exec()
	return err
}

// Deactivate sends a batch and closes its results.
func (u *Users) Deactivate(ctx context.Context, ids []int64) error {
	b := &pgx.Batch{}
	for _, id := range ids {
		b.Queue(`UPDATE users SET active = false WHERE id = $1`, id)
	}
	br := u.pool.SendBatch(ctx, b)
	defer br.Close()
	for range ids {
		if _, err := br.Exec(); err != nil {
			return err
		}
	}
	return nil
}

// Rename runs in a transaction whose deferred Rollback covers every path.
func (u *Users) Rename(ctx context.Context, id int64, email string) error {
	tx, err := u.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `UPDATE users SET email = $2 WHERE id = $1`, id, email); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO audit(user_id, what) VALUES ($1, 'rename')`, id); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// Merge returns on an error without rolling back, leaving the transaction
// and its connection open.
func (u *Users) Merge(ctx context.Context, from, into int64) error {
	tx, err := u.pool.Begin(ctx) // want-e2e: release
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE orders SET user_id = $2 WHERE user_id = $1`, from, into); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM users WHERE id = $1`, from); err != nil {
		return err
	}
	return tx.Commit(ctx)
}
