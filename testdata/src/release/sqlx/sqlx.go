package sqlx

import (
	"context"

	"github.com/jmoiron/sqlx"
)

type Product struct {
	ID    int64  `db:"id"`
	Title string `db:"title"`
}

func productsLeak(db *sqlx.DB) ([]Product, error) {
	rows, err := db.Queryx("SELECT id, title FROM products") // want `rows \(\*sqlx.Rows\) from Queryx is not closed on the path through the return at line 23`
	if err != nil {
		return nil, err
	}
	var out []Product
	for rows.Next() {
		var p Product
		if err := rows.StructScan(&p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

func productsClosed(ctx context.Context, db *sqlx.DB) ([]Product, error) {
	rows, err := db.QueryxContext(ctx, "SELECT id, title FROM products")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Product
	for rows.Next() {
		var p Product
		if err := rows.StructScan(&p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func namedQueryLeak(db *sqlx.DB, title string) (bool, error) {
	rows, err := db.NamedQuery("SELECT id FROM products WHERE title = :title", map[string]any{"title": title}) // want `rows \(\*sqlx.Rows\) from NamedQuery is never closed: it leaks on the path through the return at line 52`
	if err != nil {
		return false, err
	}
	return rows.Next(), nil
}

func preparexLeak(db *sqlx.DB, ids []int64) error {
	stmt, err := db.Preparex("DELETE FROM products WHERE id = $1") // want `stmt \(\*sqlx.Stmt\) from Preparex is never closed: it leaks on the path through the return at line 65`
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := stmt.Exec(id); err != nil {
			return err
		}
	}
	return nil
}

func prepareNamedClosed(db *sqlx.DB, ps []Product) error {
	stmt, err := db.PrepareNamed("INSERT INTO products (title) VALUES (:title)")
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, p := range ps {
		if _, err := stmt.Exec(p); err != nil {
			return err
		}
	}
	return nil
}

func prepareNamedLeak(db *sqlx.DB, p Product) error {
	stmt, err := db.PrepareNamed("UPDATE products SET title = :title WHERE id = :id") // want `stmt \(\*sqlx.NamedStmt\) from PrepareNamed is never closed`
	if err != nil {
		return err
	}
	_, err = stmt.Exec(p)
	return err
}

func namedQueryContextLeak(ctx context.Context, db *sqlx.DB, p Product) ([]int64, error) {
	rows, err := db.NamedQueryContext(ctx, "SELECT id FROM products WHERE title = :title", p) // want `rows \(\*sqlx.Rows\) from NamedQueryContext is not closed on the path through the return at line 100`
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
	return ids, nil
}

func prepareNamedContextLeak(ctx context.Context, db *sqlx.DB, ps []Product) error {
	stmt, err := db.PrepareNamedContext(ctx, "UPDATE products SET title = :title WHERE id = :id") // want `stmt \(\*sqlx.NamedStmt\) from PrepareNamedContext is not closed on the path through the return at line 114`
	if err != nil {
		return err
	}
	for _, p := range ps {
		if _, err := stmt.ExecContext(ctx, p); err != nil {
			return err
		}
	}
	return stmt.Close()
}

// Select and Get close what they read.
func selectAll(ctx context.Context, db *sqlx.DB) ([]Product, error) {
	var out []Product
	err := db.SelectContext(ctx, &out, "SELECT id, title FROM products")
	return out, err
}

// A named statement kept by the repository for its life.
type Repo struct{ update *sqlx.NamedStmt }

func NewRepo(db *sqlx.DB) (*Repo, error) {
	stmt, err := db.PrepareNamed("UPDATE products SET title = :title WHERE id = :id")
	if err != nil {
		return nil, err
	}
	return &Repo{update: stmt}, nil
}
