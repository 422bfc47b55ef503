// Package api serves the shop's HTTP endpoints.
package api

import (
	"database/sql"
	"fmt"
	"net/http"
	"os"

	"example.com/shop/internal/db"
)

// OrderCount opens a pool of its own on every request.
func OrderCount(w http.ResponseWriter, r *http.Request) {
	conn, err := sql.Open("pgx", os.Getenv("DATABASE_URL"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRowContext(r.Context(), "SELECT count(*) FROM orders").Scan(&n); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	fmt.Fprintln(w, n)
}

// Customers uses the shared pool: fine.
func Customers(w http.ResponseWriter, r *http.Request) {
	pool, err := db.Pool()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	var n int
	if err := pool.QueryRowContext(r.Context(), "SELECT count(*) FROM customers").Scan(&n); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	fmt.Fprintln(w, n)
}
