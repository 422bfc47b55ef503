// Package pkgvars: function literals in package variables. // want package:"singletons pgxpool singleton/pkgvars.sharedPool, sql singleton/pkgvars.reportDB"
//
// A handler kept in a variable runs per request like a declared one and
// does not make the variable a singleton; a literal called where it
// stands, or handed to sync.OnceValue, runs once and does.
package pkgvars

import (
	"context"
	"database/sql"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
	"sync"
)

var handleStats http.HandlerFunc = func(w http.ResponseWriter, r *http.Request) {
	db, err := sql.Open("pgx", "postgres://localhost/app") // want `sql.Open builds a new \*sql.DB in the HTTP handler handleStats: every request opens new connections`
	if err != nil {
		return
	}
	defer db.Close()
}

var handleConverted = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	rdb := redis.NewClient(&redis.Options{}) // want `redis.NewClient builds a new \*redis.Client in the HTTP handler handleConverted`
	defer rdb.Close()
})

var ginRoutes = map[string]gin.HandlerFunc{
	"/count": func(c *gin.Context) {
		rdb := redis.NewClient(&redis.Options{}) // want `redis.NewClient builds a new \*redis.Client in the HTTP handler literal at line 33`
		defer rdb.Close()
	},
}

// Called where it stands: runs once, at package initialisation.
var sharedPool = func() *pgxpool.Pool {
	p, err := pgxpool.New(context.Background(), "postgres://localhost/app")
	if err != nil {
		panic(err)
	}
	return p
}()

// Handed to sync.OnceValue: built once, on first use.
var reportDB = sync.OnceValue(func() *sql.DB {
	db, err := sql.Open("pgx", "postgres://localhost/reports")
	if err != nil {
		panic(err)
	}
	return db
})

// A handler kept in a variable that uses the shared clients builds nothing.
var handleShared = func(w http.ResponseWriter, r *http.Request) {
	_ = sharedPool.Ping(r.Context())
	_ = reportDB().PingContext(r.Context())
}
