// Package pgxmore covers pgx rows, batches and pool connections on every
// receiver that hands them out.
package pgxmore

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Job struct {
	ID    int64
	State string
}

// Rows from a transaction (pgx.Tx is an interface): same obligation.
func pendingInTx(ctx context.Context, tx pgx.Tx) ([]int64, error) {
	rows, err := tx.Query(ctx, "SELECT id FROM jobs WHERE state = 'pending' FOR UPDATE") // want `rows \(pgx.Rows\) from Query is not closed on the path through the return at line 28`
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Rows from an acquired connection, collected: CollectExactlyOneRow and
// AppendRows close them.
func jobOnConn(ctx context.Context, conn *pgxpool.Conn, id int64) (Job, error) {
	rows, err := conn.Query(ctx, "SELECT id, state FROM jobs WHERE id = $1", id)
	if err != nil {
		return Job{}, err
	}
	return pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Job])
}

func appendJobs(ctx context.Context, pool *pgxpool.Pool, into []Job) ([]Job, error) {
	rows, _ := pool.Query(ctx, "SELECT id, state FROM jobs")
	return pgx.AppendRows(into, rows, pgx.RowToStructByPos[Job])
}

// Drained to the end: the rows close themselves.
func countStates(ctx context.Context, pool *pgxpool.Pool) (map[string]int, error) {
	rows, err := pool.Query(ctx, "SELECT state FROM jobs")
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for rows.Next() {
		var s string
		if rows.Scan(&s) == nil {
			out[s]++
		}
	}
	return out, rows.Err()
}

// Batch results closed in a deferred closure that keeps Close's error.
func enqueue(ctx context.Context, pool *pgxpool.Pool, jobs []Job) (err error) {
	b := &pgx.Batch{}
	for _, j := range jobs {
		b.Queue("INSERT INTO jobs (id, state) VALUES ($1, $2)", j.ID, j.State)
	}
	br := pool.SendBatch(ctx, b)
	defer func() { err = errors.Join(err, br.Close()) }()
	for range jobs {
		if _, err := br.Exec(); err != nil {
			return err
		}
	}
	return nil
}

// A batch sent in a transaction and left open.
func enqueueInTx(ctx context.Context, tx pgx.Tx, jobs []Job) error {
	b := &pgx.Batch{}
	for _, j := range jobs {
		b.Queue("UPDATE jobs SET state = $2 WHERE id = $1", j.ID, j.State)
	}
	br := tx.SendBatch(ctx, b) // want `br \(pgx.BatchResults\) from SendBatch is never closed`
	_, err := br.Exec()
	return err
}

// Released by a same-package helper.
func release(c *pgxpool.Conn) { c.Release() } // want release:"params releases"

func lockAndRun(ctx context.Context, pool *pgxpool.Pool, fn func(*pgxpool.Conn) error) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer release(conn)
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock(7)"); err != nil {
		return err
	}
	return fn(conn)
}

// Released at the end only: the early return keeps it checked out.
func listen(ctx context.Context, pool *pgxpool.Pool, channel string) error {
	conn, err := pool.Acquire(ctx) // want `conn \(\*pgxpool.Conn\) from Acquire is not released on the path through the return at line 115`
	if err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{channel}.Sanitize()); err != nil {
		return err
	}
	conn.Release()
	return nil
}

// AcquireFunc releases the connection itself.
func ping(ctx context.Context, pool *pgxpool.Pool) error {
	return pool.AcquireFunc(ctx, func(c *pgxpool.Conn) error { return c.Ping(ctx) })
}

// QueryRow holds nothing once scanned.
func state(ctx context.Context, pool *pgxpool.Pool, id int64) (string, error) {
	var s string
	err := pool.QueryRow(ctx, "SELECT state FROM jobs WHERE id = $1", id).Scan(&s)
	return s, err
}
