package loops

import (
	"database/sql"
	"net/http"
	"testing"
)

// Test files are not checked: none of these is reported.
func TestVacuum(t *testing.T) {
	for _, dsn := range []string{"postgres:///a", "postgres:///b"} {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
}

func handlerForTest(w http.ResponseWriter, r *http.Request) {
	db, _ := sql.Open("pgx", "postgres:///test")
	_ = db.Ping()
}
