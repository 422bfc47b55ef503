package pgx

import (
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

// Rows is the result set of a query. It holds the connection until Close.
type Rows interface {
	Close()
	Err() error
	CommandTag() pgconn.CommandTag
	FieldDescriptions() []pgconn.FieldDescription
	Next() bool
	Scan(dest ...any) error
	Values() ([]any, error)
	RawValues() [][]byte
	Conn() *Conn
	TypeMap() *pgtype.Map
}

// Row is the result of QueryRow.
type Row interface {
	Scan(dest ...any) error
}

// RowScanner scans an entire row at a time.
type RowScanner interface {
	ScanRow(rows Rows) error
}

// CollectableRow is the subset of Rows that a RowToFunc may call.
type CollectableRow interface {
	FieldDescriptions() []pgconn.FieldDescription
	Scan(dest ...any) error
	Values() ([]any, error)
	RawValues() [][]byte
}

// RowToFunc converts one row to a T.
type RowToFunc[T any] func(row CollectableRow) (T, error)

// ForEachRow scans each row into scans and calls fn. It closes rows.
func ForEachRow(rows Rows, scans []any, fn func() error) (pgconn.CommandTag, error) {
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(scans...); err != nil {
			return pgconn.CommandTag{}, err
		}
		if err := fn(); err != nil {
			return pgconn.CommandTag{}, err
		}
	}
	if err := rows.Err(); err != nil {
		return pgconn.CommandTag{}, err
	}
	return rows.CommandTag(), nil
}

// AppendRows appends fn's result for each row to slice. It closes rows.
func AppendRows[T any, S ~[]T](slice S, rows Rows, fn RowToFunc[T]) (S, error) {
	defer rows.Close()
	for rows.Next() {
		v, err := fn(rows)
		if err != nil {
			return nil, err
		}
		slice = append(slice, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return slice, nil
}

// CollectRows collects fn's result for each row. It closes rows.
func CollectRows[T any](rows Rows, fn RowToFunc[T]) ([]T, error) {
	return AppendRows([]T{}, rows, fn)
}

// CollectOneRow returns fn's result for the first row. It closes rows.
func CollectOneRow[T any](rows Rows, fn RowToFunc[T]) (T, error) {
	defer rows.Close()
	var v T
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return v, err
		}
		return v, ErrNoRows
	}
	v, err := fn(rows)
	if err != nil {
		return v, err
	}
	rows.Close()
	return v, rows.Err()
}

// CollectExactlyOneRow is CollectOneRow that also fails on a second row. It
// closes rows.
func CollectExactlyOneRow[T any](rows Rows, fn RowToFunc[T]) (T, error) {
	defer rows.Close()
	var v T
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return v, err
		}
		return v, ErrNoRows
	}
	v, err := fn(rows)
	if err != nil {
		return v, err
	}
	if rows.Next() {
		var zero T
		return zero, ErrTooManyRows
	}
	return v, rows.Err()
}

func RowTo[T any](row CollectableRow) (T, error) {
	var v T
	err := row.Scan(&v)
	return v, err
}

func RowToAddrOf[T any](row CollectableRow) (*T, error) {
	var v T
	err := row.Scan(&v)
	return &v, err
}

func RowToMap(row CollectableRow) (map[string]any, error) { return nil, nil }

func RowToStructByPos[T any](row CollectableRow) (T, error) {
	var v T
	return v, nil
}

func RowToAddrOfStructByPos[T any](row CollectableRow) (*T, error) { return new(T), nil }

func RowToStructByName[T any](row CollectableRow) (T, error) {
	var v T
	return v, nil
}

func RowToAddrOfStructByName[T any](row CollectableRow) (*T, error) { return new(T), nil }

func RowToStructByNameLax[T any](row CollectableRow) (T, error) {
	var v T
	return v, nil
}

func RowToAddrOfStructByNameLax[T any](row CollectableRow) (*T, error) { return new(T), nil }
