package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Order struct {
	ID     int64  `db:"id"`
	UserID int64  `db:"user_id"`
	Status string `db:"status"`
	Cents  int64  `db:"cents"`
}

type OrderStore struct {
	pool *pgxpool.Pool
}

func NewOrderStore(pool *pgxpool.Pool) *OrderStore { return &OrderStore{pool: pool} }

// holdout: neg
// release: pgx.CollectRows closes the rows.
func (s *OrderStore) ForUser(ctx context.Context, userID int64) ([]Order, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, user_id, status, cents FROM orders WHERE user_id = $1`, userID)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[Order])
}

// holdout: neg
// release: pgx.CollectOneRow closes the rows.
func (s *OrderStore) Get(ctx context.Context, id int64) (Order, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, user_id, status, cents FROM orders WHERE id = $1`, id)
	if err != nil {
		return Order{}, err
	}
	o, err := pgx.CollectOneRow(rows, pgx.RowToStructByName[Order])
	if err != nil {
		return Order{}, fmt.Errorf("order %d: %w", id, err)
	}
	return o, nil
}

// holdout: neg
// release: pgx.ForEachRow closes the rows.
func (s *OrderStore) Total(ctx context.Context, userID int64) (int64, error) {
	rows, err := s.pool.Query(ctx, `SELECT cents FROM orders WHERE user_id = $1`, userID)
	if err != nil {
		return 0, err
	}
	var total, cents int64
	_, err = pgx.ForEachRow(rows, []any{&cents}, func() error {
		total += cents
		return nil
	})
	return total, err
}

// holdout: pos release
// release 1: pgx.Rows, a return on the scan error before Close.
func (s *OrderStore) Statuses(ctx context.Context) (map[int64]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, status FROM orders`)
	if err != nil {
		return nil, err
	}
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var st string
		if err := rows.Scan(&id, &st); err != nil {
			return nil, err
		}
		out[id] = st
	}
	rows.Close()
	return out, rows.Err()
}

// holdout: pos release
// release 2: pool.Acquire never released.
func (s *OrderStore) Notify(ctx context.Context, channel, payload string) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	_, err = conn.Exec(ctx, `SELECT pg_notify($1, $2)`, channel, payload)
	return err
}

// holdout: pos release
// release 1: the acquired pool conn is released only on success.
func (s *OrderStore) Listen(ctx context.Context, channel string) (string, error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return "", err
	}
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{channel}.Sanitize()); err != nil {
		return "", err
	}
	n, err := conn.Conn().WaitForNotification(ctx)
	if err != nil {
		return "", err
	}
	conn.Release()
	return n.Payload, nil
}

// holdout: neg
// release: pgx.Tx with deferred Rollback and Commit.
func (s *OrderStore) Pay(ctx context.Context, id int64) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `UPDATE orders SET status = 'paid' WHERE id = $1`, id); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO ledger(order_id) VALUES ($1)`, id); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// holdout: pos release
// release 2: pgx.Tx never committed nor rolled back on the early return.
func (s *OrderStore) Cancel(ctx context.Context, id int64, reason string) error {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted})
	if err != nil {
		return err
	}
	if reason == "" {
		return fmt.Errorf("cancel %d: a reason is required", id)
	}
	if _, err := tx.Exec(ctx, `UPDATE orders SET status = 'cancelled', reason = $2 WHERE id = $1`, id, reason); err != nil {
		_ = tx.Rollback(ctx)
		return err
	}
	return tx.Commit(ctx)
}

// holdout: neg
// release: SendBatch results closed by defer.
func (s *OrderStore) MarkShipped(ctx context.Context, ids []int64) error {
	b := &pgx.Batch{}
	for _, id := range ids {
		b.Queue(`UPDATE orders SET status = 'shipped' WHERE id = $1`, id)
	}
	br := s.pool.SendBatch(ctx, b)
	defer br.Close()
	for range ids {
		if _, err := br.Exec(); err != nil {
			return err
		}
	}
	return nil
}

// holdout: pos release
// release 2: SendBatch results never closed.
func (s *OrderStore) Archive(ctx context.Context, ids []int64) error {
	b := &pgx.Batch{}
	for _, id := range ids {
		b.Queue(`INSERT INTO orders_archive SELECT * FROM orders WHERE id = $1`, id)
	}
	br := s.pool.SendBatch(ctx, b)
	for range ids {
		if _, err := br.Exec(); err != nil {
			return err
		}
	}
	return nil
}

// holdout: neg
// release: the pool conn's ownership goes to the goroutine, which releases it.
func (s *OrderStore) ReindexAsync(ctx context.Context, done chan<- error) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	go func() {
		defer conn.Release()
		_, err := conn.Exec(context.Background(), `REINDEX TABLE orders`)
		done <- err
	}()
	return nil
}

// holdout: neg
// release: rows handed to a channel; the consumer owns them.
func (s *OrderStore) Feed(ctx context.Context, out chan<- pgx.Rows) error {
	rows, err := s.pool.Query(ctx, `SELECT id, user_id, status, cents FROM orders WHERE status = 'new'`)
	if err != nil {
		return err
	}
	out <- rows
	return nil
}
