// Command shop serves the shop. Production builds link a PostgreSQL driver
// registered as "pgx"; the sample keeps to the standard library.
package main

import (
	"log"
	"net/http"

	"example.com/shop/api"
)

func main() {
	http.HandleFunc("/orders/count", api.OrderCount)
	http.HandleFunc("/customers/count", api.Customers)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
