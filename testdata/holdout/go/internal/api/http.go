// Package api serves HTTP. It imports the singleton package db.
package api

import (
	"database/sql"
	"encoding/json"
	"net/http"
	"os"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
	"github.com/redis/go-redis/v9"

	"holdout.example/svc/internal/cache"
	"holdout.example/svc/internal/db"
	"holdout.example/svc/internal/legacy"
	"holdout.example/svc/internal/store"
)

type Server struct {
	orders *store.OrderStore
	users  *store.UserStore
	mux    *http.ServeMux
}

// holdout: neg
// singleton: uses the singleton's clients, builds none.
func NewServer(pool *pgxpool.Pool) *Server {
	s := &Server{orders: store.NewOrderStore(pool), users: store.NewUserStore(db.SQL), mux: http.NewServeMux()}
	s.mux.HandleFunc("GET /orders", s.handleOrders)
	s.mux.HandleFunc("GET /health", s.handleHealth)
	s.mux.HandleFunc("GET /stats", handleStats)
	s.mux.HandleFunc("POST /report", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]string{"status": "queued"})
	})
	return s
}

// holdout: pos singleton
// singleton 1: pgxpool.New inside a net/http handler method.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	pool, err := pgxpool.New(r.Context(), os.Getenv("DATABASE_URL"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	defer pool.Close()
	if err := pool.Ping(r.Context()); err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// holdout: neg
// singleton/release: a handler that uses the injected store only.
func (s *Server) handleOrders(w http.ResponseWriter, r *http.Request) {
	uid, _ := strconv.ParseInt(r.URL.Query().Get("user"), 10, 64)
	orders, err := s.orders.ForUser(r.Context(), uid)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	json.NewEncoder(w).Encode(orders)
}

// holdout: pos singleton
// singleton 1: sql.Open per request in a plain handler function.
func handleStats(w http.ResponseWriter, r *http.Request) {
	sdb, err := sql.Open("pgx", os.Getenv("DATABASE_URL"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer sdb.Close()
	var n int
	if err := sdb.QueryRowContext(r.Context(), `SELECT count(*) FROM orders`).Scan(&n); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	json.NewEncoder(w).Encode(map[string]int{"orders": n})
}

// holdout: pos singleton
// singleton 1: redis.NewClient inside a handler closure registered on a mux.
func RegisterCacheRoutes(mux *http.ServeMux) {
	mux.HandleFunc("DELETE /cache/{key}", func(w http.ResponseWriter, r *http.Request) {
		rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})
		defer rdb.Close()
		if err := rdb.Del(r.Context(), r.PathValue("key")).Err(); err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// holdout: pos singleton
// singleton 5: a wrapper (legacy.NewUserRepo) called per request in a handler.
func handleUserNames(w http.ResponseWriter, r *http.Request) {
	repo, err := legacy.NewUserRepo(os.Getenv("DATABASE_URL"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer repo.Close()
	names, err := repo.Names(r.Context())
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	json.NewEncoder(w).Encode(names)
}

// holdout: pos singleton
// singleton 5: the cache.New wrapper called per request in an http.HandlerFunc value.
var handleCachePeek http.HandlerFunc = func(w http.ResponseWriter, r *http.Request) {
	c := cache.New(os.Getenv("REDIS_ADDR"), 0)
	defer c.Close()
	var v any
	ok, _ := c.GetJSON(r.Context(), r.URL.Query().Get("key"), &v)
	json.NewEncoder(w).Encode(map[string]any{"found": ok, "value": v})
}

// holdout: neg
// release: the handler uses the singleton pool and closes its rows by defer.
func handleRecent(w http.ResponseWriter, r *http.Request) {
	pool, err := db.Pool(r.Context())
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	rows, err := pool.Query(r.Context(), `SELECT id FROM orders ORDER BY id DESC LIMIT 10`)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	json.NewEncoder(w).Encode(ids)
}

// holdout: pos release
// release 1: rows from the singleton pool not closed on the encode-error branch.
func handleExport(w http.ResponseWriter, r *http.Request) {
	pool, err := db.Pool(r.Context())
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	rows, err := pool.Query(r.Context(), `SELECT id, status FROM orders`)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	enc := json.NewEncoder(w)
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		if err := enc.Encode(vals); err != nil {
			return
		}
	}
	rows.Close()
}

// holdout: neg
// singleton: a handler factory that captures the singleton's client; no construction.
func makeLookup(rdb *redis.Client) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := rdb.Get(r.Context(), r.URL.Query().Get("k")).Result()
		if err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		w.Write([]byte(v))
	}
}

// holdout: neg
// singleton: the lookup handler wired to the singleton redis client.
func Routes(s *Server) http.Handler {
	s.mux.Handle("GET /lookup", makeLookup(db.Redis))
	s.mux.HandleFunc("GET /recent", handleRecent)
	s.mux.HandleFunc("GET /export", handleExport)
	s.mux.HandleFunc("GET /names", handleUserNames)
	s.mux.Handle("GET /peek", handleCachePeek)
	s.mux.HandleFunc("GET /dump", handleDump)
	s.mux.HandleFunc("GET /accountsx", handleAccountsX)
	s.mux.HandleFunc("GET /listen", handleListenOnce)
	return s.mux
}

// holdout: pos release
// release 1: a handler in a package-level func value; rows skip Close on the scan error.
var handleDump = func(w http.ResponseWriter, r *http.Request) {
	rows, err := db.SQL.QueryContext(r.Context(), `SELECT email FROM users`)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Write([]byte(e + "\n"))
	}
	rows.Close()
}

// holdout: pos singleton
// singleton 1: sqlx.NewDb per request in a handler (a catalog constructor, even over the shared *sql.DB).
func handleAccountsX(w http.ResponseWriter, r *http.Request) {
	dbx := sqlx.NewDb(db.SQL, "pgx")
	var n int
	if err := dbx.GetContext(r.Context(), &n, `SELECT count(*) FROM accounts`); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	json.NewEncoder(w).Encode(n)
}

// holdout: pos singleton
// singleton 1: pgx.ConnectConfig per request in a handler.
func handleListenOnce(w http.ResponseWriter, r *http.Request) {
	cfg, err := pgx.ParseConfig(os.Getenv("DATABASE_URL"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	conn, err := pgx.ConnectConfig(r.Context(), cfg)
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	defer conn.Close(r.Context())
	w.WriteHeader(http.StatusOK)
}
