// Package api serves the shop's HTTP endpoints.
package api

import (
	"database/sql"
	"fmt"
	"net/http"
	"os"

	"example.com/shop/internal/db"
	"example.com/shop/store"
)

// Orders leaks the rows on a scan error: the return leaves the loop
// before the rows are closed.
func Orders(w http.ResponseWriter, r *http.Request) {
	pool, err := db.Get()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	rows, err := store.Recent(r.Context(), pool) // want-e2e: release
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintln(w, id)
	}
}

// Latest is Orders done right.
func Latest(w http.ResponseWriter, r *http.Request) {
	pool, err := db.Get()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	rows, err := store.Recent(r.Context(), pool)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintln(w, id)
	}
}

// Health opens a pool per request.
func Health(w http.ResponseWriter, r *http.Request) {
	conn, err := sql.Open("pgx", os.Getenv("DATABASE_URL")) // want-e2e: singleton
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	defer conn.Close()
	if err := conn.PingContext(r.Context()); err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
	}
}

// Debug does what Health does, silenced on purpose.
func Debug(w http.ResponseWriter, r *http.Request) {
	conn, err := sql.Open("pgx", os.Getenv("DATABASE_URL")) //nolint:connlint // rate limited to one call a minute
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	defer conn.Close()
	fmt.Fprintln(w, conn.Stats().OpenConnections)
}

// Count never closes its rows.
func Count(w http.ResponseWriter, r *http.Request) {
	pool, err := db.Get()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	rows, err := pool.QueryContext(r.Context(), "SELECT count(*) FROM orders") // want-e2e: release
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	var n int
	if rows.Next() {
		_ = rows.Scan(&n)
	}
	fmt.Fprintln(w, n)
}
