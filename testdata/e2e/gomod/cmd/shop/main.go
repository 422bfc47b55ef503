// Command shop serves the shop API.
package main

import (
	"context"
	"log"
	"net/http"
	"os"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"example.com/shop/internal/api"
	"example.com/shop/internal/db"
	"example.com/shop/internal/store"
)

func main() {
	ctx := context.Background()

	pool, err := db.Pool(ctx)
	if err != nil {
		log.Fatalf("shop: postgres: %v", err)
	}
	defer db.Close()

	mc, err := mongo.Connect(options.Client().ApplyURI(os.Getenv("MONGO_URL")).SetMaxPoolSize(20))
	if err != nil {
		log.Fatalf("shop: mongo: %v", err)
	}
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = mc.Disconnect(ctx)
	}()

	srv := api.New(
		store.NewUsers(pool),
		store.NewOrders(db.SQLX),
		store.NewEvents(db.Redis),
		mc.Database("shop").Collection("reviews"),
	)
	mux := http.NewServeMux()
	srv.Routes(mux)
	server := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	if err := server.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		log.Printf("shop: %v", err)
	}
}
