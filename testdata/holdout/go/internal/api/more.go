package api

import (
	"database/sql"
	"net/http"
	"os"
	"sync"

	"github.com/jmoiron/sqlx"
	"golang.org/x/sync/errgroup"

	"holdout.example/svc/internal/legacy"
)

// LazyServer opens its reporting handle on first use and keeps it.
type LazyServer struct {
	mu sync.Mutex
	db *sql.DB
}

// holdout: pos singleton
// singleton 3: a lazily cached *sql.DB built in a package that imports the database/sql singleton (db.SQL).
func (s *LazyServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	if s.db == nil {
		d, err := sql.Open("pgx", os.Getenv("REPORTING_DATABASE_URL"))
		if err != nil {
			s.mu.Unlock()
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		s.db = d
	}
	s.mu.Unlock()
	w.WriteHeader(http.StatusOK)
}

// holdout: pos singleton
// singleton 5: a wrapper called inside the loop of a worker goroutine started from a handler.
func handleBulk(w http.ResponseWriter, r *http.Request) {
	dsns := r.URL.Query()["dsn"]
	go func() {
		for _, dsn := range dsns {
			repo, err := legacy.NewUserRepo(dsn)
			if err != nil {
				continue
			}
			repo.Close()
		}
	}()
	w.WriteHeader(http.StatusAccepted)
}

// holdout: neg
// release: rows closed by defer inside errgroup goroutines.
func fanIn(r *http.Request, dbx *sqlx.DB, tables []string) error {
	g, ctx := errgroup.WithContext(r.Context())
	for _, t := range tables {
		g.Go(func() error {
			rows, err := dbx.QueryxContext(ctx, `SELECT * FROM `+t)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
			}
			return rows.Err()
		})
	}
	return g.Wait()
}
