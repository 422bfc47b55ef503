// Package api serves the shop's HTTP API.
package api

import (
	"database/sql"
	"encoding/json"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"

	"example.com/shop/internal/db"
	"example.com/shop/internal/reporting"
	"example.com/shop/internal/store"
	"example.com/shop/internal/tenants"
)

// Server holds the repositories the handlers use.
type Server struct {
	users   *store.Users
	orders  *store.Orders
	events  *store.Events
	reviews *mongo.Collection
}

// New returns a Server over the shared clients.
func New(users *store.Users, orders *store.Orders, events *store.Events, reviews *mongo.Collection) *Server {
	return &Server{users: users, orders: orders, events: events, reviews: reviews}
}

// Routes registers the handlers on mux.
func (s *Server) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /users", s.ListUsers)
	mux.HandleFunc("GET /users/export", s.ExportUsers)
	mux.HandleFunc("GET /users/feed", s.FeedUsers)
	mux.HandleFunc("GET /orders/{id}", s.GetOrder)
	mux.HandleFunc("GET /healthz", s.Health)
	mux.HandleFunc("GET /readyz", s.Ready)
	mux.HandleFunc("GET /reports/orders", s.OrderReport)
	mux.HandleFunc("GET /reports/replica", s.ReplicaReport)
	mux.HandleFunc("GET /reviews/{sku}", s.Reviews)
	mux.HandleFunc("GET /reviews/{sku}/recent", s.RecentReviews)
	mux.HandleFunc("GET /stats", s.Stats)
	mux.HandleFunc("POST /tenants/{name}", s.CreateTenant)
	mux.HandleFunc("GET /cache/ping", func(w http.ResponseWriter, r *http.Request) {
		rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")}) // want-e2e: singleton
		defer rdb.Close()
		if err := rdb.Ping(r.Context()).Err(); err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// ListUsers uses the repository over the shared pool.
func (s *Server) ListUsers(w http.ResponseWriter, r *http.Request) {
	users, err := s.users.ListActive(r.Context())
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeJSON(w, users)
}

// ExportUsers streams users and closes the rows it was handed.
func (s *Server) ExportUsers(w http.ResponseWriter, r *http.Request) {
	rows, err := s.users.Stream(r.Context(), time.Time{})
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	enc := json.NewEncoder(w)
	for rows.Next() {
		var u store.User
		if err := rows.Scan(&u.ID, &u.Email); err != nil {
			return
		}
		if err := enc.Encode(u); err != nil {
			return
		}
	}
}

// FeedUsers streams users but stops at a failed write without closing the
// rows it was handed.
func (s *Server) FeedUsers(w http.ResponseWriter, r *http.Request) {
	since, _ := time.Parse(time.RFC3339, r.URL.Query().Get("since"))
	rows, err := s.users.Stream(r.Context(), since) // want-e2e: release
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	enc := json.NewEncoder(w)
	for rows.Next() {
		var u store.User
		if err := rows.Scan(&u.ID, &u.Email); err != nil {
			continue
		}
		if err := enc.Encode(u); err != nil {
			return
		}
	}
}

// GetOrder uses the sqlx repository.
func (s *Server) GetOrder(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		http.Error(w, "bad id", http.StatusBadRequest)
		return
	}
	ord, err := s.orders.Get(r.Context(), id)
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	writeJSON(w, ord)
}

// Health opens a new database/sql pool on every request.
func (s *Server) Health(w http.ResponseWriter, r *http.Request) {
	conn, err := sql.Open("pgx", db.DSN()) // want-e2e: singleton
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	defer conn.Close()
	if err := conn.PingContext(r.Context()); err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// Ready pings the process-wide pool.
func (s *Server) Ready(w http.ResponseWriter, r *http.Request) {
	pool, err := db.Pool(r.Context())
	if err == nil {
		err = pool.Ping(r.Context())
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// OrderReport opens a gorm DB (and its pool) on every request.
func (s *Server) OrderReport(w http.ResponseWriter, r *http.Request) {
	gdb, err := gorm.Open(postgres.Open(db.DSN()), &gorm.Config{}) // want-e2e: singleton
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if sqlDB, err := gdb.DB(); err == nil {
		defer sqlDB.Close()
	}
	var n int64
	if err := gdb.WithContext(r.Context()).Model(&store.Order{}).Where("status = ?", "pending").Count(&n).Error; err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeJSON(w, map[string]int64{"pending": n})
}

// ReplicaReport connects to the replica through a wrapper on every request.
func (s *Server) ReplicaReport(w http.ResponseWriter, r *http.Request) {
	conn, err := reporting.Open(r.Context(), os.Getenv("REPLICA_URL")) // want-e2e: singleton
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	defer conn.Close(r.Context())
	var n int64
	if err := conn.QueryRow(r.Context(), `SELECT count(*) FROM orders`).Scan(&n); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeJSON(w, map[string]int64{"orders": n})
}

// Reviews connects a new MongoDB client on every request.
func (s *Server) Reviews(w http.ResponseWriter, r *http.Request) {
	client, err := mongo.Connect(options.Client().ApplyURI(os.Getenv("MONGO_URL"))) // want-e2e: singleton
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	defer func() { _ = client.Disconnect(r.Context()) }()
	cur, err := client.Database("shop").Collection("reviews").Find(r.Context(), bson.M{"sku": r.PathValue("sku")})
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer cur.Close(r.Context())
	var out []bson.M
	if err := cur.All(r.Context(), &out); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeJSON(w, out)
}

// RecentReviews uses the collection of the client main opened once.
func (s *Server) RecentReviews(w http.ResponseWriter, r *http.Request) {
	opts := options.Find().SetSort(bson.D{{Key: "at", Value: -1}}).SetLimit(20)
	cur, err := s.reviews.Find(r.Context(), bson.M{"sku": r.PathValue("sku")}, opts)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer cur.Close(r.Context())
	var out []bson.M
	if err := cur.All(r.Context(), &out); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeJSON(w, out)
}

// Stats opens a database/sql pool per request and never closes it: one
// finding, singleton's (sharing the pool fixes the missing Close too).
func (s *Server) Stats(w http.ResponseWriter, r *http.Request) {
	conn, err := sql.Open("pgx", db.DSN()) // want-e2e: singleton
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	var n int64
	if err := conn.QueryRowContext(r.Context(), `SELECT count(*) FROM orders`).Scan(&n); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeJSON(w, map[string]int64{"orders": n})
}

// CreateTenant opens an admin connection per request (through
// tenants.CreateDatabase, a builder in another package).
func (s *Server) CreateTenant(w http.ResponseWriter, r *http.Request) {
	if err := tenants.CreateDatabase(r.Context(), os.Getenv("ADMIN_DSN"), r.PathValue("name")); err != nil { // want-e2e: singleton
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusCreated)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
