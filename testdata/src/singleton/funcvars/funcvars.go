// Package funcvars: constructors reached through package-level function // want package:"singletons sql singleton/funcvars.shared"
// variables. An alias of a constructor (a test seam) and a literal that
// returns a client it builds are constructors; a variable the package
// assigns again, or a literal that returns a shared client, is not.
package funcvars

import (
	"database/sql"
	"net/http"

	"github.com/redis/go-redis/v9"
)

var sqlOpen = sql.Open

var newRedis = redis.NewClient

var openDB = func(dsn string) (*sql.DB, error) {
	return sql.Open("pgx", dsn)
}

var shared, _ = sql.Open("pgx", "postgres://localhost/app")

var sharedDB = func() *sql.DB { return shared }

var swappable = sql.Open

func init() {
	swappable = func(driver, dsn string) (*sql.DB, error) { return shared, nil }
}

func handleSeam(w http.ResponseWriter, r *http.Request) {
	db, err := sqlOpen("pgx", "postgres://localhost/app") // want `sql.Open builds a new \*sql.DB in the HTTP handler handleSeam`
	if err != nil {
		return
	}
	defer db.Close()
}

func handleRedis(w http.ResponseWriter, r *http.Request) {
	rdb := newRedis(&redis.Options{}) // want `redis.NewClient builds a new \*redis.Client in the HTTP handler handleRedis`
	defer rdb.Close()
}

func handleFactory(w http.ResponseWriter, r *http.Request) {
	db, err := openDB("postgres://localhost/app") // want `openDB builds a new \*sql.DB in the HTTP handler handleFactory`
	if err != nil {
		return
	}
	defer db.Close()
}

func handleShared(w http.ResponseWriter, r *http.Request) {
	_ = sharedDB().PingContext(r.Context()) // ok: returns the package's client
}

func handleSwappable(w http.ResponseWriter, r *http.Request) {
	db, err := swappable("pgx", "postgres://localhost/app") // ok: assigned again in init, what it calls is not known
	if err != nil {
		return
	}
	_ = db.PingContext(r.Context())
}
