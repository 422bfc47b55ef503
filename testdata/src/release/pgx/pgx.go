package pgx

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Job struct {
	ID    int64
	State string
}

func collectJobs(ctx context.Context, pool *pgxpool.Pool) ([]Job, error) {
	rows, err := pool.Query(ctx, "SELECT id, state FROM jobs")
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[Job])
}

func collectOne(ctx context.Context, conn *pgx.Conn, id int64) (Job, error) {
	rows, _ := conn.Query(ctx, "SELECT id, state FROM jobs WHERE id = $1", id)
	return pgx.CollectOneRow(rows, pgx.RowToStructByPos[Job])
}

func scanJobsLeak(ctx context.Context, pool *pgxpool.Pool) ([]Job, error) {
	rows, err := pool.Query(ctx, "SELECT id, state FROM jobs") // want `rows \(pgx.Rows\) from Query is not closed on the path through the return at line 38`
	if err != nil {
		return nil, err
	}
	var jobs []Job
	for rows.Next() {
		var j Job
		if err := rows.Scan(&j.ID, &j.State); err != nil {
			return nil, fmt.Errorf("scan job: %w", err)
		}
		jobs = append(jobs, j)
	}
	return jobs, rows.Err()
}

func scanJobsClosed(ctx context.Context, pool *pgxpool.Pool) ([]Job, error) {
	rows, err := pool.Query(ctx, "SELECT id, state FROM jobs")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var jobs []Job
	for rows.Next() {
		var j Job
		if err := rows.Scan(&j.ID, &j.State); err != nil {
			return nil, err
		}
		jobs = append(jobs, j)
	}
	return jobs, rows.Err()
}

func acquireLeak(ctx context.Context, pool *pgxpool.Pool) error {
	conn, err := pool.Acquire(ctx) // want `conn \(\*pgxpool.Conn\) from Acquire is never released: it leaks on the path through the return at line 68`
	if err != nil {
		return err
	}
	_, err = conn.Exec(ctx, "LISTEN jobs")
	return err
}

func acquireReleased(ctx context.Context, pool *pgxpool.Pool) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	_, err = conn.Exec(ctx, "SELECT pg_advisory_lock(42)")
	return err
}

func batchLeak(ctx context.Context, pool *pgxpool.Pool, ids []int64) error {
	b := &pgx.Batch{}
	for _, id := range ids {
		b.Queue("UPDATE jobs SET state = 'queued' WHERE id = $1", id)
	}
	br := pool.SendBatch(ctx, b) // want `br \(pgx.BatchResults\) from SendBatch is never closed: it leaks on the path through the return at line 92`
	for range ids {
		if _, err := br.Exec(); err != nil {
			return err
		}
	}
	return nil
}

func batchClosed(ctx context.Context, conn *pgx.Conn, ids []int64) error {
	b := &pgx.Batch{}
	for _, id := range ids {
		b.Queue("DELETE FROM jobs WHERE id = $1", id)
	}
	br := conn.SendBatch(ctx, b)
	defer br.Close()
	for range ids {
		if _, err := br.Exec(); err != nil {
			return err
		}
	}
	return nil
}

func batchClosedInline(ctx context.Context, pool *pgxpool.Pool, b *pgx.Batch) error {
	return pool.SendBatch(ctx, b).Close()
}

func batchChainedLeak(ctx context.Context, pool *pgxpool.Pool, b *pgx.Batch) error {
	_, err := pool.SendBatch(ctx, b).Exec() // want `pgx.BatchResults from SendBatch is discarded, so it is never closed`
	return err
}

// A pgx connection opened for one job and never closed: a short-lived
// client that nothing calls per call, so release reports it.
func notifyOnce(ctx context.Context, dsn, channel string) error {
	conn, err := pgx.Connect(ctx, dsn) // want `conn \(\*pgx.Conn\) from pgx.Connect is never closed`
	if err != nil {
		return err
	}
	_, err = conn.Exec(ctx, "SELECT pg_notify($1, 'ping')", channel)
	return err
}

func notifyOnceClosed(ctx context.Context, dsn, channel string) error {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, "SELECT pg_notify($1, 'ping')", channel)
	return err
}

func forEachRow(ctx context.Context, conn *pgx.Conn) (int64, error) {
	var sum, n int64
	rows, _ := conn.Query(ctx, "SELECT n FROM numbers")
	_, err := pgx.ForEachRow(rows, []any{&n}, func() error {
		sum += n
		return nil
	})
	return sum, err
}

func savepoint(ctx context.Context, tx pgx.Tx) error {
	sp, err := tx.Begin(ctx) // want `sp \(pgx.Tx\) from Begin is not committed or rolled back on the path through the return at line 156`
	if err != nil {
		return err
	}
	if _, err := sp.Exec(ctx, "INSERT INTO audit DEFAULT VALUES"); err != nil {
		return err
	}
	return sp.Commit(ctx)
}
