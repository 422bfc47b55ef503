// Command api serves orders.
package main

import (
	"context"
	"log"
	"os"

	"example.com/orders/internal/pgpool"
	"example.com/orders/internal/store"
)

func main() {
	st, err := store.Open(os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()
	if _, err := store.OpenCatalog(os.Getenv("DATABASE_URL")); err != nil {
		log.Fatal(err)
	}
	if _, err := pgpool.Open(context.Background(), os.Getenv("SEARCH_URL")); err != nil {
		log.Fatal(err)
	}
	audit, err := store.NewPool(os.Getenv("AUDIT_URL"), 15)
	if err != nil {
		log.Fatal(err)
	}
	defer audit.Close()
}
