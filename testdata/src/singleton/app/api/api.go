// Package api imports the singleton; its own pools are second pools. // want package:"singletons pgxpool singleton/app/db.Pool"
package api

import (
	"context"
	"net/http"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"

	"singleton/app/db"
)

type Handler struct {
	pool  *pgxpool.Pool
	cache *redis.Client
}

func New(ctx context.Context, dsn string) (*Handler, error) { // want New:`wraps pgxpool \(struct\)`
	pool, err := pgxpool.New(ctx, dsn) // want `pgxpool.New builds a second \*pgxpool.Pool: package singleton/app/db already keeps one in Pool; use it`
	if err != nil {
		return nil, err
	}
	return &Handler{pool: pool, cache: redis.NewClient(&redis.Options{Addr: "cache:6379"})}, nil
}

func (h *Handler) Orders(w http.ResponseWriter, r *http.Request) {
	rows, err := db.Pool.Query(r.Context(), "SELECT id FROM orders")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	rows.Close()
}

// A redis client kept by the caller: the module's singleton is a pgxpool,
// another kind, so this is not a second one.
func NewCache(addr string) *redis.Client { // want NewCache:"wraps redis"
	return redis.NewClient(&redis.Options{Addr: addr})
}
