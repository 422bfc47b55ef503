// Package users serves the users API.
package users

import (
	"database/sql"
	"encoding/json"
	"net/http"
)

// List opens a pool per request: the singleton finding.
func List(w http.ResponseWriter, r *http.Request) {
	db, err := sql.Open("postgres", "postgres://app@db/shop") // want singleton
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer db.Close()
	var n int
	_ = db.QueryRow("select count(*) from users").Scan(&n)
	_ = json.NewEncoder(w).Encode(n)
}

// Names leaks its rows when a scan fails: the release finding.
func Names(db *sql.DB) ([]string, error) {
	rows, err := db.Query("select name from users") // want release
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	rows.Close()
	return out, rows.Err()
}
