package handlers

import (
	"database/sql"
	"encoding/json"
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"
	"github.com/gofiber/fiber/v2"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
	"github.com/labstack/echo/v4"
	"github.com/redis/go-redis/v9"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

type Server struct {
	dsn string
	db  *sql.DB
	rdb *redis.Client
}

func (s *Server) handleUsers(w http.ResponseWriter, r *http.Request) {
	db, err := sql.Open("pgx", s.dsn) // want `sql.Open builds a new \*sql.DB in the HTTP handler handleUsers: every request opens new connections`
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer db.Close()
	var n int
	_ = db.QueryRowContext(r.Context(), "SELECT count(*) FROM users").Scan(&n)
	_ = json.NewEncoder(w).Encode(n)
}

// The shared client: nothing to report.
func (s *Server) handleUsersShared(w http.ResponseWriter, r *http.Request) {
	var n int
	if err := s.db.QueryRowContext(r.Context(), "SELECT count(*) FROM users").Scan(&n); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	_ = json.NewEncoder(w).Encode(n)
}

func healthz(w http.ResponseWriter, r *http.Request) {
	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"}) // want `redis.NewClient builds a new \*redis.Client in the HTTP handler healthz`
	defer rdb.Close()
	if err := rdb.Ping(r.Context()).Err(); err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
}

func routes(mux *http.ServeMux, dsn string) {
	mux.HandleFunc("/orders", func(w http.ResponseWriter, r *http.Request) {
		pool, err := pgxpool.New(r.Context(), dsn) // want `pgxpool.New builds a new \*pgxpool.Pool in the HTTP handler literal at line 56`
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer pool.Close()
		w.WriteHeader(http.StatusOK)
	})
}

func ginProducts(dsn string) gin.HandlerFunc {
	return func(c *gin.Context) {
		db, err := sqlx.Connect("postgres", dsn) // want `sqlx.Connect builds a new \*sqlx.DB in the HTTP handler literal`
		if err != nil {
			c.JSON(http.StatusInternalServerError, gin.H{"error": err.Error()})
			return
		}
		defer db.Close()
		c.JSON(http.StatusOK, gin.H{"ok": true})
	}
}

func echoReport(c echo.Context) error {
	g, err := gorm.Open(postgres.Open("postgres:///reports"), &gorm.Config{}) // want `gorm.Open builds a new \*gorm.DB in the HTTP handler echoReport`
	if err != nil {
		return err
	}
	var n int64
	g.Table("reports").Count(&n)
	return c.JSON(http.StatusOK, n)
}

func fiberStatus(c *fiber.Ctx) error {
	rdb := redis.NewClient(&redis.Options{Addr: "cache:6379"}) // want `redis.NewClient builds a new \*redis.Client in the HTTP handler fiberStatus`
	defer rdb.Close()
	return c.SendString(rdb.Ping(c.Context()).Val())
}

// Built lazily and cached in the server: built once, not per request.
func (s *Server) handleCache(w http.ResponseWriter, r *http.Request) {
	if s.rdb == nil {
		s.rdb = redis.NewClient(&redis.Options{Addr: "cache:6379"})
	}
	_ = s.rdb.Ping(r.Context())
}

// Not a handler: a constructor that returns the handler; its client is
// built once, when the route is set up.
func NewOrdersHandler(dsn string) (http.HandlerFunc, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	return func(w http.ResponseWriter, r *http.Request) {
		_ = db.PingContext(r.Context())
	}, nil
}

type ReportHandler struct{ dsn string }

// ServeHTTP makes ReportHandler an http.Handler: it runs per request.
func (h ReportHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	db, err := sqlx.Open("postgres", h.dsn) // want `sqlx.Open builds a new \*sqlx.DB in the HTTP handler ServeHTTP`
	if err != nil {
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	defer db.Close()
}

// One pool per tenant, built on the tenant's first request and kept in the
// server's map: built once per tenant, not per request.
type TenantServer struct {
	pools sync.Map // tenant -> *pgxpool.Pool
	dsnOf func(string) string
}

func (s *TenantServer) Orders(w http.ResponseWriter, r *http.Request) {
	tenant := r.Header.Get("X-Tenant")
	if p, ok := s.pools.Load(tenant); ok {
		_ = p.(*pgxpool.Pool).Ping(r.Context())
		return
	}
	pool, err := pgxpool.New(r.Context(), s.dsnOf(tenant))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	s.pools.Store(tenant, pool)
}

type reportJob struct{ db *sql.DB }

func (j *reportJob) Use(db *sql.DB) { j.db = db }

// Handed to an object that lives only for this request: still per request.
func (s *Server) Report(w http.ResponseWriter, r *http.Request) {
	job := &reportJob{}
	db, err := sql.Open("pgx", s.dsn) // want `sql.Open builds a new \*sql.DB in the HTTP handler Report`
	if err != nil {
		return
	}
	job.Use(db)
	defer db.Close()
}
