// Package flags serves feature flags from redis through a cached factory.
package flags

import (
	"net/http"
	"os"
	"sync"

	"github.com/redis/go-redis/v9"
)

var (
	once sync.Once
	rdb  *redis.Client
)

// holdout: neg
// singleton: a cached factory (sync.Once); the construction runs once per process.
func client() *redis.Client {
	once.Do(func() {
		rdb = redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})
	})
	return rdb
}

// holdout: neg
// singleton: a handler calling the cached factory, not a constructor of a new client.
func Handler(w http.ResponseWriter, r *http.Request) {
	on, err := client().Get(r.Context(), "flag:"+r.URL.Query().Get("name")).Bool()
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	if on {
		w.Write([]byte("on"))
		return
	}
	w.Write([]byte("off"))
}

// holdout: neg
// lookalikes: os.Open and http.Client in a handler; text "sql.Open(" and "redis.NewClient(" in strings.
func DebugHandler(w http.ResponseWriter, r *http.Request) {
	f, err := os.Open("/etc/hostname")
	if err != nil {
		http.Error(w, "sql.Open(\"pgx\", dsn) failed", http.StatusInternalServerError)
		return
	}
	defer f.Close()
	hc := &http.Client{}
	_ = hc
	// rdb := redis.NewClient(&redis.Options{}) would be flagged here
	w.Write([]byte("redis.NewClient(&redis.Options{})"))
}
