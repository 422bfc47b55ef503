package jobs

import (
	"database/sql"
	"net/http"
	"os"
)

// ReportHandler serves a report, opening a pool per request: no pool size
// bounds how many connections concurrent requests open.
func ReportHandler(w http.ResponseWriter, r *http.Request) {
	db, err := sql.Open("pgx", os.Getenv("REPORTS_URL")) // pools: instances=-1 max=2 server=postgres
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer db.Close()
	db.SetMaxOpenConns(2)
	var n int
	if err := db.QueryRowContext(r.Context(), "select count(*) from orders").Scan(&n); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}
