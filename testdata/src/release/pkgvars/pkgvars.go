// Package pkgvars: function literals in package variables (a handler kept
// in a var, a route table) are checked like declared functions.
package pkgvars

import (
	"database/sql"
	"net/http"
)

var db *sql.DB

var handleDump = func(w http.ResponseWriter, r *http.Request) {
	rows, err := db.QueryContext(r.Context(), "SELECT email FROM users") // want `rows \(\*sql.Rows\) from QueryContext is not closed on the path through the return at line 20`
	if err != nil {
		return
	}
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			return
		}
		w.Write([]byte(e))
	}
	rows.Close()
}

var routes = map[string]http.HandlerFunc{
	"/count": func(w http.ResponseWriter, r *http.Request) {
		rows, err := db.QueryContext(r.Context(), "SELECT 1") // want `rows \(\*sql.Rows\) from QueryContext is never closed`
		if err != nil {
			return
		}
		_ = rows
	},
	"/ok": func(w http.ResponseWriter, r *http.Request) {
		rows, err := db.QueryContext(r.Context(), "SELECT 1")
		if err != nil {
			return
		}
		defer rows.Close()
	},
}

// Called where it stands, at initialisation: the client it builds lives
// for the process, as init's do.
var reports = func() *sql.DB {
	d, err := sql.Open("pgx", "postgres://localhost/reports")
	if err != nil {
		panic(err)
	}
	if err := d.Ping(); err != nil {
		return nil
	}
	return d
}()
