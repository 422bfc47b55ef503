// Command shop serves the shop's API.
package main

import (
	"log"
	"net/http"

	"example.com/shop/api"
)

func main() {
	http.HandleFunc("/orders", api.Orders)
	http.HandleFunc("/latest", api.Latest)
	http.HandleFunc("/health", api.Health)
	http.HandleFunc("/debug", api.Debug)
	http.HandleFunc("/count", api.Count)
	log.Fatal(http.ListenAndServe("127.0.0.1:8080", nil))
}
