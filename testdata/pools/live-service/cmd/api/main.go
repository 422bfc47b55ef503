// Command api serves orders from the events and orders pools.
package main

import (
	"context"
	"log"
	"os"

	"example.com/liveservice/internal/db"
)

func main() {
	ctx := context.Background()
	events, err := db.Events(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	defer events.Close()
	orders, err := db.Orders(os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	defer orders.Close()
}
