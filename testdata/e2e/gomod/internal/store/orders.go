package store

import (
	"context"

	"github.com/jmoiron/sqlx"
)

// Order is a customer order.
type Order struct {
	ID     int64  `db:"id"`
	UserID int64  `db:"user_id"`
	Status string `db:"status"`
	Cents  int64  `db:"cents"`
}

// Orders is the repository of orders over the shared sqlx handle.
type Orders struct {
	db *sqlx.DB
}

// NewOrders returns an Orders repository using db.
func NewOrders(db *sqlx.DB) *Orders { return &Orders{db: db} }

// Get returns one order.
func (o *Orders) Get(ctx context.Context, id int64) (Order, error) {
	var ord Order
	err := o.db.GetContext(ctx, &ord, `SELECT id, user_id, status, cents FROM orders WHERE id = $1`, id)
	return ord, err
}

// ForUser returns a user's orders; SelectContext closes its rows.
func (o *Orders) ForUser(ctx context.Context, userID int64) ([]Order, error) {
	var out []Order
	err := o.db.SelectContext(ctx, &out, `SELECT id, user_id, status, cents FROM orders WHERE user_id = $1`, userID)
	return out, err
}

// Recent stops reading at max or at a bad row with break, leaving the rows
// open.
func (o *Orders) Recent(ctx context.Context, max int) ([]Order, error) {
	rows, err := o.db.QueryxContext(ctx, `SELECT id, user_id, status, cents FROM orders ORDER BY id DESC`) // want-e2e: release
	if err != nil {
		return nil, err
	}
	var out []Order
	for rows.Next() {
		var ord Order
		if err := rows.StructScan(&ord); err != nil {
			break
		}
		out = append(out, ord)
		if len(out) == max {
			break
		}
	}
	return out, nil
}

// Pending reads with database/sql rows closed by defer.
func (o *Orders) Pending(ctx context.Context) ([]int64, error) {
	rows, err := o.db.QueryContext(ctx, `SELECT id FROM orders WHERE status = 'pending'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
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

// MarkShipped prepares a statement and never closes it.
func (o *Orders) MarkShipped(ctx context.Context, ids []int64) error {
	stmt, err := o.db.PrepareContext(ctx, `UPDATE orders SET status = 'shipped' WHERE id = $1`) // want-e2e: release
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := stmt.ExecContext(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// Reprice uses a named statement closed by defer.
func (o *Orders) Reprice(ctx context.Context, orders []Order) error {
	stmt, err := o.db.PrepareNamedContext(ctx, `UPDATE orders SET cents = :cents WHERE id = :id`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, ord := range orders {
		if _, err := stmt.ExecContext(ctx, ord); err != nil {
			return err
		}
	}
	return nil
}

// Place inserts an order and its lines in a transaction rolled back by defer.
func (o *Orders) Place(ctx context.Context, ord Order, skus []string) error {
	tx, err := o.db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.NamedExecContext(ctx, `INSERT INTO orders(id, user_id, status, cents) VALUES (:id, :user_id, :status, :cents)`, ord); err != nil {
		return err
	}
	for _, sku := range skus {
		if _, err := tx.ExecContext(ctx, `INSERT INTO order_lines(order_id, sku) VALUES ($1, $2)`, ord.ID, sku); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Cancel returns on an error without rolling back.
func (o *Orders) Cancel(ctx context.Context, id int64) error {
	tx, err := o.db.BeginTxx(ctx, nil) // want-e2e: release
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE orders SET status = 'cancelled' WHERE id = $1`, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO refunds(order_id) VALUES ($1)`, id); err != nil {
		return err
	}
	return tx.Commit()
}
